"""Reading the time frame of a task ("Thời gian", "Thời hạn") from plan text.

``parse_timeframe`` turns the phrases of real plans into a deadline, an
optional start and a recurrence, or keeps the phrase as text and says why
(``understood=False``). It never guesses: a phrase is understood only when
the whole of it matches one of the forms below.

Matching ignores case and diacritics ("hang nam" = "Hằng năm" = "HÀNG NĂM"),
line breaks and extra spaces (appendix cells such as "Trong \\n\\ntháng
\\n\\n8/2025"), a leading label ("Thời gian thực hiện:"), a leading verb
("Hoàn thành", "Thực hiện", "Triển khai"), bullets and trailing dots.

Forms understood (D = a day, e.g. "20/12/2025", "20-12-2025",
"20.12.2025", "2025-12-20", "ngày 30 tháng 6 năm 2026"):

==================================  ==========================================
Phrase                              Result
==================================  ==========================================
"Thường xuyên", "Liên tục"          CONTINUOUS, no deadline
"Hằng năm", "Định kỳ hàng năm"      YEARLY, no deadline
"Hằng quý", "Định kỳ 3 tháng"       QUARTERLY
"Hằng tháng", "Định kỳ hàng tháng"  MONTHLY
"6 tháng một lần", "Định kỳ 6 th."  SEMIANNUAL
"Trước ngày D", "Trước D",          deadline = D. Rule: the named day is the
"Đến ngày D", "Chậm nhất ngày D",   deadline, i.e. work finished on D is on
"ngày D", "Hoàn thành trước D"      time (the usage of plans, not "D - 1").
"Trong tháng 8/2025",               deadline = last day of the month
"Tháng 12/2025",
"tháng 7 năm 2025"
"Quý III năm 2025", "quý 3/2025",   deadline = last day of the quarter
"Quý IV/2025"                       (Roman or Arabic numbers)
"6 tháng đầu năm 2026"              deadline = 30 June
"6 tháng cuối năm 2025"             deadline = 31 December
"Năm 2025", "Trong năm 2025",       deadline = 31 December
"Cuối năm 2025", "Đến (hết) năm
2030"
"Cuối tháng 8/2025", "Cuối quý      deadline = last day of that month/quarter
III/2025", "Đến hết tháng 9/2025"
"Từ A đến B", "A - B",              start = first day of A,
"giai đoạn 2025 - 2030",            deadline = last day of B, where A and B
"2026-2030", "Từ ngày 01/7/2025     are any of the points above (day, month,
đến 31/12/2025"                     quarter, half year, year)
==================================  ==========================================

``start`` is only set when the phrase names a beginning (the range forms);
"Trong tháng 8/2025" says when the work must be finished, not when it starts.

Not understood (kept as text, ``note`` says why):

* "Đầu năm 2026", "Giữa năm", "Trước tháng 9/2025", "Trước năm 2026":
  the end is ambiguous ("before September" may mean 31 August or 30
  September), so no date is invented;
* a phrase without a year ("Trong tháng 8", "Quý III", "Trước ngày 20/12")
  when ``reference_year`` is not given; with it, that year is used. In a
  range, an end without a year takes the year of the other end
  ("Từ 01/7 đến 31/12/2025");
* impossible dates ("31/2/2025", "tháng 13/2025", "Quý V/2025");
* a range whose start is after its end;
* everything else, including mixed phrases ("Hằng năm, giai đoạn
  2025-2030", "Trước ngày 15 hằng tháng").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from models import texts
from models.enums import Recurrence
from models.textutil import fold, normalize_spaces, shorten

__all__ = ["Timeframe", "parse_timeframe", "MIN_YEAR", "MAX_YEAR"]

MIN_YEAR = 1900
"""Years outside MIN_YEAR..MAX_YEAR are refused as typing mistakes."""
MAX_YEAR = 2200


@dataclass(frozen=True, slots=True)
class Timeframe:
    """The time frame of a task as read from its plan.

    Invariants: when ``understood`` is True, ``deadline`` is set or
    ``recurrence`` is not ``Recurrence.NONE`` (a range also sets ``start``)
    and ``note`` is empty. When it is False, ``deadline``/``start`` are None,
    ``recurrence`` is NONE and ``note`` explains in Vietnamese why the phrase
    was kept as text.
    """

    text: str
    deadline: date | None = None
    start: date | None = None
    recurrence: Recurrence = Recurrence.NONE
    understood: bool = True
    note: str = ""

    @property
    def is_recurring(self) -> bool:
        """True for "Thường xuyên", "Hằng năm" and the other recurrences."""
        return self.recurrence is not Recurrence.NONE


@dataclass(frozen=True, slots=True)
class _Reading:
    """Internal: what a phrase was understood to mean."""

    deadline: date | None = None
    start: date | None = None
    recurrence: Recurrence = Recurrence.NONE


class _NotUnderstood(Exception):
    """Internal: the phrase was recognised as broken; carries the note."""

    def __init__(self, note: str) -> None:
        super().__init__(note)
        self.note = note


# --- Preparing the phrase --------------------------------------------------

_DASHES = str.maketrans(
    {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"}
)
_SLASH_SPACES = re.compile(r"\s*/\s*")
_LABEL = re.compile(r"^(?:thoi gian|thoi han)[^:]{0,40}:\s*")
_BULLET = re.compile(r"^[-+*\u2022\u00b7\s]+")
_TRAILING = re.compile(r"[\s.;,:!]+$")
_VERB = re.compile(
    r"^(?:hoan thanh|thuc hien|trien khai|to chuc thuc hien|to chuc|ban hanh|xong)\s+"
)


def _prepare(key: str) -> str:
    """Fold-normalised phrase without label, bullet, verbs and trailing dots."""
    key = key.translate(_DASHES)
    key = _SLASH_SPACES.sub("/", key)
    key = _LABEL.sub("", key)
    key = _BULLET.sub("", key)
    key = _TRAILING.sub("", key)
    if key.startswith("(") and key.endswith(")"):
        key = key[1:-1].strip()
    for _ in range(3):
        stripped = _VERB.sub("", key)
        if stripped == key:
            break
        key = stripped
    return key


# --- Recurrences -------------------------------------------------------------

_RECURRENCES: tuple[tuple[re.Pattern[str], Recurrence], ...] = tuple(
    (re.compile(pattern), recurrence)
    for pattern, recurrence in (
        (r"thuong xuyen(?:,? lien tuc)?|lien tuc(?:,? thuong xuyen)?", Recurrence.CONTINUOUS),
        (r"(?:dinh ky )?(?:hang|moi) nam|0?1 lan ?(?:/|moi|mot) ?nam", Recurrence.YEARLY),
        (
            r"(?:dinh ky )?(?:hang|moi) quy|0?1 lan ?(?:/|moi|mot) ?quy"
            r"|dinh ky 0?3 thang(?: ?(?:/|mot) ?lan)?|0?3 thang ?(?:/|mot) ?lan",
            Recurrence.QUARTERLY,
        ),
        (r"(?:dinh ky )?(?:hang|moi) thang|0?1 lan ?(?:/|moi|mot) ?thang", Recurrence.MONTHLY),
        (
            r"dinh ky 0?6 thang(?: ?(?:/|mot) ?lan)?|0?6 thang ?(?:/|mot) ?lan"
            r"|(?:dinh ky )?(?:hang|moi) 0?6 thang",
            Recurrence.SEMIANNUAL,
        ),
    )
)


# --- Points: a day, month, quarter, half year or year --------------------------

_DAY, _MONTH, _QUARTER, _HALF, _YEAR = "day", "month", "quarter", "half", "year"

_POINTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (
            _DAY,
            r"(?:ngay )?(?P<d>[0-9]{1,2})(?P<sep>[/.-])(?P<m>[0-9]{1,2})(?P=sep)(?P<y>[0-9]{4})",
        ),
        (_DAY, r"(?:ngay )?(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})"),
        (_DAY, r"(?:ngay )?(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})"),
        (_DAY, r"(?:ngay )?(?P<d>[0-9]{1,2}) thang (?P<m>[0-9]{1,2})(?: nam (?P<y>[0-9]{4}))?"),
        (_MONTH, r"thang (?P<m>[0-9]{1,2})(?:(?: ?[/.-] ?| nam )(?P<y>[0-9]{4}))?"),
        (_QUARTER, r"quy (?P<q>[ivx]{1,4}|[0-9]{1,2})(?:(?: ?[/-] ?| nam )(?P<y>[0-9]{4}))?"),
        (_HALF, r"(?:0?6|sau) thang (?P<h>dau|cuoi) nam(?:(?: ?/ ?| )(?P<y>[0-9]{4}))?"),
        (_HALF, r"nua (?P<h>dau|cuoi) nam(?:(?: ?/ ?| )(?P<y>[0-9]{4}))?"),
        (_YEAR, r"(?:nam ?)?(?P<y>[0-9]{4})"),
        (_YEAR, r"nam"),
    )
)

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True, slots=True)
class _Point:
    """A named day or period; ``year`` None when the phrase omits it."""

    kind: str
    year: int | None
    month: int = 0
    day: int = 0
    quarter: str = ""
    first_half: bool = True


def _match_point(text: str) -> _Point | None:
    """The point named by the whole of ``text``, or None if it names none."""
    for kind, pattern in _POINTS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        groups = match.groupdict()
        year = int(groups["y"]) if groups.get("y") else None
        if kind == _DAY:
            return _Point(kind, year, month=int(groups["m"]), day=int(groups["d"]))
        if kind == _MONTH:
            return _Point(kind, year, month=int(groups["m"]))
        if kind == _QUARTER:
            return _Point(kind, year, quarter=groups["q"])
        if kind == _HALF:
            return _Point(kind, year, first_half=groups["h"] == "dau")
        return _Point(kind, year)
    return None


def _span(point: _Point, year: int, text: str) -> tuple[date, date]:
    """First and last day of ``point`` in ``year``; raises _NotUnderstood."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _NotUnderstood(texts.TIMEFRAME_BAD_YEAR.format(text=text, year=year))
    if point.kind == _DAY:
        try:
            day = date(year, point.month, point.day)
        except ValueError:
            raise _NotUnderstood(
                texts.TIMEFRAME_BAD_DAY.format(
                    text=text, day=point.day, month=point.month, year=year
                )
            ) from None
        return day, day
    if point.kind == _MONTH:
        if not 1 <= point.month <= 12:
            raise _NotUnderstood(texts.TIMEFRAME_BAD_MONTH.format(text=text, month=point.month))
        return _month_span(year, point.month, point.month)
    if point.kind == _QUARTER:
        number = _ROMAN.get(point.quarter, 0) if point.quarter.isalpha() else int(point.quarter)
        if not 1 <= number <= 4:
            raise _NotUnderstood(
                texts.TIMEFRAME_BAD_QUARTER.format(text=text, quarter=point.quarter.upper())
            )
        return _month_span(year, 3 * number - 2, 3 * number)
    if point.kind == _HALF:
        return _month_span(year, 1, 6) if point.first_half else _month_span(year, 7, 12)
    return date(year, 1, 1), date(year, 12, 31)


