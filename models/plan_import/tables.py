"""Tables of a plan: reading the header, and rebuilding tables from PDF text.

A Word or Markdown table arrives with its cells (``rows_from_cells``). A
table copied from a PDF arrives as lines in which the cells of a row follow
each other, a cell broken over several lines, several cells sometimes on one
line, repeated header rows and page numbers in between
(``rows_from_lines``). Both give ``TableRow`` records keyed by the columns
of the header.

Header: ``map_header`` recognises the usual column titles ("STT", "Nội
dung", "Tên chỉ tiêu", "2025", "Thời gian thực hiện", "Cơ quan chủ trì",
"Đơn vị phối hợp", "Đơn vị tính", "Sản phẩm", "Ghi chú"), ignoring case and
diacritics and however the title is broken over lines.

Rebuilding a row from text is principled, not tuned to a file: each line is
cut into runs of words, each run given to a column of the header in header
order (a line never goes back to an earlier column, except after a page
break where the row continues from its first column), choosing the cut
that the content of the columns supports best:

* target columns take only target cells (``models.numbers.parse_target``:
  "≥30%", "1,5%", "x");
* the time column takes only time-frame words and is rewarded when the cell
  reads as a time frame (``models.timeframe.parse_timeframe``);
* unit columns take only words of unit names (``UnitVocabulary``: built-in
  names plus the commune's units) and are rewarded when the cell becomes a
  known name or the beginning of one, when a line continues a name left
  open ("Văn phòng HĐND&" + "UBND xã", "Phòng Văn hóa -" + "Xã hội"); a new
  unit name that follows a complete one without "," or ";" starts the next
  column (lead → cooperating);
* the name column takes anything.

Rows start at a line beginning with the next number of the STT column;
group rows at the next Roman numeral or "Thứ nhất/hai/..."; a line that is
only a number and is followed by a repeated header, or does not continue the
numbering, is a page number. Target cells of a row that has fewer values
than year columns are placed after the empty cells (the later milestones)
unless the text shows the empty cells after the values (a line of blanks
right after them); each such guess is reported for review. Words of the time
column that leak into the name ("Thường" in "của dữ Thường liệu") are
removed when they are not part of the time phrase there.

Qt-free; any thread.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from models.errors import ParseError
from models.numbers import parse_target
from models.plan_import.text_source import Line, TableBlock, to_roman
from models.plan_import.units import UnitVocabulary
from models.textutil import fold, normalize_spaces
from models.timeframe import parse_timeframe

__all__ = [
    "Col",
    "Column",
    "TableRow",
    "TableResult",
    "find_text_table",
    "map_header",
    "roman_value",
    "rows_from_cells",
    "rows_from_lines",
]


DEBUG = False


class Col(enum.StrEnum):
    STT = "stt"
    NAME = "name"
    MEASURE = "measure"
    YEAR = "year"
    TIME = "time"
    LEAD = "lead"
    COOP = "coop"
    OUTPUT = "output"
    NOTE = "note"


@dataclass(frozen=True)
class Column:
    kind: Col
    year: int | None = None


# --- Header ---------------------------------------------------------------------------------

_HEADER_PATTERNS: tuple[tuple[re.Pattern[str], Col], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        (r"(?:nam |den nam |giai doan \d{4} ?- ?)?(20\d\d)\b", Col.YEAR),
        (r"so thu tu\b|s?tt\b", Col.STT),
        (r"don vi tinh\b|dvt\b|don vi do\b", Col.MEASURE),
        (r"(?:co quan|don vi|bo phan) (?:chu tri|chiu trach nhiem|thuc hien|phu trach)(?: thuc hien| chinh)?\b", Col.LEAD),
        (r"chu tri(?: thuc hien)?\b", Col.LEAD),
        (r"(?:co quan|don vi|bo phan) phoi hop(?: thuc hien)?\b|phoi hop\b", Col.COOP),
        (r"(?:thoi gian|thoi han|tien do|moc thoi gian|lo trinh)(?: thuc hien| hoan thanh| trien khai)?\b", Col.TIME),
        (r"(?:san pham|ket qua)(?: dau ra| du kien| can dat| chu yeu)?\b", Col.OUTPUT),
        (r"ghi chu\b", Col.NOTE),
        (r"(?:ten |noi dung )?(?:nhiem vu|cong viec|chi tieu|muc tieu|hoat dong)(?: chu yeu| trong tam| cu the)?\b|noi dung\b|ten\b", Col.NAME),
    )
)  # fmt: skip
_HEADER_WORDS = frozenset(
    "so thu tu stt tt ten noi dung nhiem vu cong viec chi tieu muc don vi tinh dvt do co quan "
    "chu tri chiu trach thuc hien phu phoi hop thoi gian han tien moc lo trinh hoan thanh trien "
    "khai san pham ket qua dau ra du kien can dat yeu ghi chinh bo phan nam den giai doan ke "
    "hoach trong tam cu the hoat dong theo cac".split()
)


def _scan_header(text: str) -> list[Column]:
    """Columns named in ``text`` (a header phrase), in order."""
    key = " ".join(re.sub(r"[^0-9a-z/ -]+", " ", fold(normalize_spaces(text))).split())
    key = key.replace("/", " ").replace(" - ", " ")
    out: list[Column] = []
    pos = 0
    while pos < len(key):
        if key[pos] == " ":
            pos += 1
            continue
        for pattern, kind in _HEADER_PATTERNS:
            match = pattern.match(key, pos)
            if match:
                year = int(match.group(1)) if kind is Col.YEAR else None
                out.append(Column(kind, year))
                pos = match.end()
                break
        else:
            nxt = key.find(" ", pos)
            pos = len(key) if nxt < 0 else nxt
    return out


def map_header(cells: Sequence[str]) -> list[Column | None]:
    """The column of each header cell (None when not recognised)."""
    out: list[Column | None] = []
    for cell in cells:
        found = _scan_header(cell)
        years = [c for c in found if c.kind is Col.YEAR]
        if years:
            out.append(years[0])
        elif found:
            # "Cơ quan chủ trì thực hiện" is one column, "Tên nhiệm vụ" too.
            out.append(found[0])
        else:
            out.append(None)
    return out


def _is_header_cells(columns: Sequence[Column | None]) -> bool:
    kinds = [c.kind for c in columns if c is not None]
    return Col.NAME in kinds and len(kinds) >= 2


def _header_only_words(text: str) -> bool:
    words = re.sub(r"[^0-9a-z ]+", " ", fold(text)).split()
    return bool(words) and all(w in _HEADER_WORDS or re.fullmatch(r"20\d\d", w) for w in words)


# --- Rows ------------------------------------------------------------------------------------------


@dataclass
class TableRow:
    """One row of a table: a group header or an item with its cells."""

    stt: str
    name: str
    is_group: bool = False
    cells: dict[Col, str] = field(default_factory=dict)
    targets: dict[int, str] = field(default_factory=dict)
    target_list: list[str] = field(default_factory=list)
    aligned: str = ""  # "", "left" or "right" when targets were placed by a guess
    leaks: list[str] = field(default_factory=list)
    units: dict[Col, list[str]] = field(default_factory=dict)


@dataclass
class TableResult:
    columns: list[Column]
    rows: list[TableRow]
    page_numbers: list[str] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        return [c.year for c in self.columns if c.kind is Col.YEAR and c.year is not None]

    def has(self, kind: Col) -> bool:
        return any(c.kind is kind for c in self.columns)


_ROMAN = re.compile(r"^(X{0,3}(?:IX|IV|V?I{0,3}))(?=$|[\s.:)/-])")
_ORDINALS = ("nhat", "hai", "ba", "tu", "nam", "sau", "bay", "tam", "chin", "muoi")
_ORDINAL = re.compile(r"^thu (" + "|".join(_ORDINALS) + r")\b")
_STT = re.compile(r"^(\d{1,3})(?:[.)]|\b)\s*(.*)$")
_LETTER_GROUP = re.compile(r"^([A-ZĐ])[.)]\s+(.+)$")


def roman_value(text: str) -> int | None:
    """1..39 for a Roman numeral written alone ("IV"), else None."""
    match = _ROMAN.match(text.strip())
    if not match or not match.group(1):
        return None
    numeral = match.group(1)
    for value in range(1, 40):
        if to_roman(value) == numeral:
            return value
    return None


def _group_start(text: str, expected: int) -> tuple[int, str, str] | None:
    """(number, label, rest) when ``text`` starts group ``expected`` (Roman or "Thứ ...")."""
    stripped = text.strip()
    value = roman_value(stripped)
    if value is not None and value == expected:
        label = to_roman(value)
        rest = stripped[len(label) :].lstrip(" .:)/-")
        return value, label, rest
    ordinal = _ORDINAL.match(fold(stripped))
    if ordinal:
        value = _ORDINALS.index(ordinal.group(1)) + 1
        if value == expected:
            return value, to_roman(value), stripped
    return None


# --- Word / Markdown tables -------------------------------------------------------------------------


def _merge_header_rows(first: list[str], second: list[str]) -> list[str]:
    width = max(len(first), len(second))
    out = []
    for index in range(width):
        a = first[index] if index < len(first) else ""
        b = second[index] if index < len(second) else ""
        out.append(b if a == b else f"{a} {b}".strip())
    return out


def rows_from_cells(table: TableBlock, vocabulary: UnitVocabulary) -> TableResult | None:
    """Read a table that has real cells; None when no header is recognised."""
    rows = [[normalize_spaces(c) for c in row] for row in table.rows]
    header_index = None
    columns: list[Column | None] = []
    for index, header_row in enumerate(rows[:4]):
        mapped = map_header(header_row)
        if _is_header_cells(mapped):
            header_index = index
            columns = mapped
            break
    if header_index is None:
        return None
    # A second header row (years under a merged "Mục tiêu" cell).
    body_start = header_index + 1
    if body_start < len(rows):
        merged = _merge_header_rows(rows[header_index], rows[body_start])
        second = map_header(rows[body_start])
        if sum(1 for c in second if c is not None and c.kind is Col.YEAR) >= 2 or all(
            _header_only_words(c) or not c for c in rows[body_start]
        ):
            columns = map_header(merged)
            body_start += 1
    header_text = [fold(c) for c in rows[header_index]]
    result = TableResult(columns=[c for c in columns if c is not None], rows=[])
    expected_group = 1
    last_stt = 0
    for raw in rows[body_start:]:
        if not any(raw):
            continue
        if [fold(c) for c in raw] == header_text:
            continue  # header repeated on a new page
        cells: dict[Col, str] = {}
        targets: dict[int, str] = {}
        stt = ""
        for index, column in enumerate(columns):
            if column is None or index >= len(raw):
                continue
            value = raw[index]
            if column.kind is Col.STT:
                stt = value
            elif column.kind is Col.YEAR and column.year is not None:
                if value and value not in ("-", "–"):
                    targets[column.year] = value
            elif value:
                cells[column.kind] = (
                    (cells[column.kind] + "; " + value) if column.kind in cells else value
                )
        name = cells.pop(Col.NAME, "")
        # Texts of the row outside the STT column: one text merged across the
        # row (or only a name next to a Roman numeral) makes a group row.
        others = {
            value
            for value, cell_column in zip(raw, columns, strict=False)
            if value and (cell_column is None or cell_column.kind is not Col.STT)
        }
        group = _group_start(stt or name, expected_group) if (stt or name) else None
        is_group = False
        if group is not None and (
            len(others) <= 1
            or (not targets and not cells.get(Col.TIME) and not cells.get(Col.LEAD))
        ):
            is_group = True
        elif len(others) == 1 and len(raw) > 2 and not stt.rstrip(".").isdigit():
            label = stt.rstrip(".") or to_roman(expected_group)  # "A", "B" kept as written
            group = group or (expected_group, label, name)
            is_group = True
        if is_group and group is not None:
            expected_group = group[0] + 1
            label = group[1]
            title = name if (stt and name) else group[2] or name
            result.rows.append(TableRow(stt=label, name=normalize_spaces(title), is_group=True))
            continue
        if not name and not targets and not cells:
            continue
        row = TableRow(stt=stt.rstrip("."), name=name, cells=cells, targets=targets)
        for kind in (Col.LEAD, Col.COOP):
            if kind in cells:
                from models.plan_import.units import split_units

                row.units[kind] = split_units(cells[kind], vocabulary)
        if stt.rstrip(".").isdigit():
            last_stt = int(stt.rstrip("."))
        elif not stt:
            last_stt += 1
            row.stt = str(last_stt)
        result.rows.append(row)
    return result


# --- Text tables (PDF copies) ---------------------------------------------------------------------------

_TIME_WORDS = frozenset(
    "trong truoc ngay thang quy nam hang thuong xuyen hoan thanh thuc hien dinh ky den tu cuoi "
    "dau giua giai doan lien tuc moi lan chậm cham nhat het va hoac sau i ii iii iv trien khai "
    "theo tien do nua".split()
)
_TIME_STARTS = frozenset(
    "trong truoc thuong hang hoan thuc dinh quy thang nam den tu cuoi giai lien moi trien theo "
    "cham 6 sau nua".split()
)
_DATE_TOKEN = re.compile(r"^\(?\d{1,2}(?:[/.-]\d{1,2})?(?:[/.-]\d{2,4})?[.,;)]?$|^\(?\d{4}[.,;)]?$")


@functools.lru_cache(maxsize=4096)
def _is_target(token: str) -> bool:
    if not re.search(r"\d|^[xX✓]$", token):
        return False
    try:
        parse_target(token)
    except ParseError:
        return False
    return True


@functools.lru_cache(maxsize=4096)
def _time_understood(text: str) -> bool:
    return parse_timeframe(text, reference_year=None).understood


def _time_word(token: str) -> bool:
    if token in ("-", "–"):
        return True
    bare = fold(token).strip(",;.:()")
    return bare in _TIME_WORDS or bool(_DATE_TOKEN.match(token))


def _time_start(token: str) -> bool:
    bare = fold(token).strip(",;.:()")
    return bare in _TIME_STARTS or bool(re.match(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}", token))


_COMPARATOR_TOKENS = frozenset(
    "≥ ≤ > < = >= <= => =< tren duoi dat tu toi_thieu it_nhat toi_da khong_qua".split()
)


def _merge_comparators(tokens: list[str]) -> list[str]:
    """Keep "≥ 80%", "trên 30%", "tối thiểu 0,6" as one target token."""
    out: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        key = fold(token)
        if index + 2 < len(tokens) and f"{key}_{fold(tokens[index + 1])}" in _COMPARATOR_TOKENS:
            following = tokens[index + 2]
            if _is_target(following) and following[:1] not in "≥≤<>=":
                out.append(f"{token} {tokens[index + 1]} {following}")
                index += 3
                continue
        if index + 1 < len(tokens) and key in _COMPARATOR_TOKENS:
            following = tokens[index + 1]
            if re.match(r"^\d", following) and _is_target(following):
                out.append(f"{token} {following}")
                index += 2
                continue
        out.append(token)
        index += 1
    return out


@dataclass
class _Meta:
    """A column of the rebuilt row (the year columns count as one)."""

    kind: Col
    years: list[int] = field(default_factory=list)

    @property
    def typed(self) -> bool:
        return self.kind in (Col.YEAR, Col.TIME, Col.MEASURE)

    @property
    def units(self) -> bool:
        return self.kind in (Col.LEAD, Col.COOP)


def _metas(columns: Sequence[Column]) -> list[_Meta]:
    out: list[_Meta] = []
    for column in columns:
        if column.kind is Col.STT:
            continue
        if column.kind is Col.YEAR and out and out[-1].kind is Col.YEAR:
            out[-1].years.append(column.year or 0)
            continue
        if any(m.kind is column.kind for m in out) and column.kind is not Col.YEAR:
            continue
        out.append(_Meta(column.kind, [column.year or 0] if column.kind is Col.YEAR else []))
    return out


def _proper_noun(token: str) -> bool:
    """A capitalised word that is not an abbreviation or a unit word ("Minh", "Tân")."""
    bare = token.strip(",;.")
    return (
        len(bare) >= 2
        and bare[:1].isupper()
        and bare[1:].islower()
        and not UnitVocabulary.starts_unit([bare], 0)
    )


def _join_unit_text(previous: str, fragment: str) -> str:
    """Glue a fragment of a unit cell to what came before it."""
    if not previous:
        return fragment
    if previous.endswith("&"):
        return previous + fragment
    last = previous.split()[-1]
    first = fragment.split()[0] if fragment.split() else ""
    if re.search(r"[A-ZĐ]{2,}$", last) and re.fullmatch(r"[A-ZĐ]{1,2}", first):
        return previous + fragment  # "HĐND&UBN" + "D xã"
    return f"{previous} {fragment}"


@dataclass(frozen=True)
class _State:
    """One way of reading a row so far: the text given to each column."""

    fragments: tuple[tuple[str, ...], ...]
    target_tokens: tuple[str, ...] = ()
    last_col: int = 0
    score: float = 0.0
    trailing_blank: bool = False
    last_in_targets: bool = False


class _RowBuilder:
    """Assigns the lines of one text-table row to columns (see the module rules).

    Each line is cut by dynamic programming over its words; across lines a
    small beam of the best readings is kept, so that a line read one way can
    be overruled by what the next lines say ("Phát triển" / "Tổ công" /
    "nghệ số" / "tại 100%": the name of a task, not a unit).
    """

    BACK_PENALTY = 8.0
    BEAM = 8

    def __init__(self, metas: list[_Meta], vocabulary: UnitVocabulary) -> None:
        self.metas = metas
        self.vocabulary = vocabulary
        self.beam: list[_State] = [_State(fragments=tuple(() for _ in metas))]
        self._piece_cache: dict[str, str] = {}
        self._score_cache: dict[tuple[object, ...], float | None] = {}

    # -- cell state ---------------------------------------------------------------------
    def _cell_text(self, state: _State, col: int) -> str:
        if self.metas[col].units:
            text = ""
            for fragment in state.fragments[col]:
                text = _join_unit_text(text, fragment)
            return text
        return " ".join(state.fragments[col])

    def _last_piece(self, text: str) -> str:
        """The last unit name of a cell text (names end at "," / ";" or where a
        new name starts that cannot continue the one before)."""
        cached = self._piece_cache.get(text)
        if cached is not None:
            return cached
        vocabulary = self.vocabulary
        tokens = text.split()
        start = 0
        for index in range(1, len(tokens)):
            plus = " ".join(tokens[start : index + 1])
            if tokens[index - 1].endswith((",", ";")):
                if not (vocabulary.is_prefix(plus) or vocabulary.is_known(plus)):
                    start = index
                continue
            token = tokens[index]
            if (
                token[:1].isupper()
                and not token.isupper()
                and UnitVocabulary.starts_unit(tokens, index)
            ):
                before = " ".join(tokens[start:index])
                if vocabulary.is_known(before) or not (
                    vocabulary.is_prefix(plus) or vocabulary.is_known(plus)
                ):
                    start = index
        piece = " ".join(tokens[start:]).strip(" ,;")
        self._piece_cache[text] = piece
        return piece

    def _open(self, text: str) -> bool:
        """A cell whose last name is unfinished ("Văn phòng HĐND&", "Phòng Văn hóa -")."""
        if not text:
            return False
        if re.search(r"[&\-–]$", text.rstrip()):
            return True
        piece = self._last_piece(text)
        return self.vocabulary.is_prefix(piece) and not self.vocabulary.is_known(piece)

    def _fits(self, text: str) -> bool:
        piece = self._last_piece(text)
        return self.vocabulary.is_known(piece) or self.vocabulary.is_prefix(piece)

    # -- scoring ------------------------------------------------------------------------------
    def _score_units(
        self,
        state: _State,
        col: int,
        tokens: Sequence[str],
        *,
        line_start: bool,
        previous: int | None,
        previous_run: str,
        starts: bool,
    ) -> float | None:
        vocabulary = self.vocabulary
        if not all(vocabulary.word_ok(t) for t in tokens):
            return None
        current = self._cell_text(state, col)
        run = " ".join(tokens)
        score = len(tokens) - 3.0
        continuing = False
        new_piece_from = 0  # index of the first token of the names this run starts
        if current:
            old = self._last_piece(current)
            separated = current.rstrip().endswith((",", ";"))
            # The run up to its first separator either continues the last name...
            cut = next((i + 1 for i, t in enumerate(tokens) if t.endswith((",", ";"))), len(tokens))
            head = self._last_piece(_join_unit_text(current, " ".join(tokens[:cut])))
            continuing = (
                head.startswith(old)
                and len(head) > len(old)
                and (vocabulary.is_known(head) or vocabulary.is_prefix(head))
            )
            proper_tail = (
                not separated and vocabulary.is_known(old) and all(_proper_noun(t) for t in tokens)
            )
            if continuing:
                score += 6 if vocabulary.is_known(head) else 3
                new_piece_from = cut
            elif proper_tail:
                # "Hợp tác xã nông nghiệp" + "Minh Tân": a place name ends the unit's name.
                score += 3
                new_piece_from = len(tokens)
                continuing = True
            else:
                # ... or starts a new one, which needs a separator before it.
                score += 3 if starts else -4
                if not separated:
                    score -= 6  # a new name without "," or ";": the next column's
                if self._open(current):
                    score -= 4  # leaves a half-written name behind
        else:
            score += 3 if starts else -2
            # A typed column (time, targets) before this one is usually filled first.
            typed_before = [i for i in range(col) if self.metas[i].typed]
            mid_seen = any(state.fragments[i] for i in typed_before) or (
                previous is not None and bool(typed_before) and previous >= typed_before[0]
            )
            if typed_before and not mid_seen:
                score -= 4
        if not line_start:
            # Inside a line a new cell begins with a unit word ("... thông Thường
            # Văn phòng Các cơ quan,"); a continued name begins its own line.
            if not starts:
                return None
            if previous is not None and self.metas[previous].kind is Col.NAME:
                score -= 2
        # Leaving the unit column before this one with a name it could still take.
        if col > 0 and self.metas[col - 1].units:
            before = self._cell_text(state, col - 1)
            if previous == col - 1 and previous_run:
                before = _join_unit_text(before, previous_run)
            if before and self._open(before) and self._fits(_join_unit_text(before, tokens[0])):
                score -= 4
        # Names inside the run that start without a separator after another.
        for index in range(1, len(tokens)):
            if tokens[index - 1].endswith((",", ";")):
                continue
            token = tokens[index]
            if (
                token[:1].isupper()
                and not token.isupper()
                and UnitVocabulary.starts_unit(tokens, index)
            ):
                head = _join_unit_text(current, " ".join(tokens[: index + 1]))
                if self._last_piece(head) == token.strip(" ,;"):
                    score -= 6
        # The last name this run starts: known, or the beginning of a known one.
        if new_piece_from < len(tokens):
            piece = self._last_piece(_join_unit_text(current, run))
            if vocabulary.is_known(piece):
                score += 5
            elif vocabulary.is_prefix(piece):
                score += 2
        return score

    def _score(
        self,
        state: _State,
        col: int,
        tokens: Sequence[str],
        *,
        line_start: bool,
        previous: int | None,
        previous_run: str,
        starts: bool = False,
    ) -> float | None:
        meta = self.metas[col]
        if meta.kind is Col.YEAR:
            if not all(_is_target(t) for t in tokens):
                return None
            return 3.0 * len(tokens) - (0 if line_start else 1)
        if meta.kind is Col.TIME:
            if not all(_time_word(t) for t in tokens):
                return None
            current = self._cell_text(state, col)
            if not current and not (_time_start(tokens[0]) and not tokens[0][:1].islower()):
                return None
            score = float(len(tokens))
            if _time_understood(normalize_spaces(f"{current} {' '.join(tokens)}")):
                score += 4
            if not line_start and previous is not None and self.metas[previous].kind is Col.NAME:
                score -= 2  # a time word inside a line of the name is usually a leak
            return score
        if meta.kind is Col.MEASURE:
            from models.plan_import.model import measure_from_label

            if measure_from_label(" ".join(tokens)) is None:
                return None
            return 3.0
        if meta.units:
            key = (
                col,
                tuple(tokens),
                line_start,
                previous,
                previous_run,
                self._cell_text(state, col),
                self._cell_text(state, col - 1) if col > 0 else "",
                tuple(bool(state.fragments[i]) for i in range(col)),
                starts,
            )
            if key not in self._score_cache:
                self._score_cache[key] = self._score_units(
                    state,
                    col,
                    tokens,
                    line_start=line_start,
                    previous=previous,
                    previous_run=previous_run,
                    starts=starts,
                )
            return self._score_cache[key]
        if meta.kind is Col.NAME:
            return 0.0
        return -1.0  # other free text (output, note): only what nothing else takes

    # -- a line --------------------------------------------------------------------------------------
    def _readings(self, state: _State, tokens: list[str], *, page_break: bool) -> list[_State]:
        """The best reading of the line for each column it may end in."""
        n, m = len(tokens), len(self.metas)
        negative = float("-inf")
        # best[j][c]: best score covering tokens[:j] with the last run in column c.
        best = [[negative] * (m + 1) for _ in range(n + 1)]
        back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
        best[0][m] = 0.0  # index m = "nothing yet on this line"
        name_empty = not state.fragments[0]
        # Whether a unit name starts at each word (judged on the whole line:
        # "Văn" alone says nothing, "Văn phòng" starts a name).
        starts_at = [UnitVocabulary.starts_unit(tokens, j) for j in range(n)]
        for j in range(n):
            for c in range(m + 1):
                if best[j][c] == negative:
                    continue
                first_of_line = c == m
                previous = None if first_of_line else c
                previous_run = ""
                if not first_of_line:
                    step = back[j][c]
                    if step is not None:
                        previous_run = " ".join(tokens[step[0] : j])
                candidates = range(m) if first_of_line else range(c + 1, m)
                for c2 in candidates:
                    if first_of_line:
                        if c2 < state.last_col:
                            move = 0.0 if page_break else -self.BACK_PENALTY
                        else:
                            move = -0.5 * sum(
                                1 for k in range(state.last_col + 1, c2) if not state.fragments[k]
                            )
                        if name_empty and c2 != 0:
                            move -= self.BACK_PENALTY  # a row begins with its name
                    else:
                        move = -0.5 * (c2 - c - 1)
                    for k in range(j + 1, n + 1):
                        score = self._score(
                            state,
                            c2,
                            tokens[j:k],
                            line_start=(j == 0),
                            previous=previous,
                            previous_run=previous_run,
                            starts=starts_at[j],
                        )
                        if score is None:
                            if self.metas[c2].kind in (Col.YEAR, Col.TIME) or self.metas[c2].units:
                                break
                            if self.metas[c2].kind is Col.MEASURE and k - j >= 3:
                                break
                            continue
                        total = best[j][c] + move + score
                        if total > best[k][c2]:
                            best[k][c2] = total
                            back[k][c2] = (j, c)
        out: list[_State] = []
        for end_col in range(m):
            if best[n][end_col] == negative:
                continue
            runs: list[tuple[int, list[str]]] = []
            k, c = n, end_col
            while k > 0:
                step = back[k][c]
                if step is None:  # pragma: no cover - every line can go to a free column
                    break
                j, before = step
                runs.append((c, tokens[j:k]))
                k, c = j, before
            runs.reverse()
            fragments = [list(f) for f in state.fragments]
            targets = list(state.target_tokens)
            for col, words in runs:
                fragments[col].append(" ".join(words))
                if self.metas[col].kind is Col.YEAR:
                    targets.extend(words)
            out.append(
                _State(
                    fragments=tuple(tuple(f) for f in fragments),
                    target_tokens=tuple(targets),
                    last_col=runs[-1][0] if runs else state.last_col,
                    score=state.score + best[n][end_col],
                    trailing_blank=state.trailing_blank,
                    last_in_targets=bool(runs) and self.metas[runs[-1][0]].kind is Col.YEAR,
                )
            )
        return out

    def add_line(self, text: str, *, page_break: bool) -> None:
        tokens = _merge_comparators(text.split())
        if not tokens:
            return
        candidates: dict[tuple[object, ...], _State] = {}
        for state in self.beam:
            for reading in self._readings(state, tokens, page_break=page_break):
                # Keep the best reading of each shape (which columns have text,
                # where the line ended), so the beam holds different readings.
                key = (tuple(bool(f) for f in reading.fragments), reading.last_col)
                if key not in candidates or candidates[key].score < reading.score:
                    candidates[key] = reading
        self.beam = sorted(candidates.values(), key=lambda s: -s.score)[: self.BEAM]
        if DEBUG:
            print("   LINE", repr(text))
            for best in self.beam[:DEBUG]:
                print(
                    "       ",
                    round(best.score, 1),
                    [
                        (self.metas[c].kind.value, " | ".join(f))
                        for c, f in enumerate(best.fragments)
                        if f
                    ],
                )

    def add_blank(self, raw: str) -> None:
        """A line of spaces right after the targets: the empty cells follow them."""
        if not raw:
            return
        updated = []
        for state in self.beam:
            trailing = state.trailing_blank or (state.last_in_targets and len(raw) >= 2)
            updated.append(
                _State(
                    fragments=state.fragments,
                    target_tokens=state.target_tokens,
                    last_col=state.last_col,
                    score=state.score,
                    trailing_blank=trailing,
                    last_in_targets=False,
                )
            )
        self.beam = updated

    @property
    def has_name(self) -> bool:
        return bool(self.beam[0].fragments[0])

    # -- the result -----------------------------------------------------------------------------------
    def build(self, stt: str, vocabulary: UnitVocabulary) -> TableRow:
        from models.plan_import.units import split_units

        state = self.beam[0]
        row = TableRow(stt=stt, name="")
        for index, meta in enumerate(self.metas):
            text = normalize_spaces(self._cell_text(state, index))
            if not text:
                continue
            if meta.kind is Col.NAME:
                row.name = text
            elif meta.kind is Col.YEAR:
                row.target_list = [normalize_spaces(t) for t in state.target_tokens]
            else:
                row.cells[meta.kind] = text
                if meta.units:
                    row.units[meta.kind] = split_units(text, vocabulary)
        _remove_leaks(row)
        years = next((m.years for m in self.metas if m.kind is Col.YEAR), [])
        if years and row.target_list:
            values = row.target_list[: len(years)]
            if len(values) == len(years):
                row.targets = dict(zip(years, values, strict=True))
            elif state.trailing_blank:
                row.targets = dict(zip(years[: len(values)], values, strict=True))
                row.aligned = "left"
            else:
                row.targets = dict(zip(years[len(years) - len(values) :], values, strict=True))
                row.aligned = "right"
        return row


def _remove_leaks(row: TableRow) -> None:
    """Drop words of the time cell that leaked into the name (see the module rules)."""
    time_text = row.cells.get(Col.TIME, "")
    if not time_text or not row.name:
        return
    time_words = {fold(w) for w in time_text.split()}
    tokens = row.name.split()
    keep: list[str] = []
    for index, token in enumerate(tokens):
        key = fold(token)
        if key in time_words and index > 0 and index < len(tokens) - 1:
            previous = fold(tokens[index - 1])
            following = fold(tokens[index + 1])
            phrase_before = f"{previous} {key}"
            phrase_after = f"{key} {following}"
            in_phrase = phrase_before in fold(time_text) or phrase_after in fold(time_text)
            capital_inside = (
                token[:1].isupper()
                and tokens[index - 1][:1].islower()
                and not tokens[index - 1].endswith((".", ":"))
            )
            lone_tail = key == "xuyen" and previous != "thuong"
            if (capital_inside and not in_phrase) or lone_tail:
                row.leaks.append(token)
                continue
        keep.append(token)
    row.name = " ".join(keep)


def find_text_table(lines: Sequence[Line], start: int = 0) -> tuple[int, int, list[Column]] | None:
    """(header line, first body line, columns) of the next text table, or None."""
    for index in range(start, len(lines)):
        text = lines[index].text
        if not re.match(r"^(?:s?tt|so thu tu)\b", fold(text)):
            continue
        header = text
        end = index + 1
        while end < len(lines) and end <= index + 8:
            if lines[end].blank:
                end += 1
                continue
            if _header_only_words(lines[end].text):
                header += " " + lines[end].text
                end += 1
                continue
            break
        columns = _scan_header(header)
        kinds = [c.kind for c in columns]
        if Col.NAME in kinds and len(set(kinds)) >= 3:
            return index, end, columns
    return None


def rows_from_lines(
    lines: Sequence[Line], start: int, columns: list[Column], vocabulary: UnitVocabulary
) -> TableResult:
    """Rebuild the rows of a text table whose body starts at ``lines[start]``."""
    metas = _metas(columns)
    result = TableResult(columns=columns, rows=[])
    header_key = fold(lines[start - 1].text) if start > 0 else ""
    first_header = None
    for index in range(start - 1, -1, -1):
        if re.match(r"^(?:s?tt|so thu tu)\b", fold(lines[index].text)):
            first_header = fold(lines[index].text)
            break
    header_key = first_header or header_key

    def is_header(index: int) -> bool:
        return fold(lines[index].text) == header_key

    def next_nonblank(index: int) -> int | None:
        for j in range(index + 1, len(lines)):
            if not lines[j].blank:
                return j
        return None

    builder: _RowBuilder | None = None
    current_stt = ""
    group: TableRow | None = None
    expected_group = 1
    last_stt = 0
    page_break = False
    index = start

    def finish() -> None:
        nonlocal builder, group
        if builder is not None:
            result.rows.append(builder.build(current_stt, vocabulary))
            builder = None
        if group is not None:
            group.name = normalize_spaces(group.name)
            group = None

    while index < len(lines):
        line = lines[index]
        text = line.text
        if line.blank:
            if builder is not None:
                builder.add_blank(line.raw)
            index += 1
            continue
        if is_header(index):
            # Repeated header: skip it and the header words broken under it.
            index += 1
            while index < len(lines) and (
                lines[index].blank or _header_only_words(lines[index].text)
            ):
                index += 1
            page_break = True
            continue
        page = page_break or line.page_break
        page_break = False
        stt_match = _STT.match(text)
        if stt_match and len(text) <= 4 and stt_match.group(2) == "":
            after = next_nonblank(index)
            number = int(stt_match.group(1))
            continues = number == last_stt + 1 or (number == 1 and builder is None)
            if (after is not None and is_header(after)) or not continues:
                # A page number: before a repeated header, or out of the numbering.
                result.page_numbers.append(text)
                page_break = True
                index += 1
                continue
        group_match = _group_start(text, expected_group)
        if group_match is not None and (builder is None or builder.has_name):
            finish()
            expected_group = group_match[0] + 1
            group = TableRow(stt=group_match[1], name=group_match[2], is_group=True)
            result.rows.append(group)
            index += 1
            continue
        if stt_match:
            number = int(stt_match.group(1))
            rest = stt_match.group(2)
            plausible = number == last_stt + 1 or (
                number == 1 and (group is not None or last_stt == 0)
            )
            if plausible and (not rest or rest[:1].isupper() or rest[:1] in '“"('):
                finish()
                last_stt = number
                current_stt = str(number)
                builder = _RowBuilder(metas, vocabulary)
                if rest:
                    builder.add_line(rest, page_break=False)
                index += 1
                continue
        if group is not None and builder is None:
            group.name = f"{group.name} {text}".strip()
            index += 1
            continue
        if builder is None:
            index += 1
            continue
        builder.add_line(text, page_break=page)
        index += 1
    finish()
    return result
