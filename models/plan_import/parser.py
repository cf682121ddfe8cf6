"""Reading a plan document: its parts, the task tree, appendix tables, indicators.

``parse_file(path)`` reads a ``.docx``, ``.pdf``, ``.txt``/``.md`` plan (or
an Excel workbook, through ``models.plan_import.excel``) into a
``ParsedPlan``. Nothing is saved; the review screen or ``commit_plan`` does
that. The rules, in the order the parser applies them:

1. **Parts.** A heading with a Roman numeral (or a line in capitals) whose
   words name a part starts it: "MỤC ĐÍCH", "YÊU CẦU", "MỤC TIÊU",
   "NHIỆM VỤ VÀ GIẢI PHÁP" (any title with "nhiệm vụ" or "giải pháp"),
   "TỔ CHỨC THỰC HIỆN"; "Phụ lục I/II/III" starts an appendix (its title
   is the lines in capitals under it, "(Ban hành kèm theo Kế hoạch số ...)"
   gives the plan's number, date and issuer); "Nơi nhận" ends the text.
   Inside the tasks part and the appendices, a Roman numeral in lower case
   ("I. Nhóm nhiệm vụ về ...") is a group of tasks, not a part.
2. **Lines broken inside a sentence** are joined: a line starting in lower
   case continues the previous one; a line ending with a hyphen glued to a
   word ("57-" + "NQ/TW") is joined without a space; a line that fills the
   width of a PDF copy and does not end a sentence continues; a short line,
   or one ending with ".", ";", ":" before a capital, ends a paragraph.
3. **Task tree.** Numbered items "1.", "1.1.", "1.2 " (dot optional when
   there are two levels or more), "3.11." are read with their numbering;
   a number is an item only if it continues the numbering (next sibling,
   first child, or next of an ancestor, gaps of up to two reported), so
   "2030. Ban hành..." on a broken line is text. "a)", "b)" are sub-items.
   Bullets ("-", "+", "•") under an item without numbered children become its
   sub-items ("1.2.1", "1.2.2"); "- Cơ quan chủ trì:", "- Cơ quan phối
   hợp:", "- Thời gian (thực hiện/hoàn thành):", "- Sản phẩm:" lines give the
   item's lead units, cooperating units, time frame and output instead. An
   item's title is its heading paragraph when body paragraphs follow (they
   become the content), otherwise its first sentence (the whole paragraph is
   the content). In an appendix list, the title is the whole item.
4. **Appendix tables** (``models.plan_import.tables``): a table with year
   columns is a table of indicators, otherwise of tasks. Task codes are
   "PL<n>.<STT>" when the STT runs through the table, "PL<n>.<group>.<STT>"
   when it starts again in each group; appendix list items are
   "PL<n>.<group>.<number>". Indicator codes are "<group>.<STT>" ("V.1").
   An appendix named by an item ("(Chi tiết tại phụ lục III)") hangs under
   that item; others get a root "PL<n>" titled with the appendix title.
5. **Indicators in prose** (the objectives part): a statement (bullet or
   sentence) with a target — a number with "%" or a comparator ("≥ 80%",
   "trên 85%", "tối thiểu 0,6", "100%") — is an indicator; the year comes
   from "(2025)"/"năm 2025" after the value, from "Đến năm 2030, ..." in
   the statement, or from the heading above ("Mục tiêu đến năm 2030:").
6. **Reporting** (the organisation part): sentences about reports
   ("báo cáo", "sơ kết", "tổng kết") with a period ("hằng tháng", "3 tháng",
   "6 tháng", "hằng năm") or a day ("trước ngày 15 hằng tháng").
7. Time frames are read with ``models.timeframe.parse_timeframe`` (the
   plan's year for phrases without one); what is not understood is kept as
   text and flagged.

Qt-free; any thread.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from models.enums import Recurrence
from models.errors import ParseError
from models.plan_import import texts as T
from models.plan_import.model import (
    ParsedIndicator,
    ParsedPlan,
    ParsedTask,
    PlanWarning,
    ReportingRule,
    guess_comparator,
    guess_measure,
)
from models.plan_import.tables import (
    Col,
    TableResult,
    find_text_table,
    roman_value,
    rows_from_cells,
    rows_from_lines,
)
from models.plan_import.text_source import (
    Block,
    Line,
    SourceDocument,
    TableBlock,
    read_document,
)
from models.plan_import.units import UnitVocabulary, split_units
from models.textutil import fold, normalize_spaces

__all__ = ["parse_document", "parse_file"]


# ---------------------------------------------------------------------------
# Parts
# ---------------------------------------------------------------------------

PURPOSE, REQUIREMENTS, OBJECTIVES, TASKS, ORGANISATION = (
    "purpose",
    "requirements",
    "objectives",
    "tasks",
    "organisation",
)
PREAMBLE, APPENDIX, CLOSING, OTHER = "preamble", "appendix", "closing", "other"


@dataclass
class _Part:
    kind: str
    title: str = ""
    blocks: list[Block] = field(default_factory=list)
    number: str = ""  # appendix number as written ("II", "3")
    heading: str = ""

    @property
    def label(self) -> str:
        if self.kind == APPENDIX:
            return T.APPENDIX_LABEL.format(number=self.number).strip()
        return T.PART_LABELS.get(self.kind, self.kind)

    @property
    def index(self) -> int:
        """The appendix number as an integer (0 when it has none)."""
        if self.number.isdigit():
            return int(self.number)
        return roman_value(self.number.upper()) or 0


_ROMAN_HEAD = re.compile(r"^(?:phan\s+(?:thu\s+)?)?([ivxlc]{1,6})\s*[.)/:\-]?\s+(.+)$")
_LETTER_HEAD = re.compile(r"^([a-e])[.)]\s+(.+)$")
_APPENDIX_HEAD = re.compile(r"^phu luc(?:\s+(?:so\s+)?([ivxlc]+|\d{1,2})\b)?\s*[.:\-]?\s*(.*)$")


def _uppercase(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 3:
        return False
    return sum(1 for c in letters if c.isupper()) >= 0.8 * len(letters)


def _keyword_kind(title_key: str) -> str | None:
    key = title_key.strip(" .:")
    if key.startswith("muc dich"):
        return PURPOSE
    if key.startswith("yeu cau"):
        return REQUIREMENTS
    if key.startswith(("muc tieu", "chi tieu", "cac chi tieu", "cac muc tieu")):
        return OBJECTIVES
    if key.startswith(("to chuc thuc hien", "trach nhiem thuc hien", "phan cong thuc hien",
                       "phan cong trach nhiem", "to chuc trien khai")):  # fmt: skip
        return ORGANISATION
    if ("nhiem vu" in key or "giai phap" in key) and key.startswith(
        (
            "nhiem vu",
            "cac nhiem vu",
            "nhung nhiem vu",
            "giai phap",
            "noi dung",
            "cac giai phap",
            "nhom nhiem vu",
        )  # fmt: skip
    ):
        return TASKS
    if key.startswith(("kinh phi", "che do bao cao", "ket qua", "danh gia", "tinh hinh")):
        return OTHER
    return None


def _heading(text: str, current: str) -> tuple[str, str, str] | None:
    """(kind, title, appendix number) when ``text`` starts a part, else None."""
    if not text or len(text) > 160:
        return None
    key = fold(text)
    appendix = _APPENDIX_HEAD.match(key)
    if appendix and len(text) <= 80:
        rest = text[len(text) - len(appendix.group(2)) :] if appendix.group(2) else ""
        if not rest or _uppercase(rest) or len(rest) <= 40:
            number = (appendix.group(1) or "").upper()
            return APPENDIX, normalize_spaces(rest), number
    if key.startswith("noi nhan") or key.startswith("tren day la"):
        return CLOSING, "", ""
    if current == APPENDIX:
        return None
    roman = _ROMAN_HEAD.match(key)
    letter = _LETTER_HEAD.match(key) if _uppercase(text) else None
    match = roman or letter
    if match:
        title_key = match.group(2)
        kind = _keyword_kind(title_key)
        title = text[len(text) - len(title_key) :]
        if kind is not None and (_uppercase(title) or current not in (TASKS, ORGANISATION)):
            return kind, normalize_spaces(title), ""
        if kind is None and _uppercase(title) and roman and current != PREAMBLE:
            return OTHER, normalize_spaces(title), ""
        return None
    if _uppercase(text) and len(text) <= 80:
        kind = _keyword_kind(key)
        if kind is not None and kind != OTHER:
            return kind, normalize_spaces(text), ""
    return None


def _segment(document: SourceDocument) -> list[_Part]:
    parts = [_Part(kind=PREAMBLE)]
    for block in document.blocks:
        if isinstance(block, Line) and not block.blank:
            found = _heading(block.text, parts[-1].kind)
            if found is not None:
                kind, title, number = found
                parts.append(_Part(kind=kind, title=title, number=number, heading=block.text))
                if kind != CLOSING:
                    continue
        parts[-1].blocks.append(block)
    return parts


# ---------------------------------------------------------------------------
# Joining broken lines
# ---------------------------------------------------------------------------

_TERMINAL = (".", ";", ":", "!", "?", "…", ".)", ".”", '."', ")")
_CONTINUATION_WORDS = frozenset(
    "va cua cac cho voi ve trong theo tai tu den de la nhung duoc bi do ma hoac hay "
    "nham tren duoi giua qua".split()
)


class _Joiner:
    """Decides whether a line continues the previous one (rule 2 of the module)."""

    def __init__(self, document: SourceDocument) -> None:
        self.wrapped = document.wrapped
        lengths = sorted(
            len(b.text) for b in document.blocks if isinstance(b, Line) and len(b.text) >= 20
        )
        self.width = lengths[int(len(lengths) * 0.9)] if lengths else 80

    def join(self, previous: str, line: str, *, last_line: str | None = None) -> str | None:
        """The joined text, or None when ``line`` starts a new paragraph.

        ``last_line`` is the last physical line of ``previous`` (its length
        tells whether it filled the width of a PDF copy)."""
        if not previous:
            return None
        if re.fullmatch(r"[-–_=*. ]{3,}", line) or re.fullmatch(r"[-–_=*. ]{3,}", previous):
            return None
        first = line[:1]
        if re.search(r"\w-$", previous):
            return previous + line
        if previous.endswith((" -", " –")):
            return f"{previous} {line}"
        if first.islower() and not re.match(r"^[a-zđ]\)\s", line):
            return f"{previous} {line}"
        stripped = previous.rstrip()
        if stripped.count("(") > stripped.count(")") or stripped.count("“") > stripped.count("”"):
            return f"{previous} {line}"  # an open parenthesis or quotation goes on
        if stripped.endswith(_TERMINAL):
            return None
        last_word = fold(stripped.split()[-1]) if stripped.split() else ""
        if stripped.endswith((",", "&")) or last_word in _CONTINUATION_WORDS:
            return f"{previous} {line}"
        physical = (last_line if last_line is not None else previous).rstrip()
        if self.wrapped and len(physical) >= 0.8 * self.width:
            return f"{previous} {line}"
        return None


# ---------------------------------------------------------------------------
# Numbered items
# ---------------------------------------------------------------------------

_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)(\.|\))?\s+(\S.*)$")
_NUMBERED_ALONE = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.$")
_LETTER_ITEM = re.compile(r"^([a-zđ])\)\s+(\S.*)$")
_BULLET = re.compile(r"^[-–—+•·▪◦●]\s*(\S.*)$")
_ROMAN_ITEM = re.compile(r"^([IVXL]{1,6})\s*[.)/:\-]\s*(\S.*)$")
_LABELS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), label)
    for pattern, label in (
        (r"^(?:co quan|don vi|bo phan)\s+(?:chu tri|chiu trach nhiem|thuc hien|phu trach)(?:\s+thuc hien)?\s*:\s*", "lead"),
        (r"^chu tri\s*:\s*", "lead"),
        (r"^(?:co quan|don vi|bo phan)\s+phoi hop(?:\s+thuc hien)?\s*:\s*", "coop"),
        (r"^phoi hop\s*:\s*", "coop"),
        (r"^(?:thoi gian|thoi han|tien do)(?:\s+(?:thuc hien|hoan thanh|trien khai))?\s*:\s*", "time"),
        (r"^(?:san pham|ket qua)(?:\s+(?:dau ra|du kien|can dat))?\s*:\s*", "output"),
    )
)  # fmt: skip


def _label(text: str) -> tuple[str, str] | None:
    body = _BULLET.match(text)
    inner = body.group(1) if body else text
    key = fold(inner)
    for pattern, label in _LABELS:
        match = pattern.match(key)
        if match:
            return label, inner[match.end() :].strip()
    return None


@dataclass
class _Item:
    kind: str  # "num", "roman", "letter", "bullet", "root"
    label: str  # "1.2", "I", "a", "-"
    numbers: tuple[int, ...] = ()
    paragraphs: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    children: list[_Item] = field(default_factory=list)
    parent: _Item | None = None
    code: str = ""
    last_line: str = ""
    label_last: dict[str, str] = field(default_factory=dict)

    def add_text(self, text: str, joiner: _Joiner, *, new_paragraph: bool = False) -> None:
        if self.paragraphs and not new_paragraph:
            joined = joiner.join(self.paragraphs[-1], text, last_line=self.last_line or None)
            if joined is not None:
                self.paragraphs[-1] = joined
                self.last_line = text
                return
        self.paragraphs.append(text)
        self.last_line = text


class _TreeReader:
    """Builds the item tree of the tasks part or of an appendix list (rule 3)."""

    def __init__(self, joiner: _Joiner, warnings: list[PlanWarning], where: str) -> None:
        self.joiner = joiner
        self.warnings = warnings
        self.where = where
        self.root = _Item(kind="root", label="")
        self.current: _Item = self.root
        self.last_numbered: _Item | None = None
        self.last_roman = 0
        self.current_label: tuple[_Item, str] | None = None
        self.intro: list[str] = []

    # -- numbering -----------------------------------------------------------------------------
    def _numbered_parent(self) -> _Item:
        item = self.current
        while item.kind in ("bullet", "letter"):
            assert item.parent is not None
            item = item.parent
        return item

    def _fits(self, numbers: tuple[int, ...]) -> tuple[_Item, int] | None:
        """(parent, gap) when ``numbers`` continues the numbering, else None."""
        last = self.last_numbered
        roman_parent = self._roman_ancestor()
        if last is None or (roman_parent is not None and not self._under(last, roman_parent)):
            if len(numbers) == 1 and numbers[0] <= 3:
                return (roman_parent or self.root), numbers[0] - 1
            if len(numbers) == 2 and numbers[0] <= 3 and numbers[1] <= 2 and last is None:
                return (roman_parent or self.root), 0
            return None
        previous = last.numbers
        # First child: 1.2 -> 1.2.1
        if len(numbers) == len(previous) + 1 and numbers[:-1] == previous and numbers[-1] in (1, 2):
            return last, numbers[-1] - 1
        # Next sibling of the item or of one of its ancestors.
        for depth in range(len(previous), 0, -1):
            if len(numbers) != depth or numbers[: depth - 1] != previous[: depth - 1]:
                continue
            gap = numbers[-1] - previous[depth - 1] - 1
            if 0 <= gap <= 2:
                sibling = last
                while len(sibling.numbers) > depth:
                    assert sibling.parent is not None
                    sibling = sibling.parent
                assert sibling.parent is not None
                return sibling.parent, gap
        return None

    def _roman_ancestor(self) -> _Item | None:
        item: _Item | None = self.current
        while item is not None:
            if item.kind == "roman":
                return item
            item = item.parent
        return None

    @staticmethod
    def _under(item: _Item, ancestor: _Item) -> bool:
        node: _Item | None = item
        while node is not None:
            if node is ancestor:
                return True
            node = node.parent
        return False

    def _attach(self, item: _Item, parent: _Item) -> None:
        item.parent = parent
        parent.children.append(item)
        self.current = item
        self.current_label = None

    # -- lines ---------------------------------------------------------------------------------------
    def feed(self, line: Line) -> None:
        text = line.text
        if not text:
            return
        label = _label(text)
        if label is not None:
            owner = self._numbered_parent()
            key, value = label
            owner.labels[key] = (owner.labels.get(key, "") + " " + value).strip()
            owner.label_last[key] = text
            self.current_label = (owner, key)
            return
        if self.current_label is not None and not self._starts_item(text):
            owner, key = self.current_label
            joined = self.joiner.join(owner.labels[key], text, last_line=owner.label_last.get(key))
            if joined is not None:
                owner.labels[key] = joined
                owner.label_last[key] = text
                return
            self.current_label = None
        if re.fullmatch(r"[-–_=*. ]{3,}", text):
            return
        roman = _ROMAN_ITEM.match(text)
        if roman and roman_value(roman.group(1)) == self.last_roman + 1:
            self.last_roman += 1
            item = _Item(
                kind="roman", label=roman.group(1), paragraphs=[roman.group(2)], last_line=text
            )
            self._attach(item, self.root)
            self.last_numbered = None
            return
        numbered = _NUMBERED.match(text) or None
        if numbered:
            numbers = tuple(int(n) for n in numbered.group(1).split("."))
            dotted = numbered.group(2) is not None
            body = numbered.group(3)
            plausible_form = (dotted or len(numbers) >= 2) and (
                body[:1].isupper() or body[:1] in '“"('
            )
            fits = self._fits(numbers) if plausible_form else None
            if fits is not None:
                parent, gap = fits
                if gap:
                    before = self.last_numbered.label if self.last_numbered else "-"
                    missing = ", ".join(
                        ".".join(str(n) for n in (*numbers[:-1], numbers[-1] - k))
                        for k in range(gap, 0, -1)
                    )
                    self.warnings.append(
                        PlanWarning(
                            T.WARN_NUMBER_GAP.format(
                                before=before, after=numbered.group(1), missing=missing
                            ),
                            where=self.where,
                        )
                    )
                item = _Item(
                    kind="num",
                    label=numbered.group(1),
                    numbers=numbers,
                    paragraphs=[body],
                    last_line=text,
                )
                self._attach(item, parent)
                self.last_numbered = item
                return
        letter = _LETTER_ITEM.match(text)
        if letter and self.last_numbered is not None:
            owner = self._numbered_parent()
            item = _Item(
                kind="letter", label=letter.group(1), paragraphs=[letter.group(2)], last_line=text
            )
            self._attach(item, owner)
            return
        bullet = _BULLET.match(text)
        if bullet and self.current is not self.root:
            owner = self._numbered_parent() if text[:1] != "+" else self.current
            if owner.kind == "bullet":
                owner.add_text(text, self.joiner, new_paragraph=True)
                return
            item = _Item(kind="bullet", label="-", paragraphs=[bullet.group(1)], last_line=text)
            self._attach(item, owner)
            return
        if self.current is self.root:
            self.intro.append(text)
            return
        self.current.add_text(text, self.joiner)

    def _starts_item(self, text: str) -> bool:
        if _BULLET.match(text) or _LETTER_ITEM.match(text):
            return True
        numbered = _NUMBERED.match(text)
        if numbered:
            numbers = tuple(int(n) for n in numbered.group(1).split("."))
            return self._fits(numbers) is not None
        roman = _ROMAN_ITEM.match(text)
        return bool(roman and roman_value(roman.group(1)) == self.last_roman + 1)


# ---------------------------------------------------------------------------
# Turning items and table rows into tasks
# ---------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ“\"])")


def _first_sentence(text: str) -> str:
    parts = _SENTENCE_END.split(text, maxsplit=1)
    return parts[0].strip()


def _clean_label_value(text: str) -> str:
    return normalize_spaces(text).rstrip(" .;")


@dataclass
class _Context:
    plan: ParsedPlan
    vocabulary: UnitVocabulary
    joiner: _Joiner
    links: dict[int, str] = field(default_factory=dict)  # appendix index -> task code
    codes: set[str] = field(default_factory=set)

    def unique_code(self, code: str, *, kind: str = "task") -> str:
        """``code``, or ``code-2``... when the plan already used it (reported)."""
        key = f"{kind}:{code}"
        if key not in self.codes:
            self.codes.add(key)
            return code
        counter = 2
        while f"{kind}:{code}-{counter}" in self.codes:
            counter += 1
        new = f"{code}-{counter}"
        self.codes.add(f"{kind}:{new}")
        self.plan.warnings.append(PlanWarning(T.WARN_DUPLICATE_CODE.format(code=code, new=new)))
        return new


_LINK = re.compile(
    r"chi tiet (?:tai|theo|o) (?:cac )?phu luc(?:\s+(?:so\s+)?([ivxlc]+|\d{1,2})\b)?"
)


def _items_to_tasks(
    root: _Item,
    context: _Context,
    *,
    prefix: str,
    source: str,
    appendix_list: bool,
    parent_code: str | None = None,
) -> list[ParsedTask]:
    out: list[ParsedTask] = []

    def visit(item: _Item, parent: str | None, group_name: str) -> None:
        numbered_children = [c for c in item.children if c.kind != "bullet"]
        bullets = [c for c in item.children if c.kind == "bullet"]
        if item.kind == "roman":
            code = f"{prefix}{item.label}"
        elif item.kind == "num":
            ancestor = item.parent
            while ancestor is not None and ancestor.kind != "roman":
                ancestor = ancestor.parent
            label = f"{ancestor.label}.{item.label}" if ancestor is not None else item.label
            code = f"{prefix}{label}"
        elif item.kind == "letter":
            code = f"{item.parent.code if item.parent else prefix}.{item.label}"
        else:
            code = item.code
        code = context.unique_code(code)
        item.code = code
        paragraphs = [normalize_spaces(p) for p in item.paragraphs if normalize_spaces(p)]
        if numbered_children and bullets:
            # Bullets before numbered sub-items are the item's text, not tasks.
            paragraphs += [normalize_spaces(b.paragraphs[0]) for b in bullets if b.paragraphs]
            for bullet in bullets:
                paragraphs += bullet.paragraphs[1:]
            bullets = []
        if appendix_list:
            title = " ".join(paragraphs)
            content = ""
        elif len(paragraphs) >= 2:
            title, content = paragraphs[0], "\n".join(paragraphs[1:])
        elif paragraphs:
            title = _first_sentence(paragraphs[0])
            content = paragraphs[0] if title != paragraphs[0] else ""
        else:
            title, content = "", ""
        link = _LINK.search(fold(" ".join(paragraphs)))
        if link is not None:
            number = link.group(1) or ""
            index = int(number) if number.isdigit() else (roman_value(number.upper()) or 0)
            context.links.setdefault(index, code)
        leads = split_units(_clean_label_value(item.labels.get("lead", "")), context.vocabulary)
        cooperating = split_units(
            _clean_label_value(item.labels.get("coop", "")), context.vocabulary
        )
        if not appendix_list and not leads and not cooperating and paragraphs:
            # "Trung tâm văn hoá ... xã làm tốt ...", "Phối hợp với các ban Đảng, ... để ..."
            first = paragraphs[0] if len(paragraphs) == 1 or item.children else paragraphs[1]
            leads, cooperating = _units_in_sentence(first, context.vocabulary)
        task = ParsedTask(
            code=code,
            title=title,
            content=content,
            parent=parent,
            is_group=bool(numbered_children or bullets),
            lead_units=leads,
            cooperating_units=cooperating,
            timeframe_text=_clean_label_value(item.labels.get("time", "")),
            expected_output=_clean_label_value(item.labels.get("output", "")),
            group_name=group_name,
            source=source,
        )
        if not title:
            task.problems.append(T.WARN_NO_TITLE.format(code=code))
        out.append(task)
        child_group = title if item.kind == "roman" or parent is None else group_name
        for child in numbered_children:
            visit(child, code, child_group)
        for number, bullet in enumerate(bullets, start=1):
            bullet.code = f"{code}.{number}"
            visit(bullet, code, child_group)

    for child in root.children:
        visit(child, parent_code, "")
    return out


_COOPERATE = re.compile(r"^phoi hop (?:voi|cung) (.+?) (?:de|nham|trong viec|thuc hien)\b")


def _units_in_sentence(text: str, vocabulary: UnitVocabulary) -> tuple[list[str], list[str]]:
    """Units named by a task's own sentence: a known unit as its subject
    ("Ban Chỉ đạo tổ chức kiểm tra ...") is the lead; "Phối hợp với A, B để
    ..." names cooperating units. Nothing is guessed beyond known names."""
    key = fold(text)
    cooperate = _COOPERATE.match(key)
    if cooperate is not None:
        names = split_units(text[cooperate.start(1) : cooperate.end(1)], vocabulary)
        if names and all(
            vocabulary.is_known(n) or vocabulary.is_prefix(n) or n[:1].islower() for n in names
        ):
            return [], names
        return [], []
    words = text.split()
    subject = 0
    for count in range(2, min(len(words) - 1, 14) + 1):
        if vocabulary.is_known(" ".join(words[:count]).rstrip(",;:")):
            subject = count
    if (
        subject
        and words[subject][:1].islower()
        and not words[subject - 1].endswith((",", ";", ":"))
    ):
        return [" ".join(words[:subject])], []
    return [], []


