"""Tests of models.textutil and models.timeframe (task time frame phrases)."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models import texts
from models.enums import Recurrence
from models.textutil import fold, normalize_spaces, shorten
from models.timeframe import Timeframe, parse_timeframe

NONE = Recurrence.NONE

# --- textutil ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hằng năm", "hang nam"),
        ("Hàng năm", "hang nam"),
        ("HẰNG NĂM", "hang nam"),
        ("hang nam", "hang nam"),
        ("Định kỳ", "dinh ky"),
        ("ĐẢNG ỦY", "dang uy"),
        ("Phòng Văn hóa - Xã hội", "phong van hoa - xa hoi"),
        ("Thường xuyên", "thuong xuyen"),
        ("Quý III/2025", "quy iii/2025"),
        ("Ưu tiên Ơn Ứng", "uu tien on ung"),
        ("Ỹ ỹ Ỵ ỵ Ỷ ỷ Ý ý Ỳ ỳ", "y y y y y y y y y y"),
        ("Ð legacy eth", "d legacy eth"),  # U+00D0 produced by old font converters
        ("", ""),
        ("85,5% ≥ x", "85,5% ≥ x"),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_fold_all_vietnamese_letters() -> None:
    vowels = {
        "a": "aàáảãạăằắẳẵặâầấẩẫậ",
        "e": "eèéẻẽẹêềếểễệ",
        "i": "iìíỉĩị",
        "o": "oòóỏõọôồốổỗộơờớởỡợ",
        "u": "uùúủũụưừứửữự",
        "y": "yỳýỷỹỵ",
        "d": "dđ",
    }
    for base, letters in vowels.items():
        assert fold(letters) == base * len(letters)
        assert fold(letters.upper()) == base * len(letters)


def test_fold_nfd_and_nfc_agree() -> None:
    text = "Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ, ĐỔI MỚI SÁNG TẠO"
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    assert (
        fold(nfd)
        == fold(text)
        == ("nghi quyet so 57-nq/tw ve dot pha phat trien khoa hoc, cong nghe, doi moi sang tao")
    )


def test_fold_keeps_other_scripts_and_symbols() -> None:
    assert fold("Ω ≥ 80% — ½") == "ω ≥ 80% — ½"


@given(st.text())
def test_fold_is_idempotent_and_ascii_for_vietnamese(text: str) -> None:
    once = fold(text)
    assert fold(once) == once


@given(st.text(alphabet="aàáảãạăằắẳẵặâầấẩẫậđĐêếềểễệôốồổỗộơớờởỡợưứừửữự ÂĂÊÔƠƯ", max_size=50))
def test_fold_of_vietnamese_text_is_ascii(text: str) -> None:
    assert fold(text).isascii()
    assert fold(unicodedata.normalize("NFD", text)) == fold(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trong \n\ntháng \n\n8/2025 \n", "Trong tháng 8/2025"),
        ("  a\tb\r\nc  ", "a b c"),
        ("a\u00a0b", "a b"),  # no-break space
        ("a\u200bb", "a b"),  # zero width space
        ("a\ufeffb\u00adc", "abc"),  # BOM, soft hyphen
        (unicodedata.normalize("NFD", "Hằng năm"), "Hằng năm"),
        ("", ""),
        (" \n ", ""),
    ],
)
def test_normalize_spaces(text: str, expected: str) -> None:
    result = normalize_spaces(text)
    assert result == expected
    assert unicodedata.is_normalized("NFC", result)


def test_shorten() -> None:
    assert shorten("abc") == "abc"
    assert shorten("a\n\nb") == "a b"
    assert shorten("x" * 100, 10) == "x" * 9 + "…"
    assert len(shorten("x" * 100, 10)) == 10


# --- parse_timeframe: the phrase table -------------------------------------------

# (phrase, deadline, start, recurrence). Every time-frame phrase form of the two
# sample plans (samples/plans/*.txt) is in here, as written there.
UNDERSTOOD: list[tuple[str, date | None, date | None, Recurrence]] = [
    # Hải Phòng sample, Phụ lục II ("- Thời gian...: ...")
    ("Thời gian thực hiện: Hoàn thành trong tháng 7 năm 2025.  ", date(2025, 7, 31), None, NONE),
    ("Thời gian hoàn thành: Hoàn thành trong tháng 7 năm 2025.", date(2025, 7, 31), None, NONE),
    ("Thời gian: Hoàn thành trong Quý III năm 2025.", date(2025, 9, 30), None, NONE),
    ("Thời gian: Hoàn thành trong tháng 9 năm 2025.", date(2025, 9, 30), None, NONE),
    ("Thời gian: Thực hiện thường xuyên.", None, None, Recurrence.CONTINUOUS),
    ("Thời gian: Thực hiện thường xuyên ", None, None, Recurrence.CONTINUOUS),
    ("Thời gian: Hoàn thành trong năm 2025.", date(2025, 12, 31), None, NONE),
    ("Thời gian: Hoàn thành trong năm 2026.", date(2026, 12, 31), None, NONE),
    # Hải Phòng sample, Phụ lục III (table cells broken across lines)
    ("Trong \n\ntháng \n\n8/2025 \n", date(2025, 8, 31), None, NONE),
    ("Trong \n\ntháng \n\n11/2025", date(2025, 11, 30), None, NONE),
    ("Trước ngày \n\n20/12/2025", date(2025, 12, 20), None, NONE),
    ("Thường \n\nxuyên", None, None, Recurrence.CONTINUOUS),
    # Hải Phòng sample, body text
    ("đến ngày 30/6/2025", date(2025, 6, 30), None, NONE),
    ("từ ngày \n\n01/7/2025 đến 31/12/2025", date(2025, 12, 31), date(2025, 7, 1), NONE),
    ("giai đoạn 2025 - \n\n2030", date(2030, 12, 31), date(2025, 1, 1), NONE),
    ("giai đoạn 2025-2028", date(2028, 12, 31), date(2025, 1, 1), NONE),
    ("Định kỳ hằng năm", None, None, Recurrence.YEARLY),
    ("hằng quý", None, None, Recurrence.QUARTERLY),
    ("Hằng năm", None, None, Recurrence.YEARLY),
    ("định kỳ hàng tháng", None, None, Recurrence.MONTHLY),
    # Thượng Hồng sample
    ("hàng năm", None, None, Recurrence.YEARLY),
    ("đến năm 2030", date(2030, 12, 31), None, NONE),
    ("thường xuyên", None, None, Recurrence.CONTINUOUS),
    # The forms of the brief
    ("Trong tháng 8/2025", date(2025, 8, 31), None, NONE),
    ("Trước ngày 20/12/2025", date(2025, 12, 20), None, NONE),
    ("Hoàn thành trong Quý III năm 2025", date(2025, 9, 30), None, NONE),
    ("quý 3/2025", date(2025, 9, 30), None, NONE),
    ("Quý 3 năm 2025", date(2025, 9, 30), None, NONE),
    ("Quý I/2026", date(2026, 3, 31), None, NONE),
    ("Quý II năm 2026", date(2026, 6, 30), None, NONE),
    ("Quý IV/2025", date(2025, 12, 31), None, NONE),
    ("Quý IV - 2025", date(2025, 12, 31), None, NONE),
    ("Hoàn thành trong tháng 7 năm 2025", date(2025, 7, 31), None, NONE),
    ("Hoàn thành trong năm 2026", date(2026, 12, 31), None, NONE),
    ("Năm 2025", date(2025, 12, 31), None, NONE),
    ("trong năm 2025", date(2025, 12, 31), None, NONE),
    ("2026", date(2026, 12, 31), None, NONE),
    ("Thực hiện thường xuyên", None, None, Recurrence.CONTINUOUS),
    ("Thường xuyên, liên tục", None, None, Recurrence.CONTINUOUS),
    ("HẰNG NĂM", None, None, Recurrence.YEARLY),
    ("hang nam", None, None, Recurrence.YEARLY),
    ("Định kỳ hằng quý", None, None, Recurrence.QUARTERLY),
    ("Hàng quý", None, None, Recurrence.QUARTERLY),
    ("Định kỳ 3 tháng một lần", None, None, Recurrence.QUARTERLY),
    ("Hằng tháng", None, None, Recurrence.MONTHLY),
    ("1 lần/tháng", None, None, Recurrence.MONTHLY),
    ("6 tháng một lần", None, None, Recurrence.SEMIANNUAL),
    ("Định kỳ 6 tháng", None, None, Recurrence.SEMIANNUAL),
    ("01 lần/năm", None, None, Recurrence.YEARLY),
    ("6 tháng đầu năm 2026", date(2026, 6, 30), None, NONE),
    ("Sáu tháng đầu năm 2026", date(2026, 6, 30), None, NONE),
    ("6 tháng cuối năm 2025", date(2025, 12, 31), None, NONE),
    ("Nửa đầu năm 2027", date(2027, 6, 30), None, NONE),
    ("cuối năm 2025", date(2025, 12, 31), None, NONE),
    ("Cuối tháng 2/2028", date(2028, 2, 29), None, NONE),  # leap year
    ("Cuối quý II/2026", date(2026, 6, 30), None, NONE),
    ("Tháng 12/2025", date(2025, 12, 31), None, NONE),
    ("Tháng 2/2026", date(2026, 2, 28), None, NONE),
    ("tháng 4.2026", date(2026, 4, 30), None, NONE),
    ("tháng 7-2025", date(2025, 7, 31), None, NONE),
    ("Trước 30/6/2026", date(2026, 6, 30), None, NONE),
    ("Đến năm 2030", date(2030, 12, 31), None, NONE),
    ("Đến hết năm 2030", date(2030, 12, 31), None, NONE),
    ("Đến hết tháng 9/2025", date(2025, 9, 30), None, NONE),
    ("giai đoạn 2025 - 2030", date(2030, 12, 31), date(2025, 1, 1), NONE),
    ("Giai đoạn 2025 – 2030", date(2030, 12, 31), date(2025, 1, 1), NONE),  # en dash
    ("2026-2030", date(2030, 12, 31), date(2026, 1, 1), NONE),
    ("Từ năm 2026 đến năm 2030", date(2030, 12, 31), date(2026, 1, 1), NONE),
    ("Từ ngày 01/7/2025 đến 31/12/2025", date(2025, 12, 31), date(2025, 7, 1), NONE),
    ("Từ 01/7 đến 31/12/2025", date(2025, 12, 31), date(2025, 7, 1), NONE),
    ("Từ tháng 7 đến tháng 12/2025", date(2025, 12, 31), date(2025, 7, 1), NONE),
    ("Quý III/2025 - Quý II/2026", date(2026, 6, 30), date(2025, 7, 1), NONE),
    ("Trước ngày 30 tháng 6 năm 2026", date(2026, 6, 30), None, NONE),
    ("ngày 15/01/2026", date(2026, 1, 15), None, NONE),
    ("15/01/2026", date(2026, 1, 15), None, NONE),
    ("Hoàn thành trước 31/12/2025", date(2025, 12, 31), None, NONE),
    ("Chậm nhất là ngày 15-3-2026", date(2026, 3, 15), None, NONE),
    ("trước ngày 20.12.2025", date(2025, 12, 20), None, NONE),
    ("Trước 2025-12-20", date(2025, 12, 20), None, NONE),
    ("Trước ngày 29/02/2028", date(2028, 2, 29), None, NONE),  # leap day
    ("TRƯỚC NGÀY 20 / 12 / 2025.", date(2025, 12, 20), None, NONE),
    ("truoc ngay 20/12/2025", date(2025, 12, 20), None, NONE),
    ("  - Trong   tháng 8/2025 ;", date(2025, 8, 31), None, NONE),
    ("(Thường xuyên)", None, None, Recurrence.CONTINUOUS),
    ("Thời hạn: Quý IV/2025", date(2025, 12, 31), None, NONE),
]


@pytest.mark.parametrize(("phrase", "deadline", "start", "recurrence"), UNDERSTOOD)
def test_understood_phrases(
    phrase: str, deadline: date | None, start: date | None, recurrence: Recurrence
) -> None:
    result = parse_timeframe(phrase)
    assert result == Timeframe(
        text=normalize_spaces(phrase),
        deadline=deadline,
        start=start,
        recurrence=recurrence,
        understood=True,
        note="",
    )


def test_understood_table_is_large_enough() -> None:
    assert len(UNDERSTOOD) >= 40


def test_text_is_nfc_and_collapsed() -> None:
    phrase = unicodedata.normalize("NFD", "Trước ngày \n\n20/12/2025.")
    result = parse_timeframe(phrase)
    assert result.text == "Trước ngày 20/12/2025."
    assert result.deadline == date(2025, 12, 20)


def test_nfd_input_is_understood() -> None:
    result = parse_timeframe(unicodedata.normalize("NFD", "Hoàn thành trong Quý III năm 2025"))
    assert result.deadline == date(2025, 9, 30)


def test_is_recurring() -> None:
    assert parse_timeframe("Hằng năm").is_recurring
    assert not parse_timeframe("Năm 2025").is_recurring


# --- Phrases without a year ----------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "deadline"),
    [
        ("Trong tháng 8", date(2025, 8, 31)),
        ("Trước ngày 20/12", date(2025, 12, 20)),
        ("Quý III", date(2025, 9, 30)),
        ("6 tháng đầu năm", date(2025, 6, 30)),
        ("Cuối năm", date(2025, 12, 31)),
        ("trong năm", date(2025, 12, 31)),
        ("ngày 30 tháng 6", date(2025, 6, 30)),
    ],
)
def test_no_year_uses_reference_year(phrase: str, deadline: date) -> None:
    assert parse_timeframe(phrase, reference_year=2025).deadline == deadline
    without = parse_timeframe(phrase)
    assert not without.understood
    assert without.deadline is None
    assert without.note == texts.TIMEFRAME_NO_YEAR.format(text=phrase)


def test_explicit_year_wins_over_reference_year() -> None:
    assert parse_timeframe("Trong tháng 8/2026", reference_year=2025).deadline == date(2026, 8, 31)


def test_range_without_any_year_uses_reference_year() -> None:
    result = parse_timeframe("Từ tháng 7 đến tháng 9", reference_year=2026)
    assert (result.start, result.deadline) == (date(2026, 7, 1), date(2026, 9, 30))
    assert not parse_timeframe("Từ tháng 7 đến tháng 9").understood


def test_range_end_without_year_takes_start_year() -> None:
    result = parse_timeframe("Từ 01/7/2025 đến 31/12")
    assert (result.start, result.deadline) == (date(2025, 7, 1), date(2025, 12, 31))


# --- Not understood: kept as text, never guessed ---------------------------------


def _not_understood(phrase: str, note: str) -> None:
    result = parse_timeframe(phrase)
    assert result == Timeframe(
        text=normalize_spaces(phrase),
        deadline=None,
        start=None,
        recurrence=NONE,
        understood=False,
        note=note,
    )


@pytest.mark.parametrize(
    "phrase",
    [
        "Đầu năm 2026",
        "Giữa năm 2026",
        "đầu quý III/2025",
        "Trước tháng 9/2025",  # 31 August or 30 September?
        "Trước năm 2026",
        "Trước Quý IV/2025",
        "Trung tuần tháng 8/2025",
    ],
)
def test_ambiguous_phrases(phrase: str) -> None:
    _not_understood(phrase, texts.TIMEFRAME_AMBIGUOUS.format(text=phrase))


@pytest.mark.parametrize(
    "phrase",
    [
        "Hoàn thành",
        "Khi có yêu cầu",
        "Theo chỉ đạo của cấp trên",
        "Trước ngày 15 hằng tháng",
        "Hằng năm, giai đoạn 2025-2030",
        "Sau ngày 20/12/2025",
        "Khoảng tháng 9/2025",
        "Trong tháng 8/2025 và tháng 9/2025",
        "8/2025",
        "Hằng ngày",
        "Tháng 8/25",
        "Cuối ngày 20/12/2025",
        "Năm 2025 và năm 2026",
        "đầu tư",
        "x",
        "-",
    ],
)
def test_unknown_phrases(phrase: str) -> None:
    _not_understood(phrase, texts.TIMEFRAME_UNKNOWN.format(text=normalize_spaces(phrase)))


@pytest.mark.parametrize(
    ("phrase", "note"),
    [
        ("31/2/2025", texts.TIMEFRAME_BAD_DAY.format(text="31/2/2025", day=31, month=2, year=2025)),
        (
            "Trước ngày 29/02/2026",
            texts.TIMEFRAME_BAD_DAY.format(
                text="Trước ngày 29/02/2026", day=29, month=2, year=2026
            ),
        ),
        (
            "Trước ngày 31/4/2026",
            texts.TIMEFRAME_BAD_DAY.format(text="Trước ngày 31/4/2026", day=31, month=4, year=2026),
        ),
        (
            "ngày 0/1/2026",
            texts.TIMEFRAME_BAD_DAY.format(text="ngày 0/1/2026", day=0, month=1, year=2026),
        ),
        ("tháng 13/2025", texts.TIMEFRAME_BAD_MONTH.format(text="tháng 13/2025", month=13)),
        ("Tháng 0/2025", texts.TIMEFRAME_BAD_MONTH.format(text="Tháng 0/2025", month=0)),
        ("Quý V/2025", texts.TIMEFRAME_BAD_QUARTER.format(text="Quý V/2025", quarter="V")),
        ("Quý 5 năm 2025", texts.TIMEFRAME_BAD_QUARTER.format(text="Quý 5 năm 2025", quarter="5")),
        ("Năm 1800", texts.TIMEFRAME_BAD_YEAR.format(text="Năm 1800", year=1800)),
        ("Năm 9999", texts.TIMEFRAME_BAD_YEAR.format(text="Năm 9999", year=9999)),
        (
            "Từ 31/12/2025 đến 01/7/2025",
            texts.TIMEFRAME_BAD_RANGE.format(text="Từ 31/12/2025 đến 01/7/2025"),
        ),
        ("2030-2025", texts.TIMEFRAME_BAD_RANGE.format(text="2030-2025")),
        ("", texts.TIMEFRAME_EMPTY),
        ("  \n\n ", texts.TIMEFRAME_EMPTY),
        ("Thời gian: ", texts.TIMEFRAME_UNKNOWN.format(text="Thời gian:")),
    ],
)
def test_broken_phrases(phrase: str, note: str) -> None:
    _not_understood(phrase, note)


def test_note_quotes_a_shortened_phrase() -> None:
    phrase = "Không rõ " * 40
    result = parse_timeframe(phrase)
    assert not result.understood
    assert result.text == normalize_spaces(phrase)
    assert texts.TIMEFRAME_UNKNOWN.format(text=shorten(phrase)) == result.note
    assert len(result.note) < len(texts.TIMEFRAME_UNKNOWN) + 70


# --- Properties --------------------------------------------------------------------

_WORDS = [
    "trong", "tháng", "quý", "năm", "trước", "ngày", "đến", "hết", "từ", "giai đoạn",
    "thường xuyên", "hằng", "hàng", "định kỳ", "6", "đầu", "cuối", "III", "IV", "-", "/",
    "8/2025", "20/12/2025", "2025", "2030", "31", "12", "0", "x", ".", "\n",
]  # fmt: skip


def _check_invariants(result: Timeframe, text: str) -> None:
    assert result.text == normalize_spaces(text)
    if result.understood:
        assert result.note == ""
        assert result.deadline is not None or result.recurrence is not Recurrence.NONE
        if result.start is not None:
            assert result.deadline is not None and result.start <= result.deadline
        if result.recurrence is not Recurrence.NONE:
            assert result.deadline is None and result.start is None
    else:
        assert result.note
        assert result.deadline is None and result.start is None
        assert result.recurrence is Recurrence.NONE


@settings(max_examples=500)
@given(st.text(), st.one_of(st.none(), st.integers(min_value=-5, max_value=10_000)))
def test_never_raises_on_arbitrary_text(text: str, reference_year: int | None) -> None:
    _check_invariants(parse_timeframe(text, reference_year=reference_year), text)


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(_WORDS), max_size=8).map(" ".join))
def test_never_raises_on_plausible_word_salad(text: str) -> None:
    _check_invariants(parse_timeframe(text), text)
    _check_invariants(parse_timeframe(text, reference_year=2025), text)


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    st.sampled_from(["Trước ngày {d}/{m}/{y}", "ngày {d:02d}/{m:02d}/{y}", "{d}-{m}-{y}"]),
)
def test_any_real_day_is_read_back(day: date, template: str) -> None:
    phrase = template.format(d=day.day, m=day.month, y=day.year)
    assert parse_timeframe(phrase).deadline == day
