"""Write the appendix tables of an ``AdminDocument`` as Excel sheets (openpyxl).

One sheet per appendix ("Phụ lục I - Nhiệm vụ", "Phụ lục II - Chỉ tiêu"):
title rows (appendix label, title, the italic reference line), the header
rows with merged cells as in the printed table, the column-number row, then
the data. Numbers stay numbers with a number format (``0.0``, ``0%``) so a
user can compute with them; text wraps; every cell of the table is bordered;
the header is frozen; the page is A4 landscape, fitted to one page wide,
with the header rows repeated on every printed page.

``render_xlsx`` is pure (no database, no Qt); any thread may call it.
"""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.worksheet import Worksheet

from models.version import program_version
from reports import layout
from reports.document import AdminDocument, Appendix, DataRow, GroupRow
from reports.fonts import DOCX_FONT_NAME

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_INVALID_SHEET_CHARS = str.maketrans({c: "-" for c in "[]:*?/\\"})


def sheet_title(name: str) -> str:
    """A valid Excel sheet name (31 characters, no ``[]:*?/\\``)."""
    return name.translate(_INVALID_SHEET_CHARS)[:31]


# The workbook's default font is Times New Roman 12 pt, whose digits are
# 8 px wide at 96 dpi: a column ``w`` characters wide is ``6 w`` points.
_POINTS_PER_CHAR = 6.0


def _excel_width(width_mm: float) -> float:
    """Excel column width (characters of the default font) for millimetres."""
    return round(width_mm * 72 / 25.4 / _POINTS_PER_CHAR, 1)


def _column_points(width_chars: float) -> float:
    """Usable text width in points of a column ``width_chars`` wide."""
    return max(10.0, width_chars * _POINTS_PER_CHAR - 5)


def _lines(text: str, width_pt: float, size: float, *, bold: bool = False) -> int:
    count = 0
    for part in str(text).split("\n"):
        count += len(layout.wrap_lines(part, width_pt, size, bold=bold))
    return max(1, count)