def _table_tasks(
    table: TableResult, context: _Context, *, prefix: str, source: str, parent: str | None
) -> list[ParsedTask]:
    rows = table.rows
    # Numbering that starts again in each group needs the group in the code.
    restart = False
    items_before = 0
    for row in rows:
        if row.is_group:
            continue
        if row.stt == "1" and items_before:
            restart = True
        items_before += 1
    out: list[ParsedTask] = []
    group_code: str | None = None
    group_title = ""
    for row in rows:
        if row.is_group:
            group_code = context.unique_code(f"{prefix}{row.stt}")
            group_title = row.name
            out.append(
                ParsedTask(
                    code=group_code,
                    title=row.name,
                    parent=parent,
                    is_group=True,
                    group_name=row.name,
                    source=source,
                )
            )
            continue
        stt = row.stt or str(len(out) + 1)
        if restart and group_code is not None:
            code = f"{group_code}.{stt}"
        else:
            code = f"{prefix}{stt}"
        code = context.unique_code(code)
        task = ParsedTask(
            code=code,
            title=row.name,
            parent=group_code or parent,
            lead_units=list(row.units.get(Col.LEAD, [])),
            cooperating_units=list(row.units.get(Col.COOP, [])),
            timeframe_text=_clean_label_value(row.cells.get(Col.TIME, "")),
            expected_output=row.cells.get(Col.OUTPUT, ""),
            content=row.cells.get(Col.NOTE, ""),
            group_name=group_title,
            source=source,
        )
        for word in row.leaks:
            context.plan.warnings.append(
                PlanWarning(
                    T.WARN_LEAK_REMOVED.format(code=code, word=word), where=source, code=code
                )
            )
        if not row.name:
            task.problems.append(T.WARN_NO_TITLE.format(code=code))
        out.append(task)
    return out


