"""A second copy of the program on the same database is told so and reads only."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from models.db import open_database
from models.health import startup_check
from models.instance_lock import InstanceBusyError, InstanceLock, is_busy, read_holder

REPO = Path(__file__).resolve().parents[2]

HOLDER = """
import sys, time
sys.path.insert(0, {repo!r})
from models.instance_lock import InstanceLock
lock = InstanceLock({path!r}); lock.acquire()
print("HELD", flush=True)
time.sleep(60)
"""


@pytest.fixture
def other_process(tmp_path):
    """Another program copy holding the lock of tmp_path/xa.db."""
    path = tmp_path / "xa.db"
    db = open_database(path)
    db.close()
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER.format(repo=str(REPO), path=str(path))],
        stdout=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "HELD"
    yield path, proc
    if proc.poll() is None:
        proc.kill()
    proc.wait()


def test_second_copy_is_told_and_opens_read_only(other_process):
    path, proc = other_process
    with pytest.raises(InstanceBusyError) as err:
        InstanceLock(path).acquire()
    msg = err.value.message
    assert msg.startswith("Cơ sở dữ liệu đang được mở bởi một cửa sổ chương trình khác")
    assert f"tiến trình {proc.pid}" in msg
    assert "chỉ đọc" in msg
    assert read_holder(path).pid == proc.pid

    check = startup_check(path)
    assert check.read_only and check.lock is None and check.messages == [msg]
    db = open_database(path, read_only=check.read_only)
    try:
        assert db.read_only
    finally:
        db.close()


def test_lock_of_a_killed_process_is_taken_over(other_process):
    path, proc = other_process
    assert is_busy(path) is not None
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # The lock file is still there with the dead process's details...
    assert path.with_name("xa.db.lock").exists()
    # ...but the operating system released the lock with the process.
    deadline = time.monotonic() + 5
    while is_busy(path) is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    lock = InstanceLock(path)
    lock.acquire()
    try:
        assert read_holder(path).pid == os.getpid()
    finally:
        lock.release()


def test_release_lets_the_next_copy_in(tmp_path):
    path = tmp_path / "a.db"
    first = InstanceLock(path)
    first.acquire()
    with pytest.raises(InstanceBusyError):
        InstanceLock(path).acquire()  # same process, another copy: refused too
    first.release()
    second = InstanceLock(path)
    second.acquire()
    second.release()


def test_database_close_releases_the_lock_kept_with_it(tmp_path):
    path = tmp_path / "b.db"
    check = startup_check(path)
    db = open_database(path)
    db.info["instance_lock"] = check.lock
    assert is_busy(path) is not None
    db.close()
    assert is_busy(path) is None
