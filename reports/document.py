"""A renderer-neutral model of an administrative document (Decree 30/2020).

``AdminDocument`` holds what a report says and how it is organised, not how
it is drawn: the header (agency lines, number, place and date), the type
name and summary, recipients, body blocks, signature, "Nơi nhận" list and
appendices with their tables. ``reports.pdf``, ``reports.docx`` and
``reports.xlsx`` draw the same document; a commune report and a
province's consolidated report are both made of these dataclasses.

Rules the model itself carries (so every renderer writes them the same way):
- the number line is ``Số: 05/BC-UBND`` (zero-padded below 10) or, for a
  draft, ``Số:      /BC-UBND`` with the blank kept for the clerk;
- the date line is ``<Địa danh>, ngày 05 tháng 3 năm 2026`` (day padded,
  months 1 and 2 padded, 3-12 not), or blanks when the date is not set;
- every text is stored NFC.

Pure data and pure functions: any thread may use them.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from typing import Literal, cast

from models.numbers import format_number
from reports import texts

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
BLANK = " " * 6
"""Blank left for the clerk in a draft (the PDF draws it with non-breaking
spaces so it is not collapsed; Word keeps the spaces as typed)."""

Align = Literal["left", "center", "right", "justify"]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def format_day(day: int) -> str:
    """Day of a date line: padded below 10 (``05``)."""
    return f"{day:02d}"


def format_month(month: int) -> str:
    """Month of a date line: ``01``, ``02``, then ``3`` .. ``12`` (Decree 30)."""
    return f"{month:02d}" if month <= 2 else str(month)


NUMBER_BLANK = " " * 5
"""Blank for the number of a draft: with the space after "Số:" it makes the
six spaces of ``Số:      /BC-UBND``."""


def format_number_symbol(number: int | None, symbol: str) -> str:
    """``05/BC-UBND``; a draft (no number) keeps a blank: ``     /BC-UBND``."""
    if number is None:
        return f"{NUMBER_BLANK}/{symbol}"
    return f"{number:02d}/{symbol}"


def date_phrase(date: dt.date | None, *, year: int) -> str:
    """``ngày 05 tháng 3 năm 2026``; blanks for day and month when no date."""
    if date is None:
        # With the spaces around them: "ngày      tháng      năm 2026".
        return texts.DATE_PHRASE.format(day=BLANK[:4], month=BLANK[:4], year=year)
    return texts.DATE_PHRASE.format(
        day=format_day(date.day), month=format_month(date.month), year=date.year
    )


# ---------------------------------------------------------------------------
# Header, signature, recipients
# ---------------------------------------------------------------------------


@dataclass
class Header:
    """The two-column header of a document.

    ``agency_lines`` are the issuing body's name in capitals, printed bold
    (``["ỦY BAN NHÂN DÂN", "XÃ THƯỢNG HỒNG"]``); ``superior_line`` is the
    optional line above them, printed upright and not bold (a department of
    a province: ``UBND TỈNH ...`` above ``SỞ KHOA HỌC VÀ CÔNG NGHỆ``).
    """

    agency_lines: list[str]
    place: str
    year: int
    number: int | None = None
    symbol: str = "BC-UBND"
    date: dt.date | None = None
    superior_line: str | None = None
    national_name: str = NATIONAL_NAME
    motto: str = MOTTO

    @property
    def number_line(self) -> str:
        return texts.NUMBER_LINE.format(
            number_symbol=format_number_symbol(self.number, self.symbol)
        )

    @property
    def date_line(self) -> str:
        return f"{self.place}, {date_phrase(self.date, year=self.year)}"


@dataclass
class Signature:
    """The signature block: authority lines (``TM. ỦY BAN NHÂN DÂN``, then
    ``KT. CHỦ TỊCH`` when a deputy signs), title lines (``PHÓ CHỦ TỊCH``), a
    gap for signature and seal, and the signer's name (normal case)."""

    authority_lines: list[str]
    title_lines: list[str]
    name: str

    @property
    def caps_lines(self) -> list[str]:
        return [*self.authority_lines, *self.title_lines]


# ---------------------------------------------------------------------------
# Body blocks
# ---------------------------------------------------------------------------


@dataclass
class Heading:
    """``I. TIÊU ĐỀ`` (level 1, caps bold), ``1. Tiêu đề`` (level 2, bold),
    ``a) ...`` (level 3, upright, not bold). ``text`` includes the numbering."""

    level: int
    text: str


@dataclass
class Paragraph:
    """A justified body paragraph, with an optional bold lead-in."""

    text: str
    lead: str = ""
    italic: bool = False


@dataclass
class BulletList:
    """Items printed as ``- item`` paragraphs with the body indent."""

    items: list[str]


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------


@dataclass
class Column:
    """A table column: title for the header, width in millimetres, alignment
    of its data cells, and the Excel number format of numeric cells."""

    title: str
    width_mm: float
    align: Align = "left"
    number_format: str | None = None
    excel_width: float | None = None  # characters; derived from width_mm if None


@dataclass
class HeaderCell:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Cell:
    """A data cell: a number (formatted Vietnamese style in PDF/Word, kept as
    a number in Excel with ``number_format``) or text. ``text`` overrides
    what PDF/Word print for a number (e.g. ``85,5`` with a unit)."""

    value: float | int | str | None
    number_format: str | None = None
    text: str | None = None
    bold: bool = False
    align: Align | None = None

    def display(self, column: Column) -> str:
        if self.text is not None:
            return self.text
        return format_cell_value(self.value, self.number_format or column.number_format)


@dataclass
class DataRow:
    cells: list[Cell]


