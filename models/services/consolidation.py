"""Consolidated views of an upper-level database (province or whole country).

Everything reads the bundles in use (``bundle_import.current``) for one
period and aggregates in SQL, so it streams at 3,321 communes on SQLite and
PostgreSQL alike; Python only merges the result with the official list of
communes (``models.geo``).

Rules:
- Submission: a commune of the scope has submitted for a period when a
  bundle of it for that period was imported. It is on time when its first
  bundle for the period was made (``created_at``, Vietnam time) on or before
  the deadline: ``models.periods.submission_deadline`` of the period's end
  (in the convention of the setting ``submission_convention``, calendar by
  default) and the day of the setting ``submission_deadline_day`` (18 by
  default, the commune report deadline of the sample plans).
- Indicator totals follow the unit of measure: percent and index → mean
  (with minimum and maximum); count and million VND → sum; yes/no → number
  of communes answering yes; other → no total. Evaluations (Đạt / Chưa đạt /
  Vượt) are the communes' own, counted.
- Task status distribution: the five categories per commune, as the commune
  computed them for the period's end.

Qt-free; any thread (one session per call).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Integer, case, cast, distinct, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.elements import ColumnElement

from models import geo
from models.bundle import format as fmt
from models.enums import Evaluation, MeasureUnit, PeriodConvention, TaskStatus
from models.periods import parse_period_code, period_bounds, submission_deadline
from models.schema import BundleImport, ConsolidatedValue, Setting

VN_TZ = dt.timezone(dt.timedelta(hours=7))
DEADLINE_DAY = "submission_deadline_day"
DEADLINE_CONVENTION = "submission_convention"
DEFAULT_DEADLINE_DAY = 18

MEAN_UNITS = frozenset({MeasureUnit.PERCENT, MeasureUnit.INDEX})
SUM_UNITS = frozenset({MeasureUnit.COUNT, MeasureUnit.MILLION_VND})


# --- Deadline ---------------------------------------------------------------------


def _setting(session: Session, key: str) -> object:
    row = session.get(Setting, key)
    return None if row is None else row.value


def deadline_day(session: Session) -> int:
    value = _setting(session, DEADLINE_DAY)
    if not isinstance(value, (int, float, str)):
        return DEFAULT_DEADLINE_DAY
    try:
        day = int(value)
    except (TypeError, ValueError):
        return DEFAULT_DEADLINE_DAY
    return day if 1 <= day <= 31 else DEFAULT_DEADLINE_DAY


def set_deadline_day(session: Session, day: int) -> None:
    """Store the day of the month bundles are due (1-31); the caller commits."""
    if not 1 <= int(day) <= 31:
        raise ValueError(day)
    row = session.get(Setting, DEADLINE_DAY)
    if row is None:
        session.add(Setting(key=DEADLINE_DAY, value=int(day)))
    else:
        row.value = int(day)
    session.flush()


def deadline_for(session: Session, period_code: str, *, day: int | None = None) -> dt.date:
    """The date bundles of ``period_code`` are due."""
    raw = _setting(session, DEADLINE_CONVENTION)
    try:
        convention = PeriodConvention(raw) if isinstance(raw, str) else PeriodConvention.CALENDAR
    except ValueError:
        convention = PeriodConvention.CALENDAR
    _, end = period_bounds(parse_period_code(period_code), convention)
    return submission_deadline(end, day if day is not None else deadline_day(session))


def _cutoff(deadline: dt.date) -> dt.datetime:
    """First instant after the deadline day ends in Vietnam, in UTC."""
    nxt = deadline + dt.timedelta(days=1)
    return dt.datetime(nxt.year, nxt.month, nxt.day, tzinfo=VN_TZ).astimezone(dt.UTC)


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


# --- Submissions ------------------------------------------------------------------


@dataclass
class SubmissionRow:
    """One official commune of the scope and whether it has submitted."""

    commune_code: int
    commune_name: str
    province_code: int
    province_name: str
    bundles: int = 0
    first_created_at: dt.datetime | None = None
    latest_created_at: dt.datetime | None = None
    last_imported_at: dt.datetime | None = None
    on_time: bool | None = None  # None: not submitted

    @property
    def submitted(self) -> bool:
        return self.bundles > 0


@dataclass
class SubmissionSummary:
    deadline: dt.date
    total: int
    submitted: int
    on_time: int
    late: int

    @property
    def missing(self) -> int:
        return self.total - self.submitted


def submissions(
    session: Session, *, period_code: str, province_code: int | None, day: int | None = None
) -> tuple[list[SubmissionRow], SubmissionSummary]:
    """Every official commune of the scope (one province, or all if None) for the period."""
    deadline = deadline_for(session, period_code, day=day)
    cutoff = _cutoff(deadline)
    stmt = (
        select(
            BundleImport.commune_code,
            func.count(BundleImport.id),
            func.min(BundleImport.created_at),
            func.max(BundleImport.created_at),
            func.max(BundleImport.imported_at),
        )
        .where(BundleImport.period_code == period_code)
        .group_by(BundleImport.commune_code)
    )
    if province_code is not None:
        stmt = stmt.where(BundleImport.province_code == province_code)
    found = {row[0]: row for row in session.execute(stmt)}
    officials = geo.communes_of(province_code) if province_code is not None else list(geo.communes())
    rows: list[SubmissionRow] = []
    on_time = late = 0
    for c in officials:
        row = SubmissionRow(
            commune_code=c.code,
            commune_name=c.name,
            province_code=c.province_code,
            province_name=c.province.name,
        )
        got = found.get(c.code)
        if got is not None:
            row.bundles = int(got[1])
            row.first_created_at = _utc(got[2])
            row.latest_created_at = _utc(got[3])
            row.last_imported_at = _utc(got[4])
            row.on_time = row.first_created_at is not None and row.first_created_at < cutoff
            if row.on_time:
                on_time += 1
            else:
                late += 1
        rows.append(row)
    summary = SubmissionSummary(
        deadline=deadline, total=len(officials), submitted=on_time + late, on_time=on_time, late=late
    )
    return rows, summary


# --- Indicators across communes ----------------------------------------------------


def _current(period_code: str, province_code: int | None, kind: str):  # type: ignore[no-untyped-def]
    cv = ConsolidatedValue
    cond = [
        cv.period_code == period_code,
        cv.element_kind == kind,
        BundleImport.current.is_(True),
    ]
    if province_code is not None:
        cond.append(BundleImport.province_code == province_code)
    return cond


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.sum(case((condition, 1), else_=0))


@dataclass
class IndicatorAggregate:
    """One indicator across the communes of the scope (or of one province)."""

    code: str
    name: str
    measure_unit: MeasureUnit | None
    unit_label: str
    communes: int  # communes whose bundle lists the indicator
    with_value: int  # of which gave a value
    total: float | None  # the aggregate the unit demands (see ``aggregate``)
    mean: float | None
    minimum: float | None
    maximum: float | None
    total_sum: float | None
    yes_count: int
    achieved: int
    exceeded: int
    not_achieved: int
    province_code: int | None = None
    order: int = field(default=0, repr=False)  # first appearance: the plan's order

    @property
    def aggregate(self) -> str:
        """``mean``, ``sum``, ``yes_count`` or ``none``: how ``total`` was made."""
        if self.measure_unit in MEAN_UNITS:
            return "mean"
        if self.measure_unit in SUM_UNITS:
            return "sum"
        if self.measure_unit is MeasureUnit.YESNO:
            return "yes_count"
        return "none"

    @property
    def not_evaluated(self) -> int:
        return self.communes - self.achieved - self.exceeded - self.not_achieved

    @property
    def reached(self) -> int:
        """Communes that reached the target (Đạt or Vượt)."""
        return self.achieved + self.exceeded


def _measure(value: str | None) -> MeasureUnit | None:
    try:
        return MeasureUnit(value) if value else None
    except ValueError:
        return None


def indicator_summary(
    session: Session, *, period_code: str, province_code: int | None, by_province: bool = False
) -> list[IndicatorAggregate]:
    """One row per indicator (per province too with ``by_province``), in plan order."""
    cv = ConsolidatedValue
    cols = [
        cv.element_code,
        cv.measure_unit,
        func.min(cv.element_name),
        func.min(cv.unit_label),
        func.count(distinct(cv.commune_code)),
        _count_if(cv.numeric.is_not(None) | cv.yes.is_not(None)),
        func.avg(cv.numeric),
        func.min(cv.numeric),
        func.max(cv.numeric),
        func.sum(cv.numeric),
        _count_if(cv.yes.is_(True)),
        _count_if(cv.evaluation == Evaluation.ACHIEVED.value),
        _count_if(cv.evaluation == Evaluation.EXCEEDED.value),
        _count_if(cv.evaluation == Evaluation.NOT_ACHIEVED.value),
        func.min(cv.id),
    ]
    group: list[InstrumentedAttribute[Any]] = [cv.element_code, cv.measure_unit]
    if by_province:
        cols.append(BundleImport.province_code)
        group.append(BundleImport.province_code)
    stmt = (
        select(*cols)
        .join(BundleImport, BundleImport.id == cv.import_id)
        .where(*_current(period_code, province_code, fmt.ELEMENT_INDICATOR))
        .group_by(*group)
    )
    out: list[IndicatorAggregate] = []
    for r in session.execute(stmt):
        unit = _measure(r[1])
        mean = float(r[6]) if r[6] is not None else None
        total_sum = float(r[9]) if r[9] is not None else None
        yes = int(r[10] or 0)
        if unit in MEAN_UNITS:
            total: float | None = mean
        elif unit in SUM_UNITS:
            total = total_sum
        elif unit is MeasureUnit.YESNO:
            total = float(yes)
        else:
            total = None
        agg = IndicatorAggregate(
            code=r[0],
            name=r[2] or "",
            measure_unit=unit,
            unit_label=r[3] or "",
            communes=int(r[4] or 0),
            with_value=int(r[5] or 0),
            total=total,
            mean=mean,
            minimum=float(r[7]) if r[7] is not None else None,
            maximum=float(r[8]) if r[8] is not None else None,
            total_sum=total_sum,
            yes_count=yes,
            achieved=int(r[11] or 0),
            exceeded=int(r[12] or 0),
            not_achieved=int(r[13] or 0),
            province_code=int(r[15]) if by_province else province_code,
            order=int(r[14]),
        )
        out.append(agg)
    out.sort(key=lambda a: (a.province_code or 0, a.order))
    return out


@dataclass
class IndicatorCell:
    """One commune's value of an indicator."""

    commune_code: int
    commune_name: str
    province_code: int
    value: float | None
    yes: bool | None
    target: float | None
    comparator: str | None
    evaluation: Evaluation | None
    comment: str


