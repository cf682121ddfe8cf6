"""Draw an ``AdminDocument`` as a PDF (reportlab platypus), Decree 30 layout.

- A4 portrait, margins 20/20/30/15 mm; each appendix in its own landscape
  section with the same margins.
- Times New Roman (or Liberation Serif, same metrics) embedded as a family
  of four faces; text stays extractable (ToUnicode maps).
- Page numbers centred in the top margin from page 2; each appendix is
  numbered on its own from 1 (its first page shows no number either).
- Rules under the agency name (40 % of its line), the motto (its full width)
  and the summary (38 % of its widest line) are real line objects.
- Tables repeat their header rows on every page.

``render_pdf`` is pure (no database, no Qt); any thread may call it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import Paragraph as RLParagraph

from models.version import program_version
from reports import layout, texts
from reports.document import (
    AdminDocument,
    Align,
    Appendix,
    BulletList,
    DataRow,
    GroupRow,
    Heading,
    Paragraph,
    TableSpec,
)
from reports.document import Table as BodyTable
from reports.layout import LANDSCAPE, MM, PORTRAIT

# Binary (Flate) streams: ASCII85 only makes files bigger and slower to write.
rl_config.useA85 = 0

_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}


class CellParagraph(RLParagraph):
    """A paragraph that remembers its line breaks for a given width.

    A long table is split page after page, and reportlab measures every
    remaining row again at each split; remembering the breaks keeps a
    300-row appendix linear instead of quadratic. The breaks depend only on
    the width, so a cached result is exact.
    """

    _nq_cache: tuple[float, Any, float, list[float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        cache = self._nq_cache
        if cache is not None and cache[0] == availWidth:
            _w, self.blPara, self.height, self._wrapWidths = cache
            self.width = availWidth
            return availWidth, self.height
        result = super().wrap(availWidth, availHeight)
        if availWidth >= 1:
            self._nq_cache = (availWidth, self.blPara, self.height, self._wrapWidths)
        return result

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        self._nq_cache = None
        return super().split(availWidth, availHeight)


class HRule(Flowable):
    """A centred horizontal rule of a given width (a real PDF line object)."""

    def __init__(
        self, width: float, *, height: float = 4.0, thickness: float = 0.6, gap: float = 1.0
    ) -> None:
        super().__init__()
        self.rule_width = width
        self.height = height
        self.thickness = thickness
        self.gap = gap  # from the text above to the line
        self._avail = width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._avail = availWidth
        return availWidth, self.height

    def draw(self) -> None:
        x0 = (self._avail - self.rule_width) / 2
        y = self.height - self.thickness / 2 - self.gap
        self.canv.setLineWidth(self.thickness)
        self.canv.setStrokeColor(colors.black)
        self.canv.line(x0, y, x0 + self.rule_width, y)


class SectionStart(Flowable):
    """Marks the page where a numbered section (the main text, an appendix) starts."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        self.canv._nq57_section_start = self.canv.getPageNumber()


def _page_number(canvas: Any, doc: Any) -> None:
    """Draw the number of the page within its section, from page 2 on."""
    start = getattr(canvas, "_nq57_section_start", 1)
    number = canvas.getPageNumber() - start + 1
    if number < 2:
        return
    width, height = canvas._pagesize
    geometry = LANDSCAPE if width > height else PORTRAIT
    x = (geometry.left_mm + geometry.text_width_mm / 2) * MM
    y = height - (geometry.header_mm * MM) - layout.SIZE_PAGE_NUMBER * 0.8
    canvas.saveState()
    canvas.setFont(layout.face(), layout.SIZE_PAGE_NUMBER)
    canvas.setFillColor(colors.black)
    canvas.drawCentredString(x, y, str(number))
    canvas.restoreState()


