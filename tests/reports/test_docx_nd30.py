"""The Word file of the demo report against every DOCX check of the Decree 30
checklist (shared/nd30-bao-cao-spec.md, "How a checker can verify it").

Properties are resolved the way Word does: run formatting, then the
paragraph style and the styles it is based on, then the document defaults.
Sizes are half-points (sz 28 = 14 pt); lengths twips.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import docx
import pytest
from docx.document import Document
from lxml import etree

ReportFiles = Any  # tests/reports/conftest.py

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TNR = "Times New Roman"


# ---------------------------------------------------------------------------
# Style resolution
# ---------------------------------------------------------------------------


class Resolver:
    """Effective paragraph and run properties of a python-docx document."""

    def __init__(self, document: Document) -> None:
        el = document.styles.element
        self.styles = {s.get(W + "styleId"): s for s in el.findall(W + "style")}
        self.default_style = next(
            (
                sid
                for sid, s in self.styles.items()
                if s.get(W + "type") == "paragraph" and s.get(W + "default") in ("1", "true")
            ),
            None,
        )
        defaults = el.find(W + "docDefaults")
        self.rpr_default = defaults.find(f"{W}rPrDefault/{W}rPr")
        self.ppr_default = defaults.find(f"{W}pPrDefault/{W}pPr")

    def style_chain(self, p: etree._Element) -> list[etree._Element]:
        ppr = p.find(W + "pPr")
        sid = None
        if ppr is not None and ppr.find(W + "pStyle") is not None:
            sid = ppr.find(W + "pStyle").get(W + "val")
        sid = sid or self.default_style
        chain = []
        while sid and sid in self.styles:
            style = self.styles[sid]
            chain.append(style)
            based = style.find(W + "basedOn")
            sid = based.get(W + "val") if based is not None else None
        return chain

    def _rpr_levels(self, p: etree._Element, r: etree._Element | None) -> list[etree._Element]:
        levels = []
        if r is not None and r.find(W + "rPr") is not None:
            levels.append(r.find(W + "rPr"))
        for style in self.style_chain(p):
            if style.find(W + "rPr") is not None:
                levels.append(style.find(W + "rPr"))
        if self.rpr_default is not None:
            levels.append(self.rpr_default)
        return levels

    def _ppr_levels(self, p: etree._Element) -> list[etree._Element]:
        levels = []
        if p.find(W + "pPr") is not None:
            levels.append(p.find(W + "pPr"))
        for style in self.style_chain(p):
            if style.find(W + "pPr") is not None:
                levels.append(style.find(W + "pPr"))
        if self.ppr_default is not None:
            levels.append(self.ppr_default)
        return levels

    def run_attr(
        self, p: etree._Element, r: etree._Element | None, tag: str, attr: str
    ) -> str | None:
        for level in self._rpr_levels(p, r):
            el = level.find(W + tag)
            if el is not None and el.get(W + attr) is not None:
                return el.get(W + attr)
        return None

    def run_toggle(self, p: etree._Element, r: etree._Element | None, tag: str) -> bool:
        for level in self._rpr_levels(p, r):
            el = level.find(W + tag)
            if el is not None:
                return el.get(W + "val") not in ("0", "false", "off")
        return False

    def run_has(
        self, p: etree._Element, r: etree._Element | None, tag: str
    ) -> etree._Element | None:
        for level in self._rpr_levels(p, r):
            el = level.find(W + tag)
            if el is not None:
                return el
        return None

    def para_attr(self, p: etree._Element, tag: str, attr: str) -> str | None:
        for level in self._ppr_levels(p):
            el = level.find(W + tag)
            if el is not None and el.get(W + attr) is not None:
                return el.get(W + attr)
        return None

    def para_has(self, p: etree._Element, tag: str) -> etree._Element | None:
        for level in self._ppr_levels(p):
            el = level.find(W + tag)
            if el is not None:
                return el
        return None


def text_of(p: etree._Element) -> str:
    """Text as python-docx reads it: a line break is a newline."""
    parts = []
    for el in p.iter(W + "t", W + "br"):
        parts.append("\n" if el.tag == W + "br" else (el.text or ""))
    return "".join(parts)


def runs(p: etree._Element) -> list[etree._Element]:
    return [r for r in p.iter(W + "r") if any((t.text or "") for t in r.iter(W + "t"))]


def sizes(res: Resolver, p: etree._Element) -> set[int]:
    return {int(res.run_attr(p, r, "sz", "val") or 0) for r in runs(p)}


def all_bold(res: Resolver, p: etree._Element) -> bool:
    return all(res.run_toggle(p, r, "b") for r in runs(p))


def all_italic(res: Resolver, p: etree._Element) -> bool:
    return all(res.run_toggle(p, r, "i") for r in runs(p))


def none_bold(res: Resolver, p: etree._Element) -> bool:
    return not any(res.run_toggle(p, r, "b") for r in runs(p))


def none_italic(res: Resolver, p: etree._Element) -> bool:
    return not any(res.run_toggle(p, r, "i") for r in runs(p))


def jc(res: Resolver, p: etree._Element) -> str | None:
    return res.para_attr(p, "jc", "val")


def has_rule(res: Resolver, p: etree._Element) -> bool:
    """A paragraph border (top or bottom) or a drawn shape: a rule."""
    bdr = res.para_has(p, "pBdr")
    if bdr is not None and any(
        (side := bdr.find(W + name)) is not None and side.get(W + "val") not in ("nil", "none")
        for name in ("top", "bottom")
    ):
        return True
    return bool(list(p.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}graphic")))


def body_items(document: Document) -> Iterator[etree._Element]:
    for child in document.element.body:
        if child.tag in (W + "p", W + "tbl"):
            yield child


def cell_paragraphs(tc: etree._Element) -> list[etree._Element]:
    return tc.findall(W + "p")


def nonempty(ps: list[etree._Element]) -> list[etree._Element]:
    return [p for p in ps if text_of(p).strip()]


# ---------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def doc(issued_report: ReportFiles) -> Document:
    return docx.Document(str(issued_report.docx))


@pytest.fixture(scope="module")
def res(doc: Document) -> Resolver:
    return Resolver(doc)


@pytest.fixture(scope="module")
def tables(doc: Document) -> list[etree._Element]:
    return [el for el in body_items(doc) if el.tag == W + "tbl"]


@pytest.fixture(scope="module")
def header_cells(tables: list[etree._Element]) -> tuple[list[Any], list[Any]]:
    first = tables[0]
    rows = first.findall(W + "tr")
    cells = [tc for tr in rows for tc in tr.findall(W + "tc")]
    assert len(first.find(W + "tblGrid").findall(W + "gridCol")) == 2
    left = [p for tc in cells[0::2] for p in cell_paragraphs(tc)]
    right = [p for tc in cells[1::2] for p in cell_paragraphs(tc)]
    return left, right


def _signature_table(tables: list[etree._Element]) -> etree._Element:
    for tbl in tables:
        if any(text_of(p).strip() == "Nơi nhận:" for p in tbl.iter(W + "p")):
            return tbl
    raise AssertionError("no table with 'Nơi nhận:'")


def _main_body(doc: Document, tables: list[etree._Element]) -> list[etree._Element]:
    """Paragraphs between the summary block and the signature table."""
    items = list(body_items(doc))
    start = next(i for i, el in enumerate(items) if el.tag == W + "p" and text_of(el) == "BÁO CÁO")
    end = items.index(_signature_table(tables))
    out = []
    seen_rule = False
    for el in items[start + 1 : end]:
        if el.tag != W + "p":
            continue
        text = text_of(el).strip()
        if not seen_rule:
            seen_rule = not text  # the rule under the summary
            continue
        if (
            not text
            or text.startswith("Kính gửi")
            or (
                el.find(f"{W}pPr/{W}pStyle") is not None
                and el.find(f"{W}pPr/{W}pStyle").get(W + "val") == "BCKinhGui"
            )
        ):
            continue
        out.append(el)
    return out


# ---------------------------------------------------------------------------
# 1. Page
# ---------------------------------------------------------------------------


def test_every_section_is_a4_with_decree_margins(doc: Document) -> None:
    sect_prs = list(doc.element.body.iter(W + "sectPr"))
    assert len(sect_prs) == 3  # main text, Phụ lục I, Phụ lục II
    for i, sect in enumerate(sect_prs):
        size = sect.find(W + "pgSz")
        w, h = int(size.get(W + "w")), int(size.get(W + "h"))
        if i == 0:
            assert (w, h) == (11906, 16838)
            assert size.get(W + "orient") in (None, "portrait")
        else:
            assert (w, h) == (16838, 11906)
            assert size.get(W + "orient") == "landscape"
        mar = sect.find(W + "pgMar")
        assert 1134 - 3 <= int(mar.get(W + "top")) <= 1417 + 3
        assert 1134 - 3 <= int(mar.get(W + "bottom")) <= 1417 + 3
        assert 1701 - 3 <= int(mar.get(W + "left")) <= 1984 + 3
        assert 850 - 3 <= int(mar.get(W + "right")) <= 1134 + 3


# ---------------------------------------------------------------------------
# 2. Fonts and colour of every run (body, tables, headers)
# ---------------------------------------------------------------------------


def _all_parts(doc: Document) -> Iterator[etree._Element]:
    yield doc.element.body
    for section in doc.sections:
        for hdr in (section.header, section.first_page_header, section.footer):
            if not hdr.is_linked_to_previous:
                yield hdr._element


def test_every_run_is_times_new_roman_and_black(doc: Document, res: Resolver) -> None:
    checked = 0
    for part in _all_parts(doc):
        for p in part.iter(W + "p"):
            for r in p.iter(W + "r"):
                if (
                    not any((t.text or "") for t in r.iter(W + "t"))
                    and r.find(W + "instrText") is None
                ):
                    continue
                for attr in ("ascii", "hAnsi", "cs"):
                    assert res.run_attr(p, r, "rFonts", attr) == TNR, (text_of(p), attr)
                color = res.run_has(p, r, "color")
                if color is not None:
                    assert color.get(W + "val") in ("auto", "000000"), text_of(p)
                checked += 1
    assert checked > 200


def test_styles_name_times_new_roman_for_east_asian_text_too(doc: Document, res: Resolver) -> None:
    assert res.rpr_default.find(W + "rFonts").get(W + "eastAsia") == TNR
    for sid, style in res.styles.items():
        if sid.startswith("BC"):
            fonts = style.find(f"{W}rPr/{W}rFonts")
            assert fonts is not None and fonts.get(W + "eastAsia") == TNR, sid


# ---------------------------------------------------------------------------
# 3. Page numbers
# ---------------------------------------------------------------------------


def test_main_section_numbers_pages_from_two_in_the_header(doc: Document, res: Resolver) -> None:
    main = doc.sections[0]
    assert main.different_first_page_header_footer  # titlePg
    assert main._sectPr.find(W + "titlePg") is not None
    first = main.first_page_header
    assert not first.is_linked_to_previous
    assert "".join(text_of(p) for p in first._element.iter(W + "p")).strip() == ""
    header = main.header._element
    paragraphs = header.findall(W + "p")
    field = [
        p
        for p in paragraphs
        if "PAGE" in "".join(t.text or "" for t in p.iter(W + "instrText"))
        or any("PAGE" in (f.get(W + "instr") or "") for f in p.iter(W + "fldSimple"))
    ]
    assert len(field) == 1
    p = field[0]
    assert jc(res, p) == "center"
    for r in p.iter(W + "r"):
        assert 26 <= int(res.run_attr(p, r, "sz", "val")) <= 28
        assert not res.run_toggle(p, r, "b") and not res.run_toggle(p, r, "i")


def test_each_appendix_section_restarts_numbering(doc: Document) -> None:
    for section in doc.sections[1:]:
        pg = section._sectPr.find(W + "pgNumType")
        assert pg is not None and pg.get(W + "start") == "1"


# ---------------------------------------------------------------------------
# 4. Header table
# ---------------------------------------------------------------------------


def test_header_left_column(res: Resolver, header_cells: tuple[list[Any], list[Any]]) -> None:
    left, _right = header_cells
    texts = [text_of(p) for p in left]
    assert texts[0] == "ỦY BAN NHÂN DÂN"
    assert texts[1] == "XÃ THƯỢNG HỒNG"
    for p in left[:2]:
        assert all_bold(res, p) and text_of(p).isupper()
        assert sizes(res, p) <= set(range(24, 27))
        assert jc(res, p) == "center"
    rule, number = left[2], left[3]
    assert text_of(rule) == "" and has_rule(res, rule)
    assert re.fullmatch(r"Số: *(\d{2,})?/BC-UBND", text_of(number)), text_of(number)
    assert text_of(number) == "Số: 05/BC-UBND"
    assert sizes(res, number) == {26}
    assert none_bold(res, number) and none_italic(res, number)
    assert jc(res, number) == "center"


def test_header_right_column(res: Resolver, header_cells: tuple[list[Any], list[Any]]) -> None:
    _left, right = header_cells
    national, motto, rule, date = right[:4]
    assert text_of(national) in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    )
    assert all_bold(res, national) and sizes(res, national) <= set(range(24, 27))
    assert text_of(motto) == "Độc lập - Tự do - Hạnh phúc"
    assert all_bold(res, motto) and sizes(res, motto) <= set(range(26, 29))
    assert text_of(rule) == "" and has_rule(res, rule)
    assert re.fullmatch(
        r"[^,]+, ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}", text_of(date)
    )
    assert text_of(date) == "Thượng Hồng, ngày 05 tháng 11 năm 2026"
    assert all_italic(res, date) and sizes(res, date) <= set(range(26, 29))
    for p in (national, motto, rule, date):
        assert jc(res, p) == "center"


def test_header_table_has_no_borders(tables: list[etree._Element]) -> None:
    borders = tables[0].find(f"{W}tblPr/{W}tblBorders")
    assert borders is not None
    assert all(el.get(W + "val") in ("nil", "none") for el in borders)


# ---------------------------------------------------------------------------
# 5.-6. Type name, summary, Kính gửi
# ---------------------------------------------------------------------------


def _title_block(doc: Document) -> list[etree._Element]:
    ps = [el for el in body_items(doc) if el.tag == W + "p"]
    start = next(i for i, p in enumerate(ps) if text_of(p) == "BÁO CÁO")
    return ps[start:]


def test_type_name_and_summary(doc: Document, res: Resolver) -> None:
    block = _title_block(doc)
    type_name, summary, rule = block[0], block[1], block[2]
    assert all_bold(res, type_name) and jc(res, type_name) == "center"
    assert text_of(type_name).isupper()
    assert sizes(res, type_name) <= set(range(26, 29))
    text = text_of(summary)
    assert " ".join(text.split()) == (
        "Kết quả thực hiện Kế hoạch triển khai Nghị quyết số 57-NQ/TW tháng 10 năm 2026"
    )
    assert not text.isupper() and text[0].isupper()
    assert all_bold(res, summary) and jc(res, summary) == "center"
    assert sizes(res, summary) <= set(range(26, 29))
    assert text_of(rule) == "" and has_rule(res, rule)


def test_kinh_gui_lists_each_recipient_on_its_own_line(doc: Document, res: Resolver) -> None:
    block = _title_block(doc)
    label = next(i for i, p in enumerate(block) if text_of(p).startswith("Kính gửi"))
    assert text_of(block[label]) == "Kính gửi:"
    lines = []
    for p in block[label + 1 :]:
        if not text_of(p).startswith("- "):
            break
        lines.append(p)
    assert len(lines) == 2
    for p in lines[:-1]:
        assert re.fullmatch(r"- .+;", text_of(p))
    assert re.fullmatch(r"- .+\.", text_of(lines[-1]))
    assert text_of(lines[0]) == "- Ủy ban nhân dân thành phố Hải Phòng;"
    for p in [block[label], *lines]:
        assert sizes(res, p) <= {26, 27, 28}
        assert none_bold(res, p) and none_italic(res, p)
    # The dashes line up under the colon of "Kính gửi:".
    label_left = int(res.para_attr(block[label], "ind", "left") or 0)
    dash_lefts = {
        int(res.para_attr(p, "ind", "left")) - int(res.para_attr(p, "ind", "hanging") or 0)
        for p in lines
    }
    assert len(dash_lefts) == 1
    assert dash_lefts.pop() > label_left


# ---------------------------------------------------------------------------
# 7. Body
# ---------------------------------------------------------------------------


def test_body_paragraphs_are_justified_indented_and_spaced(
    doc: Document, res: Resolver, tables: list[etree._Element]
) -> None:
    body = _main_body(doc, tables)
    assert len(body) > 40
    for p in body:
        assert jc(res, p) == "both", text_of(p)
        first = int(res.para_attr(p, "ind", "firstLine") or 0)
        assert abs(first - 567) <= 5 or abs(first - 720) <= 5, text_of(p)
        before = int(res.para_attr(p, "spacing", "before") or 0)
        after = int(res.para_attr(p, "spacing", "after") or 0)
        assert before + after >= 120
        assert res.para_attr(p, "spacing", "lineRule") in (None, "auto")
        assert 240 <= int(res.para_attr(p, "spacing", "line") or 240) <= 360
        assert sizes(res, p) <= {26, 27, 28}
        assert none_italic(res, p)


def test_headings(doc: Document, res: Resolver, tables: list[etree._Element]) -> None:
    body = _main_body(doc, tables)
    level1 = [p for p in body if re.match(r"^[IVX]+\. ", text_of(p))]
    level2 = [p for p in body if re.match(r"^\d+\. ", text_of(p))]
    level3 = [p for p in body if re.match(r"^[a-zđ]\) ", text_of(p))]
    assert [text_of(p).split(".")[0] for p in level1] == ["I", "II", "III", "IV", "V", "VI"]
    for p in level1:
        assert all_bold(res, p) and text_of(p) == text_of(p).upper()
    assert level2
    for p in level2:
        assert all_bold(res, p)
    assert level3
    for p in level3:
        assert none_bold(res, p)


def test_body_ends_with_closing_mark(doc: Document, tables: list[etree._Element]) -> None:
    body = _main_body(doc, tables)
    assert text_of(body[-1]).endswith("./.")


def test_body_refers_to_both_appendices(doc: Document, tables: list[etree._Element]) -> None:
    text = " ".join(text_of(p) for p in _main_body(doc, tables))
    assert "Phụ lục I " in text or "Phụ lục I kèm" in text
    assert "Phụ lục II" in text


# ---------------------------------------------------------------------------
# 8. Signature and Nơi nhận
# ---------------------------------------------------------------------------


def test_noi_nhan_block(res: Resolver, tables: list[etree._Element]) -> None:
    tbl = _signature_table(tables)
    left_cell, right_cell = tbl.find(W + "tr").findall(W + "tc")
    left = nonempty(cell_paragraphs(left_cell))
    assert text_of(left[0]) == "Nơi nhận:"
    assert all_bold(res, left[0]) and all_italic(res, left[0])
    assert sizes(res, left[0]) == {24}
    entries = left[1:]
    assert text_of(entries[0]) == "- Như trên;"
    for p in entries[:-1]:
        assert re.fullmatch(r"- .+;", text_of(p)), text_of(p)
        assert sizes(res, p) == {22}
        assert none_bold(res, p) and none_italic(res, p)
    assert re.fullmatch(r"- Lưu: VT, .+\.", text_of(entries[-1]))
    assert text_of(entries[-1]) == "- Lưu: VT, VHXH."
    assert sizes(res, entries[-1]) == {22}
    assert res.para_attr(left[0], "jc", "val") in (None, "left", "start")


def test_signature_block(res: Resolver, tables: list[etree._Element]) -> None:
    tbl = _signature_table(tables)
    _left_cell, right_cell = tbl.find(W + "tr").findall(W + "tc")
    right = nonempty(cell_paragraphs(right_cell))
    assert [text_of(p) for p in right[:3]] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    ]
    for p in right[:3]:
        assert all_bold(res, p) and sizes(res, p) <= {26, 27, 28}
        assert jc(res, p) == "center"
    name = right[-1]
    assert text_of(name) == "Nguyễn Văn Hưng"
    assert all_bold(res, name) and not text_of(name).isupper()
    assert jc(res, name) == "center"
    # A gap for signature and seal between the title and the name (>= 25 mm).
    paragraphs = cell_paragraphs(right_cell)
    gap = paragraphs[paragraphs.index(right[2]) + 1 : paragraphs.index(name)]
    height = sum(int(res.para_attr(p, "spacing", "line") or 0) for p in gap) / 20  # pt
    assert height >= 25 / 25.4 * 72 * 0.95


# ---------------------------------------------------------------------------
# 9. String order
# ---------------------------------------------------------------------------


def _document_strings(doc: Document) -> list[str]:
    out = []
    for el in body_items(doc):
        if el.tag == W + "p":
            out.append(text_of(el))
        else:
            for tr in el.findall(W + "tr"):
                for tc in tr.findall(W + "tc"):
                    out += [text_of(p) for p in tc.findall(W + "p")]
    return out


def test_parts_come_in_decree_order(doc: Document) -> None:
    strings = _document_strings(doc)

    def pos(predicate: Any) -> int:
        return next(i for i, s in enumerate(strings) if predicate(s))

    order = [
        pos(lambda s: s == "ỦY BAN NHÂN DÂN"),
        pos(lambda s: s.startswith("Số:")),
        pos(lambda s: s.startswith("CỘNG HÒA")),
        pos(lambda s: s.startswith("Độc lập")),
        pos(lambda s: ", ngày " in s),
        pos(lambda s: s == "BÁO CÁO"),
        pos(lambda s: s.startswith("Kết quả thực hiện Kế hoạch")),
        pos(lambda s: s.startswith("Kính gửi")),
        pos(lambda s: s.startswith("I. ")),
        pos(lambda s: s == "Nơi nhận:"),
        pos(lambda s: re.fullmatch(r"Phụ lục [IVX]+", s) is not None),
    ]
    assert order == sorted(order)
    assert pos(lambda s: s.startswith("TM. ")) < pos(lambda s: s == "Phụ lục I")


# ---------------------------------------------------------------------------
# 10. Appendices
# ---------------------------------------------------------------------------


def test_appendix_titles(doc: Document, res: Resolver) -> None:
    ps = [el for el in body_items(doc) if el.tag == W + "p"]
    labels = [i for i, p in enumerate(ps) if re.fullmatch(r"Phụ lục [IVX]+", text_of(p))]
    assert [text_of(ps[i]) for i in labels] == ["Phụ lục I", "Phụ lục II"]
    for i in labels:
        label, title, reference = ps[i], ps[i + 1], ps[i + 2]
        assert all_bold(res, label) and sizes(res, label) == {28} and jc(res, label) == "center"
        assert none_italic(res, label)
        assert text_of(title) == text_of(title).upper() and all_bold(res, title)
        assert jc(res, title) == "center"
        assert re.fullmatch(
            r"\(Kèm theo Báo cáo số .*/BC-UBND ngày .+ của .+\)", text_of(reference)
        )
        assert text_of(reference) == (
            "(Kèm theo Báo cáo số 05/BC-UBND ngày 05 tháng 11 năm 2026 "
            "của Ủy ban nhân dân xã Thượng Hồng)"
        )
        assert all_italic(res, reference) and jc(res, reference) == "center"
        assert sizes(res, reference) <= {26, 27, 28}
        assert has_rule(res, ps[i + 3])


def test_appendix_tables_repeat_their_header_rows(tables: list[etree._Element]) -> None:
    data_tables = [t for t in tables if len(t.find(W + "tblGrid").findall(W + "gridCol")) >= 6]
    assert len(data_tables) == 2
    tasks, indicators = data_tables
    first_cells = [text_of(p) for p in tasks.find(W + "tr").iter(W + "p")]
    assert first_cells == [
        "STT",
        "Nhiệm vụ",
        "Cơ quan chủ trì",
        "Thời hạn",
        "Kết quả thực hiện",
        "Tình trạng",
    ]
    for tbl, header_rows in ((tasks, 2), (indicators, 3)):
        rows = tbl.findall(W + "tr")
        for tr in rows[:header_rows]:
            assert tr.find(f"{W}trPr/{W}tblHeader") is not None
        assert all(tr.find(f"{W}trPr/{W}tblHeader") is None for tr in rows[header_rows:])
        borders = tbl.find(f"{W}tblPr/{W}tblBorders")
        assert all(el.get(W + "val") == "single" for el in borders)
    # One row per task and per indicator, besides group rows.
    assert len(tasks.findall(W + "tr")) > 54
    assert len(indicators.findall(W + "tr")) > 38


def test_formatting_lives_in_named_styles(doc: Document) -> None:
    """Editable in Word: paragraphs name a custom style; direct run formatting
    is limited to bold lead-ins."""
    body = doc.element.body
    styled = unstyled = 0
    for p in body.iter(W + "p"):
        if not text_of(p).strip():
            continue
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(W + "val").startswith("BC"):
            styled += 1
        else:
            unstyled += 1
        for r in p.iter(W + "r"):
            rpr = r.find(W + "rPr")
            if rpr is not None:
                assert {etree.QName(c).localname for c in rpr} <= {"b", "bCs", "i", "iCs"}
                assert rpr.find(W + "sz") is None and rpr.find(W + "rFonts") is None
    assert unstyled == 0 and styled > 300
    names = {s.name for s in doc.styles}
    assert {"BC Nội dung", "BC Đề mục I", "BC Nơi nhận"} <= names


# ---------------------------------------------------------------------------
# The draft variant
# ---------------------------------------------------------------------------


def test_draft_keeps_blanks_for_the_clerk(draft_report: ReportFiles) -> None:
    document = docx.Document(str(draft_report.docx))
    res = Resolver(document)
    first = next(el for el in body_items(document) if el.tag == W + "tbl")
    texts = [text_of(p) for p in first.iter(W + "p")]
    number = next(t for t in texts if t.startswith("Số:"))
    assert re.fullmatch(r"Số: *(\d{2,})?/BC-UBND", number)
    assert number == "Số:      /BC-UBND"
    date = next(t for t in texts if ", ngày" in t)
    assert re.fullmatch(r"Thượng Hồng, ngày +tháng +năm 2026", date)
    # One upward recipient: on the same line as "Kính gửi:".
    ps = [el for el in body_items(document) if el.tag == W + "p"]
    kinh_gui = [text_of(p) for p in ps if text_of(p).startswith("Kính gửi")]
    assert kinh_gui == ["Kính gửi: Ủy ban nhân dân thành phố Hải Phòng"]
    # The chairman signs: TM. / CHỦ TỊCH / name.
    sig = _signature_table([el for el in body_items(document) if el.tag == W + "tbl"])
    right = nonempty(cell_paragraphs(sig.find(W + "tr").findall(W + "tc")[1]))
    assert [text_of(p) for p in right] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hà Thị Thuý"]
    assert res.run_toggle(right[-1], runs(right[-1])[0], "b")
    refs = [text_of(p) for p in ps if text_of(p).startswith("(Kèm theo")]
    assert refs and all("số      /BC-UBND ngày      tháng      năm 2026" in r for r in refs)
