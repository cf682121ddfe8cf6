"""Tests of models.numbers: numbers, yes/no, targets and dates as typed by users."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models import texts
from models.enums import Comparator
from models.errors import InputError, ParseError
from models.numbers import (
    FORMAT_MAX_DECIMALS,
    ParsedTarget,
    format_number,
    parse_date_vi,
    parse_number,
    parse_target,
    parse_yes_no,
)

# --- parse_number ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("85,5", 85.5),
        ("85.5", 85.5),
        ("85", 85.0),
        (" 1.234.567 ", 1234567.0),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1.234.567,89", 1234567.89),
        ("1,234,567.89", 1234567.89),
        ("1,234,567", 1234567.0),
        ("85,5%", 85.5),  # the percent sign is dropped, not divided
        ("85,5 %", 85.5),
        ("100%", 100.0),
        ("−3", -3.0),  # U+2212 minus
        ("-3", -3.0),
        ("- 3", -3.0),
        ("+4,25", 4.25),
        ("0,6", 0.6),
        ("0.6", 0.6),
        ("01", 1.0),
        ("0", 0.0),
        (",5", 0.5),
        (".5", 0.5),
        ("1.234", 1234.0),  # Vietnamese thousands grouping, as format_number writes it
        ("-1.234", -1234.0),
        ("999.999", 999999.0),
        ("12.5", 12.5),
        ("12.50", 12.5),
        ("1.2345", 1.2345),  # four digits after the dot: a decimal
        ("1234.567", 1234.567),  # integer part longer than a group: a decimal
        ("0.125", 0.125),  # a zero integer part is never a group
        ("1,234", 1.234),  # a single comma is always the decimal mark
        ("1,5", 1.5),
        ("\n 85,5 \n", 85.5),
    ],
)
def test_parse_number(text: str, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "1,2,3",  # repeated separator with bad groups
        "1.2.3",
        "1.234.56",
        "1,23,456",
        "12345.678.901",
        "0.123.456",
        "1.234,5,6",
        "1,234.567,8",
        "1.234.5",
        "5.",
        "5,",
        ".",
        ",",
        "%",
        "-",
        "85%%",
        "%85",
        "1 234",
        "1e5",
        "NaN",
        "nan",
        "inf",
        "-Infinity",
        "0x10",
        "12a",
        "--3",
        "1" * 400,  # overflows to infinity
        "٣",  # Arabic-Indic digit
        "½",
    ],
)
def test_parse_number_refuses(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_number(text)
    assert caught.value.message == texts.NUMBER_BAD.format(text=text[:59] + "…" * (len(text) > 60))


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_parse_number_empty(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_number(text)
    assert caught.value.message == texts.NUMBER_EMPTY


def test_parse_number_error_names_field_and_text() -> None:
    with pytest.raises(ParseError) as caught:
        parse_number("tám mươi", field="Kết quả kỳ báo cáo")
    error = caught.value
    assert isinstance(error, InputError)
    assert error.field == "Kết quả kỳ báo cáo"
    assert str(error) == "Kết quả kỳ báo cáo: " + texts.NUMBER_BAD.format(text="tám mươi")
    assert "tám mươi" in str(error)


@settings(max_examples=500)
@given(st.text())
def test_parse_number_only_raises_parse_error(text: str) -> None:
    try:
        value = parse_number(text)
    except ParseError as error:
        assert error.message
    else:
        assert math.isfinite(value)


@given(st.text(alphabet="0123456789.,-−+% ", max_size=20))
def test_parse_number_only_raises_parse_error_on_number_like_text(text: str) -> None:
    try:
        value = parse_number(text)
    except ParseError:
        return
    assert math.isfinite(value)


# --- format_number ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (85.5, None, "85,5"),
        (85.50, None, "85,5"),
        (100.0, None, "100"),
        (1234.0, None, "1.234"),
        (1234567.0, None, "1.234.567"),
        (-1234567.25, None, "-1.234.567,25"),
        (0.6, None, "0,6"),
        (0.1 + 0.2, None, "0,3"),  # float noise is not shown
        (0.0, None, "0"),
        (-0.0, None, "0"),
        (1e-7, None, "0"),  # below FORMAT_MAX_DECIMALS
        (-1e-7, None, "0"),  # no "-0"
        (1 / 3, None, "0,333333"),
        (999.0, None, "999"),
        (1000.0, None, "1.000"),
        (1e20, None, "100.000.000.000.000.000.000"),
        (85.55, 1, "85,6"),
        (2.675, 2, "2,68"),  # half up on the decimal form, not on the binary float
        (0.125, 2, "0,13"),
        (-2.5, 0, "-3"),
        (85.5, 0, "86"),
        (1234.5678, 2, "1.234,57"),
        (85.0, 2, "85"),  # no trailing zeros even with decimals
        (1.05, 1, "1,1"),
    ],
)
def test_format_number(value: float, decimals: int | None, expected: str) -> None:
    assert format_number(value, decimals=decimals) == expected


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_format_number_refuses_non_finite(value: float) -> None:
    with pytest.raises(ValueError):
        format_number(value)


def test_format_number_refuses_negative_decimals() -> None:
    with pytest.raises(ValueError):
        format_number(1.0, decimals=-1)


@given(
    st.integers(min_value=-(10**15), max_value=10**15),
    st.integers(min_value=0, max_value=FORMAT_MAX_DECIMALS),
)
def test_round_trip_exact_for_short_decimals(mantissa: int, scale: int) -> None:
    value = mantissa / 10**scale
    assert parse_number(format_number(value)) == value


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_round_trip_any_float(value: float) -> None:
    written = format_number(value)
    back = parse_number(written)
    assert math.isclose(back, value, rel_tol=1e-15, abs_tol=0.5 * 10**-FORMAT_MAX_DECIMALS)


@given(
    st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
    st.integers(min_value=0, max_value=9),
)
def test_round_trip_with_decimals(value: float, decimals: int) -> None:
    back = parse_number(format_number(value, decimals=decimals))
    assert math.isclose(back, value, rel_tol=1e-12, abs_tol=0.5 * 10**-decimals + 1e-12)


# --- parse_yes_no ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("có", True),
        ("Có", True),
        ("CÓ", True),
        ("co", True),
        ("x", True),
        ("X", True),
        ("đạt", True),
        ("Đã đạt", True),
        ("yes", True),
        ("1", True),
        ("✓", True),
        (" có. ", True),
        ("không", False),
        ("Không", False),
        ("khong", False),
        ("0", False),
        ("no", False),
        ("chưa", False),
        ("Chưa đạt", False),
    ],
)
def test_parse_yes_no(text: str, expected: bool) -> None:
    assert parse_yes_no(text) is expected


@pytest.mark.parametrize("text", ["có lẽ", "2", "-", "?", "vượt", "khong biet"])
def test_parse_yes_no_refuses(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_yes_no(text, field="Đạt/không")
    assert str(caught.value) == "Đạt/không: " + texts.YES_NO_BAD.format(text=text)


@pytest.mark.parametrize("text", ["", "  "])
def test_parse_yes_no_empty(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_yes_no(text)
    assert caught.value.message == texts.YES_NO_EMPTY


# --- parse_target -------------------------------------------------------------------------

GE, LE, EQ, YESNO = Comparator.GE, Comparator.LE, Comparator.EQ, Comparator.YESNO


@pytest.mark.parametrize(
    ("text", "comparator", "value"),
    [
        ("≥30%", GE, 30.0),
        ("≥ 80 %", GE, 80.0),
        (">=80%", GE, 80.0),
        ("=> 80%", GE, 80.0),
        ("> 80%", GE, 80.0),
        ("≥0.6", GE, 0.6),
        ("≥0,6", GE, 0.6),
        ("≥90", GE, 90.0),
        ("90%", GE, 90.0),
        ("100%", GE, 100.0),
        ("1,5%", GE, 1.5),
        ("2,5%", GE, 2.5),
        ("trên 85%", GE, 85.0),
        ("Trên 85 %", GE, 85.0),
        ("tối thiểu 50%", GE, 50.0),
        ("ít nhất 2", GE, 2.0),
        ("không dưới 3", GE, 3.0),
        ("từ 80% trở lên", GE, 80.0),
        ("80% trở lên", GE, 80.0),
        ("dưới 5%", LE, 5.0),
        ("≤5%", LE, 5.0),
        ("<= 5%", LE, 5.0),
        ("tối đa 10%", LE, 10.0),
        ("không quá 3", LE, 3.0),
        ("5% trở xuống", LE, 5.0),
        ("= 100%", EQ, 100.0),
        ("bằng 0", EQ, 0.0),
        ("$\\geq 80\\%$", GE, 80.0),
        ("$\\leq 5\\%$", LE, 5.0),
        ("$\\ge 70\\%$", GE, 70.0),
        ("$\\geqslant 0{,}6$", GE, 0.6),
        ("≥1", GE, 1.0),
        ("01", GE, 1.0),
        ("≥ 1.000", GE, 1000.0),
    ],
)
def test_parse_target(text: str, comparator: Comparator, value: float) -> None:
    raw = " ".join(text.split())
    assert parse_target(text) == ParsedTarget(comparator=comparator, value=value, yes=None, raw=raw)


@pytest.mark.parametrize("text", ["x", "X", " x ", "có", "✓"])
def test_parse_target_yes_no(text: str) -> None:
    assert parse_target(text) == ParsedTarget(
        comparator=YESNO, value=None, yes=True, raw=text.strip()
    )


def test_parse_target_keeps_raw_text_normalised() -> None:
    assert parse_target("≥ \n\n80 %").raw == "≥ 80 %"


@pytest.mark.parametrize(
    "text",
    ["≥", "abc", "≥ abc", "dưới 5% trở lên", "≥≥80", "80 người", "x x", "không", "trên", "1,2,3%"],
)
def test_parse_target_refuses(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_target(text, field="Chỉ tiêu 2030")
    assert str(caught.value) == "Chỉ tiêu 2030: " + texts.TARGET_BAD.format(text=text)


def test_parse_target_empty() -> None:
    with pytest.raises(ParseError) as caught:
        parse_target("  ")
    assert caught.value.message == texts.TARGET_EMPTY


@given(st.text())
def test_parse_target_only_raises_parse_error(text: str) -> None:
    try:
        target = parse_target(text)
    except ParseError:
        return
    assert (target.comparator is YESNO) == (target.value is None) == (target.yes is True)


# --- parse_date_vi ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20/12/2025", date(2025, 12, 20)),
        ("20-12-2025", date(2025, 12, 20)),
        ("2025-12-20", date(2025, 12, 20)),
        ("20.12.2025", date(2025, 12, 20)),
        ("ngày 20 tháng 12 năm 2025", date(2025, 12, 20)),
        ("Ngày 20 Tháng 12 Năm 2025", date(2025, 12, 20)),
        ("ngay 20 thang 12 nam 2025", date(2025, 12, 20)),
        ("5/1/2026", date(2026, 1, 5)),
        ("05/01/2026", date(2026, 1, 5)),
        ("ngày 01/7/2025", date(2025, 7, 1)),
        (" 20 / 12 / 2025 ", date(2025, 12, 20)),
        ("29/02/2028", date(2028, 2, 29)),
        ("2025-1-5", date(2025, 1, 5)),
    ],
)
def test_parse_date_vi(text: str, expected: date) -> None:
    assert parse_date_vi(text) == expected


@pytest.mark.parametrize(
    "text", ["20/12/25", "20/12", "12/2025", "hôm nay", "20/12-2025", "2025/12/20", "20122025", "x"]
)
def test_parse_date_vi_refuses(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_date_vi(text)
    assert caught.value.message == texts.DATE_BAD.format(text=text)


@pytest.mark.parametrize("text", ["31/2/2025", "29/02/2026", "0/1/2026", "1/13/2026", "31/4/2026"])
def test_parse_date_vi_impossible(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_date_vi(text, field="Ngày hoàn thành")
    assert str(caught.value) == "Ngày hoàn thành: " + texts.DATE_NOT_REAL.format(text=text)


def test_parse_date_vi_empty() -> None:
    with pytest.raises(ParseError) as caught:
        parse_date_vi("")
    assert caught.value.message == texts.DATE_EMPTY


@given(st.dates(min_value=date(1000, 1, 1)))
def test_parse_date_vi_round_trip(day: date) -> None:
    assert parse_date_vi(f"{day.day}/{day.month}/{day.year}") == day
    assert parse_date_vi(day.isoformat()) == day


@given(st.text())
def test_parse_date_vi_only_raises_parse_error(text: str) -> None:
    try:
        parse_date_vi(text)
    except ParseError:
        pass
