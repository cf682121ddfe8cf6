"""What the commune's report says: statistics from the data, narrative
pre-filled from the units' updates, and the appendix tables.

``build_report`` reads the database (never writes) and returns the
renderer-neutral ``AdminDocument`` and the ``ReportData`` it was computed
from. Rules:

- The period is a month (default), quarter, half year or year. Statuses are
  as of the end of the latest month with data inside the span (the monthly
  data at the end of the span); results, difficulties and proposals come
  from the units' updates of every month in the span.
- "Kỳ trước" is the previous period of the same kind, "cùng kỳ năm trước"
  the same period a year earlier; a comparison is printed only when data
  existed then.
- Indicators are evaluated by ``models.services.status`` against the target
  of the milestone year in force.
- Narrative sections (ids ``intro``, ``I``..``VI``, ``closing``) are
  pre-filled here; an officer's edit of a section (``narrative_overrides``
  or the draft's ``IssuedDocument.narrative``) replaces the pre-fill.
  Section text is plain: one paragraph per line, ``- `` starts a bullet,
  ``1. Tiêu đề`` a numbered heading, ``a) ...`` a lettered heading.
- Results are grouped by task group and unit, deduplicated and capped;
  difficulties by theme and proposals by addressee, with the units named.

Qt-free; call it on a worker thread with its own session.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.enums import (
    Comparator,
    DocumentStatus,
    Evaluation,
    MeasureUnit,
    PeriodKind,
    Progress,
    Recurrence,
    ReportKind,
    SigningAuthority,
    TaskStatus,
)
from models.errors import InputError, NotFoundError
from models.numbers import format_number
from models.periods import (
    PeriodRef,
    enclosing_period,
    parse_period_code,
    period_bounds,
    previous,
    same_period_last_year,
)
from models.schema import (
    Commune,
    IndicatorValue,
    IssuedDocument,
    Period,
    Plan,
    Task,
    TaskUpdate,
    Unit,
)
from models.services.periods import convention_of, local_commune
from models.services.register import (
    default_recipients,
    default_signer,
    recipients_snapshot,
    signer_snapshot,
)
from models.services.status import (
    IndicatorState,
    TaskState,
    indicator_states,
    status_counts,
    task_states,
)
from models.services.updates import SubmissionState, completeness
from models.texts import label
from models.textutil import fold, normalize_spaces
from reports import texts
from reports.document import (
    AdminDocument,
    Appendix,
    Block,
    BulletList,
    Cell,
    Column,
    DataRow,
    GroupRow,
    Header,
    HeaderCell,
    Heading,
    Paragraph,
    Row,
    Signature,
    TableSpec,
    date_phrase,
    format_day,
    format_month,
    format_number_symbol,
)

SECTION_IDS = ("intro", "I", "II", "III", "IV", "V", "VI", "closing")
"""Keys of the narrative sections, in document order."""

# Caps that keep a monthly report at 4-8 pages plus appendices.
MAX_BULLETS_PER_GROUP = 5
MAX_RESULTS_PER_UNIT = 2
MAX_RESULT_CHARS = 260
MAX_LIST_ITEMS = 8
MAX_THEME_ITEMS = 4
MAX_TITLE_CHARS = 110

KIND_OF_PERIOD = {
    PeriodKind.MONTH: ReportKind.MONTH,
    PeriodKind.QUARTER: ReportKind.QUARTER,
    PeriodKind.HALF_YEAR: ReportKind.HALF_YEAR,
    PeriodKind.YEAR: ReportKind.YEAR,
}
PERIOD_OF_KIND = {v: k for k, v in KIND_OF_PERIOD.items()}
_ROMAN = ("I", "II", "III", "IV")
_DONE = (TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE)
_DOING = (TaskStatus.IN_PROGRESS_ON_TIME, TaskStatus.IN_PROGRESS_OVERDUE)


# ---------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------


def period_phrase(ref: PeriodRef) -> str:
    """``tháng 10 năm 2026``, ``quý III năm 2026``, ``6 tháng đầu năm 2026``, ``năm 2026``."""
    if ref.kind is PeriodKind.MONTH:
        return texts.PERIOD_MONTH.format(month=ref.number, year=ref.year)
    if ref.kind is PeriodKind.QUARTER:
        return texts.PERIOD_QUARTER.format(roman=_ROMAN[ref.number - 1], year=ref.year)
    if ref.kind is PeriodKind.HALF_YEAR:
        template = texts.PERIOD_FIRST_HALF if ref.number == 1 else texts.PERIOD_SECOND_HALF
        return template.format(year=ref.year)
    return texts.PERIOD_YEAR.format(year=ref.year)


def period_short(ref: PeriodRef) -> str:
    """``tháng 10/2026``, ``quý III/2026``, ``6 tháng đầu năm 2026``, ``năm 2026``."""
    if ref.kind is PeriodKind.MONTH:
        return texts.PERIOD_SHORT_MONTH.format(month=ref.number, year=ref.year)
    if ref.kind is PeriodKind.QUARTER:
        return texts.PERIOD_SHORT_QUARTER.format(roman=_ROMAN[ref.number - 1], year=ref.year)
    return period_phrase(ref)


def resolve_period(code: str, kind: ReportKind | None = None) -> PeriodRef:
    """The report's period from a code and an optional kind.

    A month code with a larger kind means the period containing that month
    (``2026-10`` + quarter = ``2026-Q4``); a code of another kind must agree
    with ``kind`` (InputError otherwise). Bad codes raise ParseError.
    """
    ref = parse_period_code(code)
    if kind is None:
        return ref
    wanted = PERIOD_OF_KIND[ReportKind(kind)]
    if ref.kind is wanted:
        return ref
    try:
        return enclosing_period(ref, wanted)
    except ValueError:
        raise InputError(
            texts.REPORT_KIND_MISMATCH.format(code=ref.code, kind=label(ReportKind(kind)).lower()),
            field="kind",
        ) from None


@dataclass
class _Span:
    """A period as the report sees it: bounds and the Period used for states."""

    ref: PeriodRef
    start: dt.date
    end: dt.date
    period: Period  # a database row, or a transient one for larger kinds
    data_month: Period  # the latest month with data inside the span


def _span(session: Session, ref: PeriodRef) -> _Span | None:
    """The span of ``ref`` with the latest month that exists in it, or None."""
    start, end = period_bounds(ref, convention_of(session))
    month = session.scalar(
        select(Period)
        .where(
            Period.kind == PeriodKind.MONTH,
            Period.start_date >= start,
            Period.end_date <= end,
        )
        .order_by(Period.end_date.desc())
        .limit(1)
    )
    if month is None:
        return None
    if ref.kind is PeriodKind.MONTH:
        return _Span(ref, start, end, month, month)
    # A transient row (never added to the session): statuses as of the end of
    # the latest month with data, indicator values picked within the span.
    period = Period(
        code=ref.code,
        kind=ref.kind,
        year=ref.year,
        number=ref.number,
        start_date=start,
        end_date=month.end_date,
    )
    return _Span(ref, start, end, period, month)


def _has_updates_by(session: Session, day: dt.date) -> bool:
    found = session.scalar(
        select(func.count(TaskUpdate.id))
        .join(Period, Period.id == TaskUpdate.period_id)
        .where(Period.end_date <= day)
    )
    return bool(found)


def _has_values_in(session: Session, span: _Span) -> bool:
    found = session.scalar(
        select(func.count(IndicatorValue.id))
        .join(Period, Period.id == IndicatorValue.period_id)
        .where(Period.start_date >= span.start, Period.end_date <= span.end)
    )
    return bool(found)


# ---------------------------------------------------------------------------
# Data computed for a report
# ---------------------------------------------------------------------------


@dataclass
class TaskCounts:
    """Counts of tasks by the five categories, and the usual sums."""

    by_status: dict[TaskStatus, int]

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def done(self) -> int:
        return sum(self.by_status[s] for s in _DONE)

    @property
    def doing(self) -> int:
        return sum(self.by_status[s] for s in _DOING)

    @property
    def not_started(self) -> int:
        return self.by_status[TaskStatus.NOT_STARTED]

    @property
    def overdue(self) -> int:
        return self.by_status[TaskStatus.IN_PROGRESS_OVERDUE]

    def percent(self, count: int) -> float:
        return 100.0 * count / self.total if self.total else 0.0


@dataclass
class Item:
    """A deduplicated narrative item (a difficulty, a proposal) and who said it."""

    text: str
    units: list[str] = field(default_factory=list)


@dataclass
class ReportData:
    """Everything the report states, for tests, the UI and other reports."""

    ref: PeriodRef
    kind: ReportKind
    start: dt.date
    end: dt.date
    as_of: dt.date
    data_period_code: str
    tasks: list[TaskState]
    counts: TaskCounts
    previous_ref: PeriodRef
    previous_counts: TaskCounts | None
    last_year_ref: PeriodRef
    last_year_counts: TaskCounts | None
    newly_completed: list[TaskState]
    newly_overdue: list[TaskState]
    overdue: list[TaskState]
    indicators: list[IndicatorState]
    evaluation_counts: dict[Evaluation | None, int]
    difficulties: dict[str, list[Item]]
    proposals: dict[str, list[Item]]
    units_expected: int
    units_submitted: int
    units_on_time: int
    units_missing: list[str]
    sections: dict[str, str]  # pre-filled narrative, by section id
    overrides: dict[str, str]  # edited sections that replaced the pre-fill

    @property
    def period_phrase(self) -> str:
        return period_phrase(self.ref)


# ---------------------------------------------------------------------------
# Narrative text <-> blocks
# ---------------------------------------------------------------------------

_H2 = re.compile(r"^\d+(\.\d+)*\.\s+\S")
_H3 = re.compile(r"^[a-zđ]\)\s+\S")


def text_to_blocks(text: str) -> list[Block]:
    """Parse an edited section: one paragraph per line; ``- `` bullets;
    ``1. Tiêu đề`` (short, no final punctuation) a bold numbered heading;
    ``a) ...`` a lettered heading. Blank lines are ignored."""
    blocks: list[Block] = []
    for raw in text.splitlines():
        line = normalize_spaces(raw)
        if not line:
            continue
        if line.startswith("- ") or line == "-":
            item = line[2:].strip()
            if not item:
                continue
            if blocks and isinstance(blocks[-1], BulletList):
                blocks[-1].items.append(item)
            else:
                blocks.append(BulletList([item]))
        elif _H2.match(line) and len(line) <= 120 and not line.endswith((".", ";", ":", ",")):
            blocks.append(Heading(2, line))
        elif _H3.match(line):
            blocks.append(Heading(3, line))
        else:
            blocks.append(Paragraph(line))
    return blocks


def blocks_to_text(blocks: Iterable[Block]) -> str:
    """The editable text of generated blocks (``text_to_blocks`` reads it
    back): a blank line between blocks, the items of a list line by line."""
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(block.text)
        elif isinstance(block, Paragraph):
            parts.append((block.lead + " " if block.lead else "") + block.text)
        elif isinstance(block, BulletList):
            parts.append("\n".join(f"- {item}" for item in block.items))
    return "\n\n".join(parts)


# ---------------------------------------------------------------------------
# Small text helpers
# ---------------------------------------------------------------------------


def _date(day: dt.date) -> str:
    """``05/8/2025``, ``13/02/2026`` (day padded; months 1-2 padded)."""
    return f"{format_day(day.day)}/{format_month(day.month)}/{day.year}"


def _pct(value: float) -> str:
    return format_number(value, decimals=1) + "%"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _sentence(text: str) -> str:
    """Clean a unit's text into one sentence without its final punctuation."""
    clean = normalize_spaces(text).strip(" .;,-–")
    return _upper_first(clean)


