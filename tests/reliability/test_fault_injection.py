"""Power-cut test: SIGKILL the program at random moments during saves and imports.

A worker (``fault_worker.py``) saves unit forms on a commune database and
imports bundles into a province database, writing an acknowledgement after
each save or import returned. This test kills it at a random moment, again
and again, and after every kill checks that

- both databases pass ``PRAGMA integrity_check``;
- every acknowledged save is there (the task's result is that save's or a
  later one's), and every evidence file a row names exists with its hash;
- every bundle import is whole or absent: each imported bundle has all its
  values and its audit line, no value belongs to a missing import, and every
  acknowledged import is there.

Iterations: ``NQ57_FAULT_ITERATIONS`` (default 25 for CI). The run of 200+
kills: ``NQ57_FAULT_ITERATIONS=200 python -m pytest tests/reliability/test_fault_injection.py``.
``NQ57_FAULT_SEED`` repeats a run (the seed is printed on failure).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import copy_database

WORKER = Path(__file__).resolve().with_name("fault_worker.py")
ITERATIONS = int(os.environ.get("NQ57_FAULT_ITERATIONS", "25"))
PERIOD = "2026-11"
RESET_PROVINCE_EVERY = 12  # a fresh province database now and then keeps imports writing

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (POSIX)")


def integrity(path: Path) -> str:
    con = sqlite3.connect(path)  # read-write: SQLite recovers the WAL as the program would
    try:
        return "; ".join(r[0] for r in con.execute("PRAGMA integrity_check"))
    finally:
        con.close()


def setup_databases(demo_db_file: Path, root: Path) -> dict[str, object]:
    """Commune database, 20 bundles of it, an empty province database template."""
    from models.audit import Actor
    from models.bundle.export import export_bundle
    from models.bundle.import_ import consolidated_rows
    from models.bundle.reader import read_bundle
    from models.bundle.scope import ensure_upper_level, parse_scope
    from models.db import open_database

    commune = copy_database(demo_db_file, root / "xa.db")
    bundles = root / "bundles"
    bundles.mkdir()
    db = open_database(commune)
    try:
        for version, day in enumerate((10, 12)):
            for month in range(1, 11):
                export_bundle(
                    db, period_code=f"2026-{month:02d}", out_dir=bundles,
                    now=dt.datetime(2026, 11, day, 8, month, tzinfo=dt.UTC),
                    actor=Actor(None, f"v{version}"),
                )
    finally:
        db.close()
    expected: dict[str, int] = {}
    for path in bundles.glob("*.nq57.zip"):
        rb = read_bundle(path)
        expected[rb.sha256] = len(consolidated_rows(rb, 0))
    template = root / "tinh-mau.db"
    prov = open_database(template)
    ensure_upper_level(prov, parse_scope("31"))
    prov.close()
    return {"commune": commune, "bundles": bundles, "template": template, "expected": expected}


def fresh_province(template: Path, dest: Path) -> None:
    for extra in ("", "-wal", "-shm"):
        dest.with_name(dest.name + extra).unlink(missing_ok=True)
    shutil.copyfile(template, dest)


def read_acks(path: Path) -> list[list[str]]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split() for line in lines if line]


def wait_for_begin(path: Path, timeout: float = 20.0) -> None:
    """Wait until the worker has opened its databases (first line BEGIN)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().startswith(b"BEGIN"):
            return
        time.sleep(0.005)
    raise AssertionError("the worker did not start")


def check_commune(path: Path, last_ack: dict[int, int]) -> None:
    assert integrity(path) == "ok"
    con = sqlite3.connect(path)
    try:
        period_id = con.execute("SELECT id FROM period WHERE code = ?", (PERIOD,)).fetchone()[0]
        for task_id, n in last_ack.items():
            row = con.execute(
                "SELECT result FROM task_update WHERE task_id = ? AND period_id = ?",
                (task_id, period_id),
            ).fetchone()
            assert row is not None, f"acknowledged save {n} of task {task_id} lost"
            assert row[0].startswith("lưu "), row[0]
            assert int(row[0].split()[1]) >= n, f"task {task_id}: {row[0]!r} older than ACK {n}"
        store = path.with_name(path.name + ".evidence")
        for stored, sha, size in con.execute("SELECT stored_name, sha256, size FROM evidence_file"):
            file = store / stored
            assert file.is_file(), f"evidence {stored} named in the database is missing"
            data = file.read_bytes()
            assert len(data) == size and hashlib.sha256(data).hexdigest() == sha
        # Every audited row change committed with its log line: no update without one.
        orphans = con.execute(
            "SELECT count(*) FROM task_update u WHERE u.period_id = ? AND u.result LIKE 'lưu %' "
            "AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'task_update' "
            "AND a.entity_uuid = u.uuid)",
            (period_id,),
        ).fetchone()[0]
        assert orphans == 0
    finally:
        con.close()


