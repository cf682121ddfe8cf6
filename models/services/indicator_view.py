"""Indicators as the Chỉ tiêu page shows them: targets per milestone year, the
value of a period with its evaluation, and the history of one indicator.

Rules: the value and evaluation of a period come from
``models.services.status.indicator_states`` (one rule for the program); the
history evaluates each stored value against the target in force for that
period's year (``rules.target_in_force``). Qt-free; any thread.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models import texts_cycle as msg
from models.enums import Comparator, Evaluation, MeasureUnit, UnitRole
from models.errors import NotFoundError
from models.numbers import format_number
from models.rules import evaluate, target_in_force
from models.schema import Indicator, IndicatorTarget, IndicatorUnit, IndicatorValue, Period, Plan
from models.services.status import indicator_states
from models.textutil import fold

__all__ = [
    "HistoryPoint",
    "IndicatorHistory",
    "IndicatorView",
    "indicator_history",
    "indicator_table",
    "value_text",
]

YES_TEXT = msg.YES
NO_TEXT = msg.NO


def value_text(value: float | None, yes: bool | None, *, yes_no: bool) -> str:
    """A stored value as written in tables ("85,5", "Có"; "" when none)."""
    if yes_no:
        return "" if yes is None else (YES_TEXT if yes else NO_TEXT)
    return "" if value is None else format_number(value, decimals=2)


@dataclass
class IndicatorView:
    """One row of the indicator table for a period."""

    id: int
    code: str
    name: str
    group_name: str
    unit_label: str
    measure_unit: MeasureUnit
    comparator: Comparator
    yes_no: bool
    lead_unit_id: int | None
    lead_unit_name: str
    other_unit_names: list[str]
    targets: dict[int, str]  # milestone year -> target as written ("≥70%")
    target_year: int | None
    target_text: str
    baseline: float | None
    baseline_year: int | None
    value: float | None = None
    yes: bool | None = None
    previous_value: float | None = None
    previous_yes: bool | None = None
    evaluation: Evaluation | None = None
    search_key: str = ""

    @property
    def value_text(self) -> str:
        return value_text(self.value, self.yes, yes_no=self.yes_no)

    @property
    def previous_text(self) -> str:
        return value_text(self.previous_value, self.previous_yes, yes_no=self.yes_no)


def _active_indicators(session: Session) -> list[Indicator]:
    return list(
        session.scalars(
            select(Indicator)
            .join(Plan, Plan.id == Indicator.plan_id)
            .where(Plan.active.is_(True))
            .options(
                selectinload(Indicator.targets),
                selectinload(Indicator.lead_unit),
                selectinload(Indicator.other_units).selectinload(IndicatorUnit.unit),
            )
            .order_by(Indicator.plan_id, Indicator.sort_order, Indicator.id)
        )
    )


def _target_text(t: IndicatorTarget) -> str:
    if t.raw_text:
        return t.raw_text
    if t.comparator is Comparator.YESNO:
        return "x"
    sign = {Comparator.GE: "≥", Comparator.LE: "≤", Comparator.EQ: "="}[t.comparator]
    return f"{sign}{format_number(t.value)}" if t.value is not None else ""


def indicator_table(session: Session, *, period: Period | None) -> list[IndicatorView]:
    """Every indicator of the active plan with its targets, and with
    ``period`` its value, the previous period's value and the evaluation."""
    indicators = _active_indicators(session)
    states = {s.indicator_id: s for s in indicator_states(session, period)} if period else {}
    year = period.year if period is not None else dt.date.today().year
    out: list[IndicatorView] = []
    for ind in indicators:
        targets = {t.year: _target_text(t) for t in ind.targets}
        in_force = target_in_force({t.year: t for t in ind.targets}, year)
        comparator = in_force[1].comparator if in_force else ind.comparator
        yes_no = comparator is Comparator.YESNO or ind.measure_unit is MeasureUnit.YESNO
        others = [
            iu.unit.name
            for iu in sorted(ind.other_units, key=lambda iu: iu.role != UnitRole.CO_LEAD)
        ]
        row = IndicatorView(
            id=ind.id,
            code=ind.code,
            name=ind.name,
            group_name=ind.group_name,
            unit_label=ind.unit_label,
            measure_unit=ind.measure_unit,
            comparator=comparator,
            yes_no=yes_no,
            lead_unit_id=ind.lead_unit_id,
            lead_unit_name=ind.lead_unit.name if ind.lead_unit else "",
            other_unit_names=others,
            targets=targets,
            target_year=in_force[0] if in_force else None,
            target_text=_target_text(in_force[1]) if in_force else "",
            baseline=ind.baseline,
            baseline_year=ind.baseline_year,
        )
        st = states.get(ind.id)
        if st is not None:
            row.value, row.yes = st.value, st.yes
            row.previous_value, row.previous_yes = st.previous_value, st.previous_yes
            row.evaluation = st.evaluation
        row.search_key = fold(
            "\n".join(
                " ".join(p.split())
                for p in (ind.code, ind.name, ind.group_name, row.lead_unit_name, *others)
            )
        )
        out.append(row)
    return out


@dataclass
class HistoryPoint:
    """A value stored for one period, evaluated against the target then in force."""

    period_code: str
    period_end: dt.date
    value: float | None
    yes: bool | None
    target_year: int | None
    target_value: float | None
    target_text: str
    evaluation: Evaluation | None
    note: str


@dataclass
class IndicatorHistory:
    id: int
    code: str
    name: str
    unit_label: str
    yes_no: bool
    points: list[HistoryPoint] = field(default_factory=list)


def indicator_history(session: Session, indicator_id: int) -> IndicatorHistory:
    """Every value stored for the indicator, oldest first."""
    ind = session.get(Indicator, indicator_id)
    if ind is None:
        raise NotFoundError(msg.INDICATOR_NOT_FOUND)
    targets = {t.year: t for t in ind.targets}
    rows = session.execute(
        select(IndicatorValue, Period)
        .join(Period, Period.id == IndicatorValue.period_id)
        .where(IndicatorValue.indicator_id == indicator_id)
        .order_by(Period.end_date, Period.id)
    ).all()
    any_yes_no = ind.measure_unit is MeasureUnit.YESNO or ind.comparator is Comparator.YESNO
    history = IndicatorHistory(
        id=ind.id, code=ind.code, name=ind.name, unit_label=ind.unit_label, yes_no=any_yes_no
    )
    for val, period in rows:
        in_force = target_in_force(targets, period.year)
        tgt = in_force[1] if in_force else None
        comparator = tgt.comparator if tgt is not None else ind.comparator
        if comparator is Comparator.YESNO:
            evaluation = evaluate(
                comparator=comparator, target=True if tgt is not None else None, value=val.yes
            )
        else:
            evaluation = evaluate(
                comparator=comparator,
                target=tgt.value if tgt is not None else None,
                value=val.value,
            )
        history.points.append(
            HistoryPoint(
                period_code=period.code,
                period_end=period.end_date,
                value=val.value,
                yes=val.yes,
                target_year=in_force[0] if in_force else None,
                target_value=tgt.value if tgt is not None else None,
                target_text=_target_text(tgt) if tgt is not None else "",
                evaluation=evaluation,
                note=val.note,
            )
        )
    return history