def _table_indicators(
    table: TableResult, context: _Context, *, source: str
) -> list[ParsedIndicator]:
    out: list[ParsedIndicator] = []
    group_label = ""
    group_name = ""
    years = table.years
    for row in table.rows:
        if row.is_group:
            group_label, group_name = row.stt, row.name
            continue
        code = f"{group_label}.{row.stt}" if group_label else row.stt
        code = context.unique_code(code, kind="indicator")
        measure = guess_measure(row.name, row.targets.values(), row.cells.get(Col.MEASURE, ""))
        indicator = ParsedIndicator(
            code=code,
            name=row.name,
            measure_unit=measure,
            comparator=guess_comparator(measure, row.targets.values()),
            targets=dict(row.targets),
            lead_units=list(row.units.get(Col.LEAD, [])),
            cooperating_units=list(row.units.get(Col.COOP, [])),
            group_name=group_name,
            source=source,
        )
        if row.aligned:
            placed = ", ".join(str(y) for y in sorted(row.targets))
            why = T.WHY_TRAILING_EMPTY if row.aligned == "left" else T.WHY_LEADING_EMPTY
            context.plan.warnings.append(
                PlanWarning(
                    T.WARN_TARGETS_ALIGNED.format(
                        code=code, count=len(row.targets), columns=len(years), years=placed, why=why
                    ),
                    where=source,
                    code=code,
                )
            )
            indicator.problems.append(T.PROBLEM_ALIGNED)
        if len(row.target_list) > len(years) and years:
            extra = " ".join(row.target_list[len(years) :])
            context.plan.warnings.append(
                PlanWarning(
                    T.WARN_TOO_MANY_TARGETS.format(
                        code=code, count=len(row.target_list), columns=len(years), extra=extra
                    ),
                    where=source,
                    code=code,
                )
            )
        out.append(indicator)
    return out


