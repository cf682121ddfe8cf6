"""Where every task and indicator stands in a period.

The one place that turns stored updates into the five status categories and
the Đạt / Chưa đạt / Vượt evaluations; the overview, the update form, the
reports and the bundles all read these states, so they always agree.

Rules:
- A task's state as of a period is read from its latest update in any period
  that ended on or before the period's end (monthly updates feed quarterly
  and annual reports).
- One-off tasks use their own deadline. Recurring tasks ("Thường xuyên",
  "Hằng năm", ...) use the deadline of the occurrence in force
  (``rules.occurrence_deadline``), and a completion counts only for the
  occurrence it falls in: a yearly task done last year is in progress again.
- An indicator's value for a period is the value entered for that period or,
  for a quarter/half-year/year, the latest value entered within its span.
  It is evaluated against the target of the milestone year in force.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.enums import (
    Comparator,
    Evaluation,
    MeasureUnit,
    PeriodKind,
    Progress,
    Recurrence,
    TaskStatus,
)
from models.periods import parse_period_code, period_bounds, previous, same_period_last_year
from models.rules import evaluate, is_overdue, occurrence_deadline, target_in_force, task_status
from models.schema import (
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Period,
    Plan,
    Task,
    TaskUpdate,
    Unit,
)
from models.services.periods import convention_of


@dataclass
class TaskState:
    task_id: int
    uuid: str
    code: str
    title: str
    group_code: str
    group_name: str
    lead_unit_id: int | None
    lead_unit_code: str
    timeframe_text: str
    deadline: dt.date | None
    recurrence: Recurrence
    status: TaskStatus
    overdue: bool
    progress: Progress | None
    percent: float | None
    completed_on: dt.date | None
    update: TaskUpdate | None
    last_update: TaskUpdate | None


@dataclass
class IndicatorState:
    indicator_id: int
    uuid: str
    code: str
    name: str
    group_name: str
    unit_label: str
    measure_unit: MeasureUnit
    comparator: Comparator
    lead_unit_id: int | None
    target_year: int | None
    target_value: float | None
    target_text: str
    value: float | None
    yes: bool | None
    note: str
    previous_value: float | None
    previous_yes: bool | None
    last_year_value: float | None
    last_year_yes: bool | None
    evaluation: Evaluation | None

    @property
    def has_value(self) -> bool:
        return self.value is not None or self.yes is not None


def ordered_tasks(session: Session) -> list[Task]:
    """All tasks of the active plans in tree (reading) order."""
    tasks = list(
        session.scalars(
            select(Task)
            .join(Plan, Plan.id == Task.plan_id)
            .where(Plan.active.is_(True))
            .order_by(Task.plan_id, Task.sort_order, Task.id)
        )
    )
    children: dict[int | None, list[Task]] = defaultdict(list)
    for t in tasks:
        children[t.parent_id].append(t)
    out: list[Task] = []

    def walk(parent: int | None) -> None:
        for t in children.get(parent, []):
            out.append(t)
            walk(t.id)

    walk(None)
    return out


def _occurrence_start(recurrence: Recurrence, period: Period) -> dt.date:
    end = period.end_date
    if recurrence is Recurrence.CONTINUOUS:
        return period.start_date
    if recurrence is Recurrence.MONTHLY:
        return end.replace(day=1)
    if recurrence is Recurrence.QUARTERLY:
        return dt.date(end.year, 3 * ((end.month - 1) // 3) + 1, 1)
    if recurrence is Recurrence.SEMIANNUAL:
        return dt.date(end.year, 1 if end.month <= 6 else 7, 1)
    return dt.date(end.year, 1, 1)


def task_states(session: Session, period: Period, *, unit_id: int | None = None) -> list[TaskState]:
    """States of the reportable (leaf) tasks as of ``period``'s end date."""
    tasks = ordered_tasks(session)
    by_id = {t.id: t for t in tasks}
    units = {u.id: u.code for u in session.scalars(select(Unit))}

    # Only each task's latest update (not the whole history: years of
    # monthly updates would make every call slower), plus this period's.
    latest_end = (
        select(TaskUpdate.task_id.label("task_id"), func.max(Period.end_date).label("end_date"))
        .join(Period, Period.id == TaskUpdate.period_id)
        .where(Period.end_date <= period.end_date)
        .group_by(TaskUpdate.task_id)
        .subquery()
    )
    rows = session.execute(
        select(TaskUpdate, Period.end_date)
        .join(Period, Period.id == TaskUpdate.period_id)
        .join(
            latest_end,
            (latest_end.c.task_id == TaskUpdate.task_id) & (latest_end.c.end_date == Period.end_date),
        )
        .order_by(TaskUpdate.task_id, Period.end_date, TaskUpdate.id)
    ).all()
    latest: dict[int, TaskUpdate] = {}
    for upd, _end in rows:
        latest[upd.task_id] = upd  # ordered by end date: the last one wins
    current: dict[int, TaskUpdate] = {}
    if period.id is not None:
        for upd in session.scalars(select(TaskUpdate).where(TaskUpdate.period_id == period.id)):
            current[upd.task_id] = upd

    out: list[TaskState] = []
    for t in tasks:
        if t.is_group:
            continue
        if unit_id is not None and t.lead_unit_id != unit_id:
            continue
        root = t
        while root.parent_id is not None and root.parent_id in by_id:
            root = by_id[root.parent_id]
        last = latest.get(t.id)
        progress = last.progress if last is not None else None
        completed_on = last.completed_on if last is not None else None
        percent = last.percent if last is not None else None
        if t.recurrence is Recurrence.NONE:
            deadline = t.deadline
        else:
            deadline = occurrence_deadline(t.recurrence, period_end=period.end_date)
            if progress is Progress.COMPLETED:
                done = completed_on or period.end_date
                if done < _occurrence_start(t.recurrence, period):
                    progress, completed_on = Progress.IN_PROGRESS, None
        status = task_status(
            deadline=deadline,
            recurrence=t.recurrence,
            progress=progress,
            completed_on=completed_on,
            as_of=period.end_date,
        )
        out.append(
            TaskState(
                task_id=t.id,
                uuid=t.uuid,
                code=t.code,
                title=t.title,
                group_code=root.code if root is not t else "",
                group_name=root.title if root is not t else t.group_name,
                lead_unit_id=t.lead_unit_id,
                lead_unit_code=units.get(t.lead_unit_id, "") if t.lead_unit_id else "",
                timeframe_text=t.timeframe_text,
                deadline=deadline,
                recurrence=t.recurrence,
                status=status,
                overdue=is_overdue(
                    deadline=deadline,
                    progress=progress,
                    completed_on=completed_on,
                    as_of=period.end_date,
                ),
                progress=progress,
                percent=percent,
                completed_on=completed_on,
                update=current.get(t.id),
                last_update=last,
            )
        )
    return out


