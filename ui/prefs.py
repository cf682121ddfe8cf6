"""Per-computer preferences of the desktop program (window state, last page,
font size): an INI file in the data folder, so ``NQ57_DATA_DIR`` isolates it
in tests. Kept apart from ``ui.context`` so start-up can read the font size
before the database layer is imported. UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from models import paths

UI_SETTINGS_FILE = "giao-dien.ini"


def ui_settings() -> QSettings:
    """The preferences file of this computer's user (created on first write)."""
    return QSettings(str(paths.data_dir() / UI_SETTINGS_FILE), QSettings.Format.IniFormat)