class _Styles:
    """The paragraph styles of one document."""

    def __init__(self) -> None:
        family = layout.register_fonts()
        lead = layout.body_leading()
        base = ParagraphStyle(
            "body",
            fontName=family,
            fontSize=layout.SIZE_BODY,
            leading=lead,
            alignment=TA_JUSTIFY,
            firstLineIndent=layout.FIRST_LINE_INDENT_MM * MM,
            spaceAfter=layout.SPACE_AFTER,
            textColor=colors.black,
        )
        self.body = base
        self.heading1 = ParagraphStyle(
            "h1", parent=base, fontName=layout.face(bold=True), keepWithNext=1
        )
        self.heading2 = ParagraphStyle(
            "h2", parent=base, fontName=layout.face(bold=True), keepWithNext=1
        )
        self.heading3 = ParagraphStyle("h3", parent=base, keepWithNext=1)

        def centred(
            name: str,
            size: float,
            *,
            bold: bool = False,
            italic: bool = False,
            leading: float | None = None,
        ) -> ParagraphStyle:
            return ParagraphStyle(
                name,
                fontName=layout.face(bold=bold, italic=italic),
                fontSize=size,
                leading=leading if leading is not None else round(size * layout.SINGLE_LINE, 2),
                alignment=TA_CENTER,
                textColor=colors.black,
            )

        self.superior = centred("superior", layout.SIZE_AGENCY)
        self.agency = centred("agency", layout.SIZE_AGENCY, bold=True)
        self.number = centred("number", layout.SIZE_NUMBER)
        self.national = centred("national", layout.SIZE_NATIONAL, bold=True)
        self.motto = centred("motto", layout.SIZE_MOTTO, bold=True)
        self.date = centred("date", layout.SIZE_DATE, italic=True)
        self.type_name = centred("type", layout.SIZE_BODY, bold=True)
        self.summary = centred("summary", layout.SIZE_BODY, bold=True)
        self.kinh_gui = ParagraphStyle(
            "kinhgui",
            fontName=family,
            fontSize=layout.SIZE_BODY,
            leading=round(layout.SIZE_BODY * layout.SINGLE_LINE, 2),
            alignment=TA_LEFT,
        )
        self.sign_caps = centred("signcaps", layout.SIZE_BODY, bold=True)
        self.sign_name = centred("signname", layout.SIZE_BODY, bold=True)
        self.noi_nhan_title = ParagraphStyle(
            "noinhan_t",
            fontName=layout.face(bold=True, italic=True),
            fontSize=layout.SIZE_NOI_NHAN_TITLE,
            leading=round(layout.SIZE_NOI_NHAN_TITLE * layout.SINGLE_LINE, 2),
            alignment=TA_LEFT,
        )
        dash = layout.text_width("- ", layout.SIZE_NOI_NHAN)
        self.noi_nhan = ParagraphStyle(
            "noinhan",
            fontName=family,
            fontSize=layout.SIZE_NOI_NHAN,
            leading=round(layout.SIZE_NOI_NHAN * layout.SINGLE_LINE, 2),
            alignment=TA_LEFT,
            leftIndent=dash,
            firstLineIndent=-dash,
        )
        self.appendix_label = centred("applabel", 14, bold=True)
        self.appendix_title = centred("apptitle", 14, bold=True)
        self.appendix_ref = centred("appref", 14, italic=True)
        self.note = ParagraphStyle(
            "note",
            parent=base,
            fontSize=12,
            leading=15,
            firstLineIndent=0,
            fontName=layout.face(italic=True),
        )
        self._cells: dict[tuple[float, str, bool, bool], ParagraphStyle] = {}

    def cell(
        self, size: float, align: Align, *, bold: bool = False, italic: bool = False
    ) -> ParagraphStyle:
        key = (size, align, bold, italic)
        style = self._cells.get(key)
        if style is None:
            style = ParagraphStyle(
                f"cell{len(self._cells)}",
                fontName=layout.face(bold=bold, italic=italic),
                fontSize=size,
                leading=round(size * layout.SINGLE_LINE, 2),
                alignment=_ALIGN[align],
                textColor=colors.black,
            )
            self._cells[key] = style
        return style