def _month_span(year: int, first_month: int, last_month: int) -> tuple[date, date]:
    last_day = calendar.monthrange(year, last_month)[1]
    return date(year, first_month, 1), date(year, last_month, last_day)


def _year_of(point: _Point, *, reference_year: int | None, text: str) -> int:
    if point.year is not None:
        return point.year
    if reference_year is None:
        raise _NotUnderstood(texts.TIMEFRAME_NO_YEAR.format(text=text))
    return reference_year


# --- Whole phrases -------------------------------------------------------------

_LEAD_WORDS = re.compile(
    r"^(?P<pre>(?:(?:cham nhat|truoc|den|toi|het|trong|vong|han chot|han|cuoi|la|vao)\s+)*)"
    r"(?P<point>.+)$"
)
_RANGE_SEPARATOR = re.compile(r" ?(?:\bden het\b|\bden\b|\btoi\b|-) ?")
_RANGE_START = re.compile(r"^(?:(?:trong )?giai doan|tu|ke tu)\s+")
_AMBIGUOUS = re.compile(
    r"\b(?:(?:dau|giua|cuoi) (?:nam|thang|quy|ky)|trung tuan|ha tuan|thuong tuan)\b"
)


def _parse_range(key: str, *, reference_year: int | None, text: str) -> _Reading | None:
    """Range forms "Từ A đến B", "A - B", "giai đoạn A - B"; None when not a range."""
    for separator in _RANGE_SEPARATOR.finditer(key):
        first_text = _RANGE_START.sub("", key[: separator.start()].strip())
        last_text = key[separator.end() :].strip()
        if not first_text or not last_text:
            continue
        first = _match_point(first_text)
        last = _match_point(last_text)
        if first is None or last is None:
            continue
        first_year = first.year if first.year is not None else last.year
        last_year = last.year if last.year is not None else first.year
        if first_year is None or last_year is None:
            if reference_year is None:
                raise _NotUnderstood(texts.TIMEFRAME_NO_YEAR.format(text=text))
            first_year = last_year = reference_year
        start = _span(first, first_year, text)[0]
        deadline = _span(last, last_year, text)[1]
        if start > deadline:
            raise _NotUnderstood(texts.TIMEFRAME_BAD_RANGE.format(text=text))
        return _Reading(deadline=deadline, start=start)
    return None


