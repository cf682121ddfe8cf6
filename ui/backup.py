"""Tệp → Sao lưu…: a backup made on request, into a folder the user chooses.

The work is ``models.backup.make_backup`` (database copy made with the online
backup API plus evidence and report files, verified before it gets its final
name, logged as BACKUP), run in a background job with progress. A server
database (PostgreSQL) is backed up with the server's tools: the user is told
so. UI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from models import backup as backup_service
from ui import dialogs, worker
from ui.context import AppContext
from ui.texts import common as T


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
