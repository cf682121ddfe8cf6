"""Tests of models.rules: task status, overdue, recurring deadlines, evaluation."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.enums import Comparator, Evaluation, Progress, Recurrence, TaskStatus
from models.rules import (
    evaluate,
    is_completed,
    is_overdue,
    occurrence_deadline,
    target_in_force,
    task_status,
)

AS_OF = date(2025, 10, 31)  # end of the calendar month October 2025
NONE = Recurrence.NONE

# --- task_status -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("deadline", "progress", "completed_on", "expected"),
    [
        # Completed
        (date(2025, 12, 20), Progress.COMPLETED, date(2025, 10, 5), TaskStatus.DONE_ON_TIME),
        (date(2025, 10, 5), Progress.COMPLETED, date(2025, 10, 5), TaskStatus.DONE_ON_TIME),
        (date(2025, 10, 4), Progress.COMPLETED, date(2025, 10, 5), TaskStatus.DONE_LATE),
        (date(2025, 8, 31), Progress.COMPLETED, date(2025, 9, 1), TaskStatus.DONE_LATE),
        (None, Progress.COMPLETED, date(2025, 10, 5), TaskStatus.DONE_ON_TIME),
        (None, Progress.COMPLETED, None, TaskStatus.DONE_ON_TIME),
        # completed_on missing: taken as as_of
        (date(2025, 10, 31), Progress.COMPLETED, None, TaskStatus.DONE_ON_TIME),
        (date(2025, 10, 30), Progress.COMPLETED, None, TaskStatus.DONE_LATE),
        (date(2025, 11, 30), Progress.COMPLETED, None, TaskStatus.DONE_ON_TIME),
        # completed after as_of: as of October it was still in progress
        (date(2025, 12, 20), Progress.COMPLETED, date(2025, 11, 2), TaskStatus.IN_PROGRESS_ON_TIME),
        (date(2025, 10, 20), Progress.COMPLETED, date(2025, 11, 2), TaskStatus.IN_PROGRESS_OVERDUE),
        # Not started
        (date(2025, 12, 20), None, None, TaskStatus.NOT_STARTED),
        (date(2025, 12, 20), Progress.NOT_STARTED, None, TaskStatus.NOT_STARTED),
        (date(2025, 8, 31), Progress.NOT_STARTED, None, TaskStatus.NOT_STARTED),  # past deadline
        (None, Progress.NOT_STARTED, None, TaskStatus.NOT_STARTED),
        # In progress
        (date(2025, 12, 20), Progress.IN_PROGRESS, None, TaskStatus.IN_PROGRESS_ON_TIME),
        (date(2025, 10, 31), Progress.IN_PROGRESS, None, TaskStatus.IN_PROGRESS_ON_TIME),
        (date(2025, 10, 30), Progress.IN_PROGRESS, None, TaskStatus.IN_PROGRESS_OVERDUE),
        (date(2025, 8, 31), Progress.IN_PROGRESS, None, TaskStatus.IN_PROGRESS_OVERDUE),
        (None, Progress.IN_PROGRESS, None, TaskStatus.IN_PROGRESS_ON_TIME),
        # a stray completion date on an unfinished task changes nothing
        (date(2025, 8, 31), Progress.IN_PROGRESS, date(2025, 8, 1), TaskStatus.IN_PROGRESS_OVERDUE),
    ],
)
def test_task_status_one_off(
    deadline: date | None,
    progress: Progress | None,
    completed_on: date | None,
    expected: TaskStatus,
) -> None:
    status = task_status(
        deadline=deadline,
        recurrence=NONE,
        progress=progress,
        completed_on=completed_on,
        as_of=AS_OF,
    )
    assert status is expected


@pytest.mark.parametrize(
    ("progress", "completed_on", "expected"),
    [
        (None, None, TaskStatus.NOT_STARTED),
        (Progress.NOT_STARTED, None, TaskStatus.NOT_STARTED),
        (Progress.IN_PROGRESS, None, TaskStatus.IN_PROGRESS_ON_TIME),
        (Progress.COMPLETED, date(2025, 10, 31), TaskStatus.DONE_ON_TIME),
        (Progress.COMPLETED, None, TaskStatus.DONE_ON_TIME),
    ],
)
def test_continuous_task_is_never_late(
    progress: Progress | None, completed_on: date | None, expected: TaskStatus
) -> None:
    for deadline in (None, date(2020, 1, 1)):  # a deadline passed by mistake is ignored
        status = task_status(
            deadline=deadline,
            recurrence=Recurrence.CONTINUOUS,
            progress=progress,
            completed_on=completed_on,
            as_of=AS_OF,
        )
        assert status is expected


def test_recurring_task_uses_occurrence_deadline() -> None:
    as_of = date(2025, 12, 31)
    deadline = occurrence_deadline(Recurrence.QUARTERLY, period_end=as_of)
    assert deadline == date(2025, 12, 31)
    status = task_status(
        deadline=deadline,
        recurrence=Recurrence.QUARTERLY,
        progress=Progress.IN_PROGRESS,
        completed_on=None,
        as_of=as_of,
    )
    assert status is TaskStatus.IN_PROGRESS_ON_TIME
    # The yearly occurrence of a task checked at the end of January 2026 is due
    # 31/12/2026: on time.
    status = task_status(
        deadline=occurrence_deadline(Recurrence.YEARLY, period_end=date(2026, 1, 31)),
        recurrence=Recurrence.YEARLY,
        progress=Progress.COMPLETED,
        completed_on=date(2026, 1, 20),
        as_of=date(2026, 1, 31),
    )
    assert status is TaskStatus.DONE_ON_TIME


# --- is_completed / is_overdue -------------------------------------------------------


def test_is_completed() -> None:
    assert is_completed(progress=Progress.COMPLETED, completed_on=None, as_of=AS_OF)
    assert is_completed(progress=Progress.COMPLETED, completed_on=AS_OF, as_of=AS_OF)
    assert not is_completed(
        progress=Progress.COMPLETED, completed_on=date(2025, 11, 1), as_of=AS_OF
    )
    assert not is_completed(progress=Progress.IN_PROGRESS, completed_on=AS_OF, as_of=AS_OF)
    assert not is_completed(progress=None, completed_on=None, as_of=AS_OF)


@pytest.mark.parametrize(
    ("deadline", "progress", "completed_on", "expected"),
    [
        (date(2025, 10, 30), Progress.IN_PROGRESS, None, True),
        (date(2025, 10, 30), Progress.NOT_STARTED, None, True),  # not started, past deadline
        (date(2025, 10, 30), None, None, True),
        (date(2025, 10, 31), Progress.IN_PROGRESS, None, False),  # due today: not yet
        (date(2025, 11, 1), None, None, False),
        (None, Progress.IN_PROGRESS, None, False),
        (None, None, None, False),
        (date(2025, 10, 30), Progress.COMPLETED, date(2025, 10, 31), False),  # done late
        (date(2025, 10, 30), Progress.COMPLETED, None, False),
        (date(2025, 10, 30), Progress.COMPLETED, date(2025, 11, 3), True),  # done after as_of
    ],
)
def test_is_overdue(
    deadline: date | None, progress: Progress | None, completed_on: date | None, expected: bool
) -> None:
    overdue = is_overdue(
        deadline=deadline, progress=progress, completed_on=completed_on, as_of=AS_OF
    )
    assert overdue is expected


_progress = st.one_of(st.none(), st.sampled_from(Progress))
_day = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))


@given(st.one_of(st.none(), _day), _progress, st.one_of(st.none(), _day), _day)
def test_overdue_agrees_with_status(
    deadline: date | None, progress: Progress | None, completed_on: date | None, as_of: date
) -> None:
    status = task_status(
        deadline=deadline,
        recurrence=NONE,
        progress=progress,
        completed_on=completed_on,
        as_of=as_of,
    )
    overdue = is_overdue(
        deadline=deadline, progress=progress, completed_on=completed_on, as_of=as_of
    )
    if status is TaskStatus.IN_PROGRESS_OVERDUE:
        assert overdue
    if status in (TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE, TaskStatus.IN_PROGRESS_ON_TIME):
        assert not overdue
    if status is TaskStatus.NOT_STARTED:
        assert overdue == (deadline is not None and deadline < as_of)
    if deadline is None:
        assert status is not TaskStatus.DONE_LATE
        assert status is not TaskStatus.IN_PROGRESS_OVERDUE


# --- occurrence_deadline -----------------------------------------------------------


@pytest.mark.parametrize(
    ("recurrence", "period_end", "expected"),
    [
        (Recurrence.YEARLY, date(2025, 10, 31), date(2025, 12, 31)),
        (Recurrence.YEARLY, date(2025, 12, 14), date(2025, 12, 31)),
        (Recurrence.YEARLY, date(2026, 1, 14), date(2026, 12, 31)),
        (Recurrence.SEMIANNUAL, date(2026, 6, 30), date(2026, 6, 30)),
        (Recurrence.SEMIANNUAL, date(2026, 1, 14), date(2026, 6, 30)),
        (Recurrence.SEMIANNUAL, date(2026, 7, 1), date(2026, 12, 31)),
        (Recurrence.QUARTERLY, date(2025, 1, 31), date(2025, 3, 31)),
        (Recurrence.QUARTERLY, date(2025, 3, 14), date(2025, 3, 31)),
        (Recurrence.QUARTERLY, date(2025, 4, 14), date(2025, 6, 30)),
        (Recurrence.QUARTERLY, date(2025, 9, 30), date(2025, 9, 30)),
        (Recurrence.QUARTERLY, date(2025, 10, 14), date(2025, 12, 31)),
        (Recurrence.MONTHLY, date(2025, 10, 14), date(2025, 10, 31)),
        (Recurrence.MONTHLY, date(2026, 2, 14), date(2026, 2, 28)),
        (Recurrence.MONTHLY, date(2028, 2, 1), date(2028, 2, 29)),  # leap year
        (Recurrence.MONTHLY, date(2025, 4, 30), date(2025, 4, 30)),
        (Recurrence.CONTINUOUS, date(2025, 10, 31), None),
        (Recurrence.NONE, date(2025, 10, 31), None),
    ],
)
def test_occurrence_deadline(
    recurrence: Recurrence, period_end: date, expected: date | None
) -> None:
    assert occurrence_deadline(recurrence, period_end=period_end) == expected


@given(_day, st.sampled_from([r for r in Recurrence if r not in (NONE, Recurrence.CONTINUOUS)]))
def test_occurrence_deadline_is_not_before_period_end(
    period_end: date, recurrence: Recurrence
) -> None:
    deadline = occurrence_deadline(recurrence, period_end=period_end)
    assert deadline is not None
    assert deadline >= period_end
    assert deadline.year == period_end.year


# --- target_in_force ------------------------------------------------------------------

TARGETS = {2025: 70.0, 2030: 100.0, 2035: 100.0}


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2024, (2025, 70.0)),
        (2025, (2025, 70.0)),
        (2026, (2030, 100.0)),
        (2030, (2030, 100.0)),
        (2031, (2035, 100.0)),
        (2035, (2035, 100.0)),
        (2036, (2035, 100.0)),  # past the last milestone: the latest stays in force
        (2050, (2035, 100.0)),
    ],
)
def test_target_in_force(year: int, expected: tuple[int, float]) -> None:
    assert target_in_force(TARGETS, year) == expected


def test_target_in_force_skips_empty_milestones() -> None:
    targets: dict[int, float | None] = {2025: None, 2030: 1.0, 2035: None, 2040: 3.0}
    assert target_in_force(targets, 2025) == (2030, 1.0)
    assert target_in_force(targets, 2031) == (2040, 3.0)
    assert target_in_force(targets, 2045) == (2040, 3.0)


def test_target_in_force_unsorted_and_generic() -> None:
    targets = {2040: "c", 2025: "a", 2030: "b"}
    assert target_in_force(targets, 2026) == (2030, "b")
    assert target_in_force(targets, 2041) == (2040, "c")


def test_target_in_force_without_targets() -> None:
    assert target_in_force({}, 2025) is None
    assert target_in_force({2025: None, 2030: None}, 2025) is None


def test_target_in_force_keeps_falsy_targets() -> None:
    assert target_in_force({2025: 0.0, 2030: 5.0}, 2025) == (2025, 0.0)
    assert target_in_force({2025: False}, 2025) == (2025, False)


# --- evaluate ----------------------------------------------------------------------------

GE, LE, EQ, YESNO = Comparator.GE, Comparator.LE, Comparator.EQ, Comparator.YESNO
ACHIEVED, NOT_ACHIEVED, EXCEEDED = Evaluation.ACHIEVED, Evaluation.NOT_ACHIEVED, Evaluation.EXCEEDED


@pytest.mark.parametrize(
    ("comparator", "target", "value", "expected"),
    [
        (GE, 70.0, 85.5, EXCEEDED),
        (GE, 70.0, 70.0, ACHIEVED),
        (GE, 70.0, 70.0 + 1e-12, ACHIEVED),  # within tolerance
        (GE, 70.0, 70.0 - 1e-12, ACHIEVED),
        (GE, 0.6, 0.1 + 0.5, ACHIEVED),  # 0.6000000000000001
        (GE, 70.0, 69.99, NOT_ACHIEVED),
        (GE, 70.0, 70.001, EXCEEDED),
        (GE, 1.0, 0.0, NOT_ACHIEVED),
        (GE, 0.0, 0.0, ACHIEVED),
        (GE, 100.0, 100, ACHIEVED),  # int value
        (LE, 5.0, 3.0, EXCEEDED),
        (LE, 5.0, 5.0, ACHIEVED),
        (LE, 5.0, 5.5, NOT_ACHIEVED),
        (LE, 0.0, 0.0, ACHIEVED),
        (EQ, 100.0, 100.0, ACHIEVED),
        (EQ, 100.0, 99.0, NOT_ACHIEVED),
        (EQ, 100.0, 101.0, NOT_ACHIEVED),
        (YESNO, True, True, ACHIEVED),
        (YESNO, True, False, NOT_ACHIEVED),
        (YESNO, True, 1.0, ACHIEVED),
        (YESNO, True, 0.0, NOT_ACHIEVED),
        (YESNO, 1.0, True, ACHIEVED),
        # missing value or target
        (GE, 70.0, None, None),
        (GE, None, 70.0, None),
        (LE, None, None, None),
        (YESNO, None, True, None),
        (YESNO, True, None, None),
        (GE, 70.0, float("nan"), None),
        (GE, float("nan"), 70.0, None),
        (YESNO, True, float("nan"), None),
    ],
)
def test_evaluate(
    comparator: Comparator,
    target: float | bool | None,
    value: float | bool | None,
    expected: Evaluation | None,
) -> None:
    assert evaluate(comparator=comparator, target=target, value=value) is expected


_finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False)


@given(_finite, _finite)
def test_ge_and_le_mirror_each_other(target: float, value: float) -> None:
    ge = evaluate(comparator=GE, target=target, value=value)
    le = evaluate(comparator=LE, target=target, value=value)
    assert ge is not None and le is not None
    if ge is ACHIEVED:
        assert le is ACHIEVED
    else:
        assert {ge, le} == {EXCEEDED, NOT_ACHIEVED}
    eq = evaluate(comparator=EQ, target=target, value=value)
    assert eq is (ACHIEVED if ge is ACHIEVED else NOT_ACHIEVED)
