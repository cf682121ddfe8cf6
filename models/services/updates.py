"""The monthly cycle: a unit's update form, completeness, locking a period.

Rules:

* A unit's form for a period lists every reportable task whose lead unit is
  the unit (group headers excluded) and every indicator it leads, with what
  was reported before (previous period) and the target in force.
* Input is kept as typed (``percent_text``, ``value_text``,
  ``completed_text``) until it is saved, so the form can show a Vietnamese
  reason next to the exact text that was refused. ``validate_*`` are pure
  and cheap: the UI calls them on every keystroke.
* ``save_unit_form`` is all or nothing: it checks the lock and the user's
  right first, validates every row, copies new evidence files into the
  managed store (content-addressed, written to a temporary name, flushed
  to disk, then renamed) and only then writes the rows and commits one
  transaction. When anything fails nothing is written and the files copied
  by this save are removed again.
* Completeness counts, per unit that has something to report, how many of
  its tasks were updated and indicators filled for the period, and compares
  the unit's submission with the commune's deadline
  (``models.periods.submission_deadline``).
* Locking and unlocking a period is for administrators and compiling
  officers only, and both are written to the audit log.

Functions take a ``Session`` and may run on any thread (never the UI thread
for ``save_unit_form``, which copies files).
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import os
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from models import texts_cycle as msg
from models.audit import Actor, log_event
from models.enums import (
    AuditAction,
    Comparator,
    Evaluation,
    MeasureUnit,
    Progress,
    Recurrence,
    TaskStatus,
)
from models.errors import (
    AppError,
    InputError,
    NotFoundError,
    ParseError,
    PermissionDenied,
)
from models.fileutil import fsync_dir
from models.numbers import format_number, parse_date_vi, parse_number, parse_yes_no
from models.periods import parse_period_code, period_bounds, submission_deadline
from models.permissions import SYSTEM, Permission, allowed
from models.rules import evaluate
from models.schema import (
    EvidenceFile,
    Indicator,
    IndicatorValue,
    Period,
    Plan,
    Task,
    TaskUpdate,
    Unit,
    UnitSubmission,
    User,
)
from models.services.periods import (
    check_open,
    convention_of,
    get_period,
    label_of,
    local_commune_or_none,
)
from models.services.status import indicator_states, task_states
from models.textutil import normalize_spaces

__all__ = [
    "EvidenceItem",
    "FormInvalidError",
    "Issue",
    "IndicatorRow",
    "SaveResult",
    "StoredFile",
    "SubmissionState",
    "TaskRow",
    "UnitCompleteness",
    "UnitForm",
    "can_edit_unit",
    "completeness",
    "copy_previous",
    "indicator_evaluation",
    "load_unit_form",
    "lock_period",
    "save_unit_form",
    "store_evidence",
    "unlock_period",
    "validate_form",
    "validate_indicator_row",
    "validate_task_row",
]

MAX_EVIDENCE_MB = 200
"""Largest evidence file accepted (scans of signed documents, photos)."""
OLDEST_COMPLETION_YEAR = 2000
"""A completion date before this year is a typing mistake."""


# ---------------------------------------------------------------------------
# The form
# ---------------------------------------------------------------------------


@dataclass
class EvidenceItem:
    """An evidence file on a row: already stored (``id``) or to be copied in."""

    original_name: str
    size: int
    id: int | None = None
    stored_name: str = ""
    sha256: str = ""
    source: Path | None = None  # a file chosen by the user, not yet stored

    @classmethod
    def from_path(cls, path: Path) -> EvidenceItem:
        """A new file to attach (its size is read now; it is copied on save)."""
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        return cls(original_name=normalize_spaces(path.name), size=size, source=path)


@dataclass
class TaskRow:
    """One task of the form: the input as typed plus what to show beside it."""

    task_id: int
    code: str
    title: str
    group_name: str
    timeframe_text: str
    deadline: dt.date | None
    recurrence: Recurrence
    status: TaskStatus  # as stored before this edit
    update_id: int | None = None
    progress: Progress | None = None
    percent_text: str = ""
    completed_text: str = ""
    result: str = ""
    difficulties: str = ""
    proposals: str = ""
    evidence: list[EvidenceItem] = field(default_factory=list)
    updated_by_name: str = ""
    updated_at: dt.datetime | None = None
    previous_period_code: str = ""
    previous_progress: Progress | None = None
    previous_percent: float | None = None
    previous_result: str = ""

    @property
    def reported(self) -> bool:
        return self.progress is not None


@dataclass
class IndicatorRow:
    """One indicator of the form. ``yes_no`` rows take Có/Không, others a number."""

    indicator_id: int
    code: str
    name: str
    group_name: str
    unit_label: str
    measure_unit: MeasureUnit
    comparator: Comparator
    target_year: int | None
    target_value: float | None
    target_text: str
    yes_no: bool
    value_id: int | None = None
    value_text: str = ""
    note: str = ""
    evidence: list[EvidenceItem] = field(default_factory=list)
    previous_value: float | None = None
    previous_yes: bool | None = None
    last_year_value: float | None = None
    last_year_yes: bool | None = None
    updated_by_name: str = ""

    @property
    def has_target(self) -> bool:
        return self.target_year is not None


@dataclass
class UnitForm:
    """Everything a unit reports for one period."""

    unit_id: int
    unit_code: str
    unit_name: str
    period_id: int
    period_code: str
    period_label: str
    period_start: dt.date
    period_end: dt.date
    locked: bool
    deadline: dt.date | None
    submitted_at: dt.datetime | None
    tasks: list[TaskRow]
    indicators: list[IndicatorRow]


@dataclass(frozen=True)
class Issue:
    """A refused cell: section "task" or "indicator", row index, field, reason."""

    section: str
    row: int
    field: str
    message: str
    code: str = ""


class FormInvalidError(InputError):
    """The form has refused cells; ``issues`` says which and why."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        super().__init__(msg.FORM_INVALID.format(count=len(issues)))
        self.issues = list(issues)


