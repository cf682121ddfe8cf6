"""Save screenshots of real widgets for the user guide (``docs/img``).

``save_screenshot(widget, name)`` writes ``docs/img/<name>.png`` only when the
environment variable ``NQ57_SCREENSHOTS=1`` is set (tests stay side-effect
free otherwise); ``grab(widget, path)`` always writes, for looking at a screen
during development. The widget is laid out and painted first. UI thread.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

REPO = Path(__file__).resolve().parents[2]
IMG_DIR = REPO / "docs" / "img"
ENV = "NQ57_SCREENSHOTS"


def grab(widget: QWidget, path: Path) -> Path:
    """Render ``widget`` (shown, laid out) into the PNG file ``path``."""
    if not widget.isVisible():
        widget.show()
    app = QApplication.instance()
    for _ in range(3):
        if app is not None:
            app.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path


def enabled() -> bool:
    return os.environ.get(ENV) == "1"


def save_screenshot(widget: QWidget, name: str) -> Path | None:
    """Save ``docs/img/<name>.png`` when ``NQ57_SCREENSHOTS=1``; else do nothing."""
    if not enabled():
        return None
    return grab(widget, IMG_DIR / f"{name}.png")
