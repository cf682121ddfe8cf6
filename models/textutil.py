"""Small text helpers shared by parsing, search and matching.

* ``normalize_spaces``: Unicode NFC, every run of whitespace (line breaks,
  tabs, no-break spaces, zero-width spaces) becomes one space, ends stripped.
  Table cells pasted from PDF or Word ("Trong \\n\\ntháng \\n\\n8/2025") come
  out as one clean line.
* ``fold``: the key used to compare Vietnamese text without caring about
  case or diacritics: lowercase, tone marks and vowel marks removed, ``đ``
  becomes ``d``. ``fold("HẰNG NĂM") == fold("hàng năm") == "hang nam"``.
  Works on NFC (precomposed) and NFD (decomposed) input alike, and is a
  single ``str.lower`` plus one ``str.translate``, so it is cheap enough to
  call on every row of a search.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "normalize_spaces", "shorten"]

_ZERO_WIDTH = {
    0x200B: " ",  # zero width space: a break opportunity, read as a space
    0x2060: None,  # word joiner
    0xFEFF: None,  # byte order mark / zero width no-break space
    0x00AD: None,  # soft hyphen (PDF copies)
}

_WHITESPACE_RUN = re.compile(r"\s+")


def normalize_spaces(text: str) -> str:
    """Return ``text`` in NFC with all whitespace runs collapsed to one space.

    Rule: zero-width spaces count as spaces; soft hyphens, word joiners and
    byte order marks are dropped; leading and trailing whitespace is removed.
    """
    text = unicodedata.normalize("NFC", text.translate(_ZERO_WIDTH))
    return _WHITESPACE_RUN.sub(" ", text).strip()


def _build_fold_table() -> dict[int, str | None]:
    """Map each Latin letter with marks to its base letter, drop combining marks.

    Built once from the Unicode database rather than typed by hand, so every
    precomposed Vietnamese letter (ắ, ằ, ẳ, ẵ, ặ, ơ, ư, ...) is covered.
    """
    table: dict[int, str | None] = {}
    ranges = (range(0x00C0, 0x0250), range(0x1E00, 0x1F00))
    for block in ranges:
        for code in block:
            char = chr(code)
            decomposed = unicodedata.normalize("NFD", char)
            base = decomposed[0]
            if len(decomposed) > 1 and base.isascii() and base.isalpha():
                if all(unicodedata.combining(mark) for mark in decomposed[1:]):
                    table[code] = base.lower()
    # Combining marks (NFD input, or stray marks typed with old keyboards).
    for code in range(0x0300, 0x0370):
        table[code] = None
    # đ/Đ have no decomposition. Legacy font conversions often produce the
    # look-alike Icelandic eth (Ð U+00D0, lowercase ð U+00F0) instead of Đ.
    for code in (0x0110, 0x0111, 0x00D0, 0x00F0):
        table[code] = "d"
    return table


_FOLD_TABLE = _build_fold_table()


def fold(text: str) -> str:
    """Return the case- and diacritic-insensitive key of ``text``.

    Rule: lowercase (``str.lower``), then every Latin letter carrying marks
    becomes its bare letter (``ệ`` -> ``e``, ``ư`` -> ``u``, ``đ`` -> ``d``)
    and combining marks are removed. Spaces, digits and punctuation are kept
    as they are, so the result can be matched with regular expressions.
    Both NFC and NFD input give the same result.
    """
    return text.lower().translate(_FOLD_TABLE)


def shorten(text: str, limit: int = 60) -> str:
    """Return ``text`` on one line, cut to ``limit`` characters with an ellipsis.

    Used to quote user input inside a one-line error message.
    """
    one_line = normalize_spaces(text)
    if len(one_line) <= limit:
        return one_line
    return one_line[: max(limit - 1, 0)] + "…"
