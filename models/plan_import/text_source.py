"""Reading a plan file into lines and tables, with extraction artefacts removed.

``read_document(path)`` returns a ``SourceDocument``: a list of blocks in
document order, each a ``Line`` (one paragraph of a Word file, one line of
a text or PDF file) or a ``TableBlock`` (a real table of a Word file, or a
Markdown pipe table). Rules:

* ``.docx`` (python-docx): paragraphs and tables in the order of the body;
  table cells keep their paragraphs joined by a line break; a cell merged
  over several columns or rows repeats its text in each of them (columns stay
  aligned with the header; a group row merged across reads as one text); automatic numbering and bullets of Word lists are
  written out ("1.", "1.1.", "a)", "-"), since the plan's structure lives in
  them.
* ``.pdf`` (pypdf): the text of each page; a line that is only a number at
  the top or bottom of a page is a page number and dropped; the first line
  of every page after the first is marked ``page_break``.
* ``.txt``/``.md``: UTF-8 (with or without BOM) or Windows-1258. A line that
  is only a number and comes after a longer run of blank lines than the
  document's usual spacing is a page number left by a PDF copy, and dropped.
* Every line: NFC; Markdown marks removed (``#`` headings, ``**``/``__``,
  ``*italic*``, backslash escapes, ``[text](link)``, ``> ``), a leading
  ``*``/``•`` bullet becomes ``-``; LaTeX-like formulas become plain text
  (``$\\geq 80\\%$`` → ``≥ 80%``). Leading and trailing spaces are kept in
  ``Line.raw`` because the table reconstruction reads empty cells from them;
  ``Line.text`` is the cleaned one-line text.

Joining lines broken in the middle of a sentence is the parser's job (it
depends on where the numbered items are); ``SourceDocument.wrapped`` says
whether the lines are hard-wrapped (PDF text) so the parser may join lines
that fill the width.

Qt-free; any thread. Errors are ``ParseError`` with a Vietnamese message.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.errors import ParseError
from models.plan_import import texts as T
from models.textutil import normalize_spaces

__all__ = [
    "Block",
    "Line",
    "SourceDocument",
    "TableBlock",
    "clean_markup",
    "read_document",
    "read_text",
    "to_roman",
]


@dataclass
class Line:
    """One line (or Word paragraph) of the document."""

    raw: str
    page_break: bool = False

    @property
    def text(self) -> str:
        return normalize_spaces(self.raw)

    @property
    def blank(self) -> bool:
        return not self.raw.strip()


@dataclass
class TableBlock:
    """A real table: rows of cell texts (a cell may hold line breaks)."""

    rows: list[list[str]]


Block = Line | TableBlock


@dataclass
class SourceDocument:
    """A plan file as blocks in document order."""

    name: str
    kind: str  # "docx", "pdf", "txt", "md"
    blocks: list[Block] = field(default_factory=list)
    wrapped: bool = False
    dropped_page_numbers: list[str] = field(default_factory=list)

    def lines(self) -> list[Line]:
        return [b for b in self.blocks if isinstance(b, Line)]


# --- Markup -----------------------------------------------------------------------------

_LATEX_WORDS = (
    ("\\geqslant", "≥"),
    ("\\leqslant", "≤"),
    ("\\geq", "≥"),
    ("\\leq", "≤"),
    ("\\ge", "≥"),
    ("\\le", "≤"),
    ("\\neq", "≠"),
    ("\\times", "×"),
    ("\\cdot", "·"),
    ("\\%", "%"),
    ("\\,", " "),
    ("\\;", " "),
    ("\\:", " "),
    ("\\ ", " "),
    ("~", " "),
)
_LATEX_MATH = re.compile(r"\$\$?(.+?)\$\$?")
_LATEX_TEXT = re.compile(r"\\(?:text|mathrm|textbf|mathbf)\{([^{}]*)\}")
_MD_HEADING = re.compile(r"^(\s{0,3})#{1,6}\s+(.*?)(?:\s+#+\s*)?$")
_MD_QUOTE = re.compile(r"^(\s*)>\s?")
_MD_BOLD = re.compile(r"(\*\*|__)(.+?)\1")
_MD_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_MD_UNDERSCORE_ITALIC = re.compile(r"(?<!\w)_(?!\s)([^_\n]+?)(?<!\s)_(?!\w)")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
# "*" of Markdown, and the bullet glyphs of Word lists as PDF text gives them
# (Symbol/Wingdings private-use characters included).
_MD_BULLET = re.compile(r"^(\s*)\*(\s+)")
_GLYPH_BULLET = re.compile(
    r"^(\s*)[•●▪◦·\uf0b7\uf0a7\uf076\uf0d8\uf0fc\u2043\u25aa\u25cf\u27a2\u2756](\s*)"
)
_MD_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?(?:b|i|u|strong|em|span|sup|sub|p|div)(?:\s[^>]*)?>", re.IGNORECASE)
_STRAY_STARS = re.compile(r"\*{2,}")


def _latex(text: str) -> str:
    def convert(match: re.Match[str]) -> str:
        inner = _LATEX_TEXT.sub(r"\1", match.group(1))
        for word, plain in _LATEX_WORDS:
            inner = inner.replace(word, plain)
        inner = inner.replace("{", "").replace("}", "")
        return inner

    if "$" in text:
        text = _LATEX_MATH.sub(convert, text)
    if "\\" in text:
        text = _LATEX_TEXT.sub(r"\1", text)
        for word, plain in _LATEX_WORDS[:10]:
            text = text.replace(word, plain)
    return text


def clean_markup(raw: str) -> str:
    """Remove Markdown and LaTeX-like marks from one line; spaces at the ends kept.

    Rule: the marks are dropped and the words kept ("**Mục tiêu**" →
    "Mục tiêu", "$\\geq 80\\%$" → "≥ 80%", "1\\." → "1."); a horizontal rule
    becomes an empty line; a "*"/"•" bullet becomes "-".
    """
    text = unicodedata.normalize("NFC", raw.replace("\u00a0", " ").replace("\t", "    "))
    if _MD_RULE.match(text):
        return "-----"
    text = _HTML_BREAK.sub(" ", text)
    text = _HTML_TAG.sub("", text)
    text = _latex(text)
    heading = _MD_HEADING.match(text)
    if heading:
        text = heading.group(1) + heading.group(2)
    text = _MD_QUOTE.sub(r"\1", text)
    text = _MD_BULLET.sub(r"\1-\2", text)
    text = _GLYPH_BULLET.sub(r"\1- ", text)
    text = _MD_LINK.sub(r"\1", text)
    for _ in range(2):
        text = _MD_BOLD.sub(r"\2", text)
    text = _MD_ITALIC.sub(r"\1", text)
    text = _MD_UNDERSCORE_ITALIC.sub(r"\1", text)
    text = _STRAY_STARS.sub("", text)
    text = _MD_ESCAPE.sub(r"\1", text)
    return text


# --- Plain text and Markdown ----------------------------------------------------------------

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")


def _split_pipe_row(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells = re.split(r"(?<!\\)\|", body)
    return [normalize_spaces(clean_markup(cell.replace("\\|", "|"))) for cell in cells]


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise ParseError(T.TEXT_ENCODING.format(name=name), detail=str(exc)) from None


def read_text(text: str, *, name: str = "", kind: str = "txt") -> SourceDocument:
    """Split plain text or Markdown into blocks; see the module rules."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\f\n")
    raw_lines = text.split("\n")
    blocks: list[Block] = []
    pending_table: list[list[str]] = []
    # The usual number of blank lines between two lines of text.
    runs: Counter[int] = Counter()
    blank = 0
    for raw in raw_lines:
        if not raw.strip():
            blank += 1
            continue
        runs[blank] += 1
        blank = 0
    usual = runs.most_common(1)[0][0] if runs else 0
    page_gap = max(usual + 2, 2)

    dropped: list[str] = []
    blank = 0
    page_break = False
    blanks_after = [0] * len(raw_lines)
    run = 0
    for index in range(len(raw_lines) - 1, -1, -1):
        blanks_after[index] = run
        run = run + 1 if not raw_lines[index].strip() else 0
    for index, raw in enumerate(raw_lines):
        if raw == "\f":
            page_break = True
            continue
        if _PIPE_ROW.match(raw):
            if not _PIPE_SEPARATOR.match(raw):
                pending_table.append(_split_pipe_row(raw))
            blank = 0
            continue
        if pending_table:
            blocks.append(TableBlock(rows=pending_table))
            pending_table = []
        if not raw.strip():
            blank += 1
            blocks.append(Line(raw=raw.replace("\t", "    ")))
            continue
        wide_gap = blank >= page_gap or (blank > usual and blanks_after[index] > usual)
        if _PAGE_NUMBER.match(raw) and wide_gap:
            dropped.append(raw.strip())
            page_break = True
            blank = 0
            continue
        blank = 0
        cleaned = clean_markup(raw)
        blocks.append(Line(raw=cleaned, page_break=page_break))
        page_break = False
    if pending_table:
        blocks.append(TableBlock(rows=pending_table))
    document = SourceDocument(name=name, kind=kind, blocks=blocks, dropped_page_numbers=dropped)
    document.wrapped = _looks_wrapped([b.text for b in blocks if isinstance(b, Line)])
    return document