def indicator_by_commune(
    session: Session, *, period_code: str, element_code: str, province_code: int | None
) -> Iterator[IndicatorCell]:
    """Each commune's value of indicator ``element_code``, streamed in official code order."""
    cv = ConsolidatedValue
    stmt = (
        select(
            cv.commune_code,
            BundleImport.commune_name,
            BundleImport.province_code,
            cv.numeric,
            cv.yes,
            cv.target,
            cv.comparator,
            cv.evaluation,
            cv.comment,
        )
        .join(BundleImport, BundleImport.id == cv.import_id)
        .where(*_current(period_code, province_code, fmt.ELEMENT_INDICATOR), cv.element_code == element_code)
        .order_by(cv.commune_code)
        .execution_options(yield_per=500)
    )
    for r in session.execute(stmt):
        try:
            evaluation = Evaluation(r[7]) if r[7] else None
        except ValueError:
            evaluation = None
        yield IndicatorCell(
            commune_code=int(r[0]),
            commune_name=r[1],
            province_code=int(r[2]),
            value=r[3],
            yes=r[4],
            target=r[5],
            comparator=r[6],
            evaluation=evaluation,
            comment=r[8] or "",
        )


# --- Task status distribution ------------------------------------------------------------


@dataclass
class StatusRow:
    """Task status counts of one commune (or one province) for the period."""

    code: int
    name: str
    counts: dict[TaskStatus, int] = field(default_factory=lambda: {s: 0 for s in TaskStatus})

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return self.counts[TaskStatus.DONE_ON_TIME] + self.counts[TaskStatus.DONE_LATE]

    @property
    def overdue(self) -> int:
        return self.counts[TaskStatus.IN_PROGRESS_OVERDUE] + self.counts[TaskStatus.DONE_LATE]