_SPACES = re.compile(r" {2,}")


def _markup(text: str) -> str:
    """Escaped paragraph markup; runs of spaces (a draft's blanks) are kept."""
    return _SPACES.sub(lambda m: "\u00a0" * len(m.group()), escape(text))


def _p(text: str, style: ParagraphStyle) -> RLParagraph:
    return RLParagraph(_markup(text), style)


def _cp(text: str, style: ParagraphStyle) -> RLParagraph:
    """A table-cell paragraph (cached line breaks)."""
    return CellParagraph(_markup(text), style)


def _header(doc: AdminDocument, st: _Styles) -> list[Flowable]:
    h = doc.header
    left_inner = (layout.HEADER_LEFT_MM - 2 * layout.CELL_PAD_MM) * MM
    left: list[Flowable] = []
    if h.superior_line:
        left.append(_p(h.superior_line, st.superior))
    for line in h.agency_lines:
        broken = layout.balanced_lines(line, left_inner, layout.SIZE_AGENCY, bold=True)
        left.append(RLParagraph("<br/>".join(_markup(x) for x in broken), st.agency))
    last = layout.balanced_lines(h.agency_lines[-1], left_inner, layout.SIZE_AGENCY, bold=True)
    widest_last = max(layout.text_width(x, layout.SIZE_AGENCY, bold=True) for x in last)
    left.append(HRule(widest_last * layout.RULE_RATIO_AGENCY))
    right: list[Flowable] = [_p(h.national_name, st.national), _p(h.motto, st.motto)]
    right.append(HRule(layout.text_width(h.motto, layout.SIZE_MOTTO, bold=True)))
    number = _p(h.number_line, st.number)
    date = _p(h.date_line, st.date)
    table = Table(
        [[left, right], [number, date]],
        colWidths=[layout.HEADER_LEFT_MM * MM, layout.HEADER_RIGHT_MM * MM],
        hAlign="CENTER",
    )
    pad = layout.CELL_PAD_MM * MM
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), layout.face()),
                ("LEFTPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, 1), 4),
            ]
        )
    )
    return [table]


def _title(doc: AdminDocument, st: _Styles) -> list[Flowable]:
    width = PORTRAIT.text_width_mm * MM
    lines = layout.balanced_lines(doc.summary, width - 4, layout.SIZE_BODY, bold=True)
    widest = max(layout.text_width(x, layout.SIZE_BODY, bold=True) for x in lines)
    out: list[Flowable] = [
        Spacer(1, 18),
        _p(doc.type_name, st.type_name),
        RLParagraph("<br/>".join(_markup(x) for x in lines), st.summary),
        HRule(widest * layout.RULE_RATIO_SUMMARY),
    ]
    out += _kinh_gui(doc, st, width)
    out.append(Spacer(1, 10))
    return out


def _kinh_gui(doc: AdminDocument, st: _Styles, width: float) -> list[Flowable]:
    if not doc.recipients_to:
        return []
    size = layout.SIZE_BODY
    label = texts.KINH_GUI
    if len(doc.recipients_to) == 1:
        line = f"{label} {doc.recipients_to[0].rstrip(';. ')}"
        style = ParagraphStyle("kg1", parent=st.kinh_gui, alignment=TA_CENTER)
        return [Spacer(1, 6), _p(line, style)]
    lines = doc.kinh_gui_lines()
    colon_x = layout.text_width(label[:-1], size)
    widest = max(layout.text_width(x, size) for x in lines)
    x0 = max(0.0, (width - colon_x - widest) / 2)
    dash = layout.text_width("- ", size)
    out: list[Flowable] = [Spacer(1, 6)]
    out.append(_p(label, ParagraphStyle("kgl", parent=st.kinh_gui, leftIndent=x0)))
    item = ParagraphStyle(
        "kgi", parent=st.kinh_gui, leftIndent=x0 + colon_x + dash, firstLineIndent=-dash
    )
    out += [_p(x, item) for x in lines]
    return out