def _looks_wrapped(lines: list[str]) -> bool:
    """True when most lines of prose end near one width (a PDF or e-mail copy)."""
    lengths = sorted(len(line) for line in lines if len(line) >= 20)
    if len(lengths) < 10:
        return False
    p90 = lengths[int(len(lengths) * 0.9)]
    if p90 > 160:
        return False
    near = sum(1 for n in lengths if 0.8 * p90 <= n <= 1.05 * p90)
    return near >= 0.35 * len(lengths)


# --- PDF ---------------------------------------------------------------------------------------------


def _read_pdf(path: Path) -> SourceDocument:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - pypdf is a dependency
        raise ParseError(T.FILE_UNREADABLE.format(name=path.name, reason=exc)) from None
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise ParseError(T.PDF_ENCRYPTED.format(name=path.name))
            except NotImplementedError:
                raise ParseError(T.PDF_ENCRYPTED.format(name=path.name)) from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except ParseError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError) as exc:
        raise ParseError(
            T.FILE_UNREADABLE.format(name=path.name, reason=exc.__class__.__name__),
            detail=str(exc),
        ) from None
    if not any(page.strip() for page in pages):
        raise ParseError(T.PDF_NO_TEXT.format(name=path.name))
    blocks: list[Block] = []
    dropped: list[str] = []
    for index, page in enumerate(pages):
        lines = page.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
        # A page number sits alone on the first or last line of the page.
        if lines and _PAGE_NUMBER.match(lines[-1]):
            dropped.append(lines.pop().strip())
        if lines and _PAGE_NUMBER.match(lines[0]) and index > 0:
            dropped.append(lines.pop(0).strip())
        first = True
        for raw in lines:
            cleaned = clean_markup(raw)
            blocks.append(Line(raw=cleaned, page_break=first and index > 0))
            first = False
    document = SourceDocument(
        name=path.name, kind="pdf", blocks=blocks, dropped_page_numbers=dropped
    )
    document.wrapped = True
    return document