def _status_rows(session: Session, stmt, *, names: dict[int, str]) -> list[StatusRow]:  # type: ignore[no-untyped-def]
    rows: dict[int, StatusRow] = {}
    for code, status, count in session.execute(stmt):
        row = rows.get(int(code))
        if row is None:
            row = rows[int(code)] = StatusRow(code=int(code), name=names.get(int(code), str(code)))
        try:
            row.counts[TaskStatus(status)] += int(count)
        except ValueError:
            continue
    return [rows[k] for k in sorted(rows)]


def status_distribution(
    session: Session, *, period_code: str, province_code: int | None
) -> list[StatusRow]:
    """Five status counts per commune that submitted, in official code order."""
    cv = ConsolidatedValue
    stmt = (
        select(cv.commune_code, cv.status, func.count(cv.id))
        .join(BundleImport, BundleImport.id == cv.import_id)
        .where(*_current(period_code, province_code, fmt.ELEMENT_TASK))
        .group_by(cv.commune_code, cv.status)
    )
    communes = geo.communes_of(province_code) if province_code is not None else geo.communes()
    return _status_rows(session, stmt, names={c.code: c.name for c in communes})


def status_by_province(session: Session, *, period_code: str) -> list[StatusRow]:
    """Five status counts per province (national scope)."""
    cv = ConsolidatedValue
    stmt = (
        select(BundleImport.province_code, cv.status, func.count(cv.id))
        .join(BundleImport, BundleImport.id == cv.import_id)
        .where(*_current(period_code, None, fmt.ELEMENT_TASK))
        .group_by(BundleImport.province_code, cv.status)
    )
    return _status_rows(session, stmt, names={p.code: p.name for p in geo.provinces()})


