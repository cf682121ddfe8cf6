"""The shared status service: tasks' five categories and indicator evaluation."""

from __future__ import annotations

import datetime as dt

from models.enums import (
    Comparator,
    Evaluation,
    MeasureUnit,
    PeriodConvention,
    Progress,
    Recurrence,
    TaskStatus,
)
from models.schema import (
    Commune,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Plan,
    Task,
    TaskUpdate,
    Unit,
)
from models.services.periods import ensure_period
from models.services.status import indicator_states, status_counts, task_states


def _setup(s):  # type: ignore[no-untyped-def]
    s.add(Commune(province_code=31, province_name="Thành phố Hải Phòng", commune_code=10993,
                  commune_name="Xã Thượng Hồng", is_local=True, agency_line2="XÃ THƯỢNG HỒNG",
                  agency_name="Ủy ban nhân dân xã Thượng Hồng", place_name="Thượng Hồng",
                  period_convention=PeriodConvention.CALENDAR))
    unit = Unit(code="VHXH", name="Phòng Văn hóa - Xã hội")
    plan = Plan(number="45/KH-UBND", title="Kế hoạch")
    s.add_all([unit, plan])
    s.flush()
    group = Task(plan=plan, code="1", title="Nhóm 1", is_group=True, sort_order=1)
    one_off = Task(plan=plan, parent=group, code="1.1", title="Ban hành kế hoạch", lead_unit=unit,
                   deadline=dt.date(2026, 3, 31), sort_order=2)
    yearly = Task(plan=plan, parent=group, code="1.2", title="Tổng kết năm", lead_unit=unit,
                  recurrence=Recurrence.YEARLY, sort_order=3)
    late = Task(plan=plan, parent=group, code="1.3", title="Rà soát", lead_unit=unit,
                deadline=dt.date(2026, 1, 31), sort_order=4)
    s.add_all([group, one_off, yearly, late])
    s.flush()
    return unit, plan, one_off, yearly, late


def test_task_states_follow_latest_update_and_recurrence(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        unit, plan, one_off, yearly, late = _setup(s)
        feb = ensure_period(s, "2026-02")
        s.add_all([
            TaskUpdate(task=one_off, period=feb, progress=Progress.COMPLETED, percent=100,
                       completed_on=dt.date(2026, 2, 20)),
            TaskUpdate(task=yearly, period=feb, progress=Progress.COMPLETED, percent=100,
                       completed_on=dt.date(2026, 2, 10)),
            TaskUpdate(task=late, period=feb, progress=Progress.IN_PROGRESS, percent=50),
        ])
    with db.session() as s:
        april = {st.code: st for st in task_states(s, ensure_period(s, "2026-04"))}
        assert [*april] == ["1.1", "1.2", "1.3"]  # leaves only, tree order
        assert april["1.1"].status is TaskStatus.DONE_ON_TIME
        assert april["1.1"].update is None and april["1.1"].last_update is not None
        assert april["1.2"].status is TaskStatus.DONE_ON_TIME  # done within 2026
        assert april["1.2"].deadline == dt.date(2026, 12, 31)
        assert april["1.3"].status is TaskStatus.IN_PROGRESS_OVERDUE and april["1.3"].overdue
        assert april["1.1"].group_code == "1"
        # A yearly task done in 2026 is in progress again for the 2027 occurrence.
        next_year = {st.code: st for st in task_states(s, ensure_period(s, "2027-01"))}
        assert next_year["1.2"].status is TaskStatus.IN_PROGRESS_ON_TIME
        counts = status_counts(list(april.values()))
        assert counts[TaskStatus.DONE_ON_TIME] == 2 and counts[TaskStatus.NOT_STARTED] == 0
        assert set(counts) == set(TaskStatus)
        # Before any update: not started.
        jan = task_states(s, ensure_period(s, "2026-01"))
        assert {st.status for st in jan} == {TaskStatus.NOT_STARTED}


def test_indicator_evaluation_previous_and_quarter_fallback(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        unit, plan, *_ = _setup(s)
        ind = Indicator(plan=plan, code="V.5", name="Tỷ lệ hồ sơ TTHC được số hóa",
                        measure_unit=MeasureUnit.PERCENT, comparator=Comparator.GE, lead_unit=unit)
        ind.targets = [
            IndicatorTarget(year=2025, comparator=Comparator.GE, value=70, raw_text="≥70%"),
            IndicatorTarget(year=2030, comparator=Comparator.GE, value=100, raw_text="100%"),
        ]
        s.add(ind)
        for code, value in [("2025-09", 60.0), ("2026-08", 90.0), ("2026-09", 100.0)]:
            s.add(IndicatorValue(indicator=ind, period=ensure_period(s, code), value=value))
    with db.session() as s:
        sep = indicator_states(s, ensure_period(s, "2026-09"))[0]
        # 2026 falls under the 2030 milestone: 100 % reached → Đạt.
        assert (sep.target_year, sep.target_value, sep.target_text) == (2030, 100, "100%")
        assert sep.value == 100.0 and sep.evaluation is Evaluation.ACHIEVED
        assert sep.previous_value == 90.0 and sep.last_year_value == 60.0
        q3 = indicator_states(s, ensure_period(s, "2026-Q3"))[0]
        assert q3.value == 100.0  # the latest monthly value inside the quarter
        old = indicator_states(s, ensure_period(s, "2025-09"))[0]
        assert old.target_year == 2025 and old.evaluation is Evaluation.NOT_ACHIEVED
        empty = indicator_states(s, ensure_period(s, "2026-10"))[0]
        assert empty.evaluation is None and not empty.has_value