# --- Word ---------------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def to_roman(number: int) -> str:
    """Upper-case Roman numeral of 1..3999 ("IV")."""
    values = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    out = []
    for value, letters in values:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _letter(number: int) -> str:
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


class _Numbering:
    """Writes out the automatic numbers of Word lists ("1.", "1.1.", "a)", "-")."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.abstract_of: dict[str, str] = {}
        self.overrides: dict[tuple[str, int], int] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract_levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        for abstract in numbering.findall(f"{_W}abstractNum"):
            aid = abstract.get(f"{_W}abstractNumId")
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in abstract.findall(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl", "0"))
                fmt_el = lvl.find(f"{_W}numFmt")
                text_el = lvl.find(f"{_W}lvlText")
                start_el = lvl.find(f"{_W}start")
                levels[ilvl] = (
                    fmt_el.get(f"{_W}val", "decimal") if fmt_el is not None else "decimal",
                    text_el.get(f"{_W}val", "") if text_el is not None else "",
                    int(start_el.get(f"{_W}val", "1")) if start_el is not None else 1,
                )
            if aid is not None:
                abstract_levels[aid] = levels
        for num in numbering.findall(f"{_W}num"):
            nid = num.get(f"{_W}numId")
            ref = num.find(f"{_W}abstractNumId")
            if nid is None or ref is None:
                continue
            aid = ref.get(f"{_W}val", "")
            self.abstract_of[nid] = aid
            for ilvl, spec in abstract_levels.get(aid, {}).items():
                self.levels[(nid, ilvl)] = spec
            for override in num.findall(f"{_W}lvlOverride"):
                start = override.find(f"{_W}startOverride")
                if start is not None:
                    level = int(override.get(f"{_W}ilvl", "0"))
                    self.overrides[(nid, level)] = int(start.get(f"{_W}val", "1"))

    @staticmethod
    def _num_pr(paragraph: Any) -> tuple[str, int] | None:
        candidates = [paragraph._p.pPr]
        style = paragraph.style
        while style is not None:
            candidates.append(style.element.pPr)
            style = style.base_style
        for ppr in candidates:
            if ppr is None:
                continue
            num_pr = ppr.find(f"{_W}numPr")
            if num_pr is None:
                continue
            num_id = num_pr.find(f"{_W}numId")
            ilvl = num_pr.find(f"{_W}ilvl")
            if num_id is None:
                continue
            nid = num_id.get(f"{_W}val", "0")
            if nid == "0":
                return None
            return nid, int(ilvl.get(f"{_W}val", "0")) if ilvl is not None else 0
        return None

    def label(self, paragraph: Any) -> str:
        found = self._num_pr(paragraph)
        if found is None:
            return ""
        nid, ilvl = found
        spec = self.levels.get((nid, ilvl))
        if spec is None:
            return ""
        fmt, pattern, _start = spec
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return ""
        key = self.abstract_of.get(nid, nid)
        counters = self.counters.setdefault(key, [0] * 9)
        for level in range(9):
            if counters[level] == 0 and level < ilvl:
                start = self.overrides.get(
                    (nid, level), self.levels.get((nid, level), ("", "", 1))[2]
                )
                counters[level] = start
        if counters[ilvl] == 0:
            counters[ilvl] = self.overrides.get((nid, ilvl), spec[2])
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0

        def render(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_fmt = self.levels.get((nid, level), ("decimal", "", 1))[0]
            value = counters[level] if 0 <= level < 9 else 0
            if level_fmt == "upperRoman":
                return to_roman(value)
            if level_fmt == "lowerRoman":
                return to_roman(value).lower()
            if level_fmt == "upperLetter":
                return _letter(value).upper()
            if level_fmt == "lowerLetter":
                return _letter(value)
            return str(value)

        return re.sub(r"%(\d)", render, pattern)


def _cell_text(cell: Any) -> str:
    return "\n".join(normalize_spaces(p.text) for p in cell.paragraphs if p.text.strip())


def _read_docx(path: Path) -> SourceDocument:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:  # pragma: no cover - python-docx is a dependency
        raise ParseError(T.FILE_UNREADABLE.format(name=path.name, reason=exc)) from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - any failure of the zip/XML reader
        raise ParseError(
            T.FILE_UNREADABLE.format(name=path.name, reason=exc.__class__.__name__),
            detail=str(exc),
        ) from None
    numbering = _Numbering(document)
    blocks: list[Block] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            paragraph = Paragraph(child, document)
            text = paragraph.text.replace("\t", " ")
            label = numbering.label(paragraph)
            if label and text.strip():
                text = f"{label} {text.strip()}"
            # A manual line break inside a paragraph is a line of its own.
            for part in text.split("\n"):
                blocks.append(Line(raw=clean_markup(part)))
        elif child.tag == f"{_W}tbl":
            table = Table(child, document)
            rows: list[list[str]] = []
            for row in table.rows:
                # A cell merged over several columns repeats its text in each
                # grid column, so that the columns stay aligned with the header.
                rows.append([clean_markup(_cell_text(cell)) for cell in row.cells])
            blocks.append(TableBlock(rows=rows))
    return SourceDocument(name=path.name, kind="docx", blocks=blocks, wrapped=False)


# --- Entry point -------------------------------------------------------------------------------------------


def read_document(path: str | Path) -> SourceDocument:
    """Read a plan file (.docx, .pdf, .txt, .md) into blocks; raises ParseError."""
    file = Path(path)
    if not file.is_file():
        raise ParseError(T.FILE_MISSING.format(path=file))
    suffix = file.suffix.lower()
    if suffix == ".doc":
        raise ParseError(T.FILE_OLD_WORD.format(name=file.name))
    if suffix == ".pdf":
        document = _read_pdf(file)
    elif suffix == ".docx":
        document = _read_docx(file)
    elif suffix in (".txt", ".md", ".markdown", ".text"):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise ParseError(
                T.FILE_UNREADABLE.format(name=file.name, reason=exc.strerror)
            ) from None
        kind = "md" if suffix in (".md", ".markdown") else "txt"
        document = read_text(_decode(data, file.name), name=file.name, kind=kind)
    else:
        raise ParseError(T.FILE_UNSUPPORTED.format(name=file.name))
    if not any(
        (isinstance(b, Line) and not b.blank) or isinstance(b, TableBlock) for b in document.blocks
    ):
        raise ParseError(T.FILE_EMPTY.format(name=file.name))
    return document