def _parse_deadline(key: str, *, reference_year: int | None, text: str) -> _Reading | None:
    """A single point with optional lead words; None when not such a phrase."""
    match = _LEAD_WORDS.match(key)
    if match is None:
        return None
    point = _match_point(match["point"])
    if point is None:
        return None
    lead = match["pre"].split()
    if point.kind == _DAY:
        if "cuoi" in lead:
            return None
    elif "truoc" in lead:
        # "Trước tháng 9/2025": 31 August or 30 September? Not guessed.
        raise _NotUnderstood(texts.TIMEFRAME_AMBIGUOUS.format(text=text))
    year = _year_of(point, reference_year=reference_year, text=text)
    return _Reading(deadline=_span(point, year, text)[1])


def _parse(key: str, *, reference_year: int | None, text: str) -> _Reading:
    """Read the prepared ``key``; ``text`` is the phrase as quoted in notes."""
    if not key:
        raise _NotUnderstood(texts.TIMEFRAME_UNKNOWN.format(text=text))
    for pattern, recurrence in _RECURRENCES:
        if pattern.fullmatch(key):
            return _Reading(recurrence=recurrence)
    # A single point first: "tháng 7-2025" is one month, not a range.
    for attempt in (_parse_deadline, _parse_range):
        found = attempt(key, reference_year=reference_year, text=text)
        if found is not None:
            return found
    if _AMBIGUOUS.search(key):
        raise _NotUnderstood(texts.TIMEFRAME_AMBIGUOUS.format(text=text))
    raise _NotUnderstood(texts.TIMEFRAME_UNKNOWN.format(text=text))


def parse_timeframe(text: str, *, reference_year: int | None = None) -> Timeframe:
    """Read a task's time frame phrase; never raises, never guesses.

    ``reference_year`` is the year used for phrases that omit it ("Trong
    tháng 8"); without it such phrases are not understood. See the module
    docstring for the forms understood and the rules (the day named after
    "Trước ngày" is itself the deadline; a period means its last day).
    """
    clean = normalize_spaces(text)
    if not clean:
        return Timeframe(text=clean, understood=False, note=texts.TIMEFRAME_EMPTY)
    try:
        reading = _parse(_prepare(fold(clean)), reference_year=reference_year, text=shorten(clean))
    except _NotUnderstood as failure:
        return Timeframe(text=clean, understood=False, note=failure.note)
    return Timeframe(
        text=clean, deadline=reading.deadline, start=reading.start, recurrence=reading.recurrence
    )