def _cap(text: str, limit: int = MAX_RESULT_CHARS) -> str:
    """Cut long text at a sentence or clause boundary before ``limit``."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    for mark in (". ", "; ", ", "):
        pos = cut.rfind(mark)
        if pos >= limit // 2:
            return cut[:pos].rstrip(" .;,")
    pos = cut.rfind(" ")
    return cut[: pos if pos > 0 else limit].rstrip(" .;,") + "…"


def _short_title(title: str, limit: int = MAX_TITLE_CHARS) -> str:
    clean = normalize_spaces(title).rstrip(" .;:")
    if len(clean) <= limit:
        return clean
    cut = clean[:limit]
    pos = cut.rfind(", ")
    if pos >= 40:
        return cut[:pos]
    pos = cut.rfind(" ")
    return cut[:pos].rstrip(" ,;") + "…"


def _join(items: list[str]) -> str:
    """``a, b và c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def _quote(title: str) -> str:
    return f"“{_short_title(title, 90)}”"


# ---------------------------------------------------------------------------
# Themes of difficulties and addressees of proposals
# ---------------------------------------------------------------------------

_THEMES = (
    ("funding", ("kinh phi", "ngan sach", "nguon von", "tai chinh", "chi phi")),
    ("staff", ("nhan luc", "can bo", "bien che", "kiem nhiem", "chuyen trach", "nhan su")),
    (
        "infrastructure",
        (
            "ha tang",
            "duong truyen",
            "internet",
            "mang ",
            "thiet bi",
            "may tinh",
            "phan mem",
            "du lieu",
            "he thong",
            "cau hinh",
        ),
    ),
    ("people", ("nguoi dan", "ky nang", "nhan thuc", "cao tuoi", "thoi quen")),
    ("guidance", ("huong dan", "van ban", "quy dinh", "co che", "chinh sach", "cap tren")),
)
_UPWARD_MARKS = (
    "so ",
    "thanh pho",
    "tinh",
    "cap tren",
    "trung uong",
    "cac bo",
    "bo nganh",
    "chinh phu",
)


