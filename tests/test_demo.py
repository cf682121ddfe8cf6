"""The demo commune: realistic, deterministic, any official commune code."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models.db import head_revision, open_database
from models.demo import build_demo
from models.enums import TaskStatus
from models.schema import (
    Commune,
    Indicator,
    IndicatorTarget,
    Period,
    Recipient,
    Signer,
    Task,
    TaskUpdate,
    Unit,
    UnitSubmission,
    User,
)
from models.services.periods import get_period
from models.services.status import indicator_states, status_counts, task_states

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 21)


def test_demo_commune_has_the_plan_and_a_year_of_updates(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.session() as s:
        commune = s.scalar(select(Commune).where(Commune.is_local.is_(True)))
        assert commune.commune_name == "Xã Thượng Hồng"
        assert commune.province_code == 31 and commune.commune_code == 10993
        assert commune.agency_line2 == "XÃ THƯỢNG HỒNG"
        assert commune.place_name == "Thượng Hồng"
        assert s.scalar(select(func.count()).select_from(Indicator)) == 38
        assert s.scalar(select(func.count()).select_from(IndicatorTarget)) >= 38
        leaves = s.scalar(select(func.count()).select_from(Task).where(Task.is_group.is_(False)))
        assert leaves == 54
        assert s.scalar(select(func.count()).select_from(Unit)) >= 12
        assert s.scalar(select(func.count()).select_from(Signer)) == 3
        assert s.scalar(select(func.count()).select_from(Recipient)) >= 5
        assert {u.username for u in s.scalars(select(User))} == {"admin", "tonghop", "lanhdao", "vhxh"}
        codes = [p.code for p in s.scalars(select(Period).order_by(Period.end_date))]
        assert codes[0] == "2025-12" and codes[-1] == "2026-11" and len(codes) == 12
        assert s.scalar(select(func.count()).select_from(TaskUpdate)) > 400
        # Older months are locked, the last two are open.
        locked = {p.code: p.locked for p in s.scalars(select(Period))}
        assert locked["2026-09"] and not locked["2026-10"] and not locked["2026-11"]


def test_demo_statuses_are_varied_and_plausible(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.session() as s:
        counts = status_counts(task_states(s, get_period(s, "2026-10")))
        states = indicator_states(s, get_period(s, "2026-10"))
    # Every category occurs: some late, some done late, some not started.
    assert all(counts[status] > 0 for status in TaskStatus), counts
    assert sum(counts.values()) == 54
    evaluations = {st.evaluation for st in states}
    assert len(evaluations - {None}) >= 2


def test_running_month_is_partly_reported(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.session() as s:
        october = get_period(s, "2026-10")
        november = get_period(s, "2026-11")
        done_oct = s.scalar(select(func.count()).select_from(UnitSubmission).where(UnitSubmission.period_id == october.id))
        done_nov = s.scalar(select(func.count()).select_from(UnitSubmission).where(UnitSubmission.period_id == november.id))
    assert done_nov < done_oct


def _fingerprint(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT t.code, p.code, u.progress, u.percent, u.completed_on, u.result "
            "FROM task_update u JOIN task t ON t.id = u.task_id JOIN period p ON p.id = u.period_id "
            "ORDER BY t.code, p.code"
        ).fetchall()


def test_demo_is_deterministic_for_a_commune_code(tmp_path: Path) -> None:
    paths = []
    for name in ("a.db", "b.db"):
        db = open_database(tmp_path / name)
        build_demo(db, commune_code=10993, today=TODAY)
        db.close()
        paths.append(tmp_path / name)
    assert _fingerprint(paths[0]) == _fingerprint(paths[1])


def test_other_official_commune_codes_work(tmp_path: Path) -> None:
    from models.geo import communes_of

    others = [c for c in communes_of(31) if c.code != 10993][:2]
    prints = []
    for c in others:
        db = open_database(tmp_path / f"{c.code}.db")
        summary = build_demo(db, commune_code=c.code, today=TODAY)
        with db.session() as s:
            commune = s.scalar(select(Commune))
            assert commune.commune_name == c.name
            assert commune.agency_line2 == c.agency_line2
            assert s.scalar(select(Unit).where(Unit.code == "THCS")).name.endswith(c.short_name)
        assert summary.indicators == 38
        db.close()
        prints.append(_fingerprint(tmp_path / f"{c.code}.db"))
    assert prints[0] != prints[1]  # different communes tell different stories


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args], capture_output=True, text=True, cwd=REPO
    )


def test_cli_demo_builds_refuses_then_forces(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    first = _cli("demo", "--db", str(path))
    assert first.returncode == 0, first.stderr
    assert "Xã Thượng Hồng" in first.stdout
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    before = path.stat().st_mtime_ns
    second = _cli("demo", "--db", str(path))
    assert second.returncode != 0
    assert second.stderr.startswith("Lỗi: ") and "--force" in second.stderr
    assert "Traceback" not in second.stderr
    assert path.stat().st_mtime_ns == before
    forced = _cli("demo", "--db", str(path), "--force", "--commune-code", "11020")
    assert forced.returncode == 0, forced.stderr


@pytest.mark.parametrize("code", ["99999999", "abc"])
def test_cli_demo_unknown_commune_code(tmp_path: Path, code: str) -> None:
    result = _cli("demo", "--db", str(tmp_path / "y.db"), "--commune-code", code)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "y.db").exists()
