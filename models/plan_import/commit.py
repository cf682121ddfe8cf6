"""Saving a reviewed plan: tasks, indicators and new units, all or nothing.

``commit_plan`` writes what the review kept of a ``ParsedPlan`` into the
session it is given; the caller's ``Database.transaction`` commits it (or
``import_plan`` does both). Any error raises before the transaction commits,
so a failure leaves nothing behind. Rules:

* Only selected items are saved (``Selection``; by default the items whose
  ``selected`` flag is set). A task whose parent was left out hangs under
  the nearest selected ancestor; a task is a group header exactly when it
  keeps selected sub-tasks.
* Unit names go through ``unit_mapping`` (name → unit id, or None for "no
  unit") and ``new_units`` (name → ``NewUnit`` to create). A name in
  neither is matched exactly (``unit_key``) against the commune's units, or
  left without a unit. Names left without a unit are written into the task's
  content ("Đơn vị theo kế hoạch: chủ trì: ...") so nothing the plan says
  is lost. The first mapped lead unit is the lead; the other leads are
  co-leads (``UnitRole.CO_LEAD``), cooperating units are cooperating.
* Time frames are read again with ``parse_timeframe`` (the plan's year for
  phrases without one); text not understood is kept and flagged
  (``timeframe_flagged``).
* Targets are read with ``parse_target``; each becomes an
  ``IndicatorTarget`` of its milestone year with the cell text kept.
* When a plan is already active: with ``replace=True`` it is kept but no
  longer active and a new plan is created; otherwise the items are added to
  it, and codes already used there are refused (``InputError`` listing them).
* Codes must be present, unique, at most 30 characters; titles present.
* One audit event (``AuditAction.IMPORT``) records the import; the row
  changes are logged by ``models.audit`` as usual.

Qt-free; any thread (one session per thread).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import audit
from models import texts as domain_texts
from models.db import Database
from models.enums import AuditAction, Comparator, MeasureUnit, UnitRole
from models.errors import InputError, ParseError
from models.numbers import parse_target
from models.permissions import Permission, principal_of, require
from models.plan_import import texts as T
from models.plan_import.model import ParsedIndicator, ParsedPlan, ParsedTask
from models.plan_import.units import NewUnit, unit_key
from models.schema import (
    Commune,
    Indicator,
    IndicatorTarget,
    IndicatorUnit,
    Plan,
    Task,
    TaskUnit,
    Unit,
)
from models.textutil import normalize_spaces
from models.timeframe import MAX_YEAR, MIN_YEAR, parse_timeframe

__all__ = ["CommitSummary", "Selection", "commit_plan", "import_plan"]


@dataclass
class Selection:
    """Which items to save, by code; None means "those marked selected"."""

    tasks: set[str] | None = None
    indicators: set[str] | None = None


@dataclass
class CommitSummary:
    """What ``commit_plan`` wrote (left in ``session.info["plan_import_summary"]``)."""

    tasks: int = 0
    indicators: int = 0
    new_units: list[tuple[str, str]] = field(default_factory=list)  # (code, name)
    unassigned: list[str] = field(default_factory=list)


def _chosen_tasks(parsed: ParsedPlan, selection: Selection | None) -> list[ParsedTask]:
    if selection is not None and selection.tasks is not None:
        return [t for t in parsed.tasks if t.code in selection.tasks]
    return [t for t in parsed.tasks if t.selected]


def _chosen_indicators(parsed: ParsedPlan, selection: Selection | None) -> list[ParsedIndicator]:
    if selection is not None and selection.indicators is not None:
        return [i for i in parsed.indicators if i.code in selection.indicators]
    return [i for i in parsed.indicators if i.selected]


def _check_codes(items: list[tuple[str, str]], *, what: str, what_cap: str) -> None:
    seen: set[str] = set()
    for code, title in items:
        if not code:
            raise InputError(T.COMMIT_EMPTY_CODE.format(what=what, title=title[:60]), field="code")
        if len(code) > 30:
            raise InputError(T.COMMIT_CODE_TOO_LONG.format(what=what, code=code), field="code")
        if code.lower() in seen:
            raise InputError(T.COMMIT_DUPLICATE_CODE.format(what=what, code=code), field="code")
        seen.add(code.lower())
        if not title:
            raise InputError(T.COMMIT_EMPTY_TITLE.format(what=what_cap, code=code), field="title")


class _Units:
    """Resolves plan unit names to unit ids, creating the new units asked for."""

    def __init__(
        self,
        session: Session,
        *,
        unit_mapping: Mapping[str, int | None],
        new_units: Mapping[str, NewUnit],
    ) -> None:
        self.session = session
        self.mapping = dict(unit_mapping)
        self.new_units = dict(new_units)
        self.units = list(session.scalars(select(Unit)))
        self.by_key = {unit_key(u.name): u for u in self.units}
        self.ids = {u.id for u in self.units}
        self.created: dict[str, Unit] = {}
        self.unassigned: list[str] = []

    def check(self) -> None:
        """Refuse mappings to units that do not exist and clashing new codes."""
        for name, unit_id in self.mapping.items():
            if unit_id is not None and unit_id not in self.ids:
                raise InputError(T.COMMIT_UNKNOWN_UNIT.format(name=name), field="units")
        codes = {u.code.lower() for u in self.units}
        for proposal in self.new_units.values():
            if not normalize_spaces(proposal.name):
                raise InputError(T.COMMIT_UNIT_NAME_EMPTY, field="units")
            if proposal.code.lower() in codes:
                raise InputError(T.COMMIT_UNIT_CODE_TAKEN.format(code=proposal.code), field="units")

    def resolve(self, name: str) -> int | None:
        if name in self.mapping:
            return self.mapping[name]
        if name in self.new_units:
            proposal = self.new_units[name]
            key = proposal.code.lower()
            unit = self.created.get(key)
            if unit is None:
                order = max((u.sort_order for u in self.units), default=0) + len(self.created) + 1
                unit = Unit(
                    code=proposal.code,
                    name=normalize_spaces(proposal.name),
                    kind=proposal.kind,
                    sort_order=order,
                )
                self.session.add(unit)
                self.session.flush()
                self.created[key] = unit
            return unit.id
        found = self.by_key.get(unit_key(name))
        return found.id if found is not None else None

    def split(
        self, leads: list[str], cooperating: list[str]
    ) -> tuple[int | None, list[int], list[int], list[tuple[str, str]]]:
        """(lead id, co-lead ids, cooperating ids, names left without a unit)."""
        lead_ids: list[int] = []
        coop_ids: list[int] = []
        missing: list[tuple[str, str]] = []
        for name in leads:
            unit_id = self.resolve(name)
            if unit_id is None:
                missing.append((T.ROLE_LEAD, name))
            elif unit_id not in lead_ids:
                lead_ids.append(unit_id)
        for name in cooperating:
            unit_id = self.resolve(name)
            if unit_id is None:
                missing.append((T.ROLE_COOPERATING, name))
            elif unit_id not in lead_ids and unit_id not in coop_ids:
                coop_ids.append(unit_id)
        for _role, name in missing:
            if name not in self.unassigned:
                self.unassigned.append(name)
        lead = lead_ids[0] if lead_ids else None
        return lead, lead_ids[1:], coop_ids, missing


def _unit_note(missing: list[tuple[str, str]]) -> str:
    lines = []
    for role in (T.ROLE_LEAD, T.ROLE_COOPERATING):
        names = [name for r, name in missing if r == role]
        if names:
            lines.append(T.CONTENT_UNIT_NOTE.format(role=role, names="; ".join(names)))
    return "\n".join(lines)


def _parsed_targets(indicator: ParsedIndicator) -> list[IndicatorTarget]:
    out: list[IndicatorTarget] = []
    for year, raw in sorted(indicator.targets.items()):
        if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
            raise InputError(
                T.COMMIT_BAD_YEAR.format(code=indicator.code, year=year), field="targets"
            )
        text = normalize_spaces(raw)
        if not text:
            continue
        try:
            target = parse_target(text)
        except ParseError:
            raise InputError(
                T.COMMIT_BAD_TARGET.format(code=indicator.code, year=year, text=text),
                field="targets",
            ) from None
        comparator = (
            Comparator.YESNO if indicator.comparator is Comparator.YESNO else target.comparator
        )
        out.append(
            IndicatorTarget(
                year=year, comparator=comparator, value=target.value, raw_text=text[:60]
            )
        )
    return out


def _unit_label(measure: MeasureUnit) -> str:
    label = domain_texts.label(measure)
    return "%" if measure is MeasureUnit.PERCENT else label


def commit_plan(
    session: Session,
    parsed: ParsedPlan,
    *,
    selection: Selection | None = None,
    unit_mapping: Mapping[str, int | None] | None = None,
    new_units: Mapping[str, NewUnit] | None = None,
    actor: audit.Actor | None = None,
    replace: bool = False,
    apply_reporting_days: bool = False,
) -> Plan:
    """Save the chosen part of ``parsed`` in ``session`` (see the module rules).

    With ``apply_reporting_days`` the monthly deadlines the plan states
    (``ParsedPlan.reporting_days``) become the local commune's
    ``unit_deadline_day`` / ``report_deadline_day``.

    The caller commits (``Database.transaction``); on ``InputError`` or any
    other error the caller's transaction rolls back and nothing is saved.
    ``actor`` is recorded on the session for the audit log when given.
    """
    if actor is not None:
        session.info["actor"] = actor
    tasks = _chosen_tasks(parsed, selection)
    indicators = _chosen_indicators(parsed, selection)
    if not tasks and not indicators:
        raise InputError(T.COMMIT_NOTHING)
    for task in tasks:
        task.code = normalize_spaces(task.code).rstrip(".")
        task.title = normalize_spaces(task.title)
    for indicator in indicators:
        indicator.code = normalize_spaces(indicator.code).rstrip(".")
        indicator.name = normalize_spaces(indicator.name)
    _check_codes([(t.code, t.title) for t in tasks], what=T.WHAT_TASK, what_cap=T.WHAT_TASK_CAP)
    _check_codes(
        [(i.code, i.name) for i in indicators], what=T.WHAT_INDICATOR, what_cap=T.WHAT_INDICATOR_CAP
    )
    units = _Units(session, unit_mapping=unit_mapping or {}, new_units=new_units or {})
    units.check()
    targets = {i.code: _parsed_targets(i) for i in indicators}

    active = session.scalars(
        select(Plan).where(Plan.active.is_(True)).order_by(Plan.created_at.desc(), Plan.id.desc())
    ).first()
    plan: Plan
    if active is not None and not replace:
        task_codes = {
            c.lower() for c in session.scalars(select(Task.code).where(Task.plan_id == active.id))
        }
        indicator_codes = {
            c.lower()
            for c in session.scalars(select(Indicator.code).where(Indicator.plan_id == active.id))
        }
        clash = [t.code for t in tasks if t.code.lower() in task_codes] + [
            i.code for i in indicators if i.code.lower() in indicator_codes
        ]
        if clash:
            shown = ", ".join(clash[:8]) + ("…" if len(clash) > 8 else "")
            raise InputError(
                T.COMMIT_CODE_CLASH.format(count=len(clash), codes=shown), field="code"
            )
        plan = active
    else:
        if active is not None:
            active.active = False
        plan = Plan(
            number=parsed.number[:60],
            issued_on=parsed.issued_on,
            issuer=parsed.issuer[:200],
            title=parsed.title or T.PLAN_DEFAULT_TITLE,
            active=True,
        )
        session.add(plan)
        session.flush()

    reference_year = parsed.reference_year or (parsed.issued_on.year if parsed.issued_on else None)
    chosen = {t.code for t in tasks}
    by_code = {t.code: t for t in parsed.tasks}

    def kept_parent(task: ParsedTask) -> str | None:
        parent = task.parent
        guard = 0
        while parent is not None and parent not in chosen and guard < 1000:
            above = by_code.get(parent)
            parent = above.parent if above is not None else None
            guard += 1
        return parent

    parents = {t.code: kept_parent(t) for t in tasks}
    has_children = {p for p in parents.values() if p is not None}
    existing_roots = session.scalars(
        select(Task.sort_order).where(Task.plan_id == plan.id, Task.parent_id.is_(None))
    ).all()
    order: dict[str | None, int] = {None: max(existing_roots, default=0)}
    rows: dict[str, Task] = {}
    for task in tasks:
        parent_code = parents[task.code]
        parent_row = rows.get(parent_code) if parent_code is not None else None
        order[parent_code] = order.get(parent_code, 0) + 1
        lead, co_leads, cooperating, missing = units.split(task.lead_units, task.cooperating_units)
        reading = parse_timeframe(task.timeframe_text, reference_year=reference_year)
        content = task.content.strip()
        note = _unit_note(missing)
        if note:
            content = f"{content}\n{note}".strip()
        row = Task(
            plan_id=plan.id,
            parent=parent_row,
            code=task.code,
            title=task.title,
            content=content,
            group_name=(parent_row.title if parent_row is not None else task.group_name)[:300],
            lead_unit_id=lead,
            expected_output=task.expected_output,
            timeframe_text=reading.text[:300] if task.timeframe_text else "",
            start_date=reading.start,
            deadline=reading.deadline,
            recurrence=reading.recurrence,
            timeframe_flagged=bool(task.timeframe_text) and not reading.understood,
            is_group=task.code in has_children,
            source=task.source[:60],
            sort_order=order[parent_code],
        )
        row.other_units = [TaskUnit(unit_id=u, role=UnitRole.CO_LEAD) for u in co_leads] + [
            TaskUnit(unit_id=u, role=UnitRole.COOPERATING) for u in cooperating
        ]
        session.add(row)
        rows[task.code] = row
    existing_indicators = session.scalars(
        select(Indicator.sort_order).where(Indicator.plan_id == plan.id)
    ).all()
    position = max(existing_indicators, default=0)
    for indicator in indicators:
        position += 1
        lead, co_leads, cooperating, _missing = units.split(
            indicator.lead_units, indicator.cooperating_units
        )
        row_indicator = Indicator(
            plan_id=plan.id,
            code=indicator.code,
            name=indicator.name,
            group_name=indicator.group_name[:300],
            measure_unit=indicator.measure_unit,
            unit_label=_unit_label(indicator.measure_unit),
            comparator=indicator.comparator,
            lead_unit_id=lead,
            cumulative=indicator.measure_unit is MeasureUnit.COUNT,
            sort_order=position,
        )
        row_indicator.other_units = [
            IndicatorUnit(unit_id=u, role=UnitRole.CO_LEAD) for u in co_leads
        ] + [IndicatorUnit(unit_id=u, role=UnitRole.COOPERATING) for u in cooperating]
        row_indicator.targets = targets[indicator.code]
        session.add(row_indicator)
    if apply_reporting_days:
        unit_day, report_day = parsed.reporting_days()
        commune = session.scalars(select(Commune).where(Commune.is_local.is_(True))).first()
        if commune is not None:
            if unit_day is not None:
                commune.unit_deadline_day = unit_day
            if report_day is not None:
                commune.report_deadline_day = report_day
    session.flush()
    audit.log_event(
        session,
        AuditAction.IMPORT,
        summary=T.AUDIT_SUMMARY.format(
            source=parsed.source_name or "-",
            tasks=len(tasks),
            indicators=len(indicators),
            units=len(units.created),
        ),
        entity="plan",
        entity_uuid=plan.uuid,
    )
    session.info["plan_import_summary"] = CommitSummary(
        tasks=len(tasks),
        indicators=len(indicators),
        new_units=[(u.code, u.name) for u in units.created.values()],
        unassigned=list(units.unassigned),
    )
    return plan


def import_plan(
    db: Database,
    parsed: ParsedPlan,
    *,
    actor: audit.Actor,
    selection: Selection | None = None,
    unit_mapping: Mapping[str, int | None] | None = None,
    new_units: Mapping[str, NewUnit] | None = None,
    replace: bool = False,
    apply_reporting_days: bool = False,
) -> tuple[int, CommitSummary]:
    """``commit_plan`` in its own transaction; returns (plan id, summary).

    Runs on any thread (a worker of the review dialog, the command line).
    """
    with db.transaction(actor=actor) as session:
        require(principal_of(session, actor), Permission.EDIT_PLAN)
        plan = commit_plan(
            session,
            parsed,
            selection=selection,
            unit_mapping=unit_mapping,
            new_units=new_units,
            actor=actor,
            replace=replace,
            apply_reporting_days=apply_reporting_days,
        )
        summary: CommitSummary = session.info.pop("plan_import_summary")
        plan_id = plan.id
    return plan_id, summary
