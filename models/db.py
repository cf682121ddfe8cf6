"""The one entry point that opens a database.

``open_database(target)`` takes a SQLite file path, any SQLAlchemy URL
(``postgresql+psycopg://...``) or ``None`` for the default file in the
user's data folder. It

1. refuses what is not ours or is damaged, with a Vietnamese ``DatabaseError``;
2. refuses a database written by a newer program (``NewerDatabaseError``)
   and leaves the file untouched;
3. otherwise copies the file (SQLite online backup API) and applies the
   pending Alembic migrations, each in its own transaction.

SQLite connections run with foreign keys on, WAL journal and
``synchronous=FULL``: a power cut loses at most the transaction in flight.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.orm import Session, sessionmaker

from models import audit, paths, texts
from models.errors import AppError, DatabaseError, NewerDatabaseError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@dataclass
class Database:
    """An open database: engine, session factory and, for SQLite, its file."""

    url: URL
    engine: Engine
    path: Path | None
    sessions: sessionmaker[Session]
    migrated_from: str | None = None  # revision before start-up migration
    pre_migration_backup: Path | None = None
    read_only: bool = False
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def evidence_dir(self) -> Path:
        """Managed folder of evidence files (beside the SQLite file)."""
        if self.path is not None:
            return paths.evidence_dir(self.path)
        return paths.companion_dir(paths.data_dir() / _url_slug(self.url), "evidence")

    def session(self, *, actor: audit.Actor | None = None) -> Session:
        """A new session; changes are logged in the audit log as ``actor``."""
        s = self.sessions()
        if actor is not None:
            s.info["actor"] = actor
        return s

    @contextlib.contextmanager
    def transaction(self, *, actor: audit.Actor | None = None) -> Iterator[Session]:
        """A session in one transaction: commit on success, roll back on error."""
        with self.session(actor=actor) as s, s.begin():
            yield s

    def close(self) -> None:
        """Close every connection; give up the instance lock kept in ``info``."""
        self.engine.dispose()
        lock = self.info.pop("instance_lock", None)
        if lock is not None:
            lock.release()


def _url_slug(url: URL) -> str:
    return f"{url.get_backend_name()}-{url.host or 'local'}-{url.database or 'db'}"


def resolve_target(target: str | Path | None) -> tuple[URL, Path | None]:
    """Turn a path, URL or None into an SQLAlchemy URL and the SQLite file."""
    if target is None:
        path = paths.default_db_path()
        return make_url(f"sqlite:///{path}"), path
    text_target = str(target)
    if "://" in text_target:
        try:
            url = make_url(text_target)
        except ArgumentError as exc:
            raise DatabaseError(texts.DB_BAD_URL.format(url=text_target), detail=str(exc)) from exc
        if url.get_backend_name() == "postgresql" and url.get_driver_name() in ("", "psycopg2"):
            # psycopg 3 is the driver we ship; plain postgresql:// means it.
            url = url.set(drivername="postgresql+psycopg")
        if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
            return url, Path(url.database).resolve()
        return url, None
    path = Path(text_target).expanduser().resolve()
    return make_url(f"sqlite:///{path}"), path


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    try:
        cur.execute("PRAGMA journal_mode=WAL")
    except sqlite3.OperationalError:
        pass  # read-only medium: keep the file's journal mode
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()
    # Accent- and case-insensitive search in SQL (the audit log's free text).
    dbapi_conn.create_function("nq57_fold", 1, _fold_sql, deterministic=True)
    dbapi_conn.create_function("nq57_fold_json", 1, _fold_json_sql, deterministic=True)


def _fold_sql(value: object) -> str | None:
    from models.textutil import fold

    return None if value is None else fold(str(value))


def _fold_json_sql(value: object) -> str | None:
    """``nq57_fold`` of a JSON column's text, its unicode escapes undone."""
    if value is None:
        return None
    import json

    try:
        value = json.dumps(json.loads(str(value)), ensure_ascii=False)
    except ValueError:
        pass
    return _fold_sql(value)


def storage_error(exc: BaseException) -> DatabaseError | None:
    """The Vietnamese error for a full disk or a read-only database, else None.

    SQLite rolls the failed transaction back, so what was saved before stays;
    the messages say so.
    """
    msg = str(getattr(exc, "orig", None) or exc).lower()
    if "database or disk is full" in msg or "no space left" in msg:
        return DatabaseError(texts.DB_DISK_FULL, detail=str(exc))
    if "readonly database" in msg or "read-only file system" in msg:
        return DatabaseError(texts.DB_READ_ONLY.format(reason=texts.DB_READ_ONLY_REASON), detail=str(exc))
    return None


def _on_sqlite_error(context: Any) -> None:
    """Engine hook: every statement and commit that fails for lack of space or
    write access, or on a damaged file, raises the program's ``DatabaseError``."""
    mapped = storage_error(context.original_exception)
    if mapped is None:
        msg = str(context.original_exception).lower()
        if "database disk image is malformed" in msg or "file is not a database" in msg:
            where = context.engine.url.database if context.engine is not None else "?"
            mapped = DatabaseError(
                texts.DB_CORRUPT.format(path=where), detail=str(context.original_exception)
            )
    if mapped is not None:
        raise mapped from context.sqlalchemy_exception


