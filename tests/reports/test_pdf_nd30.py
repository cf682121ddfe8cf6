"""The PDF of the demo report against the PDF checks of the Decree 30
checklist (shared/nd30-bao-cao-spec.md, "How a checker can verify it"),
read back with pdfplumber and pypdf.

Font names: with the real Times New Roman (Windows) the embedded fonts are
``TimesNewRomanPSMT``, ``TimesNewRomanPS-BoldMT`` ...; on machines without it
the program embeds Liberation Serif, which has the same metrics, named
``LiberationSerif``, ``LiberationSerif-Bold`` ... . Both are accepted here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader

ReportFiles = Any  # tests/reports/conftest.py

MM = 72 / 25.4
TOP_BAND = 20 * MM  # the top margin
FAMILY = re.compile(r"TimesNewRoman|LiberationSerif")


@pytest.fixture(scope="module")
def pdf(issued_report: ReportFiles) -> Any:
    with pdfplumber.open(str(issued_report.pdf)) as document:
        yield document


def lines_of(page: Any, *, top: float = 0, bottom: float = 1e9) -> list[list[dict[str, Any]]]:
    """Characters grouped into text lines (same baseline), top to bottom."""
    rows: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for ch in page.chars:
        if top <= ch["top"] <= bottom:
            rows[round(ch["bottom"])].append(ch)
    merged: list[list[dict[str, Any]]] = []
    for key in sorted(rows):
        if merged and abs(round(merged[-1][0]["bottom"]) - key) <= 1:
            merged[-1].extend(rows[key])
        else:
            merged.append(list(rows[key]))
    return [sorted(r, key=lambda c: c["x0"]) for r in merged]


def text(chars: list[dict[str, Any]]) -> str:
    out = ""
    last = None
    for ch in chars:
        if last is not None and ch["x0"] - last["x1"] > ch["size"] * 0.15 and not out.endswith(" "):
            out += " "
        out += ch["text"]
        last = ch
    return re.sub(r"\s+", " ", out.replace("\xa0", " ")).strip()


def find_line(page: Any, pattern: str) -> list[dict[str, Any]]:
    """The characters of the part of a line matching ``pattern`` (a line may
    hold two columns, e.g. the agency name and the national name)."""
    for row in lines_of(page):
        for segment in _segments(row):
            if re.fullmatch(pattern, text(segment)):
                return segment
    raise AssertionError(f"no line matching {pattern!r}")


def _segments(row: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Split a line where the gap is wider than 3 spaces (two columns)."""
    out = [[row[0]]]
    for prev, ch in zip(row, row[1:], strict=False):
        if ch["x0"] - prev["x1"] > ch["size"] * 1.5:
            out.append([])
        out[-1].append(ch)
    return out


def style_of(chars: list[dict[str, Any]]) -> tuple[set[str], set[float]]:
    visible = [c for c in chars if c["text"].strip()]
    return {c["fontname"] for c in visible}, {round(c["size"], 1) for c in visible}


def is_bold(name: str) -> bool:
    return "Bold" in name


def is_italic(name: str) -> bool:
    return "Italic" in name


def width(chars: list[dict[str, Any]]) -> float:
    visible = [c for c in chars if c["text"].strip()]
    return max(c["x1"] for c in visible) - min(c["x0"] for c in visible)


def portrait_pages(pdf: Any) -> list[Any]:
    return [p for p in pdf.pages if p.height > p.width]


# ---------------------------------------------------------------------------
# Page and fonts
# ---------------------------------------------------------------------------


def test_pages_are_a4(pdf: Any) -> None:
    main = portrait_pages(pdf)
    assert 4 <= len(main) <= 10  # a monthly report of 4-8 pages, with some slack
    for page in pdf.pages:
        w, h = sorted((page.width, page.height))
        assert abs(w - 595.3) < 0.5 and abs(h - 841.9) < 0.5
    assert all(p.width > p.height for p in pdf.pages[len(main) :])  # appendices landscape


def test_every_char_is_the_report_serif(pdf: Any) -> None:
    names = {c["fontname"] for page in pdf.pages for c in page.chars}
    assert names and all(FAMILY.search(n) for n in names), names


def test_fonts_are_embedded_and_text_is_extractable(issued_report: ReportFiles) -> None:
    reader = PdfReader(str(issued_report.pdf))
    embedded = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile2", "/FontFile", "/FontFile3"))
            embedded.add(str(font["/BaseFont"]))
            assert "/ToUnicode" in font
    assert any("Bold" in n for n in embedded) and any("Italic" in n for n in embedded)
    first = reader.pages[0].extract_text()
    for phrase in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO"):
        assert phrase in first


