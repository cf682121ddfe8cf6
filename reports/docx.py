"""Draw an ``AdminDocument`` as an editable Word file (python-docx + raw XML).

The file is meant to be edited in Word, so formatting lives in named
paragraph styles ("BC Nội dung", "BC Đề mục I", "BC Nơi nhận" ...), each
naming Times New Roman for every script (ascii, hAnsi, eastAsia, cs) and
its size; paragraphs only carry a style, except the measured indents of the
rules and of the "Kính gửi" block. Layout (Decree 30/2020):

- A4, margins 20/20/30/15 mm; a portrait main section whose first page has
  an empty header and whose other pages show a centred PAGE field (14 pt);
  each appendix is a landscape section restarting its numbering at 1.
- The header is a borderless 1-row, 2-column table: agency lines, rule and
  "Số" on the left; national name, motto, rule and the date on the right.
  Lines use exact heights so "Số" and the date sit on the same line.
- Rules are paragraph borders on short, centred empty paragraphs.
- Real tables for appendices, header rows repeated on every page
  (``tblHeader``), rows not split across pages.

``render_docx`` is pure (no database, no Qt); any thread may call it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from lxml import etree

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
from reports.fonts import DOCX_FONT_NAME
from reports.layout import LANDSCAPE, MM, PORTRAIT

TWIPS_PER_MM = 1440 / 25.4
TWIPS_PER_PT = 20

W = qn  # shorthand: W("w:p")


def _tw(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def _pt_tw(pt: float) -> int:
    return round(pt * TWIPS_PER_PT)


# ---------------------------------------------------------------------------
# Styles
# ---------------------------------------------------------------------------

_FONTS = (
    f'<w:rFonts w:ascii="{DOCX_FONT_NAME}" w:hAnsi="{DOCX_FONT_NAME}" '
    f'w:eastAsia="{DOCX_FONT_NAME}" w:cs="{DOCX_FONT_NAME}"/>'
)

STYLE_IDS = {
    "body": ("BCBody", texts.STYLE_BODY),
    "h1": ("BCHeading1", texts.STYLE_HEADING_1),
    "h2": ("BCHeading2", texts.STYLE_HEADING_2),
    "h3": ("BCHeading3", texts.STYLE_HEADING_3),
    "bullet": ("BCBullet", texts.STYLE_BULLET),
    "superior": ("BCSuperior", texts.STYLE_SUPERIOR),
    "agency": ("BCAgency", texts.STYLE_AGENCY),
    "number": ("BCNumber", texts.STYLE_NUMBER),
    "national": ("BCNational", texts.STYLE_NATIONAL),
    "motto": ("BCMotto", texts.STYLE_MOTTO),
    "date": ("BCDate", texts.STYLE_DATE),
    "rule": ("BCRule", texts.STYLE_RULE),
    "type": ("BCTypeName", texts.STYLE_TYPE_NAME),
    "summary": ("BCSummary", texts.STYLE_SUMMARY),
    "kinhgui": ("BCKinhGui", texts.STYLE_KINH_GUI),
    "signcaps": ("BCSignCaps", texts.STYLE_SIGN_CAPS),
    "signspace": ("BCSignSpace", texts.STYLE_SIGN_SPACE),
    "signname": ("BCSignName", texts.STYLE_SIGN_NAME),
    "noinhan_t": ("BCNoiNhanTitle", texts.STYLE_NOI_NHAN_TITLE),
    "noinhan": ("BCNoiNhan", texts.STYLE_NOI_NHAN),
    "pagenum": ("BCPageNumber", texts.STYLE_PAGE_NUMBER),
    "applabel": ("BCAppendixLabel", texts.STYLE_APPENDIX_LABEL),
    "apptitle": ("BCAppendixTitle", texts.STYLE_APPENDIX_TITLE),
    "appref": ("BCAppendixRef", texts.STYLE_APPENDIX_REF),
    "thead": ("BCTableHead", texts.STYLE_TABLE_HEAD),
    "tnum": ("BCTableNumber", texts.STYLE_TABLE_NUMBER),
    "tleft": ("BCTableText", texts.STYLE_TABLE_TEXT),
    "tcenter": ("BCTableCenter", texts.STYLE_TABLE_CENTER),
    "tright": ("BCTableRight", texts.STYLE_TABLE_RIGHT),
    "tgroup": ("BCTableGroup", texts.STYLE_TABLE_GROUP),
    "secend": ("BCSectionEnd", texts.STYLE_SECTION_END),
}

HEADER_LINE_PT = 15.0  # exact line height of 13 pt header lines
HEADER_LINE14_PT = 16.0  # exact line height of 14 pt header lines
RULE_LINE_PT = 5.0  # exact height of a rule paragraph


def _style_specs() -> list[tuple[str, str | None, str, str]]:
    """(key, based-on key, pPr inner XML, rPr inner XML) of every style."""
    body_line = round(240 * layout.LINE_MULTIPLE)
    after = _pt_tw(layout.SPACE_AFTER)
    indent = _tw(layout.FIRST_LINE_INDENT_MM)

    def exact(pt: float, *, before: float = 0, after_pt: float = 0) -> str:
        return (
            f'<w:spacing w:before="{_pt_tw(before)}" w:after="{_pt_tw(after_pt)}" '
            f'w:line="{_pt_tw(pt)}" w:lineRule="exact"/>'
        )

    single = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    center = '<w:jc w:val="center"/>'
    no_ind = '<w:ind w:left="0" w:right="0" w:firstLine="0"/>'

    def size(pt: float) -> str:
        half = round(pt * 2)
        return f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'

    bold = "<w:b/><w:bCs/>"
    italic = "<w:i/><w:iCs/>"
    table_size = 12.0
    return [
        (
            "body",
            None,
            f'<w:spacing w:before="0" w:after="{after}" w:line="{body_line}" w:lineRule="auto"/>'
            f'<w:ind w:firstLine="{indent}"/><w:jc w:val="both"/>',
            size(layout.SIZE_BODY),
        ),
        ("h1", "body", '<w:keepNext/><w:outlineLvl w:val="0"/>', bold),
        ("h2", "body", '<w:keepNext/><w:outlineLvl w:val="1"/>', bold),
        ("h3", "body", '<w:keepNext/><w:outlineLvl w:val="2"/>', ""),
        ("bullet", "body", "", ""),
        ("superior", None, exact(HEADER_LINE_PT) + center + no_ind, size(layout.SIZE_AGENCY)),
        ("agency", None, exact(HEADER_LINE_PT) + center + no_ind, bold + size(layout.SIZE_AGENCY)),
        ("number", None, exact(HEADER_LINE14_PT) + center + no_ind, size(layout.SIZE_NUMBER)),
        (
            "national",
            None,
            exact(HEADER_LINE_PT) + center + no_ind,
            bold + size(layout.SIZE_NATIONAL),
        ),
        ("motto", None, exact(HEADER_LINE14_PT) + center + no_ind, bold + size(layout.SIZE_MOTTO)),
        ("date", None, exact(HEADER_LINE14_PT) + center + no_ind, italic + size(layout.SIZE_DATE)),
        ("rule", None, exact(RULE_LINE_PT) + center, size(2)),
        (
            "type",
            None,
            '<w:keepNext/><w:spacing w:before="360" w:after="0" w:line="240" w:lineRule="auto"/>'
            + center
            + no_ind,
            bold + size(layout.SIZE_BODY),
        ),
        (
            "summary",
            None,
            "<w:keepNext/>" + single + center + no_ind,
            bold + size(layout.SIZE_BODY),
        ),
        ("kinhgui", None, single + '<w:jc w:val="left"/>', size(layout.SIZE_BODY)),
        (
            "signcaps",
            None,
            "<w:keepNext/>" + single + center + no_ind,
            bold + size(layout.SIZE_BODY),
        ),
        (
            "signspace",
            None,
            "<w:keepNext/>" + exact(layout.SIGNATURE_GAP_PT) + center,
            size(layout.SIZE_BODY),
        ),
        ("signname", None, single + center + no_ind, bold + size(layout.SIZE_BODY)),
        (
            "noinhan_t",
            None,
            single + '<w:jc w:val="left"/>' + no_ind,
            bold + italic + size(layout.SIZE_NOI_NHAN_TITLE),
        ),
        (
            "noinhan",
            None,
            single
            + '<w:jc w:val="left"/>'
            + f'<w:ind w:left="{_pt_tw(layout.text_width("- ", layout.SIZE_NOI_NHAN))}" '
            f'w:hanging="{_pt_tw(layout.text_width("- ", layout.SIZE_NOI_NHAN))}"/>',
            size(layout.SIZE_NOI_NHAN),
        ),
        ("pagenum", None, single + center + no_ind, size(layout.SIZE_PAGE_NUMBER)),
        ("applabel", None, "<w:keepNext/>" + single + center + no_ind, bold + size(14)),
        ("apptitle", None, "<w:keepNext/>" + single + center + no_ind, bold + size(14)),
        ("appref", None, "<w:keepNext/>" + single + center + no_ind, italic + size(14)),
        (
            "thead",
            None,
            '<w:keepNext/><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>'
            + center
            + no_ind,
            bold + size(table_size),
        ),
        (
            "tnum",
            None,
            '<w:keepNext/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
            + center
            + no_ind,
            italic + size(table_size - 1),
        ),
        (
            "tleft",
            None,
            '<w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>'
            + no_ind,
            size(table_size),
        ),
        ("tcenter", "tleft", center, ""),
        ("tright", "tleft", '<w:jc w:val="right"/>', ""),
        ("tgroup", "tleft", "<w:keepNext/>", bold),
        ("secend", None, exact(1) + no_ind, size(1)),
    ]


_PPR_ORDER = {
    name: i
    for i, name in enumerate(
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
        "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap "
        "overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
        "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
        "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr "
        "sectPr pPrChange".split()
    )
}


def _sort_ppr(ppr: etree._Element) -> etree._Element:
    """Put the children of a ``w:pPr`` in schema order (Word insists on it)."""
    children = list(ppr)
    children.sort(key=lambda el: _PPR_ORDER.get(etree.QName(el).localname, 99))
    for child in children:
        ppr.append(child)
    return ppr


def _xml(fragment: str) -> etree._Element:
    """Parse one WordprocessingML element written without its namespace
    declaration (the fragment must have attributes: ``<w:sz w:val="28"/>``)."""
    end = len(fragment.split()[0])
    return parse_xml(fragment[:end] + " " + nsdecls("w") + fragment[end:])


def _install_styles(document: Any) -> None:
    """Times New Roman everywhere: document defaults, Normal, and our styles."""
    styles_el = document.styles.element
    defaults = styles_el.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    for xml in (
        _FONTS,
        '<w:sz w:val="28"/>',
        '<w:szCs w:val="28"/>',
        '<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/>',
    ):
        rpr.append(_xml(xml))
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    ppr.append(_xml('<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'))
    normal = document.styles["Normal"].element
    normal_rpr = normal.find(qn("w:rPr"))
    if normal_rpr is None:
        normal_rpr = etree.SubElement(normal, qn("w:rPr"))
    normal_rpr.append(_xml(_FONTS))
    for key, based_on, ppr_xml, rpr_xml in _style_specs():
        style_id, name = STYLE_IDS[key]
        based = f'<w:basedOn w:val="{STYLE_IDS[based_on][0]}"/>' if based_on else ""
        xml = (
            f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
            f'<w:name w:val="{name}"/>{based}<w:qFormat/>'
            f"<w:pPr>{ppr_xml}</w:pPr><w:rPr>{_FONTS}{rpr_xml}</w:rPr></w:style>"
        )
        style = parse_xml(xml)
        _sort_ppr(style.find(qn("w:pPr")))
        styles_el.append(style)


# ---------------------------------------------------------------------------
# Element builders (raw XML for speed: a large appendix has thousands of cells)
# ---------------------------------------------------------------------------


def _sid(key: str) -> str:
    return STYLE_IDS[key][0]


def _para(
    key: str,
    text: str | list[str] = "",
    *,
    lead: str = "",
    bold: bool = False,
    italic: bool = False,
    ppr_extra: list[etree._Element] | None = None,
) -> etree._Element:
    """A ``w:p`` with style ``key``; a list of texts becomes lines joined by breaks."""
    p = etree.Element(W("w:p"))
    ppr = etree.SubElement(p, W("w:pPr"))
    etree.SubElement(ppr, W("w:pStyle")).set(W("w:val"), _sid(key))
    if ppr_extra:
        for extra in ppr_extra:
            ppr.append(extra)
        _sort_ppr(ppr)
    if lead:
        _run(p, lead + " ", bold=True)
    lines = text if isinstance(text, list) else [text]
    for i, line in enumerate(lines):
        if i:
            etree.SubElement(etree.SubElement(p, W("w:r")), W("w:br"))
        if line:
            _run(p, line, bold=bold, italic=italic)
    return p


def _run(p: etree._Element, text: str, *, bold: bool = False, italic: bool = False) -> None:
    r = etree.SubElement(p, W("w:r"))
    if bold or italic:
        rpr = etree.SubElement(r, W("w:rPr"))
        if bold:
            etree.SubElement(rpr, W("w:b"))
            etree.SubElement(rpr, W("w:bCs"))
        if italic:
            etree.SubElement(rpr, W("w:i"))
            etree.SubElement(rpr, W("w:iCs"))
    t = etree.SubElement(r, W("w:t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _ind(
    *, left: float = 0, right: float = 0, hanging: float = 0, first: float = 0
) -> etree._Element:
    """Paragraph indents in points."""
    ind = etree.Element(W("w:ind"))
    ind.set(W("w:left"), str(_pt_tw(left)))
    ind.set(W("w:right"), str(_pt_tw(right)))
    if hanging:
        ind.set(W("w:hanging"), str(_pt_tw(hanging)))
    else:
        ind.set(W("w:firstLine"), str(_pt_tw(first)))
    return ind


def _spacing_before(pt: float) -> etree._Element:
    sp = etree.Element(W("w:spacing"))
    sp.set(W("w:before"), str(_pt_tw(pt)))
    return sp


def _rule(width_pt: float, box_pt: float, *, before_pt: float = 0) -> etree._Element:
    """An empty paragraph whose top border is a centred rule ``width_pt`` long
    inside a box ``box_pt`` wide (``before_pt`` below the text above)."""
    side = max(0.0, (box_pt - width_pt) / 2)
    bdr = etree.Element(W("w:pBdr"))
    top = etree.SubElement(bdr, W("w:top"))
    top.set(W("w:val"), "single")
    top.set(W("w:sz"), "6")
    top.set(W("w:space"), "1")
    top.set(W("w:color"), "auto")
    extra = [bdr, _ind(left=side, right=side)]
    if before_pt:
        extra.append(_spacing_before(before_pt))
    return _para("rule", ppr_extra=extra)


def _table_el(
    widths_tw: list[int], *, borders: bool, indent_tw: int = 0, fixed: bool = True
) -> etree._Element:
    tbl = etree.Element(W("w:tbl"))
    tblpr = etree.SubElement(tbl, W("w:tblPr"))
    tblw = etree.SubElement(tblpr, W("w:tblW"))
    tblw.set(W("w:w"), str(sum(widths_tw)))
    tblw.set(W("w:type"), "dxa")
    if indent_tw:
        ind = etree.SubElement(tblpr, W("w:tblInd"))
        ind.set(W("w:w"), str(indent_tw))
        ind.set(W("w:type"), "dxa")
    bd = etree.SubElement(tblpr, W("w:tblBorders"))
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = etree.SubElement(bd, W(f"w:{side}"))
        if borders:
            el.set(W("w:val"), "single")
            el.set(W("w:sz"), "4")
            el.set(W("w:space"), "0")
            el.set(W("w:color"), "auto")
        else:
            el.set(W("w:val"), "nil")
    if fixed:
        etree.SubElement(tblpr, W("w:tblLayout")).set(W("w:type"), "fixed")
    mar = etree.SubElement(tblpr, W("w:tblCellMar"))
    for side, value in (("left", 85 if borders else 108), ("right", 85 if borders else 108)):
        el = etree.SubElement(mar, W(f"w:{side}"))
        el.set(W("w:w"), str(value))
        el.set(W("w:type"), "dxa")
    look = etree.SubElement(tblpr, W("w:tblLook"))
    look.set(W("w:val"), "04A0")
    grid = etree.SubElement(tbl, W("w:tblGrid"))
    for w in widths_tw:
        etree.SubElement(grid, W("w:gridCol")).set(W("w:w"), str(w))
    return tbl


def _row(tbl: etree._Element, *, header: bool = False, cant_split: bool = True) -> etree._Element:
    tr = etree.SubElement(tbl, W("w:tr"))
    if header or cant_split:
        trpr = etree.SubElement(tr, W("w:trPr"))
        if cant_split:
            etree.SubElement(trpr, W("w:cantSplit"))
        if header:
            etree.SubElement(trpr, W("w:tblHeader"))
    return tr


def _cell(
    tr: etree._Element,
    width_tw: int,
    paragraphs: list[etree._Element],
    *,
    span: int = 1,
    vmerge: str | None = None,
    valign: str | None = None,
) -> etree._Element:
    tc = etree.SubElement(tr, W("w:tc"))
    tcpr = etree.SubElement(tc, W("w:tcPr"))
    tcw = etree.SubElement(tcpr, W("w:tcW"))
    tcw.set(W("w:w"), str(width_tw))
    tcw.set(W("w:type"), "dxa")
    if span > 1:
        etree.SubElement(tcpr, W("w:gridSpan")).set(W("w:val"), str(span))
    if vmerge is not None:
        vm = etree.SubElement(tcpr, W("w:vMerge"))
        if vmerge == "restart":
            vm.set(W("w:val"), "restart")
    if valign:
        etree.SubElement(tcpr, W("w:vAlign")).set(W("w:val"), valign)
    for p in paragraphs or [_para("tleft")]:
        tc.append(p)
    return tc


# ---------------------------------------------------------------------------
# Document parts
# ---------------------------------------------------------------------------


def _header_table(doc: AdminDocument) -> etree._Element:
    h = doc.header
    left_tw, right_tw = _tw(layout.HEADER_LEFT_MM), _tw(layout.HEADER_RIGHT_MM)
    pad_pt = layout.CELL_PAD_MM * MM
    left_inner = layout.HEADER_LEFT_MM * MM - 2 * pad_pt
    right_inner = layout.HEADER_RIGHT_MM * MM - 2 * pad_pt

    left: list[etree._Element] = []
    left_height = 0.0
    if h.superior_line:
        left.append(_para("superior", h.superior_line))
        left_height += HEADER_LINE_PT * len(
            layout.wrap_lines(h.superior_line, left_inner, layout.SIZE_AGENCY)
        )
    for line in h.agency_lines:
        broken = layout.balanced_lines(line, left_inner, layout.SIZE_AGENCY, bold=True)
        left.append(_para("agency", broken))
        left_height += HEADER_LINE_PT * len(broken)
    last = layout.balanced_lines(h.agency_lines[-1], left_inner, layout.SIZE_AGENCY, bold=True)
    widest_last = max(layout.text_width(x, layout.SIZE_AGENCY, bold=True) for x in last)
    left.append(_rule(widest_last * layout.RULE_RATIO_AGENCY, left_inner))

    right: list[etree._Element] = [_para("national", h.national_name), _para("motto", h.motto)]
    right_height = HEADER_LINE_PT * len(
        layout.wrap_lines(h.national_name, right_inner, layout.SIZE_NATIONAL, bold=True)
    ) + HEADER_LINE14_PT * len(
        layout.wrap_lines(h.motto, right_inner, layout.SIZE_MOTTO, bold=True)
    )
    right.append(_rule(layout.text_width(h.motto, layout.SIZE_MOTTO, bold=True), right_inner))

    gap = 4.0
    left.append(
        _para(
            "number",
            h.number_line,
            ppr_extra=[_spacing_before(gap + max(0.0, right_height - left_height))],
        )
    )
    right.append(
        _para(
            "date",
            h.date_line,
            ppr_extra=[_spacing_before(gap + max(0.0, left_height - right_height))],
        )
    )

    tbl = _table_el([left_tw, right_tw], borders=False)
    tr = _row(tbl, cant_split=True)
    _cell(tr, left_tw, left)
    _cell(tr, right_tw, right)
    return tbl


def _title(doc: AdminDocument) -> list[etree._Element]:
    width = PORTRAIT.text_width_mm * MM
    lines = layout.balanced_lines(doc.summary, width - 4, layout.SIZE_BODY, bold=True)
    widest = max(layout.text_width(x, layout.SIZE_BODY, bold=True) for x in lines)
    out = [_para("type", doc.type_name), _para("summary", lines)]
    out.append(_rule(widest * layout.RULE_RATIO_SUMMARY, width))
    out += _kinh_gui(doc, width)
    last_ppr = out[-1].find(W("w:pPr"))
    space = etree.Element(W("w:spacing"))
    space.set(W("w:after"), str(_pt_tw(10)))
    existing = last_ppr.find(W("w:spacing"))
    if existing is not None:
        existing.set(W("w:after"), str(_pt_tw(10)))
    else:
        last_ppr.append(space)
        _sort_ppr(last_ppr)
    return out


def _kinh_gui(doc: AdminDocument, width: float) -> list[etree._Element]:
    if not doc.recipients_to:
        return []
    size = layout.SIZE_BODY
    label = texts.KINH_GUI
    before = [_spacing_before(6)]
    if len(doc.recipients_to) == 1:
        jc = etree.Element(W("w:jc"))
        jc.set(W("w:val"), "center")
        line = f"{label} {doc.recipients_to[0].rstrip(';. ')}"
        return [_para("kinhgui", line, ppr_extra=[*before, jc])]
    lines = doc.kinh_gui_lines()
    colon_x = layout.text_width(label[:-1], size)
    widest = max(layout.text_width(x, size) for x in lines)
    x0 = max(0.0, (width - colon_x - widest) / 2)
    dash = layout.text_width("- ", size)
    out = [_para("kinhgui", label, ppr_extra=[*before, _ind(left=x0)])]
    out += [
        _para("kinhgui", x, ppr_extra=[_ind(left=x0 + colon_x + dash, hanging=dash)]) for x in lines
    ]
    return out


def _body(doc: AdminDocument) -> list[etree._Element]:
    out: list[etree._Element] = []
    for block in doc.body_with_closing():
        if isinstance(block, Heading):
            out.append(_para({1: "h1", 2: "h2"}.get(block.level, "h3"), block.text))
        elif isinstance(block, Paragraph):
            out.append(_para("body", block.text, lead=block.lead, italic=block.italic))
        elif isinstance(block, BulletList):
            out += [_para("bullet", f"- {item}") for item in block.items]
        elif isinstance(block, BodyTable):
            out.append(_data_table(block.spec, PORTRAIT.text_width_mm))
            out.append(_para("body"))
    if out:
        # The last paragraph stays on the page of the signature block.
        last = out[-1]
        ppr = last.find(W("w:pPr"))
        if ppr is not None:
            ppr.append(etree.Element(W("w:keepNext")))
            _sort_ppr(ppr)
    return out


def _signature_table(doc: AdminDocument) -> etree._Element:
    left_tw, right_tw = _tw(layout.BOTTOM_LEFT_MM), _tw(layout.BOTTOM_RIGHT_MM)
    left = [_para("noinhan_t", texts.NOI_NHAN)]
    left += [_para("noinhan", x) for x in doc.noi_nhan_lines()]
    right = [_para("signcaps", x) for x in doc.signature.caps_lines]
    right.append(_para("signspace"))
    right.append(_para("signname", doc.signature.name))
    tbl = _table_el([left_tw, right_tw], borders=False, indent_tw=0)
    mar = tbl.find(W("w:tblPr")).find(W("w:tblCellMar"))
    mar.find(W("w:left")).set(W("w:w"), "0")
    tr = _row(tbl, cant_split=True)
    _cell(tr, left_tw, left)
    _cell(tr, right_tw, right)
    return tbl


_ALIGN_STYLE = {"left": "tleft", "justify": "tleft", "center": "tcenter", "right": "tright"}


def _data_table(spec: TableSpec, avail_mm: float) -> etree._Element:
    total = sum(c.width_mm for c in spec.columns)
    scale = avail_mm / total if total > avail_mm else 1.0
    widths = [_tw(c.width_mm * scale) for c in spec.columns]
    tbl = _table_el(widths, borders=True)
    grid = spec.grid()
    for r, header in enumerate(grid):
        tr = _row(tbl, header=True)
        c = 0
        while c < len(widths):
            slot = header[c]
            if slot is None:
                # Covered by a cell spanning from a row above: a vMerge continuation.
                span = 1
                origin = _span_origin(grid, r, c)
                if origin is not None:
                    span = origin[1]
                _cell(
                    tr,
                    sum(widths[c : c + span]),
                    [_para("thead")],
                    span=span,
                    vmerge="continue",
                    valign="center",
                )
                c += span
                continue
            cell, colspan, rowspan = slot
            _cell(
                tr,
                sum(widths[c : c + colspan]),
                [_para("thead", cell.text)],
                span=colspan,
                vmerge="restart" if rowspan > 1 else None,
                valign="center",
            )
            c += colspan
    if spec.number_row:
        tr = _row(tbl, header=True)
        for i, w in enumerate(widths):
            _cell(tr, w, [_para("tnum", f"({i + 1})")])
    n = len(widths)
    for data in spec.rows:
        # Data rows may break across pages (a long task would otherwise leave
        # half a page blank); a group title row stays whole.
        tr = _row(tbl, cant_split=isinstance(data, GroupRow))
        if isinstance(data, GroupRow):
            _cell(tr, widths[0], [_para("tgroup", data.label, ppr_extra=[_jc("center")])])
            _cell(tr, sum(widths[1:]), [_para("tgroup", data.text)], span=n - 1)
            continue
        assert isinstance(data, DataRow)
        for column, body_cell, w in zip(spec.columns, data.cells, widths, strict=True):
            align: Align = body_cell.align or column.align
            _cell(
                tr, w, [_para(_ALIGN_STYLE[align], body_cell.display(column), bold=body_cell.bold)]
            )
    return tbl


def _jc(value: str) -> etree._Element:
    jc = etree.Element(W("w:jc"))
    jc.set(W("w:val"), value)
    return jc


def _span_origin(
    grid: list[list[tuple[Any, int, int] | None]], r: int, c: int
) -> tuple[Any, int, int] | None:
    """The header cell (cell, colspan, rowspan) covering row ``r``, column ``c`` from above."""
    for rr in range(r - 1, -1, -1):
        slot = grid[rr][c]
        if slot is not None:
            return slot if rr + slot[2] > r else None
    return None


def _appendix(appendix: Appendix) -> list[etree._Element]:
    geometry = LANDSCAPE if appendix.landscape else PORTRAIT
    width = geometry.text_width_mm * MM
    title = layout.balanced_lines(appendix.title, width * 0.85, 14, bold=True)
    ref = layout.balanced_lines(appendix.reference, width - 4, 14, italic=True)
    out = [
        _para("applabel", appendix.label),
        _para("apptitle", title),
        _para("appref", ref),
        _rule(40 * MM, width, before_pt=3),
        _data_table(appendix.table, geometry.text_width_mm),
    ]
    for note in appendix.notes:
        out.append(_para("body", note, italic=True))
    return out


# ---------------------------------------------------------------------------
# Sections and the whole file
# ---------------------------------------------------------------------------


def _setup_section(section: Any, *, landscape: bool) -> None:
    geometry = LANDSCAPE if landscape else PORTRAIT
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width = Mm(geometry.width_mm)
    section.page_height = Mm(geometry.height_mm)
    section.top_margin = Mm(geometry.top_mm)
    section.bottom_margin = Mm(geometry.bottom_mm)
    section.left_margin = Mm(geometry.left_mm)
    section.right_margin = Mm(geometry.right_mm)
    section.header_distance = Mm(geometry.header_mm)
    section.footer_distance = Mm(geometry.header_mm)
    section.different_first_page_header_footer = True


def _page_number_header(section: Any) -> None:
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]._p
    for child in list(p):
        p.remove(child)
    ppr = etree.SubElement(p, W("w:pPr"))
    etree.SubElement(ppr, W("w:pStyle")).set(W("w:val"), _sid("pagenum"))
    r = etree.SubElement(p, W("w:r"))
    etree.SubElement(r, W("w:fldChar")).set(W("w:fldCharType"), "begin")
    r = etree.SubElement(p, W("w:r"))
    instr = etree.SubElement(r, W("w:instrText"))
    instr.text = " PAGE "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r = etree.SubElement(p, W("w:r"))
    etree.SubElement(r, W("w:fldChar")).set(W("w:fldCharType"), "separate")
    r = etree.SubElement(p, W("w:r"))
    etree.SubElement(r, W("w:t")).text = "2"
    r = etree.SubElement(p, W("w:r"))
    etree.SubElement(r, W("w:fldChar")).set(W("w:fldCharType"), "end")
    first = section.first_page_header
    first.is_linked_to_previous = False
    fp = first.paragraphs[0]._p
    fppr = fp.get_or_add_pPr()
    fppr.get_or_add_pStyle().set(W("w:val"), _sid("pagenum"))


def _restart_numbering(section: Any) -> None:
    sect_pr = section._sectPr
    existing = sect_pr.find(W("w:pgNumType"))
    if existing is not None:
        sect_pr.remove(existing)
    pg = etree.Element(W("w:pgNumType"))
    pg.set(W("w:start"), "1")
    # Schema order: pgNumType comes after pgMar/paperSrc/pgBorders/lnNumType.
    anchor = sect_pr.find(W("w:pgMar"))
    anchor.addnext(pg)


def _mark_section_end(body: Any) -> None:
    """Style the empty paragraph python-docx adds to carry a section break."""
    for p in reversed(body.findall(W("w:p"))):
        ppr = p.find(W("w:pPr"))
        if ppr is not None and ppr.find(W("w:sectPr")) is not None:
            style = etree.Element(W("w:pStyle"))
            style.set(W("w:val"), _sid("secend"))
            ppr.insert(0, style)
            return


def render_docx(doc: AdminDocument, path: str | Path) -> Path:
    """Write ``doc`` as a Word file at ``path`` (atomically). Returns the path."""
    doc = doc.normalized()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    document = Document()
    _install_styles(document)
    body = document.element.body
    for child in list(body):
        if child.tag != W("w:sectPr"):
            body.remove(child)
    main = document.sections[0]
    _setup_section(main, landscape=False)
    _page_number_header(main)
    sect_pr = body.find(W("w:sectPr"))

    def add(elements: list[etree._Element]) -> None:
        anchor = body.find(W("w:sectPr"))
        for el in elements:
            anchor.addprevious(el)

    add([_header_table(doc)])
    add(_title(doc))
    add(_body(doc))
    add([_signature_table(doc)])
    for appendix in doc.appendices:
        section = document.add_section(WD_SECTION.NEW_PAGE)
        _mark_section_end(body)
        _setup_section(section, landscape=appendix.landscape)
        _restart_numbering(section)
        add(_appendix(appendix))
    if not doc.appendices:
        add([_para("secend")])
    del sect_pr
    props = document.core_properties
    props.title = doc.title or doc.summary
    props.subject = doc.summary
    props.author = " ".join(doc.header.agency_lines)
    props.language = "vi-VN"
    props.comments = f"nq57-tracker {program_version()}"
    try:
        document.save(str(tmp))
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return target