def make_engine(url: URL, *, read_only: bool = False) -> Engine:
    """An engine with the program's connection settings for the URL's backend."""
    if url.get_backend_name() == "sqlite":
        connect_args: dict[str, Any] = {"timeout": 5}
        if read_only and url.database not in (None, "", ":memory:"):
            url = make_url(f"sqlite:///file:{url.database}?mode=ro&uri=true")
            connect_args["uri"] = True
        engine = create_engine(url, connect_args=connect_args)
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "handle_error", _on_sqlite_error)
        if read_only:
            event.listen(engine, "connect", lambda c, _r: c.execute("PRAGMA query_only=ON"))
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(connection: Any | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database before SQLAlchemy touches it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise DatabaseError(texts.DB_NOT_OURS.format(path=path))


def readonly_uri(path: Path) -> str:
    """An SQLite URI opening ``path`` read-only; safe for Windows drive paths and
    names with spaces, accents, ``#`` or ``?`` (percent-encoded)."""
    return Path(path).resolve().as_uri() + "?mode=ro"


def sqlite_copy(src: Path, dest: Path) -> Path:
    """Copy a live SQLite database with the online backup API and verify it.

    Safe while other connections write (WAL); the copy is checked with
    ``PRAGMA integrity_check`` before it is trusted.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    source = sqlite3.connect(readonly_uri(src), uri=True)
    try:
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
            ok = target.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            target.close()
    finally:
        source.close()
    if ok != "ok":
        tmp.unlink(missing_ok=True)
        raise DatabaseError(texts.DB_CORRUPT.format(path=src))
    tmp.replace(dest)
    return dest


def _existing_tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def open_database(
    target: str | Path | None = None,
    *,
    create: bool = True,
    migrate: bool = True,
    read_only: bool = False,
) -> Database:
    """Open (and if needed create and migrate) the database at ``target``.

    Raises ``DatabaseError`` (Vietnamese message) when the file is not ours,
    damaged or cannot be opened, and ``NewerDatabaseError`` when it comes
    from a newer program; in both cases nothing is written.
    """
    url, path = resolve_target(target)
    if path is not None:
        _check_sqlite_file(path)
        if not path.exists():
            if not create or read_only:
                raise DatabaseError(
                    texts.DB_CANNOT_OPEN.format(path=path, reason="tệp không tồn tại")
                )
            path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url, read_only=read_only)
    where = str(path) if path is not None else url.render_as_string(hide_password=True)
    try:
        tables = _existing_tables(engine)
        current = current_revision(engine)
    except (OperationalError, SADatabaseError) as exc:
        engine.dispose()
        raise DatabaseError(
            texts.DB_CANNOT_OPEN.format(path=where, reason=_reason(exc)), detail=str(exc)
        ) from exc

    if current is None and tables - {"alembic_version"}:
        engine.dispose()
        raise DatabaseError(texts.DB_NOT_OURS.format(path=where))
    if current is not None and current not in known_revisions():
        engine.dispose()
        raise NewerDatabaseError(texts.DB_NEWER.format(found=current, known=head_revision()))

    db = Database(
        url=url,
        engine=engine,
        path=path,
        sessions=sessionmaker(engine, expire_on_commit=False),
        read_only=read_only,
    )
    audit.install(db.sessions)
    head = head_revision()
    if current != head and migrate and not read_only:
        db.migrated_from = current
        if current is not None and path is not None:
            try:
                db.pre_migration_backup = _pre_migration_backup(path)
            except AppError:
                engine.dispose()
                raise
        try:
            upgrade(engine)
        except Exception as exc:
            engine.dispose()
            raise DatabaseError(
                texts.DB_MIGRATION_FAILED.format(
                    reason=_reason(exc), backup=db.pre_migration_backup or "-"
                ),
                detail=repr(exc),
            ) from exc
    return db


def _pre_migration_backup(path: Path) -> Path:
    """A verified backup (with evidence files) before the schema changes.

    In the chosen backup folder, or beside the database when that folder is
    not available; the migration does not start without it.
    """
    from models.backup import BackupError, BackupKind, make_backup

    try:
        return make_backup(path, reason=BackupKind.MIGRATION)
    except BackupError:
        pass
    try:
        return make_backup(path, dest_dir=paths.backup_dir(path), reason=BackupKind.MIGRATION)
    except BackupError as exc:
        raise DatabaseError(
            texts.DB_MIGRATION_FAILED.format(reason=exc.message, backup="-"), detail=exc.detail
        ) from exc


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to ``revision``; each step commits with its version."""
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)


def integrity_ok(db: Database) -> bool:
    """Quick start-up health check (``PRAGMA quick_check`` on SQLite)."""
    if not db.is_sqlite:
        with db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    with db.engine.connect() as conn:
        rows = conn.execute(text("PRAGMA quick_check")).fetchall()
    return len(rows) == 1 and rows[0][0] == "ok"


def _reason(exc: BaseException) -> str:
    msg = str(getattr(exc, "orig", exc) or exc)
    low = msg.lower()
    if "readonly" in low or "read-only" in low:
        return "tệp hoặc thư mục chỉ cho phép đọc"
    if "disk is full" in low or "no space" in low:
        return "ổ đĩa đã đầy"
    if "file is not a database" in low or "malformed" in low:
        return "tệp không phải cơ sở dữ liệu hoặc đã bị hỏng"
    if "unable to open" in low:
        return "không mở được tệp (kiểm tra đường dẫn và quyền truy cập)"
    if "could not connect" in low or "connection refused" in low:
        return "không kết nối được máy chủ cơ sở dữ liệu"
    if "password authentication failed" in low:
        return "sai tên đăng nhập hoặc mật khẩu máy chủ cơ sở dữ liệu"
    return msg.splitlines()[0] if msg else exc.__class__.__name__