def _body(doc: AdminDocument, st: _Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = []
    for block in doc.body_with_closing():
        if isinstance(block, Heading):
            style = {1: st.heading1, 2: st.heading2}.get(block.level, st.heading3)
            out.append(_p(block.text, style))
        elif isinstance(block, Paragraph):
            text = _markup(block.text)
            if block.italic:
                text = f"<i>{text}</i>"
            if block.lead:
                text = f"<b>{escape(block.lead)}</b> {text}"
            out.append(RLParagraph(text, st.body))
        elif isinstance(block, BulletList):
            out += [_p(f"- {item}", st.body) for item in block.items]
        elif isinstance(block, BodyTable):
            out.append(_table(block.spec, width, st))
            out.append(Spacer(1, layout.SPACE_AFTER))
    return out


def _signature(doc: AdminDocument, st: _Styles) -> Table:
    left: list[Flowable] = [_p(texts.NOI_NHAN, st.noi_nhan_title)]
    left += [_p(x, st.noi_nhan) for x in doc.noi_nhan_lines()]
    right: list[Flowable] = [_p(x, st.sign_caps) for x in doc.signature.caps_lines]
    right.append(Spacer(1, layout.SIGNATURE_GAP_PT))
    right.append(_p(doc.signature.name, st.sign_name))
    table = Table(
        [[left, right]],
        colWidths=[layout.BOTTOM_LEFT_MM * MM, layout.BOTTOM_RIGHT_MM * MM],
        hAlign="CENTER",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), layout.face()),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _table(spec: TableSpec, avail: float, st: _Styles, *, notes: list[str] | None = None) -> Table:
    """The table of ``spec``; ``notes`` become a last, borderless row kept
    on the page of the last data row (so a note never sits alone on a page)."""
    total = sum(c.width_mm for c in spec.columns) * MM
    scale = avail / total if total > avail else 1.0
    widths = [c.width_mm * MM * scale for c in spec.columns]
    size = spec.font_size
    head = st.cell(size, "center", bold=True)
    numbers = st.cell(size - 1, "center", italic=True)
    rows: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -2 if notes else -1), 0.5, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), layout.face()),  # empty spanned cells too
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    grid = spec.grid()
    for r, header in enumerate(grid):
        row: list[Any] = []
        for c, slot in enumerate(header):
            if slot is None:
                row.append("")
                continue
            cell, colspan, rowspan = slot
            row.append(_cp(cell.text, head))
            if colspan > 1 or rowspan > 1:
                commands.append(("SPAN", (c, r), (c + colspan - 1, r + rowspan - 1)))
        rows.append(row)
    n_head = len(grid)
    commands.append(("VALIGN", (0, 0), (-1, n_head - 1), "MIDDLE"))
    if spec.number_row:
        rows.append([_cp(f"({i + 1})", numbers) for i in range(len(spec.columns))])
    bold_styles = {c.align: st.cell(size, c.align, bold=True) for c in spec.columns}
    plain_styles = {c.align: st.cell(size, c.align) for c in spec.columns}
    group_label = st.cell(size, "center", bold=True)
    group_text = st.cell(size, "left", bold=True)
    for data in spec.rows:
        r = len(rows)
        if isinstance(data, GroupRow):
            rows.append(
                [_cp(data.label, group_label), _cp(data.text, group_text)]
                + [""] * (len(widths) - 2)
            )
            commands.append(("SPAN", (1, r), (-1, r)))
            commands.append(("NOSPLIT", (0, r), (-1, r + 1)))  # keep with its first row
            continue
        assert isinstance(data, DataRow)
        row = []
        for column, body_cell in zip(spec.columns, data.cells, strict=True):
            align = body_cell.align or column.align
            styles = bold_styles if body_cell.bold else plain_styles
            style = styles.get(align) or st.cell(size, align, bold=body_cell.bold)
            row.append(_cp(body_cell.display(column), style))
        rows.append(row)
    if notes:
        r = len(rows)
        rows.append([[_p(n, st.note) for n in notes]] + [""] * (len(widths) - 1))
        commands += [
            ("SPAN", (0, r), (-1, r)),
            ("NOSPLIT", (0, r - 1), (-1, r)),
            ("LEFTPADDING", (0, r), (-1, r), 0),
            ("TOPPADDING", (0, r), (-1, r), 6),
        ]
    # Rows are kept whole (reportlab's in-row splitting mangles repeated
    # header rows); the header rows repeat on every page.
    table = Table(rows, colWidths=widths, repeatRows=spec.header_height(), hAlign="CENTER")
    table.setStyle(TableStyle(commands))
    return table


