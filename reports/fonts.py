"""Where the report fonts come from.

Decree 30/2020 asks for Times New Roman. The rule for finding it:

1. the real Times New Roman when the system has it (Windows:
   ``%WINDIR%\\Fonts\\times*.ttf``; Linux with the Microsoft core fonts);
2. otherwise Liberation Serif, which has exactly the metrics of Times New
   Roman (same line breaks, same page breaks): first the copy shipped with
   the program in ``resources/fonts`` (SIL Open Font License, licence file
   beside it), then the system's (Debian ``fonts-liberation2``);
3. otherwise Tinos (the same design under another name).

A PDF made with Liberation Serif names its fonts ``LiberationSerif``,
``LiberationSerif-Bold`` ...; with the real font ``TimesNewRomanPSMT``,
``TimesNewRomanPS-BoldMT`` ... . Word files always name "Times New Roman":
Word on Windows has it and LibreOffice substitutes Liberation Serif.

If nothing is found, ``find_fonts`` raises an ``AppError`` with a Vietnamese
message. Any thread may call these functions.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from models.errors import AppError
from models.paths import resources_dir
from reports import texts

DOCX_FONT_NAME = "Times New Roman"
"""The font every Word run names (ascii, hAnsi, cs and eastAsia)."""

STYLES = ("regular", "bold", "italic", "bold_italic")


@dataclass(frozen=True)
class FontSet:
    """The four TTF files of one serif family and where they came from."""

    family: str  # "Times New Roman" | "Liberation Serif" | "Tinos"
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    @property
    def is_times_new_roman(self) -> bool:
        return self.family == "Times New Roman"

    def path(self, style: str) -> Path:
        return {
            "regular": self.regular,
            "bold": self.bold,
            "italic": self.italic,
            "bold_italic": self.bold_italic,
        }[style]


def _candidates() -> list[tuple[str, Path, tuple[str, str, str, str]]]:
    """(family, folder, file names) in order of preference."""
    out: list[tuple[str, Path, tuple[str, str, str, str]]] = []
    tnr = ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf")
    if sys.platform.startswith("win"):
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        out.append(("Times New Roman", windir / "Fonts", tnr))
    for folder in (
        Path("/usr/share/fonts/truetype/msttcorefonts"),
        Path("/usr/share/fonts/TTF"),
        Path("/Library/Fonts"),
        Path("/System/Library/Fonts/Supplemental"),
    ):
        out.append(("Times New Roman", folder, tnr))
        out.append(
            (
                "Times New Roman",
                folder,
                (
                    "Times_New_Roman.ttf",
                    "Times_New_Roman_Bold.ttf",
                    "Times_New_Roman_Italic.ttf",
                    "Times_New_Roman_Bold_Italic.ttf",
                ),
            )
        )
    liberation = (
        "LiberationSerif-Regular.ttf",
        "LiberationSerif-Bold.ttf",
        "LiberationSerif-Italic.ttf",
        "LiberationSerif-BoldItalic.ttf",
    )
    out.append(("Liberation Serif", resources_dir() / "fonts", liberation))
    for folder in (
        Path("/usr/share/fonts/truetype/liberation2"),
        Path("/usr/share/fonts/truetype/liberation"),
        Path("/usr/share/fonts/liberation-serif"),
        Path("/usr/share/fonts/liberation"),
    ):
        out.append(("Liberation Serif", folder, liberation))
    tinos = ("Tinos-Regular.ttf", "Tinos-Bold.ttf", "Tinos-Italic.ttf", "Tinos-BoldItalic.ttf")
    for folder in (Path("/usr/share/fonts/truetype/croscore"), Path("/usr/share/fonts/croscore")):
        out.append(("Tinos", folder, tinos))
    return out


@lru_cache(maxsize=1)
def find_fonts() -> FontSet:
    """The best serif family available (see the module rule); cached.

    Raises AppError (Vietnamese) when no complete family of four files exists.
    """
    for family, folder, names in _candidates():
        files = [folder / n for n in names]
        if all(f.is_file() for f in files):
            return FontSet(family, files[0], files[1], files[2], files[3])
    raise AppError(texts.FONTS_NOT_FOUND.format(folder=resources_dir() / "fonts"))
