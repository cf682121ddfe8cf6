"""Reading and writing numbers, yes/no answers, indicator targets and dates.

Users type Vietnamese style ("85,5", "1.234.567"), paste English style
("85.5", "1,234.5") or read cells that Excel turned into text. Everything
here raises ``ParseError`` (a Vietnamese message quoting the text) on input
it cannot read, and nothing else.

Rules of ``parse_number`` (the decimal mark and grouping):

* both "." and "," appear: the last one is the decimal mark and must
  appear once; the other one groups thousands ("1.234,5", "1,234.5");
* one kind appears several times: it groups thousands ("1.234.567");
* one kind appears once: it is the decimal mark ("85,5", "85.5", "0,6"),
  **except** "." followed by exactly three digits after a non-zero integer
  part of one to three digits, which is Vietnamese thousands grouping:
  "1.234" is 1234, as ``format_number`` writes it (so that what the
  program writes, it reads back). "0.125" and "1,234" stay decimals
  (1,234 is 1.234 in Vietnamese writing);
* thousands groups must be exactly three digits after a first group of
  one to three digits ("1.2.3" is refused, not guessed);
* an optional sign ("-", "+", or the Unicode minus "−") and an optional
  trailing "%" (the number is returned as written: "85,5%" is 85.5).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal

from models import texts
from models.enums import Comparator
from models.errors import ParseError
from models.textutil import fold, normalize_spaces, shorten

__all__ = [
    "FORMAT_MAX_DECIMALS",
    "ParsedTarget",
    "format_number",
    "parse_date_vi",
    "parse_number",
    "parse_target",
    "parse_yes_no",
]

FORMAT_MAX_DECIMALS = 6
"""Decimals written by ``format_number`` when none are asked for."""


def _error(template: str, text: str, *, field: str | None, **values: object) -> ParseError:
    message = template.format(text=shorten(text), **values)
    if field:
        message = texts.FIELD_PREFIX.format(field=field) + message
    return ParseError(message, field=field, detail=f"cannot read {text!r}")


# --- Numbers -------------------------------------------------------------------

_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2012": "-", "\uff0b": "+"})
_NUMBER = re.compile(r"(?P<sign>[+-]?) ?(?P<body>[0-9.,]+) ?(?P<percent>%?)")
_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:X[0-9]{3})+")  # X stands for the separator


def _ungroup(part: str, separator: str) -> str | None:
    """Digits of ``part`` grouped by ``separator`` in threes, or None if malformed."""
    if separator not in part:
        return part if part.isdigit() else None
    if _GROUPED.fullmatch(part.replace(separator, "X")) is None:
        return None
    return part.replace(separator, "")


def _digits(body: str) -> tuple[str, str] | None:
    """(integer digits, fraction digits) of ``body``, or None if unreadable."""
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        decimal_mark = body[max(body.rfind("."), body.rfind(","))]
        grouping = "," if decimal_mark == "." else "."
        if body.count(decimal_mark) != 1:
            return None
        whole, fraction = body.split(decimal_mark)
        ungrouped = _ungroup(whole, grouping)
        return (ungrouped, fraction) if ungrouped is not None else None
    if dots + commas == 0:
        return body, ""
    separator = "." if dots else ","
    if dots + commas > 1:
        ungrouped = _ungroup(body, separator)
        return (ungrouped, "") if ungrouped is not None else None
    whole, fraction = body.split(separator)
    if (
        separator == "."
        and len(fraction) == 3
        and 1 <= len(whole) <= 3
        and not whole.startswith("0")
    ):
        return whole + fraction, ""  # "1.234": Vietnamese thousands grouping
    return (whole or "0"), fraction


def parse_number(text: str, *, field: str | None = None) -> float:
    """Read a number typed in Vietnamese or English style; see the module rules.

    ``field`` (a column or field name) prefixes the error message and is
    kept in ``ParseError.field``. Raises ParseError on empty text, letters,
    malformed grouping, or a value too large for a float.
    """
    clean = normalize_spaces(text)
    if not clean:
        raise _error(texts.NUMBER_EMPTY, text, field=field)
    match = _NUMBER.fullmatch(clean.translate(_SIGNS))
    parts = _digits(match["body"]) if match else None
    if match is None or parts is None or not parts[0] or not parts[0].isdigit():
        raise _error(texts.NUMBER_BAD, clean, field=field)
    whole, fraction = parts
    if (fraction and not fraction.isdigit()) or (not fraction and match["body"][-1] in ".,"):
        raise _error(texts.NUMBER_BAD, clean, field=field)
    value = float(f"{match['sign']}{whole}.{fraction or '0'}")
    if not math.isfinite(value):
        raise _error(texts.NUMBER_BAD, clean, field=field)
    return value


def format_number(value: float, *, decimals: int | None = None) -> str:
    """Write ``value`` Vietnamese style: "85,5", "1.234", "-1.234.567,25".

    Rules: "." groups thousands, "," marks decimals; rounded half up to
    ``decimals`` places (default ``FORMAT_MAX_DECIMALS``) on the shortest
    decimal form of the float, halves away from zero (2.675 gives "2,68"
    with 2 decimals, -2.5 gives "-3" with none);
    trailing zeros and a bare decimal mark are dropped ("85,50" -> "85,5",
    "100,0" -> "100"); minus zero is "0". ``parse_number`` reads the result
    back. Raises ValueError for NaN, infinities and negative ``decimals``.
    """
    if not math.isfinite(value):
        raise ValueError(f"cannot format {value!r}")
    places = FORMAT_MAX_DECIMALS if decimals is None else decimals
    if places < 0:
        raise ValueError("decimals must not be negative")
    exact = Decimal(repr(float(value)))
    wide = Context(prec=320 + places)  # digits for any finite float in fixed notation
    rounded = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=wide)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    fraction = fraction.rstrip("0")
    groups = f"{int(whole):,}".replace(",", ".")
    if not fraction and groups == "0":
        sign = ""
    return f"{sign}{groups},{fraction}" if fraction else f"{sign}{groups}"


# --- Yes / no -------------------------------------------------------------------

_YES = frozenset({"co", "x", "dat", "da dat", "da co", "yes", "y", "1", "true", "✓", "✔", "☑"})
_NO = frozenset({"khong", "0", "no", "n", "false", "chua", "chua co", "chua dat", "khong dat"})


def parse_yes_no(text: str, *, field: str | None = None) -> bool:
    """Read a yes/no answer, ignoring case, diacritics and a trailing dot.

    Yes: "có", "x", "đạt", "đã đạt", "đã có", "yes", "y", "1", "true", "✓".
    No: "không", "0", "no", "n", "false", "chưa", "chưa có", "chưa đạt",
    "không đạt". Anything else, including empty text, raises ParseError
    (an empty cell is "not reported", not "no").
    """
    clean = normalize_spaces(text)
    key = fold(clean).rstrip(" .")
    if not key:
        raise _error(texts.YES_NO_EMPTY, text, field=field)
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise _error(texts.YES_NO_BAD, clean, field=field)


# --- Targets ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParsedTarget:
    """A target cell of a plan: "≥70%", "≤5%", "100%", "x".

    ``value`` is the number for GE/LE/EQ (None for YESNO); ``yes`` is True
    for a YESNO target (None otherwise); ``raw`` is the cell text,
    NFC-normalised with whitespace collapsed.
    """

    comparator: Comparator
    value: float | None
    yes: bool | None
    raw: str


_LATEX = (
    ("$", ""),
    ("\\geqslant", "≥"),
    ("\\leqslant", "≤"),
    ("\\geq", "≥"),
    ("\\leq", "≤"),
    ("\\ge", "≥"),
    ("\\le", "≤"),
    ("\\%", "%"),
    ("\\,", ""),
    ("\\;", ""),
    ("\\ ", " "),
    ("{", ""),
    ("}", ""),
)

# Longest first, so that "không dưới" (GE) wins over "dưới" (LE).
_PREFIXES: tuple[tuple[str, Comparator], ...] = tuple(
    sorted(
        (
            *((word, Comparator.GE) for word in (
                "≥", ">=", "=>", "≧", "⩾", ">", "tren", "toi thieu", "it nhat", "khong duoi",
                "khong thap hon", "lon hon", "cao hon", "tu", "dat",
            )),
            *((word, Comparator.LE) for word in (
                "≤", "<=", "=<", "≦", "⩽", "<", "duoi", "toi da", "khong qua", "khong vuot qua",
                "khong cao hon", "khong lon hon", "nho hon", "thap hon",
            )),
            *((word, Comparator.EQ) for word in ("=", "bang")),
        ),
        key=lambda item: -len(item[0]),
    )
)  # fmt: skip
_SUFFIXES = (("tro len", Comparator.GE), ("tro xuong", Comparator.LE))
_YES_TARGETS = frozenset({"x", "co", "✓", "✔", "☑"})


def parse_target(text: str, *, field: str | None = None) -> ParsedTarget:
    """Read a target cell of a plan's indicator table.

    Rules: "x" (or "có", "✓") is a YESNO target (yes=True). Otherwise an
    optional comparator word or sign, then a number read by
    ``parse_number`` (a "%" is allowed and not divided), then an optional
    "trở lên"/"trở xuống". GE: "≥", ">=", ">", "trên", "tối thiểu", "ít
    nhất", "không dưới", "từ", "đạt", "... trở lên", or no comparator at
    all ("90%" means at least 90%). LE: "≤", "<=", "<", "dưới", "tối đa",
    "không quá", "... trở xuống". EQ: "=", "bằng". Strict signs (">", "<",
    "trên", "dưới") are read as GE/LE: reaching the bound exactly counts as
    "Đạt". LaTeX forms from converted documents ("$\\geq 80\\%$") are
    understood. Empty text or anything else raises ParseError.
    """
    raw = normalize_spaces(text)
    if not raw:
        raise _error(texts.TARGET_EMPTY, text, field=field)
    unlatexed = raw
    for latex, plain in _LATEX:
        unlatexed = unlatexed.replace(latex, plain)
    key = fold(normalize_spaces(unlatexed)).rstrip(" .")
    if key in _YES_TARGETS:
        return ParsedTarget(comparator=Comparator.YESNO, value=None, yes=True, raw=raw)
    comparator: Comparator | None = None
    for word, meaning in _PREFIXES:
        if key.startswith(word) and (not word.isalpha() or key[len(word) : len(word) + 1] == " "):
            comparator, key = meaning, key[len(word) :].strip()
            break
    for word, meaning in _SUFFIXES:
        if key.endswith(word):
            if comparator not in (None, meaning):
                raise _error(texts.TARGET_BAD, raw, field=field)
            comparator, key = meaning, key[: -len(word)].strip()
            break
    try:
        value = parse_number(key)
    except ParseError:
        raise _error(texts.TARGET_BAD, raw, field=field) from None
    return ParsedTarget(comparator=comparator or Comparator.GE, value=value, yes=None, raw=raw)


# --- Dates ------------------------------------------------------------------------

_DATES = (
    re.compile(
        r"(?:ngay )?(?P<d>[0-9]{1,2})(?P<sep>[/.-])(?P<m>[0-9]{1,2})(?P=sep)(?P<y>[0-9]{4})"
    ),
    re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})"),
    re.compile(r"(?:ngay )?(?P<d>[0-9]{1,2}) thang (?P<m>[0-9]{1,2}) nam (?P<y>[0-9]{4})"),
)
_SLASH_SPACES = re.compile(r" ?/ ?")


def parse_date_vi(text: str, *, field: str | None = None) -> date:
    """Read a date written day first, Vietnamese style.

    Accepted: "20/12/2025", "20-12-2025", "20.12.2025", "2025-12-20" (ISO,
    year first), "ngày 20 tháng 12 năm 2025" (any case, with or without
    diacritics); one- or two-digit day and month, four-digit year. Raises
    ParseError on anything else (two-digit years, month names, text) and
    on impossible dates ("31/2/2025").
    """
    clean = normalize_spaces(text)
    if not clean:
        raise _error(texts.DATE_EMPTY, text, field=field)
    key = _SLASH_SPACES.sub("/", fold(clean)).rstrip(" .")
    for pattern in _DATES:
        match = pattern.fullmatch(key)
        if match is None:
            continue
        try:
            return date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            raise _error(texts.DATE_NOT_REAL, clean, field=field) from None
    raise _error(texts.DATE_BAD, clean, field=field)