def _theme(text: str) -> str:
    key = fold(text) + " "
    for theme, words in _THEMES:
        if any(w in key for w in words):
            return theme
    return "other"


def _is_upward(text: str) -> bool:
    key = " " + fold(text) + " "
    if "ubnd xa" in key or "uy ban nhan dan xa" in key:
        return False
    return any(" " + m in key for m in _UPWARD_MARKS)


def _collect(pairs: Iterable[tuple[str, str]]) -> list[Item]:
    """Deduplicate (text, unit) pairs by their folded text, keeping first-seen
    order and naming every unit that reported the same thing."""
    items: OrderedDict[str, Item] = OrderedDict()
    for text, unit in pairs:
        clean = _sentence(text)
        if not clean:
            continue
        key = fold(clean)
        item = items.get(key)
        if item is None:
            item = items[key] = Item(_cap(clean))
        if unit and unit not in item.units:
            item.units.append(unit)
    return list(items.values())


def _item_text(item: Item) -> str:
    if item.units:
        return texts.ITEM_WITH_UNITS.format(text=item.text, units=", ".join(item.units))
    return item.text + "."


# ---------------------------------------------------------------------------
# Signature and recipients
# ---------------------------------------------------------------------------


def signature_from(snapshot: Mapping[str, Any] | None) -> Signature:
    """The signature block of a signer snapshot (Decree 30, Appendix I).

    TM.: ``TM. ỦY BAN NHÂN DÂN`` / ``CHỦ TỊCH``. KT.: ``TM. ỦY BAN NHÂN DÂN`` /
    ``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH``. Q.: ``TM. ...`` / ``Q. CHỦ TỊCH``.
    TL./TUQ.: ``TL. CHỦ TỊCH`` / the signer's title.
    """
    if not snapshot:
        return Signature(
            [f"{SigningAuthority.TM.value} ỦY BAN NHÂN DÂN"], [texts.SIGNATURE_DEFAULT_TITLE], ""
        )
    authority = SigningAuthority(snapshot.get("authority") or SigningAuthority.TM.value)
    body = (snapshot.get("body") or "ỦY BAN NHÂN DÂN").upper()
    title = (snapshot.get("title") or texts.SIGNATURE_DEFAULT_TITLE).upper()
    behalf = (snapshot.get("on_behalf_of") or texts.SIGNATURE_DEFAULT_TITLE).upper()
    name = snapshot.get("full_name") or ""
    tm = f"{SigningAuthority.TM.value} {body}"
    if authority is SigningAuthority.TM:
        return Signature([tm], [title], name)
    if authority is SigningAuthority.KT:
        return Signature([tm, f"{SigningAuthority.KT.value} {behalf}"], [title], name)
    if authority is SigningAuthority.Q:
        return Signature([tm, f"{SigningAuthority.Q.value} {title}"], [], name)
    return Signature([f"{authority.value} {behalf}"], [title], name)