# ---------------------------------------------------------------------------
# Header, type name, summary: text, faces, sizes
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "bold", "italic", "sizes"),
    [
        ("ỦY BAN NHÂN DÂN", True, False, (12, 13)),
        ("XÃ THƯỢNG HỒNG", True, False, (12, 13)),
        (r"Số: 05/BC-UBND", False, False, (13, 13)),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False, (12, 13)),
        ("Độc lập - Tự do - Hạnh phúc", True, False, (13, 14)),
        (r"Thượng Hồng, ngày 05 tháng 11 năm 2026", False, True, (13, 14)),
        ("BÁO CÁO", True, False, (13, 14)),
        (r"Kết quả thực hiện Kế hoạch triển khai", True, False, (13, 14)),
    ],
)
def test_first_page_parts(
    pdf: Any, pattern: str, bold: bool, italic: bool, sizes: tuple[int, int]
) -> None:
    chars = find_line(pdf.pages[0], pattern)
    names, found = style_of(chars)
    assert all(is_bold(n) == bold and is_italic(n) == italic for n in names), names
    assert all(sizes[0] <= s <= sizes[1] for s in found), found


def test_number_and_date_share_a_line(pdf: Any) -> None:
    number = find_line(pdf.pages[0], r"Số: 05/BC-UBND")
    date = find_line(pdf.pages[0], r"Thượng Hồng, ngày .+")
    assert abs(number[0]["bottom"] - date[0]["bottom"]) < 3