# ---------------------------------------------------------------------------
# Indicators written in prose (rule 5)
# ---------------------------------------------------------------------------

_CMP_WORDS = (
    r"≥|≤|>=|<=|=>|=<|>|<|=|tren|duoi|toi thieu|toi da|it nhat|khong duoi|khong qua|"
    r"khong vuot qua|dat|tu|bang"
)
_PROSE_TARGET = re.compile(
    r"(?P<cmp>(?:" + _CMP_WORDS + r")\s*)?"
    r"(?P<num>\d{1,3}(?:[.,]\d{1,3})?)\s*(?P<pct>%)?"
    r"(?P<suffix>\s*tro (?:len|xuong))?"
    r"(?:\s*\(\s*(?:nam\s*)?(?P<year>20\d\d)\s*\)|\s+(?:vao |den |trong )?nam (?P<year2>20\d\d))?"
)
_YEAR_CONTEXT = re.compile(r"(?:den|vao|trong|giai doan [0-9 -]*den) nam (20\d\d)|nam (20\d\d)")
_INDICATOR_START = re.compile(
    r"^(?:ty le|ty trong|so |so luong|chi so|tong |co |100%|\d{1,3}%|toi thieu|it nhat|phan dau)"
)


def _paragraphs(lines: Sequence[Line], joiner: _Joiner) -> list[str]:
    """Lines joined into paragraphs; bullets and numbered lines start new ones."""
    paragraphs: list[str] = []
    last_line = ""
    for line in lines:
        text = line.text
        if not text or re.fullmatch(r"[-–_=*. ]{3,}", text):
            continue
        if paragraphs and not _BULLET.match(text) and not _NUMBERED.match(text):
            joined = joiner.join(paragraphs[-1], text, last_line=last_line)
            if joined is not None:
                paragraphs[-1] = joined
                last_line = text
                continue
        paragraphs.append(text)
        last_line = text
    return paragraphs