def status_counts(states: list[TaskState]) -> dict[TaskStatus, int]:
    """Number of tasks in each of the five categories (all keys present)."""
    counts = {s: 0 for s in TaskStatus}
    for st in states:
        counts[st.status] += 1
    return counts


def _span_of(code: str, session: Session) -> tuple[dt.date, dt.date]:
    ref = parse_period_code(code)
    return period_bounds(ref, convention_of(session))


def indicator_states(
    session: Session, period: Period, *, unit_id: int | None = None
) -> list[IndicatorState]:
    """Indicators with this period's value, comparisons and evaluation."""
    stmt = (
        select(Indicator)
        .join(Plan, Plan.id == Indicator.plan_id)
        .where(Plan.active.is_(True))
        .order_by(Indicator.plan_id, Indicator.sort_order, Indicator.id)
    )
    if unit_id is not None:
        stmt = stmt.where(Indicator.lead_unit_id == unit_id)
    indicators = list(session.scalars(stmt))
    if not indicators:
        return []
    ids = [i.id for i in indicators]
    targets: dict[int, dict[int, IndicatorTarget]] = defaultdict(dict)
    for target_row in session.scalars(
        select(IndicatorTarget).where(IndicatorTarget.indicator_id.in_(ids))
    ):
        targets[target_row.indicator_id][target_row.year] = target_row
    values: dict[int, list[tuple[dt.date, str, IndicatorValue]]] = defaultdict(list)
    for val, end, code in session.execute(
        select(IndicatorValue, Period.end_date, Period.code)
        .join(Period, Period.id == IndicatorValue.period_id)
        .where(IndicatorValue.indicator_id.in_(ids))
        .order_by(Period.end_date)
    ).all():
        values[val.indicator_id].append((end, code, val))

    ref = parse_period_code(period.code)
    prev_code = previous(ref).code
    last_year_code = same_period_last_year(ref).code
    prev_span = _span_of(prev_code, session)
    last_year_span = _span_of(last_year_code, session)
    own_span = (period.start_date, period.end_date)

    def pick(ind_id: int, code: str, span: tuple[dt.date, dt.date]) -> IndicatorValue | None:
        found: IndicatorValue | None = None
        for end, pcode, val in values.get(ind_id, []):
            if pcode == code:
                return val
            if ref.kind is not PeriodKind.MONTH and span[0] <= end <= span[1]:
                found = val
        return found

    out: list[IndicatorState] = []
    for ind in indicators:
        in_force = target_in_force(targets.get(ind.id, {}), period.year)
        tgt = in_force[1] if in_force else None
        cur = pick(ind.id, period.code, own_span)
        prev = pick(ind.id, prev_code, prev_span)
        last = pick(ind.id, last_year_code, last_year_span)
        comparator = tgt.comparator if tgt is not None else ind.comparator
        if comparator is Comparator.YESNO:
            evaluation = evaluate(
                comparator=comparator,
                target=True if tgt is not None else None,
                value=cur.yes if cur is not None else None,
            )
        else:
            evaluation = evaluate(
                comparator=comparator,
                target=tgt.value if tgt is not None else None,
                value=cur.value if cur is not None else None,
            )
        out.append(
            IndicatorState(
                indicator_id=ind.id,
                uuid=ind.uuid,
                code=ind.code,
                name=ind.name,
                group_name=ind.group_name,
                unit_label=ind.unit_label,
                measure_unit=ind.measure_unit,
                comparator=comparator,
                lead_unit_id=ind.lead_unit_id,
                target_year=in_force[0] if in_force else None,
                target_value=tgt.value if tgt is not None else None,
                target_text=tgt.raw_text if tgt is not None else "",
                value=cur.value if cur is not None else None,
                yes=cur.yes if cur is not None else None,
                note=cur.note if cur is not None else "",
                previous_value=prev.value if prev is not None else None,
                previous_yes=prev.yes if prev is not None else None,
                last_year_value=last.value if last is not None else None,
                last_year_yes=last.yes if last is not None else None,
                evaluation=evaluation,
            )
        )
    return out
