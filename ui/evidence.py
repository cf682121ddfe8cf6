"""Opening an evidence file from the managed store with the system's program."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from ui import dialogs
from ui.texts import tasks as T


def evidence_path(evidence_dir: Path, stored_name: str) -> Path:
    """Where a stored evidence file lives (``stored_name`` uses "/")."""
    return evidence_dir.joinpath(*stored_name.split("/"))


def open_evidence(
    parent: QWidget | None,
    *,
    evidence_dir: Path,
    stored_name: str,
    original_name: str,
    source: Path | None = None,
) -> bool:
    """Open the file with the program the system associates with it.

    A file not yet saved into the store (``source``) opens from where the
    user picked it. Shows a Vietnamese message and returns False when the
    file is missing or cannot be opened. UI thread only.
    """
    path = source if source is not None else evidence_path(evidence_dir, stored_name)
    if not path.is_file():
        dialogs.warn(parent, T.EVIDENCE_FILE_MISSING.format(path=path))
        return False
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        dialogs.warn(parent, T.EVIDENCE_OPEN_FAILED.format(name=original_name))
        return False
    return True
