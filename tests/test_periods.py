"""Tests of models.periods: codes, bounds under both conventions, labels, navigation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models import texts
from models.enums import PeriodConvention, PeriodKind
from models.errors import ParseError
from models.periods import (
    PeriodRef,
    containing_period,
    enclosing_period,
    months_between,
    parent_periods,
    parse_period_code,
    period_bounds,
    period_label,
    previous,
    same_period_last_year,
    submission_deadline,
)

MONTH, QUARTER, HALF, YEAR = (
    PeriodKind.MONTH,
    PeriodKind.QUARTER,
    PeriodKind.HALF_YEAR,
    PeriodKind.YEAR,
)
CALENDAR, CUTOFF = PeriodConvention.CALENDAR, PeriodConvention.CUTOFF_15


def ref(code: str) -> PeriodRef:
    return parse_period_code(code)


# --- Codes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected", "canonical"),
    [
        ("2026-10", PeriodRef(MONTH, 2026, 10), "2026-10"),
        ("2026-01", PeriodRef(MONTH, 2026, 1), "2026-01"),
        ("2026-1", PeriodRef(MONTH, 2026, 1), "2026-01"),
        ("2026-12", PeriodRef(MONTH, 2026, 12), "2026-12"),
        ("2026-Q3", PeriodRef(QUARTER, 2026, 3), "2026-Q3"),
        ("2026-q1", PeriodRef(QUARTER, 2026, 1), "2026-Q1"),
        ("2026-Q4", PeriodRef(QUARTER, 2026, 4), "2026-Q4"),
        ("2026-H1", PeriodRef(HALF, 2026, 1), "2026-H1"),
        ("2026-h2", PeriodRef(HALF, 2026, 2), "2026-H2"),
        ("2026", PeriodRef(YEAR, 2026), "2026"),
        (" 2026-10 ", PeriodRef(MONTH, 2026, 10), "2026-10"),
    ],
)
def test_parse_period_code(code: str, expected: PeriodRef, canonical: str) -> None:
    parsed = parse_period_code(code)
    assert parsed == expected
    assert parsed.code == canonical
    assert str(parsed) == canonical
    assert parse_period_code(parsed.code) == parsed


@pytest.mark.parametrize(
    "code",
    [
        "2026-13",
        "2026-00",
        "2026-0",
        "2026-Q5",
        "2026-Q0",
        "2026-H3",
        "2026-H0",
        "26-10",
        "2026/10",
        "2026-10-01",
        "2026-Q",
        "2026-",
        "Q3-2026",
        "202610",
        "1899",
        "1899-12",
        "tháng 10",
        "",
        "2026-100",
        "２０２６",  # full-width digits
    ],
)
def test_parse_period_code_refuses(code: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_period_code(code)
    assert caught.value.message == texts.PERIOD_BAD_CODE.format(code=code)


@given(st.text(max_size=12))
def test_parse_period_code_only_raises_parse_error(code: str) -> None:
    try:
        parsed = parse_period_code(code)
    except ParseError:
        return
    assert parse_period_code(parsed.code) == parsed


@pytest.mark.parametrize(
    ("kind", "year", "number"),
    [
        (MONTH, 2026, 0),
        (MONTH, 2026, 13),
        (QUARTER, 2026, 5),
        (HALF, 2026, 3),
        (YEAR, 2026, 2),
        (YEAR, 2026, 0),
        (MONTH, 1800, 1),
        ("week", 2026, 1),
    ],
)
def test_period_ref_refuses_bad_parts(kind: PeriodKind, year: int, number: int) -> None:
    with pytest.raises(ParseError) as caught:
        PeriodRef(kind, year, number)
    assert caught.value.message == texts.PERIOD_BAD_PARTS.format(
        kind=kind, year=year, number=number
    )


def test_period_ref_accepts_kind_as_stored_string() -> None:
    period = PeriodRef("quarter", 2026, 3)  # type: ignore[arg-type]
    assert period.kind is QUARTER
    assert period == PeriodRef(QUARTER, 2026, 3)
    assert hash(period) == hash(PeriodRef(QUARTER, 2026, 3))


def test_period_ref_is_frozen() -> None:
    period = PeriodRef(MONTH, 2026, 10)
    with pytest.raises(AttributeError):
        period.year = 2027  # type: ignore[misc]


# --- Bounds -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("2026-01", date(2026, 1, 1), date(2026, 1, 31)),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28)),
        ("2028-02", date(2028, 2, 1), date(2028, 2, 29)),  # leap year
        ("2000-02", date(2000, 2, 1), date(2000, 2, 29)),  # divisible by 400
        ("2100-02", date(2100, 2, 1), date(2100, 2, 28)),  # divisible by 100 only
        ("2026-04", date(2026, 4, 1), date(2026, 4, 30)),
        ("2026-10", date(2026, 10, 1), date(2026, 10, 31)),
        ("2026-12", date(2026, 12, 1), date(2026, 12, 31)),
        ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-Q2", date(2026, 4, 1), date(2026, 6, 30)),
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30)),
        ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
        ("2026-H1", date(2026, 1, 1), date(2026, 6, 30)),
        ("2026-H2", date(2026, 7, 1), date(2026, 12, 31)),
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_calendar_bounds(code: str, start: date, end: date) -> None:
    assert period_bounds(ref(code), CALENDAR) == (start, end)


@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("2026-01", date(2025, 12, 15), date(2026, 1, 14)),  # across the new year
        ("2026-02", date(2026, 1, 15), date(2026, 2, 14)),
        ("2026-03", date(2026, 2, 15), date(2026, 3, 14)),  # spans February
        ("2028-03", date(2028, 2, 15), date(2028, 3, 14)),
        ("2026-10", date(2026, 9, 15), date(2026, 10, 14)),
        ("2026-12", date(2026, 11, 15), date(2026, 12, 14)),
        ("2026-Q1", date(2025, 12, 15), date(2026, 3, 14)),
        ("2026-Q2", date(2026, 3, 15), date(2026, 6, 14)),
        ("2026-Q3", date(2026, 6, 15), date(2026, 9, 14)),
        ("2026-Q4", date(2026, 9, 15), date(2026, 12, 14)),
        ("2026-H1", date(2025, 12, 15), date(2026, 6, 14)),
        ("2026-H2", date(2026, 6, 15), date(2026, 12, 14)),
        ("2026", date(2025, 12, 15), date(2026, 12, 14)),
    ],
)
def test_cutoff_bounds(code: str, start: date, end: date) -> None:
    assert period_bounds(ref(code), CUTOFF) == (start, end)


@pytest.mark.parametrize("convention", list(PeriodConvention))
@pytest.mark.parametrize("kind", list(PeriodKind))
def test_periods_tile_the_timeline(kind: PeriodKind, convention: PeriodConvention) -> None:
    """Consecutive periods touch: each starts the day after the previous ends."""
    period = PeriodRef(kind, 2024, 1)
    for _ in range(30):
        start, end = period_bounds(period, convention)
        assert start <= end
        following = PeriodRef(kind, period.year + 1, 1)
        if period.number < {MONTH: 12, QUARTER: 4, HALF: 2, YEAR: 1}[kind]:
            following = PeriodRef(kind, period.year, period.number + 1)
        assert previous(following) == period
        assert period_bounds(following, convention)[0] == end + timedelta(days=1)
        period = following


@pytest.mark.parametrize("convention", list(PeriodConvention))
def test_larger_periods_are_unions_of_their_months(convention: PeriodConvention) -> None:
    for code in ("2026-Q1", "2026-Q3", "2026-H1", "2026-H2", "2026", "2028"):
        months = list(months_between(ref(code), ref(code)))
        start, end = period_bounds(ref(code), convention)
        assert period_bounds(months[0], convention)[0] == start
        assert period_bounds(months[-1], convention)[1] == end


# --- Labels --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("2026-10", "Tháng 10/2026"),
        ("2026-03", "Tháng 3/2026"),
        ("2026-Q1", "Quý I/2026"),
        ("2026-Q2", "Quý II/2026"),
        ("2026-Q3", "Quý III/2026"),
        ("2026-Q4", "Quý IV/2026"),
        ("2026-H1", "6 tháng đầu năm 2026"),
        ("2026-H2", "6 tháng cuối năm 2026"),
        ("2026", "Năm 2026"),
    ],
)
def test_period_label(code: str, label: str) -> None:
    assert period_label(ref(code)) == label


# --- Navigation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "before", "last_year"),
    [
        ("2026-10", "2026-09", "2025-10"),
        ("2026-01", "2025-12", "2025-01"),
        ("2026-Q3", "2026-Q2", "2025-Q3"),
        ("2026-Q1", "2025-Q4", "2025-Q1"),
        ("2026-H2", "2026-H1", "2025-H2"),
        ("2026-H1", "2025-H2", "2025-H1"),
        ("2026", "2025", "2025"),
    ],
)
def test_previous_and_same_period_last_year(code: str, before: str, last_year: str) -> None:
    assert previous(ref(code)) == ref(before)
    assert same_period_last_year(ref(code)) == ref(last_year)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2026-10", "2026-10", ["2026-10"]),
        ("2025-11", "2026-02", ["2025-11", "2025-12", "2026-01", "2026-02"]),
        ("2026-Q1", "2026-Q1", ["2026-01", "2026-02", "2026-03"]),
        ("2026-Q4", "2027-01", ["2026-10", "2026-11", "2026-12", "2027-01"]),
        ("2026-H2", "2026-H2", ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"]),
        ("2026-03", "2026-02", []),
        ("2027", "2026", []),
    ],
)
def test_months_between(start: str, end: str, expected: list[str]) -> None:
    assert [month.code for month in months_between(ref(start), ref(end))] == expected


def test_months_between_years() -> None:
    months = list(months_between(ref("2025"), ref("2026")))
    assert len(months) == 24
    assert months[0] == PeriodRef(MONTH, 2025, 1)
    assert months[-1] == PeriodRef(MONTH, 2026, 12)
    assert all(month.kind is MONTH for month in months)


@pytest.mark.parametrize(
    ("code", "parents"),
    [
        ("2026-01", ["2026-Q1", "2026-H1", "2026"]),
        ("2026-06", ["2026-Q2", "2026-H1", "2026"]),
        ("2026-07", ["2026-Q3", "2026-H2", "2026"]),
        ("2026-10", ["2026-Q4", "2026-H2", "2026"]),
        ("2026-12", ["2026-Q4", "2026-H2", "2026"]),
        ("2026-Q2", ["2026-H1", "2026"]),
        ("2026-Q3", ["2026-H2", "2026"]),
        ("2026-H2", ["2026"]),
        ("2026", []),
    ],
)
def test_parent_periods(code: str, parents: list[str]) -> None:
    assert [parent.code for parent in parent_periods(ref(code))] == parents


def test_enclosing_period() -> None:
    assert enclosing_period(ref("2026-08"), QUARTER) == ref("2026-Q3")
    assert enclosing_period(ref("2026-08"), MONTH) == ref("2026-08")
    with pytest.raises(ValueError):
        enclosing_period(ref("2026-Q3"), MONTH)


# --- Containing period ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "kind", "convention", "expected"),
    [
        (date(2026, 10, 1), MONTH, CALENDAR, "2026-10"),
        (date(2026, 10, 31), MONTH, CALENDAR, "2026-10"),
        (date(2026, 10, 14), MONTH, CUTOFF, "2026-10"),
        (date(2026, 10, 15), MONTH, CUTOFF, "2026-11"),
        (date(2026, 9, 15), MONTH, CUTOFF, "2026-10"),
        (date(2025, 12, 14), MONTH, CUTOFF, "2025-12"),
        (date(2025, 12, 15), MONTH, CUTOFF, "2026-01"),  # next year already
        (date(2025, 12, 31), MONTH, CUTOFF, "2026-01"),
        (date(2025, 12, 31), MONTH, CALENDAR, "2025-12"),
        (date(2025, 12, 20), QUARTER, CUTOFF, "2026-Q1"),
        (date(2026, 3, 14), QUARTER, CUTOFF, "2026-Q1"),
        (date(2026, 3, 15), QUARTER, CUTOFF, "2026-Q2"),
        (date(2026, 3, 31), QUARTER, CALENDAR, "2026-Q1"),
        (date(2026, 6, 14), HALF, CUTOFF, "2026-H1"),
        (date(2026, 6, 15), HALF, CUTOFF, "2026-H2"),
        (date(2026, 6, 30), HALF, CALENDAR, "2026-H1"),
        (date(2025, 12, 20), YEAR, CUTOFF, "2026"),
        (date(2025, 12, 20), YEAR, CALENDAR, "2025"),
        (date(2028, 2, 29), MONTH, CUTOFF, "2028-03"),
        (date(2028, 2, 29), MONTH, CALENDAR, "2028-02"),
    ],
)
def test_containing_period(
    day: date, kind: PeriodKind, convention: PeriodConvention, expected: str
) -> None:
    assert containing_period(day, kind, convention) == ref(expected)


@given(
    st.dates(min_value=date(1901, 1, 1), max_value=date(2998, 12, 31)),
    st.sampled_from(list(PeriodKind)),
    st.sampled_from(list(PeriodConvention)),
)
def test_containing_period_bounds_include_the_day(
    day: date, kind: PeriodKind, convention: PeriodConvention
) -> None:
    period = containing_period(day, kind, convention)
    assert period.kind is kind
    start, end = period_bounds(period, convention)
    assert start <= day <= end


# --- Submission deadline ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period_end", "deadline_day", "expected"),
    [
        (date(2026, 10, 14), 15, date(2026, 10, 15)),  # cut-off October
        (date(2026, 10, 31), 15, date(2026, 11, 15)),  # calendar October
        (date(2025, 12, 31), 15, date(2026, 1, 15)),  # across the new year
        (date(2025, 12, 14), 15, date(2025, 12, 15)),
        (date(2026, 10, 15), 15, date(2026, 11, 15)),  # strictly after
        (date(2026, 10, 14), 18, date(2026, 10, 18)),  # the compiling office's day
        (date(2026, 10, 31), 18, date(2026, 11, 18)),
        (date(2026, 1, 31), 31, date(2026, 2, 28)),  # clamped
        (date(2028, 1, 31), 31, date(2028, 2, 29)),  # clamped, leap year
        (date(2026, 1, 30), 31, date(2026, 1, 31)),
        (date(2026, 2, 28), 30, date(2026, 3, 30)),  # clamped day 28 is not after 28/2
        (date(2026, 2, 27), 30, date(2026, 2, 28)),
        (date(2026, 3, 31), 1, date(2026, 4, 1)),
    ],
)
def test_submission_deadline(period_end: date, deadline_day: int, expected: date) -> None:
    assert submission_deadline(period_end, deadline_day) == expected


def test_submission_deadline_default_day_is_15() -> None:
    assert submission_deadline(date(2026, 9, 30)) == date(2026, 10, 15)


@pytest.mark.parametrize("day", [0, 32, -1])
def test_submission_deadline_refuses_bad_day(day: int) -> None:
    with pytest.raises(ValueError):
        submission_deadline(date(2026, 10, 14), day)


@given(
    st.dates(min_value=date(1901, 1, 1), max_value=date(2998, 12, 31)),
    st.integers(min_value=1, max_value=31),
)
def test_submission_deadline_properties(period_end: date, deadline_day: int) -> None:
    deadline = submission_deadline(period_end, deadline_day)
    assert period_end < deadline <= period_end + timedelta(days=62)
    # No earlier date after period_end qualifies.
    day = period_end + timedelta(days=1)
    while day < deadline:
        last = (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        assert day.day != min(deadline_day, last.day)
        day += timedelta(days=1)