def _fmt_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _yes_no_text(value: bool | None) -> str:
    if value is None:
        return ""
    return YES_TEXT if value else NO_TEXT


YES_TEXT = msg.YES
NO_TEXT = msg.NO


def load_unit_form(
    session: Session, *, unit_id: int, period_code: str
) -> UnitForm:
    """The form of ``unit_id`` for ``period_code`` as stored now.

    Raises ``NotFoundError`` for an unknown unit or period.
    """
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFoundError(msg.UNIT_NOT_FOUND)
    period = get_period(session, period_code)
    states = task_states(session, period, unit_id=unit_id)
    task_ids = [s.task_id for s in states]

    current: dict[int, TaskUpdate] = {}
    previous: dict[int, tuple[str, Progress, float | None, str]] = {}
    if task_ids:
        for update_row in session.scalars(
            select(TaskUpdate)
            .where(TaskUpdate.task_id.in_(task_ids), TaskUpdate.period_id == period.id)
            .options(selectinload(TaskUpdate.evidence))
        ):
            current[update_row.task_id] = update_row
        # Plain columns, not ORM objects: a year of history is read quickly.
        for task_id, code, progress, percent, result in session.execute(
            select(
                TaskUpdate.task_id,
                Period.code,
                TaskUpdate.progress,
                TaskUpdate.percent,
                TaskUpdate.result,
            )
            .join(Period, Period.id == TaskUpdate.period_id)
            .where(TaskUpdate.task_id.in_(task_ids), Period.end_date < period.end_date)
            .order_by(Period.end_date)
        ):
            previous[task_id] = (code, progress, percent, result)  # the latest wins

    rows: list[TaskRow] = []
    for st in states:
        row = TaskRow(
            task_id=st.task_id,
            code=st.code,
            title=st.title,
            group_name=st.group_name,
            timeframe_text=st.timeframe_text,
            deadline=st.deadline,
            recurrence=st.recurrence,
            status=st.status,
        )
        upd = current.get(st.task_id)
        if upd is not None:
            row.update_id = upd.id
            row.progress = upd.progress
            row.percent_text = format_number(upd.percent) if upd.percent is not None else ""
            row.completed_text = _fmt_date(upd.completed_on)
            row.result = upd.result
            row.difficulties = upd.difficulties
            row.proposals = upd.proposals
            row.evidence = [_item(ev) for ev in sorted(upd.evidence, key=lambda e: e.id)]
            row.updated_by_name = upd.updated_by_name
            row.updated_at = upd.updated_at
        prev = previous.get(st.task_id)
        if prev is not None:
            (row.previous_period_code, row.previous_progress, row.previous_percent,
             row.previous_result) = prev
        rows.append(row)

    ind_states = indicator_states(session, period, unit_id=unit_id)
    values: dict[int, IndicatorValue] = {}
    if ind_states:
        for value_row in session.scalars(
            select(IndicatorValue)
            .where(
                IndicatorValue.indicator_id.in_([s.indicator_id for s in ind_states]),
                IndicatorValue.period_id == period.id,
            )
            .options(selectinload(IndicatorValue.evidence))
        ):
            values[value_row.indicator_id] = value_row
    indicators: list[IndicatorRow] = []
    for ist in ind_states:
        yes_no = ist.comparator is Comparator.YESNO or ist.measure_unit is MeasureUnit.YESNO
        irow = IndicatorRow(
            indicator_id=ist.indicator_id,
            code=ist.code,
            name=ist.name,
            group_name=ist.group_name,
            unit_label=ist.unit_label,
            measure_unit=ist.measure_unit,
            comparator=ist.comparator,
            target_year=ist.target_year,
            target_value=ist.target_value,
            target_text=ist.target_text,
            yes_no=yes_no,
            previous_value=ist.previous_value,
            previous_yes=ist.previous_yes,
            last_year_value=ist.last_year_value,
            last_year_yes=ist.last_year_yes,
        )
        val = values.get(ist.indicator_id)
        if val is not None:
            irow.value_id = val.id
            if yes_no:
                irow.value_text = _yes_no_text(val.yes)
            elif val.value is not None:
                irow.value_text = format_number(val.value)
            irow.note = val.note
            irow.evidence = [_item(ev) for ev in sorted(val.evidence, key=lambda e: e.id)]
            irow.updated_by_name = val.updated_by_name
        indicators.append(irow)

    commune = local_commune_or_none(session)
    deadline_day = commune.unit_deadline_day if commune is not None else 15
    submission = session.scalar(
        select(UnitSubmission).where(
            UnitSubmission.unit_id == unit_id, UnitSubmission.period_id == period.id
        )
    )
    return UnitForm(
        unit_id=unit.id,
        unit_code=unit.code,
        unit_name=unit.name,
        period_id=period.id,
        period_code=period.code,
        period_label=label_of(period),
        period_start=period.start_date,
        period_end=period.end_date,
        locked=period.locked,
        deadline=submission_deadline(period.end_date, deadline_day),
        submitted_at=submission.submitted_at if submission else None,
        tasks=rows,
        indicators=indicators,
    )


