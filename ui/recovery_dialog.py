"""Start-up recovery: the database failed its health check (``HealthError``).

The dialog explains in Vietnamese what is wrong, names the latest good
backup and offers to restore it (or another backup the user picks), or — when
the file is missing, not damaged — to start a new empty database. Nothing is
done without a click; the restore runs in a background job and keeps the
damaged file in the backup folder first (``models.backup.restore``).

``offer_recovery(error)`` returns ``RESTORED``, ``NEW`` or ``QUIT``; on
``RESTORED``/``NEW`` the caller starts the opening again. UI thread.
"""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import health
from models.backup import BackupError, BackupInfo, RestoreResult, restore, verify_backup
from models.health import HealthError
from ui import dialogs, worker
from ui.texts import common as TC
from ui.texts import reliability as T


class Outcome(enum.Enum):
    RESTORED = "restored"
    NEW = "new"
    QUIT = "quit"


class RecoveryDialog(QDialog):
    """Explains a failed health check and offers the way out."""

    def __init__(self, error: HealthError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error = error
        self.backup: BackupInfo | None = error.backup
        self.outcome = Outcome.QUIT
        self.result_info: RestoreResult | None = None
        self.setObjectName("recovery_dialog")
        self.setWindowTitle(T.RECOVERY_TITLE)
        self.setMinimumWidth(620)

        heading = QLabel(
            T.RECOVERY_HEADING_MISSING if error.kind == "missing" else T.RECOVERY_HEADING_CORRUPT
        )
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        heading.setStyleSheet("color: #9c1c1c;")
        self.message = QLabel(error.problem if error.backup is not None else error.message)
        self.message.setObjectName("recovery_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup_label = QLabel()
        self.backup_label.setObjectName("recovery_backup")
        self.backup_label.setWordWrap(True)
        self.backup_label.setTextFormat(Qt.TextFormat.RichText)
        self.backup_label.setStyleSheet(
            "background: #eef5ec; border: 1px solid #9cc49a; padding: 8px;"
        )

        self.restore_button = QPushButton(T.RECOVERY_RESTORE)
        self.restore_button.setObjectName("restore_button")
        self.restore_button.setDefault(True)
        self.choose_button = QPushButton(T.RECOVERY_CHOOSE)
        self.new_button = QPushButton(T.RECOVERY_NEW)
        self.new_button.setVisible(error.kind == "missing")
        self.quit_button = QPushButton(T.RECOVERY_QUIT)
        self.restore_button.clicked.connect(self.restore_offered)
        self.choose_button.clicked.connect(self.choose_other)
        self.new_button.clicked.connect(self.start_new)
        self.quit_button.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.addWidget(heading)
        layout.addSpacing(6)
        layout.addWidget(self.message)
        layout.addSpacing(8)
        layout.addWidget(self.backup_label)
        layout.addSpacing(10)
        layout.addLayout(buttons)
        self._show_backup()

    def _show_backup(self) -> None:
        b = self.backup
        self.restore_button.setEnabled(b is not None)
        self.backup_label.setVisible(b is not None)
        if b is None:
            return
        commune = T.RECOVERY_BACKUP_COMMUNE.format(commune=b.commune_name) if b.commune_name else ""
        files = T.RECOVERY_BACKUP_FILES.format(files=b.files) if b.files else ""
        self.backup_label.setText(
            T.RECOVERY_BACKUP_LINE.format(
                name=b.path.name, when=b.local_time_text, commune=commune, files=files,
                folder=b.path.parent,
            )
        )

    # -- actions --------------------------------------------------------------------
    def choose_other(self) -> None:
        start = self.backup.path.parent if self.backup else self.error.path.parent
        picked = dialogs.ask_open_file(
            self, title=T.RECOVERY_CHOOSE, directory=start, filters=[T.RECOVERY_CHOOSE_FILTER]
        )
        if picked is None:
            return
        try:
            self.backup = verify_backup(Path(picked))
        except BackupError as exc:
            dialogs.error(self, exc.message)
            return
        self._show_backup()

    def restore_offered(self) -> None:
        if self.backup is None:
            return
        if not dialogs.confirm(
            self, T.RECOVERY_TITLE, T.RECOVERY_CONFIRM.format(when=self.backup.local_time_text)
        ):
            return
        self.run_restore(self.backup.path)

    def run_restore(self, backup: Path) -> None:
        """Restore in the background; the dialog closes when it is done."""
        for b in (self.restore_button, self.choose_button, self.new_button, self.quit_button):
            b.setEnabled(False)
        target = self.error.path
        worker.run_in_background(
            lambda control: restore(
                target, backup,
                progress=lambda done, total, text: control.report(done, total, text),
            ),
            on_done=self._restored,
            on_error=self._failed,
            parent=self,
            progress_label=T.RECOVERY_WORKING,
            modal=True,
        )

    def _restored(self, result: RestoreResult) -> None:
        self.result_info = result
        text = T.RECOVERY_DONE.format(name=result.backup.path.name)
        if result.safety_backup is not None:
            text += T.RECOVERY_DONE_SAFETY.format(path=result.safety_backup)
        dialogs.info(self, text)
        self.outcome = Outcome.RESTORED
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        for b in (self.choose_button, self.new_button, self.quit_button):
            b.setEnabled(True)
        self._show_backup()
        dialogs.error(self, worker.error_message(exc), title=TC.TITLE_ERROR)

    def start_new(self) -> None:
        if not dialogs.confirm(self, T.RECOVERY_TITLE, T.RECOVERY_NEW_CONFIRM):
            return
        health.allow_new_database(self.error.path)
        self.outcome = Outcome.NEW
        self.accept()


def offer_recovery(error: HealthError, parent: QWidget | None = None) -> Outcome:
    """Show the recovery dialog (modal) and return what the user chose."""
    dialog = RecoveryDialog(error, parent)
    dialog.exec()
    outcome = dialog.outcome
    dialog.deleteLater()
    return outcome


__all__ = ["Outcome", "RecoveryDialog", "offer_recovery"]
