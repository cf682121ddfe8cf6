"""Domain rules: task status, overdue, recurring deadlines, indicator evaluation.

Pure functions of their arguments (no database, no clock): the caller passes
the reporting period's end date as ``as_of``, so a report for a past period
computes the same statuses today as it did then.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Mapping
from datetime import date
from typing import TypeVar

from models.enums import Comparator, Evaluation, Progress, Recurrence, TaskStatus

__all__ = [
    "TOLERANCE",
    "evaluate",
    "is_completed",
    "is_overdue",
    "occurrence_deadline",
    "target_in_force",
    "task_status",
]

T = TypeVar("T")

TOLERANCE = 1e-9
"""Values closer than this to the target (absolute, or relative for large
numbers) count as equal: 70.0 reached against ≥70% is "Đạt", not "Vượt"."""


def is_completed(*, progress: Progress | None, completed_on: date | None, as_of: date) -> bool:
    """True if the task counts as completed as of ``as_of``.

    Rule: progress is COMPLETED and the completion date is on or before
    ``as_of``; a missing completion date counts as ``as_of`` (completed
    within the period). A completion dated after ``as_of`` did not happen
    yet as of that date.
    """
    if progress is not Progress.COMPLETED:
        return False
    return completed_on is None or completed_on <= as_of


def task_status(
    *,
    deadline: date | None,
    recurrence: Recurrence,
    progress: Progress | None,
    completed_on: date | None,
    as_of: date,
) -> TaskStatus:
    """The monitoring category of a task as of ``as_of`` (a period's end date).

    Rules, in order:

    1. Completed (see ``is_completed``; a missing ``completed_on`` is taken
       as ``as_of``): DONE_ON_TIME when there is no deadline or
       ``completed_on <= deadline`` (finishing on the deadline day is on
       time), else DONE_LATE.
    2. Progress None or NOT_STARTED: NOT_STARTED, even past the deadline
       (``is_overdue`` still reports it as overdue for the overview).
    3. Otherwise (IN_PROGRESS, or COMPLETED with a completion date after
       ``as_of``, which as of that date was still being worked on):
       IN_PROGRESS_OVERDUE when there is a deadline and
       ``deadline < as_of``, else IN_PROGRESS_ON_TIME. A deadline equal to
       ``as_of`` is not yet overdue.

    Recurring tasks have no fixed deadline: the caller passes the deadline
    of the occurrence in force for the period (``occurrence_deadline``) or
    None. A CONTINUOUS ("Thường xuyên") task has no deadline at all, so a
    deadline passed with it is ignored and it is never overdue or late.
    """
    if recurrence is Recurrence.CONTINUOUS:
        deadline = None
    if is_completed(progress=progress, completed_on=completed_on, as_of=as_of):
        finished = completed_on if completed_on is not None else as_of
        if deadline is None or finished <= deadline:
            return TaskStatus.DONE_ON_TIME
        return TaskStatus.DONE_LATE
    if progress is None or progress is Progress.NOT_STARTED:
        return TaskStatus.NOT_STARTED
    if deadline is not None and deadline < as_of:
        return TaskStatus.IN_PROGRESS_OVERDUE
    return TaskStatus.IN_PROGRESS_ON_TIME


def is_overdue(
    *,
    deadline: date | None,
    progress: Progress | None,
    completed_on: date | None,
    as_of: date,
) -> bool:
    """True if the task is not completed as of ``as_of`` and its deadline passed.

    Rule: not ``is_completed`` and ``deadline < as_of``. A task not started
    past its deadline is overdue too (the overview lists it), although its
    status stays NOT_STARTED. A task completed late is not overdue (it is
    DONE_LATE). No deadline, never overdue.
    """
    if deadline is None or not deadline < as_of:
        return False
    return not is_completed(progress=progress, completed_on=completed_on, as_of=as_of)


def _end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def occurrence_deadline(recurrence: Recurrence, *, period_end: date) -> date | None:
    """Deadline of the occurrence of a recurring task in force at ``period_end``.

    Rule: the occurrence is the calendar month, quarter, half year or year
    containing ``period_end``; its deadline is that span's last day.
    YEARLY -> 31 Dec of that year; SEMIANNUAL -> 30 Jun or 31 Dec;
    QUARTERLY -> 31 Mar / 30 Jun / 30 Sep / 31 Dec; MONTHLY -> last day of
    the month. CONTINUOUS and NONE -> None (a one-off task keeps its own
    deadline; a continuous one has none).

    With the 15th cut-off convention a period ending on 14 October gets the
    October occurrence (31 October), which is not yet overdue on 14 October.
    """
    year, month = period_end.year, period_end.month
    if recurrence is Recurrence.YEARLY:
        return date(year, 12, 31)
    if recurrence is Recurrence.SEMIANNUAL:
        return date(year, 6, 30) if month <= 6 else date(year, 12, 31)
    if recurrence is Recurrence.QUARTERLY:
        return _end_of_month(year, 3 * ((month - 1) // 3) + 3)
    if recurrence is Recurrence.MONTHLY:
        return _end_of_month(year, month)
    return None


def target_in_force(targets: Mapping[int, T | None], year: int) -> tuple[int, T] | None:
    """The (milestone year, target) that applies to ``year``.

    Rule: targets are set for milestone years (2025, 2030, 2035, ...); the
    one in force is the smallest milestone year >= ``year`` that has a
    target (for 2027 the 2030 target applies, for 2030 the 2030 one). Past
    the last milestone, the latest milestone year before ``year`` stays in
    force. Milestones whose target is None (an empty cell) are skipped.
    None when no milestone has a target.
    """
    present = sorted(milestone for milestone, target in targets.items() if target is not None)
    if not present:
        return None
    ahead = [milestone for milestone in present if milestone >= year]
    chosen = ahead[0] if ahead else present[-1]
    value = targets[chosen]
    assert value is not None
    return chosen, value


def _close(value: float, target: float) -> bool:
    return math.isclose(value, target, rel_tol=TOLERANCE, abs_tol=TOLERANCE)


def evaluate(
    *,
    comparator: Comparator,
    target: float | bool | None,
    value: float | bool | None,
) -> Evaluation | None:
    """Evaluate a reached ``value`` against ``target`` ("Đạt", "Chưa đạt", "Vượt").

    Rules (equality within ``TOLERANCE``):

    * None when the value or the target is missing, or either is NaN
      (nothing to evaluate; reports show an empty cell).
    * GE (≥): value above target -> EXCEEDED, equal -> ACHIEVED,
      below -> NOT_ACHIEVED.
    * LE (≤, e.g. "≤5%" of late files): mirrored; value below target ->
      EXCEEDED (better than required), equal -> ACHIEVED, above ->
      NOT_ACHIEVED.
    * EQ (=): equal -> ACHIEVED, otherwise NOT_ACHIEVED (never EXCEEDED).
    * YESNO ("x"): a truthy value (True, or a non-zero number) -> ACHIEVED,
      otherwise NOT_ACHIEVED; the target only has to be present.
    """
    if value is None or target is None:
        return None
    if comparator is Comparator.YESNO:
        if isinstance(value, float) and math.isnan(value):
            return None
        return Evaluation.ACHIEVED if value else Evaluation.NOT_ACHIEVED
    reached, wanted = float(value), float(target)
    if math.isnan(reached) or math.isnan(wanted):
        return None
    if _close(reached, wanted):
        return Evaluation.ACHIEVED
    if comparator is Comparator.EQ:
        return Evaluation.NOT_ACHIEVED
    if comparator is Comparator.GE:
        better = reached > wanted
    elif comparator is Comparator.LE:
        better = reached < wanted
    else:  # pragma: no cover - a comparator added to the enum but not here
        raise ValueError(f"unknown comparator {comparator!r}")
    return Evaluation.EXCEEDED if better else Evaluation.NOT_ACHIEVED
