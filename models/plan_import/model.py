"""What the plan importer understood of a file, before anything is saved.

A ``ParsedPlan`` is plain data: the review dialog edits it, ``commit_plan``
saves it, ``to_json`` prints it for ``python main.py import-plan --dry-run
--format json``. Tasks are a flat list in document order; the tree is given
by ``parent`` (the parent's code). Codes are unique within a plan.

Rules kept by the parser and by the review screen:

* ``ParsedTask.lead_units`` lists every "cơ quan chủ trì" as written; the
  first is the lead, the others are co-leads. Unit names are kept as the
  plan writes them; matching to the commune's units happens in
  ``models.plan_import.units``.
* ``ParsedTask.timeframe_text`` is the phrase of the plan without its label
  ("Hoàn thành trong tháng 7 năm 2025"); ``refresh_timeframe`` reads it with
  ``models.timeframe.parse_timeframe`` and sets ``deadline``/``recurrence``
  and the "not understood" note.
* ``ParsedIndicator.targets`` maps a milestone year to the cell as printed
  ("≥30%"), read with ``models.numbers.parse_target``.
* ``problems`` are the reasons shown in the review next to an item the
  importer did not fully understand; ``warnings`` of the plan are the
  document-level notes (gaps in numbering, guessed target years...).

Qt-free; any thread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from models import texts as domain_texts
from models.enums import Comparator, MeasureUnit, Recurrence
from models.errors import ParseError
from models.numbers import ParsedTarget, parse_target
from models.plan_import import texts as T
from models.textutil import fold, normalize_spaces
from models.timeframe import parse_timeframe

__all__ = [
    "guess_comparator",
    "guess_measure",
    "MEASURE_LABELS",
    "ParsedIndicator",
    "ParsedPlan",
    "ParsedTask",
    "PlanWarning",
    "ReportingRule",
    "measure_from_label",
]

MEASURE_LABELS: dict[MeasureUnit, str] = {
    MeasureUnit.PERCENT: T.UNIT_PERCENT,
    MeasureUnit.COUNT: T.UNIT_COUNT,
    MeasureUnit.INDEX: T.UNIT_INDEX,
    MeasureUnit.MILLION_VND: T.UNIT_MILLION_VND,
    MeasureUnit.YESNO: T.UNIT_YESNO,
    MeasureUnit.OTHER: T.UNIT_OTHER,
}


def measure_from_label(text: str) -> MeasureUnit | None:
    """The measure unit named by ``text`` ("%", "Số lượng", "chỉ số"...), or None."""
    key = fold(normalize_spaces(text)).strip(" .")
    aliases = {
        "%": MeasureUnit.PERCENT,
        "phan tram": MeasureUnit.PERCENT,
        "ty le": MeasureUnit.PERCENT,
        "ty le %": MeasureUnit.PERCENT,
        "so luong": MeasureUnit.COUNT,
        "sl": MeasureUnit.COUNT,
        "chi so": MeasureUnit.INDEX,
        "diem": MeasureUnit.INDEX,
        "trieu dong": MeasureUnit.MILLION_VND,
        "tr.d": MeasureUnit.MILLION_VND,
        "trd": MeasureUnit.MILLION_VND,
        "co/khong": MeasureUnit.YESNO,
        "co / khong": MeasureUnit.YESNO,
        "co, khong": MeasureUnit.YESNO,
        "x": MeasureUnit.YESNO,
        "khac": MeasureUnit.OTHER,
    }
    if key in aliases:
        return aliases[key]
    count_words = (
        "doanh nghiep",
        "san pham",
        "du an",
        "mo hinh",
        "nhiem vu",
        "bai",
        "don",
        "sang kien",
    )
    if key in count_words:
        return MeasureUnit.COUNT
    return None


def guess_measure(name: str, targets: Iterable[str], label: str = "") -> MeasureUnit:
    """The measure unit of an indicator: the "Đơn vị tính" cell when given,
    else "x" targets → yes/no, "Chỉ số ..." → index, "Tỷ lệ ..." → %,
    "... triệu đồng" → million VND, "Số ..." → count, a "%" target → %,
    otherwise a count."""
    if label:
        found = measure_from_label(label)
        if found is not None:
            return found
    values = [t for t in targets if t]
    key = fold(name)
    if values and all(fold(v).strip() in ("x", "co") for v in values):
        return MeasureUnit.YESNO
    if key.startswith("chi so"):
        return MeasureUnit.INDEX
    if key.startswith(("ty le", "ty trong")):
        return MeasureUnit.PERCENT
    if "trieu dong" in key or any("trieu" in fold(v) for v in values):
        return MeasureUnit.MILLION_VND
    if key.startswith(("so ", "so luong")):
        return MeasureUnit.COUNT
    if any("%" in v for v in values):
        return MeasureUnit.PERCENT
    return MeasureUnit.COUNT


def guess_comparator(measure: MeasureUnit, targets: Iterable[str]) -> Comparator:
    """ "x" for a yes/no indicator, else the first explicit ≤/= of the targets, else ≥."""
    if measure is MeasureUnit.YESNO:
        return Comparator.YESNO
    for raw in targets:
        try:
            parsed = parse_target(raw)
        except ParseError:
            continue
        if parsed.comparator is not Comparator.GE:
            return parsed.comparator
    return Comparator.GE


@dataclass
class PlanWarning:
    """A note about the document as a whole, shown before the import.

    ``where`` says where it comes from ("Phụ lục III", "Trang \"Nhiệm vụ\",
    dòng 7, cột D"); ``code`` names the task or indicator concerned. Excel
    row errors also carry ``sheet``/``row``/``column`` and ``blocking`` (the
    row is not imported unless the user asks for the clean rows only).
    """

    message: str
    where: str = ""
    code: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    blocking: bool = False

    def text(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"message": self.message}
        if self.where:
            out["where"] = self.where
        if self.code is not None:
            out["code"] = self.code
        if self.sheet is not None:
            out.update(sheet=self.sheet, row=self.row, column=self.column, blocking=self.blocking)
        return out


@dataclass
class ParsedTask:
    """A task (or a group header) as read from the plan."""

    code: str
    title: str
    content: str = ""
    parent: str | None = None
    is_group: bool = False
    lead_units: list[str] = field(default_factory=list)
    cooperating_units: list[str] = field(default_factory=list)
    timeframe_text: str = ""
    expected_output: str = ""
    group_name: str = ""
    source: str = ""
    deadline: dt.date | None = None
    start: dt.date | None = None
    recurrence: Recurrence = Recurrence.NONE
    timeframe_understood: bool = True
    timeframe_note: str = ""
    problems: list[str] = field(default_factory=list)
    selected: bool = True

    @property
    def lead_unit(self) -> str | None:
        return self.lead_units[0] if self.lead_units else None

    @property
    def co_lead_units(self) -> list[str]:
        return self.lead_units[1:]

    def refresh_timeframe(self, *, reference_year: int | None) -> None:
        """Read ``timeframe_text`` again (after parsing or an edit in the review)."""
        if not self.timeframe_text:
            self.deadline = self.start = None
            self.recurrence = Recurrence.NONE
            self.timeframe_understood = True
            self.timeframe_note = ""
            return
        reading = parse_timeframe(self.timeframe_text, reference_year=reference_year)
        self.deadline = reading.deadline
        self.start = reading.start
        self.recurrence = reading.recurrence
        self.timeframe_understood = reading.understood
        self.timeframe_note = reading.note

    def review_problems(self) -> list[str]:
        """Reasons to look at this task again in the review screen."""
        out = list(self.problems)
        if self.timeframe_text and not self.timeframe_understood:
            out.append(
                T.PROBLEM_TIMEFRAME.format(text=self.timeframe_text, note=self.timeframe_note)
            )
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "lead_unit": self.lead_unit,
            "cooperating_units": list(self.cooperating_units),
            "timeframe_text": self.timeframe_text,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "parent": self.parent,
            "is_group": self.is_group,
            "co_lead_units": self.co_lead_units,
            "recurrence": self.recurrence.value,
            "timeframe_understood": self.timeframe_understood,
            "content": self.content,
            "group": self.group_name,
            "source": self.source,
            "problems": self.review_problems(),
        }


@dataclass
class ParsedIndicator:
    """An indicator (chỉ tiêu) with its milestone targets as printed."""

    code: str
    name: str
    measure_unit: MeasureUnit = MeasureUnit.PERCENT
    comparator: Comparator = Comparator.GE
    targets: dict[int, str] = field(default_factory=dict)
    lead_units: list[str] = field(default_factory=list)
    cooperating_units: list[str] = field(default_factory=list)
    group_name: str = ""
    source: str = ""
    problems: list[str] = field(default_factory=list)
    selected: bool = True

    @property
    def lead_unit(self) -> str | None:
        return self.lead_units[0] if self.lead_units else None

    @property
    def unit_label(self) -> str:
        return MEASURE_LABELS[self.measure_unit]

    def parsed_targets(self) -> dict[int, ParsedTarget]:
        """Targets that can be read (unreadable cells are left out)."""
        out: dict[int, ParsedTarget] = {}
        for year, raw in sorted(self.targets.items()):
            try:
                out[year] = parse_target(raw)
            except ParseError:
                continue
        return out

    def bad_targets(self) -> dict[int, str]:
        """Target cells that ``parse_target`` cannot read."""
        bad: dict[int, str] = {}
        for year, raw in self.targets.items():
            try:
                parse_target(raw)
            except ParseError:
                bad[year] = raw
        return bad

    def review_problems(self) -> list[str]:
        out = list(self.problems)
        if not self.targets:
            out.append(T.PROBLEM_NO_TARGET)
        for year, raw in sorted(self.bad_targets().items()):
            out.append(T.WARN_BAD_TARGET.format(code=self.code, year=year, text=raw))
        return out

    def to_json(self) -> dict[str, Any]:
        values: dict[str, float | bool | None] = {}
        for year, target in self.parsed_targets().items():
            values[str(year)] = (
                target.yes if target.comparator is Comparator.YESNO else target.value
            )
        return {
            "code": self.code,
            "name": self.name,
            "unit": self.unit_label,
            "comparator": domain_texts.label(self.comparator),
            "targets": {str(year): raw for year, raw in sorted(self.targets.items())},
            "lead_unit": self.lead_unit,
            "lead_units": list(self.lead_units),
            "cooperating_units": list(self.cooperating_units),
            "target_values": values,
            "group": self.group_name,
            "source": self.source,
            "problems": self.review_problems(),
        }


@dataclass
class ReportingRule:
    """A reporting obligation stated in the organisation part.

    ``frequencies`` are the recurrences named ("hằng tháng", "3 tháng" =
    quarterly, "6 tháng", "1 năm"/"hằng năm"); ``day`` is the day of the
    month of "trước ngày 15 hằng tháng" (None when not stated). ``who`` says
    whose deadline a monthly day is: "units" (the units report to the
    commune: "Các đơn vị ... báo cáo ... trước ngày 15 hằng tháng") or
    "commune" (the compiling office sends the commune's report: "... tổng
    hợp, báo cáo ... trước ngày 18 hằng tháng"); "" otherwise.
    """

    text: str
    frequencies: list[Recurrence] = field(default_factory=list)
    day: int | None = None
    who: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "frequencies": [f.value for f in self.frequencies],
            "day": self.day,
            "who": self.who or None,
        }


@dataclass
class ParsedPlan:
    """Everything read from one plan file."""

    source_name: str = ""
    title: str = ""
    number: str = ""
    issued_on: dt.date | None = None
    issuer: str = ""
    tasks: list[ParsedTask] = field(default_factory=list)
    indicators: list[ParsedIndicator] = field(default_factory=list)
    reporting: list[ReportingRule] = field(default_factory=list)
    warnings: list[PlanWarning] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    reference_year: int | None = None

    def task(self, code: str) -> ParsedTask | None:
        for task in self.tasks:
            if task.code == code:
                return task
        return None

    def indicator(self, code: str) -> ParsedIndicator | None:
        for indicator in self.indicators:
            if indicator.code == code:
                return indicator
        return None

    def children(self, code: str | None) -> list[ParsedTask]:
        return [t for t in self.tasks if t.parent == code]

    def unit_names(self) -> list[str]:
        """Every unit name used by a task or an indicator, first use first."""
        seen: dict[str, None] = {}
        for task in self.tasks:
            for name in (*task.lead_units, *task.cooperating_units):
                seen.setdefault(name, None)
        for indicator in self.indicators:
            for name in (*indicator.lead_units, *indicator.cooperating_units):
                seen.setdefault(name, None)
        return list(seen)

    def reporting_days(self) -> tuple[int | None, int | None]:
        """(units' monthly day, commune's monthly day) stated by the plan."""
        units = next((r.day for r in self.reporting if r.who == "units" and r.day), None)
        commune = next((r.day for r in self.reporting if r.who == "commune" and r.day), None)
        return units, commune

    def blocking_warnings(self) -> list[PlanWarning]:
        return [w for w in self.warnings if w.blocking]

    def to_json(self) -> dict[str, Any]:
        """The shape printed by ``import-plan --format json``."""
        return {
            "source": self.source_name,
            "plan": {
                "title": self.title,
                "number": self.number,
                "issued_on": self.issued_on.isoformat() if self.issued_on else None,
                "issuer": self.issuer,
                "parts": list(self.parts),
            },
            "tasks": [t.to_json() for t in self.tasks],
            "indicators": [i.to_json() for i in self.indicators],
            "reporting": [r.to_json() for r in self.reporting],
            "warnings": [w.to_json() for w in self.warnings],
        }
