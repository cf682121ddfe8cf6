"""Small widgets shared by the pages: search box, busy overlay, status badge,
in-place error label, and a table view where Enter moves down a column.

UI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTableView,
    QWidget,
)

from ui.texts import common as T

MUTED_COLOR = "#44546a"


def muted_label(text: str) -> QLabel:
    """A wrapping label in the quiet colour used for explanations."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {MUTED_COLOR};")
    return label


class SearchLineEdit(QLineEdit):
    """A search box with a clear button; ``search_changed`` fires after typing pauses.

    Esc clears it. With ``shortcut=True`` Ctrl+F anywhere in the window
    focuses it (pages usually leave that to the main window's ``focus_search``).
    """

    search_changed = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        placeholder: str = T.SEARCH_PLACEHOLDER,
        delay_ms: int = 200,
        shortcut: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(240)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(lambda: self.search_changed.emit(self.text()))
        self.textChanged.connect(lambda _t: self._timer.start())
        if shortcut:
            sc = QShortcut(QKeySequence.StandardKey.Find, parent or self)
            sc.activated.connect(self.focus_and_select)

    def focus_and_select(self) -> None:
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    def flush(self) -> None:
        """Emit ``search_changed`` now (tests, Enter)."""
        self._timer.stop()
        self.search_changed.emit(self.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            self.flush()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.flush()
        super().keyPressEvent(event)


class ErrorLabel(QLabel):
    """A red message shown in place under a form; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(
            "QLabel { color: #b00020; background: #fdecea; border: 1px solid #f5c2c0;"
            " border-radius: 4px; padding: 6px 8px; }"
        )
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.setText("")
        self.hide()

    def has_message(self) -> bool:
        """True while a message is set (even if the window is not on screen)."""
        return bool(self.text())


class StatusBadge(QLabel):
    """A small rounded label with a colour (e.g. a task status)."""

    COLORS = {
        "ok": ("#1e6b35", "#dff3e4"),
        "warn": ("#7a4b00", "#fff1d6"),
        "bad": ("#8a1c1c", "#fbe0e0"),
        "info": ("#174a7c", "#e0ecf8"),
        "muted": ("#4a4a4a", "#ececec"),
    }

    def __init__(self, text: str = "", kind: str = "info", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.set_kind(kind)

    def set_kind(self, kind: str) -> None:
        fg, bg = self.COLORS.get(kind, self.COLORS["info"])
        self.setStyleSheet(
            f"QLabel {{ color: {fg}; background: {bg}; border-radius: 9px; padding: 2px 10px; }}"
        )

    def set_status(self, text: str, kind: str) -> None:
        self.setText(text)
        self.set_kind(kind)


class BusyOverlay(QWidget):
    """A translucent cover with a moving "Đang xử lý…" text over a busy widget.

    ``start()`` covers the parent and swallows its mouse and key input;
    ``stop()`` uncovers it. It follows the parent's size.
    """

    def __init__(self, parent: QWidget, text: str = T.BUSY) -> None:
        super().__init__(parent)
        self._text = text
        self._dots = 0
        self._timer = QTimer(self)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self._tick)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        parent.installEventFilter(self)
        self.hide()

    def set_text(self, text: str) -> None:
        self._text = text
        self.update()

    def start(self, text: str | None = None) -> None:
        if text:
            self._text = text
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self.setFocus()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.hide()

    def run(
        self,
        fn: Callable[[], Any],
        *,
        owner: QWidget,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        text: str | None = None,
    ) -> None:
        """Cover the parent while ``fn`` runs in the worker, then uncover it.

        The result goes to ``on_done`` and an error to ``on_error`` (default:
        a Vietnamese error box over ``owner``), both on the UI thread, after
        the cover is gone. The one way pages load their data.
        """
        from ui import dialogs
        from ui.worker import error_message, run_in_background

        def done(result: Any) -> None:
            self.stop()
            on_done(result)

        def failed(exc: BaseException) -> None:
            self.stop()
            if on_error is not None:
                on_error(exc)
            else:
                dialogs.error(owner, error_message(exc))

        self.start(text)
        run_in_background(
            lambda _c: fn(), on_done=done, on_error=failed, parent=owner, show_progress=False
        )

    @property
    def active(self) -> bool:
        return self.isVisible()

    def _tick(self) -> None:
        self._dots = (self._dots + 1) % 4
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - swallow input
        event.accept()

    def paintEvent(self, _event: object) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(255, 255, 255, 190))
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        painter.setFont(font)
        painter.setPen(QColor("#1f3b57"))
        text = self._text.rstrip("…. ") + "." * self._dots
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, text)
        painter.end()


class EnterMovesDownFilter(QObject):
    """Makes Enter in a table commit the edit and move to the cell below.

    Office users type a column of numbers like in Excel: value, Enter, value.
    Install with ``enter_moves_down(view)``.
    """

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress:
            return False
        key_event = event  # QKeyEvent
        assert isinstance(key_event, QKeyEvent)
        if key_event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return False
        if key_event.modifiers() & (
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier
        ):
            return False  # Shift+Enter / Alt+Enter: new line inside a text editor
        view = self._view
        current = view.currentIndex()
        if not current.isValid():
            return False
        editing = view.state() == QAbstractItemView.State.EditingState
        if editing:
            editor = view.indexWidget(current) or view.focusWidget()
            if editor is not None:
                view.commitData(editor)
                view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        below = current.sibling(current.row() + 1, current.column())
        if below.isValid():
            view.setCurrentIndex(below)
            if editing and below.flags() & Qt.ItemFlag.ItemIsEditable:
                view.edit(below)
        return True


class _EditorWatcher(QObject):
    """Installs the Enter filter on every editor the view creates (on demand)."""

    def __init__(self, flt: EnterMovesDownFilter, parent: QObject) -> None:
        super().__init__(parent)
        self._flt = flt

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ChildAdded:
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QWidget):
                child.installEventFilter(self._flt)
        return False


def enter_moves_down(view: QAbstractItemView) -> EnterMovesDownFilter:
    """Install the Enter-moves-down behaviour on ``view`` and its editors."""
    flt = EnterMovesDownFilter(view)
    view.installEventFilter(flt)
    view.viewport().installEventFilter(_EditorWatcher(flt, view))
    return flt


def setup_table(view: QTableView, *, stretch_column: int | None = None) -> None:
    """Common look of the program's tables: whole-row selection, alternating
    colours, sortable, no row numbers, readable row height."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 14)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if stretch_column is not None:
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    view.setWordWrap(False)


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with "…" when space is short.

    Its size hint is the whole text; it may shrink to ``min_chars`` characters,
    so a long commune or user name never forces the window wider. The whole
    text is in the tooltip when elided.
    """

    def __init__(
        self, text: str = "", parent: QWidget | None = None, *, min_chars: int = 12
    ) -> None:
        super().__init__(parent)
        self._full = ""
        self._min_chars = min_chars
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        self._full = text
        self._refresh()
        self.updateGeometry()

    def full_text(self) -> str:
        return self._full

    def text(self) -> str:  # the whole text, not the shortened one
        return self._full

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self._full) + 4, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        metrics = self.fontMetrics()
        return QSize(
            metrics.averageCharWidth() * self._min_chars, super().minimumSizeHint().height()
        )

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._refresh()

    def _refresh(self) -> None:
        metrics = self.fontMetrics()
        shown = metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, max(self.width(), 10))
        QLabel.setText(self, shown)
        self.setToolTip(self._full if shown != self._full else "")