def _item(ev: EvidenceFile) -> EvidenceItem:
    return EvidenceItem(
        original_name=ev.original_name,
        size=ev.size,
        id=ev.id,
        stored_name=ev.stored_name,
        sha256=ev.sha256,
    )


def copy_previous(form: UnitForm) -> int:
    """Start empty task rows from the previous period's status and percent.

    Only rows without any input are touched; completed tasks are not copied
    (their completion belongs to the earlier period). Returns the number of
    rows filled.
    """
    filled = 0
    for row in form.tasks:
        if row.progress is not None or row.previous_progress is None:
            continue
        if row.previous_progress is Progress.COMPLETED:
            continue
        if row.percent_text or row.result or row.difficulties or row.proposals:
            continue
        row.progress = row.previous_progress
        if row.previous_percent is not None:
            row.percent_text = format_number(row.previous_percent)
        filled += 1
    return filled


# ---------------------------------------------------------------------------
# Validation (pure; called on every keystroke by the UI)
# ---------------------------------------------------------------------------


def _percent(text: str) -> float | None:
    clean = normalize_spaces(text)
    if not clean:
        return None
    return parse_number(clean)


def validate_task_row(
    row: TaskRow, *, period_end: dt.date, today: dt.date | None = None
) -> dict[str, str]:
    """Refused fields of a task row: ``{field: Vietnamese reason}``.

    Fields: "progress", "percent", "completed", "result". Rules: the percent
    is a number from 0 to 100 ("85,5" and "85.5" both read); a completed
    task has percent 100 (or empty, read as 100) and a completion date that
    is not after the period's end, not in the future and not before 2000;
    a task not started has no percent above 0; text without a status is
    refused (it would not be saved).
    """
    today = today or dt.date.today()
    errors: dict[str, str] = {}
    percent: float | None = None
    try:
        percent = _percent(row.percent_text)
    except ParseError as exc:
        errors["percent"] = exc.message
    if percent is not None and not 0 <= percent <= 100:
        errors["percent"] = msg.PERCENT_RANGE
        percent = None
    completed_text = normalize_spaces(row.completed_text)
    if row.progress is None:
        if percent is not None and "percent" not in errors:
            errors["percent"] = msg.PERCENT_WITHOUT_STATUS
        has_text = any(normalize_spaces(t) for t in (row.result, row.difficulties, row.proposals))
        if has_text or any(e.source is not None for e in row.evidence):
            errors["progress"] = msg.TEXT_WITHOUT_STATUS
        if completed_text:
            errors["completed"] = msg.COMPLETED_ONLY_WHEN_DONE
        return errors
    if row.progress is Progress.COMPLETED:
        if percent is not None and abs(percent - 100) > 1e-9 and "percent" not in errors:
            errors["percent"] = msg.PERCENT_DONE_NOT_100
        if not completed_text:
            errors["completed"] = msg.COMPLETED_REQUIRED
        else:
            try:
                done = parse_date_vi(completed_text)
            except ParseError as exc:
                errors["completed"] = exc.message
            else:
                if done > period_end:
                    errors["completed"] = msg.COMPLETED_AFTER_PERIOD.format(
                        date=_fmt_date(done), end=_fmt_date(period_end)
                    )
                elif done > today:
                    errors["completed"] = msg.COMPLETED_FUTURE.format(date=_fmt_date(done))
                elif done.year < OLDEST_COMPLETION_YEAR:
                    errors["completed"] = msg.COMPLETED_TOO_OLD.format(
                        date=_fmt_date(done), year=OLDEST_COMPLETION_YEAR
                    )
    else:
        if completed_text:
            errors["completed"] = msg.COMPLETED_ONLY_WHEN_DONE
        if row.progress is Progress.NOT_STARTED and percent and "percent" not in errors:
            errors["percent"] = msg.PERCENT_NOT_STARTED
    return errors