def _write_appendix(ws: Worksheet, appendix: Appendix) -> None:
    spec = appendix.table
    n = len(spec.columns)
    size = spec.font_size
    font = Font(name=DOCX_FONT_NAME, size=size)
    bold = Font(name=DOCX_FONT_NAME, size=size, bold=True)
    italic = Font(name=DOCX_FONT_NAME, size=size - 1, italic=True)
    wrap_top = {
        a: Alignment(horizontal=a if a != "justify" else "left", vertical="top", wrap_text=True)
        for a in ("left", "center", "right", "justify")
    }
    center_mid = Alignment(horizontal="center", vertical="center", wrap_text=True)

    last_col = get_column_letter(n)
    widths = [column.excel_width or _excel_width(column.width_mm) for column in spec.columns]
    points = [_column_points(w) for w in widths]
    line_pt = size * 1.18

    def height(lines: int) -> float:
        return round(lines * line_pt + 4, 1)

    titles = [
        (appendix.label, Font(name=DOCX_FONT_NAME, size=14, bold=True)),
        (appendix.title, Font(name=DOCX_FONT_NAME, size=14, bold=True)),
        (appendix.reference, Font(name=DOCX_FONT_NAME, size=13, italic=True)),
    ]
    for r, (text, title_font) in enumerate(titles, start=1):
        ws.merge_cells(f"A{r}:{last_col}{r}")
        cell = ws.cell(row=r, column=1, value=text)
        cell.font = title_font
        cell.alignment = center_mid
    ws.row_dimensions[2].height = 36 if len(appendix.title) > 90 else 20
    ws.row_dimensions[3].height = 36 if len(appendix.reference) > 110 else 20

    head_top = len(titles) + 2  # one empty row after the titles
    grid = spec.grid()
    for r, header in enumerate(grid):
        row = head_top + r
        for c in range(n):
            ws.cell(row=row, column=c + 1).border = _BORDER
        lines = 1
        for c, slot in enumerate(header):
            if slot is None:
                continue
            cell_spec, colspan, rowspan = slot
            if rowspan == 1:
                lines = max(
                    lines, _lines(cell_spec.text, sum(points[c : c + colspan]), size, bold=True)
                )
            cell = ws.cell(row=row, column=c + 1, value=cell_spec.text)
            cell.font = bold
            cell.alignment = center_mid
            if colspan > 1 or rowspan > 1:
                ws.merge_cells(
                    start_row=row,
                    start_column=c + 1,
                    end_row=row + rowspan - 1,
                    end_column=c + colspan,
                )
        ws.row_dimensions[row].height = height(lines)
    # A cell spanning several header rows must fit in their total height.
    for r, header in enumerate(grid):
        for c, slot in enumerate(header):
            if slot is None or slot[2] == 1:
                continue
            cell_spec, colspan, rowspan = slot
            need = height(_lines(cell_spec.text, sum(points[c : c + colspan]), size, bold=True))
            rows = range(head_top + r, head_top + r + rowspan)
            have = sum(ws.row_dimensions[x].height or 15 for x in rows)
            if need > have:
                last = head_top + r + rowspan - 1
                ws.row_dimensions[last].height = (
                    (ws.row_dimensions[last].height or 15) + need - have
                )
    row = head_top + len(grid)
    if spec.number_row:
        for c in range(n):
            cell = ws.cell(row=row, column=c + 1, value=f"({c + 1})")
            cell.font = italic
            cell.alignment = center_mid
            cell.border = _BORDER
        row += 1
    header_last = row - 1

    for data in spec.rows:
        if isinstance(data, GroupRow):
            label = ws.cell(row=row, column=1, value=data.label)
            label.font = bold
            label.alignment = wrap_top["center"]
            text = ws.cell(row=row, column=2, value=data.text)
            text.font = bold
            text.alignment = wrap_top["left"]
            for c in range(n):
                ws.cell(row=row, column=c + 1).border = _BORDER
            if n > 2:
                ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=n)
            ws.row_dimensions[row].height = height(
                _lines(data.text, sum(points[1:]), size, bold=True)
            )
            row += 1
            continue
        assert isinstance(data, DataRow)
        lines = 1
        for c, (column, body_cell) in enumerate(zip(spec.columns, data.cells, strict=True)):
            value = body_cell.value
            lines = max(
                lines, _lines(body_cell.display(column), points[c], size, bold=body_cell.bold)
            )
            fmt = body_cell.number_format or column.number_format
            cell = ws.cell(row=row, column=c + 1)
            if isinstance(value, int | float) and not isinstance(value, bool):
                cell.value = value
                if fmt:
                    cell.number_format = fmt
            else:
                cell.value = body_cell.display(column) or None
            cell.font = bold if body_cell.bold else font
            cell.alignment = wrap_top[body_cell.align or column.align]
            cell.border = _BORDER
        ws.row_dimensions[row].height = height(lines)
        row += 1

    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = ws.cell(row=header_last + 1, column=1)
    ws.print_title_rows = f"{head_top}:{header_last}"
    ws.page_setup.orientation = "landscape" if appendix.landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_setup.firstPageNumber = 1  # each appendix numbered on its own
    ws.page_setup.useFirstPageNumber = True
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = 30 / 25.4
    ws.page_margins.right = 15 / 25.4
    ws.page_margins.top = 20 / 25.4
    ws.page_margins.bottom = 20 / 25.4
    ws.page_margins.header = 10 / 25.4
    ws.page_margins.footer = 10 / 25.4
    ws.oddHeader.center.text = "&P"
    ws.oddHeader.center.font = f"{DOCX_FONT_NAME},Regular"
    ws.oddHeader.center.size = 13
    ws.HeaderFooter.differentFirst = True
    ws.print_area = f"A1:{last_col}{max(row - 1, header_last)}"


def render_xlsx(doc: AdminDocument, path: str | Path) -> Path:
    """Write the appendices of ``doc`` as sheets of an Excel file (atomically)."""
    doc = doc.normalized()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    wb = Workbook()
    default_font = Font(name=DOCX_FONT_NAME, size=12, family=1)
    wb._fonts = IndexedList([default_font])  # the workbook's default font
    wb._named_styles["Normal"].font = default_font
    default = wb.active
    used: set[str] = set()
    for appendix in doc.appendices:
        name = sheet_title(appendix.sheet_name)
        while name in used:
            name = sheet_title(name[:28] + f" {len(used)}")
        used.add(name)
        _write_appendix(wb.create_sheet(name), appendix)
    if doc.appendices:
        wb.remove(default)
    else:
        default.title = sheet_title(doc.type_name.title())
    wb.properties.title = doc.title or doc.summary
    wb.properties.subject = doc.summary
    wb.properties.creator = " ".join(doc.header.agency_lines)
    wb.properties.description = f"nq57-tracker {program_version()}"
    wb.properties.language = "vi-VN"
    try:
        wb.save(str(tmp))
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return target