def _prose_statements(lines: Sequence[Line], joiner: _Joiner) -> list[tuple[str, int | None]]:
    """(statement, year of the heading above) of the objectives part."""
    out: list[tuple[str, int | None]] = []
    paragraphs = _paragraphs(lines, joiner)
    heading_year: int | None = None
    for paragraph in paragraphs:
        key = fold(paragraph)
        body = _BULLET.match(paragraph)
        numbered = _NUMBERED.match(paragraph)
        text = body.group(1) if body else (numbered.group(3) if numbered else paragraph)
        year_here = _YEAR_CONTEXT.search(key)
        if text.rstrip().endswith(":") and year_here:
            heading_year = int(year_here.group(1) or year_here.group(2))
            rest = text.rstrip()[:-1]
            if not _has_target_value(rest):
                continue
        for piece in re.split(r";\s+|\.\s+(?=[A-ZĐ])", text):
            piece = piece.strip(" .;")
            if piece:
                out.append((piece, heading_year))
    return out


def _has_target_value(text: str) -> bool:
    key = fold(text)
    return bool(re.search(r"\d\s*%|(?:≥|≤|>=|<=|tren|toi thieu|it nhat|khong duoi)\s*\d", key))


def _prose_indicators(
    lines: Sequence[Line], context: _Context, *, source: str
) -> list[ParsedIndicator]:
    out: list[ParsedIndicator] = []
    counter = 0
    for statement, heading_year in _prose_statements(lines, context.joiner):
        key = fold(statement)
        if not _has_target_value(statement):
            continue
        lead_year = None
        lead = re.match(r"^(?:den|vao|trong) nam (20\d\d)\s*[,:]?\s*", key)
        text = statement
        if lead:
            lead_year = int(lead.group(1))
            text = _sentence_case(statement[lead.end() :])
            key = key[lead.end() :]
        matches = [
            m
            for m in _PROSE_TARGET.finditer(key)
            if (m.group("pct") or m.group("cmp")) and not _inside_word(key, m.start("num"))
        ]
        matches = [m for m in matches if not re.match(r"20\d\d$", m.group("num") or "")]
        if not matches:
            continue
        first = matches[0]
        name = _strip_tail(text[: first.start()])
        starts_with_value = not name
        targets: dict[int, str] = {}
        without_year: list[str] = []
        for match in matches:
            raw = text[match.start() : match.end()]
            raw = re.sub(r"\s*\(\s*(?:năm\s*)?20\d\d\s*\)\s*$", "", raw, flags=re.IGNORECASE)
            raw = re.sub(r"\s+(?:vào |đến |trong )?năm 20\d\d$", "", raw, flags=re.IGNORECASE)
            year_text = match.group("year") or match.group("year2")
            year = int(year_text) if year_text else (lead_year or heading_year)
            cell = _target_cell(raw)
            if year is None:
                without_year.append(cell)
                continue
            targets.setdefault(year, cell)
        if starts_with_value:
            tail = text[first.end() :].strip(" ,:;-–")
            tail = re.split(r"\s*\(|\s+(?:vào|đến|trong) năm", tail)[0]
            name = _sentence_case(tail)
            if fold(name).startswith(("can bo", "nguoi dan", "ho gia dinh", "doanh nghiep", "ho so",
                                      "thu tuc", "xa", "thon", "truong", "co quan")):  # fmt: skip
                name = "Tỷ lệ " + name[:1].lower() + name[1:]
        if not name:
            continue
        counter += 1
        code = context.unique_code(f"MT.{counter}", kind="indicator")
        values = list(targets.values())
        measure = guess_measure(name, values)
        indicator = ParsedIndicator(
            code=code,
            name=name,
            measure_unit=measure,
            comparator=guess_comparator(measure, values),
            targets=targets,
            source=source,
        )
        for cell in without_year:
            message = T.WARN_TARGET_NO_YEAR.format(code=code, text=cell)
            indicator.problems.append(message)
            context.plan.warnings.append(PlanWarning(message, where=source, code=code))
        out.append(indicator)
    return out