def indicator_input(row: IndicatorRow) -> tuple[float | None, bool | None]:
    """The typed value read as (number, yes); raises ParseError if unreadable."""
    clean = normalize_spaces(row.value_text)
    if not clean:
        return None, None
    if row.yes_no:
        return None, parse_yes_no(clean)
    return parse_number(clean), None


def validate_indicator_row(row: IndicatorRow) -> dict[str, str]:
    """Refused fields of an indicator row (field "value").

    Rules: numbers read with ``parse_number`` ("85,5" = "85.5"; "12,3,4" is
    refused); yes/no rows take "có"/"không" (or x/0); values are not
    negative, and a percentage is at most 100.
    """
    try:
        value, _yes = indicator_input(row)
    except ParseError as exc:
        return {"value": exc.message}
    if value is not None:
        if value < 0:
            return {"value": msg.VALUE_NEGATIVE}
        if row.measure_unit is MeasureUnit.PERCENT and value > 100:
            return {"value": msg.VALUE_PERCENT_RANGE}
    return {}


def indicator_evaluation(row: IndicatorRow) -> Evaluation | None:
    """Evaluation of the value as typed (None when empty, unreadable or no target)."""
    try:
        value, yes = indicator_input(row)
    except ParseError:
        return None
    if not row.has_target:
        return None
    if row.yes_no:
        return evaluate(comparator=Comparator.YESNO, target=True, value=yes)
    return evaluate(comparator=row.comparator, target=row.target_value, value=value)


def validate_form(form: UnitForm, *, today: dt.date | None = None) -> list[Issue]:
    """Every refused cell of the form, in reading order."""
    issues: list[Issue] = []
    for i, row in enumerate(form.tasks):
        for fld, text in validate_task_row(row, period_end=form.period_end, today=today).items():
            issues.append(Issue("task", i, fld, text, row.code))
    for i, irow in enumerate(form.indicators):
        for fld, text in validate_indicator_row(irow).items():
            issues.append(Issue("indicator", i, fld, text, irow.code))
    return issues


# ---------------------------------------------------------------------------
# Evidence store
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredFile:
    """A file in the managed store. ``created`` is False when it was there already."""

    stored_name: str
    sha256: str
    size: int
    created: bool


_EXT = re.compile(r"^\.[A-Za-z0-9]{1,10}$")


