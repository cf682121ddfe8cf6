"""One copy of the program writes a database at a time.

``InstanceLock(db_path).acquire()`` takes an operating-system lock on the
file ``<db>.lock`` beside the database (``fcntl.flock`` on POSIX,
``msvcrt.locking`` on Windows) and writes who holds it (host, process id,
user, since when) into that file. A second copy of the program gets
``InstanceBusyError`` with a Vietnamese message naming the holder and opens
the database read-only (``open_database(read_only=True)``) or quits.

The OS releases the lock when the holding process dies, however it dies
(crash, power cut, SIGKILL), so a lock file left by a dead process is simply
taken over. Where the file system cannot lock (some network shares), the
recorded process is checked instead: a lock of this computer whose process no
longer runs is taken over.

Qt-free; any thread. Keep the ``InstanceLock`` object alive as long as the
database is open for writing, and ``release()`` it on close.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import getpass
import json
import os
import platform
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models import texts
from models.errors import AppError

LOCK_SUFFIX = ".lock"
_INFO_BYTES = 1024  # the holder's description is written in the first bytes
_LOCK_OFFSET = 4096  # Windows locks this byte (beyond the description, readable)


class InstanceBusyError(AppError):
    """Another copy of the program has the database open."""

    def __init__(self, message: str, *, holder: LockHolder | None) -> None:
        super().__init__(message)
        self.holder = holder


@dataclass(frozen=True)
class LockHolder:
    """Who holds the lock (as written by the holder)."""

    host: str
    pid: int
    user: str
    since: str  # ISO local time

    def describe(self) -> str:
        try:
            since = dt.datetime.fromisoformat(self.since).strftime("%H:%M %d/%m/%Y")
        except ValueError:
            since = self.since
        return texts.INSTANCE_BUSY_WHO.format(host=self.host, pid=self.pid, since=since)


def lock_path(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).name + LOCK_SUFFIX)


def _host() -> str:
    return platform.node() or "?"


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name available
        return "?"


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined]
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_holder(db_path: Path) -> LockHolder | None:
    """What the lock file says (None when missing or unreadable)."""
    try:
        with lock_path(db_path).open("rb") as fh:
            raw = fh.read(_INFO_BYTES)
    except OSError:
        return None
    try:
        data = json.loads(raw.rstrip(b"\x00 \n").decode("utf-8"))
        return LockHolder(
            host=str(data["host"]), pid=int(data["pid"]), user=str(data.get("user", "")),
            since=str(data.get("since", "")),
        )
    except (ValueError, KeyError, TypeError):
        return None


def _try_os_lock(fd: int) -> bool | None:
    """True: locked; False: someone else holds it; None: locking unsupported."""
    try:
        if os.name == "nt":  # pragma: no cover - Windows
            import msvcrt

            os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            os.lseek(fd, 0, os.SEEK_SET)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, errno.EDEADLK):
            return False
        if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL):
            return None
        raise


def _unlock(fd: int) -> None:
    try:
        if os.name == "nt":  # pragma: no cover - Windows
            import msvcrt

            os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)
    except OSError:
        pass


class InstanceLock:
    """The write lock of one database file for this process."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock or raise ``InstanceBusyError`` (Vietnamese message).

        Raises ``AppError`` when the lock file cannot be created (read-only
        folder): the caller then opens the database read-only anyway.
        """
        if self._fd is not None:
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            reason = texts.INSTANCE_LOCK_FAILED.format(path=self.path)
            raise AppError(texts.DB_READ_ONLY.format(reason=reason), detail=str(exc)) from exc
        try:
            state = _try_os_lock(fd)
        except OSError:
            os.close(fd)
            raise
        if state is False:
            os.close(fd)
            raise self._busy()
        if state is None:
            # No OS locking here: trust a live process of this computer only.
            holder = read_holder(self.db_path)
            if (
                holder is not None
                and holder.host == _host()
                and holder.pid != os.getpid()
                and _pid_alive(holder.pid)
            ):
                os.close(fd)
                raise self._busy()
            if holder is not None and holder.host != _host():
                os.close(fd)
                raise self._busy()
        self._fd = fd
        self._write_info()

    def _busy(self) -> InstanceBusyError:
        holder = read_holder(self.db_path)
        who = holder.describe() if holder else texts.INSTANCE_BUSY_UNKNOWN
        return InstanceBusyError(texts.INSTANCE_BUSY.format(who=who), holder=holder)

    def _write_info(self) -> None:
        assert self._fd is not None
        info: dict[str, Any] = {
            "host": _host(),
            "pid": os.getpid(),
            "user": _user(),
            "since": dt.datetime.now().isoformat(timespec="seconds"),
        }
        data = json.dumps(info, ensure_ascii=False).encode("utf-8")[: _INFO_BYTES - 1] + b"\n"
        try:
            os.lseek(self._fd, 0, os.SEEK_SET)
            os.write(self._fd, data.ljust(_INFO_BYTES, b" "))
            os.fsync(self._fd)
        except OSError:
            pass  # the OS lock is what counts; the description is a courtesy

    def release(self) -> None:
        """Give the lock up (the file stays; it is harmless without a lock)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, b" " * _INFO_BYTES)
        except OSError:
            pass
        _unlock(fd)
        os.close(fd)

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()

    def __del__(self) -> None:  # pragma: no cover - safety net
        with contextlib.suppress(Exception):
            self.release()


def is_busy(db_path: Path) -> LockHolder | None:
    """Whether another process holds the lock (its holder), without taking it."""
    probe = InstanceLock(db_path)
    try:
        probe.acquire()
    except InstanceBusyError as exc:
        return exc.holder or LockHolder(host="?", pid=0, user="", since="")
    except AppError:
        return None
    probe.release()
    return None


@contextlib.contextmanager
def locked(db_path: Path) -> Iterator[InstanceLock]:
    """``with locked(path):`` hold the lock for a command-line job."""
    lock = InstanceLock(db_path)
    lock.acquire()
    try:
        yield lock
    finally:
        lock.release()


__all__ = [
    "InstanceBusyError",
    "InstanceLock",
    "LockHolder",
    "is_busy",
    "lock_path",
    "locked",
    "read_holder",
]
