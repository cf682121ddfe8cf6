"""Backups of a commune database with its evidence files, and restoring them.

A backup is one zip file ``<db>-YYYYMMDD-HHMMSS-<kind>.nq57-backup.zip``:

- ``database.sqlite``: a copy made with SQLite's online backup API (safe
  while the program writes), checked with ``PRAGMA integrity_check``;
- ``evidence/...`` and ``reports/...``: the managed evidence files and the
  issued report files (the companion folders ``<db>.evidence`` and
  ``<db>.reports``). The bundle signing key (``<db>.keys``) is deliberately
  left out: a backup carried on a USB stick must not let anyone sign bundles;
- ``manifest.json``: format, time, kind, schema revision, program version and
  the SHA-256 and size of every other member.

Rules:

* A backup is written to ``<name>.part``, flushed to disk, read back and
  verified (every hash, and the integrity check of the database inside),
  and only then renamed to its final name. A file with the final name is
  always a complete, verified backup; a failed or interrupted backup leaves
  nothing but possibly a ``.part`` that is removed on the next backup.
* Automatic backups: the first start of each day (``backup_at_start_of_day``),
  before a schema migration (``models.db.open_database``) and before every
  restore (the *safety* backup). ``rotate`` keeps the newest backup of each of
  the last ``keep_daily`` days that have backups and of each of the last
  ``keep_monthly`` months; backups made on request (kind ``thu-cong``) are
  never removed automatically.
* The folder is the setting ``backup_dir`` (another disk, a USB stick), else
  ``<db>.backups`` beside the database (``models.paths.backup_dir``).
* ``restore`` verifies the backup first, makes a safety backup of the
  current data (or, when the current file is damaged, a raw copy of it),
  stages the database beside the live file and adds the backup's files to
  the companion folders, then replaces the database file with one atomic
  rename — the single point where the restore takes effect — and finally
  removes companion files that the restored data does not have. A power cut
  at any step leaves either the old or the restored database, whole.

SQLite files only (a PostgreSQL server is backed up with its own tools).
Qt-free. Functions may run on any thread but never the UI thread (they copy
whole files); ``progress(done, total, text)`` is called from that thread.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from models import texts
from models.errors import AppError, DatabaseError
from models.fileutil import fsync_dir, sha256_file

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]

FORMAT = "nq57-backup"
FORMAT_VERSION = 1
SUFFIX = ".nq57-backup.zip"
DB_MEMBER = "database.sqlite"
MANIFEST = "manifest.json"
COMPANIONS = ("evidence", "reports")
"""Companion folders of the database that a backup carries."""
DEFAULT_KEEP_DAILY = 14
DEFAULT_KEEP_MONTHLY = 12
_CHUNK = 1024 * 1024

_NAME_RE = re.compile(
    r"^(?P<stem>.+)-(?P<ts>\d{8}-\d{6})(?:-(?P<seq>\d+))?-(?P<kind>[a-z-]+)"
    + re.escape(SUFFIX)
    + "$"
)


class BackupKind(enum.StrEnum):
    """Why a backup was made (its value is the tag in the file name)."""

    DAILY = "hang-ngay"
    MANUAL = "thu-cong"
    SAFETY = "truoc-phuc-hoi"
    MIGRATION = "truoc-nang-cap"
    DAMAGED = "ban-hong"  # raw copy of a damaged database kept before a restore


KIND_LABELS: dict[BackupKind, str] = {
    BackupKind.DAILY: texts.BACKUP_KIND_DAILY,
    BackupKind.MANUAL: texts.BACKUP_KIND_MANUAL,
    BackupKind.SAFETY: texts.BACKUP_KIND_SAFETY,
    BackupKind.MIGRATION: texts.BACKUP_KIND_MIGRATION,
    BackupKind.DAMAGED: "bản hỏng",
}

REASONS: dict[BackupKind, str] = {
    BackupKind.DAILY: texts.BACKUP_REASON_DAILY,
    BackupKind.MANUAL: texts.BACKUP_REASON_MANUAL,
    BackupKind.SAFETY: texts.BACKUP_REASON_BEFORE_RESTORE,
    BackupKind.MIGRATION: texts.BACKUP_REASON_BEFORE_MIGRATION,
    BackupKind.DAMAGED: texts.BACKUP_REASON_BEFORE_RESTORE,
}


class BackupError(AppError):
    """A backup cannot be written, read or restored (Vietnamese message)."""


@dataclass(frozen=True)
class BackupInfo:
    """A verified backup file."""

    path: Path
    created_at: dt.datetime  # aware, UTC
    kind: BackupKind
    schema_revision: str | None
    program_version: str
    size: int
    files: int  # companion files carried (evidence, reports)
    commune_name: str = ""
    missing_evidence: tuple[str, ...] = ()

    @property
    def local_time_text(self) -> str:
        """``21/11/2026 08:00`` in the computer's time zone."""
        return self.created_at.astimezone().strftime("%d/%m/%Y %H:%M")