def store_evidence(source: Path, store: Path) -> StoredFile:
    """Copy ``source`` into the content-addressed store under ``store``.

    The stored name is ``<sha256[:2]>/<sha256>.<ext>`` (lower-case extension
    of the original, dropped when odd). The copy is written to a temporary
    name in the store, flushed to disk and renamed, so a power cut never
    leaves a half file under a final name. Raises ``InputError`` (Vietnamese)
    when the file is missing, unreadable or too large.
    """
    name = source.name
    try:
        size = source.stat().st_size
    except FileNotFoundError:
        raise InputError(msg.EVIDENCE_MISSING.format(name=name), field="evidence") from None
    except OSError as exc:
        raise InputError(
            msg.EVIDENCE_UNREADABLE.format(name=name, reason=exc.strerror or exc),
            field="evidence",
        ) from exc
    if size > MAX_EVIDENCE_MB * 1024 * 1024:
        raise InputError(
            msg.EVIDENCE_TOO_BIG.format(name=name, limit=MAX_EVIDENCE_MB), field="evidence"
        )
    store.mkdir(parents=True, exist_ok=True)
    tmp = store / f".tmp-{uuid.uuid4().hex}.part"
    digest = hashlib.sha256()
    written = 0
    try:
        with source.open("rb") as src, tmp.open("wb") as dst:
            while chunk := src.read(1024 * 1024):
                digest.update(chunk)
                dst.write(chunk)
                written += len(chunk)
            dst.flush()
            os.fsync(dst.fileno())
    except FileNotFoundError:
        tmp.unlink(missing_ok=True)
        raise InputError(msg.EVIDENCE_MISSING.format(name=name), field="evidence") from None
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.filename is not None and Path(exc.filename) == tmp:
            raise AppError(msg.EVIDENCE_STORE_FAILED.format(reason=exc.strerror or exc)) from exc
        raise InputError(
            msg.EVIDENCE_UNREADABLE.format(name=name, reason=exc.strerror or exc),
            field="evidence",
        ) from exc
    sha = digest.hexdigest()
    ext = source.suffix.lower() if _EXT.match(source.suffix) else ""
    stored_name = f"{sha[:2]}/{sha}{ext}"
    final = store / stored_name
    if final.exists() and final.stat().st_size == written:
        tmp.unlink(missing_ok=True)
        return StoredFile(stored_name=stored_name, sha256=sha, size=written, created=False)
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, final)
        fsync_dir(final.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise AppError(msg.EVIDENCE_STORE_FAILED.format(reason=exc.strerror or exc)) from exc
    return StoredFile(stored_name=stored_name, sha256=sha, size=written, created=True)


# ---------------------------------------------------------------------------
# Saving
# ---------------------------------------------------------------------------


def can_edit_unit(user: User | None, unit_id: int) -> bool:
    """Whether ``user`` may enter data for ``unit_id``.

    Administrators and compiling officers: every unit. Unit staff: only
    their own unit. Leaders read, never enter. No user (the program itself,
    tests, command line): allowed.
    """
    return allowed(user or SYSTEM, Permission.EDIT_UNIT_DATA, unit_id=unit_id)


@dataclass
class SaveResult:
    """What a save wrote (for the status line)."""

    tasks_saved: int
    indicators_saved: int
    files_added: int
    submitted: bool


def _clean_multiline(text: str) -> str:
    lines = [normalize_spaces(line) for line in text.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines).strip())


def _set(obj: object, name: str, value: object) -> bool:
    if getattr(obj, name) != value:
        setattr(obj, name, value)
        return True
    return False


def save_unit_form(
    session: Session,
    form: UnitForm,
    *,
    actor: Actor,
    evidence_dir: Path,
    mark_submitted: bool,
    today: dt.date | None = None,
    now: Callable[[], dt.datetime] | None = None,
) -> SaveResult:
    """Save the whole form in one transaction, or nothing.

    Order: the period must be open (``PeriodLockedError``), the actor must
    be allowed to enter data for the unit (``PermissionDenied``), every cell
    must be valid (``FormInvalidError`` listing them), new evidence files are
    copied into ``evidence_dir``; then the rows are written and the session
    is committed here. On any failure the session is rolled back and the
    files this save added to the store are removed.

    Rows without a status (and indicators without a value or note) are not
    reported: an update stored earlier for such a row is deleted.
    ``mark_submitted`` records the unit's submission for the period (the
    first submission time is kept). Reload the form after a save.
    """
    clock = now or (lambda: dt.datetime.now(dt.UTC))
    period = session.get(Period, form.period_id)
    if period is None:
        raise NotFoundError(msg.FORM_STALE.format(code=form.period_code))
    check_open(period)
    unit = session.get(Unit, form.unit_id)
    if unit is None:
        raise NotFoundError(msg.UNIT_NOT_FOUND)
    user = session.get(User, actor.user_id) if actor.user_id is not None else None
    if not can_edit_unit(user, unit.id):
        raise PermissionDenied(msg.EDIT_NOT_ALLOWED.format(user=actor.username, unit=unit.name))
    issues = validate_form(form, today=today)
    if issues:
        raise FormInvalidError(issues)

    tasks = {
        t.id: t
        for t in session.scalars(
            select(Task).where(Task.id.in_([r.task_id for r in form.tasks]))
        )
    }
    for row in form.tasks:
        task = tasks.get(row.task_id)
        if task is None or task.lead_unit_id != unit.id or task.is_group:
            raise InputError(msg.FORM_STALE.format(code=row.code))
    inds = {
        i.id: i
        for i in session.scalars(
            select(Indicator).where(Indicator.id.in_([r.indicator_id for r in form.indicators]))
        )
    }
    for irow in form.indicators:
        ind = inds.get(irow.indicator_id)
        if ind is None or ind.lead_unit_id != unit.id:
            raise InputError(msg.FORM_STALE.format(code=irow.code))

    created: list[Path] = []
    try:
        stored: dict[int, StoredFile] = {}  # id(EvidenceItem) -> stored file
        for item in _new_items(form):
            assert item.source is not None
            sf = store_evidence(item.source, evidence_dir)
            if sf.created:
                created.append(evidence_dir / sf.stored_name)
            stored[id(item)] = sf
        result = _write(
            session, form, period=period, actor=actor, stored=stored, when=clock(),
            mark_submitted=mark_submitted,
        )
        session.commit()
    except BaseException:
        session.rollback()
        for path in created:
            path.unlink(missing_ok=True)
        raise
    return result


