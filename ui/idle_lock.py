"""Idle lock: after ``idle_lock_minutes`` without keyboard or mouse input the
main window is covered by a lock screen that asks for the password again.

``install_idle_lock(window, ctx)`` (called once by the main window) installs
an application-wide event filter that notes the time of the last input, and
a timer that checks it. While locked, the window's content is hidden behind
an opaque screen and every input to any other widget (menus, shortcuts,
open dialogs) is swallowed. Unlocking checks the password in a background
job through ``models.auth.unlock_session`` — the same slowing-down after
wrong passwords as the sign-in, shown as a countdown (nothing sleeps). The
lock screen also offers to sign out. 0 minutes (setting) never locks.
UI thread only.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import auth
from models.errors import PermissionDenied
from models.services.settings import idle_lock_minutes
from ui import worker
from ui.texts import reliability as T
from ui.widgets import ErrorLabel

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.Shortcut,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.ContextMenu,
    }
)
_BLOCKED_WHILE_LOCKED = _INPUT_EVENTS - {QEvent.Type.MouseMove}


class LockScreen(QFrame):
    """The opaque cover with the password box (a child of the main window)."""

    unlock_requested = Signal(str)
    logout_requested = Signal()

    def __init__(self, parent: QWidget, *, username: str, full_name: str, minutes: int) -> None:
        super().__init__(parent)
        self.setObjectName("idle_lock_screen")
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "#idle_lock_screen { background: #1f4e79; }"
            "#idle_lock_box { background: white; border-radius: 6px; }"
        )
        box = QFrame(self)
        box.setObjectName("idle_lock_box")
        box.setFixedWidth(460)
        heading = QLabel(T.IDLE_HEADING)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        self.text = QLabel(
            T.IDLE_TEXT.format(minutes=minutes, username=username, full_name=full_name)
        )
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.password = QLineEdit()
        self.password.setObjectName("idle_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self._submit)
        self.error = ErrorLabel()
        self.unlock_button = QPushButton(T.IDLE_UNLOCK)
        self.unlock_button.setObjectName("idle_unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._submit)
        self.logout_button = QPushButton(T.IDLE_LOGOUT)
        self.logout_button.setObjectName("idle_logout")
        self.logout_button.clicked.connect(self.logout_requested)
        row = QHBoxLayout()
        row.addWidget(QLabel(T.IDLE_PASSWORD))
        row.addWidget(self.password, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.logout_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(24, 20, 24, 18)
        inner.addWidget(heading)
        inner.addWidget(self.text)
        inner.addSpacing(8)
        inner.addLayout(row)
        inner.addWidget(self.error)
        inner.addLayout(buttons)
        # A word-wrapped label in a fixed-width box needs its height set for that width.
        self.text.setMinimumHeight(self.text.heightForWidth(box.width() - 48))
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self._wait_left = 0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)

    def _submit(self) -> None:
        if self._wait_left > 0 or not self.unlock_button.isEnabled():
            return
        if not self.password.text():
            self.error.show_message(T.IDLE_EMPTY)
            return
        self.error.clear_message()
        self.set_busy(True)
        self.unlock_requested.emit(self.password.text())

    def set_busy(self, busy: bool) -> None:
        self.unlock_button.setEnabled(not busy and self._wait_left <= 0)
        self.password.setEnabled(not busy)

    def refused(self, message: str, wait_seconds: int) -> None:
        self.set_busy(False)
        self.password.clear()
        self.password.setFocus()
        self.error.show_message(message)
        if wait_seconds > 0:
            self._wait_left = wait_seconds
            self.unlock_button.setEnabled(False)
            self._countdown.start()

    def _tick(self) -> None:
        self._wait_left -= 1
        if self._wait_left <= 0:
            self._countdown.stop()
            self.error.clear_message()
            self.unlock_button.setEnabled(True)
            return
        self.error.show_message(T.IDLE_WAIT.format(seconds=self._wait_left))


class IdleLock(QObject):
    """Locks ``window`` after a period without input; see the module docstring."""

    locked_changed = Signal(bool)
    logout_requested = Signal()

    def __init__(
        self,
        window: QWidget,
        *,
        db: object,
        user_id: int,
        username: str,
        full_name: str,
        minutes: int,
        timeout_ms: int | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.db = db
        self.user_id = user_id
        self.username = username
        self.full_name = full_name
        self.minutes = minutes
        self._timeout_ms = timeout_ms if timeout_ms is not None else minutes * 60_000
        self._last_input = time.monotonic()
        self.screen: LockScreen | None = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._restart_timer()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    # -- configuration ------------------------------------------------------------------
    def set_minutes(self, minutes: int, *, timeout_ms: int | None = None) -> None:
        self.minutes = minutes
        self._timeout_ms = timeout_ms if timeout_ms is not None else minutes * 60_000
        self._last_input = time.monotonic()
        self._restart_timer()

    def _restart_timer(self) -> None:
        if self._timeout_ms <= 0:
            self._timer.stop()
            return
        self._timer.start(max(50, min(15_000, self._timeout_ms // 4)))

    @property
    def is_locked(self) -> bool:
        return self.screen is not None

    # -- input tracking -----------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind not in _INPUT_EVENTS:
            if kind == QEvent.Type.Resize and watched is self.window and self.screen is not None:
                self.screen.setGeometry(self.window.rect())
            return False
        if self.screen is None:
            self._last_input = time.monotonic()
            return False
        if kind in _BLOCKED_WHILE_LOCKED and self._behind_screen(watched):
            return True  # swallow input meant for anything behind the lock
        return False

    def _behind_screen(self, watched: QObject) -> bool:
        """Whether ``watched`` belongs to the locked window (its widgets, actions,
        shortcuts, dialogs) but not to the lock screen itself."""
        if not self.window.isVisible():
            return False
        obj: QObject | None = watched
        while obj is not None:
            if obj is self.screen:
                return False
            if obj is self.window:
                return True
            obj = obj.parent()
        return False

    def check(self) -> None:
        """Lock when the idle time has passed (called by the timer)."""
        if self.screen is not None or self._timeout_ms <= 0:
            return
        if (time.monotonic() - self._last_input) * 1000 >= self._timeout_ms:
            self.lock()

    # -- locking ----------------------------------------------------------------------
    def lock(self) -> None:
        if self.screen is not None:
            return
        screen = LockScreen(
            self.window, username=self.username, full_name=self.full_name, minutes=self.minutes
        )
        screen.setGeometry(self.window.rect())
        screen.unlock_requested.connect(self._try_unlock)
        screen.logout_requested.connect(self._logout)
        self.screen = screen
        screen.show()
        screen.raise_()
        screen.password.setFocus()
        self.locked_changed.emit(True)

    def _try_unlock(self, password: str) -> None:
        db, user_id = self.db, self.user_id

        def work(_control: object) -> tuple[bool, str, int]:
            with db.session() as s:  # type: ignore[attr-defined]
                # A read-only database (second copy) cannot record the attempt.
                finish = s.rollback if getattr(db, "read_only", False) else s.commit
                try:
                    auth.unlock_session(s, user_id=user_id, password=password)
                except auth.LoginThrottled as exc:
                    finish()
                    return False, exc.message, exc.wait_seconds
                except PermissionDenied as exc:
                    finish()
                    return False, exc.message, 0
                finish()
                return True, "", 0

        worker.run_in_background(
            work, on_done=self._unlock_checked, on_error=self._unlock_failed,
            parent=self.window, show_progress=False,
        )

    def _unlock_checked(self, result: tuple[bool, str, int]) -> None:
        ok, message, wait = result
        if self.screen is None:
            return
        if not ok:
            self.screen.refused(message, wait)
            return
        self.unlock()

    def _unlock_failed(self, exc: BaseException) -> None:
        if self.screen is not None:
            self.screen.refused(worker.error_message(exc), 0)

    def unlock(self) -> None:
        screen, self.screen = self.screen, None
        if screen is not None:
            screen.hide()
            screen.deleteLater()
        self._last_input = time.monotonic()
        self.locked_changed.emit(False)

    def _logout(self) -> None:
        self.unlock()
        self.logout_requested.emit()

    def uninstall(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


def install_idle_lock(window: QWidget, ctx: object) -> IdleLock:
    """Install the idle lock on the main window of ``ctx``'s signed-in user.

    Reads ``idle_lock_minutes`` now and again whenever the settings change;
    the lock screen's "Đăng xuất" emits the window's ``logout_requested``.
    """
    with ctx.db.session() as s:  # type: ignore[attr-defined]
        minutes = idle_lock_minutes(s)
    user = ctx.user  # type: ignore[attr-defined]
    idle = IdleLock(
        window, db=ctx.db, user_id=user.id, username=user.username,  # type: ignore[attr-defined]
        full_name=user.full_name, minutes=minutes,
    )

    def on_changed(area: str) -> None:
        if area == "settings":
            with ctx.db.session() as s:  # type: ignore[attr-defined]
                idle.set_minutes(idle_lock_minutes(s))

    ctx.data_changed.connect(on_changed)  # type: ignore[attr-defined]
    signal = getattr(window, "logout_requested", None)
    if signal is not None:
        idle.logout_requested.connect(signal.emit)
    return idle


__all__ = ["IdleLock", "LockScreen", "install_idle_lock"]