@dataclass(frozen=True)
class BackupFile:
    """A backup file found in a folder (from its name; not verified)."""

    path: Path
    stem: str
    stamp: dt.datetime  # local naive time written in the name
    kind: BackupKind | None

    @property
    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


def _os_reason(exc: OSError) -> str:
    import errno

    if exc.errno == errno.ENOSPC:
        return "ổ đĩa đã đầy"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "thư mục chỉ cho phép đọc hoặc không có quyền ghi"
    if exc.errno == errno.ENOENT:
        return "thư mục không tồn tại (USB đã bị rút ra?)"
    return exc.strerror or str(exc)


def companion_path(db_path: Path, name: str) -> Path:
    """``<db>.<name>`` without creating it (``paths.companion_dir`` creates)."""
    return db_path.with_name(f"{db_path.name}.{name}")


def _companion_files(db_path: Path) -> Iterator[tuple[str, Path]]:
    """(member name, file) of every managed companion file, sorted."""
    for comp in COMPANIONS:
        root = companion_path(db_path, comp)
        if not root.is_dir():
            continue
        for file in sorted(root.rglob("*")):
            if not file.is_file():
                continue
            rel = file.relative_to(root)
            if any(part.startswith(".") for part in rel.parts) or file.name.endswith(".part"):
                continue  # temporary files of a save in progress
            yield f"{comp}/{rel.as_posix()}", file


def _safe_member(name: str) -> bool:
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    parts = PurePosixPath(name).parts
    return all(p not in ("", ".", "..") for p in parts) and not re.match(r"^[A-Za-z]:", name)


def readonly_uri(path: Path) -> str:
    from models.db import readonly_uri as uri

    return uri(path)


def _sqlite_path(db: Any) -> Path:
    """The SQLite file of a ``Database`` or a path; ``BackupError`` otherwise."""
    if isinstance(db, str | Path):
        return Path(db).expanduser().resolve()
    path = getattr(db, "path", None)
    if path is None:
        url = db.url.render_as_string(hide_password=True) if hasattr(db, "url") else str(db)
        raise BackupError(texts.BACKUP_NOT_SQLITE.format(url=url))
    return Path(path)


