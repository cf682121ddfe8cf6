"""Tasks of the plan: the tree shown by the views, and editing it.

Rules:

* The tree is the active plan's task tree in document order (siblings by
  ``sort_order``). Group headers (``is_group``) are never reported on; every
  other node is a reportable task whose status for a period comes from
  ``models.services.status`` (one computation for the whole program).
* A task's code ("3.11") is unique within its plan; moving a task never
  changes its code (codes are what the plan document says).
* On every save the time-frame text is read again with
  ``models.timeframe.parse_timeframe``: deadline, start, recurrence and the
  "not understood" flag always match the text.
* Deleting a task deletes its sub-tasks and their updates; it is refused when
  one of those updates belongs to a locked period. The audit listener logs
  every deleted row (who, when, the values before) in the same transaction.

* Editing the tree (create, update, move, shift, delete) needs
  ``Permission.EDIT_PLAN`` (administrators and compiling officers), checked
  for the session's audit actor (``models.permissions.require_in``; no
  actor = the program itself) before anything is written; leaders and unit
  staff get a Vietnamese ``PermissionDenied``.

All functions take a ``Session`` and may run on any thread; the caller
commits (use ``Database.transaction``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from models import texts_cycle as msg
from models.enums import Progress, Recurrence, TaskStatus, UnitRole
from models.errors import InputError, NotFoundError, PeriodLockedError
from models.permissions import Permission, require_in
from models.schema import (
    EvidenceFile,
    Period,
    Plan,
    Task,
    TaskUnit,
    TaskUpdate,
    Unit,
)
from models.textutil import fold, normalize_spaces
from models.timeframe import parse_timeframe

__all__ = [
    "EvidenceRef",
    "HistoryEntry",
    "TaskDetail",
    "TaskInput",
    "TaskNode",
    "DeleteImpact",
    "active_plan",
    "code_sort_key",
    "create_task",
    "delete_impact",
    "delete_task",
    "move_task",
    "shift_task",
    "task_detail",
    "task_input",
    "task_tree",
    "update_task",
]


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


@dataclass
class TaskNode:
    """One row of the task views (a group header or a reportable task).

    ``status``/``overdue``/``progress``/``percent`` are those of the period
    asked for (None for group headers). ``deadline`` is the effective
    deadline for that period (the occurrence in force for recurring tasks).
    ``search_key`` is the folded text a search matches against
    (``models.textutil.fold`` of code, title, content, units, time frame).
    """

    id: int
    parent_id: int | None
    depth: int
    code: str
    title: str
    content: str
    group_id: int  # id of the top-level ancestor (the task group)
    group_label: str  # "1. Nâng cao nhận thức..."
    is_group: bool
    lead_unit_id: int | None
    lead_unit_code: str
    lead_unit_name: str
    co_lead_names: list[str]
    cooperating_names: list[str]
    timeframe_text: str
    deadline: dt.date | None
    recurrence: Recurrence
    timeframe_flagged: bool
    status: TaskStatus | None = None
    overdue: bool = False
    progress: Progress | None = None
    percent: float | None = None
    child_count: int = 0
    search_key: str = ""


def active_plan(session: Session) -> Plan | None:
    """The plan being followed: the newest active plan (None if there is none)."""
    return session.scalars(
        select(Plan).where(Plan.active.is_(True)).order_by(Plan.created_at.desc(), Plan.id.desc())
    ).first()


_NUM = re.compile(r"(\d+)")


def code_sort_key(code: str) -> tuple[object, ...]:
    """Natural order of plan codes: "1.2" < "1.10" < "2"."""
    return tuple(int(p) if p.isdigit() else p for p in _NUM.split(code) if p != "")


def _ordered(children: Iterable[Task]) -> list[Task]:
    return sorted(children, key=lambda t: (t.sort_order, t.id))


def task_tree(session: Session, *, period: Period | None = None) -> list[TaskNode]:
    """All tasks of the active plan in tree (pre-)order, with their status.

    With ``period`` the reportable tasks carry the status of that period
    (from ``models.services.status.task_states``); without it they carry none.
    """
    plan = active_plan(session)
    if plan is None:
        return []
    tasks = list(
        session.scalars(
            select(Task)
            .where(Task.plan_id == plan.id)
            .options(
                selectinload(Task.lead_unit),
                selectinload(Task.other_units).selectinload(TaskUnit.unit),
            )
        )
    )
    states = {}
    if period is not None:
        from models.services.status import task_states

        states = {s.task_id: s for s in task_states(session, period)}

    by_parent: dict[int | None, list[Task]] = {}
    for task in tasks:
        by_parent.setdefault(task.parent_id, []).append(task)
    ids = {t.id for t in tasks}
    # Orphans (parent outside the plan) are shown at the top level.
    roots = [t for t in tasks if t.parent_id is None or t.parent_id not in ids]

    out: list[TaskNode] = []

    def visit(task: Task, depth: int, group: Task) -> None:
        kids = _ordered(by_parent.get(task.id, []))
        out.append(_node(task, depth=depth, group=group, kids=len(kids), state=states.get(task.id)))
        for child in kids:
            visit(child, depth + 1, group)

    stack_roots = _ordered(roots)
    for root in stack_roots:
        visit(root, 0, root)
    return out


def _node(task: Task, *, depth: int, group: Task, kids: int, state: object | None) -> TaskNode:
    lead = task.lead_unit
    co_lead = [tu.unit.name for tu in task.other_units if tu.role == UnitRole.CO_LEAD]
    coop = [tu.unit.name for tu in task.other_units if tu.role == UnitRole.COOPERATING]
    node = TaskNode(
        id=task.id,
        parent_id=task.parent_id,
        depth=depth,
        code=task.code,
        title=task.title,
        content=task.content,
        group_id=group.id,
        group_label=f"{group.code}. {group.title}".replace("..", "."),
        is_group=task.is_group,
        lead_unit_id=task.lead_unit_id,
        lead_unit_code=lead.code if lead else "",
        lead_unit_name=lead.name if lead else "",
        co_lead_names=co_lead,
        cooperating_names=coop,
        timeframe_text=task.timeframe_text,
        deadline=task.deadline,
        recurrence=task.recurrence,
        timeframe_flagged=task.timeframe_flagged,
        child_count=kids,
    )
    if state is not None:
        node.status = state.status  # type: ignore[attr-defined]
        node.overdue = state.overdue  # type: ignore[attr-defined]
        node.progress = state.progress  # type: ignore[attr-defined]
        node.percent = state.percent  # type: ignore[attr-defined]
        node.deadline = state.deadline  # type: ignore[attr-defined]
    # One line per field (a phrase never matches across two fields), spaces
    # collapsed so a title broken over lines still matches the typed phrase.
    node.search_key = fold(
        "\n".join(
            " ".join(part.split())
            for part in [
                node.code,
                node.title,
                node.content,
                node.lead_unit_name,
                node.lead_unit_code,
                *co_lead,
                *coop,
                node.timeframe_text,
            ]
        )
    )
    return node


@dataclass
class EvidenceRef:
    """An evidence file as listed to a user (path is relative to the store)."""

    id: int
    original_name: str
    stored_name: str
    sha256: str
    size: int
    added_by_name: str = ""


@dataclass
class HistoryEntry:
    """What was reported on a task in one period."""

    period_code: str
    period_end: dt.date
    locked: bool
    progress: Progress
    percent: float | None
    completed_on: dt.date | None
    result: str
    difficulties: str
    proposals: str
    updated_by_name: str
    updated_at: dt.datetime
    evidence: list[EvidenceRef] = field(default_factory=list)


@dataclass
class TaskDetail:
    """Everything the detail pane shows about one task."""

    id: int
    code: str
    title: str
    content: str
    group_name: str
    is_group: bool
    parent_code: str
    parent_label: str  # "1.1. Các phòng..." ("" at the top level)
    group_label: str  # the top-level group: "1. Nâng cao nhận thức..."
    lead_unit_name: str
    co_lead_names: list[str]
    cooperating_names: list[str]
    expected_output: str
    timeframe_text: str
    deadline: dt.date | None
    start_date: dt.date | None
    recurrence: Recurrence
    timeframe_flagged: bool
    timeframe_note: str
    history: list[HistoryEntry]


def _label(task: Task) -> str:
    return f"{task.code}. {task.title}" if task.code else task.title


def evidence_refs(files: Iterable[EvidenceFile]) -> list[EvidenceRef]:
    return [
        EvidenceRef(
            id=f.id,
            original_name=f.original_name,
            stored_name=f.stored_name,
            sha256=f.sha256,
            size=f.size,
            added_by_name=f.added_by_name,
        )
        for f in sorted(files, key=lambda f: (f.added_at, f.id))
    ]


def _get_task(session: Session, task_id: int) -> Task:
    task = session.get(Task, task_id)
    if task is None:
        raise NotFoundError(msg.TASK_NOT_FOUND)
    return task


def task_detail(session: Session, task_id: int) -> TaskDetail:
    """The task with its units, parsed time frame and history (newest first)."""
    task = _get_task(session, task_id)
    updates = session.scalars(
        select(TaskUpdate)
        .join(Period, TaskUpdate.period_id == Period.id)
        .where(TaskUpdate.task_id == task.id)
        .options(selectinload(TaskUpdate.evidence), selectinload(TaskUpdate.period))
        .order_by(Period.end_date.desc(), Period.id.desc())
    ).all()
    reading = parse_timeframe(task.timeframe_text, reference_year=_reference_year(task.plan))
    root = task
    while root.parent is not None:
        root = root.parent
    return TaskDetail(
        id=task.id,
        code=task.code,
        title=task.title,
        content=task.content,
        group_name=task.group_name,
        is_group=task.is_group,
        parent_code=task.parent.code if task.parent else "",
        parent_label=_label(task.parent) if task.parent else "",
        group_label=_label(root) if root is not task else "",
        lead_unit_name=task.lead_unit.name if task.lead_unit else "",
        co_lead_names=[tu.unit.name for tu in task.other_units if tu.role == UnitRole.CO_LEAD],
        cooperating_names=[
            tu.unit.name for tu in task.other_units if tu.role == UnitRole.COOPERATING
        ],
        expected_output=task.expected_output,
        timeframe_text=task.timeframe_text,
        deadline=task.deadline,
        start_date=task.start_date,
        recurrence=task.recurrence,
        timeframe_flagged=task.timeframe_flagged,
        timeframe_note=reading.note if task.timeframe_flagged else "",
        history=[
            HistoryEntry(
                period_code=u.period.code,
                period_end=u.period.end_date,
                locked=u.period.locked,
                progress=u.progress,
                percent=u.percent,
                completed_on=u.completed_on,
                result=u.result,
                difficulties=u.difficulties,
                proposals=u.proposals,
                updated_by_name=u.updated_by_name,
                updated_at=u.updated_at,
                evidence=evidence_refs(u.evidence),
            )
            for u in updates
        ],
    )


# ---------------------------------------------------------------------------
# Editing
# ---------------------------------------------------------------------------


@dataclass
class TaskInput:
    """What the add/edit dialog collects. Text is normalised on save."""

    code: str
    title: str
    content: str = ""
    parent_id: int | None = None
    lead_unit_id: int | None = None
    co_lead_ids: list[int] = field(default_factory=list)
    cooperating_ids: list[int] = field(default_factory=list)
    expected_output: str = ""
    timeframe_text: str = ""
    is_group: bool = False


def task_input(session: Session, task_id: int) -> TaskInput:
    """The current values of a task, as the edit dialog starts from."""
    task = _get_task(session, task_id)
    return TaskInput(
        code=task.code,
        title=task.title,
        content=task.content,
        parent_id=task.parent_id,
        lead_unit_id=task.lead_unit_id,
        co_lead_ids=[tu.unit_id for tu in task.other_units if tu.role == UnitRole.CO_LEAD],
        cooperating_ids=[tu.unit_id for tu in task.other_units if tu.role == UnitRole.COOPERATING],
        expected_output=task.expected_output,
        timeframe_text=task.timeframe_text,
        is_group=task.is_group,
    )


def _reference_year(plan: Plan | None) -> int:
    if plan is not None and plan.issued_on is not None:
        return plan.issued_on.year
    return dt.date.today().year


def _clean_multiline(text: str) -> str:
    """NFC, trailing spaces and blank runs removed, line breaks kept."""
    lines = [normalize_spaces(line) for line in text.replace("\r\n", "\n").split("\n")]
    out = "\n".join(lines).strip()
    return re.sub(r"\n{3,}", "\n\n", out)


def _validate(session: Session, data: TaskInput, *, plan: Plan, task: Task | None) -> TaskInput:
    code = normalize_spaces(data.code).rstrip(".")
    title = normalize_spaces(data.title)
    if not code:
        raise InputError(msg.TASK_CODE_EMPTY, field="code")
    if len(code) > 30:
        raise InputError(msg.TASK_CODE_TOO_LONG, field="code")
    if not title:
        raise InputError(msg.TASK_TITLE_EMPTY, field="title")
    clash = session.scalar(
        select(Task.id).where(Task.plan_id == plan.id, func.lower(Task.code) == code.lower())
    )
    if clash is not None and (task is None or clash != task.id):
        raise InputError(msg.TASK_CODE_TAKEN.format(code=code), field="code")
    if data.parent_id is not None:
        parent = session.get(Task, data.parent_id)
        if parent is None or parent.plan_id != plan.id:
            raise InputError(msg.TASK_PARENT_UNKNOWN, field="parent")
        if task is not None and _is_descendant_or_self(parent, task):
            raise InputError(msg.TASK_PARENT_CYCLE, field="parent")
    unit_ids = [u for u in [data.lead_unit_id, *data.co_lead_ids, *data.cooperating_ids] if u]
    if unit_ids:
        known = set(session.scalars(select(Unit.id).where(Unit.id.in_(unit_ids))))
        if set(unit_ids) - known:
            raise InputError(msg.TASK_UNIT_UNKNOWN, field="units")
    timeframe = normalize_spaces(data.timeframe_text)
    if len(timeframe) > 300:
        raise InputError(msg.TASK_TIMEFRAME_TOO_LONG, field="timeframe")
    return TaskInput(
        code=code,
        title=title,
        content=_clean_multiline(data.content),
        parent_id=data.parent_id,
        lead_unit_id=data.lead_unit_id or None,
        co_lead_ids=_unique([u for u in data.co_lead_ids if u and u != data.lead_unit_id]),
        cooperating_ids=_unique(
            [
                u
                for u in data.cooperating_ids
                if u and u != data.lead_unit_id and u not in data.co_lead_ids
            ]
        ),
        expected_output=_clean_multiline(data.expected_output),
        timeframe_text=timeframe,
        is_group=data.is_group,
    )


def _unique(ids: Sequence[int]) -> list[int]:
    seen: list[int] = []
    for i in ids:
        if i not in seen:
            seen.append(i)
    return seen


def _is_descendant_or_self(node: Task, ancestor: Task) -> bool:
    current: Task | None = node
    guard = 0
    while current is not None and guard < 1000:
        if current.id == ancestor.id:
            return True
        current = current.parent
        guard += 1
    return False


def _apply(session: Session, task: Task, data: TaskInput, *, plan: Plan) -> None:
    task.code = data.code
    task.title = data.title
    task.content = data.content
    task.lead_unit_id = data.lead_unit_id
    task.expected_output = data.expected_output
    task.timeframe_text = data.timeframe_text
    task.is_group = data.is_group
    reading = parse_timeframe(data.timeframe_text, reference_year=_reference_year(plan))
    task.deadline = reading.deadline
    task.start_date = reading.start
    task.recurrence = reading.recurrence
    task.timeframe_flagged = bool(data.timeframe_text) and not reading.understood
    wanted = [(u, UnitRole.CO_LEAD) for u in data.co_lead_ids] + [
        (u, UnitRole.COOPERATING) for u in data.cooperating_ids
    ]
    existing = {tu.unit_id: tu for tu in task.other_units}
    keep: list[TaskUnit] = []
    for unit_id, role in wanted:
        tu = existing.get(unit_id)
        if tu is None:
            tu = TaskUnit(unit_id=unit_id, role=role)
        elif tu.role != role:
            tu.role = role
        keep.append(tu)
    task.other_units = keep


def create_task(session: Session, data: TaskInput) -> Task:
    """Add a task to the active plan, as the last child of ``data.parent_id``.

    Raises ``InputError`` (field set) for an empty or taken code, an empty
    title, an unknown parent or unit.
    """
    require_in(session, Permission.EDIT_PLAN)
    plan = active_plan(session)
    if plan is None:
        raise NotFoundError(msg.TASK_NO_PLAN)
    clean = _validate(session, data, plan=plan, task=None)
    last = session.scalar(
        select(func.max(Task.sort_order)).where(
            Task.plan_id == plan.id,
            Task.parent_id.is_(None) if clean.parent_id is None else Task.parent_id == clean.parent_id,
        )
    )
    task = Task(plan_id=plan.id, parent_id=clean.parent_id, sort_order=(last or 0) + 1)
    _apply(session, task, clean, plan=plan)
    group = _group_of(session, clean.parent_id)
    task.group_name = group.title if group is not None else (task.title if task.is_group else "")
    session.add(task)
    session.flush()
    return task


def update_task(session: Session, task_id: int, data: TaskInput) -> Task:
    """Save the edit dialog; a changed parent moves the task to its end."""
    require_in(session, Permission.EDIT_PLAN)
    task = _get_task(session, task_id)
    plan = task.plan
    clean = _validate(session, data, plan=plan, task=task)
    if clean.parent_id != task.parent_id:
        _reparent(session, task, clean.parent_id, index=None)
    _apply(session, task, clean, plan=plan)
    session.flush()
    return task


def _group_of(session: Session, parent_id: int | None) -> Task | None:
    if parent_id is None:
        return None
    node = session.get(Task, parent_id)
    while node is not None and node.parent is not None:
        node = node.parent
    return node


def _siblings(session: Session, task: Task, parent_id: int | None) -> list[Task]:
    cond = Task.parent_id.is_(None) if parent_id is None else Task.parent_id == parent_id
    rows = session.scalars(select(Task).where(Task.plan_id == task.plan_id, cond)).all()
    return _ordered(rows)


def _renumber(tasks: Sequence[Task]) -> None:
    for i, t in enumerate(tasks, start=1):
        if t.sort_order != i:
            t.sort_order = i


def _reparent(session: Session, task: Task, parent_id: int | None, *, index: int | None) -> None:
    if parent_id is not None:
        parent = session.get(Task, parent_id)
        if parent is None or parent.plan_id != task.plan_id:
            raise InputError(msg.TASK_PARENT_UNKNOWN, field="parent")
        if _is_descendant_or_self(parent, task):
            raise InputError(msg.TASK_PARENT_CYCLE, field="parent")
    old = [t for t in _siblings(session, task, task.parent_id) if t.id != task.id]
    _renumber(old)
    new = [t for t in _siblings(session, task, parent_id) if t.id != task.id]
    if index is None or index > len(new):
        index = len(new)
    new.insert(max(index, 0), task)
    task.parent_id = parent_id
    task.parent = session.get(Task, parent_id) if parent_id is not None else None
    _renumber(new)
    group = _group_of(session, parent_id)
    if group is not None:
        task.group_name = group.title
        for child in _descendants(task):
            child.group_name = group.title


def _descendants(task: Task) -> list[Task]:
    out: list[Task] = []
    stack = list(task.children)
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(node.children)
    return out


def move_task(session: Session, task_id: int, *, parent_id: int | None, index: int | None) -> Task:
    """Move a task (with its sub-tasks) under ``parent_id`` at position ``index``.

    ``index`` counts among the new siblings (None = last). Codes are kept.
    Raises ``InputError`` when the new parent is the task itself or below it.
    """
    require_in(session, Permission.EDIT_PLAN)
    task = _get_task(session, task_id)
    _reparent(session, task, parent_id, index=index)
    session.flush()
    return task


def shift_task(session: Session, task_id: int, direction: str) -> bool:
    """Move up/down among siblings, indent (under the previous sibling) or outdent.

    ``direction`` is "up", "down", "indent" or "outdent". Returns False when
    the move is not possible (first/last/top level), changing nothing.
    """
    require_in(session, Permission.EDIT_PLAN)
    task = _get_task(session, task_id)
    siblings = _siblings(session, task, task.parent_id)
    pos = next(i for i, t in enumerate(siblings) if t.id == task.id)
    if direction == "up":
        if pos == 0:
            return False
        siblings[pos - 1], siblings[pos] = siblings[pos], siblings[pos - 1]
        _renumber(siblings)
    elif direction == "down":
        if pos >= len(siblings) - 1:
            return False
        siblings[pos + 1], siblings[pos] = siblings[pos], siblings[pos + 1]
        _renumber(siblings)
    elif direction == "indent":
        if pos == 0:
            return False
        _reparent(session, task, siblings[pos - 1].id, index=None)
    elif direction == "outdent":
        parent = task.parent
        if parent is None:
            return False
        uncles = _siblings(session, parent, parent.parent_id)
        ppos = next(i for i, t in enumerate(uncles) if t.id == parent.id)
        _reparent(session, task, parent.parent_id, index=ppos + 1)
    else:  # pragma: no cover - programming error
        raise ValueError(direction)
    session.flush()
    return True


@dataclass
class DeleteImpact:
    """What deleting a task takes with it (for the confirmation question)."""

    code: str
    title: str
    subtasks: int
    updates: int
    evidence: int
    locked_periods: list[str]


def delete_impact(session: Session, task_id: int) -> DeleteImpact:
    task = _get_task(session, task_id)
    nodes = [task, *_descendants(task)]
    ids = [t.id for t in nodes]
    updates = session.scalars(
        select(TaskUpdate)
        .where(TaskUpdate.task_id.in_(ids))
        .options(selectinload(TaskUpdate.period), selectinload(TaskUpdate.evidence))
    ).all()
    locked = sorted({u.period.code for u in updates if u.period.locked})
    return DeleteImpact(
        code=task.code,
        title=task.title,
        subtasks=len(nodes) - 1,
        updates=len(updates),
        evidence=sum(len(u.evidence) for u in updates),
        locked_periods=locked,
    )


def delete_task(session: Session, task_id: int) -> DeleteImpact:
    """Delete a task, its sub-tasks and their updates (audit-logged).

    Raises ``PeriodLockedError`` when an update belongs to a locked period.
    Evidence files stay in the managed store (the log still names them).
    """
    require_in(session, Permission.EDIT_PLAN)
    impact = delete_impact(session, task_id)
    if impact.locked_periods:
        raise PeriodLockedError(
            msg.TASK_DELETE_LOCKED.format(code=impact.code, periods=", ".join(impact.locked_periods))
        )
    task = _get_task(session, task_id)
    parent_id = task.parent_id
    with session.no_autoflush:
        # Load every row that goes, so the ORM cascade (and with it the audit
        # listener) sees each of them rather than the database's ON DELETE.
        for node in [task, *_descendants(task)]:
            for upd in node.updates:
                _ = list(upd.evidence)
            _ = list(node.other_units)
        session.delete(task)
    session.flush()
    remaining = [t for t in _siblings(session, task, parent_id) if t.id != task_id]
    _renumber(remaining)
    session.flush()
    return impact
