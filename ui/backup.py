"""Tệp → Sao lưu…: copy the open SQLite database to a file the user chooses.

The copy uses ``models.db.sqlite_copy`` (online backup API, checked with
``integrity_check``; the file only appears under its name once complete), runs
in a background job, and is logged (BACKUP) as the signed-in user. A server
database (PostgreSQL) is backed up with the server's tools: the user is told
so. UI thread.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QWidget

from models import audit, paths
from models.db import sqlite_copy
from models.enums import AuditAction
from models.errors import InputError
from models.services import settings as settings_service
from ui import dialogs, worker
from ui.context import AppContext
from ui.texts import common as T


def default_backup_folder(ctx: AppContext) -> Path:
    with ctx.db.session() as s:
        chosen = settings_service.backup_folder(s)
    if chosen is not None:
        return chosen
    assert ctx.db.path is not None
    return paths.backup_dir(ctx.db.path)


def backup_interactively(ctx: AppContext, parent: QWidget | None) -> None:
    """Ask where, then copy in the background and report the result."""
    db = ctx.db
    if db.path is None:
        dialogs.info(
            parent,
            T.BACKUP_NOT_SQLITE.format(where=db.url.render_as_string(hide_password=True)),
            title=T.BACKUP_TITLE,
        )
        return
    folder = default_backup_folder(ctx)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
    target = dialogs.ask_save_file(
        parent,
        title=T.BACKUP_TITLE,
        directory=folder,
        filters=[T.BACKUP_FILTER],
        default_name=T.BACKUP_NAME.format(stamp=stamp),
        default_suffix="db",
    )
    if target is None:
        return
    run_backup(ctx, target, parent=parent)


def run_backup(ctx: AppContext, target: Path, *, parent: QWidget | None = None) -> worker.Job:
    """Copy the database to ``target`` off the UI thread; logs BACKUP."""
    db = ctx.db
    source = db.path
    actor = ctx.actor

    def work(_control: worker.JobControl) -> Path:
        assert source is not None
        if target.resolve() == source.resolve():
            raise InputError(T.BACKUP_SAME_FILE)
        sqlite_copy(source, target)
        with db.transaction(actor=actor) as s:
            audit.log_event(s, AuditAction.BACKUP, summary=T.BACKUP_SUMMARY.format(path=target))
        return target

    return worker.run_in_background(
        work,
        on_done=lambda path: dialogs.info(
            parent, T.BACKUP_DONE.format(path=path), title=T.BACKUP_TITLE
        ),
        progress_label=T.BACKUP_RUNNING,
        parent=parent,
    )
