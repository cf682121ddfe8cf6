"""Validation of the built-in plan resources in resources/plans/.

Checks the shape and internal consistency of the three JSON files and, when the
sample plan text is available (../shared/samples/plans relative to the repo
root), that the Thượng Hồng task tree carries exactly the numbered items of the
source.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PLANS = REPO / "resources" / "plans"
SAMPLES = REPO.parent / "shared" / "samples" / "plans"

YEARS = {"2025", "2030", "2035", "2040", "2045"}
UNIT_KINDS = {
    "office",
    "department",
    "board",
    "centre",
    "police",
    "military",
    "village",
    "mass_org",
    "party",
    "external",
    "other",
}
INDICATOR_UNITS = {"%", "số lượng", "chỉ số", "triệu đồng", "có/không"}


def _load(name: str) -> dict:
    return json.loads((PLANS / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def hai_phong() -> dict:
    return _load("hai-phong-dang-uy.json")


@pytest.fixture(scope="module")
def thuong_hong() -> dict:
    return _load("thuong-hong.json")


@pytest.fixture(scope="module")
def demo() -> dict:
    return _load("demo-commune.json")


def _walk(tasks: list[dict]):
    for t in tasks:
        yield t
        yield from _walk(t.get("children", []))


def _leaves(tasks: list[dict]):
    return [t for t in _walk(tasks) if not t.get("children")]


def _strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, list):
        for x in obj:
            yield from _strings(x)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield k
            yield from _strings(v)


# ---------------------------------------------------------------- all files


@pytest.mark.parametrize(
    "name", ["hai-phong-dang-uy.json", "thuong-hong.json", "demo-commune.json"]
)
def test_all_strings_are_nfc(name):
    data = _load(name)
    bad = [s for s in _strings(data) if not unicodedata.is_normalized("NFC", s)]
    assert not bad, bad[:5]


@pytest.mark.parametrize(
    "name", ["hai-phong-dang-uy.json", "thuong-hong.json", "demo-commune.json"]
)
def test_no_extraction_garbage(name):
    data = _load(name)
    data.pop("notes", None)  # the notes quote the garbage they describe
    for s in _strings(data):
        assert s == s.strip() or s == "", repr(s)
        assert "  " not in s, repr(s)
        assert "*" not in s, repr(s)


# ---------------------------------------------------------------- Hải Phòng


def test_hai_phong_plan_header(hai_phong):
    plan = hai_phong["plan"]
    assert plan["number"] == "10-KH/ĐU"
    assert plan["issued_on"] == "2025-09-19"
    assert plan["issuer"] == "Ban Thường vụ Đảng ủy xã"
    assert plan["title"]


def test_hai_phong_indicators(hai_phong):
    inds = hai_phong["indicators"]
    assert len(inds) == 38
    sizes = Counter(i["code"].split(".")[0] for i in inds)
    assert [sizes[g] for g in ("I", "II", "III", "IV", "V")] == [2, 6, 6, 9, 15]
    codes = [i["code"] for i in inds]
    assert len(set(codes)) == 38
    for ind in inds:
        assert ind["name"] and ind["group"]
        assert ind["unit"] in INDICATOR_UNITS, ind
        assert ind["targets"], f"{ind['code']} has no target"
        assert set(ind["targets"]) <= YEARS, ind["code"]
        assert all(v.strip() for v in ind["targets"].values()), ind["code"]
        assert ind["lead_units"], ind["code"]
    first = inds[0]
    assert first["name"] == "Tỷ lệ phủ sóng 5G (6G từ năm 2035)"
    assert first["targets"]["2025"] == "≥30%"
    assert first["lead_units"] == ["Các doanh nghiệp viễn thông trên địa bàn"]
    assert first["cooperating_units"] == ["Phòng Văn hóa - Xã hội"]


def test_hai_phong_task_tree(hai_phong):
    top = [t["code"] for t in hai_phong["tasks"]]
    assert top == [str(i) for i in range(1, 9)]
    children = {t["code"]: [c["code"] for c in t["children"]] for t in hai_phong["tasks"]}
    assert children["1"] == ["1.1", "1.2", "1.3"]
    assert children["3"] == ["3.1", "3.2", "3.3"]
    for t in _walk(hai_phong["tasks"]):
        assert t["title"] and t["source"] == "IV"


def test_hai_phong_appendix_tasks(hai_phong):
    rows = hai_phong["appendix_tasks"]
    pl2 = [r for r in rows if r["source"] == "Phụ lục II"]
    pl3 = [r for r in rows if r["source"] == "Phụ lục III"]
    assert Counter(r["code"].split(".")[1] for r in pl2) == {
        "I": 3,
        "II": 2,
        "III": 5,
        "IV": 3,
        "V": 2,
        "VI": 2,
        "VII": 4,
        "VIII": 5,
    }
    assert pl2[0]["lead_units"] == ["Văn phòng Đảng ủy"]
    assert pl2[0]["timeframe"] == "Hoàn thành trong tháng 7 năm 2025"
    assert [r["code"] for r in pl3] == [f"PL3.{i}" for i in range(1, 16)]
    assert pl3[0]["group"] == "Thứ nhất: Về thể chế"
    assert len({r["group"] for r in pl3}) == 8
    for r in pl3:
        assert r["title"] and r["timeframe"] and r["lead_units"], r["code"]
        # words leaked from the "Thời gian" column must be gone
        assert "Thường" not in r["title"], r["code"]
        assert not re.search(r"(?<!thường )\bxuyên\b", r["title"]), r["code"]


def test_hai_phong_reporting(hai_phong):
    assert hai_phong["reporting"]
    assert any("hàng tháng" in s for s in hai_phong["reporting"])
    assert hai_phong["notes"]


# ---------------------------------------------------------------- Thượng Hồng


def _source_codes(text: str) -> tuple[set[str], set[str]]:
    part = text.split("II. NHIỆM VỤ VÀ GIẢI PHÁP", 1)[1].split("III. TỔ CHỨC THỰC HIỆN", 1)[0]
    subs = set(re.findall(r"^(\d+\.\d+)\.?\s", part, flags=re.M))
    groups = set(re.findall(r"^(\d+)\.\s", part, flags=re.M))
    return groups, subs


def test_thuong_hong_codes_match_source(thuong_hong):
    src = SAMPLES / "ke-hoach-xa-thuong-hong.txt"
    if not src.exists():
        pytest.skip(f"sample plan not available: {src}")
    groups, subs = _source_codes(unicodedata.normalize("NFC", src.read_text(encoding="utf-8")))
    tree = thuong_hong["tasks"]
    assert {t["code"] for t in tree} == groups
    assert {c["code"] for t in tree for c in t["children"]} == subs


def test_thuong_hong_tree(thuong_hong):
    tree = thuong_hong["tasks"]
    assert [t["code"] for t in tree] == [str(i) for i in range(1, 8)]
    sub = [c["code"] for t in tree for c in t["children"]]
    assert "1.5" not in sub  # missing in the original, numbering kept as printed
    assert len(sub) == 39
    for t in tree:
        for c in t["children"]:
            assert c["code"].split(".")[0] == t["code"]
            assert c["title"] and c["content"].startswith(c["title"])
    by_code = {c["code"]: c for t in tree for c in t["children"]}
    assert by_code["1.2"]["lead_units"] == ["Trung tâm văn hoá thể thao và truyền thông xã"]
    assert by_code["5.5"]["content"].endswith("đảm bảo kết nối với Đề án 06.")
    assert "phối hợp doanh nghiệp" in by_code["7.2"]["content"]
    assert thuong_hong["plan"]["number"] == "/KH-UBND"
    assert thuong_hong["plan"]["issued_on"] is None
    assert thuong_hong["signer"] == {
        "authority": "TM.",
        "body": "ỦY BAN NHÂN DÂN",
        "title": "CHỦ TỊCH",
        "name": "Hà Thị Thuý",
    }
    assert len(thuong_hong["organisation"]) == 5
    assert thuong_hong["recipients"]


# ---------------------------------------------------------------- demo commune


def test_demo_units_and_aliases(demo):
    units = demo["units"]
    assert 12 <= len(units) <= 16
    codes = [u["code"] for u in units]
    assert len(set(codes)) == len(codes)
    for u in units:
        assert re.fullmatch(r"[A-Z0-9]+", u["code"]), u
        assert u["kind"] in UNIT_KINDS, u
        assert "Thượng Hồng" not in u["name"]
    kinds = Counter(u["kind"] for u in units)
    assert kinds["village"] >= 2 and kinds["party"] >= 2
    for alias, target in demo["aliases"].items():
        assert target is None or target in codes, (alias, target)
    assert demo["reporting"]["compiling_unit"] in codes


def test_demo_aliases_cover_source_units(demo, hai_phong, thuong_hong):
    names = set()
    for t in (
        list(_walk(hai_phong["tasks"]))
        + hai_phong["appendix_tasks"]
        + hai_phong["indicators"]
        + list(_walk(thuong_hong["tasks"]))
    ):
        names.update(t["lead_units"])
        names.update(t["cooperating_units"])
    assert names - set(demo["aliases"]) == set()


def test_demo_tasks(demo, thuong_hong, hai_phong):
    codes = {u["code"] for u in demo["units"]}
    tree = demo["tasks"]
    th_codes = [t["code"] for t in _walk(thuong_hong["tasks"])]
    assert [t["code"] for t in _walk(tree)][: len(th_codes)] == th_codes
    g8 = tree[-1]
    assert g8["code"] == "8"
    assert g8["title"] == "Nhiệm vụ trọng tâm theo Kế hoạch số 02-KH/BCĐTW"
    assert [c["code"] for c in g8["children"]] == [f"8.{i}" for i in range(1, 16)]
    pl3 = [r for r in hai_phong["appendix_tasks"] if r["source"] == "Phụ lục III"]
    assert [c["timeframe"] for c in g8["children"]] == [r["timeframe"] for r in pl3]
    for top in tree:
        assert top["children"], top["code"]
    leaves = _leaves(tree)
    assert len(leaves) == 39 + 15
    deadlines = set()
    for leaf in leaves:
        assert leaf["lead_unit"] in codes, leaf["code"]
        assert 0 <= len(leaf["cooperating_units"]) <= 3, leaf["code"]
        assert all(c in codes for c in leaf["cooperating_units"]), leaf["code"]
        assert leaf["lead_unit"] not in leaf["cooperating_units"], leaf["code"]
        assert leaf["expected_output"] and leaf["timeframe"], leaf["code"]
        assert "Thượng Hồng" not in leaf["title"] + leaf["content"]
        if leaf["deadline"]:
            assert "2025-08-01" <= leaf["deadline"] <= "2027-12-31", leaf["code"]
            deadlines.add(leaf["deadline"][:4])
        else:
            assert leaf["recurrence"], leaf["code"]
    assert deadlines == {"2025", "2026", "2027"}


def test_demo_indicators(demo, hai_phong):
    codes = {u["code"] for u in demo["units"]}
    inds = demo["indicators"]
    assert [i["code"] for i in inds] == [i["code"] for i in hai_phong["indicators"]]
    for d, src in zip(inds, hai_phong["indicators"], strict=True):
        assert d["name"] == src["name"] and d["unit"] == src["unit"]
        assert {y: t["text"] for y, t in d["targets"].items()} == src["targets"]
        assert d["lead_unit"] in codes, d["code"]
        assert all(c in codes for c in d["cooperating_units"]), d["code"]
        assert d["comparator"] in {"≥", "≤", "=", "x"}
        assert d["demo_profile"]
        for y, t in d["targets"].items():
            if t["text"].strip().lower() == "x":
                assert t["value"] is None and d["comparator"] == "x"
            else:
                assert isinstance(t["value"], (int, float)), (d["code"], y)
    by_code = {i["code"]: i for i in inds}
    assert by_code["I.1"]["targets"]["2030"] == {"text": "≥90", "value": 90}
    assert by_code["II.1"]["targets"]["2030"]["value"] == 1.5
    assert by_code["V.1"]["unit"] == "chỉ số"


def test_demo_people_and_recipients(demo):
    signers = demo["signers"]
    assert [s["title"] for s in signers] == ["CHỦ TỊCH", "PHÓ CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert signers[0]["authority"] == "TM."
    assert all(s["authority"] == "KT. CHỦ TỊCH" for s in signers[1:])
    rec = demo["recipients"]
    assert any(r["upward"] for r in rec) and any(not r["upward"] for r in rec)
    for r in rec:
        assert r["short"] and isinstance(r["upward"], bool)
        if r["upward"]:
            assert "{tinh}" in r["name"] and "{cap_tinh}" in r["name"]
    assert demo["reporting"] == {
        "unit_deadline_day": 15,
        "commune_report_day": 18,
        "compiling_unit": "VHXH",
    }
