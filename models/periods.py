"""Reporting periods: month, quarter, half year, year, and their dates.

A period is named by its code: "2026-10" (month), "2026-Q3" (quarter),
"2026-H1" (half year), "2026" (year). Its dates depend on the commune's
convention:

* CALENDAR: calendar months; a quarter, half year or year is the union
  of its calendar months (Q3 2026 = 1/7/2026 .. 30/9/2026).
* CUTOFF_15 (Decree 09/2019 statistics cut-off): month m runs from the
  15th of month m-1 to the 14th of month m (January: 15 December of the
  previous year .. 14 January). Larger periods are unions of such months:
  Q1 = 15/12 of the previous year .. 14/3, H2 = 15/6 .. 14/12, the year
  = 15/12 of the previous year .. 14/12.

Periods of one kind tile the timeline without gaps or overlaps in both
conventions; ``containing_period`` finds the one a day falls in.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from models import texts
from models.enums import PeriodConvention, PeriodKind
from models.errors import ParseError
from models.textutil import shorten

__all__ = [
    "CUTOFF_DAY",
    "MAX_YEAR",
    "MIN_YEAR",
    "PeriodRef",
    "containing_period",
    "enclosing_period",
    "months_between",
    "parent_periods",
    "parse_period_code",
    "period_bounds",
    "period_label",
    "previous",
    "same_period_last_year",
    "submission_deadline",
]

MIN_YEAR = 1900
MAX_YEAR = 2999
CUTOFF_DAY = 15
"""Under CUTOFF_15 a month starts on this day of the previous month."""

_MONTHS_PER = {
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 3,
    PeriodKind.HALF_YEAR: 6,
    PeriodKind.YEAR: 12,
}
_COUNT_PER_YEAR = {kind: 12 // months for kind, months in _MONTHS_PER.items()}
_ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True, slots=True)
class PeriodRef:
    """A reporting period: ``kind``, ``year`` and ``number`` within the year.

    ``number`` is the month (1-12), quarter (1-4) or half (1-2); for a
    year it is 1 (the default). A string ``kind`` ("month") is converted to
    ``PeriodKind``. Invalid parts raise ParseError with a Vietnamese
    message (periods are read from databases and bundles too, so a bad
    one must be reported, not crash). Years run from MIN_YEAR to MAX_YEAR.
    """

    kind: PeriodKind
    year: int
    number: int = 1

    def __post_init__(self) -> None:
        try:
            kind = PeriodKind(self.kind)
        except ValueError:
            raise self._invalid() from None
        object.__setattr__(self, "kind", kind)
        if (
            not isinstance(self.year, int)
            or not isinstance(self.number, int)
            or not MIN_YEAR <= self.year <= MAX_YEAR
            or not 1 <= self.number <= _COUNT_PER_YEAR[kind]
        ):
            raise self._invalid()

    def _invalid(self) -> ParseError:
        return ParseError(
            texts.PERIOD_BAD_PARTS.format(kind=self.kind, year=self.year, number=self.number),
            detail=f"invalid period {self.kind!r} {self.year!r} {self.number!r}",
        )

    @property
    def code(self) -> str:
        """The period code: "2026-10", "2026-Q3", "2026-H1" or "2026" (month zero-padded)."""
        if self.kind is PeriodKind.MONTH:
            return f"{self.year:04d}-{self.number:02d}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year:04d}-Q{self.number}"
        if self.kind is PeriodKind.HALF_YEAR:
            return f"{self.year:04d}-H{self.number}"
        return f"{self.year:04d}"

    @property
    def first_month(self) -> int:
        """Number (1-12) of the first calendar month the period is made of."""
        return (self.number - 1) * _MONTHS_PER[self.kind] + 1

    @property
    def last_month(self) -> int:
        """Number (1-12) of the last calendar month the period is made of."""
        return self.number * _MONTHS_PER[self.kind]

    def __str__(self) -> str:
        return self.code


_CODE = re.compile(r"(?P<year>[0-9]{4})(?:-(?:(?P<month>[0-9]{1,2})|(?P<tag>[QH])(?P<n>[0-9])))?")


def parse_period_code(code: str) -> PeriodRef:
    """Read a period code: "2026-10", "2026-Q3", "2026-H1", "2026".

    Leniency: surrounding spaces, lowercase "q"/"h" and an unpadded month
    ("2026-3") are accepted; ``PeriodRef.code`` gives the canonical form.
    Anything else ("2026-13", "2026-Q5", "26-10", "2026/10", "2026-00")
    raises ParseError with ``texts.PERIOD_BAD_CODE``.
    """
    match = _CODE.fullmatch(code.strip().upper())
    try:
        if match is None:
            raise ValueError(code)
        year = int(match["year"])
        if match["month"]:
            return PeriodRef(PeriodKind.MONTH, year, int(match["month"]))
        if match["tag"] == "Q":
            return PeriodRef(PeriodKind.QUARTER, year, int(match["n"]))
        if match["tag"] == "H":
            return PeriodRef(PeriodKind.HALF_YEAR, year, int(match["n"]))
        return PeriodRef(PeriodKind.YEAR, year)
    except (ValueError, ParseError):
        raise ParseError(
            texts.PERIOD_BAD_CODE.format(code=shorten(code, 30)),
            detail=f"bad period code {code!r}",
        ) from None


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_before(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def _month_after(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def period_bounds(ref: PeriodRef, convention: PeriodConvention) -> tuple[date, date]:
    """First and last day (both included) of ``ref`` under ``convention``.

    CALENDAR: 1st of the first month .. last day of the last month.
    CUTOFF_15: the 15th of the month before the first month .. the 14th of
    the last month (October 2026 = 15/9/2026 .. 14/10/2026; January 2026 =
    15/12/2025 .. 14/1/2026; Q1 2026 = 15/12/2025 .. 14/3/2026; year 2026 =
    15/12/2025 .. 14/12/2026).
    """
    if convention is PeriodConvention.CUTOFF_15:
        year, month = _month_before(ref.year, ref.first_month)
        return date(year, month, CUTOFF_DAY), date(ref.year, ref.last_month, CUTOFF_DAY - 1)
    return date(ref.year, ref.first_month, 1), _last_day(ref.year, ref.last_month)


def period_label(ref: PeriodRef) -> str:
    """Vietnamese name of the period as reports print it.

    "Tháng 10/2026" (month not zero-padded), "Quý III/2026",
    "6 tháng đầu năm 2026", "6 tháng cuối năm 2026", "Năm 2026".
    """
    if ref.kind is PeriodKind.MONTH:
        return texts.PERIOD_LABEL_MONTH.format(month=ref.number, year=ref.year)
    if ref.kind is PeriodKind.QUARTER:
        return texts.PERIOD_LABEL_QUARTER.format(roman=_ROMAN[ref.number - 1], year=ref.year)
    if ref.kind is PeriodKind.HALF_YEAR:
        template = (
            texts.PERIOD_LABEL_FIRST_HALF if ref.number == 1 else texts.PERIOD_LABEL_SECOND_HALF
        )
        return template.format(year=ref.year)
    return texts.PERIOD_LABEL_YEAR.format(year=ref.year)


def previous(ref: PeriodRef) -> PeriodRef:
    """The period of the same kind just before ``ref`` ("Kỳ trước").

    2026-01 -> 2025-12, 2026-Q1 -> 2025-Q4, 2026-H1 -> 2025-H2, 2026 -> 2025.
    """
    if ref.number > 1:
        return PeriodRef(ref.kind, ref.year, ref.number - 1)
    return PeriodRef(ref.kind, ref.year - 1, _COUNT_PER_YEAR[ref.kind])


def same_period_last_year(ref: PeriodRef) -> PeriodRef:
    """The same period one year earlier ("Cùng kỳ năm trước"): 2026-10 -> 2025-10."""
    return PeriodRef(ref.kind, ref.year - 1, ref.number)


def months_between(start: PeriodRef, end: PeriodRef) -> Iterator[PeriodRef]:
    """The monthly periods from the first month of ``start`` to the last of ``end``.

    Both ends are included and may be of any kind: (2026-Q1, 2026-Q1)
    yields 2026-01, 2026-02, 2026-03; (2025-11, 2026-02) yields four months
    across the new year. Nothing when ``start`` begins after ``end`` ends.
    """
    year, month = start.year, start.first_month
    while (year, month) <= (end.year, end.last_month):
        yield PeriodRef(PeriodKind.MONTH, year, month)
        year, month = _month_after(year, month)


def enclosing_period(ref: PeriodRef, kind: PeriodKind) -> PeriodRef:
    """The period of ``kind`` that contains ``ref`` (2026-08 in QUARTER: 2026-Q3).

    Raises ValueError when ``kind`` is smaller than ``ref.kind`` (a quarter
    is not contained in one month).
    """
    size = _MONTHS_PER[kind]
    if size < _MONTHS_PER[ref.kind]:
        raise ValueError(f"a {ref.kind.value} is not inside one {kind.value}")
    return PeriodRef(kind, ref.year, (ref.first_month - 1) // size + 1)


def parent_periods(ref: PeriodRef) -> tuple[PeriodRef, ...]:
    """The larger periods containing ``ref``, smallest first.

    A month: (its quarter, its half year, its year); a quarter: (half
    year, year); a half year: (year,); a year: ().
    """
    larger = [kind for kind in _MONTHS_PER if _MONTHS_PER[kind] > _MONTHS_PER[ref.kind]]
    return tuple(enclosing_period(ref, kind) for kind in larger)


def containing_period(day: date, kind: PeriodKind, convention: PeriodConvention) -> PeriodRef:
    """The period of ``kind`` whose bounds (``period_bounds``) include ``day``.

    CALENDAR: the calendar month/quarter/half/year of ``day``. CUTOFF_15:
    from the 15th on, a day belongs to the next month's period (20/12/2025
    is in January 2026, Q1 2026, H1 2026 and year 2026).
    """
    year, month = day.year, day.month
    if convention is PeriodConvention.CUTOFF_15 and day.day >= CUTOFF_DAY:
        year, month = _month_after(year, month)
    return enclosing_period(PeriodRef(PeriodKind.MONTH, year, month), kind)


def submission_deadline(period_end: date, deadline_day: int = 15) -> date:
    """The day a period's report is due: the first date after ``period_end``
    whose day of month is ``deadline_day``.

    Rule: strictly after ``period_end``; a ``deadline_day`` past the end of
    a month is clamped to its last day (31 -> 28/29 February). Cut-off
    month ending 14/10 -> 15/10; calendar October (ending 31/10) -> 15/11;
    calendar December 2025 -> 15/1/2026. Raises ValueError when
    ``deadline_day`` is not 1-31.
    """
    if not 1 <= deadline_day <= 31:
        raise ValueError(f"deadline_day must be 1-31, not {deadline_day}")
    year, month = period_end.year, period_end.month
    while True:
        last = calendar.monthrange(year, month)[1]
        candidate = date(year, month, min(deadline_day, last))
        if candidate > period_end:
            return candidate
        year, month = _month_after(year, month)
