"""Benchmark of backups: make (with verification), verify, restore.

    python bench/bench_backup.py [--quick]

Prints one JSON object with, for the demo commune (with 20 evidence files)
and for a large commune database:

- ``backup_s``: online copy + zip with evidence files + read-back check;
- ``verify_s``: a full check of the written backup (hashes, integrity);
- ``restore_s``: verify, safety backup of the current data, swap;
- ``db_mb``, ``evidence_files``, ``evidence_mb``, ``backup_mb``.

The large database is the demo commune grown to 300 tasks' worth of monthly
updates over 5 years (2 in ``--quick``), 80 indicators' values, a
50,000-line audit log (10,000 in quick) and 300 evidence files of 200 KB
(100 of 50 KB in quick). The figures are what a user waits for at the first
start of the day (backup) and when restoring after a failure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def _mb(size: int) -> float:
    return round(size / 1024 / 1024, 2)


def _add_evidence(db_path: Path, *, count: int, size: int, rng: random.Random) -> int:
    """Store ``count`` evidence files and attach them to task updates (raw SQL)."""
    from models.services.updates import store_evidence

    store = db_path.with_name(db_path.name + ".evidence")
    src_dir = db_path.parent / "nguon"
    src_dir.mkdir(exist_ok=True)
    con = sqlite3.connect(db_path)
    try:
        updates = [r[0] for r in con.execute("SELECT id FROM task_update ORDER BY id")]
        total = 0
        for i in range(count):
            src = src_dir / f"minh-chung-{i}.pdf"
            src.write_bytes(b"%PDF-1.4\n" + rng.randbytes(size))
            stored = store_evidence(src, store)
            con.execute(
                "INSERT INTO evidence_file (task_update_id, original_name, stored_name, sha256,"
                " size, added_at, added_by_name, uuid) VALUES (?,?,?,?,?,?,?,?)",
                (updates[i % len(updates)], src.name, stored.stored_name, stored.sha256,
                 stored.size, "2026-11-01 08:00:00.000000", "bench", str(uuid.uuid4())),
            )
            total += stored.size
            src.unlink()
        con.commit()
        return total
    finally:
        con.close()


def _grow(db_path: Path, *, years: int, audit_lines: int, rng: random.Random) -> None:
    """Add monthly periods, task updates, indicator values and audit lines."""
    con = sqlite3.connect(db_path)
    try:
        tasks = [r[0] for r in con.execute("SELECT id FROM task WHERE is_group = 0")]
        indicators = [r[0] for r in con.execute("SELECT id FROM indicator")]
        tasks = (tasks * (300 // max(1, len(tasks)) + 1))[:300]  # 300 task slots
        first_year = 2025 - years
        for year in range(first_year, 2025):
            for month in range(1, 13):
                code = f"{year}-{month:02d}"
                start = dt.date(year, month, 1)
                end = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
                cur = con.execute(
                    "INSERT INTO period (code, kind, year, number, start_date, end_date, locked,"
                    " uuid) VALUES (?,?,?,?,?,?,1,?)",
                    (code, "month", year, month, start.isoformat(), end.isoformat(),
                     str(uuid.uuid4())),
                )
                pid = cur.lastrowid
                seen: set[int] = set()
                rows = []
                for task_id in tasks:
                    if task_id in seen:
                        continue
                    seen.add(task_id)
                    rows.append((
                        task_id, pid, "in_progress", float(rng.randrange(100)),
                        "Đã triển khai các nội dung theo kế hoạch, tổ chức tập huấn và "
                        "tuyên truyền về chuyển đổi số cho cán bộ và người dân. " * 2,
                        "Bench", f"{end.isoformat()} 09:00:00.000000", str(uuid.uuid4()),
                    ))
                con.executemany(
                    "INSERT INTO task_update (task_id, period_id, progress, percent, result,"
                    " difficulties, proposals, updated_by_name, updated_at, uuid)"
                    " VALUES (?,?,?,?,?,'','',?,?,?)", rows,
                )
                con.executemany(
                    "INSERT INTO indicator_value (indicator_id, period_id, value, note,"
                    " updated_by_name, updated_at, uuid) VALUES (?,?,?,'',?,?,?)",
                    [(i, pid, rng.random() * 100, "Bench", f"{end.isoformat()} 09:00:00.000000",
                      str(uuid.uuid4())) for i in indicators],
                )
        before = json.dumps({"result": "Đang thực hiện", "percent": 40})
        after = json.dumps({"result": "Đã hoàn thành nội dung theo kế hoạch", "percent": 100})
        con.executemany(
            "INSERT INTO audit_log (at, user_id, username, action, entity, entity_uuid, summary,"
            " before, after) VALUES (?,?,?,?,?,?,?,?,?)",
            [("2026-01-01 08:00:00.000000", 2, "tonghop", "update", "task_update",
              str(uuid.uuid4()), "", before, after) for _ in range(audit_lines)],
        )
        con.commit()
    finally:
        con.close()


def _measure(db_path: Path, work: Path) -> dict[str, Any]:
    from models import backup
    from models.db import open_database

    db = open_database(db_path)
    try:
        started = time.perf_counter()
        made = backup.make_backup(db, dest_dir=work / "sao-luu", reason=backup.BackupKind.MANUAL)
        backup_s = time.perf_counter() - started
    finally:
        db.close()
    started = time.perf_counter()
    info = backup.verify_backup(made)
    verify_s = time.perf_counter() - started
    started = time.perf_counter()
    backup.restore(db_path, made, safety_dir=work / "an-toan")
    restore_s = time.perf_counter() - started
    store = db_path.with_name(db_path.name + ".evidence")
    files = [p for p in store.rglob("*") if p.is_file()] if store.is_dir() else []
    return {
        "backup_s": round(backup_s, 3),
        "verify_s": round(verify_s, 3),
        "restore_s": round(restore_s, 3),
        "db_mb": _mb(db_path.stat().st_size),
        "evidence_files": len(files),
        "evidence_mb": _mb(sum(p.stat().st_size for p in files)),
        "backup_mb": _mb(info.size),
    }


def run(quick: bool) -> dict[str, Any]:
    """Backup/restore figures for the demo commune and a large commune."""
    from models.db import open_database
    from models.demo import build_demo

    rng = random.Random(57)
    out: dict[str, Any] = {"quick": quick}
    with tempfile.TemporaryDirectory(prefix="nq57-bench-backup-") as tmp_name:
        tmp = Path(tmp_name)
        os.environ.setdefault("NQ57_DATA_DIR", str(tmp / "data"))
        demo_dir = tmp / "demo"
        demo_dir.mkdir()
        demo = demo_dir / "xa-mau.db"
        db = open_database(demo)
        build_demo(db, commune_code=10993, today=dt.date(2026, 11, 21))
        db.close()
        _add_evidence(demo, count=20, size=100_000, rng=rng)
        out["demo"] = _measure(demo, demo_dir)

        large_dir = tmp / "large"
        large_dir.mkdir()
        large = large_dir / "xa-lon.db"
        db = open_database(large)
        build_demo(db, commune_code=10993, today=dt.date(2026, 11, 21))
        db.close()
        _grow(large, years=2 if quick else 5, audit_lines=10_000 if quick else 50_000, rng=rng)
        _add_evidence(
            large, count=100 if quick else 300, size=50_000 if quick else 200_000, rng=rng
        )
        out["large"] = _measure(large, large_dir)
    out["backup_demo_s"] = out["demo"]["backup_s"]
    out["restore_demo_s"] = out["demo"]["restore_s"]
    out["backup_large_s"] = out["large"]["backup_s"]
    out["restore_large_s"] = out["large"]["restore_s"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print(json.dumps(run(args.quick), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
