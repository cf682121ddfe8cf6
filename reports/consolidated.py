"""The consolidated report of an upper-level database, in the Decree 30 format.

``build_consolidated(session, period_code=..., scope=...)`` reads the
consolidated views (``models.services.consolidation``) and returns an
``AdminDocument`` the shared renderers draw (``reports.pdf.render_pdf``,
``reports.docx.render_docx``, ``reports.xlsx.render_xlsx``):

- header: the issuer's superior line (``UBND THÀNH PHỐ HẢI PHÒNG``, upright)
  above its name (``SỞ KHOA HỌC VÀ CÔNG NGHỆ``, bold), symbol ``BC-SKHCN``;
  all configurable (``Issuer``, stored in the setting ``consolidated_issuer``);
- body: I. submissions (on time / late / missing), II. task status totals,
  III. indicators, IV. proposals drawn from the numbers;
- Phụ lục I submissions per commune (per province for the whole country),
  Phụ lục II task statuses, Phụ lục III indicators with the total the unit
  demands (mean, sum or number of "yes") and the evaluation counts.

``write_detail_xlsx`` streams every commune's values into a second workbook
(write-only, so it stays small in memory at 3,321 communes).

Reads only; call it on a worker thread with its own session.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import geo
from models import texts as mtexts
from models.bundle import format as fmt
from models.bundle.scope import Scope
from models.enums import Evaluation, MeasureUnit, TaskStatus
from models.numbers import format_number
from models.periods import parse_period_code
from models.schema import BundleImport, ConsolidatedValue, Setting
from models.services import consolidation as cons
from models.textutil import shorten
from reports import texts as rtexts
from reports import texts_consolidated as T
from reports.content import period_phrase
from reports.document import (
    AdminDocument,
    Appendix,
    BulletList,
    Cell,
    Column,
    DataRow,
    Header,
    HeaderCell,
    Heading,
    Paragraph,
    Row,
    Signature,
    TableSpec,
    date_phrase,
    format_number_symbol,
)

ISSUER_SETTING = "consolidated_issuer"
VN_TZ = dt.timezone(dt.timedelta(hours=7))
MAX_NAMED = 15  # communes named in the body before pointing to the appendix
_FORMATS = {
    MeasureUnit.PERCENT: "0.0",
    MeasureUnit.INDEX: "0.00",
    MeasureUnit.COUNT: "#,##0",
    MeasureUnit.MILLION_VND: "#,##0.0",
}


@dataclass
class Issuer:
    """Who issues the consolidated report (header, signature, recipients)."""

    agency_lines: list[str]
    superior_line: str | None
    symbol: str
    place: str
    authority_lines: list[str] = field(default_factory=list)
    title_lines: list[str] = field(default_factory=lambda: [T.DIRECTOR])
    signer_name: str = ""
    recipients_to: list[str] = field(default_factory=list)
    noi_nhan: list[str] = field(default_factory=list)
    luu: str = T.LUU

    @property
    def name_in_text(self) -> str:
        """``Sở Khoa học và Công nghệ`` for the body (from the capitalised agency line)."""
        words = " ".join(self.agency_lines).lower().split()
        return (
            (words[0].capitalize() + " " + " ".join(words[1:])).replace(
                "khoa học và công nghệ", "Khoa học và Công nghệ"
            )
            if words
            else ""
        )

    @classmethod
    def default_for(cls, scope: Scope) -> Issuer:
        if scope.province_code is None:
            return cls(
                agency_lines=[T.MINISTRY],
                superior_line=None,
                symbol=T.MINISTRY_SYMBOL,
                place=T.MINISTRY_PLACE,
                title_lines=[T.MINISTER],
                recipients_to=[T.TO_GOVERNMENT],
                noi_nhan=[T.NOI_NHAN_SAME, T.NOI_NHAN_MINISTRY_LEADERS, T.NOI_NHAN_PROVINCES],
            )
        p = geo.province_by_code(scope.province_code)
        return cls(
            agency_lines=[T.DEPARTMENT],
            superior_line=T.SUPERIOR_PROVINCE.format(
                level=p.level_word.upper(), name=p.short_name.upper()
            ),
            symbol=T.DEPARTMENT_SYMBOL,
            place=p.short_name,
            recipients_to=[T.TO_PROVINCE.format(level=p.level_word, name=p.short_name)],
            noi_nhan=[T.NOI_NHAN_SAME, T.NOI_NHAN_LEADERS, T.NOI_NHAN_COMMUNES],
        )


def load_issuer(session: Session, scope: Scope) -> Issuer:
    """The issuer saved in the settings, or the default for the scope."""
    row = session.get(Setting, ISSUER_SETTING)
    base = Issuer.default_for(scope)
    if row is None or not isinstance(row.value, dict):
        return base
    values = asdict(base)
    values.update({k: v for k, v in row.value.items() if k in values})
    return Issuer(**values)


def save_issuer(session: Session, issuer: Issuer) -> None:
    """Store the issuer (the caller commits)."""
    row = session.get(Setting, ISSUER_SETTING)
    if row is None:
        session.add(Setting(key=ISSUER_SETTING, value=asdict(issuer)))
    else:
        row.value = asdict(issuer)
    session.flush()


# --- Small formatting helpers ---------------------------------------------------------------


def _pct(part: int, whole: int) -> str:
    return format_number(100.0 * part / whole, decimals=1) + "%" if whole else "0%"


def _n(count: int) -> str:
    """``3.321``: Vietnamese thousands grouping."""
    return format_number(float(count), decimals=0)


def _date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _vn(instant: dt.datetime | None) -> str:
    if instant is None:
        return ""
    return instant.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")


def _how(agg: cons.IndicatorAggregate) -> str:
    return {"mean": T.HOW_MEAN, "sum": T.HOW_SUM, "yes_count": T.HOW_YES}.get(
        agg.aggregate, T.HOW_NONE
    )


def _num_cell(value: float | None, unit: MeasureUnit | None) -> Cell:
    if value is None:
        return Cell(None)
    return Cell(float(value), number_format=_FORMATS.get(unit or MeasureUnit.OTHER, "0.0"))


def _total_cell(agg: cons.IndicatorAggregate) -> Cell:
    if agg.aggregate == "yes_count":
        return Cell(int(agg.yes_count), number_format="0", align="right")
    if agg.total is None:
        return Cell(None)
    return _num_cell(agg.total, agg.measure_unit)


# --- The document -----------------------------------------------------------------------------


@dataclass
class ConsolidatedData:
    """The numbers the report was made from (tests compare them with the communes')."""

    period_code: str
    scope: Scope
    summary: cons.SubmissionSummary
    submissions: list[cons.SubmissionRow]
    provinces: list[cons.ProvinceRow]
    statuses: list[cons.StatusRow]
    status_total: cons.StatusRow
    indicators: list[cons.IndicatorAggregate]


def collect(session: Session, *, period_code: str, scope: Scope) -> ConsolidatedData:
    code = parse_period_code(period_code).code
    rows, summary = cons.submissions(session, period_code=code, province_code=scope.province_code)
    if scope.is_country:
        statuses = cons.status_by_province(session, period_code=code)
        provinces = cons.province_overview(session, period_code=code)
    else:
        statuses = cons.status_distribution(
            session, period_code=code, province_code=scope.province_code
        )
        provinces = []
    return ConsolidatedData(
        period_code=code,
        scope=scope,
        summary=summary,
        submissions=rows,
        provinces=provinces,
        statuses=statuses,
        status_total=cons.status_totals(statuses, name=T.TOTAL_ROW),
        indicators=cons.indicator_summary(
            session, period_code=code, province_code=scope.province_code
        ),
    )


def build_consolidated(
    session: Session,
    *,
    period_code: str,
    scope: Scope,
    issuer: Issuer | None = None,
    issued_on: dt.date | None = None,
    number: int | None = None,
    as_of: dt.date | None = None,
) -> tuple[AdminDocument, ConsolidatedData]:
    """The consolidated report of ``period_code`` for ``scope`` (draft unless ``number``)."""
    data = collect(session, period_code=period_code, scope=scope)
    who = issuer or load_issuer(session, scope)
    ref = parse_period_code(data.period_code)
    phrase = period_phrase(ref)
    today = as_of or dt.datetime.now(VN_TZ).date()
    year = (issued_on or today).year

    header = Header(
        agency_lines=list(who.agency_lines),
        superior_line=who.superior_line,
        place=who.place,
        year=year,
        number=number,
        symbol=who.symbol,
        date=issued_on,
    )
    if scope.is_country:
        summary_text = T.SUMMARY_COUNTRY.format(period=phrase)
    else:
        p = geo.province_by_code(scope.province_code)  # type: ignore[arg-type]
        summary_text = T.SUMMARY_PROVINCE.format(
            province=f"{p.level_word} {p.short_name}", period=phrase
        )

    body = [
        Paragraph(T.INTRO.format(issuer=who.name_in_text, period=phrase)),
        *_submissions_section(data, phrase=phrase, as_of=today),
        *_tasks_section(data),
        *_indicators_section(data),
        *_proposals_section(data, phrase=phrase, issuer=who),
    ]
    reference = rtexts.APPENDIX_REFERENCE.format(
        doc_type=rtexts.DOC_TYPE_REPORT,
        number_symbol=format_number_symbol(number, who.symbol),
        date=date_phrase(issued_on, year=year),
        agency=who.name_in_text,
    )
    appendices = [
        _submissions_appendix(data, phrase=phrase, reference=reference),
        _tasks_appendix(data, phrase=phrase, reference=reference),
        _indicators_appendix(data, phrase=phrase, reference=reference),
    ]
    doc = AdminDocument(
        header=header,
        type_name=rtexts.TYPE_NAME_REPORT,
        summary=summary_text,
        body=body,
        signature=Signature(
            authority_lines=list(who.authority_lines),
            title_lines=list(who.title_lines),
            name=who.signer_name,
        ),
        noi_nhan=list(who.noi_nhan),
        luu=who.luu,
        recipients_to=list(who.recipients_to),
        appendices=appendices,
        title=T.DOC_TITLE.format(period=phrase),
    )
    return doc, data


def _submissions_section(data: ConsolidatedData, *, phrase: str, as_of: dt.date) -> list[Any]:
    s = data.summary
    out: list[Any] = [Heading(1, T.H_SUBMISSIONS)]
    if s.submitted == 0:
        out.append(
            Paragraph(
                T.SUBMITTED_NONE.format(
                    as_of=_date(as_of), units=T.UNITS_COMMUNE, period=phrase, total=_n(s.total)
                )
            )
        )
        return out
    out.append(
        Paragraph(
            T.SUBMITTED.format(
                as_of=_date(as_of),
                submitted=_n(s.submitted),
                total=_n(s.total),
                units=T.UNITS_COMMUNE,
                period=phrase,
                rate=_pct(s.submitted, s.total),
                on_time=_n(s.on_time),
                late=_n(s.late),
                deadline=_date(s.deadline),
                missing=_n(s.missing),
            )
        )
    )
    if data.scope.is_country:
        worst = sorted(
            (p for p in data.provinces if p.missing),
            key=lambda p: (-p.missing / max(p.communes, 1), p.province_code),
        )[:5]
        if worst:
            out.append(
                Paragraph(
                    T.PROVINCES_MISSING.format(
                        items="; ".join(
                            T.PROVINCE_MISSING_ITEM.format(
                                name=p.province_name, missing=p.missing, total=p.communes
                            )
                            for p in worst
                        )
                    )
                )
            )
    elif s.missing:
        missing = [r.commune_name for r in data.submissions if not r.submitted]
        if len(missing) <= MAX_NAMED:
            out.append(Paragraph(T.MISSING_LIST.format(names=", ".join(missing))))
        else:
            out.append(Paragraph(T.MISSING_MANY))
    return out


def _tasks_section(data: ConsolidatedData) -> list[Any]:
    out: list[Any] = [Heading(1, T.H_TASKS)]
    t = data.status_total
    if t.total == 0:
        out.append(Paragraph(T.TASKS_NONE))
        return out
    c = t.counts
    out.append(
        Paragraph(
            T.TASKS_TOTAL.format(
                total=_n(t.total),
                done=_n(t.done),
                done_rate=_pct(t.done, t.total),
                done_on_time=c[TaskStatus.DONE_ON_TIME],
                done_late=c[TaskStatus.DONE_LATE],
                doing=c[TaskStatus.IN_PROGRESS_ON_TIME] + c[TaskStatus.IN_PROGRESS_OVERDUE],
                doing_on_time=c[TaskStatus.IN_PROGRESS_ON_TIME],
                doing_late=c[TaskStatus.IN_PROGRESS_OVERDUE],
                not_started=c[TaskStatus.NOT_STARTED],
                not_started_rate=_pct(c[TaskStatus.NOT_STARTED], t.total),
            )
        )
    )
    worst = sorted(
        (r for r in data.statuses if r.counts[TaskStatus.IN_PROGRESS_OVERDUE]),
        key=lambda r: (-r.counts[TaskStatus.IN_PROGRESS_OVERDUE], r.code),
    )[:5]
    if worst:
        out.append(
            Paragraph(
                T.TASKS_MOST_OVERDUE.format(
                    items="; ".join(
                        T.TASKS_OVERDUE_ITEM.format(
                            name=r.name, count=r.counts[TaskStatus.IN_PROGRESS_OVERDUE]
                        )
                        for r in worst
                    )
                )
            )
        )
    out.append(Paragraph(T.TASKS_DETAIL))
    return out


def _weak(data: ConsolidatedData) -> list[cons.IndicatorAggregate]:
    evaluated = [a for a in data.indicators if a.communes and (a.reached + a.not_achieved)]
    evaluated.sort(key=lambda a: (a.reached / (a.reached + a.not_achieved), a.order))
    return [a for a in evaluated if a.reached / (a.reached + a.not_achieved) < 0.5][:5]


def _indicators_section(data: ConsolidatedData) -> list[Any]:
    out: list[Any] = [Heading(1, T.H_INDICATORS)]
    if not data.indicators:
        out.append(Paragraph(T.INDICATORS_NONE))
        return out
    out.append(
        Paragraph(
            T.INDICATORS_TOTAL.format(
                count=len(data.indicators),
                reached=sum(a.reached for a in data.indicators),
                not_achieved=sum(a.not_achieved for a in data.indicators),
                not_evaluated=sum(a.not_evaluated for a in data.indicators),
            )
        )
    )
    weak = _weak(data)
    if weak:
        out.append(
            Paragraph(
                T.INDICATORS_WEAK.format(
                    items="; ".join(
                        T.INDICATOR_WEAK_ITEM.format(
                            code=a.code,
                            name=shorten(a.name, 70),
                            reached=a.reached,
                            communes=a.reached + a.not_achieved,
                        )
                        for a in weak
                    )
                )
            )
        )
    out.append(Paragraph(T.INDICATORS_DETAIL))
    return out


def _proposals_section(data: ConsolidatedData, *, phrase: str, issuer: Issuer) -> list[Any]:
    items: list[str] = []
    if data.summary.missing:
        items.append(
            T.PROPOSAL_MISSING.format(
                count=_n(data.summary.missing),
                units=T.UNITS_COMMUNE,
                period=phrase,
                issuer=issuer.name_in_text,
            )
        )
    if data.status_total.overdue:
        items.append(T.PROPOSAL_OVERDUE)
    if _weak(data):
        items.append(T.PROPOSAL_WEAK)
    if not items:
        items.append(T.PROPOSAL_NONE)
    return [Heading(1, T.H_PROPOSALS), BulletList(items)]


# --- Appendices --------------------------------------------------------------------------------


def _submissions_appendix(data: ConsolidatedData, *, phrase: str, reference: str) -> Appendix:
    rows: list[Row] = []
    if data.scope.is_country:
        columns = [
            Column(T.COL_STT, 13, "center"),
            Column(T.COL_PROVINCE, 57, "left"),
            Column(T.COL_COMMUNES, 19, "right", "0"),
            Column(T.COL_SUBMITTED, 19, "right", "0"),
            Column(T.COL_ON_TIME, 19, "right", "0"),
            Column(T.COL_LATE, 19, "right", "0"),
            Column(T.COL_MISSING, 19, "right", "0"),
        ]
        for i, p in enumerate(data.provinces, 1):
            rows.append(
                DataRow(
                    [
                        Cell(i),
                        Cell(p.province_name),
                        Cell(p.communes),
                        Cell(p.submitted),
                        Cell(p.on_time),
                        Cell(p.late),
                        Cell(p.missing),
                    ]
                )
            )
        s = data.summary
        rows.append(
            DataRow(
                [
                    Cell(""),
                    Cell(T.TOTAL_ROW, bold=True),
                    Cell(s.total, bold=True),
                    Cell(s.submitted, bold=True),
                    Cell(s.on_time, bold=True),
                    Cell(s.late, bold=True),
                    Cell(s.missing, bold=True),
                ]
            )
        )
    else:
        columns = [
            Column(T.COL_STT, 13, "center"),
            Column(T.COL_CODE, 18, "center"),
            Column(T.COL_COMMUNE, 64, "left"),
            Column(T.COL_CREATED, 40, "center"),
            Column(T.COL_SUBMISSION, 30, "center"),
        ]
        for i, r in enumerate(data.submissions, 1):
            status = (
                T.STATUS_MISSING
                if not r.submitted
                else (T.STATUS_ON_TIME if r.on_time else T.STATUS_LATE)
            )
            rows.append(
                DataRow(
                    [
                        Cell(i),
                        Cell(str(r.commune_code)),
                        Cell(r.commune_name),
                        Cell(_vn(r.first_created_at)),
                        Cell(status),
                    ]
                )
            )
    return Appendix(
        numeral="I",
        title=T.APPENDIX_SUBMISSIONS.format(period=phrase.upper()),
        reference=reference,
        table=TableSpec(
            columns=columns, header_rows=[[HeaderCell(c.title) for c in columns]], rows=rows
        ),
        sheet_name=T.SHEET_SUBMISSIONS,
        landscape=False,
        notes=[T.APPENDIX_NOTE_DEADLINE.format(deadline=_date(data.summary.deadline))],
    )


_STATUS_ORDER = (
    TaskStatus.DONE_ON_TIME,
    TaskStatus.DONE_LATE,
    TaskStatus.IN_PROGRESS_ON_TIME,
    TaskStatus.IN_PROGRESS_OVERDUE,
    TaskStatus.NOT_STARTED,
)


def _tasks_appendix(data: ConsolidatedData, *, phrase: str, reference: str) -> Appendix:
    name_title = T.COL_PROVINCE if data.scope.is_country else T.COL_COMMUNE
    columns = [
        Column(T.COL_STT, 13, "center"),
        Column(name_title, 60, "left"),
        Column(T.COL_TOTAL_TASKS, 26, "right", "0"),
        *[Column(mtexts.label(s), 31, "right", "0") for s in _STATUS_ORDER],
    ]
    header_rows = [
        [
            HeaderCell(T.COL_STT, rowspan=2),
            HeaderCell(name_title, rowspan=2),
            HeaderCell(T.COL_TOTAL_TASKS, rowspan=2),
            HeaderCell(T.COL_STATUS_GROUP, colspan=len(_STATUS_ORDER)),
        ],
        [HeaderCell(mtexts.label(s)) for s in _STATUS_ORDER],
    ]
    rows: list[Row] = []
    for i, r in enumerate(data.statuses, 1):
        rows.append(
            DataRow(
                [Cell(i), Cell(r.name), Cell(r.total), *[Cell(r.counts[s]) for s in _STATUS_ORDER]]
            )
        )
    t = data.status_total
    rows.append(
        DataRow(
            [
                Cell(""),
                Cell(T.TOTAL_ROW, bold=True),
                Cell(t.total, bold=True),
                *[Cell(t.counts[s], bold=True) for s in _STATUS_ORDER],
            ]
        )
    )
    return Appendix(
        numeral="II",
        title=T.APPENDIX_TASKS.format(period=phrase.upper()),
        reference=reference,
        table=TableSpec(columns=columns, header_rows=header_rows, rows=rows),
        sheet_name=T.SHEET_TASKS,
        notes=[T.APPENDIX_NOTE_TASKS],
    )


def _indicators_appendix(data: ConsolidatedData, *, phrase: str, reference: str) -> Appendix:
    columns = [
        Column(T.COL_CODE, 14, "center"),
        Column(T.COL_INDICATOR, 74, "left"),
        Column(T.COL_UNIT, 24, "center"),
        Column(T.COL_REPORTING, 18, "right", "0"),
        Column(T.COL_HOW, 22, "center"),
        Column(T.COL_AGGREGATE, 22, "right"),
        Column(T.COL_MIN, 18, "right"),
        Column(T.COL_MAX, 18, "right"),
        Column(T.COL_EXCEEDED, 14, "right", "0"),
        Column(T.COL_ACHIEVED, 14, "right", "0"),
        Column(T.COL_NOT_ACHIEVED, 16, "right", "0"),
    ]
    header_rows = [
        [
            *[HeaderCell(c.title, rowspan=2) for c in columns[:8]],
            HeaderCell(T.COL_EVALUATION, colspan=3),
        ],
        [HeaderCell(T.COL_EXCEEDED), HeaderCell(T.COL_ACHIEVED), HeaderCell(T.COL_NOT_ACHIEVED)],
    ]
    rows: list[Row] = []
    for a in data.indicators:
        ranged = a.aggregate == "mean"
        rows.append(
            DataRow(
                [
                    Cell(a.code),
                    Cell(a.name),
                    Cell(a.unit_label),
                    Cell(a.with_value),
                    Cell(_how(a)),
                    _total_cell(a),
                    _num_cell(a.minimum, a.measure_unit) if ranged else Cell(None),
                    _num_cell(a.maximum, a.measure_unit) if ranged else Cell(None),
                    Cell(a.exceeded),
                    Cell(a.achieved),
                    Cell(a.not_achieved),
                ]
            )
        )
    return Appendix(
        numeral="III",
        title=T.APPENDIX_INDICATORS.format(period=phrase.upper()),
        reference=reference,
        table=TableSpec(columns=columns, header_rows=header_rows, rows=rows),
        sheet_name=T.SHEET_INDICATORS,
        notes=[T.APPENDIX_NOTE_INDICATORS],
    )


# --- Detail workbook (every commune's values) ------------------------------------------------------


def write_detail_xlsx(session: Session, *, period_code: str, scope: Scope, path: Path) -> Path:
    """Every commune's indicator values and task statuses of the period, streamed to Excel."""
    code = parse_period_code(period_code).code
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    wb = Workbook(write_only=True)
    bold = Font(name="Times New Roman", bold=True)
    cv = ConsolidatedValue
    base = [cv.period_code == code, BundleImport.current.is_(True)]
    if scope.province_code is not None:
        base.append(BundleImport.province_code == scope.province_code)

    ws = wb.create_sheet(T.DETAIL_SHEET_INDICATORS)
    ws.append(_bold_row(ws, T.DETAIL_HEADERS_INDICATORS, bold))
    stmt = (
        select(
            BundleImport.province_code,
            cv.commune_code,
            BundleImport.commune_name,
            cv.element_code,
            cv.element_name,
            cv.unit_label,
            cv.numeric,
            cv.yes,
            cv.target,
            cv.evaluation,
            cv.comment,
        )
        .join(BundleImport, BundleImport.id == cv.import_id)
        .where(*base, cv.element_kind == fmt.ELEMENT_INDICATOR)
        .order_by(cv.commune_code, cv.id)
        .execution_options(yield_per=2000)
    )
    for r in session.execute(stmt):
        evaluation = mtexts.label(Evaluation(r[9])) if r[9] else ""
        yes = "" if r[7] is None else (T.YES if r[7] else T.NO)
        ws.append([r[0], r[1], r[2], r[3], r[4], r[5], r[6], yes, r[8], evaluation, r[10]])

    ws2 = wb.create_sheet(T.DETAIL_SHEET_TASKS)
    ws2.append(_bold_row(ws2, T.DETAIL_HEADERS_TASKS, bold))
    stmt2 = (
        select(
            BundleImport.province_code,
            cv.commune_code,
            BundleImport.commune_name,
            cv.element_code,
            cv.element_name,
            cv.numeric,
            cv.status,
        )
        .join(BundleImport, BundleImport.id == cv.import_id)
        .where(*base, cv.element_kind == fmt.ELEMENT_TASK)
        .order_by(cv.commune_code, cv.id)
        .execution_options(yield_per=2000)
    )
    for task_row in session.execute(stmt2):
        try:
            status: str | None = mtexts.label(TaskStatus(task_row[6])) if task_row[6] else ""
        except ValueError:
            status = task_row[6]
        ws2.append(
            [task_row[0], task_row[1], task_row[2], task_row[3], task_row[4], task_row[5], status]
        )
    try:
        wb.save(str(tmp))
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return target


def _bold_row(ws: Any, titles: tuple[str, ...], font: Font) -> list[Any]:
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for title in titles:
        cell = WriteOnlyCell(ws, value=title)
        cell.font = font
        cells.append(cell)
    return cells