def split_recipients(entries: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """(Kính gửi names, Nơi nhận entries): upward recipients are addressed in
    "Kính gửi" and covered in "Nơi nhận" by "Như trên", listed first."""
    to = [str(e["name"]) for e in entries if e.get("upward")]
    others = [str(e.get("short_name") or e["name"]) for e in entries if not e.get("upward")]
    noi_nhan = ([texts.NHU_TREN] if to else []) + others
    return to, noi_nhan


# ---------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------


@dataclass
class ReportOptions:
    """What the officer chose for a draft (or what an issued document holds)."""

    signer: dict[str, Any] | None = None
    recipients: list[dict[str, Any]] | None = None
    number: int | None = None
    date: dt.date | None = None
    blank_date: bool = False
    summary: str = ""
    year: int | None = None


def build_report(
    session: Session,
    *,
    period_code: str,
    kind: ReportKind | None = ReportKind.MONTH,
    narrative_overrides: Mapping[str, str] | None = None,
    document: IssuedDocument | None = None,
    options: ReportOptions | None = None,
    today: dt.date | None = None,
) -> tuple[AdminDocument, ReportData]:
    """Compute the report of ``period_code`` and lay it out as a document.

    ``document`` (a register entry) supplies number, date, signer, recipients
    and edited narrative; ``options`` those of a draft not yet saved;
    ``narrative_overrides`` win over both. A draft without a date is dated
    ``today`` unless ``options.blank_date`` asks for blanks for the clerk.
    Raises NotFoundError when the span has no monthly period in the
    database, ParseError/InputError for a bad period or kind.
    """
    today = today or dt.date.today()
    commune = local_commune(session)
    if kind is None and document is not None:
        kind = document.kind
    ref = resolve_period(period_code, kind)
    span = _span(session, ref)
    if span is None:
        raise NotFoundError(texts.REPORT_NO_DATA.format(period=period_short(ref)))
    opts = _options(session, document, options, today=today)
    overrides: dict[str, str] = {}
    if document is not None and document.narrative:
        overrides.update({k: str(v) for k, v in document.narrative.items() if k in SECTION_IDS})
    if narrative_overrides:
        overrides.update({k: str(v) for k, v in narrative_overrides.items() if k in SECTION_IDS})

    data = _compute(session, commune, span)
    plan = session.scalar(
        select(Plan).where(Plan.active.is_(True)).order_by(Plan.id.desc()).limit(1)
    )
    sections = _sections(session, commune, plan, span, data)
    data.sections = {k: blocks_to_text(v) for k, v in sections.items()}
    data.overrides = {
        k: v for k, v in overrides.items() if v.strip() != data.sections.get(k, "").strip()
    }

    body: list[Block] = []
    for sid in SECTION_IDS:
        blocks = text_to_blocks(overrides[sid]) if sid in data.overrides else sections[sid]
        if sid not in ("intro", "closing"):
            body.append(Heading(1, texts.SECTION_TITLES[sid]))
        body += blocks

    year = opts.year or (opts.date.year if opts.date else today.year)
    header = Header(
        agency_lines=[x for x in (commune.agency_line1, commune.agency_line2) if x],
        superior_line=commune.superior_line or None,
        place=commune.place_name,
        year=year,
        number=opts.number,
        symbol=commune.report_symbol or "BC-UBND",
        date=None if opts.blank_date else opts.date,
    )
    to, noi_nhan = split_recipients(opts.recipients or [])
    summary = opts.summary or texts.SUMMARY.format(period=period_phrase(ref))
    reference = texts.APPENDIX_REFERENCE.format(
        doc_type=texts.DOC_TYPE_REPORT,
        number_symbol=format_number_symbol(header.number, header.symbol),
        date=date_phrase(header.date, year=year),
        agency=commune.agency_name,
    )
    appendices = [
        _tasks_appendix(session, data, reference),
        _indicators_appendix(data, reference),
    ]
    doc = AdminDocument(
        header=header,
        type_name=texts.TYPE_NAME_REPORT,
        summary=summary,
        recipients_to=to,
        body=body,
        signature=signature_from(opts.signer),
        noi_nhan=noi_nhan,
        luu=f"{texts.LUU_DEFAULT}, {commune.drafting_unit_code}"
        if commune.drafting_unit_code
        else texts.LUU_DEFAULT,
        appendices=appendices,
        title=texts.DOC_TITLE.format(period=period_phrase(ref)),
    )
    return doc, data


def _options(
    session: Session,
    document: IssuedDocument | None,
    options: ReportOptions | None,
    *,
    today: dt.date,
) -> ReportOptions:
    opts = ReportOptions(**vars(options)) if options is not None else ReportOptions()
    if document is not None:
        if opts.signer is None:
            opts.signer = document.signer_snapshot or (
                signer_snapshot(document.signer) if document.signer is not None else None
            )
        if opts.recipients is None and document.recipients:
            opts.recipients = list(document.recipients)
        if document.number is not None and document.status is not DocumentStatus.DRAFT:
            opts.number = document.number
            opts.year = document.year
        if document.issued_on is not None and opts.date is None:
            opts.date = document.issued_on
        if not opts.summary and document.summary:
            opts.summary = document.summary
    if opts.signer is None:
        signer = default_signer(session)
        opts.signer = signer_snapshot(signer) if signer is not None else None
    if opts.recipients is None:
        opts.recipients = recipients_snapshot(default_recipients(session))
    if opts.date is None and not opts.blank_date:
        opts.date = today
    return opts


def _compute(session: Session, commune: Commune, span: _Span) -> ReportData:
    states = task_states(session, span.period)
    counts = TaskCounts(status_counts(states))
    by_id = {s.task_id: s for s in states}

    def other(ref: PeriodRef) -> tuple[_Span | None, TaskCounts | None, list[TaskState]]:
        other_span = _span(session, ref)
        if other_span is None or not _has_updates_by(session, other_span.period.end_date):
            return other_span, None, []
        other_states = task_states(session, other_span.period)
        return other_span, TaskCounts(status_counts(other_states)), other_states

    prev_ref, last_ref = previous(span.ref), same_period_last_year(span.ref)
    _prev_span, prev_counts, prev_states = other(prev_ref)
    _last_span, last_counts, _ = other(last_ref)
    before = {s.task_id: s for s in prev_states}
    newly_completed = [
        s
        for s in states
        if s.status in _DONE
        and (
            (s.task_id in before and before[s.task_id].status not in _DONE)
            or (not before and s.completed_on is not None and s.completed_on >= span.start)
        )
    ]
    newly_overdue = [
        s
        for s in states
        if s.overdue
        and s.status not in _DONE
        and s.task_id in before
        and not before[s.task_id].overdue
    ]
    overdue = [s for s in states if s.overdue and s.status not in _DONE]
    overdue.sort(key=lambda s: (s.deadline or dt.date.max, s.code))

    indicators = indicator_states(session, span.period)
    evaluations: dict[Evaluation | None, int] = defaultdict(int)
    for ind in indicators:
        evaluations[ind.evaluation] += 1

    updates = _updates_in_span(session, span)
    units = {u.id: u for u in session.scalars(select(Unit))}
    difficulties: dict[str, list[Item]] = {}
    proposals: dict[str, list[Item]] = {}
    diff_pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    prop_pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for upd in updates:
        state = by_id.get(upd.task_id)
        unit = units.get(state.lead_unit_id) if state and state.lead_unit_id else None
        unit_name = unit.name if unit is not None else ""
        for part in _parts(upd.difficulties):
            diff_pairs[_theme(part)].append((part, unit_name))
        for part in _parts(upd.proposals):
            prop_pairs["upward" if _is_upward(part) else "local"].append((part, unit_name))
    for theme in texts.DIFFICULTY_THEMES:
        if diff_pairs.get(theme):
            difficulties[theme] = _collect(diff_pairs[theme])
    for key in ("upward", "local"):
        if prop_pairs.get(key):
            proposals[key] = _collect(prop_pairs[key])

    expected = submitted = on_time = 0
    missing: list[str] = []
    try:
        rows = completeness(session, span.data_month.code, today=span.data_month.end_date)
    except NotFoundError:
        rows = []
    for row in rows:
        expected += 1
        if row.state is SubmissionState.MISSING:
            missing.append(row.unit_name)
        else:
            submitted += 1
            if row.state is SubmissionState.ON_TIME:
                on_time += 1

    return ReportData(
        ref=span.ref,
        kind=KIND_OF_PERIOD[span.ref.kind],
        start=span.start,
        end=span.end,
        as_of=span.period.end_date,
        data_period_code=span.data_month.code,
        tasks=states,
        counts=counts,
        previous_ref=prev_ref,
        previous_counts=prev_counts,
        last_year_ref=last_ref,
        last_year_counts=last_counts,
        newly_completed=newly_completed,
        newly_overdue=newly_overdue,
        overdue=overdue,
        indicators=indicators,
        evaluation_counts=dict(evaluations),
        difficulties=difficulties,
        proposals=proposals,
        units_expected=expected,
        units_submitted=submitted,
        units_on_time=on_time,
        units_missing=missing,
        sections={},
        overrides={},
    )


def _parts(text: str) -> list[str]:
    """A unit's text split into its lines (units often list several points)."""
    return [
        p for p in (normalize_spaces(x).lstrip("-+•* ") for x in (text or "").splitlines()) if p
    ]


def _updates_in_span(session: Session, span: _Span) -> list[TaskUpdate]:
    """Updates of the span's months, latest month first."""
    stmt = (
        select(TaskUpdate)
        .join(Period, Period.id == TaskUpdate.period_id)
        .where(
            Period.kind == PeriodKind.MONTH,
            Period.start_date >= span.start,
            Period.end_date <= span.end,
        )
        .order_by(Period.end_date.desc(), TaskUpdate.task_id)
    )
    return list(session.scalars(stmt))


# ---------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------


def _sections(
    session: Session, commune: Commune, plan: Plan | None, span: _Span, data: ReportData
) -> dict[str, list[Block]]:
    agency = commune.agency_name
    if plan is not None and plan.number and plan.number.split("/")[0].strip():
        plan_ref = texts.LEADERSHIP_PLAN_REF.format(number=plan.number)
        closing_ref = texts.CLOSING_PLAN_REF.format(number=plan.number)
    else:
        plan_ref = texts.LEADERSHIP_PLAN_REF_NO_NUMBER
        closing_ref = texts.CLOSING_PLAN_REF_NO_NUMBER
    phrase = period_phrase(span.ref)
    units = {u.id: u for u in session.scalars(select(Unit))}
    return {
        "intro": [_intro(commune, plan, span)],
        "I": _leadership(session, commune, plan_ref, data),
        "II": _tasks_section(session, data, units, span),
        "III": _indicators_section(data),
        "IV": _difficulties_section(data),
        "V": _next_section(session, commune, plan_ref, data, units, span),
        "VI": _proposals_section(data),
        "closing": [
            Paragraph(texts.CLOSING.format(plan_ref=closing_ref, period=phrase, agency=agency))
        ],
    }


def _intro(commune: Commune, plan: Plan | None, span: _Span) -> Paragraph:
    period = period_phrase(span.ref)
    start, end = _date(span.start), _date(span.end)
    if plan is None:
        title = texts.INTRO_DEFAULT_TITLE
        return Paragraph(
            texts.INTRO_NO_NUMBER.format(
                plan_date="",
                issuer=commune.agency_name,
                plan_title=title,
                agency=commune.agency_name,
                period=period,
                start=start,
                end=end,
            )
        )
    title = normalize_spaces(plan.title).rstrip(" .;")
    title = texts.INTRO_ABOUT + _lower_first(title) if title else texts.INTRO_DEFAULT_TITLE
    plan_date = texts.INTRO_PLAN_DATE.format(date=_date(plan.issued_on)) if plan.issued_on else ""
    issuer = plan.issuer or commune.agency_name
    number = plan.number if plan.number and plan.number.split("/")[0].strip() else ""
    template = texts.INTRO_WITH_PLAN if number else texts.INTRO_NO_NUMBER
    return Paragraph(
        template.format(
            plan_number=number,
            plan_date=plan_date,
            issuer=issuer,
            plan_title=title,
            agency=commune.agency_name,
            period=period,
            start=start,
            end=end,
        )
    )


def _leadership(session: Session, commune: Commune, plan_ref: str, data: ReportData) -> list[Block]:
    compiler = texts.LEADERSHIP_COMPILER_DEFAULT
    if commune.drafting_unit_code:
        unit = session.scalar(select(Unit).where(Unit.code == commune.drafting_unit_code))
        if unit is not None:
            compiler = unit.name
    blocks: list[Block] = [
        Paragraph(
            texts.LEADERSHIP_1.format(
                agency_short=_upper_first(commune.agency_name), plan_ref=plan_ref, compiler=compiler
            )
        )
    ]
    day = commune.unit_deadline_day
    if data.units_expected:
        if data.units_submitted == 0:
            text = texts.LEADERSHIP_NO_SUBMISSIONS
        elif data.units_on_time == data.units_submitted:
            text = texts.LEADERSHIP_SUBMISSIONS_ALL_ON_TIME.format(
                submitted=data.units_submitted, total=data.units_expected, day=day
            )
        else:
            text = texts.LEADERSHIP_SUBMISSIONS.format(
                submitted=data.units_submitted,
                total=data.units_expected,
                on_time=data.units_on_time,
                day=day,
            )
        if data.units_missing and data.units_submitted:
            text += " " + texts.LEADERSHIP_MISSING.format(units=", ".join(data.units_missing))
        blocks.append(Paragraph(text))
    return blocks


def _compare(old: TaskCounts, new: TaskCounts) -> str:
    parts = []
    for what, a, b in (
        (texts.TASKS_WHAT_DONE, old.done, new.done),
        (texts.TASKS_WHAT_OVERDUE, old.overdue, new.overdue),
        (texts.TASKS_WHAT_NOT_STARTED, old.not_started, new.not_started),
    ):
        if b > a:
            parts.append(texts.TASKS_CHANGE_UP.format(what=what, delta=b - a, old=a, new=b))
        elif b < a:
            parts.append(texts.TASKS_CHANGE_DOWN.format(what=what, delta=a - b, old=a, new=b))
        else:
            parts.append(texts.TASKS_CHANGE_SAME.format(what=what, new=b))
    return "; ".join(parts)


def _task_refs(states: list[TaskState], limit: int = MAX_LIST_ITEMS) -> str:
    refs = [texts.TASK_REF.format(code=s.code, title=_quote(s.title)) for s in states[:limit]]
    if len(states) > limit:
        refs.append(texts.TASKS_LATE_MORE.format(count=len(states) - limit).rstrip(".").lower())
    return "; ".join(refs)


def _tasks_section(
    session: Session, data: ReportData, units: dict[int, Unit], span: _Span
) -> list[Block]:
    c = data.counts
    blocks: list[Block] = [Heading(2, texts.TASKS_GENERAL_HEADING)]
    if c.total == 0:
        blocks.append(Paragraph(texts.TASKS_NONE))
        return blocks
    done_detail = (
        texts.TASKS_DONE_DETAIL.format(
            on_time=c.by_status[TaskStatus.DONE_ON_TIME], late=c.by_status[TaskStatus.DONE_LATE]
        )
        if c.done
        else ""
    )
    doing_detail = (
        texts.TASKS_DOING_DETAIL.format(
            on_time=c.by_status[TaskStatus.IN_PROGRESS_ON_TIME],
            late=c.by_status[TaskStatus.IN_PROGRESS_OVERDUE],
        )
        if c.doing
        else ""
    )
    blocks.append(
        Paragraph(
            texts.TASKS_TOTAL.format(
                total=c.total,
                done=c.done,
                done_pct=_pct(c.percent(c.done)),
                done_detail=done_detail,
                doing=c.doing,
                doing_pct=_pct(c.percent(c.doing)),
                doing_detail=doing_detail,
                not_started=c.not_started,
                not_started_pct=_pct(c.percent(c.not_started)),
            )
        )
    )
    compare: list[str] = []
    if data.previous_counts is not None:
        compare.append(
            texts.TASKS_COMPARE_PREVIOUS.format(
                period=period_short(data.previous_ref), changes=_compare(data.previous_counts, c)
            )
        )
    if data.last_year_counts is not None:
        compare.append(
            texts.TASKS_COMPARE_LAST_YEAR.format(
                period=period_short(data.last_year_ref), changes=_compare(data.last_year_counts, c)
            )
        )
    if compare:
        blocks.append(Paragraph(" ".join(compare)))
    changes: list[str] = []
    if data.newly_completed:
        changes.append(
            texts.TASKS_NEWLY_DONE.format(
                count=len(data.newly_completed), items=_task_refs(data.newly_completed)
            )
        )
    if data.newly_overdue:
        changes.append(
            texts.TASKS_NEWLY_OVERDUE.format(
                count=len(data.newly_overdue), items=_task_refs(data.newly_overdue)
            )
        )
    if changes:
        blocks.append(Paragraph(" ".join(changes)))

    blocks.append(Heading(2, texts.TASKS_DETAIL_HEADING))
    blocks += _results_by_group(session, data, units, span)

    blocks.append(Heading(2, texts.TASKS_LATE_HEADING))
    if not data.overdue:
        blocks.append(Paragraph(texts.TASKS_LATE_NONE))
    else:
        blocks.append(Paragraph(texts.TASKS_LATE_INTRO.format(count=len(data.overdue))))
        items = [_late_item(s, units) for s in data.overdue[:MAX_LIST_ITEMS]]
        if len(data.overdue) > MAX_LIST_ITEMS:
            items.append(texts.TASKS_LATE_MORE.format(count=len(data.overdue) - MAX_LIST_ITEMS))
        blocks.append(BulletList(items))
    return blocks


def _late_item(s: TaskState, units: dict[int, Unit]) -> str:
    unit = units.get(s.lead_unit_id) if s.lead_unit_id else None
    deadline = _date(s.deadline) if s.deadline else s.timeframe_text
    if unit is None:
        return texts.TASKS_LATE_ITEM_NO_UNIT.format(
            code=s.code, title=_quote(s.title), deadline=deadline
        )
    return texts.TASKS_LATE_ITEM.format(
        code=s.code, title=_quote(s.title), unit=unit.name, deadline=deadline
    )


_LETTERS = "abcdeghiklmnopqrstuvxy"  # Vietnamese ordering without f, j, w, z


def _results_by_group(
    session: Session, data: ReportData, units: dict[int, Unit], span: _Span
) -> list[Block]:
    """Per task group: its counts, then per unit its results of the span,
    deduplicated (identical text once), capped, completions named."""
    updates = _updates_in_span(session, span)
    latest: dict[int, TaskUpdate] = {}
    for update_row in updates:  # latest month first
        latest.setdefault(update_row.task_id, update_row)
    groups: OrderedDict[str, list[TaskState]] = OrderedDict()
    for s in data.tasks:
        groups.setdefault(s.group_code or s.code, []).append(s)
    group_titles = _group_titles(session, data.tasks)
    blocks: list[Block] = []
    any_result = False
    for index, (code, states) in enumerate(groups.items()):
        letter = _LETTERS[index] if index < len(_LETTERS) else str(index + 1)
        title = _short_title(group_titles.get(code) or states[0].group_name or states[0].title)
        blocks.append(Heading(3, f"{letter}) {_upper_first(title)}"))
        counts = TaskCounts(status_counts(states))
        overdue = texts.GROUP_STATS_OVERDUE.format(count=counts.overdue) if counts.overdue else ""
        blocks.append(
            Paragraph(
                texts.GROUP_STATS.format(
                    total=counts.total,
                    done=counts.done,
                    doing=counts.doing,
                    overdue=overdue,
                    not_started=counts.not_started,
                )
            )
        )
        per_unit: OrderedDict[str, list[str]] = OrderedDict()
        seen: set[str] = set()
        for s in states:
            upd = latest.get(s.task_id)
            if upd is None:
                continue
            # A task finished before the span has nothing new to say.
            if s.completed_on is not None and s.completed_on < span.start:
                continue
            unit = units.get(s.lead_unit_id) if s.lead_unit_id else None
            unit_name = unit.name if unit is not None else ""
            result = _sentence(upd.result)
            phrases: list[str] = []
            if s in data.newly_completed or (
                upd.progress is Progress.COMPLETED
                and upd.completed_on is not None
                and upd.completed_on >= span.start
            ):
                phrases.append(texts.RESULT_COMPLETED.format(task=_quote(s.title)))
            if result:
                key = fold(result)
                if key in seen and not phrases:
                    continue
                seen.add(key)
                phrases.append(_lower_first(_cap(result)) if phrases else _cap(result))
            if phrases:
                text = (
                    _upper_first(": ".join(phrases))
                    if len(phrases) == 2
                    else _upper_first(phrases[0])
                )
                per_unit.setdefault(unit_name, []).append(text)
        if not per_unit:
            blocks.append(Paragraph(texts.GROUP_NO_NEWS))
            continue
        any_result = True
        bullets: list[str] = []
        hidden = 0
        for unit_name, results in per_unit.items():
            if len(bullets) >= MAX_BULLETS_PER_GROUP:
                hidden += len(results)
                continue
            shown = results[:MAX_RESULTS_PER_UNIT]
            hidden += len(results) - len(shown)
            joined = ". ".join(shown)
            bullets.append(f"{unit_name}: {_lower_first(joined)}." if unit_name else f"{joined}.")
        blocks.append(BulletList(bullets))
        if hidden:
            blocks.append(Paragraph(texts.RESULT_MORE.format(count=hidden)))
    if not any_result and not groups:
        blocks.append(Paragraph(texts.TASKS_NO_RESULTS))
    return blocks


def _group_titles(session: Session, states: list[TaskState]) -> dict[str, str]:
    codes = {s.group_code for s in states if s.group_code}
    if not codes:
        return {}
    rows = session.execute(
        select(Task.code, Task.title)
        .join(Plan, Plan.id == Task.plan_id)
        .where(Plan.active.is_(True), Task.parent_id.is_(None), Task.code.in_(codes))
    ).all()
    return {code: title for code, title in rows}


def _value_text(ind: IndicatorState, value: float | None, yes: bool | None) -> str:
    if ind.comparator is Comparator.YESNO or ind.measure_unit is MeasureUnit.YESNO:
        if yes is None and value is None:
            return ""
        truthy = yes if yes is not None else bool(value)
        return texts.VALUE_YES if truthy else texts.VALUE_NO
    if value is None:
        return ""
    decimals = 2 if ind.measure_unit is MeasureUnit.INDEX else 1
    number = format_number(value, decimals=decimals)
    unit = ind.unit_label.strip()
    if unit == "%":
        return number + "%"
    return (
        f"{number} {unit}".strip() if unit and ind.measure_unit is not MeasureUnit.COUNT else number
    )


def _better(ind: IndicatorState, old: float | bool | None, new: float | bool | None) -> int | None:
    """+1 better, -1 worse, 0 same, None when not comparable."""
    if old is None or new is None:
        return None
    a, b = float(old), float(new)
    if abs(a - b) < 1e-9:
        return 0
    if ind.comparator is Comparator.LE:
        return 1 if b < a else -1
    if ind.comparator is Comparator.EQ:
        return 0
    return 1 if b > a else -1


def _indicators_section(data: ReportData) -> list[Block]:
    inds = data.indicators
    if not inds:
        return [Paragraph(texts.INDICATORS_NONE)]
    ev = data.evaluation_counts
    exceeded = ev.get(Evaluation.EXCEEDED, 0)
    achieved = ev.get(Evaluation.ACHIEVED, 0) + exceeded
    not_achieved = ev.get(Evaluation.NOT_ACHIEVED, 0)
    no_eval = ev.get(None, 0)
    with_value = sum(1 for i in inds if i.has_value)
    years = sorted({i.target_year for i in inds if i.target_year is not None})
    years_text = (
        texts.INDICATORS_YEARS_ONE.format(year=years[0])
        if len(years) == 1
        else texts.INDICATORS_YEARS_MANY.format(years=_join([str(y) for y in years]))
    )
    blocks: list[Block] = [
        Paragraph(
            texts.INDICATORS_TOTAL.format(
                total=len(inds),
                with_value=with_value,
                years=years_text,
                achieved=achieved,
                exceeded=exceeded,
                not_achieved=not_achieved,
                no_eval=texts.INDICATORS_NO_EVAL.format(count=no_eval) if no_eval else "",
            )
        )
    ]

    def tally(pick_old: Any) -> tuple[int, int, int] | None:
        better = worse = same = 0
        any_pair = False
        for ind in inds:
            old = pick_old(ind)
            new = ind.yes if ind.comparator is Comparator.YESNO else ind.value
            verdict = _better(ind, old, new)
            if verdict is None:
                continue
            any_pair = True
            if verdict > 0:
                better += 1
            elif verdict < 0:
                worse += 1
            else:
                same += 1
        return (better, worse, same) if any_pair else None

    compare: list[str] = []
    prev = tally(lambda i: i.previous_yes if i.comparator is Comparator.YESNO else i.previous_value)
    if prev is not None:
        compare.append(
            texts.INDICATORS_COMPARE_PREVIOUS.format(
                period=period_short(data.previous_ref), better=prev[0], worse=prev[1], same=prev[2]
            )
        )
    last = tally(
        lambda i: i.last_year_yes if i.comparator is Comparator.YESNO else i.last_year_value
    )
    if last is not None:
        compare.append(
            texts.INDICATORS_COMPARE_LAST_YEAR.format(
                period=period_short(data.last_year_ref), better=last[0], worse=last[1], same=last[2]
            )
        )
    if compare:
        blocks.append(Paragraph(" ".join(compare)))

    def item(ind: IndicatorState) -> str:
        value = _value_text(ind, ind.value, ind.yes)
        name = _short_title(ind.name, 140)
        if ind.target_text:
            return texts.INDICATOR_ITEM.format(name=name, value=value, target=ind.target_text)
        return texts.INDICATOR_ITEM_NO_TARGET.format(name=name, value=value)

    good = [i for i in inds if i.evaluation in (Evaluation.ACHIEVED, Evaluation.EXCEEDED)]
    bad = [i for i in inds if i.evaluation is Evaluation.NOT_ACHIEVED]
    for heading, chosen in (
        (texts.INDICATORS_ACHIEVED_HEADING, good),
        (texts.INDICATORS_NOT_ACHIEVED_HEADING, bad),
    ):
        if not chosen:
            continue
        blocks.append(Heading(3, heading if good else heading.replace("b)", "a)", 1)))
        items = [item(i) for i in chosen[:MAX_LIST_ITEMS]]
        if len(chosen) > MAX_LIST_ITEMS:
            items.append(texts.INDICATORS_MORE.format(count=len(chosen) - MAX_LIST_ITEMS))
        blocks.append(BulletList(items))
    return blocks


def _difficulties_section(data: ReportData) -> list[Block]:
    if not data.difficulties:
        return [Paragraph(texts.DIFFICULTIES_NONE)]
    blocks: list[Block] = []
    ordered = sorted(
        data.difficulties.items(),
        key=lambda kv: (kv[0] == "other", -sum(len(i.units) or 1 for i in kv[1])),
    )
    for index, (theme, items) in enumerate(ordered):
        blocks.append(Heading(3, f"{_LETTERS[index]}) {texts.DIFFICULTY_THEMES[theme]}"))
        shown = [_item_text(i) for i in items[:MAX_THEME_ITEMS]]
        blocks.append(BulletList(shown))
    blocks.append(Paragraph(texts.DIFFICULTIES_CAUSE))
    return blocks


def _next_section(
    session: Session,
    commune: Commune,
    plan_ref: str,
    data: ReportData,
    units: dict[int, Unit],
    span: _Span,
) -> list[Block]:
    items: list[str] = []
    if data.overdue:
        items.append(texts.NEXT_LATE.format(count=len(data.overdue)))
    nxt = _next_ref(span.ref)
    start, end = period_bounds(nxt, convention_of(session))
    due = [
        s
        for s in data.tasks
        if s.status not in _DONE
        and s.recurrence is Recurrence.NONE
        and s.deadline is not None
        and start <= s.deadline <= end
    ]
    due.sort(key=lambda s: (s.deadline, s.code))
    blocks: list[Block] = []
    not_started = data.counts.not_started
    if not_started:
        items.append(texts.NEXT_NOT_STARTED.format(count=not_started))
    items.append(texts.NEXT_CONTINUOUS.format(plan_ref=plan_ref, day=commune.unit_deadline_day))
    bad = [i for i in data.indicators if i.evaluation is Evaluation.NOT_ACHIEVED]
    if bad:
        items.append(texts.NEXT_INDICATORS.format(count=len(bad)))
    blocks.append(BulletList(items))
    if due:
        blocks.append(Paragraph(texts.NEXT_DUE_INTRO.format(period=period_short(nxt))))
        lines = []
        for s in due[:MAX_LIST_ITEMS]:
            unit = units.get(s.lead_unit_id) if s.lead_unit_id else None
            deadline = _date(s.deadline) if s.deadline else ""
            if unit is None:
                lines.append(
                    texts.NEXT_DUE_ITEM_NO_UNIT.format(
                        code=s.code, title=_quote(s.title), deadline=deadline
                    )
                )
            else:
                lines.append(
                    texts.NEXT_DUE_ITEM.format(
                        code=s.code, title=_quote(s.title), unit=unit.name, deadline=deadline
                    )
                )
        if len(due) > MAX_LIST_ITEMS:
            lines.append(texts.NEXT_DUE_MORE.format(count=len(due) - MAX_LIST_ITEMS))
        blocks.append(BulletList(lines))
    return blocks


def _next_ref(ref: PeriodRef) -> PeriodRef:
    per_year = {
        PeriodKind.MONTH: 12,
        PeriodKind.QUARTER: 4,
        PeriodKind.HALF_YEAR: 2,
        PeriodKind.YEAR: 1,
    }
    if ref.number < per_year[ref.kind]:
        return PeriodRef(ref.kind, ref.year, ref.number + 1)
    return PeriodRef(ref.kind, ref.year + 1, 1)


def _proposals_section(data: ReportData) -> list[Block]:
    if not data.proposals:
        return [Paragraph(texts.PROPOSALS_NONE)]
    blocks: list[Block] = []
    if "upward" in data.proposals:
        blocks.append(Heading(3, texts.PROPOSALS_UPWARD))
        blocks.append(
            BulletList([_item_text(i) for i in data.proposals["upward"][:MAX_LIST_ITEMS]])
        )
    if "local" in data.proposals:
        heading = (
            texts.PROPOSALS_LOCAL if "upward" in data.proposals else texts.PROPOSALS_LOCAL_ONLY
        )
        blocks.append(Heading(3, heading))
        blocks.append(BulletList([_item_text(i) for i in data.proposals["local"][:MAX_LIST_ITEMS]]))
    return blocks


# ---------------------------------------------------------------------------
# Appendices
# ---------------------------------------------------------------------------


def _tasks_appendix(session: Session, data: ReportData, reference: str) -> Appendix:
    units = {u.id: u.name for u in session.scalars(select(Unit))}
    span_updates: dict[int, TaskUpdate] = {}
    for update_row in session.scalars(
        select(TaskUpdate)
        .join(Period, Period.id == TaskUpdate.period_id)
        .where(
            Period.kind == PeriodKind.MONTH,
            Period.start_date >= data.start,
            Period.end_date <= data.end,
        )
        .order_by(Period.end_date.desc())
    ):
        span_updates.setdefault(update_row.task_id, update_row)
    titles = _group_titles(session, data.tasks)
    columns = [
        Column(texts.COL_STT, 13, "center"),
        Column(texts.COL_TASK, 92, "left"),
        Column(texts.COL_LEAD, 34, "left"),
        Column(texts.COL_DEADLINE, 27, "center"),
        Column(texts.COL_RESULT, 59, "left"),
        Column(texts.COL_STATUS, 27, "center"),
    ]
    rows: list[Row] = []
    current_group: str | None = None
    for s in data.tasks:
        group = s.group_code or ""
        if group and group != current_group:
            rows.append(GroupRow(group, titles.get(group) or s.group_name))
            current_group = group
        upd = span_updates.get(s.task_id)
        if upd is not None and normalize_spaces(upd.result):
            result = normalize_spaces(upd.result)
            if upd.progress is Progress.IN_PROGRESS and upd.percent is not None:
                result = (
                    result.rstrip(".")
                    + texts.PERCENT_DONE.format(percent=format_number(upd.percent, decimals=0))
                    + "."
                )
        elif s.status in _DONE and s.completed_on is not None:
            result = texts.COMPLETED_ON.format(date=_date(s.completed_on))
        else:
            result = texts.NO_UPDATE
        if s.timeframe_text:
            deadline = s.timeframe_text
        elif s.recurrence is not Recurrence.NONE:
            deadline = label(s.recurrence)
        else:
            deadline = _date(s.deadline) if s.deadline else ""
        rows.append(
            DataRow(
                [
                    Cell(s.code),
                    Cell(normalize_spaces(s.title)),
                    Cell(units.get(s.lead_unit_id, "") if s.lead_unit_id else ""),
                    Cell(deadline),
                    Cell(result),
                    Cell(label(s.status)),
                ]
            )
        )
    spec = TableSpec(
        columns=columns, header_rows=[[HeaderCell(c.title) for c in columns]], rows=rows
    )
    return Appendix(
        numeral="I",
        title=texts.APPENDIX_TASKS_TITLE.format(period=period_phrase(data.ref).upper()),
        reference=reference,
        table=spec,
        sheet_name=texts.SHEET_TASKS,
        notes=[texts.APPENDIX_TASKS_NOTE.format(date=_date(data.as_of))],
    )


_FORMATS = {
    MeasureUnit.PERCENT: "0.0",
    MeasureUnit.COUNT: "#,##0",
    MeasureUnit.INDEX: "0.00",
    MeasureUnit.MILLION_VND: "#,##0.0",
    MeasureUnit.OTHER: "0.0",
}


def _indicator_cell(ind: IndicatorState, value: float | None, yes: bool | None) -> Cell:
    if ind.comparator is Comparator.YESNO or ind.measure_unit is MeasureUnit.YESNO:
        if yes is None and value is None:
            return Cell(None)
        truthy = yes if yes is not None else bool(value)
        return Cell(texts.YES if truthy else texts.NO, align="center")
    if value is None:
        return Cell(None)
    return Cell(float(value), number_format=_FORMATS.get(ind.measure_unit, "0.0"))


def _indicators_appendix(data: ReportData, reference: str) -> Appendix:
    years = sorted({i.target_year for i in data.indicators if i.target_year is not None})
    one_year = len(years) == 1
    target_title = texts.COL_TARGET.format(year=years[0]) if one_year else texts.COL_TARGET_MANY
    columns = [
        Column(texts.COL_STT, 13, "center"),
        Column(texts.COL_INDICATOR, 87, "left"),
        Column(texts.COL_UNIT, 20, "center"),
        Column(target_title, 26, "center"),
        Column(texts.COL_CURRENT.format(period=period_short(data.ref)), 27, "right", "0.0"),
        Column(
            texts.COL_PREVIOUS.format(period=period_short(data.previous_ref)), 27, "right", "0.0"
        ),
        Column(
            texts.COL_LAST_YEAR.format(period=period_short(data.last_year_ref)), 27, "right", "0.0"
        ),
        Column(texts.COL_EVALUATION, 25, "center"),
    ]
    header = [
        [
            HeaderCell(columns[0].title, rowspan=2),
            HeaderCell(columns[1].title, rowspan=2),
            HeaderCell(columns[2].title, rowspan=2),
            HeaderCell(columns[3].title, rowspan=2),
            HeaderCell(texts.COL_RESULTS, colspan=3),
            HeaderCell(columns[7].title, rowspan=2),
        ],
        [HeaderCell(columns[4].title), HeaderCell(columns[5].title), HeaderCell(columns[6].title)],
    ]
    rows: list[Row] = []
    group: str | None = None
    for ind in data.indicators:
        if ind.group_name and ind.group_name != group:
            group = ind.group_name
            label_text, _, rest = group.partition(". ")
            if rest and len(label_text) <= 5:
                rows.append(GroupRow(label_text, rest))
            else:
                prefix = ind.code.split(".")[0] if "." in ind.code else ""
                rows.append(GroupRow(prefix, group))
        unit_text = ind.unit_label or label(ind.measure_unit)
        target = ind.target_text
        if target and not one_year and ind.target_year:
            target = texts.TARGET_WITH_YEAR.format(target=target, year=ind.target_year)
        if ind.evaluation is not None:
            evaluation = label(ind.evaluation)
        elif not ind.target_text:
            evaluation = texts.EVAL_NO_TARGET
        else:
            evaluation = texts.EVAL_NO_DATA
        rows.append(
            DataRow(
                [
                    Cell(ind.code),
                    Cell(normalize_spaces(ind.name)),
                    Cell(unit_text),
                    Cell(target),
                    _indicator_cell(ind, ind.value, ind.yes),
                    _indicator_cell(ind, ind.previous_value, ind.previous_yes),
                    _indicator_cell(ind, ind.last_year_value, ind.last_year_yes),
                    Cell(evaluation),
                ]
            )
        )
    spec = TableSpec(columns=columns, header_rows=header, rows=rows)
    return Appendix(
        numeral="II",
        title=texts.APPENDIX_INDICATORS_TITLE.format(period=period_phrase(data.ref).upper()),
        reference=reference,
        table=spec,
        sheet_name=texts.SHEET_INDICATORS,
        notes=[texts.APPENDIX_INDICATORS_NOTE],
    )
