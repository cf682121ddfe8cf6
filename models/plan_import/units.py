"""Unit names in a plan: recognising them, splitting lists, matching the commune's units.

Plans write the same unit many ways ("Văn phòng HĐND&UBND xã", "Văn phòng
Hội đồng nhân dân và Ủy ban nhân dân xã", "Phòng Văn hóa - Xã hôi"). Rules:

* ``unit_key`` is the comparison key: ``models.textutil.fold`` (case and
  diacritics ignored), "&" read as "và", the usual abbreviations written
  out (UBND, HĐND, MTTQ, VH-XH...), punctuation dropped, and a trailing
  "xã"/"phường"/"thị trấn" ignored. Two names with the same key are the
  same unit.
* ``match_unit`` compares a plan's name with the commune's units: the same
  key is an exact match; otherwise the most similar unit (``difflib``
  ratio of the keys, or one key containing the other word for word) is
  taken when the similarity is at least ``SIMILAR_THRESHOLD``; otherwise the
  name is proposed as a new unit (code, kind guessed) — never created
  silently. Collective phrases ("Các cơ quan, đơn vị liên quan", "Doanh
  nghiệp trên địa bàn") name no single unit and are proposed as nothing.
* ``split_units`` splits a cell ("Phòng Kinh tế, các cơ quan, đơn vị có
  liên quan") into names: at "," and ";" when what follows starts a unit
  name (a capitalised unit word such as "Phòng", "Công an", "Văn phòng", or
  "các ..."), keeping known names that contain commas whole.
* ``UnitVocabulary`` (built-in list of the units a commune usually has, plus
  the commune's own units) tells the table reconstruction whether a text is a
  unit name, a beginning of one, or made of unit words.

Qt-free; any thread.
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from models.enums import UnitKind
from models.plan_import import texts as T
from models.textutil import fold, normalize_spaces

__all__ = [
    "BUILTIN_UNITS",
    "MatchKind",
    "NewUnit",
    "SIMILAR_THRESHOLD",
    "UnitMatch",
    "UnitRef",
    "UnitVocabulary",
    "guess_kind",
    "is_collective",
    "match_unit",
    "match_units",
    "propose_code",
    "split_units",
    "unit_key",
]

SIMILAR_THRESHOLD = 0.85

BUILTIN_UNITS: tuple[str, ...] = (
    # Offices, departments, centres of the commune People's Committee.
    "Văn phòng HĐND và UBND xã",
    "Văn phòng HĐND&UBND xã",
    "Văn phòng UBND xã",
    "Văn phòng Đảng ủy xã",
    "Phòng Văn hóa - Xã hội",
    "Phòng Kinh tế",
    "Phòng Kinh tế, Hạ tầng và Đô thị",
    "Phòng Kinh tế - Hạ tầng",
    "Phòng Nội vụ",
    "Phòng Tư pháp",
    "Phòng Tài chính - Kế hoạch",
    "Phòng Tài nguyên và Môi trường",
    "Trung tâm Phục vụ hành chính công",
    "Trung tâm Văn hóa, Thể thao và Truyền thông",
    "Trung tâm Dịch vụ tổng hợp",
    "Trung tâm Cung ứng dịch vụ công",
    "Công an xã",
    "Công an phường",
    "Ban Chỉ huy quân sự xã",
    "Trạm Y tế xã",
    "Bưu điện văn hóa xã",
    # Party bodies.
    "Ban Xây dựng Đảng",
    "Ủy ban Kiểm tra Đảng ủy",
    "Cơ quan Ủy ban Kiểm tra Đảng ủy",
    "Đảng ủy xã",
    "Ban Thường vụ Đảng ủy",
    "Thường trực Đảng ủy",
    "Ban Chỉ đạo",
    # Elected bodies and the Fatherland Front.
    "Ủy ban nhân dân xã",
    "Hội đồng nhân dân xã",
    "Ủy ban MTTQ Việt Nam xã",
    "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
    "Mặt trận Tổ quốc Việt Nam xã",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã",
    "Hội Liên hiệp Phụ nữ xã",
    "Hội Nông dân xã",
    "Hội Cựu chiến binh xã",
    "Tổ công nghệ số cộng đồng",
    "Tổ Chuyển đổi số cộng đồng",
    # Schools and others outside the committee.
    "Trường Mầm non",
    "Trường Tiểu học",
    "Trường THCS",
    "Hợp tác xã nông nghiệp",
    # Collective phrases (no single unit).
    "Các cơ quan, đơn vị",
    "Các cơ quan, đơn vị liên quan",
    "Các cơ quan, đơn vị có liên quan",
    "Các phòng, ban, ngành",
    "Các phòng, ban, ngành, đơn vị thuộc UBND xã",
    "Các phòng, cơ quan, đơn vị thuộc UBND xã",
    "Các doanh nghiệp viễn thông trên địa bàn",
    "Các doanh nghiệp tại địa phương",
    "Các doanh nghiệp trên địa bàn",
    "Doanh nghiệp trên địa bàn",
    "Các thôn, tổ dân phố",
    "Đảng bộ, các chi bộ",
    "Các chi, đảng bộ trực thuộc",
)

_ABBREVIATIONS: tuple[tuple[str, str], ...] = tuple(
    (re.compile(pattern), replacement)  # type: ignore[misc]
    for pattern, replacement in (
        (r"\bubnd\b", "uy ban nhan dan"),
        (r"\bhdnd\b", "hoi dong nhan dan"),
        (r"\bmttq\b", "mat tran to quoc"),
        (r"\bmt ?tq\b", "mat tran to quoc"),
        (r"\bvh ?- ?xh\b", "van hoa xa hoi"),
        (r"\bvhxh\b", "van hoa xa hoi"),
        (r"\bkt ?- ?xh\b", "kinh te xa hoi"),
        (r"\bvhtt\b", "van hoa the thao"),
        (r"\bthcs\b", "trung hoc co so"),
        (r"\bthpt\b", "trung hoc pho thong"),
        (r"\bbchqs\b", "ban chi huy quan su"),
        (r"\bhcc\b", "hanh chinh cong"),
        (r"\btn ?cs ?hcm\b", "thanh nien cong san ho chi minh"),
        (r"\btp\b", "thanh pho"),
    )
)
_TRAILING_PLACE = re.compile(r" (?:xa|phuong|thi tran|dac khu)$")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def unit_key(name: str) -> str:
    """The comparison key of a unit name (see the module rules)."""
    key = fold(normalize_spaces(name))
    key = key.replace("&", " va ")
    for pattern, replacement in _ABBREVIATIONS:
        key = pattern.sub(replacement, key)  # type: ignore[attr-defined]
    key = _NON_WORD.sub(" ", key).strip()
    key = re.sub(r"\s+", " ", key)
    stripped = _TRAILING_PLACE.sub("", key)
    return stripped or key


def _compact(name: str) -> str:
    """Key without spaces: for names broken inside a word ("HĐND&UBN" + "D xã")."""
    return unit_key(name).replace(" ", "")


def _words(name: str) -> list[str]:
    """Folded words of a name, "&" read as "và", punctuation dropped."""
    return _NON_WORD.sub(" ", fold(normalize_spaces(name)).replace("&", " va ")).split()


def _fragment(name: str) -> str:
    """Folded letters and digits only, abbreviations kept: compares pieces of a
    name as the PDF broke them ("Văn phòng HĐND&UBN" is the start of
    "Văn phòng HĐND&UBND xã")."""
    return _NON_WORD.sub("", fold(normalize_spaces(name)).replace("&", "va"))


# --- Collective phrases and kinds -----------------------------------------------------------

_COLLECTIVE = re.compile(
    r"^(?:cac |nhung |toan the )"
    r"|^(?:co quan, don vi|doanh nghiep(?: tren dia ban| tai dia phuong)?|nhan dan|nguoi dan)$"
    r"|^dang bo, cac chi bo|^cac chi, dang bo"
    r"|(?:^|, )(?:cac )?(?:co quan|don vi) (?:co )?lien quan$"
)


def is_collective(name: str) -> bool:
    """True for phrases that name many units or none ("Các cơ quan, đơn vị")."""
    key = fold(normalize_spaces(name)).strip(" .;,")
    return bool(_COLLECTIVE.search(key))


_KINDS: tuple[tuple[str, UnitKind], ...] = (
    ("van phong dang uy", UnitKind.PARTY),
    ("van phong", UnitKind.OFFICE),
    ("phong ", UnitKind.DEPARTMENT),
    ("ban chi huy quan su", UnitKind.MILITARY),
    ("ban xay dung dang", UnitKind.PARTY),
    ("co quan uy ban kiem tra", UnitKind.PARTY),
    ("uy ban kiem tra", UnitKind.PARTY),
    ("ban thuong vu", UnitKind.PARTY),
    ("thuong truc dang uy", UnitKind.PARTY),
    ("dang uy", UnitKind.PARTY),
    ("dang bo", UnitKind.PARTY),
    ("chi bo", UnitKind.PARTY),
    ("uy ban mat tran", UnitKind.MASS_ORG),
    ("uy ban mttq", UnitKind.MASS_ORG),
    ("mat tran", UnitKind.MASS_ORG),
    ("mttq", UnitKind.MASS_ORG),
    ("hoi ", UnitKind.MASS_ORG),
    ("doan thanh nien", UnitKind.MASS_ORG),
    ("ban ", UnitKind.BOARD),
    ("trung tam", UnitKind.CENTRE),
    ("cong an", UnitKind.POLICE),
    ("thon ", UnitKind.VILLAGE),
    ("to dan pho", UnitKind.VILLAGE),
    ("khu pho", UnitKind.VILLAGE),
    ("ap ", UnitKind.VILLAGE),
    ("truong ", UnitKind.EXTERNAL),
    ("tram y te", UnitKind.EXTERNAL),
    ("doanh nghiep", UnitKind.EXTERNAL),
    ("cong ty", UnitKind.EXTERNAL),
    ("hop tac xa", UnitKind.EXTERNAL),
    ("buu dien", UnitKind.EXTERNAL),
    ("ngan hang", UnitKind.EXTERNAL),
)


def guess_kind(name: str) -> UnitKind:
    """The kind of a unit from the first words of its name ("Phòng ..." → department)."""
    key = fold(normalize_spaces(name)) + " "
    for prefix, kind in _KINDS:
        if key.startswith(prefix):
            return kind
    return UnitKind.OTHER


_CONNECTORS = {"va", "-", "&", "cua", "tai", "tren"}


def propose_code(name: str, taken: Iterable[str]) -> str:
    """A short unused code for a new unit: initials ("Phòng Văn hóa - Xã hội" → "PVHXH")."""
    used = {code.upper() for code in taken}
    words = [w for w in re.split(r"[\s,;/()]+", normalize_spaces(name)) if w]
    while len(words) > 1 and fold(words[-1]) in ("xa", "phuong"):
        words.pop()  # "Công an xã" → "CA"
    letters: list[str] = []
    for word in words:
        folded = fold(word).strip(".-&")
        if not folded or folded in _CONNECTORS:
            continue
        if word.isupper() and len(folded) > 1:
            letters.append(_NON_WORD.sub("", folded).upper())
        else:
            letters.append(folded[0].upper())
    base = ("".join(letters) or "DV")[:16]
    if not base[0].isalpha():
        base = "DV" + base
    code = base
    counter = 2
    while code.upper() in used:
        code = f"{base}{counter}"
        counter += 1
    return code


# --- Vocabulary for recognising unit names in text -----------------------------------------------

_START_WORDS = (
    "van phong", "phong", "ban", "cong an", "trung tam", "uy ban", "ubnd", "hdnd", "hoi dong",
    "mat tran", "mttq", "dang uy", "dang bo", "chi bo", "hoi", "doan", "truong", "tram",
    "thon", "to", "cac", "doanh nghiep", "co quan", "buu dien", "ngan hang", "hop tac xa",
    "cong ty", "chi nhanh", "kho bac", "doi", "luc luong", "thuong truc", "chu tich",
    "cong chuc", "can bo", "bchqs", "quy",
)  # fmt: skip
_EXTRA_WORDS = {
    "va",
    "cac",
    "co",
    "lien",
    "quan",
    "tren",
    "dia",
    "ban",
    "tai",
    "phuong",
    "xa",
    "thuoc",
    "truc",
}
_SEPARATORS = ",;"


@dataclass
class UnitVocabulary:
    """Known unit names (built-in plus the commune's) and the words they use."""

    names: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.keys: set[str] = set()
        self.compacts: set[str] = set()
        self.fragments: set[str] = set()
        self.words: set[str] = set(_EXTRA_WORDS)
        self.with_separators: list[str] = []
        for name in self.names:
            self._add(name)
        self._next: dict[str, set[str]] = {}
        for name in self.names:
            for words in (_words(name), unit_key(name).split()):
                for index, word in enumerate(words):
                    self._next.setdefault(" ".join(words[:index]), set()).add(word)

    @classmethod
    def with_builtin(cls, extra: Iterable[str] = ()) -> UnitVocabulary:
        return cls(names=[*BUILTIN_UNITS, *(normalize_spaces(n) for n in extra if n.strip())])

    def _add(self, name: str) -> None:
        key = unit_key(name)
        self.keys.add(key)
        self.compacts.add(key.replace(" ", ""))
        self.fragments.add(_fragment(name))
        self.words.update(key.split())
        self.words.update(_NON_WORD.sub(" ", fold(name)).split())
        if any(sep in name for sep in _SEPARATORS):
            self.with_separators.append(name)

    def is_known(self, text: str) -> bool:
        """A known name; also a known name, or the start of one, followed by
        "xã"/"phường" ("Đoàn Thanh niên xã")."""
        if _fragment(text) in self.fragments or _compact(text) in self.compacts:
            return True
        words = text.split()
        places = ("xa", "phuong")
        if len(words) >= 3 and fold(words[-1]).strip(".,;") in places:
            rest = " ".join(words[:-1])
            if fold(words[-2]).strip(".,;") in places:
                return False
            return _fragment(rest) in self.fragments or self.is_prefix(rest)
        return False

    def is_prefix(self, text: str) -> bool:
        """True when ``text`` is the beginning (not the whole) of a known name."""
        words = _words(text)
        if not words:
            return False
        if " ".join(words) in self._next:
            return True  # whole words, and longer names go on
        # A word cut in two only happens inside abbreviations ("HĐND&UBN" + "D").
        tokens = text.split()
        if not tokens or not tokens[-1].isupper():
            return False
        following = self._next.get(" ".join(words[:-1]), set())
        last = words[-1]
        return any(word.startswith(last) and word != last for word in following)

    def word_ok(self, token: str) -> bool:
        """Whether a token can belong to a unit name (a unit word, an
        abbreviation, or a capitalised place name such as "Minh Tân")."""
        bare = token.strip(",;.:()")
        if not bare or bare in ("-", "&", "–"):
            return True
        if len(bare) >= 2 and bare[:1].isupper() and bare[1:].islower():
            return True
        folded = fold(bare)
        parts = [p for p in _NON_WORD.split(folded.replace("&", " ")) if p]
        if not parts:
            return True
        if bare.isupper() and len(bare) <= 10:
            return True  # HĐND&, UBND, D (a word broken by the PDF)
        return all(p in self.words for p in parts)

    @staticmethod
    def starts_unit(tokens: Sequence[str], index: int = 0) -> bool:
        """Whether ``tokens[index:]`` starts a unit name ("Phòng ...", "Các ...", "UBND")."""
        if index >= len(tokens):
            return False
        first = tokens[index].strip(",;.:()&-")
        if not first:
            return False
        head = fold(" ".join(t.strip(",;.:()&-") for t in tokens[index : index + 3]))
        capital = first[0].isupper()
        for word in _START_WORDS:
            if head == word or head.startswith(word + " "):
                return capital or word == "cac"
        return False


def _protect(text: str, vocabulary: UnitVocabulary | None) -> str:
    """Replace separators inside known names with placeholders."""
    if vocabulary is None:
        return text
    folded = fold(text)
    for name in sorted(vocabulary.with_separators, key=len, reverse=True):
        pattern = re.escape(fold(name)).replace("\\ ", r"\s+")
        for match in re.finditer(pattern, folded):
            start, end = match.span()
            inner = text[start:end].replace(",", "\x00").replace(";", "\x01")
            text = text[:start] + inner + text[end:]
    return text


def split_units(text: str, vocabulary: UnitVocabulary | None = None) -> list[str]:
    """Split a cell of units into names (see the module rules)."""
    clean = normalize_spaces(text).strip(" .;,")
    if not clean:
        return []
    protected = _protect(clean, vocabulary)
    pieces = [p.strip() for p in re.split(r"[,;]", protected)]
    names: list[str] = []
    for piece in pieces:
        if not piece:
            continue
        tokens = piece.split()
        if names and not UnitVocabulary.starts_unit(tokens):
            names[-1] = f"{names[-1]}, {piece}"
        else:
            names.append(piece)
    out = []
    for name in names:
        restored = name.replace("\x00", ",").replace("\x01", ";").strip(" .;,")
        if restored:
            out.append(restored)
    return out


# --- Matching with the commune's units ----------------------------------------------------------------


@dataclass(frozen=True)
class UnitRef:
    """A unit of the commune as the matcher sees it."""

    id: int
    code: str
    name: str


class MatchKind(enum.StrEnum):
    EXACT = "exact"
    SIMILAR = "similar"
    NEW = "new"
    COLLECTIVE = "collective"


@dataclass(frozen=True)
class NewUnit:
    """A unit proposed for creation (the user confirms or changes it)."""

    name: str
    code: str
    kind: UnitKind


@dataclass
class UnitMatch:
    """How one name of the plan relates to the commune's units."""

    name: str
    kind: MatchKind
    unit: UnitRef | None = None
    score: float = 0.0
    proposal: NewUnit | None = None
    candidates: list[tuple[UnitRef, float]] = field(default_factory=list)

    def label(self) -> str:
        if self.kind is MatchKind.EXACT:
            return T.MATCH_EXACT
        if self.kind is MatchKind.SIMILAR:
            return T.MATCH_SIMILAR.format(score=self.score)
        if self.kind is MatchKind.COLLECTIVE:
            return T.MATCH_COLLECTIVE
        return T.MATCH_NEW


_GENERIC = {"uy", "ban", "co", "quan", "viet", "nam", "va", "cua", "thuoc"}


def _similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    ratio = difflib.SequenceMatcher(None, a, b).ratio()
    words_a, words_b = a.split(), b.split()
    shorter, longer = (words_a, words_b) if len(words_a) <= len(words_b) else (words_b, words_a)
    extra = list(longer)
    for word in shorter:
        if word in extra:
            extra.remove(word)
    if len(shorter) >= 2 and len(extra) == len(longer) - len(shorter) and set(extra) <= _GENERIC:
        # One name is the other with generic words added ("Ủy ban MTTQ Việt
        # Nam" / "Mặt trận Tổ quốc Việt Nam"): close, but less than the same.
        ratio = max(ratio, 0.86 + 0.1 * len(shorter) / len(longer))
    return min(ratio, 0.99)


def match_unit(
    name: str, units: Sequence[UnitRef], *, taken_codes: Iterable[str] = ()
) -> UnitMatch:
    """Match one plan name against the commune's units (see the module rules)."""
    key = unit_key(name)
    exact = [u for u in units if unit_key(u.name) == key or unit_key(u.code) == key]
    if exact:
        return UnitMatch(name=name, kind=MatchKind.EXACT, unit=exact[0], score=1.0)
    scored = sorted(
        ((u, _similarity(key, unit_key(u.name))) for u in units), key=lambda item: -item[1]
    )
    candidates = [item for item in scored[:5] if item[1] > 0.5]
    if is_collective(name):
        return UnitMatch(name=name, kind=MatchKind.COLLECTIVE, candidates=candidates)
    if candidates and candidates[0][1] >= SIMILAR_THRESHOLD:
        best, score = candidates[0]
        return UnitMatch(
            name=name, kind=MatchKind.SIMILAR, unit=best, score=score, candidates=candidates
        )
    codes = [*taken_codes, *(u.code for u in units)]
    proposal = NewUnit(
        name=normalize_spaces(name), code=propose_code(name, codes), kind=guess_kind(name)
    )
    return UnitMatch(name=name, kind=MatchKind.NEW, proposal=proposal, candidates=candidates)


def match_units(names: Iterable[str], units: Sequence[UnitRef]) -> dict[str, UnitMatch]:
    """Match every name; new units get distinct proposed codes; names with the
    same key share one proposal (one unit is created for "Ban Xây dựng Đảng"
    and "Ban xây dựng Đảng")."""
    out: dict[str, UnitMatch] = {}
    proposals: dict[str, NewUnit] = {}
    taken: list[str] = []
    for name in names:
        if name in out:
            continue
        key = unit_key(name)
        if key in proposals:
            out[name] = UnitMatch(name=name, kind=MatchKind.NEW, proposal=proposals[key])
            continue
        found = match_unit(name, units, taken_codes=taken)
        if found.proposal is not None:
            proposals[key] = found.proposal
            taken.append(found.proposal.code)
        out[name] = found
    return out
