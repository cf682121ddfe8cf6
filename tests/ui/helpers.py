"""Helpers for driving widgets in UI tests.

``type_text`` types any text, Vietnamese letters included, as key events
carrying the characters (``QTest.keyClicks`` aborts on letters outside
Latin-1, such as "ư" or "ồ").
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` one character at a time."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
