"""First run of an upper-level database that has no account yet.

A province or national database made by ``python main.py import --scope ...``
holds bundles but no user: this dialog shows its scope and creates the first
administrator (``models.services.upper.create_first_admin``, in a background
job). After ``exec()`` returns Accepted, ``admin_username`` is the account
to sign in with. UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLayout, QVBoxLayout, QWidget

from models.audit import Actor
from models.bundle.scope import Scope
from models.db import Database
from models.services import upper as upper_service
from ui import worker
from ui.setup_wizard import AdminForm
from ui.texts import upper as T
from ui.widgets import ErrorLabel


class UpperAdminDialog(QDialog):
    """Shows the scope of ``db`` and asks for its first administrator."""

    def __init__(self, db: Database, scope: Scope, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.scope = scope
        self.admin_username: str | None = None
        self._busy = False
        self.setObjectName("upper_admin_dialog")
        self.setWindowTitle(T.ADMIN_DIALOG_TITLE)
        self.setMinimumWidth(720)
        self.heading = QLabel(upper_service.scope_title(scope))
        self.heading.setObjectName("scope_heading")
        self.heading.setWordWrap(True)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        intro = QLabel(T.ADMIN_DIALOG_INTRO)
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #44546a;")
        self.form = AdminForm()
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox()
        self.create_button = self.buttons.addButton(
            T.ADMIN_CREATE, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setDefault(True)
        self.quit_button = self.buttons.addButton(T.ADMIN_QUIT, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # room for the error
        layout.addWidget(self.heading)
        layout.addSpacing(6)
        layout.addWidget(intro)
        layout.addSpacing(10)
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.form.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.create_button.setEnabled(not busy)
        self.quit_button.setEnabled(not busy)

    def create(self) -> None:
        """Check the input in place, then create the account in the background."""
        if self._busy:
            return
        found = self.form.problem()
        if found is not None:
            message, field = found
            self.error.show_message(message)
            self.adjustSize()
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            field.selectAll()
            return
        self.error.clear_message()
        db = self.db
        admin = self.form.admin()

        def save(_control: worker.JobControl) -> str:
            with db.transaction(actor=Actor.system()) as s:
                return upper_service.create_first_admin(db, s, scope=None, admin=admin)

        self._set_busy(True)
        worker.run_in_background(
            save,
            on_done=self._created,
            on_error=self._failed,
            progress_label=T.ADMIN_SAVING,
            parent=self,
            modal=True,
        )

    def _created(self, username: str) -> None:
        self._set_busy(False)
        self.admin_username = username
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.error.show_message(worker.error_message(exc))
        self.adjustSize()

    def reject(self) -> None:
        if not self._busy:
            super().reject()
