"""Sign-in dialog (and the forced password change after a reset).

Every attempt goes through ``models.auth.authenticate`` in its own committed
session, so failed attempts are in the audit log too (LOGIN_FAILED) and a
success is logged as LOGIN. A refusal is shown in place, the password field
is cleared and gets the focus back. UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from models import auth
from models.audit import Actor
from models.db import Database
from models.errors import AppError, PermissionDenied
from models.schema import User
from ui import worker
from ui.texts import common as T
from ui.widgets import ErrorLabel


def _check_login(db: Database, username: str, password: str) -> tuple[int | None, str | None, bool]:
    """Worker: (user id, refusal message, must change password). Commits the log
    (a read-only database, such as a second copy of the program, cannot log)."""
    with db.session() as s:
        finish = s.rollback if db.read_only else s.commit
        try:
            user = auth.authenticate(s, username, password)
        except PermissionDenied as exc:
            finish()
            return None, exc.message, False
        user_id, must_change = user.id, bool(user.must_change_password)
        finish()
        return user_id, None, must_change


class LoginDialog(QDialog):
    """Asks for username and password; ``user_id`` is set when accepted."""

    def __init__(
        self,
        db: Database,
        *,
        commune_name: str | None,
        username: str | None = None,
        demo: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.user_id: int | None = None
        self.must_change_password = False
        self.setWindowTitle(f"{T.LOGIN_TITLE} — {T.APP_TITLE}")
        self.setMinimumWidth(460)

        title = QLabel(T.APP_TITLE)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.commune_label = QLabel(commune_name or "")
        self.commune_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.commune_label.setWordWrap(True)
        bold = QFont(self.commune_label.font())
        bold.setBold(True)
        self.commune_label.setFont(bold)
        self.commune_label.setVisible(bool(commune_name))

        self.username = QLineEdit(username or "")
        self.username.setObjectName("login_username")
        self.username.setMaxLength(64)
        self.password = QLineEdit()
        self.password.setObjectName("login_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(200)
        self.show_password = QCheckBox(T.LOGIN_SHOW_PASSWORD)
        self.show_password.toggled.connect(
            lambda on: self.password.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(T.LOGIN_USERNAME, self.username)
        form.addRow(T.LOGIN_PASSWORD, self.password)
        form.addRow("", self.show_password)

        self.error = ErrorLabel()
        self.error.setObjectName("login_error")
        hint = QLabel(T.LOGIN_DEMO_HINT)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #44546a;")
        hint.setVisible(demo)

        self.buttons = QDialogButtonBox()
        self.login_button = self.buttons.addButton(
            T.LOGIN_BUTTON, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.quit_button = self.buttons.addButton(
            T.LOGIN_QUIT, QDialogButtonBox.ButtonRole.RejectRole
        )
        self.login_button.setDefault(True)
        self.login_button.setAutoDefault(True)
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.commune_label)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.username, self.password)
        self.setTabOrder(self.password, self.show_password)
        self.setTabOrder(self.show_password, self.login_button)
        self.setTabOrder(self.login_button, self.quit_button)
        (self.password if username else self.username).setFocus()

    def _set_busy(self, busy: bool) -> None:
        for w in (self.username, self.password, self.login_button, self.show_password):
            w.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.WaitCursor if busy else Qt.CursorShape.ArrowCursor)

    def try_login(self) -> None:
        """Check the typed account (Enter or the button)."""
        username = self.username.text().strip()
        password = self.password.text()
        if not username or not password:
            self.error.show_message(T.LOGIN_EMPTY)
            (self.username if not username else self.password).setFocus()
            return
        self.error.clear_message()
        self._set_busy(True)
        worker.run_in_background(
            lambda _c: _check_login(self.db, username, password),
            on_done=self._on_checked,
            on_error=self._on_failed,
            parent=self,
            show_progress=False,
        )

    def _on_checked(self, result: tuple[int | None, str | None, bool]) -> None:
        self._set_busy(False)
        user_id, refusal, must_change = result
        if user_id is None:
            self.error.show_message(refusal or "")
            self.password.clear()
            self.password.setFocus()
            return
        self.user_id = user_id
        self.must_change_password = must_change
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.error.show_message(worker.error_message(exc))
        self.password.setFocus()


def _change_password(db: Database, user_id: int, password: str, repeat: str) -> None:
    """Set the new password chosen after an administrator's reset (logged)."""
    with db.session() as s, s.begin():
        user = s.get(User, user_id)
        if user is not None:
            s.info["actor"] = Actor(user.id, user.username)
        auth.change_password(
            s, user_id=user_id, old_password=None, new_password=password, repeat=repeat
        )


class ChangePasswordDialog(QDialog):
    """Forced after an administrator reset the password; cannot be skipped."""

    def __init__(self, db: Database, user_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.user_id = user_id
        self.setWindowTitle(T.CHANGE_PASSWORD_TITLE)
        self.setMinimumWidth(440)
        intro = QLabel(T.CHANGE_PASSWORD_INTRO)
        intro.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(T.NEW_PASSWORD, self.password)
        form.addRow(T.NEW_PASSWORD_AGAIN, self.repeat)
        self.error = ErrorLabel()
        buttons = QDialogButtonBox()
        ok = buttons.addButton(T.SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.addButton(T.CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _save(self) -> None:
        try:
            _change_password(self.db, self.user_id, self.password.text(), self.repeat.text())
        except AppError as exc:
            self.error.show_message(exc.message)
            self.password.clear()
            self.repeat.clear()
            self.password.setFocus()
            return
        self.accept()