def check_province(path: Path, expected: dict[str, int], acked: set[str]) -> int:
    assert integrity(path) == "ok"
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT id, uuid, bundle_sha256 FROM bundle_import").fetchall()
        present = set()
        for import_id, uuid, sha in rows:
            present.add(sha)
            values = con.execute(
                "SELECT count(*) FROM consolidated_value WHERE import_id = ?", (import_id,)
            ).fetchone()[0]
            assert values == expected[sha], f"bundle {sha[:12]} half imported: {values} values"
            logged = con.execute(
                "SELECT count(*) FROM audit_log WHERE action = 'import' AND entity_uuid = ?",
                (uuid,),
            ).fetchone()[0]
            assert logged == 1
        stray = con.execute(
            "SELECT count(*) FROM consolidated_value WHERE import_id NOT IN "
            "(SELECT id FROM bundle_import)"
        ).fetchone()[0]
        assert stray == 0
        doubled = con.execute(
            "SELECT count(*) FROM (SELECT commune_code, period_code FROM bundle_import "
            "WHERE current = 1 GROUP BY commune_code, period_code HAVING count(*) > 1)"
        ).fetchone()[0]
        assert doubled == 0
        missing = acked - present
        assert not missing, f"acknowledged imports lost: {sorted(m[:12] for m in missing)}"
        return len(rows)
    finally:
        con.close()


def test_sigkill_during_saves_and_imports(demo_db_file, tmp_path):
    seed = int(os.environ.get("NQ57_FAULT_SEED", str(random.randrange(1_000_000))))
    rng = random.Random(seed)
    setup = setup_databases(demo_db_file, tmp_path)
    commune, bundles = setup["commune"], setup["bundles"]
    template, expected = setup["template"], setup["expected"]
    province = tmp_path / "tinh.db"
    fresh_province(template, province)
    acks_dir = tmp_path / "acks"
    acks_dir.mkdir()
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    server = subprocess.Popen(
        [sys.executable, str(WORKER), "serve", "--commune", str(commune), "--province",
         str(province), "--bundles", str(bundles), "--acks", str(acks_dir)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        encoding="utf-8", env=env,
    )
    assert server.stdin is not None and server.stdout is not None

    def ask(line: str) -> str:
        server.stdin.write(line + "\n")
        server.stdin.flush()
        return server.stdout.readline().strip()

    last_ack: dict[int, int] = {}
    acked_imports: set[str] = set()
    saves = imports = kills_with_work = 0
    try:
        assert server.stdout.readline().strip() == "READY"
        for i in range(ITERATIONS):
            if i and i % RESET_PROVINCE_EVERY == 0:
                fresh_province(template, province)
                acked_imports.clear()
            answer = ask(f"run {i} {i * 100_000} {rng.randrange(1 << 30)}")
            assert answer.startswith("PID "), answer
            pid = int(answer.split()[1])
            wait_for_begin(acks_dir / f"acks-{i}.txt")
            time.sleep(rng.uniform(0.0, 0.4))
            os.kill(pid, signal.SIGKILL)
            reaped = ask(f"reap {pid}")
            status = int(reaped.split()[2])
            if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
                error = acks_dir / f"error-{i}.txt"
                detail = error.read_text(encoding="utf-8") if error.exists() else ""
                raise AssertionError(f"worker ended by itself (status {status}, seed {seed}):\n{detail}")
            acks = [a for a in read_acks(acks_dir / f"acks-{i}.txt") if a != ["BEGIN"]]
            if acks:
                kills_with_work += 1
            for parts in acks:
                if len(parts) < 3:
                    continue  # the kill cut the acknowledgement line itself
                if parts[0] == "SAVE":
                    n, task_id = int(parts[1]), int(parts[2])
                    last_ack[task_id] = max(last_ack.get(task_id, 0), n)
                    saves += 1
                elif parts[0] == "IMPORT" and len(parts) == 4:
                    imports += 1
                    if parts[3] in ("new", "replaced", "older"):
                        acked_imports.add(parts[2])
            try:
                check_commune(commune, last_ack)
                check_province(province, expected, acked_imports)
            except AssertionError as exc:
                raise AssertionError(f"after kill {i + 1} (seed {seed}): {exc}") from exc
    finally:
        if server.poll() is None:
            try:
                server.stdin.write("quit\n")
                server.stdin.flush()
                server.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                server.kill()
    # The run really exercised the program: most kills interrupted work in progress.
    assert kills_with_work >= ITERATIONS // 2, (kills_with_work, ITERATIONS, seed)
    assert saves >= ITERATIONS // 2 and imports > 0, (saves, imports, seed)
    print(f"fault injection: {ITERATIONS} kills, {saves} saves and {imports} imports "
          f"acknowledged, seed {seed}")