def _inside_word(text: str, position: int) -> bool:
    """True when the number at ``position`` is glued to letters ("5G", "06")."""
    return position > 0 and (text[position - 1].isalpha() or text[position - 1] in "-/")


def _strip_tail(name: str) -> str:
    words = name.split()
    while words and fold(words[-1]).strip(",:") in (
        "dat",
        "la",
        "tu",
        "muc",
        "o",
        "tren",
        "toi",
        "thieu",
    ):
        words.pop()
    return " ".join(words).strip(" ,:;-–")


def _sentence_case(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def _target_cell(raw: str) -> str:
    """A prose target as a table would print it ("trên 85%" → "trên 85%", "≥ 80%" → "≥80%")."""
    clean = normalize_spaces(raw)
    clean = re.sub(r"^(≥|≤|>=|<=|>|<|=)\s+", r"\1", clean)
    clean = re.sub(r"^(?:đạt|Đạt)\s+", "", clean)
    return clean


# ---------------------------------------------------------------------------
# Reporting (rule 6)
# ---------------------------------------------------------------------------

_FREQUENCIES: tuple[tuple[re.Pattern[str], Recurrence], ...] = (
    (re.compile(r"\b(?:hang|moi) thang\b|dinh ky thang"), Recurrence.MONTHLY),
    (re.compile(r"\b0?3 thang\b|\b(?:hang|moi) quy\b|\bquy\b"), Recurrence.QUARTERLY),
    (re.compile(r"\b0?6 thang\b|\bnua nam\b"), Recurrence.SEMIANNUAL),
    (re.compile(r"\b(?:hang|moi|01|1) nam\b|\bnam\b(?= hoac| va| ,)"), Recurrence.YEARLY),
)
_DAY = re.compile(r"(?:truoc|cham nhat|khong qua|den) (?:ngay )?(\d{1,2})\b(?! ?/)")


def _reporter(key: str) -> str:
    """Whose monthly deadline a sentence states (see ``ReportingRule.who``)."""
    if "tong hop" in key:
        return "commune"
    if re.search(r"\bcac (?:don vi|co quan|phong|ban|thon)\b", key):
        return "units"
    return ""


def _reporting(lines: Sequence[Line], joiner: _Joiner) -> list[ReportingRule]:
    paragraphs = _paragraphs(lines, joiner)
    out: list[ReportingRule] = []
    for paragraph in paragraphs:
        body = _BULLET.match(paragraph)
        text = body.group(1) if body else paragraph
        numbered = _NUMBERED.match(text) or _ROMAN_ITEM.match(text)
        if numbered:
            text = numbered.group(numbered.lastindex or 1)
            if len(text) <= 120 and not text.rstrip().endswith(_TERMINAL) and ":" not in text:
                continue  # a heading ("5. Cơ chế thông tin, báo cáo, sơ kết, tổng kết")
        for sentence in re.split(r"(?<=\.)\s+(?=[A-ZĐ])", text):
            key = fold(sentence)
            reports = "bao cao" in key
            review = "so ket" in key or "tong ket" in key
            frequencies = [f for pattern, f in _FREQUENCIES if pattern.search(key)]
            day_match = _DAY.search(key)
            day = (
                int(day_match.group(1))
                if day_match and 1 <= int(day_match.group(1)) <= 31
                else None
            )
            periodic = bool(frequencies) or "dinh ky" in key or day is not None
            if reports or (review and periodic):
                out.append(
                    ReportingRule(
                        text=normalize_spaces(sentence),
                        frequencies=frequencies,
                        day=day,
                        who=_reporter(key)
                        if day is not None and Recurrence.MONTHLY in frequencies
                        else "",
                    )
                )
    return out


# ---------------------------------------------------------------------------
# The plan's header
# ---------------------------------------------------------------------------

_NUMBER_LINE = re.compile(
    r"^S[ốo]\s*:?\s*([0-9]*\s*[-/]?\s*(?:KH|QĐ|NQ)[-/][\wĐđ\-/]*)", re.IGNORECASE
)
_ISSUED_WITH = re.compile(
    r"Kế hoạch số\s*:?\s*([0-9A-Za-zĐđ\-/]+)\s+ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
    r"(?:\s+của\s+([^)]+?))?\s*\)",
    re.IGNORECASE,
)
_DATE_LINE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)