def _new_items(form: UnitForm) -> list[EvidenceItem]:
    items: list[EvidenceItem] = []
    for row in form.tasks:
        if row.progress is not None:
            items.extend(e for e in row.evidence if e.source is not None)
    for irow in form.indicators:
        items.extend(e for e in irow.evidence if e.source is not None)
    return items


def _sync_evidence(
    session: Session,
    existing: list[EvidenceFile],
    items: list[EvidenceItem],
    *,
    stored: dict[int, StoredFile],
    attach: Callable[[EvidenceFile], None],
    who: str,
    when: dt.datetime,
) -> tuple[bool, int]:
    """Make the stored evidence rows match ``items``; (changed, files added)."""
    changed = False
    added = 0
    keep_ids = {e.id for e in items if e.id is not None}
    for ev in list(existing):
        if ev.id not in keep_ids:
            session.delete(ev)
            changed = True
    have = {ev.sha256 for ev in existing if ev.id in keep_ids}
    for item in items:
        sf = stored.get(id(item))
        if sf is None or sf.sha256 in have:
            continue
        have.add(sf.sha256)
        ev = EvidenceFile(
            original_name=item.original_name[:255],
            stored_name=sf.stored_name,
            sha256=sf.sha256,
            size=sf.size,
            added_at=when,
            added_by_name=who,
        )
        attach(ev)
        session.add(ev)
        changed = True
        added += 1
    return changed, added


