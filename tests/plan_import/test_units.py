"""Matching the unit names of a plan with the commune's units."""

from __future__ import annotations

from models.enums import UnitKind
from models.plan_import.units import (
    MatchKind,
    UnitRef,
    UnitVocabulary,
    match_unit,
    match_units,
    propose_code,
    split_units,
)

COMMUNE = [
    UnitRef(1, "VP", "Văn phòng HĐND và UBND xã"),
    UnitRef(2, "VHXH", "Phòng Văn hóa - Xã hội"),
    UnitRef(3, "MTTQ", "Ủy ban MTTQ Việt Nam xã"),
    UnitRef(4, "TTVHTT", "Trung tâm Văn hóa, Thể thao và Truyền thông"),
    UnitRef(5, "BXDD", "Ban Xây dựng Đảng"),
    UnitRef(6, "VPDU", "Văn phòng Đảng ủy"),
]


def test_same_unit_written_differently_is_matched() -> None:
    cases = {
        "Văn phòng HĐND&UBND xã": "VP",  # "&" is "và"
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã": "VP",  # abbreviations
        "PHÒNG VĂN HÓA - XÃ HỘI": "VHXH",  # case
        "Phong Van hoa - Xa hoi": "VHXH",  # no diacritics
        "Phòng Văn hóa - Xã hôi": "VHXH",  # a typo in a tone mark
        "Trung tâm văn hoá thể thao và truyền thông xã": "TTVHTT",
        "Ban xây dựng Đảng": "BXDD",
        "Văn phòng Đảng ủy xã": "VPDU",
    }
    for name, code in cases.items():
        match = match_unit(name, COMMUNE)
        assert match.kind is MatchKind.EXACT, name
        assert match.unit is not None and match.unit.code == code, name


def test_close_names_are_similar_not_new() -> None:
    match = match_unit("Mặt trận Tổ quốc Việt Nam xã", COMMUNE)
    assert match.kind is MatchKind.SIMILAR and match.unit.code == "MTTQ"
    assert 0.85 <= match.score < 1


def test_unknown_units_are_proposed_not_created_and_collectives_left_alone() -> None:
    matches = match_units(
        ["Công an xã", "Ủy ban nhân dân xã", "Các cơ quan, đơn vị liên quan", "Doanh nghiệp trên địa bàn",
         "Công an xã"],
        COMMUNE,
    )  # fmt: skip
    police = matches["Công an xã"]
    assert police.kind is MatchKind.NEW and police.unit is None
    assert (police.proposal.code, police.proposal.kind) == ("CA", UnitKind.POLICE)
    assert matches["Ủy ban nhân dân xã"].kind is MatchKind.NEW  # not the office
    assert matches["Ủy ban nhân dân xã"].proposal.code == "UBND"
    assert matches["Các cơ quan, đơn vị liên quan"].kind is MatchKind.COLLECTIVE
    assert matches["Doanh nghiệp trên địa bàn"].kind is MatchKind.COLLECTIVE


def test_proposed_codes_are_unique() -> None:
    assert propose_code("Phòng Văn hóa - Xã hội", []) == "PVHXH"
    assert propose_code("Công an xã", ["CA"]) == "CA2"
    matches = match_units(["Phòng Kinh tế", "Phòng Khoa học Kỹ thuật"], COMMUNE)
    codes = {m.proposal.code for m in matches.values()}
    assert codes == {"PKT", "PKHKT"}


def test_split_unit_cells() -> None:
    vocabulary = UnitVocabulary.with_builtin([u.name for u in COMMUNE])
    assert split_units("Phòng Kinh tế, các cơ quan, đơn vị có liên quan", vocabulary) == [
        "Phòng Kinh tế", "các cơ quan, đơn vị có liên quan",
    ]  # fmt: skip
    assert split_units("Ban xây dựng Đảng, Văn phòng Đảng ủy.", vocabulary) == [
        "Ban xây dựng Đảng", "Văn phòng Đảng ủy",
    ]  # fmt: skip
    # A known name with a comma stays whole.
    assert split_units("Trung tâm Văn hóa, Thể thao và Truyền thông; Công an xã", vocabulary) == [
        "Trung tâm Văn hóa, Thể thao và Truyền thông", "Công an xã",
    ]  # fmt: skip
    assert split_units("", vocabulary) == []


def test_vocabulary_knows_names_broken_by_a_pdf() -> None:
    vocabulary = UnitVocabulary.with_builtin()
    assert vocabulary.is_known("Văn phòng HĐND&UBND xã")
    assert vocabulary.is_prefix("Văn phòng HĐND&UBN")  # "... UBN" + "D xã" on the next line
    assert vocabulary.is_prefix("Phòng Văn hóa -")
    assert not vocabulary.is_prefix("Văn phòng dân")
    assert vocabulary.is_known("Đoàn Thanh niên xã")
