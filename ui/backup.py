"""Tệp → Sao lưu…: a backup made on request, into a folder the user chooses;
Tệp → Phục hồi từ bản sao lưu…: choosing and restoring a backup.

The work is ``models.backup.make_backup`` (database copy made with the online
backup API plus evidence and report files, verified before it gets its final
name, logged as BACKUP), run in a background job with progress. A server
database (PostgreSQL) is backed up with the server's tools: the user is told
so. UI thread.

Restoring (administrators: ``Permission.RESTORE``): ``choose_restore`` lists
the backups of the database in its backup folders (newest first) or takes a
file the user picks, verifies the chosen one in a background job and asks
for confirmation; ``run_restore`` then runs ``models.backup.restore`` in the
background on the closed database (``ui.app.AppController`` closes it first,
keeping the instance lock, and reopens it afterwards).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models import backup as backup_service
from ui import dialogs, worker
from ui.context import AppContext
from ui.tables import Column, RecordsModel
from ui.texts import common as T
from ui.texts import restore as TR
from ui.widgets import ErrorLabel


def backup_interactively(ctx: AppContext, parent: QWidget | None) -> worker.Job | None:
    """Ask for the folder (the configured one first), then back up in the background."""
    db = ctx.db
    if db.path is None:
        dialogs.info(
            parent,
            T.BACKUP_NOT_SQLITE.format(where=db.url.render_as_string(hide_password=True)),
            title=T.BACKUP_TITLE,
        )
        return None
    folder = dialogs.ask_directory(
        parent, title=T.BACKUP_TITLE, directory=backup_service.configured_backup_dir(db.path)
    )
    if folder is None:
        return None
    return run_backup(ctx, folder, parent=parent)


def run_backup(ctx: AppContext, folder: Path, *, parent: QWidget | None = None) -> worker.Job:
    """Back up into ``folder`` off the UI thread; tells the user where it went."""
    db = ctx.db
    actor = ctx.actor

    def work(control: worker.JobControl) -> Path:
        return backup_service.make_backup(
            db,
            dest_dir=folder,
            reason=backup_service.BackupKind.MANUAL,
            actor=actor,
            progress=control.report,
        )

    return worker.run_in_background(
        work,
        on_done=lambda path: dialogs.info(
            parent, T.BACKUP_DONE.format(path=path), title=T.BACKUP_TITLE
        ),
        progress_label=T.BACKUP_RUNNING,
        parent=parent,
    )


# ---------------------------------------------------------------------------
# Restoring
# ---------------------------------------------------------------------------


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, size // 1024)} KB"


def restore_candidates(db_path: Path) -> list[backup_service.BackupFile]:
    """Backups of the database at ``db_path`` in its backup folders, newest
    first (raw copies of damaged databases left out; not verified here)."""
    found: list[backup_service.BackupFile] = []
    for folder in backup_service.backup_folders(db_path):
        found.extend(backup_service.list_backups(folder, stem=db_path.stem))
    found = [b for b in found if b.kind is not backup_service.BackupKind.DAMAGED]
    found.sort(key=lambda b: (b.stamp, b.path.name), reverse=True)
    return found


class RestoreDialog(QDialog):
    """Lists the backups; "Phục hồi" verifies the chosen one and asks to confirm.

    After ``exec()`` returns Accepted, ``chosen`` is the verified backup.
    """

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.chosen: backup_service.BackupInfo | None = None
        self.setObjectName("restore_dialog")
        self.setWindowTitle(TR.TITLE)
        self.resize(820, 460)
        intro = QLabel(TR.INTRO)
        intro.setWordWrap(True)
        kinds = backup_service.KIND_LABELS
        self.model = RecordsModel(
            [
                Column("when", TR.COL_WHEN, get=lambda b: b.stamp.strftime("%d/%m/%Y %H:%M:%S")),
                Column("kind", TR.COL_KIND, get=lambda b: kinds.get(b.kind, TR.KIND_OTHER)),
                Column("size", TR.COL_SIZE, get=lambda b: _size_text(b.size)),
                Column("folder", TR.COL_FOLDER, get=lambda b: str(b.path.parent)),
            ]
        )
        self.model.set_records(restore_candidates(db_path))
        self.view = QTableView()
        self.view.setObjectName("backup_table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _i: self.restore_selected())
        self.empty = QLabel(TR.NONE_FOUND)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #44546a;")
        self.empty.setVisible(self.model.rowCount() == 0)
        self.error = ErrorLabel()
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton(TR.RESTORE, QDialogButtonBox.ButtonRole.AcceptRole)
        self.file_button = buttons.addButton(TR.CHOOSE_FILE, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(T.CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)
        self.file_button.clicked.connect(self.choose_file)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if self.model.rowCount():
            self.view.selectRow(0)

    def restore_selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            self.error.show_message(TR.NOTHING_SELECTED)
            return
        self.check_and_confirm(self.model.record(rows[0].row()).path)

    def choose_file(self) -> None:
        folder = backup_service.configured_backup_dir(self.db_path)
        path = dialogs.ask_open_file(
            self, title=TR.TITLE, directory=folder, filters=[TR.FILE_FILTER]
        )
        if path is not None:
            self.check_and_confirm(path)

    def check_and_confirm(self, path: Path) -> None:
        """Verify ``path`` in the background, then ask; accept when confirmed."""
        self.error.clear_message()
        worker.run_in_background(
            lambda _c: backup_service.verify_backup(path),
            on_done=self._verified,
            on_error=lambda exc: self.error.show_message(worker.error_message(exc)),
            progress_label=TR.CHECKING,
            parent=self,
            modal=True,
        )

    def _verified(self, info: backup_service.BackupInfo) -> None:
        if dialogs.confirm(self, TR.TITLE, TR.CONFIRM.format(when=info.local_time_text)):
            self.chosen = info
            self.accept()


def choose_restore(ctx: AppContext, parent: QWidget | None) -> Path | None:
    """Let an administrator choose and confirm a backup; None when cancelled
    or not possible here (server database, read-only copy: the user is told)."""
    db = ctx.db
    if db.path is None:
        dialogs.info(
            parent,
            TR.NOT_SQLITE.format(where=db.url.render_as_string(hide_password=True)),
            title=TR.TITLE,
        )
        return None
    if db.read_only:
        dialogs.info(parent, TR.READ_ONLY, title=TR.TITLE)
        return None
    dialog = RestoreDialog(Path(db.path), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
        return None
    return dialog.chosen.path


def run_restore(
    *,
    db_path: Path,
    backup: Path,
    lock: Any | None,
    actor: Any | None,
    on_done: Callable[[backup_service.RestoreResult], None],
    on_error: Callable[[BaseException], None],
    parent: QWidget | None = None,
) -> worker.Job:
    """Restore ``backup`` over the closed database at ``db_path`` off the UI
    thread, with progress. ``lock`` is the instance lock this program holds."""

    def work(control: worker.JobControl) -> backup_service.RestoreResult:
        return backup_service.restore(
            db_path,
            backup,
            lock=lock,
            actor=actor,
            progress=control.report,
        )

    return worker.run_in_background(
        work,
        on_done=on_done,
        on_error=on_error,
        progress_label=TR.WORKING,
        parent=parent,
        modal=True,
    )


def restore_done_text(result: backup_service.RestoreResult) -> str:
    text = TR.DONE.format(name=result.backup.path.name)
    if result.safety_backup is not None:
        text += TR.DONE_SAFETY.format(path=result.safety_backup)
    return text