def status_totals(rows: list[StatusRow], *, name: str = "") -> StatusRow:
    total = StatusRow(code=0, name=name)
    for r in rows:
        for status, n in r.counts.items():
            total.counts[status] += n
    return total


# --- Provinces (national scope) and periods --------------------------------------------------


@dataclass
class ProvinceRow:
    province_code: int
    province_name: str
    communes: int
    submitted: int
    on_time: int

    @property
    def late(self) -> int:
        return self.submitted - self.on_time

    @property
    def missing(self) -> int:
        return self.communes - self.submitted


def province_overview(session: Session, *, period_code: str, day: int | None = None) -> list[ProvinceRow]:
    """Submissions per province of the whole country, aggregated in SQL."""
    cutoff = _cutoff(deadline_for(session, period_code, day=day))
    first = (
        select(
            BundleImport.province_code.label("province_code"),
            BundleImport.commune_code.label("commune_code"),
            func.min(BundleImport.created_at).label("first_at"),
        )
        .where(BundleImport.period_code == period_code)
        .group_by(BundleImport.province_code, BundleImport.commune_code)
        .subquery()
    )
    stmt = select(
        first.c.province_code,
        func.count(),
        func.sum(cast(case((first.c.first_at < cutoff, 1), else_=0), Integer)),
    ).group_by(first.c.province_code)
    found = {int(r[0]): (int(r[1]), int(r[2] or 0)) for r in session.execute(stmt)}
    counts: dict[int, int] = {}
    for c in geo.communes():
        counts[c.province_code] = counts.get(c.province_code, 0) + 1
    out = []
    for p in geo.provinces():
        sub, on_time = found.get(p.code, (0, 0))
        out.append(
            ProvinceRow(
                province_code=p.code,
                province_name=p.name,
                communes=counts.get(p.code, 0),
                submitted=sub,
                on_time=on_time,
            )
        )
    return out


def imported_periods(session: Session) -> list[str]:
    """Period codes with at least one imported bundle, newest first."""
    codes = list(session.scalars(select(BundleImport.period_code).distinct()))

    def key(code: str) -> tuple[int, int, int]:
        try:
            ref = parse_period_code(code)
        except Exception:  # noqa: BLE001 - a stored code is always valid; be safe
            return (0, 0, 0)
        return (ref.year, ref.last_month, -ref.first_month)

    return sorted(codes, key=key, reverse=True)
