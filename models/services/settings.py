"""Settings of this database (table ``setting``: key -> JSON value).

Known keys and their rules:
- ``idle_lock_minutes``: lock the program after this many idle minutes;
  0 = never; at most ``MAX_IDLE_LOCK_MINUTES``; default 15;
- ``backup_dir``: folder of automatic backups; ``None`` = the default folder
  beside the database (``models.paths.backup_dir``); must be a writable folder;
- ``db_role`` (``DatabaseRole`` value), written by setup.

Writes go through the audit log like every other table and need
``Permission.EDIT_SETTINGS`` (administrators and compiling officers) for the
session's audit actor (``models.permissions.require_in``; no actor = the
program itself); a refusal is a Vietnamese ``PermissionDenied`` raised before
anything is written. Qt-free; any thread.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from models import texts_catalog as T
from models.errors import InputError
from models.permissions import Permission, require_in
from models.schema import Setting

IDLE_LOCK_MINUTES = "idle_lock_minutes"
BACKUP_DIR = "backup_dir"
DB_ROLE = "db_role"

DEFAULT_IDLE_LOCK_MINUTES = 15
MAX_IDLE_LOCK_MINUTES = 240


def get_setting(session: Session, key: str, default: Any = None) -> Any:
    row = session.get(Setting, key)
    return default if row is None or row.value is None else row.value


def set_setting(session: Session, key: str, value: Any) -> None:
    """Store ``value`` (JSON-serialisable) under ``key``; the caller commits."""
    require_in(session, Permission.EDIT_SETTINGS)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    elif row.value != value:
        row.value = value
    session.flush()


def idle_lock_minutes(session: Session) -> int:
    value = get_setting(session, IDLE_LOCK_MINUTES, DEFAULT_IDLE_LOCK_MINUTES)
    try:
        return max(0, min(int(value), MAX_IDLE_LOCK_MINUTES))
    except (TypeError, ValueError):
        return DEFAULT_IDLE_LOCK_MINUTES


def set_idle_lock_minutes(session: Session, minutes: int) -> None:
    """Minutes of inactivity before the program locks (0 = never)."""
    require_in(session, Permission.EDIT_SETTINGS)
    if not isinstance(minutes, int) or not 0 <= minutes <= MAX_IDLE_LOCK_MINUTES:
        raise InputError(T.IDLE_LOCK_BAD.format(max=MAX_IDLE_LOCK_MINUTES), field=IDLE_LOCK_MINUTES)
    set_setting(session, IDLE_LOCK_MINUTES, minutes)


def backup_folder(session: Session) -> Path | None:
    """The chosen backup folder, or None for the default beside the database."""
    value = get_setting(session, BACKUP_DIR)
    return Path(value) if value else None


def set_backup_folder(session: Session, folder: str | Path | None) -> None:
    """Choose the backup folder (created if missing; must be writable)."""
    require_in(session, Permission.EDIT_SETTINGS)
    if folder is None or not str(folder).strip():
        set_setting(session, BACKUP_DIR, None)
        return
    path = Path(str(folder).strip()).expanduser()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            T.BACKUP_DIR_BAD.format(path=path, reason=exc.strerror or exc), field=BACKUP_DIR
        ) from exc
    if not path.is_dir():
        raise InputError(
            T.BACKUP_DIR_BAD.format(path=path, reason=T.BACKUP_DIR_NOT_DIR), field=BACKUP_DIR
        )
    if not os.access(path, os.W_OK):
        raise InputError(
            T.BACKUP_DIR_BAD.format(path=path, reason=T.BACKUP_DIR_NOT_WRITABLE), field=BACKUP_DIR
        )
    set_setting(session, BACKUP_DIR, str(path.resolve()))
