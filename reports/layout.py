"""Measurements shared by the renderers: page geometry and text widths.

Both the PDF and the Word renderer size the rules under the agency name,
the motto and the summary from the width of the text above them, and break
the summary into balanced lines; they measure with the same font files
(reportlab's metrics of the family found by ``reports.fonts``), so the two
outputs look alike. Any thread may call these functions.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from reports.fonts import STYLES, find_fonts

MM = 72.0 / 25.4  # points per millimetre


@dataclass(frozen=True)
class PageGeometry:
    """A4 with the margins recommended by Decree 30 (20/20/30/15 mm)."""

    width_mm: float = 210.0
    height_mm: float = 297.0
    top_mm: float = 20.0
    bottom_mm: float = 20.0
    left_mm: float = 30.0
    right_mm: float = 15.0
    header_mm: float = 10.0  # distance of the page-number line from the top edge

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - self.left_mm - self.right_mm

    def landscape(self) -> PageGeometry:
        """The same margins on a landscape page (297 x 210 mm)."""
        return PageGeometry(
            width_mm=self.height_mm,
            height_mm=self.width_mm,
            top_mm=self.top_mm,
            bottom_mm=self.bottom_mm,
            left_mm=self.left_mm,
            right_mm=self.right_mm,
            header_mm=self.header_mm,
        )


PORTRAIT = PageGeometry()
LANDSCAPE = PORTRAIT.landscape()

# Sizes (pt) of the document parts, per the checklist's recommendations.
SIZE_BODY = 14.0
SIZE_AGENCY = 13.0
SIZE_NATIONAL = 13.0
SIZE_MOTTO = 14.0
SIZE_NUMBER = 13.0
SIZE_DATE = 14.0
SIZE_NOI_NHAN_TITLE = 12.0
SIZE_NOI_NHAN = 11.0
SIZE_PAGE_NUMBER = 14.0
LINE_MULTIPLE = 1.2  # body line spacing (multiple of single)
SPACE_AFTER = 6.0  # pt after each body paragraph
FIRST_LINE_INDENT_MM = 10.0  # 1 cm = 567 twips
SINGLE_LINE = 1.149  # Times New Roman's single line height, in em

# Header table: left column (agency) and right column (national name).
HEADER_LEFT_MM = 62.0
HEADER_RIGHT_MM = PORTRAIT.text_width_mm - HEADER_LEFT_MM
CELL_PAD_MM = 1.9  # Word's default cell margin (108 twips)
# Bottom table: "Nơi nhận" and the signature.
BOTTOM_LEFT_MM = 78.0
BOTTOM_RIGHT_MM = PORTRAIT.text_width_mm - BOTTOM_LEFT_MM

RULE_RATIO_AGENCY = 0.40  # of the agency line above it
RULE_RATIO_SUMMARY = 0.38  # of the widest summary line
SIGNATURE_GAP_PT = 80.0  # ~28 mm for signature and seal

FONT_FAMILY = "NQ57Serif"
FACE_NAMES = {
    "regular": FONT_FAMILY,
    "bold": FONT_FAMILY + "-Bold",
    "italic": FONT_FAMILY + "-Italic",
    "bold_italic": FONT_FAMILY + "-BoldItalic",
}
_lock = threading.Lock()


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register the report family with reportlab (once); returns its name.

    The four faces are mapped as one family, so ``<b>`` and ``<i>`` in
    paragraphs pick the bold and italic files.
    """
    fonts = find_fonts()
    with _lock:
        for style in STYLES:
            pdfmetrics.registerFont(TTFont(FACE_NAMES[style], str(fonts.path(style))))
        addMapping(FONT_FAMILY, 0, 0, FACE_NAMES["regular"])
        addMapping(FONT_FAMILY, 1, 0, FACE_NAMES["bold"])
        addMapping(FONT_FAMILY, 0, 1, FACE_NAMES["italic"])
        addMapping(FONT_FAMILY, 1, 1, FACE_NAMES["bold_italic"])
        pdfmetrics.registerFontFamily(
            FONT_FAMILY,
            normal=FACE_NAMES["regular"],
            bold=FACE_NAMES["bold"],
            italic=FACE_NAMES["italic"],
            boldItalic=FACE_NAMES["bold_italic"],
        )
    return FONT_FAMILY


def face(*, bold: bool = False, italic: bool = False) -> str:
    register_fonts()
    if bold and italic:
        return FACE_NAMES["bold_italic"]
    if bold:
        return FACE_NAMES["bold"]
    if italic:
        return FACE_NAMES["italic"]
    return FACE_NAMES["regular"]