def _write(
    session: Session,
    form: UnitForm,
    *,
    period: Period,
    actor: Actor,
    stored: dict[int, StoredFile],
    when: dt.datetime,
    mark_submitted: bool,
) -> SaveResult:
    who = actor.username
    files_added = 0
    tasks_saved = 0
    existing = {
        u.task_id: u
        for u in session.scalars(
            select(TaskUpdate)
            .where(
                TaskUpdate.period_id == period.id,
                TaskUpdate.task_id.in_([r.task_id for r in form.tasks]),
            )
            .options(selectinload(TaskUpdate.evidence))
        )
    }
    for row in form.tasks:
        upd = existing.get(row.task_id)
        if row.progress is None:
            if upd is not None:
                session.delete(upd)
                tasks_saved += 1
            continue
        percent = _percent(row.percent_text)
        completed_on: dt.date | None = None
        if row.progress is Progress.COMPLETED:
            completed_on = parse_date_vi(normalize_spaces(row.completed_text))
            if percent is None:
                percent = 100.0
        if upd is None:
            upd = TaskUpdate(task_id=row.task_id, period_id=period.id, evidence=[])
            session.add(upd)
            changed = True
        else:
            changed = False
        changed |= _set(upd, "progress", row.progress)
        changed |= _set(upd, "percent", percent)
        changed |= _set(upd, "completed_on", completed_on)
        changed |= _set(upd, "result", _clean_multiline(row.result))
        changed |= _set(upd, "difficulties", _clean_multiline(row.difficulties))
        changed |= _set(upd, "proposals", _clean_multiline(row.proposals))
        ev_changed, added = _sync_evidence(
            session,
            list(upd.evidence),
            row.evidence,
            stored=stored,
            attach=upd.evidence.append,
            who=who,
            when=when,
        )
        files_added += added
        if changed or ev_changed:
            upd.updated_by_id = actor.user_id
            upd.updated_by_name = who
            upd.updated_at = when
            tasks_saved += 1

    indicators_saved = 0
    values = {
        v.indicator_id: v
        for v in session.scalars(
            select(IndicatorValue)
            .where(
                IndicatorValue.period_id == period.id,
                IndicatorValue.indicator_id.in_([r.indicator_id for r in form.indicators]),
            )
            .options(selectinload(IndicatorValue.evidence))
        )
    }
    for irow in form.indicators:
        value, yes = indicator_input(irow)
        note = _clean_multiline(irow.note)
        val = values.get(irow.indicator_id)
        empty = value is None and yes is None and not note and not irow.evidence
        if empty:
            if val is not None:
                session.delete(val)
                indicators_saved += 1
            continue
        if val is None:
            val = IndicatorValue(indicator_id=irow.indicator_id, period_id=period.id, evidence=[])
            session.add(val)
            changed = True
        else:
            changed = False
        changed |= _set(val, "value", value)
        changed |= _set(val, "yes", yes)
        changed |= _set(val, "note", note)
        ev_changed, added = _sync_evidence(
            session,
            list(val.evidence),
            irow.evidence,
            stored=stored,
            attach=val.evidence.append,
            who=who,
            when=when,
        )
        files_added += added
        if changed or ev_changed:
            val.updated_by_id = actor.user_id
            val.updated_by_name = who
            val.updated_at = when
            indicators_saved += 1

    submitted = False
    if mark_submitted:
        sub = session.scalar(
            select(UnitSubmission).where(
                UnitSubmission.unit_id == form.unit_id, UnitSubmission.period_id == period.id
            )
        )
        if sub is None:
            session.add(
                UnitSubmission(
                    unit_id=form.unit_id,
                    period_id=period.id,
                    submitted_at=when,
                    submitted_by_name=who,
                )
            )
            form.submitted_at = when
        submitted = True
    session.flush()
    return SaveResult(
        tasks_saved=tasks_saved,
        indicators_saved=indicators_saved,
        files_added=files_added,
        submitted=submitted,
    )


# ---------------------------------------------------------------------------
# Completeness
# ---------------------------------------------------------------------------


class SubmissionState(enum.StrEnum):
    """Where a unit stands for a period against the commune's deadline."""

    ON_TIME = "on_time"  # Đúng hạn
    LATE = "late"  # Trễ hạn
    MISSING = "missing"  # Chưa nộp


@dataclass
class UnitCompleteness:
    """One line of the completeness table."""

    unit_id: int
    unit_code: str
    unit_name: str
    tasks_total: int
    tasks_updated: int
    indicators_total: int
    indicators_filled: int
    submitted_at: dt.datetime | None
    submitted_by_name: str
    deadline: dt.date
    state: SubmissionState
    days_late: int  # after the deadline (submitted late, or still missing as of today)


def _unsaved_period(session: Session, period_code: str) -> Period:
    """A period not in the database yet, with its bounds (never added)."""
    ref = parse_period_code(period_code)
    start, end = period_bounds(ref, convention_of(session))
    return Period(
        id=None, code=ref.code, kind=ref.kind, year=ref.year, number=ref.number,
        start_date=start, end_date=end, locked=False,
    )


def _local_date(instant: dt.datetime) -> dt.date:
    """The calendar day of an instant on this computer's clock (Vietnam time)."""
    return instant.astimezone().date()