def _read_header(parts: Sequence[_Part], plan: ParsedPlan, joiner: _Joiner) -> None:
    preamble = parts[0]
    lines = [b for b in preamble.blocks if isinstance(b, Line) and not b.blank]
    for index, line in enumerate(lines):
        text = line.text
        number = _NUMBER_LINE.match(text)
        if number and not plan.number:
            plan.number = normalize_spaces(number.group(1))
        date = _DATE_LINE.search(text)
        if date and plan.issued_on is None:
            try:
                plan.issued_on = dt.date(int(date.group(3)), int(date.group(2)), int(date.group(1)))
            except ValueError:
                pass
        if fold(text).strip(" .") == "ke hoach" and not plan.title:
            title = ""
            for follow in lines[index + 1 :]:
                if re.fullmatch(r"[-–_=*. ]+", follow.text):
                    break
                if not title:
                    title = last = follow.text
                    continue
                joined = joiner.join(title, follow.text, last_line=last)
                if joined is None:
                    break
                title, last = joined, follow.text
            plan.title = normalize_spaces(title)
    for part in parts:
        text = " ".join(b.text for b in part.blocks[:12] if isinstance(b, Line))
        found = _ISSUED_WITH.search(text)
        if found:
            if not plan.number:
                plan.number = found.group(1)
            if plan.issued_on is None:
                try:
                    plan.issued_on = dt.date(
                        int(found.group(4)), int(found.group(3)), int(found.group(2))
                    )
                except ValueError:
                    pass
            if not plan.issuer and found.group(5):
                plan.issuer = normalize_spaces(found.group(5))
            break
    if plan.issued_on is not None:
        plan.reference_year = plan.issued_on.year
    else:
        years = re.findall(r"năm (20\d\d)", " ".join(b.text for b in lines[:8]))
        if years:
            plan.reference_year = int(years[0])


# ---------------------------------------------------------------------------
# Appendices
# ---------------------------------------------------------------------------


def _appendix_body(part: _Part, joiner: _Joiner) -> tuple[str, list[Block]]:
    """The appendix title (lines in capitals) and the blocks after the header lines."""
    blocks = list(part.blocks)
    title = part.title
    index = 0
    in_note = False
    while index < len(blocks):
        block = blocks[index]
        if not isinstance(block, Line):
            break
        text = block.text
        if not text:
            index += 1
            continue
        if in_note:
            if text.rstrip().endswith(")"):
                in_note = False
            index += 1
            continue
        if text.startswith("("):
            in_note = not text.rstrip().endswith(")")
            index += 1
            continue
        if _uppercase(text) and not re.match(r"^(?:s?tt|[ivx]+)\b", fold(text)):
            title = f"{title} {text}".strip()
            index += 1
            continue
        break
    return normalize_spaces(title), blocks[index:]


def _read_appendix(
    part: _Part, context: _Context
) -> tuple[list[ParsedTask], list[ParsedIndicator], str]:
    title, blocks = _appendix_body(part, context.joiner)
    source = part.label
    number = part.index
    prefix = f"PL{number}." if number else "PL."
    tasks: list[ParsedTask] = []
    indicators: list[ParsedIndicator] = []
    lines: list[Line] = []

    def flush_lines() -> None:
        if not lines:
            return
        found = find_text_table(lines)
        list_lines = lines if found is None else lines[: found[0]]
        if any(not line.blank for line in list_lines):
            reader = _TreeReader(context.joiner, context.plan.warnings, source)
            for line in list_lines:
                reader.feed(line)
            tasks.extend(
                _items_to_tasks(
                    reader.root, context, prefix=prefix, source=source, appendix_list=True
                )
            )
        if found is not None:
            _header, body_start, columns = found
            table = rows_from_lines(lines, body_start, columns, context.vocabulary)
            for page in table.page_numbers:
                context.plan.warnings.append(
                    PlanWarning(T.WARN_PAGE_NUMBER.format(number=page, where=source))
                )
            _take_table(table, prefix=prefix, source=source)
        lines.clear()

    def _take_table(table: TableResult, *, prefix: str, source: str) -> None:
        if table.years or (table.has(Col.MEASURE) and not table.has(Col.TIME)):
            indicators.extend(_table_indicators(table, context, source=source))
        else:
            tasks.extend(_table_tasks(table, context, prefix=prefix, source=source, parent=None))

    for block in blocks:
        if isinstance(block, TableBlock):
            flush_lines()
            table = rows_from_cells(block, context.vocabulary)
            if table is None:
                context.plan.warnings.append(
                    PlanWarning(T.WARN_TABLE_NO_HEADER.format(where=source))
                )
                continue
            _take_table(table, prefix=prefix, source=source)
        else:
            lines.append(block)
    flush_lines()
    return tasks, indicators, title


