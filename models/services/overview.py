"""The overview (Tổng quan) of a period: where the plan stands at a glance.

Rules:

* Task counts are the five status categories as of the period's end
  (``models.services.status``), over reportable tasks.
* The reference day is today while the period is running, the period's
  end once it is over.
* Overdue: tasks not completed whose deadline is before the reference day
  (``status.task_states`` overdue flag), the longest overdue first; days
  are counted to the reference day.
* Upcoming deadlines: tasks not completed whose effective deadline falls in
  the 30 days from the reference day.
* Indicators: Đạt and Vượt count as achieved; Chưa đạt as not achieved;
  an indicator without a value or a target is "not evaluated".
* Progress over the months: for each monthly period up to the chosen one
  (the last ``months`` that exist), the share of tasks completed and the
  mean percent done (a completed task counts 100, no report counts 0).

Qt-free; any thread.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.enums import Evaluation, PeriodKind, Progress, Recurrence, TaskStatus
from models.schema import Period, Unit
from models.services.periods import get_period, label_of
from models.services.status import TaskState, indicator_states, status_counts, task_states

__all__ = ["DeadlineItem", "MonthPoint", "Overview", "UPCOMING_DAYS", "overview", "progress_series"]

UPCOMING_DAYS = 30
DONE = (TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE)


@dataclass
class DeadlineItem:
    """A task in the overdue or upcoming list. ``days`` is overdue or left."""

    task_id: int
    code: str
    title: str
    lead_unit_name: str
    deadline: dt.date
    days: int
    status: TaskStatus
    percent: float | None


@dataclass
class MonthPoint:
    """One month of the progress chart."""

    period_code: str
    short_label: str  # "T10/26"
    tasks_total: int
    tasks_done: int
    done_share: float  # 0-100
    mean_percent: float  # 0-100


@dataclass
class Overview:
    period_code: str
    period_label: str
    reference_day: dt.date
    counts: dict[TaskStatus, int]
    tasks_total: int
    overdue: list[DeadlineItem]
    upcoming: list[DeadlineItem]
    indicators_total: int
    indicators_exceeded: int
    indicators_achieved: int  # Đạt only (not counting Vượt)
    indicators_not_achieved: int
    indicators_not_evaluated: int
    not_achieved_names: list[str] = field(default_factory=list)
    progress: list[MonthPoint] = field(default_factory=list)

    @property
    def achieved_total(self) -> int:
        """Đạt and Vượt together."""
        return self.indicators_achieved + self.indicators_exceeded


def _mean_percent(states: list[TaskState]) -> float:
    if not states:
        return 0.0
    total = 0.0
    for st in states:
        if st.status in DONE:
            total += 100.0
        elif st.progress is Progress.IN_PROGRESS and st.percent is not None:
            total += max(0.0, min(100.0, st.percent))
    return total / len(states)


def _point(period: Period, states: list[TaskState]) -> MonthPoint:
    done = sum(1 for st in states if st.status in DONE)
    total = len(states)
    return MonthPoint(
        period_code=period.code,
        short_label=f"T{period.number}/{period.year % 100:02d}",
        tasks_total=total,
        tasks_done=done,
        done_share=100.0 * done / total if total else 0.0,
        mean_percent=_mean_percent(states),
    )


def progress_series(
    session: Session, period: Period, *, months: int = 12, unit_id: int | None = None
) -> list[MonthPoint]:
    """The monthly points up to ``period`` (oldest first), at most ``months``."""
    rows = session.scalars(
        select(Period)
        .where(Period.kind == PeriodKind.MONTH, Period.end_date <= period.end_date)
        .order_by(Period.end_date.desc())
        .limit(months)
    ).all()
    return [_point(p, task_states(session, p, unit_id=unit_id)) for p in reversed(rows)]


def overview(
    session: Session,
    period_code: str,
    *,
    today: dt.date | None = None,
    months: int = 12,
    unit_id: int | None = None,
) -> Overview:
    """Everything the overview page shows for ``period_code``.

    ``unit_id`` narrows it to one unit's tasks and indicators (unit staff).
    """
    today = today or dt.date.today()
    period = get_period(session, period_code)
    reference = min(today, period.end_date) if today >= period.start_date else period.start_date
    states = task_states(session, period, unit_id=unit_id)
    unit_names = {uid: name for uid, name in session.execute(select(Unit.id, Unit.name))}

    def item(st: TaskState, days: int) -> DeadlineItem:
        assert st.deadline is not None
        return DeadlineItem(
            task_id=st.task_id,
            code=st.code,
            title=st.title,
            lead_unit_name=unit_names.get(st.lead_unit_id, "") if st.lead_unit_id else "",
            deadline=st.deadline,
            days=days,
            status=st.status,
            percent=st.percent,
        )

    overdue = [
        item(st, (reference - st.deadline).days)
        for st in states
        if st.overdue and st.deadline is not None and st.deadline < reference
    ]
    overdue.sort(key=lambda d: (-d.days, d.deadline, d.code))
    horizon = reference + dt.timedelta(days=UPCOMING_DAYS)
    upcoming = [
        item(st, (st.deadline - reference).days)
        for st in states
        if st.deadline is not None
        and st.status not in DONE
        and st.recurrence is not Recurrence.CONTINUOUS
        and reference <= st.deadline <= horizon
    ]
    upcoming.sort(key=lambda d: (d.deadline, d.code))

    inds = indicator_states(session, period, unit_id=unit_id)
    evals = [i.evaluation for i in inds]
    counts = status_counts(states)
    if period.kind is PeriodKind.MONTH:
        series = progress_series(session, period, months=months, unit_id=unit_id)
    else:
        series = []
    return Overview(
        period_code=period.code,
        period_label=label_of(period),
        reference_day=reference,
        counts=counts,
        tasks_total=len(states),
        overdue=overdue,
        upcoming=upcoming,
        indicators_total=len(inds),
        indicators_exceeded=evals.count(Evaluation.EXCEEDED),
        indicators_achieved=evals.count(Evaluation.ACHIEVED),
        indicators_not_achieved=evals.count(Evaluation.NOT_ACHIEVED),
        indicators_not_evaluated=sum(1 for e in evals if e is None),
        not_achieved_names=[
            f"{i.code}. {i.name}" for i in inds if i.evaluation is Evaluation.NOT_ACHIEVED
        ],
        progress=series,
    )
