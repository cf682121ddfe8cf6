"""Tests of models.services.overview: counts, overdue, deadlines, indicators, chart."""

from __future__ import annotations

import datetime as dt

import pytest
from cycle_data import Small, build_small

from models.enums import Progress, TaskStatus
from models.schema import IndicatorValue, Task, TaskUpdate
from models.services.overview import overview


@pytest.fixture
def small(db: object) -> Small:
    small = build_small(db)
    oct_ = small.periods["2026-10"]
    with db.transaction() as s:
        s.get(Task, small.tasks["2.1"]).deadline = dt.date(2026, 10, 15)  # passed, not started
        s.get(Task, small.tasks["2.2"]).deadline = dt.date(2026, 11, 20)  # within 30 days
        s.add_all(
            [
                TaskUpdate(task_id=small.tasks["1.2"], period_id=oct_,
                           progress=Progress.IN_PROGRESS, percent=50.0),
                IndicatorValue(indicator_id=small.indicators["1"], period_id=oct_, value=100.0),
                IndicatorValue(indicator_id=small.indicators["3"], period_id=oct_, value=2.0),
                IndicatorValue(indicator_id=small.indicators["4"], period_id=oct_, value=3.0),
            ]
        )
    return small


def test_counts_overdue_and_upcoming(db, small):
    with db.session() as s:
        ov = overview(s, "2026-10", today=dt.date(2026, 11, 10))
    assert ov.period_label == "Tháng 10/2026"
    assert ov.tasks_total == 5
    assert ov.counts == {
        TaskStatus.NOT_STARTED: 2,  # 2.1, 2.2
        TaskStatus.IN_PROGRESS_ON_TIME: 2,  # 1.1 (due 31/10), 1.2 (continuous)
        TaskStatus.IN_PROGRESS_OVERDUE: 0,
        TaskStatus.DONE_ON_TIME: 1,  # 1.3
        TaskStatus.DONE_LATE: 0,
    }
    assert [(d.code, d.days, d.lead_unit_name) for d in ov.overdue] == [
        ("2.1", 16, "Công an xã")]
    # Period over: deadlines counted from its end (31/10) for 30 days.
    assert ov.reference_day == dt.date(2026, 10, 31)
    assert [(d.code, d.days) for d in ov.upcoming] == [("1.1", 0), ("2.2", 20)]


def test_indicators_achieved_vs_not(db, small):
    with db.session() as s:
        ov = overview(s, "2026-10", today=dt.date(2026, 11, 10))
    assert (ov.indicators_total, ov.indicators_achieved, ov.indicators_exceeded,
            ov.indicators_not_achieved, ov.indicators_not_evaluated) == (4, 1, 1, 1, 1)
    assert ov.achieved_total == 2
    assert ov.not_achieved_names == ["3. Số doanh nghiệp công nghệ số"]


def test_monthly_progress_series(db, small):
    with db.session() as s:
        ov = overview(s, "2026-10", today=dt.date(2026, 11, 10))
    assert [(p.period_code, p.short_label, p.tasks_done, p.tasks_total) for p in ov.progress] == [
        ("2026-09", "T9/26", 1, 5), ("2026-10", "T10/26", 1, 5)]
    # September: 1.3 done (100) and 1.1 at 40% -> (100 + 40) / 5.
    assert ov.progress[0].mean_percent == pytest.approx(28.0)
    assert ov.progress[0].done_share == pytest.approx(20.0)
    # October adds 1.2 at 50%.
    assert ov.progress[1].mean_percent == pytest.approx(38.0)


def test_unit_view_and_running_period(db, small):
    with db.session() as s:
        ov = overview(s, "2026-10", today=dt.date(2026, 10, 5), unit_id=small.units["VHXH"])
    assert ov.tasks_total == 3
    assert ov.reference_day == dt.date(2026, 10, 5)
    assert [d.code for d in ov.upcoming] == ["1.1"]  # 2.2 due 20/11 is beyond 4/11
    assert ov.indicators_total == 2


def test_running_period_counts_overdue_from_today(db, small):
    # On 5 October, 2.1 (due 15 October) is not overdue yet: it is upcoming.
    with db.session() as s:
        ov = overview(s, "2026-10", today=dt.date(2026, 10, 5))
    assert ov.overdue == []
    assert [(d.code, d.days) for d in ov.upcoming] == [("2.1", 10), ("1.1", 26)]