def completeness(
    session: Session, period_code: str, *, today: dt.date | None = None
) -> list[UnitCompleteness]:
    """Which units reported for the period, on time or late.

    Units listed: active, counted in completeness (``Unit.reports``), and
    leading at least one reportable task or indicator of the active plan.
    A submission on or before the deadline day (local time) is on time.
    A period not in the database yet lists every unit as not submitted.
    """
    today = today or dt.date.today()
    try:
        period = get_period(session, period_code)
    except NotFoundError:
        period = _unsaved_period(session, period_code)  # nobody reported yet
    commune = local_commune_or_none(session)
    deadline = submission_deadline(
        period.end_date, commune.unit_deadline_day if commune is not None else 15
    )
    active = select(Plan.id).where(Plan.active.is_(True))
    task_rows = session.execute(
        select(Task.lead_unit_id, func.count(Task.id))
        .where(Task.plan_id.in_(active), Task.is_group.is_(False), Task.lead_unit_id.is_not(None))
        .group_by(Task.lead_unit_id)
    ).all()
    tasks_total = {unit_id: n for unit_id, n in task_rows}
    updated_rows = session.execute(
        select(Task.lead_unit_id, func.count(TaskUpdate.id))
        .join(Task, Task.id == TaskUpdate.task_id)
        .where(
            TaskUpdate.period_id == period.id,
            Task.plan_id.in_(active),
            Task.is_group.is_(False),
        )
        .group_by(Task.lead_unit_id)
    ).all()
    tasks_updated = {unit_id: n for unit_id, n in updated_rows}
    ind_rows = session.execute(
        select(Indicator.lead_unit_id, func.count(Indicator.id))
        .where(Indicator.plan_id.in_(active), Indicator.lead_unit_id.is_not(None))
        .group_by(Indicator.lead_unit_id)
    ).all()
    inds_total = {unit_id: n for unit_id, n in ind_rows}
    filled_rows = session.execute(
        select(Indicator.lead_unit_id, func.count(IndicatorValue.id))
        .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
        .where(
            IndicatorValue.period_id == period.id,
            Indicator.plan_id.in_(active),
            (IndicatorValue.value.is_not(None)) | (IndicatorValue.yes.is_not(None)),
        )
        .group_by(Indicator.lead_unit_id)
    ).all()
    inds_filled = {unit_id: n for unit_id, n in filled_rows}
    submissions = {
        s.unit_id: s
        for s in session.scalars(select(UnitSubmission).where(UnitSubmission.period_id == period.id))
    }
    units = session.scalars(
        select(Unit)
        .where(Unit.active.is_(True), Unit.reports.is_(True))
        .order_by(Unit.sort_order, Unit.name)
    ).all()
    out: list[UnitCompleteness] = []
    for unit in units:
        nt = tasks_total.get(unit.id, 0)
        ni = inds_total.get(unit.id, 0)
        if nt == 0 and ni == 0:
            continue
        sub = submissions.get(unit.id)
        if sub is not None:
            day = _local_date(sub.submitted_at)
            state = SubmissionState.ON_TIME if day <= deadline else SubmissionState.LATE
            late = max((day - deadline).days, 0)
        else:
            state = SubmissionState.MISSING
            late = max((today - deadline).days, 0)
        out.append(
            UnitCompleteness(
                unit_id=unit.id,
                unit_code=unit.code,
                unit_name=unit.name,
                tasks_total=nt,
                tasks_updated=tasks_updated.get(unit.id, 0),
                indicators_total=ni,
                indicators_filled=inds_filled.get(unit.id, 0),
                submitted_at=sub.submitted_at if sub else None,
                submitted_by_name=sub.submitted_by_name if sub else "",
                deadline=deadline,
                state=state,
                days_late=late,
            )
        )
    return out


# ---------------------------------------------------------------------------
# Locking
# ---------------------------------------------------------------------------


def _check_lock_role(user: User | None) -> None:
    if not allowed(user, Permission.LOCK_PERIOD):
        raise PermissionDenied(msg.LOCK_NOT_ALLOWED)


def lock_period(session: Session, period_code: str, *, user: User | None) -> Period:
    """Lock the period (chốt số liệu): read-only everywhere until unlocked.

    Administrators and compiling officers only (``PermissionDenied``);
    logged as LOCK_PERIOD. The caller commits.
    """
    _check_lock_role(user)
    assert user is not None
    period = get_period(session, period_code)
    if period.locked:
        raise InputError(msg.LOCK_ALREADY.format(period=label_of(period)))
    period.locked = True
    period.locked_at = dt.datetime.now(dt.UTC)
    period.locked_by_id = user.id
    log_event(
        session,
        AuditAction.LOCK_PERIOD,
        summary=msg.LOCK_SUMMARY.format(period=label_of(period)),
        entity="period",
        entity_uuid=period.uuid,
    )
    session.flush()
    return period


def unlock_period(session: Session, period_code: str, *, user: User | None) -> Period:
    """Unlock a locked period (mở chốt); same roles as locking, logged as UNLOCK_PERIOD."""
    _check_lock_role(user)
    period = get_period(session, period_code)
    if not period.locked:
        raise InputError(msg.UNLOCK_ALREADY.format(period=label_of(period)))
    period.locked = False
    period.locked_at = None
    period.locked_by_id = None
    log_event(
        session,
        AuditAction.UNLOCK_PERIOD,
        summary=msg.UNLOCK_SUMMARY.format(period=label_of(period)),
        entity="period",
        entity_uuid=period.uuid,
    )
    session.flush()
    return period