@dataclass
class GroupRow:
    """A group title row: a label in the first column (``I``, ``1``) and the
    title spanning the other columns, printed bold."""

    label: str
    text: str


Row = DataRow | GroupRow


@dataclass
class TableSpec:
    """A table with multi-row headers (``HeaderCell`` with spans), optional
    column-number row ``(1) (2) ...``, and data/group rows."""

    columns: list[Column]
    header_rows: list[list[HeaderCell]]
    rows: list[Row] = field(default_factory=list)
    number_row: bool = True
    font_size: float = 12.0

    def header_height(self) -> int:
        return len(self.header_rows) + (1 if self.number_row else 0)

    def grid(self) -> list[list[tuple[HeaderCell, int, int] | None]]:
        """Header cells placed on the column grid: for each header row, per
        column either (cell, colspan, rowspan) where a cell starts, or None
        where a cell spans over. Raises ValueError for a malformed header."""
        n = len(self.columns)
        rows = len(self.header_rows)
        taken = [[False] * n for _ in range(rows)]
        out: list[list[tuple[HeaderCell, int, int] | None]] = [[None] * n for _ in range(rows)]
        for r, header in enumerate(self.header_rows):
            c = 0
            for cell in header:
                while c < n and taken[r][c]:
                    c += 1
                if c + cell.colspan > n or r + cell.rowspan > rows:
                    raise ValueError("header cell outside the table")
                out[r][c] = (cell, cell.colspan, cell.rowspan)
                for rr in range(r, r + cell.rowspan):
                    for cc in range(c, c + cell.colspan):
                        taken[rr][cc] = True
                c += cell.colspan
            if not all(taken[r]):
                raise ValueError(f"header row {r} does not cover every column")
        return out


@dataclass
class Table:
    """A small table kept in the body."""

    spec: TableSpec


Block = Heading | Paragraph | BulletList | Table


@dataclass
class Appendix:
    """An appendix (``Phụ lục I``) with its title, the italic reference line
    ``(Kèm theo Báo cáo số ...)``, a table, and the name of its Excel sheet."""

    numeral: str
    title: str
    reference: str
    table: TableSpec
    sheet_name: str
    landscape: bool = True
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return texts.APPENDIX_LABEL.format(numeral=self.numeral)


@dataclass
class AdminDocument:
    """A whole document, ready for any renderer."""

    header: Header
    type_name: str
    summary: str
    body: list[Block]
    signature: Signature
    noi_nhan: list[str]
    luu: str  # "VT, VHXH" -> "- Lưu: VT, VHXH."
    recipients_to: list[str] = field(default_factory=list)
    appendices: list[Appendix] = field(default_factory=list)
    closing: str = "./."
    title: str = ""  # document metadata (file properties)

    def noi_nhan_lines(self) -> list[str]:
        """The "Nơi nhận" entries as printed: ``- x;`` ... ``- Lưu: VT, X.``"""
        lines = [f"- {entry.rstrip(';. ')};" for entry in self.noi_nhan]
        lines.append(texts.LUU_LINE.format(luu=self.luu.rstrip(". ")))
        return lines

    def kinh_gui_lines(self) -> list[str]:
        """Recipient lines of a multi-recipient ``Kính gửi``: ``- x;`` .. ``- y.``"""
        names = [r.rstrip(";. ") for r in self.recipients_to]
        return [f"- {n}{'.' if i == len(names) - 1 else ';'}" for i, n in enumerate(names)]

    def body_with_closing(self) -> list[Block]:
        """The body with ``./.`` appended to its last paragraph or list item."""
        blocks = list(self.body)
        if not self.closing:
            return blocks
        for i in range(len(blocks) - 1, -1, -1):
            block = blocks[i]
            if isinstance(block, Paragraph):
                blocks[i] = Paragraph(_close(block.text, self.closing), block.lead, block.italic)
                return blocks
            if isinstance(block, BulletList) and block.items:
                items = list(block.items)
                items[-1] = _close(items[-1], self.closing)
                blocks[i] = BulletList(items)
                return blocks
            if isinstance(block, Heading):
                break
        blocks.append(Paragraph(self.closing))
        return blocks

    def normalized(self) -> AdminDocument:
        """The same document with every text in NFC (renderers call this)."""
        return cast(AdminDocument, _nfc_tree(self))


def _close(text: str, closing: str) -> str:
    stripped = text.rstrip()
    if stripped.endswith(closing):
        return stripped
    if stripped.endswith((".", ";", ":", ",")):
        stripped = stripped[:-1]
    return stripped + closing


def _nfc_tree(obj: object) -> object:
    if isinstance(obj, str):
        return nfc(obj)
    if isinstance(obj, list):
        return [_nfc_tree(x) for x in obj]
    if hasattr(obj, "__dataclass_fields__"):
        values = {k: _nfc_tree(getattr(obj, k)) for k in obj.__dataclass_fields__}
        return type(obj)(**values)
    return obj


def format_cell_value(value: float | int | str | None, number_format: str | None) -> str:
    """Text of a cell value for PDF and Word, Vietnamese style (``85,5``).

    The number of decimals follows the Excel format: ``0`` none, ``0.0`` one,
    ``0.00`` two, ``0%`` a fraction shown as percent; otherwise up to two.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    fmt = number_format or ""
    if fmt.endswith("%"):
        decimals = fmt.count("0") - 1 if "." in fmt else 0
        return format_number(float(value) * 100, decimals=decimals) + "%"
    if "." in fmt:
        decimals = len(fmt.split(".", 1)[1].rstrip("%;_)"))
        return format_number(float(value), decimals=decimals)
    if fmt in ("0", "#,##0"):
        return format_number(float(value), decimals=0)
    return format_number(float(value), decimals=2)