def _appendix(appendix: Appendix, st: _Styles) -> list[Flowable]:
    geometry = LANDSCAPE if appendix.landscape else PORTRAIT
    width = geometry.text_width_mm * MM
    title_lines = layout.balanced_lines(appendix.title, width * 0.85, 14, bold=True)
    ref_lines = layout.balanced_lines(appendix.reference, width - 4, 14, italic=True)
    out: list[Flowable] = [
        SectionStart(),
        _p(appendix.label, st.appendix_label),
        RLParagraph("<br/>".join(_markup(x) for x in title_lines), st.appendix_title),
        RLParagraph("<br/>".join(_markup(x) for x in ref_lines), st.appendix_ref),
        HRule(40 * MM, height=7, gap=4),
        Spacer(1, 6),
    ]
    out.append(_table(appendix.table, width, st, notes=appendix.notes))
    return out


def render_pdf(doc: AdminDocument, path: str | Path) -> Path:
    """Write ``doc`` as a PDF at ``path`` (atomically: a temporary file is
    renamed over the target once complete). Returns the path."""
    doc = doc.normalized()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    st = _Styles()

    def frame(geometry: layout.PageGeometry, name: str) -> Frame:
        return Frame(
            geometry.left_mm * MM,
            geometry.bottom_mm * MM,
            geometry.text_width_mm * MM,
            (geometry.height_mm - geometry.top_mm - geometry.bottom_mm) * MM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=name,
        )

    templates = [
        PageTemplate("portrait", [frame(PORTRAIT, "p")], onPageEnd=_page_number, pagesize=A4),
        PageTemplate(
            "landscape", [frame(LANDSCAPE, "l")], onPageEnd=_page_number, pagesize=landscape(A4)
        ),
    ]
    template = BaseDocTemplate(
        str(tmp),
        pagesize=A4,
        pageTemplates=templates,
        leftMargin=PORTRAIT.left_mm * MM,
        rightMargin=PORTRAIT.right_mm * MM,
        topMargin=PORTRAIT.top_mm * MM,
        bottomMargin=PORTRAIT.bottom_mm * MM,
        title=doc.title or doc.summary,
        author=" ".join(x.strip() for x in doc.header.agency_lines),
        subject=doc.summary,
        creator=f"nq57-tracker {program_version()}",
        initialFontName=layout.face(),
        initialFontSize=layout.SIZE_BODY,
        lang="vi-VN",
        displayDocTitle=1,
    )
    width = PORTRAIT.text_width_mm * MM
    story: list[Flowable] = [SectionStart()]
    story += _header(doc, st)
    story += _title(doc, st)
    body = _body(doc, st, width)
    # The last paragraph stays on the page of the signature block.
    tail = body[-1:] if body else []
    story += body[:-1]
    story.append(KeepTogether([*tail, Spacer(1, 6), _signature(doc, st)]))
    for appendix in doc.appendices:
        story.append(NextPageTemplate("landscape" if appendix.landscape else "portrait"))
        story.append(PageBreak())
        story += _appendix(appendix, st)
    try:
        template.build(story)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return target