def test_header_columns_are_centred(pdf: Any) -> None:
    page = pdf.pages[0]
    agency = find_line(page, "ỦY BAN NHÂN DÂN")
    commune = find_line(page, "XÃ THƯỢNG HỒNG")
    number = find_line(page, r"Số: 05/BC-UBND")
    centres = [
        (min(c["x0"] for c in x) + max(c["x1"] for c in x)) / 2 for x in (agency, commune, number)
    ]
    assert max(centres) - min(centres) < 2
    national = find_line(page, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    motto = find_line(page, "Độc lập - Tự do - Hạnh phúc")
    date = find_line(page, r"Thượng Hồng, ngày .+")
    centres = [
        (min(c["x0"] for c in x) + max(c["x1"] for c in x)) / 2 for x in (national, motto, date)
    ]
    assert max(centres) - min(centres) < 2


def _rule_under(page: Any, chars: list[dict[str, Any]]) -> dict[str, Any]:
    bottom = max(c["bottom"] for c in chars)
    x0, x1 = min(c["x0"] for c in chars), max(c["x1"] for c in chars)
    below = [
        ln
        for ln in page.lines
        if abs(ln["top"] - ln["bottom"]) < 1
        and 0 <= ln["top"] - bottom <= 8
        and ln["x0"] >= x0 - 5
        and ln["x1"] <= x1 + 5
    ]
    assert len(below) == 1, below
    return below[0]


def test_rules_under_agency_motto_and_summary(pdf: Any) -> None:
    page = pdf.pages[0]
    commune = find_line(page, "XÃ THƯỢNG HỒNG")
    rule = _rule_under(page, commune)
    assert 0.33 <= (rule["x1"] - rule["x0"]) / width(commune) <= 0.5
    motto = find_line(page, "Độc lập - Tự do - Hạnh phúc")
    rule = _rule_under(page, motto)
    assert 0.95 <= (rule["x1"] - rule["x0"]) / width(motto) <= 1.05
    first = find_line(page, r"Kết quả thực hiện Kế hoạch triển khai")
    last = find_line(page, r"Nghị quyết số 57-NQ/TW tháng 10 năm 2026")
    rule = _rule_under(page, last)
    for line in (first, last):
        assert 0.33 <= (rule["x1"] - rule["x0"]) / width(line) <= 0.5
    # Each rule is centred under its text.
    for chars in (commune, motto, last):
        rule = _rule_under(page, chars)
        centre = (min(c["x0"] for c in chars) + max(c["x1"] for c in chars)) / 2
        assert abs((rule["x0"] + rule["x1"]) / 2 - centre) < 2


def test_body_text_faces_and_size(pdf: Any) -> None:
    page = pdf.pages[0]
    heading = find_line(page, r"I\. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI")
    names, found = style_of(heading)
    assert all(is_bold(n) and not is_italic(n) for n in names) and found <= {14.0}
    body = [row for row in lines_of(page) if text(row).startswith("Thực hiện Kế hoạch")]
    names, found = style_of(body[0])
    assert all(not is_bold(n) and not is_italic(n) for n in names)
    assert found == {14.0}


# ---------------------------------------------------------------------------
# Page numbers
# ---------------------------------------------------------------------------


def _band_text(page: Any) -> tuple[str, list[dict[str, Any]]]:
    chars = [c for c in page.chars if c["top"] < TOP_BAND]
    return "".join(c["text"] for c in chars).strip(), chars


def test_page_numbers_in_the_top_margin(pdf: Any) -> None:
    main = portrait_pages(pdf)
    band, _ = _band_text(main[0])
    assert not re.search(r"\d", band)
    for n, page in enumerate(main[1:], start=2):
        band, chars = _band_text(page)
        assert band == str(n)
        centre = (min(c["x0"] for c in chars) + max(c["x1"] for c in chars)) / 2
        assert abs(centre - (30 + 165 / 2) * MM) < 3  # centred over the text
        assert all(not is_bold(c["fontname"]) and not is_italic(c["fontname"]) for c in chars)
        assert {round(c["size"]) for c in chars} <= {13, 14}


def test_each_appendix_is_numbered_on_its_own(pdf: Any) -> None:
    appendix_pages = [p for p in pdf.pages if p.width > p.height]
    starts = [
        i
        for i, p in enumerate(appendix_pages)
        if re.search(r"Phụ lục (I|II)\b", p.extract_text() or "")
    ]
    assert len(starts) == 2
    for begin, end in ((starts[0], starts[1]), (starts[1], len(appendix_pages))):
        first_band, _ = _band_text(appendix_pages[begin])
        assert not re.search(r"\d", first_band)
        for k, page in enumerate(appendix_pages[begin + 1 : end], start=2):
            band, chars = _band_text(page)
            assert band == str(k)
            centre = (min(c["x0"] for c in chars) + max(c["x1"] for c in chars)) / 2
            assert abs(centre - (30 + 252 / 2) * MM) < 3
        assert end - begin >= 2  # both appendices run over several pages


def test_table_headers_repeat_on_every_appendix_page(pdf: Any) -> None:
    for page in (p for p in pdf.pages if p.width > p.height):
        rows = [text(r) for r in lines_of(page, top=TOP_BAND)]
        start = 3 if rows[0].startswith("Phụ lục") else 0  # label, title, reference
        head = rows[start : start + 8]
        assert any(r.startswith("STT ") for r in head), head
        numbers = next(r for r in head if r.startswith("(1)"))
        assert re.fullmatch(r"\(1\)( \(\d\))+", numbers)


# ---------------------------------------------------------------------------
# Signature and Nơi nhận
# ---------------------------------------------------------------------------


def test_signature_and_noi_nhan(pdf: Any) -> None:
    page = next(p for p in portrait_pages(pdf) if "Nơi nhận:" in (p.extract_text() or ""))
    title = find_line(page, "Nơi nhận:")
    names, found = style_of(title)
    assert all(is_bold(n) and is_italic(n) for n in names) and found == {12.0}
    authority = find_line(page, "TM. ỦY BAN NHÂN DÂN")
    assert abs(authority[0]["top"] - title[0]["top"]) < 4  # same row
    names, found = style_of(authority)
    assert all(is_bold(n) for n in names) and found <= {13.0, 14.0}
    for pattern in ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Hưng"):
        names, _ = style_of(find_line(page, pattern))
        assert all(is_bold(n) and not is_italic(n) for n in names)
    entry = find_line(page, r"- Như trên;")
    names, found = style_of(entry)
    assert all(not is_bold(n) and not is_italic(n) for n in names) and found == {11.0}
    find_line(page, r"- Lưu: VT, VHXH\.")
    title_gap = (
        find_line(page, "Nguyễn Văn Hưng")[0]["top"] - find_line(page, "PHÓ CHỦ TỊCH")[0]["bottom"]
    )
    assert title_gap >= 25 * MM * 0.95
    # The body's closing mark sits just above.
    assert "./." in (page.extract_text() or "")


def test_draft_pdf_shows_blank_number(draft_report: ReportFiles) -> None:
    with pdfplumber.open(str(draft_report.pdf)) as document:
        page = document.pages[0]
        number = find_line(page, r"Số: */BC-UBND")
        gap = [c for c in number if c["text"] in (" ", "\xa0")]
        assert sum(c["x1"] - c["x0"] for c in gap) > 10  # room for the clerk's number
        find_line(page, r"Thượng Hồng, ngày +tháng +năm 2026")
