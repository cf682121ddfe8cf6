"""The official list of provinces and communes (package ``vietnam-provinces``).

34 provinces and 3,321 commune-level units since 1 July 2025. The program
never retypes this list: setup, demo data, bundles and consolidation key
communes by these official codes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from vietnam_provinces import Province, Ward

from models.errors import NotFoundError
from models.textutil import fold


@dataclass(frozen=True)
class OfficialProvince:
    code: int
    name: str  # "Thành phố Hải Phòng", "Tỉnh Cao Bằng"
    short_name: str  # "Hải Phòng", "Cao Bằng"
    level_word: str  # "thành phố" | "tỉnh"

    @property
    def committee_name(self) -> str:
        """``Ủy ban nhân dân thành phố Hải Phòng`` (Decree 30 capitalisation)."""
        return f"Ủy ban nhân dân {self.level_word} {self.short_name}"


@dataclass(frozen=True)
class OfficialCommune:
    code: int
    name: str  # "Xã Thượng Hồng"
    short_name: str  # "Thượng Hồng"
    division_type: str  # "xã" | "phường" | "đặc khu"
    province_code: int

    @property
    def province(self) -> OfficialProvince:
        return province_by_code(self.province_code)

    @property
    def agency_line2(self) -> str:
        """Second header line, e.g. ``XÃ THƯỢNG HỒNG``."""
        return f"{self.division_type} {self.short_name}".upper()

    @property
    def committee_name(self) -> str:
        """``Ủy ban nhân dân xã Thượng Hồng``."""
        return f"Ủy ban nhân dân {self.division_type} {self.short_name}"

    @property
    def search_key(self) -> str:
        return fold(f"{self.name} {self.province.short_name} {self.code}")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _split_province(p: Province) -> OfficialProvince:
    name = _nfc(p.name)
    if name.startswith("Thành phố "):
        return OfficialProvince(int(p.code.value), name, name[len("Thành phố ") :], "thành phố")
    return OfficialProvince(int(p.code.value), f"Tỉnh {name}", name, "tỉnh")


def _split_ward(w: Ward) -> OfficialCommune:
    name = _nfc(w.name)
    division = _nfc(w.division_type.value)
    prefix = division[0].upper() + division[1:] + " "
    short = name[len(prefix) :] if name.startswith(prefix) else name
    return OfficialCommune(
        code=int(w.code.value),
        name=name,
        short_name=short,
        division_type=division,
        province_code=int(w.province_code.value),
    )


@cache
def provinces() -> tuple[OfficialProvince, ...]:
    return tuple(_split_province(p) for p in Province.iter_all())


@cache
def _provinces_by_code() -> dict[int, OfficialProvince]:
    return {p.code: p for p in provinces()}


@cache
def communes() -> tuple[OfficialCommune, ...]:
    return tuple(_split_ward(w) for w in Ward.iter_all())


@cache
def _communes_by_code() -> dict[int, OfficialCommune]:
    return {c.code: c for c in communes()}


def province_by_code(code: int) -> OfficialProvince:
    try:
        return _provinces_by_code()[int(code)]
    except (KeyError, ValueError) as exc:
        raise NotFoundError(f"Không có tỉnh/thành phố mã {code} trong danh mục chính thức.") from exc


def commune_by_code(code: int) -> OfficialCommune:
    try:
        return _communes_by_code()[int(code)]
    except (KeyError, ValueError) as exc:
        raise NotFoundError(
            f"Không có xã/phường mã {code} trong danh mục hành chính chính thức."
        ) from exc


def communes_of(province_code: int) -> list[OfficialCommune]:
    return [c for c in communes() if c.province_code == int(province_code)]


def search_communes(query: str, *, province_code: int | None = None, limit: int = 50) -> list[OfficialCommune]:
    """Communes whose name (or code) contains every word of ``query``.

    Accents and case are optional: "thuong hong" finds "Xã Thượng Hồng".
    """
    words = fold(query).split()
    out: list[OfficialCommune] = []
    for c in communes():
        if province_code is not None and c.province_code != province_code:
            continue
        key = c.search_key
        if all(w in key for w in words):
            out.append(c)
            if len(out) >= limit:
                break
    return out

