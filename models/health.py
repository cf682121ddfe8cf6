"""Start-up health: check the database file before the program opens it.

``startup_check(target)`` runs before ``open_database``:

1. a damaged SQLite file (``PRAGMA quick_check`` fails, or the file is not
   readable as a database) raises ``HealthError`` — a ``DatabaseError`` with a
   Vietnamese explanation that names the latest good backup, which the UI
   offers to restore (``ui.recovery_dialog``). Never a traceback, and never a
   silent new empty database in place of the damaged one;
2. a database file that has disappeared while backups of it exist raises
   ``HealthError`` (kind ``missing``) too, so a removed USB stick or a
   deleted file is not silently replaced by an empty database;
3. the instance lock is taken (``models.instance_lock``); when another copy
   of the program holds it the result says to open read-only, with the
   message to show.

``after_open(db)`` runs once the database is open: the start-of-day backup.
Its problems are returned as warnings to show, never raised: a missing USB
stick must not stop the day's work.

Qt-free; call from a worker thread (the check reads the whole file).
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models import texts
from models.backup import BackupError, BackupInfo, backup_at_start_of_day, latest_good_backup
from models.db import resolve_target
from models.errors import AppError, DatabaseError
from models.instance_lock import InstanceBusyError, InstanceLock

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"


class HealthError(DatabaseError):
    """The database file is damaged or missing; ``backup`` is the one to offer."""

    def __init__(
        self, message: str, *, path: Path, kind: str, backup: BackupInfo | None,
        detail: str | None = None, problem: str | None = None,
    ) -> None:
        super().__init__(message, detail=detail)
        self.problem = problem or message  # the message without the backup sentence
        self.path = path
        self.kind = kind  # "corrupt" | "missing"
        self.backup = backup


@dataclass
class StartupCheck:
    """What ``startup_check`` found; keep ``lock`` alive while the database is open."""

    path: Path | None
    lock: InstanceLock | None = None
    read_only: bool = False
    messages: list[str] = field(default_factory=list)


def _backup_sentence(backup: BackupInfo | None) -> str:
    if backup is None:
        return texts.HEALTH_CORRUPT_NO_BACKUP
    return texts.HEALTH_CORRUPT_BACKUP.format(backup=backup.path, when=backup.local_time_text)


def quick_check(path: Path) -> str | None:
    """None when the file reads as a healthy SQLite database, else the reason.

    A database busy in another program is not reported as damaged.
    """
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        return exc.strerror or str(exc)
    if header != SQLITE_HEADER:
        return "tệp không phải cơ sở dữ liệu SQLite hoặc phần đầu tệp đã bị hỏng"
    try:
        con = sqlite3.connect(path, timeout=5)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = con.execute("PRAGMA quick_check").fetchall()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            return None
        return str(exc)
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        con.close()
    if len(rows) == 1 and rows[0][0] == "ok":
        return None
    return "; ".join(str(r[0]) for r in rows[:3])


_NEW_ALLOWED: set[Path] = set()


def allow_new_database(path: Path) -> None:
    """The user chose to start a new database where the old one is missing
    (this process only; the old backups stay where they are)."""
    _NEW_ALLOWED.add(Path(path).resolve())


def check_file(path: Path) -> None:
    """Raise ``HealthError`` when the file is damaged, or gone while backups exist."""
    path.with_name(path.name + ".restore-tmp").unlink(missing_ok=True)  # an interrupted restore
    if not path.exists() or path.stat().st_size == 0:
        if path.resolve() in _NEW_ALLOWED:
            return
        backup = latest_good_backup(path)
        if backup is not None:
            problem = texts.HEALTH_MISSING.format(path=path)
            raise HealthError(
                problem + _backup_sentence(backup),
                path=path, kind="missing", backup=backup, problem=problem.strip(),
            )
        return
    reason = quick_check(path)
    if reason is None:
        return
    log.error("database %s failed its health check: %s", path, reason)
    backup = latest_good_backup(path)
    problem = texts.HEALTH_CORRUPT.format(path=path)
    raise HealthError(
        problem + _backup_sentence(backup),
        path=path, kind="corrupt", backup=backup, detail=reason, problem=problem.strip(),
    )


def startup_check(target: str | Path | None, *, lock: bool = True) -> StartupCheck:
    """The checks before opening: file health, then the instance lock.

    Raises ``HealthError``; a lock held by another copy of the program is not
    an error: the result then says ``read_only`` with the message to show.
    """
    _url, path = resolve_target(target)
    result = StartupCheck(path=path)
    if path is None:
        return result  # a server database: its server keeps it healthy
    check_file(path)
    if lock:
        instance = InstanceLock(path)
        try:
            instance.acquire()
            result.lock = instance
        except InstanceBusyError as exc:
            result.read_only = True
            result.messages.append(exc.message)
        except AppError as exc:  # cannot even create the lock file: read-only folder
            result.read_only = True
            result.messages.append(exc.message)
    return result


def after_open(db: Any, *, actor: Any | None = None) -> list[str]:
    """Work to do once the database is open (start-of-day backup); returns warnings."""
    if getattr(db, "path", None) is None or getattr(db, "read_only", False):
        return []
    try:
        backup_at_start_of_day(db, actor=actor)
    except (BackupError, DatabaseError) as exc:
        log.warning("start-of-day backup failed: %s", exc.message)
        return [texts.HEALTH_BACKUP_WARNING.format(reason=exc.message)]
    return []


__all__ = [
    "HealthError",
    "StartupCheck",
    "after_open",
    "allow_new_database",
    "check_file",
    "quick_check",
    "startup_check",
]
