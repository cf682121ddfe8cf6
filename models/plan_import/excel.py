"""The Excel way in: a template to fill, and reading it (or a province's sheet) back.

``write_template(path, unit_names=...)`` writes a workbook with a
Vietnamese instructions sheet (with an example of each sheet), the sheets
"Nhiệm vụ" and "Chỉ tiêu" with their header rows, drop-down lists (data
validation) of the commune's units, units of measure and comparators, and a
"Danh mục" sheet holding those lists.

``import_workbook(path)`` reads any workbook whose sheets have a recognisable
header row — the template, or a sheet sent by the province with other
column titles, another column order, a title above the table and header
cells merged over two rows. Rules:

* Columns are found by their titles, never by position ("Mã nhiệm vụ"/"STT"/
  "TT", "Tên nhiệm vụ"/"Nội dung", "Cơ quan chủ trì"/"Đơn vị chủ trì", "Thời
  gian thực hiện", "2025"...); a missing required column (the name; for
  indicators also a year) is reported for the sheet.
* A cell covered by a merged range takes the value of the range (a lead unit
  merged down several rows applies to each). A row whose code is a Roman
  numeral, or whose only text is merged across the row, is a group; numbers
  that start again in each group get the group in their code ("I.1").
* Values: numbers with a Vietnamese decimal comma ("85,5") or dot, percents
  stored as fractions by Excel (0.855 shown as 85,5%), dates stored as
  dates (a date in the time column is "Trước ngày dd/mm/yyyy") or typed
  as text; codes that Excel turned into numbers (1.1) are written back.
* Every problem is reported with sheet, row, column and reason in
  Vietnamese. Row errors are ``blocking``: the row is left out of
  ``WorkbookImport.plan``, which holds only the clean rows; the caller
  imports nothing while ``errors`` is not empty unless the user chooses to
  import the clean rows only. Notes (a time frame not understood, a date read
  as a deadline) do not block.

Qt-free; any thread.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.enums import Comparator
from models.errors import ParseError
from models.numbers import format_number, parse_target
from models.plan_import import texts as T
from models.plan_import.model import (
    MEASURE_LABELS,
    ParsedIndicator,
    ParsedPlan,
    ParsedTask,
    PlanWarning,
    guess_comparator,
    guess_measure,
    measure_from_label,
)
from models.plan_import.tables import Col, map_header, roman_value
from models.plan_import.text_source import to_roman
from models.plan_import.units import UnitVocabulary, split_units
from models.textutil import fold, normalize_spaces
from models.timeframe import parse_timeframe

__all__ = ["WorkbookImport", "import_workbook", "write_template", "YEARS"]

YEARS = (2025, 2030, 2035, 2040, 2045)
COMPARATOR_CHOICES = ("≥", "≤", "=", "x")

_CODE = "code"
_CONTENT = "content"
_GROUP = "group"
_COMPARATOR = "comparator"


# ---------------------------------------------------------------------------
# Template
# ---------------------------------------------------------------------------


def write_template(path: str | Path, *, unit_names: Sequence[str] = ()) -> Path:
    """Write the import template (see the module docstring); returns the path."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    target = Path(path)
    book = Workbook()
    guide = book.active
    assert guide is not None
    guide.title = T.XL_SHEET_GUIDE
    tasks = book.create_sheet(T.XL_SHEET_TASKS)
    indicators = book.create_sheet(T.XL_SHEET_INDICATORS)
    lists = book.create_sheet(T.XL_SHEET_LISTS)

    bold = Font(name="Times New Roman", bold=True, size=12)
    normal = Font(name="Times New Roman", size=12)
    example_font = Font(name="Times New Roman", size=12, italic=True, color="555555")
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")

    units = [normalize_spaces(u) for u in unit_names if normalize_spaces(u)]
    unit1 = units[0] if units else ""
    unit2 = units[1] if len(units) > 1 else unit1

    # -- lists ----------------------------------------------------------------------------
    lists["A1"], lists["B1"], lists["C1"] = (
        T.XL_LIST_UNITS,
        T.XL_LIST_MEASURES,
        T.XL_LIST_COMPARATORS,
    )
    for cell in lists[1]:
        cell.font, cell.fill = bold, header_fill
    for index, name in enumerate(units or [T.XL_NO_UNITS_HINT], start=2):
        lists.cell(row=index, column=1, value=name).font = normal
    measures = [MEASURE_LABELS[m] for m in MEASURE_LABELS if m.value != "other"]
    for index, label in enumerate(measures, start=2):
        lists.cell(row=index, column=2, value=label).font = normal
    for index, symbol in enumerate(COMPARATOR_CHOICES, start=2):
        lists.cell(row=index, column=3, value=symbol).font = normal
    lists.column_dimensions["A"].width = 50
    lists.column_dimensions["B"].width = 16
    lists.column_dimensions["C"].width = 12
    unit_range = f"'{T.XL_SHEET_LISTS}'!$A$2:$A${len(units) + 1 if units else 2}"
    measure_range = f"'{T.XL_SHEET_LISTS}'!$B$2:$B${len(measures) + 1}"
    comparator_range = f"'{T.XL_SHEET_LISTS}'!$C$2:$C${len(COMPARATOR_CHOICES) + 1}"

    def header(sheet: Any, titles: Sequence[str], widths: Sequence[int]) -> None:
        for column, (title, width) in enumerate(zip(titles, widths, strict=True), start=1):
            cell = sheet.cell(row=1, column=column, value=title)
            cell.font, cell.fill, cell.border = bold, header_fill, box
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
            sheet.column_dimensions[get_column_letter(column)].width = width
        sheet.freeze_panes = "A2"
        sheet.row_dimensions[1].height = 36

    def validation(sheet: Any, formula: str, cells: str, *, prompt: str, strict: bool) -> None:
        rule = DataValidation(type="list", formula1=f"={formula}", allow_blank=True)
        rule.error = prompt
        rule.errorTitle = T.XL_VALIDATION_TITLE
        rule.prompt = prompt
        rule.showErrorMessage = True
        rule.errorStyle = "stop" if strict else "warning"
        sheet.add_data_validation(rule)
        rule.add(cells)

    # -- tasks -------------------------------------------------------------------------------
    header(tasks, T.XL_TASK_HEADERS, (12, 50, 50, 30, 30, 26, 30))
    for column in "ABCDEFG":
        tasks.column_dimensions[column].alignment = wrap
    tasks.column_dimensions["A"].number_format = "@"
    last = 1000
    validation(tasks, unit_range, f"D2:D{last}", prompt=T.XL_VALIDATION_UNIT, strict=False)
    validation(tasks, unit_range, f"E2:E{last}", prompt=T.XL_VALIDATION_UNIT, strict=False)
    for row in range(2, 202):
        tasks.cell(row=row, column=1).number_format = "@"

    # -- indicators -------------------------------------------------------------------------------
    titles = [
        *T.XL_INDICATOR_HEADERS_BEFORE,
        *(T.XL_TARGET_HEADER.format(year=y) for y in YEARS),
        *T.XL_INDICATOR_HEADERS_AFTER,
    ]
    header(indicators, titles, (10, 50, 26, 14, 10, 10, 10, 10, 10, 10, 30, 30))
    for row in range(2, 202):
        for column in (1, *range(6, 6 + len(YEARS))):
            indicators.cell(row=row, column=column).number_format = "@"
    validation(
        indicators, measure_range, f"D2:D{last}", prompt=T.XL_VALIDATION_MEASURE, strict=True
    )
    validation(
        indicators, comparator_range, f"E2:E{last}", prompt=T.XL_VALIDATION_COMPARATOR, strict=True
    )
    unit_columns = [get_column_letter(6 + len(YEARS)), get_column_letter(7 + len(YEARS))]
    for letter in unit_columns:
        validation(
            indicators,
            unit_range,
            f"{letter}2:{letter}{last}",
            prompt=T.XL_VALIDATION_UNIT,
            strict=False,
        )

    # -- guide with examples ------------------------------------------------------------------------
    guide.column_dimensions["A"].width = 14
    for column in "BCDEFGHIJKL":
        guide.column_dimensions[column].width = 18
    guide["A1"] = T.XL_TITLE
    guide["A1"].font = Font(name="Times New Roman", bold=True, size=14)
    row = 3
    for line in T.XL_GUIDE_LINES:
        guide.cell(row=row, column=1, value=line).font = normal
        guide.merge_cells(start_row=row, start_column=1, end_row=row, end_column=8)
        guide.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        guide.row_dimensions[row].height = 17 * (1 + len(line) // 120)
        row += 1

    def example(title: str, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
        nonlocal row
        row += 1
        guide.cell(row=row, column=1, value=title).font = bold
        row += 1
        for column, text in enumerate(headers, start=1):
            cell = guide.cell(row=row, column=column, value=text)
            cell.font, cell.fill, cell.border = bold, header_fill, box
            cell.alignment = wrap
        for values in rows:
            row += 1
            for column, text in enumerate(values, start=1):
                cell = guide.cell(row=row, column=column, value=text)
                cell.font, cell.border, cell.alignment = example_font, box, wrap
            guide.row_dimensions[row].height = 48
        row += 1

    fill = {"unit1": unit1, "unit2": unit2}
    example(
        T.XL_EXAMPLE_TITLE.format(sheet=T.XL_SHEET_TASKS),
        T.XL_TASK_HEADERS,
        ([value.format(**fill) for value in values] for values in T.XL_EXAMPLE_TASKS),
    )
    example(
        T.XL_EXAMPLE_TITLE.format(sheet=T.XL_SHEET_INDICATORS),
        titles,
        (
            [
                code,
                name,
                group,
                measure,
                comparator,
                *targets,
                lead.format(**fill),
                coop.format(**fill),
            ]
            for code, name, group, measure, comparator, targets, lead, coop in T.XL_EXAMPLE_INDICATORS
        ),
    )
    for sheet in book.worksheets:
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
    book.active = 1
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


@dataclass
class WorkbookImport:
    """What was read from a workbook: the clean rows, and every problem."""

    plan: ParsedPlan
    errors: list[PlanWarning] = field(default_factory=list)
    notes: list[PlanWarning] = field(default_factory=list)
    rows_total: int = 0
    rows_bad: int = 0


@dataclass(frozen=True)
class _Column:
    key: str  # a Col value, or _CODE/_CONTENT/_GROUP/_COMPARATOR
    index: int  # 1-based column number
    header: str
    year: int | None = None


def _column_key(header: str) -> tuple[str, int | None] | None:
    key = fold(normalize_spaces(header)).strip(" .:*")
    if not key:
        return None
    if re.match(r"^(?:ma|ma so|ma nhiem vu|ma chi tieu|ma so nhiem vu|so hieu)\b", key):
        return _CODE, None
    if re.match(r"^(?:so sanh|toan tu|dieu kien|cach so sanh)\b", key):
        return _COMPARATOR, None
    if re.match(r"^(?:nhom|linh vuc|nhom nhiem vu|nhom chi tieu)\b", key):
        return _GROUP, None
    if re.match(r"^(?:mo ta|noi dung chi tiet|dien giai)\b", key):
        return _CONTENT, None
    found = map_header([header])[0]
    if found is None:
        return None
    if found.kind is Col.STT:
        return _CODE, None
    return found.kind.value, found.year


def _cell_text(value: Any, *, number_format: str = "General") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int | float):
        number = float(value)
        if "%" in (number_format or ""):
            return format_number(round(number * 100, 6)) + "%"
        if number.is_integer() and abs(number) < 10000:
            return str(int(number))  # a year or a small count, no grouping dot
        return format_number(number)
    return normalize_spaces(str(value))


def _code_text(value: Any) -> str:
    """A code as typed: Excel turns "1.1" into the number 1.1."""
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    if isinstance(value, int):
        return str(value)
    return normalize_spaces(str(value or "")).rstrip(".")


_CODE_FORM = re.compile(r"^[0-9A-Za-zĐđ]{1,8}(?:[.\-][0-9A-Za-zĐđ]{1,8}){0,5}$")


class _Sheet:
    """One worksheet with its merged ranges resolved."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.name: str = sheet.title
        self.merged: dict[tuple[int, int], tuple[int, int]] = {}
        self.spans: dict[tuple[int, int], int] = {}
        for merged in sheet.merged_cells.ranges:
            top, left = merged.min_row, merged.min_col
            self.spans[(top, left)] = merged.max_col - merged.min_col + 1
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    self.merged[(r, c)] = (top, left)

    @property
    def max_row(self) -> int:
        return int(self.sheet.max_row or 0)

    @property
    def max_column(self) -> int:
        return int(self.sheet.max_column or 0)

    def raw(self, row: int, column: int) -> Any:
        r, c = self.merged.get((row, column), (row, column))
        return self.sheet.cell(row=r, column=c).value

    def text(self, row: int, column: int) -> str:
        r, c = self.merged.get((row, column), (row, column))
        cell = self.sheet.cell(row=r, column=c)
        return _cell_text(cell.value, number_format=cell.number_format)

    def row_texts(self, row: int) -> list[str]:
        return [self.text(row, c) for c in range(1, self.max_column + 1)]

    def merged_across(self, row: int) -> bool:
        """True when one merged cell spans most of the row (a group or title row)."""
        return any(
            r == row and span >= max(2, self.max_column // 2)
            for (r, _c), span in self.spans.items()
        )


def _find_header(sheet: _Sheet) -> tuple[int, int, list[_Column]] | None:
    """(first header row, last header row, columns) of the table on ``sheet``."""
    for row in range(1, min(sheet.max_row, 15) + 1):
        texts = sheet.row_texts(row)
        keys = [_column_key(t) for t in texts]
        kinds = {k[0] for k in keys if k is not None}
        if Col.NAME.value not in kinds or len(kinds) < 2:
            continue
        last = row
        below = sheet.row_texts(row + 1) if row < sheet.max_row else []
        below_keys = [_column_key(t) if t else None for t in below]
        if (
            below
            and any(k is not None and k[0] == Col.YEAR.value for k in below_keys)
            and all(not t or k is not None for t, k in zip(below, below_keys, strict=True))
        ):
            last = row + 1
            texts = [
                normalize_spaces(f"{a} {b}") if a != b else a
                for a, b in zip(texts, below, strict=True)
            ]
            # A year under a merged "Mục tiêu" cell is that year's column.
            keys = []
            for top, low in zip(sheet.row_texts(row), below, strict=True):
                low_key = _column_key(low) if low else None
                if low_key is not None and low_key[0] == Col.YEAR.value:
                    keys.append(low_key)
                else:
                    keys.append(_column_key(f"{top} {low}" if top != low else top))
        columns: list[_Column] = []
        seen: set[str] = set()
        for index, (text, key) in enumerate(zip(texts, keys, strict=True), start=1):
            if key is None:
                continue
            kind, year = key
            if kind == Col.NAME.value and Col.NAME.value in seen:
                kind = _CONTENT  # "Tên nhiệm vụ" then "Nội dung"
            if kind != Col.YEAR.value and kind in seen:
                continue
            seen.add(kind)
            columns.append(_Column(kind, index, text, year))
        return row, last, columns
    return None


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


class _Reader:
    def __init__(
        self, result: WorkbookImport, vocabulary: UnitVocabulary, reference_year: int | None
    ) -> None:
        self.result = result
        self.vocabulary = vocabulary
        self.reference_year = reference_year
        self.task_codes: set[str] = set()
        self.indicator_codes: set[str] = set()

    def error(self, sheet: str, row: int, column: _Column | None, reason: str) -> None:
        where = (
            T.XL_ERROR_LINE.format(
                sheet=sheet, row=row, column=f"{_letter(column.index)} ({column.header})", reason=""
            )
            if column is not None
            else T.XL_ERROR_LINE_NO_COLUMN.format(sheet=sheet, row=row, reason="")
        ).rstrip(": ")
        self.result.errors.append(
            PlanWarning(
                reason,
                where=where,
                sheet=sheet,
                row=row,
                column=_letter(column.index) if column is not None else None,
                blocking=True,
            )
        )

    def note(self, sheet: str, row: int | None, column: _Column | None, reason: str) -> None:
        if row is None:
            where = T.XL_ERROR_LINE_SHEET.format(sheet=sheet, reason="").rstrip(": ")
        elif column is not None:
            where = T.XL_ERROR_LINE.format(
                sheet=sheet, row=row, column=f"{_letter(column.index)} ({column.header})", reason=""
            ).rstrip(": ")
        else:
            where = T.XL_ERROR_LINE_NO_COLUMN.format(sheet=sheet, row=row, reason="").rstrip(": ")
        self.result.notes.append(
            PlanWarning(
                reason,
                where=where,
                sheet=sheet,
                row=row,
                column=_letter(column.index) if column is not None else None,
            )
        )

    # -- one sheet ------------------------------------------------------------------------------
    def read(self, sheet: _Sheet) -> None:
        found = _find_header(sheet)
        if found is None:
            return
        first, last, columns = found
        by_key = {c.key: c for c in columns if c.key != Col.YEAR.value}
        years = [c for c in columns if c.key == Col.YEAR.value]
        is_indicators = bool(years) or Col.MEASURE.value in by_key or _COMPARATOR in by_key
        if is_indicators and not years:
            self.result.errors.append(
                PlanWarning(
                    T.XL_MISSING_COLUMN.format(column="2025, 2030...", row=first),
                    where=T.XL_ERROR_LINE_SHEET.format(sheet=sheet.name, reason="").rstrip(": "),
                    sheet=sheet.name,
                    row=first,
                    blocking=True,
                )
            )
            return
        records = self._rows(sheet, last + 1, columns)
        if not records:
            self.note(sheet.name, None, None, T.XL_NO_ROWS)
            return
        if is_indicators:
            self._indicators(sheet, records, by_key, years)
        else:
            self._tasks(sheet, records, by_key)

    def _rows(
        self, sheet: _Sheet, start: int, columns: list[_Column]
    ) -> list[tuple[int, dict[str, Any]]]:
        out: list[tuple[int, dict[str, Any]]] = []
        for row in range(start, sheet.max_row + 1):
            values: dict[str, Any] = {}
            for column in columns:
                key = column.key if column.key != Col.YEAR.value else f"year:{column.year}"
                if column.key == _CODE:
                    values[key] = _code_text(sheet.raw(row, column.index))
                elif column.key == Col.TIME.value:
                    raw = sheet.raw(row, column.index)
                    if isinstance(raw, dt.date | dt.datetime):
                        day = raw.strftime("%d/%m/%Y")
                        values[key] = f"Trước ngày {day}"
                        self.note(sheet.name, row, column, T.XL_DATE_AS_DEADLINE.format(date=day))
                    else:
                        values[key] = sheet.text(row, column.index)
                else:
                    values[key] = sheet.text(row, column.index)
            values["_merged_across"] = sheet.merged_across(row)
            if any(v for k, v in values.items() if not k.startswith("_")):
                out.append((row, values))
        return out

    @staticmethod
    def _group_row(values: dict[str, Any]) -> bool:
        code = str(values.get(_CODE, ""))
        if roman_value(code.upper()) is not None and code.isupper():
            return True
        if values.get("_merged_across"):
            return True
        return bool(re.match(r"^(?:thu|phan) ", fold(code)))

    # -- tasks ----------------------------------------------------------------------------------
    def _tasks(
        self, sheet: _Sheet, records: list[tuple[int, dict[str, Any]]], by_key: dict[str, _Column]
    ) -> None:
        name_col = by_key.get(Col.NAME.value)
        code_col = by_key.get(_CODE)
        if name_col is None:
            return
        plain_numbers = [
            v.get(_CODE, "") for _r, v in records if re.fullmatch(r"\d+", str(v.get(_CODE, "")))
        ]
        restart = len(plain_numbers) != len(set(plain_numbers))
        group_code: str | None = None
        group_title = ""
        counter = 0
        rows_by_code: dict[str, int] = {}
        parsed: list[tuple[int, ParsedTask]] = []
        for row, values in records:
            self.result.rows_total += 1
            name = values.get(Col.NAME.value, "")
            code = values.get(_CODE, "")
            if self._group_row(values):
                label = (
                    code.upper()
                    if roman_value(code.upper()) is not None
                    else to_roman(
                        (roman_value(group_code.split(".")[-1]) or 0) + 1 if group_code else 1
                    )
                )
                group_code = label
                group_title = name or code
                if label in rows_by_code:
                    self.error(
                        sheet.name,
                        row,
                        code_col,
                        T.XL_DUPLICATE.format(code=label, row=rows_by_code[label]),
                    )
                    self.result.rows_bad += 1
                    continue
                rows_by_code[label] = row
                parsed.append(
                    (
                        row,
                        ParsedTask(code=label, title=group_title, is_group=True, source=sheet.name),
                    )
                )
                continue
            bad = False
            if not name:
                self.error(sheet.name, row, name_col, T.XL_EMPTY_NAME)
                bad = True
            if not code:
                if code_col is not None:
                    self.error(sheet.name, row, code_col, T.XL_EMPTY_CODE)
                    bad = True
                counter += 1
                code = str(counter)
            elif not _CODE_FORM.match(code):
                self.error(sheet.name, row, code_col, T.XL_BAD_CODE.format(code=code))
                bad = True
            if restart and group_code is not None and re.fullmatch(r"\d+", code):
                code = f"{group_code}.{code}"
            if code in rows_by_code:
                self.error(
                    sheet.name,
                    row,
                    code_col,
                    T.XL_DUPLICATE.format(code=code, row=rows_by_code[code]),
                )
                bad = True
            timeframe = values.get(Col.TIME.value, "")
            if timeframe:
                reading = parse_timeframe(timeframe, reference_year=self.reference_year)
                if not reading.understood:
                    self.note(
                        sheet.name,
                        row,
                        by_key.get(Col.TIME.value),
                        T.XL_TIMEFRAME.format(text=timeframe, note=reading.note),
                    )
            if bad:
                self.result.rows_bad += 1
                continue
            rows_by_code[code] = row
            parent = None
            if "." in code:
                head = code.rsplit(".", 1)[0]
                parent = head
            elif group_code is not None:
                parent = group_code
            task = ParsedTask(
                code=code,
                title=name,
                content=values.get(_CONTENT, "") or values.get(Col.NOTE.value, ""),
                parent=parent,
                lead_units=split_units(values.get(Col.LEAD.value, ""), self.vocabulary),
                cooperating_units=split_units(values.get(Col.COOP.value, ""), self.vocabulary),
                timeframe_text=normalize_spaces(timeframe).rstrip(" ."),
                expected_output=values.get(Col.OUTPUT.value, ""),
                group_name=values.get(_GROUP, "") or group_title,
                source=sheet.name,
            )
            parsed.append((row, task))
        codes = {t.code for _r, t in parsed}
        for row, task in parsed:
            if task.parent is not None and task.parent not in codes:
                if group_code is None or not task.parent.startswith(group_code or ""):
                    self.note(
                        sheet.name,
                        row,
                        code_col,
                        T.XL_NO_PARENT.format(parent=task.parent, code=task.code),
                    )
                task.parent = None
            if task.code in self.task_codes:
                continue
            self.task_codes.add(task.code)
            self.result.plan.tasks.append(task)

    # -- indicators ----------------------------------------------------------------------------------------
    def _indicators(
        self,
        sheet: _Sheet,
        records: list[tuple[int, dict[str, Any]]],
        by_key: dict[str, _Column],
        years: list[_Column],
    ) -> None:
        name_col = by_key.get(Col.NAME.value)
        code_col = by_key.get(_CODE)
        if name_col is None:
            return
        plain_numbers = [
            v.get(_CODE, "") for _r, v in records if re.fullmatch(r"\d+", str(v.get(_CODE, "")))
        ]
        restart = len(plain_numbers) != len(set(plain_numbers))
        group_code: str | None = None
        group_title = ""
        counter = 0
        rows_by_code: dict[str, int] = {}
        for row, values in records:
            if self._group_row(values) and not any(values.get(f"year:{c.year}") for c in years):
                group_code = values.get(_CODE, "").upper() or to_roman(
                    (roman_value(group_code or "") or 0) + 1
                )
                group_title = values.get(Col.NAME.value, "") or values.get(_CODE, "")
                continue
            self.result.rows_total += 1
            bad = False
            name = values.get(Col.NAME.value, "")
            code = values.get(_CODE, "")
            if not name:
                self.error(sheet.name, row, name_col, T.XL_EMPTY_NAME)
                bad = True
            if not code:
                if code_col is not None:
                    self.error(sheet.name, row, code_col, T.XL_EMPTY_CODE)
                    bad = True
                counter += 1
                code = str(counter)
            elif not _CODE_FORM.match(code):
                self.error(sheet.name, row, code_col, T.XL_BAD_CODE.format(code=code))
                bad = True
            if restart and group_code is not None and re.fullmatch(r"\d+", code):
                code = f"{group_code}.{code}"
            if code in rows_by_code:
                self.error(
                    sheet.name,
                    row,
                    code_col,
                    T.XL_DUPLICATE.format(code=code, row=rows_by_code[code]),
                )
                bad = True
            targets: dict[int, str] = {}
            for column in years:
                text = values.get(f"year:{column.year}", "")
                if not text or text in ("-", "–"):
                    continue
                try:
                    parse_target(text)
                except ParseError:
                    self.error(sheet.name, row, column, T.XL_BAD_TARGET.format(text=text))
                    bad = True
                    continue
                if column.year is not None:
                    targets[column.year] = text
            measure_text = values.get(Col.MEASURE.value, "")
            measure = measure_from_label(measure_text) if measure_text else None
            if measure_text and measure is None:
                self.error(
                    sheet.name,
                    row,
                    by_key.get(Col.MEASURE.value),
                    T.XL_BAD_MEASURE.format(text=measure_text),
                )
                bad = True
            comparator_text = values.get(_COMPARATOR, "")
            comparator = _comparator_from(comparator_text) if comparator_text else None
            if comparator_text and comparator is None:
                self.error(
                    sheet.name,
                    row,
                    by_key.get(_COMPARATOR),
                    T.XL_BAD_COMPARATOR.format(text=comparator_text),
                )
                bad = True
            if bad:
                self.result.rows_bad += 1
                continue
            rows_by_code[code] = row
            measure = measure or guess_measure(name, targets.values())
            if comparator is Comparator.YESNO:
                from models.enums import MeasureUnit

                measure = MeasureUnit.YESNO
            indicator = ParsedIndicator(
                code=code,
                name=name,
                measure_unit=measure,
                comparator=comparator or guess_comparator(measure, targets.values()),
                targets=dict(sorted(targets.items())),
                lead_units=split_units(values.get(Col.LEAD.value, ""), self.vocabulary),
                cooperating_units=split_units(values.get(Col.COOP.value, ""), self.vocabulary),
                group_name=values.get(_GROUP, "") or group_title,
                source=sheet.name,
            )
            if code in self.indicator_codes:
                continue
            self.indicator_codes.add(code)
            self.result.plan.indicators.append(indicator)


def _comparator_from(text: str) -> Comparator | None:
    key = fold(normalize_spaces(text))
    table = {
        "≥": Comparator.GE, ">=": Comparator.GE, ">": Comparator.GE, "tren": Comparator.GE,
        "toi thieu": Comparator.GE, "≤": Comparator.LE, "<=": Comparator.LE, "<": Comparator.LE,
        "duoi": Comparator.LE, "toi da": Comparator.LE, "=": Comparator.EQ, "bang": Comparator.EQ,
        "x": Comparator.YESNO, "co/khong": Comparator.YESNO,
    }  # fmt: skip
    return table.get(key)


def import_workbook(
    path: str | Path, *, known_units: Iterable[str] = (), reference_year: int | None = None
) -> WorkbookImport:
    """Read the tasks and indicators of a workbook (see the module rules)."""
    file = Path(path)
    if not file.is_file():
        raise ParseError(T.FILE_MISSING.format(path=file))
    if file.suffix.lower() == ".xls":
        raise ParseError(T.FILE_OLD_EXCEL.format(name=file.name))
    try:
        from openpyxl import load_workbook

        book = load_workbook(str(file), data_only=True)
    except Exception as exc:  # noqa: BLE001 - not a workbook, or a damaged one (zip, XML, styles)
        from models.texts import FILE_DAMAGED_REASON

        raise ParseError(
            T.XL_NOT_WORKBOOK.format(name=file.name, reason=FILE_DAMAGED_REASON),
            detail=f"{exc.__class__.__name__}: {exc}",
        ) from None
    plan = ParsedPlan(source_name=file.name, reference_year=reference_year)
    result = WorkbookImport(plan=plan)
    reader = _Reader(result, UnitVocabulary.with_builtin(known_units), reference_year)
    skip = {fold(T.XL_SHEET_GUIDE), fold(T.XL_SHEET_LISTS)}
    recognised = False
    for worksheet in book.worksheets:
        if fold(worksheet.title) in skip:
            continue
        sheet = _Sheet(worksheet)
        if _find_header(sheet) is not None:
            recognised = True
        reader.read(sheet)
    if not recognised:
        raise ParseError(T.XL_NO_SHEET.format(name=file.name))
    for task in plan.tasks:
        task.is_group = task.is_group or any(t.parent == task.code for t in plan.tasks)
        task.refresh_timeframe(reference_year=reference_year)
    plan.parts = [ws.title for ws in book.worksheets if fold(ws.title) not in skip]
    plan.warnings = [*result.errors, *result.notes]
    return result