def text_width(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    """Width in points of ``text`` on one line."""
    return float(pdfmetrics.stringWidth(text, face(bold=bold, italic=italic), size))


def wrap_lines(
    text: str, width: float, size: float, *, bold: bool = False, italic: bool = False
) -> list[str]:
    """Greedy word wrap of ``text`` into lines no wider than ``width`` points."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        trial = f"{current} {word}" if current else word
        if current and text_width(trial, size, bold=bold, italic=italic) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines or [""]


_SINGLE_SPACE = re.compile(r"(?<! ) (?! )")
_GLUE_AFTER = frozenset({"số", "Số", "ngày", "tháng", "năm", "quý", "Quý"})
# Two-syllable words of report titles that a line break must not split.
_COMPOUNDS = frozenset(
    tuple(pair.split())
    for pair in (
        "kế hoạch",
        "nghị quyết",
        "thực hiện",
        "triển khai",
        "kết quả",
        "nhiệm vụ",
        "chỉ tiêu",
        "báo cáo",
        "khoa học",
        "công nghệ",
        "đổi mới",
        "sáng tạo",
        "chuyển đổi",
        "đổi số",
        "ủy ban",
        "nhân dân",
        "tổng hợp",
        "hoàn thành",
        "đánh giá",
        "tình hình",
        "phát triển",
        "chính quyền",
        "hành chính",
        "dịch vụ",
        "trực tuyến",
        "cơ quan",
        "đơn vị",
        "địa phương",
        "quốc gia",
        "bộ chính",
        "chính trị",
        "trung ương",
        "thành phố",
        "xã hội",
        "kinh tế",
        "văn hóa",
        "đột phá",
    )
)


def balanced_lines(
    text: str, width: float, size: float, *, bold: bool = False, italic: bool = False
) -> list[str]:
    """Break ``text`` into the fewest lines that fit ``width``, as even as possible.

    Used for centred titles (the summary, appendix titles): the last line is
    never a stub, and a word such as "số" stays with the number after it.
    """
    tokens: list[str] = []
    # Split at single spaces only: a run of spaces (a draft's blank) stays
    # inside its token, so it is neither broken nor collapsed.
    for word in (w for w in _SINGLE_SPACE.split(text.strip()) if w):
        last = tokens[-1].split(" ")[-1] if tokens else ""
        if tokens and (last in _GLUE_AFTER or (last.lower(), word.lower()) in _COMPOUNDS):
            tokens[-1] = f"{tokens[-1]} {word}"
        else:
            tokens.append(word)
    if not tokens:
        return [""]
    count, current = 1, ""
    for token in tokens:  # greedy count of lines over the tokens
        trial = f"{current} {token}" if current else token
        if current and text_width(trial, size, bold=bold, italic=italic) > width:
            count, current = count + 1, token
        else:
            current = trial
    if count <= 1:
        return [" ".join(tokens)]

    def w(i: int, j: int) -> float:
        return text_width(" ".join(tokens[i:j]), size, bold=bold, italic=italic)

    n = len(tokens)
    # Minimise the widest line over breaks into exactly ``count`` lines
    # (n is small: a title has at most a few dozen words).
    inf = float("inf")
    best: dict[tuple[int, int], tuple[float, list[int]]] = {}

    def solve(start: int, lines_left: int) -> tuple[float, list[int]]:
        key = (start, lines_left)
        if key in best:
            return best[key]
        if lines_left == 1:
            lw = w(start, n)
            result = (lw if lw <= width else inf, [n])
        else:
            result = (inf, [])
            for end in range(start + 1, n - lines_left + 2):
                lw = w(start, end)
                if lw > width:
                    break
                rest, breaks = solve(end, lines_left - 1)
                cost = max(lw, rest)
                if cost < result[0]:
                    result = (cost, [end, *breaks])
        best[key] = result
        return result

    cost, breaks = solve(0, count)
    if cost == inf:
        return wrap_lines(text, width, size, bold=bold, italic=italic)
    out: list[str] = []
    start = 0
    for end in breaks:
        out.append(" ".join(tokens[start:end]))
        start = end
    return out


def body_leading(size: float = SIZE_BODY) -> float:
    """Line height of body text: 1.2 x the font's single line."""
    return round(size * SINGLE_LINE * LINE_MULTIPLE, 2)