def _hang_appendix(
    tasks: list[ParsedTask], context: _Context, *, part: _Part, title: str
) -> list[ParsedTask]:
    """Put the appendix's top tasks under the item that names it, or under a root."""
    if not tasks:
        return tasks
    number = part.index
    anchor = context.links.get(number)
    tops = [t for t in tasks if t.parent is None]
    if anchor is not None:
        for task in tops:
            task.parent = anchor
        anchor_task = context.plan.task(anchor)
        if anchor_task is not None:
            anchor_task.is_group = True
        context.plan.warnings.append(
            PlanWarning(
                T.WARN_LINK_APPENDIX.format(
                    appendix=part.label, appendix_lower=part.label.lower(), code=anchor
                )
            )
        )
        return tasks
    root_code = context.unique_code(f"PL{number}" if number else "PL")
    root = ParsedTask(
        code=root_code,
        title=title or T.APPENDIX_ROOT_TITLE.format(number=part.number).strip(),
        is_group=True,
        source=part.label,
    )
    for task in tops:
        task.parent = root_code
    return [root, *tasks]


# ---------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------


def _ordered(tasks: list[ParsedTask]) -> list[ParsedTask]:
    """Tasks in tree order (parents before children, siblings in reading order)."""
    by_parent: dict[str | None, list[ParsedTask]] = {}
    for task in tasks:
        by_parent.setdefault(task.parent, []).append(task)
    out: list[ParsedTask] = []
    known = {t.code for t in tasks}

    def walk(code: str | None) -> None:
        for child in by_parent.get(code, []):
            out.append(child)
            walk(child.code)

    walk(None)
    for task in tasks:
        if task.parent is not None and task.parent not in known:
            task.parent = None
    if len(out) != len(tasks):
        seen = {id(t) for t in out}
        out += [t for t in tasks if id(t) not in seen]
    return out


def parse_document(
    document: SourceDocument, *, known_units: Iterable[str] = (), reference_year: int | None = None
) -> ParsedPlan:
    """Read a plan from its blocks (see the module rules). Raises ParseError
    when nothing at all is found."""
    plan = ParsedPlan(source_name=document.name)
    joiner = _Joiner(document)
    vocabulary = UnitVocabulary.with_builtin(known_units)
    context = _Context(plan=plan, vocabulary=vocabulary, joiner=joiner)
    parts = _segment(document)
    _read_header(parts, plan, joiner)
    if reference_year is not None:
        plan.reference_year = reference_year
    plan.parts = [
        p.label for p in parts if p.kind not in (PREAMBLE, CLOSING) and (p.blocks or p.title)
    ]
    for page in document.dropped_page_numbers:
        plan.warnings.append(
            PlanWarning(T.WARN_PAGE_NUMBER.format(number=page, where=document.name))
        )

    body_tasks: list[ParsedTask] = []
    appendix_tasks: list[ParsedTask] = []
    for part in parts:
        if part.kind == TASKS:
            reader = _TreeReader(joiner, plan.warnings, part.label)
            lines: list[Line] = []
            for block in part.blocks:
                if isinstance(block, TableBlock):
                    table = rows_from_cells(block, vocabulary)
                    if table is not None and not (table.years or table.has(Col.MEASURE)):
                        body_tasks.extend(
                            _table_tasks(table, context, prefix="", source=part.label, parent=None)
                        )
                    elif table is not None:
                        plan.indicators.extend(_table_indicators(table, context, source=part.label))
                    continue
                lines.append(block)
                reader.feed(block)
            body_tasks.extend(
                _items_to_tasks(
                    reader.root,
                    context,
                    prefix="",
                    source=part.title or part.label,
                    appendix_list=False,
                )
            )
        elif part.kind == OBJECTIVES:
            lines = []
            for block in part.blocks:
                if isinstance(block, TableBlock):
                    table = rows_from_cells(block, vocabulary)
                    if table is not None:
                        if table.years or table.has(Col.MEASURE) or not table.has(Col.TIME):
                            plan.indicators.extend(
                                _table_indicators(table, context, source=part.label)
                            )
                        else:
                            body_tasks.extend(
                                _table_tasks(
                                    table, context, prefix="", source=part.label, parent=None
                                )
                            )
                    continue
                lines.append(block)
            found = find_text_table(lines)
            if found is not None:
                table = rows_from_lines(lines, found[1], found[2], vocabulary)
                plan.indicators.extend(_table_indicators(table, context, source=part.label))
                lines = lines[: found[0]]
            plan.indicators.extend(_prose_indicators(lines, context, source=part.label))
        elif part.kind == ORGANISATION:
            plan.reporting.extend(
                _reporting([b for b in part.blocks if isinstance(b, Line)], joiner)
            )
    plan.tasks = body_tasks
    for part in parts:
        if part.kind != APPENDIX:
            continue
        tasks, indicators, title = _read_appendix(part, context)
        plan.indicators.extend(indicators)
        appendix_tasks.extend(_hang_appendix(tasks, context, part=part, title=title))
    plan.tasks = _ordered(body_tasks + appendix_tasks)
    for task in plan.tasks:
        task.is_group = task.is_group or any(t.parent == task.code for t in plan.tasks)
        task.refresh_timeframe(reference_year=plan.reference_year)
        if task.timeframe_text and not task.timeframe_understood:
            plan.warnings.append(
                PlanWarning(
                    T.WARN_TIMEFRAME.format(code=task.code, note=task.timeframe_note),
                    code=task.code,
                )
            )
    for indicator in plan.indicators:
        if not indicator.targets:
            plan.warnings.append(
                PlanWarning(T.WARN_NO_TARGET.format(code=indicator.code), code=indicator.code)
            )
    if not plan.tasks and not plan.indicators:
        raise ParseError(T.NOTHING_FOUND.format(name=document.name))
    if not any(p.kind == TASKS for p in parts):
        plan.warnings.append(PlanWarning(T.NO_TASKS_PART))
    return plan


def parse_file(
    path: str | Path, *, known_units: Iterable[str] = (), reference_year: int | None = None
) -> ParsedPlan:
    """Read a plan file of any supported kind; raises ParseError (Vietnamese) on failure."""
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        from models.plan_import.excel import import_workbook

        return import_workbook(file, known_units=known_units, reference_year=reference_year).plan
    document = read_document(file)
    return parse_document(document, known_units=known_units, reference_year=reference_year)