def _read_setting(db_path: Path, key: str) -> Any:
    """A setting read straight from the file (works before migrations too)."""
    try:
        con = sqlite3.connect(readonly_uri(db_path), uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        row = con.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    except sqlite3.Error:
        return None
    finally:
        con.close()
    if row is None or row[0] is None:
        return None
    try:
        return json.loads(row[0])
    except (TypeError, ValueError):
        return None


def configured_backup_dir(db_path: Path) -> Path:
    """The backup folder of the database: setting ``backup_dir`` or ``<db>.backups``."""
    value = _read_setting(db_path, "backup_dir")
    if isinstance(value, str) and value.strip():
        return Path(value).expanduser()
    return companion_path(db_path, "backups")


def _keep_counts(db_path: Path) -> tuple[int, int]:
    def num(key: str, default: int) -> int:
        value = _read_setting(db_path, key)
        try:
            return max(1, int(value)) if value is not None else default
        except (TypeError, ValueError):
            return default

    return num("backup_keep_daily", DEFAULT_KEEP_DAILY), num(
        "backup_keep_monthly", DEFAULT_KEEP_MONTHLY
    )


def parse_backup_name(path: Path) -> BackupFile | None:
    """The parts of a backup file name, or None for other files."""
    m = _NAME_RE.match(path.name)
    if m is None:
        return None
    try:
        stamp = dt.datetime.strptime(m["ts"], "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    try:
        kind: BackupKind | None = BackupKind(m["kind"])
    except ValueError:
        kind = None
    return BackupFile(path=path, stem=m["stem"], stamp=stamp, kind=kind)


def list_backups(folder: Path, *, stem: str | None = None) -> list[BackupFile]:
    """Backup files in ``folder`` (of the database named ``stem``), newest first."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    found = [b for b in (parse_backup_name(p) for p in entries if p.is_file()) if b is not None]
    if stem is not None:
        found = [b for b in found if b.stem == stem]
    found.sort(key=lambda b: (b.stamp, b.path.name), reverse=True)
    return found


def _backup_name(folder: Path, stem: str, kind: BackupKind, now: dt.datetime) -> Path:
    ts = now.astimezone().strftime("%Y%m%d-%H%M%S")
    candidate = folder / f"{stem}-{ts}-{kind.value}{SUFFIX}"
    seq = 1
    while candidate.exists() or candidate.with_name(candidate.name + ".part").exists():
        seq += 1
        candidate = folder / f"{stem}-{ts}-{seq}-{kind.value}{SUFFIX}"
    return candidate


# ---------------------------------------------------------------------------
# Making a backup
# ---------------------------------------------------------------------------


def make_backup(
    db: Any,
    *,
    dest_dir: Path | None = None,
    reason: BackupKind | str = BackupKind.MANUAL,
    actor: Any | None = None,
    progress: Progress | None = None,
    now: dt.datetime | None = None,
) -> Path:
    """Back up the database (a ``Database`` or the path of an SQLite file).

    Returns the path of the verified backup. ``dest_dir`` defaults to the
    configured backup folder. Raises ``BackupError`` (nothing left behind)
    when the folder cannot be written, and ``DatabaseError`` when the live
    database fails its integrity check. When ``db`` is an open, writable
    ``Database`` the backup is recorded in the audit log as ``actor``.
    """
    from models.db import sqlite_copy

    kind = BackupKind(reason)
    db_path = _sqlite_path(db)
    if not db_path.is_file():
        raise BackupError(texts.BACKUP_NO_DB.format(path=db_path))
    folder = Path(dest_dir).expanduser() if dest_dir is not None else configured_backup_dir(db_path)
    created = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)

    def step(done: int, total: int, text: str) -> None:
        if progress is not None:
            progress(done, total, text)

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(
            texts.BACKUP_WRITE_FAILED.format(folder=folder, reason=_os_reason(exc))
        ) from exc
    _remove_stale_parts(folder)
    final = _backup_name(folder, db_path.stem, kind, created)
    part = final.with_name(final.name + ".part")
    with tempfile.TemporaryDirectory(prefix="nq57-backup-") as tmp:
        snapshot = Path(tmp) / DB_MEMBER
        step(0, 3, "Đang chép cơ sở dữ liệu…")
        sqlite_copy(db_path, snapshot)  # online backup API + integrity check
        revision = _revision_of(snapshot)
        # Evidence is listed after the snapshot: files are stored before the
        # rows that name them are committed, so every file the snapshot needs
        # is already in the folder.
        companions = list(_companion_files(db_path))
        members: dict[str, dict[str, Any]] = {}
        try:
            with part.open("wb") as fh:
                with zipfile.ZipFile(fh, "w", allowZip64=True) as zf:
                    sha, size = sha256_file(snapshot)
                    zf.write(
                        snapshot, DB_MEMBER, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1
                    )
                    members[DB_MEMBER] = {"sha256": sha, "size": size}
                    total = len(companions)
                    for i, (name, file) in enumerate(companions, start=1):
                        if i % 20 == 1:
                            step(1, 3, f"Đang chép tệp minh chứng ({i}/{total})…")
                        sha, size = sha256_file(file)
                        zf.write(file, name, compress_type=zipfile.ZIP_STORED)
                        members[name] = {"sha256": sha, "size": size}
                    manifest = {
                        "format": FORMAT,
                        "format_version": FORMAT_VERSION,
                        "created_at": created.isoformat(),
                        "kind": kind.value,
                        "reason": REASONS[kind],
                        "database_name": db_path.name,
                        "schema_revision": revision,
                        "program_version": _program_version(),
                        "members": members,
                    }
                    zf.writestr(
                        MANIFEST,
                        json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"),
                        compress_type=zipfile.ZIP_DEFLATED,
                    )
                fh.flush()
                os.fsync(fh.fileno())
            step(2, 3, "Đang kiểm tra lại bản sao lưu…")
            verify_backup(part)
            os.replace(part, final)
            fsync_dir(folder)
        except BackupError as exc:
            part.unlink(missing_ok=True)
            raise BackupError(
                texts.BACKUP_WRITE_FAILED.format(folder=folder, reason=exc.message)
            ) from exc
        except OSError as exc:
            part.unlink(missing_ok=True)
            raise BackupError(
                texts.BACKUP_WRITE_FAILED.format(folder=folder, reason=_os_reason(exc))
            ) from exc
        except BaseException:
            part.unlink(missing_ok=True)
            raise
    step(3, 3, "Đã sao lưu.")
    _log_backup(db, final, kind, actor)
    return final


def _program_version() -> str:
    from models.version import program_version

    return program_version()


def _revision_of(sqlite_file: Path) -> str | None:
    con = sqlite3.connect(readonly_uri(sqlite_file), uri=True)
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    except sqlite3.Error:
        return None
    finally:
        con.close()


def _remove_stale_parts(folder: Path) -> None:
    """Remove ``.part`` files of backups interrupted more than an hour ago."""
    limit = dt.datetime.now().timestamp() - 3600
    try:
        for p in folder.glob("*" + SUFFIX + ".part"):
            try:
                if p.stat().st_mtime < limit:
                    p.unlink()
            except OSError:
                pass
    except OSError:
        pass


def _log_backup(db: Any, final: Path, kind: BackupKind, actor: Any | None) -> None:
    """Record the backup in the audit log of an open, writable database."""
    if isinstance(db, str | Path) or getattr(db, "read_only", True):
        return
    from models.audit import log_event
    from models.enums import AuditAction

    try:
        with db.transaction(actor=actor) as s:
            log_event(
                s, AuditAction.BACKUP,
                summary=texts.BACKUP_AUDIT.format(reason=REASONS[kind], path=final),
                entity="backup",
            )
    except Exception:  # noqa: BLE001 - the backup itself is made and verified
        log.warning("could not record backup %s in the audit log", final, exc_info=True)


# ---------------------------------------------------------------------------
# Verifying
# ---------------------------------------------------------------------------


def _refuse(path: Path, reason: str) -> BackupError:
    return BackupError(texts.BACKUP_VERIFY_FAILED.format(path=path.name, reason=reason))


def _read_manifest(path: Path, zf: zipfile.ZipFile) -> dict[str, Any]:
    try:
        raw = zf.read(MANIFEST)
    except KeyError:
        raise _refuse(path, texts.BACKUP_R_NO_MANIFEST) from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise _refuse(path, texts.BACKUP_R_MANIFEST_BAD) from exc
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _refuse(path, texts.BACKUP_R_MANIFEST_BAD) from exc
    if (
        not isinstance(manifest, dict)
        or manifest.get("format") != FORMAT
        or not isinstance(manifest.get("members"), dict)
        or not isinstance(manifest.get("created_at"), str)
    ):
        raise _refuse(path, texts.BACKUP_R_MANIFEST_BAD)
    version = manifest.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise _refuse(path, texts.BACKUP_R_MANIFEST_BAD)
    if version > FORMAT_VERSION:
        raise _refuse(path, texts.BACKUP_R_NEWER.format(found=f"định dạng {version}"))
    return manifest


def _copy_member(
    path: Path, zf: zipfile.ZipFile, name: str, expected: dict[str, Any], dest: Path | None
) -> None:
    """Stream a member (to ``dest`` when given) and check its hash and size."""
    digest = hashlib.sha256()
    size = 0
    try:
        with zf.open(name) as src:
            out = dest.open("wb") if dest is not None else None
            try:
                while chunk := src.read(_CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    if out is not None:
                        out.write(chunk)
                if out is not None:
                    out.flush()
                    os.fsync(out.fileno())
            finally:
                if out is not None:
                    out.close()
    except (zipfile.BadZipFile, EOFError, ValueError, zlib.error) as exc:
        raise _refuse(path, texts.BACKUP_R_CHECKSUM.format(member=name)) from exc
    if digest.hexdigest() != expected.get("sha256") or size != expected.get("size"):
        raise _refuse(path, texts.BACKUP_R_CHECKSUM.format(member=name))


def _check_database_file(path: Path, sqlite_file: Path) -> tuple[str | None, str, set[str]]:
    """Integrity, ownership and schema of the database inside a backup.

    Returns (revision, commune name, stored names of evidence files).
    """
    from models.db import known_revisions

    try:
        con = sqlite3.connect(readonly_uri(sqlite_file), uri=True)
    except sqlite3.Error as exc:
        raise _refuse(path, texts.BACKUP_R_INTEGRITY) from exc
    try:
        rows = con.execute("PRAGMA integrity_check").fetchall()
        if len(rows) != 1 or rows[0][0] != "ok":
            raise _refuse(path, texts.BACKUP_R_INTEGRITY)
        tables = {
            r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if "alembic_version" not in tables:
            raise _refuse(path, texts.BACKUP_R_NOT_OURS)
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = str(row[0]) if row else None
        if revision is not None and revision not in known_revisions():
            raise _refuse(path, texts.BACKUP_R_NEWER.format(found=revision))
        commune = ""
        if "commune" in tables:
            found = con.execute(
                "SELECT commune_name FROM commune WHERE is_local = 1 LIMIT 1"
            ).fetchone()
            commune = str(found[0]) if found else ""
        evidence: set[str] = set()
        if "evidence_file" in tables:
            evidence = {str(r[0]) for r in con.execute("SELECT stored_name FROM evidence_file")}
        return revision, commune, evidence
    except sqlite3.DatabaseError as exc:
        raise _refuse(path, texts.BACKUP_R_INTEGRITY) from exc
    finally:
        con.close()


def verify_backup(path: Path, *, extract_to: Path | None = None) -> BackupInfo:
    """Check a backup file completely; ``BackupError`` says what is wrong.

    Every member must be listed in the manifest with the right SHA-256 and
    size, nothing may be missing or extra, names must stay inside the
    backup, and the database inside must pass ``PRAGMA integrity_check``
    and come from this program (not a newer one). With ``extract_to`` the
    database is also left there (used by ``restore``).
    """
    path = Path(path)
    if not path.is_file():
        raise _refuse(path, texts.BACKUP_R_NOT_FOUND)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise _refuse(path, texts.BACKUP_R_NOT_ZIP) from exc
    with zf:
        manifest = _read_manifest(path, zf)
        listed: dict[str, Any] = manifest["members"]
        try:
            names = zf.namelist()
        except (zipfile.BadZipFile, ValueError) as exc:
            raise _refuse(path, texts.BACKUP_R_NOT_ZIP) from exc
        if len(names) != len(set(names)):
            raise _refuse(path, texts.BACKUP_R_MANIFEST_BAD)
        present = set(names) - {MANIFEST}
        for name in sorted(present | set(listed)):
            if not _safe_member(name):
                raise _refuse(path, texts.BACKUP_R_PATH.format(member=name))
            if name not in listed:
                raise _refuse(path, texts.BACKUP_R_EXTRA.format(member=name))
            if name not in present:
                raise _refuse(path, texts.BACKUP_R_MISSING.format(member=name))
            if not isinstance(listed[name], dict):
                raise _refuse(path, texts.BACKUP_R_MANIFEST_BAD)
        if DB_MEMBER not in listed:
            raise _refuse(path, texts.BACKUP_R_MISSING.format(member=DB_MEMBER))
        with tempfile.TemporaryDirectory(prefix="nq57-verify-") as tmp:
            db_file = Path(tmp) / DB_MEMBER
            _copy_member(path, zf, DB_MEMBER, listed[DB_MEMBER], db_file)
            revision, commune, evidence = _check_database_file(path, db_file)
            for name in sorted(present - {DB_MEMBER}):
                _copy_member(path, zf, name, listed[name], None)
            if extract_to is not None:
                shutil.copyfile(db_file, extract_to)
                with extract_to.open("rb+") as fh:
                    os.fsync(fh.fileno())
    try:
        created = dt.datetime.fromisoformat(manifest["created_at"])
    except ValueError as exc:
        raise _refuse(path, texts.BACKUP_R_MANIFEST_BAD) from exc
    if created.tzinfo is None:
        created = created.replace(tzinfo=dt.UTC)
    try:
        kind = BackupKind(manifest.get("kind", ""))
    except ValueError:
        kind = BackupKind.MANUAL
    carried = {n.split("/", 1)[1] for n in present if n.startswith("evidence/")}
    return BackupInfo(
        path=path,
        created_at=created,
        kind=kind,
        schema_revision=revision,
        program_version=str(manifest.get("program_version", "")),
        size=path.stat().st_size,
        files=len(present) - 1,
        commune_name=commune,
        missing_evidence=tuple(sorted(evidence - carried)),
    )


# ---------------------------------------------------------------------------
# Rotation, the start-of-day backup, finding the latest good backup
# ---------------------------------------------------------------------------


def rotate(
    dest_dir: Path,
    *,
    keep_daily: int = DEFAULT_KEEP_DAILY,
    keep_monthly: int = DEFAULT_KEEP_MONTHLY,
    stem: str | None = None,
) -> list[Path]:
    """Delete old automatic backups in ``dest_dir``; returns what was deleted.

    Kept: the newest backup of each of the ``keep_daily`` most recent days
    that have backups, the newest of each of the ``keep_monthly`` most recent
    months, and every backup made on request (``thu-cong``). Files that are
    not backups of this program are never touched. With ``stem`` only the
    backups of the database of that name are considered.
    """
    backups = [b for b in list_backups(dest_dir, stem=stem) if b.kind is not BackupKind.MANUAL]
    by_stem: dict[str, list[BackupFile]] = {}
    for b in backups:
        by_stem.setdefault(b.stem, []).append(b)
    deleted: list[Path] = []
    for group in by_stem.values():  # each is newest first
        keep: set[Path] = set()
        days: dict[dt.date, Path] = {}
        months: dict[tuple[int, int], Path] = {}
        for b in group:
            days.setdefault(b.stamp.date(), b.path)
            months.setdefault((b.stamp.year, b.stamp.month), b.path)
        keep.update(list(days.values())[: max(keep_daily, 0)])
        keep.update(list(months.values())[: max(keep_monthly, 0)])
        if group:
            keep.add(group[0].path)  # never the newest
        for b in group:
            if b.path not in keep:
                try:
                    b.path.unlink()
                    deleted.append(b.path)
                except OSError:
                    log.warning("could not delete old backup %s", b.path, exc_info=True)
    return deleted


def backup_at_start_of_day(
    db: Any, *, today: dt.date | None = None, actor: Any | None = None
) -> Path | None:
    """The daily automatic backup: made at the first start of each day.

    Returns the new backup, or None when one of today already exists. When
    the chosen folder (say a USB stick) is not available the backup goes to
    the default folder beside the database instead; the error is raised only
    when that fails too. Old backups are rotated afterwards.
    """
    db_path = _sqlite_path(db)
    day = today or dt.date.today()
    folders = [configured_backup_dir(db_path), companion_path(db_path, "backups")]
    for folder in dict.fromkeys(folders):
        if any(
            b.stamp.date() == day and b.kind is BackupKind.DAILY
            for b in list_backups(folder, stem=db_path.stem)
        ):
            return None
    keep_daily, keep_monthly = _keep_counts(db_path)
    last_error: BackupError | None = None
    for folder in dict.fromkeys(folders):
        try:
            made = make_backup(db, dest_dir=folder, reason=BackupKind.DAILY, actor=actor)
        except BackupError as exc:
            last_error = exc
            continue
        rotate(folder, keep_daily=keep_daily, keep_monthly=keep_monthly, stem=db_path.stem)
        return made
    assert last_error is not None
    raise last_error


def backup_folders(db_path: Path) -> list[Path]:
    """Folders where backups of the database may be: the chosen one, the default."""
    return list(dict.fromkeys([configured_backup_dir(db_path), companion_path(db_path, "backups")]))


def latest_good_backup(
    db_path: Path, *, folders: Iterable[Path] | None = None
) -> BackupInfo | None:
    """The newest backup of the database that passes ``verify_backup``.

    Looks in ``folders`` (default: the chosen and the default backup
    folders; the setting cannot be read when the database is damaged, then
    only the default one). Raw copies of damaged databases are skipped.
    """
    db_path = Path(db_path)
    where = list(folders) if folders is not None else backup_folders(db_path)
    candidates: list[BackupFile] = []
    for folder in where:
        candidates.extend(list_backups(folder, stem=db_path.stem))
    candidates.sort(key=lambda b: (b.stamp, b.path.name), reverse=True)
    for b in candidates:
        if b.kind is BackupKind.DAMAGED:
            continue
        try:
            return verify_backup(b.path)
        except BackupError:
            log.warning("backup %s does not verify, trying an older one", b.path)
    return None


# ---------------------------------------------------------------------------
# Restoring
# ---------------------------------------------------------------------------


def _raw_copy(db_path: Path, folder: Path) -> Path:
    """Keep the files of a damaged database as they are (a zip, not a backup)."""
    folder.mkdir(parents=True, exist_ok=True)
    final = _backup_name(folder, db_path.stem, BackupKind.DAMAGED, dt.datetime.now(dt.UTC))
    part = final.with_name(final.name + ".part")
    try:
        with part.open("wb") as fh:
            with zipfile.ZipFile(fh, "w", allowZip64=True) as zf:
                for extra in ("", "-wal", "-shm", "-journal"):
                    f = db_path.with_name(db_path.name + extra)
                    if f.is_file():
                        zf.write(f, f.name, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(part, final)
        fsync_dir(folder)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return final


def _checkpoint(db_path: Path) -> None:
    """Fold the WAL of the (closed) live database into its file, if it can."""
    try:
        con = sqlite3.connect(db_path, timeout=5)
    except sqlite3.Error:
        return
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error:
        pass
    finally:
        con.close()


def _write_companions(backup: Path, db_path: Path, listed: Iterable[str]) -> None:
    """Add the backup's companion files beside the live database (atomic per file)."""
    with zipfile.ZipFile(backup) as zf:
        for name in listed:
            comp, _, rel = name.partition("/")
            if comp not in COMPANIONS or not rel:
                continue
            root = companion_path(db_path, comp)
            dest = root.joinpath(*PurePosixPath(rel).parts)
            info = zf.getinfo(name)
            if dest.is_file() and dest.stat().st_size == info.file_size:
                sha, _size = sha256_file(dest)
                if sha == _member_sha(zf, name):
                    continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            tmp = dest.with_name(f".restore-{dest.name}.part")
            with zf.open(name) as src, tmp.open("wb") as out:
                shutil.copyfileobj(src, out, _CHUNK)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, dest)
            fsync_dir(dest.parent)


def _member_sha(zf: zipfile.ZipFile, name: str) -> str:
    manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
    return str(manifest["members"][name]["sha256"])


def _prune_companions(db_path: Path, keep: set[str]) -> None:
    """Remove companion files the restored data does not have (kept in the safety backup)."""
    for name, file in list(_companion_files(db_path)):
        if name not in keep:
            try:
                file.unlink()
            except OSError:
                log.warning("could not remove %s after restore", file, exc_info=True)
    for comp in COMPANIONS:
        root = companion_path(db_path, comp)
        if root.is_dir():
            for sub in sorted(root.rglob("*"), reverse=True):
                if sub.is_dir():
                    try:
                        sub.rmdir()
                    except OSError:
                        pass


@dataclass
class RestoreResult:
    """What a restore did."""

    db_path: Path
    backup: BackupInfo
    safety_backup: Path | None
    damaged_copy: bool = False
    notes: list[str] = field(default_factory=list)


def restore(
    db_path: Path,
    backup: Path,
    *,
    safety_backup: bool = True,
    safety_dir: Path | None = None,
    lock: Any | None = None,
    actor: Any | None = None,
    progress: Progress | None = None,
) -> RestoreResult:
    """Replace the database at ``db_path`` (and its files) by ``backup``.

    The database must be closed by this process. ``lock`` is this process's
    ``InstanceLock`` on the database when it holds one; otherwise the lock is
    taken for the duration and the restore is refused (``BackupError``) when
    another copy of the program has the database open. Raises ``BackupError``
    when the backup does not verify; then nothing is changed.
    """
    from models.instance_lock import InstanceBusyError, InstanceLock

    db_path = Path(db_path).expanduser().resolve()
    backup = Path(backup)

    def step(done: int, text: str) -> None:
        if progress is not None:
            progress(done, 5, text)

    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(texts.RESTORE_FAILED.format(reason=_os_reason(exc))) from exc
    own_lock = None
    if lock is None:
        own_lock = InstanceLock(db_path)
        try:
            own_lock.acquire()
        except InstanceBusyError as exc:
            raise BackupError(texts.RESTORE_IN_USE.format(db=db_path)) from exc
    staged = db_path.with_name(db_path.name + ".restore-tmp")
    try:
        step(0, "Đang kiểm tra bản sao lưu…")
        staged.unlink(missing_ok=True)
        info = verify_backup(backup, extract_to=staged)
        with zipfile.ZipFile(backup) as zf:
            listed = set(json.loads(zf.read(MANIFEST).decode("utf-8"))["members"])

        result = RestoreResult(db_path=db_path, backup=info, safety_backup=None)
        if safety_backup and db_path.is_file() and db_path.stat().st_size > 0:
            step(1, "Đang sao lưu dữ liệu hiện tại…")
            folder = safety_dir or configured_backup_dir(db_path)
            try:
                result.safety_backup = make_backup(
                    db_path, dest_dir=folder, reason=BackupKind.SAFETY
                )
            except (DatabaseError, sqlite3.DatabaseError):
                # The live file is damaged (the reason for this restore): keep it as is.
                try:
                    result.safety_backup = _raw_copy(db_path, folder)
                except OSError as exc:
                    raise BackupError(
                        texts.RESTORE_FAILED.format(reason=_os_reason(exc))
                    ) from exc
                result.damaged_copy = True
            except BackupError as exc:
                raise BackupError(texts.RESTORE_FAILED.format(reason=exc.message)) from exc

        step(2, "Đang chép tệp minh chứng…")
        try:
            _write_companions(backup, db_path, sorted(listed - {DB_MEMBER}))
        except OSError as exc:
            raise BackupError(texts.RESTORE_FAILED.format(reason=_os_reason(exc))) from exc

        step(3, "Đang thay cơ sở dữ liệu…")
        if db_path.is_file() and not result.damaged_copy:
            _checkpoint(db_path)
        try:
            for extra in ("-wal", "-shm", "-journal"):
                db_path.with_name(db_path.name + extra).unlink(missing_ok=True)
            os.replace(staged, db_path)  # the restore takes effect here
            fsync_dir(db_path.parent)
        except OSError as exc:
            raise BackupError(texts.RESTORE_FAILED.format(reason=_os_reason(exc))) from exc

        step(4, "Đang dọn tệp cũ…")
        _prune_companions(db_path, listed)
        _log_restore(db_path, info, actor)
        step(5, "Đã phục hồi.")
        return result
    finally:
        staged.unlink(missing_ok=True)
        if own_lock is not None:
            own_lock.release()


def _log_restore(db_path: Path, info: BackupInfo, actor: Any | None) -> None:
    """Record the restore in the restored database (which may migrate it)."""
    from models.audit import log_event
    from models.db import open_database
    from models.enums import AuditAction

    try:
        db = open_database(db_path)
    except AppError:
        log.warning("restored database %s could not be opened to log the restore", db_path)
        return
    try:
        with db.transaction(actor=actor) as s:
            log_event(
                s, AuditAction.RESTORE,
                summary=texts.RESTORE_AUDIT.format(name=info.path.name, when=info.local_time_text),
                entity="backup",
            )
    except Exception:  # noqa: BLE001 - the restore itself is done
        log.warning("could not record the restore in the audit log", exc_info=True)
    finally:
        db.close()


__all__ = [
    "BackupError",
    "BackupFile",
    "BackupInfo",
    "BackupKind",
    "RestoreResult",
    "backup_at_start_of_day",
    "backup_folders",
    "configured_backup_dir",
    "latest_good_backup",
    "list_backups",
    "make_backup",
    "restore",
    "rotate",
    "verify_backup",
]
