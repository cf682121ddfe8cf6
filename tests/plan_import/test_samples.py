"""The two sample plans import with their full task trees and all 38 indicators.

Expected values come from the hand-made transcriptions in resources/plans/
(the parser never reads them); the samples are read from
../shared/samples/plans relative to the repository (present in CI).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from plan_import_helpers import HAI_PHONG, THUONG_HONG, transcription, walk

from models.enums import Comparator, MeasureUnit, Recurrence
from models.plan_import.parser import parse_file
from models.textutil import normalize_spaces

hai_phong_only = pytest.mark.skipif(not HAI_PHONG.exists(), reason=f"sample missing: {HAI_PHONG}")
thuong_hong_only = pytest.mark.skipif(
    not THUONG_HONG.exists(), reason=f"sample missing: {THUONG_HONG}"
)


@pytest.fixture(scope="module")
def hp():
    return parse_file(HAI_PHONG)


@pytest.fixture(scope="module")
def hp_expected():
    return transcription("hai-phong-dang-uy.json")


@pytest.fixture(scope="module")
def th():
    return parse_file(THUONG_HONG)


@pytest.fixture(scope="module")
def th_expected():
    return transcription("thuong-hong.json")


# ------------------------------------------------------------------ Hải Phòng


@hai_phong_only
def test_hai_phong_header_and_parts(hp, hp_expected):
    assert hp.number == hp_expected["plan"]["number"] == "10-KH/ĐU"
    assert hp.issued_on == dt.date(2025, 9, 19)
    assert hp.issuer == "Ban Thường vụ Đảng ủy xã"
    assert hp.title == hp_expected["plan"]["title"]
    assert hp.parts == [
        "Mục đích", "Yêu cầu", "Mục tiêu", "Nhiệm vụ và giải pháp", "Tổ chức thực hiện",
        "Phụ lục I", "Phụ lục II", "Phụ lục III",
    ]  # fmt: skip


@hai_phong_only
def test_hai_phong_every_numbered_task_of_the_tasks_part(hp, hp_expected):
    expected = list(walk(hp_expected["tasks"]))
    got = {t.code: t for t in hp.tasks}
    assert [t["code"] for t in expected] == [
        "1", "1.1", "1.2", "1.3", "2", "3", "3.1", "3.2", "3.3", "4", "5", "6", "7", "8",
    ]  # fmt: skip
    for task in expected:
        parsed = got[task["code"]]
        assert parsed.title == task["title"], task["code"]
        if task["content"] and task["content"] != task["title"]:
            assert normalize_spaces(parsed.content) == normalize_spaces(task["content"]), task[
                "code"
            ]
        parent = next((p["code"] for p in expected if task in p.get("children", [])), None)
        assert parsed.parent == parent, task["code"]
    assert got["1"].is_group and got["3"].is_group and not got["2"].is_group
    # "Ban Chỉ đạo tổ chức kiểm tra ...": the unit named as the subject leads.
    assert got["7"].lead_units == ["Ban Chỉ đạo"]
    assert all(not t.lead_units for code, t in got.items() if code != "7" and t.source == "IV")


@hai_phong_only
def test_hai_phong_every_row_of_the_appendix_task_tables(hp, hp_expected):
    rows = hp_expected["appendix_tasks"]
    got = {t.code: t for t in hp.tasks}
    pl2 = [t for t in hp.tasks if t.source == "Phụ lục II" and not t.is_group]
    pl3 = [t for t in hp.tasks if t.source == "Phụ lục III" and not t.is_group]
    assert len(pl2) == 26
    assert len(pl3) == 15
    assert [t.code for t in pl3] == [f"PL3.{n}" for n in range(1, 16)]
    assert Counter(t.code.split(".")[1] for t in pl2) == {
        "I": 3, "II": 2, "III": 5, "IV": 3, "V": 2, "VI": 2, "VII": 4, "VIII": 5,
    }  # fmt: skip
    for row in rows:
        parsed = got[row["code"]]
        assert parsed.title == row["title"], row["code"]
        assert parsed.lead_units == row["lead_units"], row["code"]
        assert parsed.cooperating_units == row["cooperating_units"], row["code"]
        assert parsed.timeframe_text == row["timeframe"], row["code"]
        assert parsed.group_name == row["group"], row["code"]


@hai_phong_only
def test_hai_phong_appendix_iii_hangs_under_task_8_and_ii_under_its_root(hp):
    got = {t.code: t for t in hp.tasks}
    assert got["PL3.I"].parent == "8" and got["PL3.I"].title == "Thứ nhất: Về thể chế"
    assert got["PL3.1"].parent == "PL3.I"
    assert got["8"].is_group
    assert got["PL2"].parent is None and got["PL2"].title.startswith("NHIỆM VỤ TRỌNG TÂM ĐỘT PHÁ")
    assert got["PL2.III.1"].parent == "PL2.III"


@hai_phong_only
def test_hai_phong_time_frames_read(hp):
    got = {t.code: t for t in hp.tasks}
    assert got["PL3.8"].deadline == dt.date(2025, 12, 20)  # "Trước ngày 20/12/2025"
    assert got["PL3.1"].deadline == dt.date(2025, 8, 31)  # "Trong tháng 8/2025"
    assert got["PL2.III.1"].deadline == dt.date(2025, 9, 30)  # "Quý III năm 2025"
    assert got["PL2.VIII.1"].deadline == dt.date(2026, 12, 31)
    assert got["PL3.6"].recurrence is Recurrence.CONTINUOUS and got["PL3.6"].deadline is None
    assert all(t.timeframe_understood for t in hp.tasks)


@hai_phong_only
def test_hai_phong_38_indicators_with_their_targets(hp, hp_expected):
    assert len(hp.indicators) == 38
    sizes = Counter(i.code.split(".")[0] for i in hp.indicators)
    assert [sizes[g] for g in ("I", "II", "III", "IV", "V")] == [2, 6, 6, 9, 15]
    expected = {i["code"]: i for i in hp_expected["indicators"]}
    assert [i.code for i in hp.indicators] == list(expected)
    for indicator in hp.indicators:
        want = expected[indicator.code]
        assert indicator.name == want["name"], indicator.code
        assert indicator.unit_label == want["unit"], indicator.code
        assert {str(y): raw for y, raw in indicator.targets.items()} == want["targets"], (
            indicator.code
        )
        assert indicator.lead_units == want["lead_units"], indicator.code
        assert indicator.cooperating_units == want["cooperating_units"], indicator.code
        assert indicator.group_name == want["group"], indicator.code


@hai_phong_only
def test_hai_phong_sample_of_exact_values(hp):
    ind = {i.code: i for i in hp.indicators}
    assert ind["I.1"].targets == {2025: "≥30%", 2030: "≥90", 2035: "≥40", 2040: "≥80", 2045: "≥100"}
    assert ind["II.1"].parsed_targets()[2030].value == 1.5  # "1,5%"
    assert ind["V.1"].measure_unit is MeasureUnit.INDEX
    assert ind["V.1"].parsed_targets()[2025].value == 0.6
    assert ind["III.5"].comparator is Comparator.YESNO
    assert ind["I.2"].targets == {2025: "≥30%", 2030: "≥80"}  # blanks after the values
    assert ind["IV.2"].targets == {2040: "≥1", 2045: "≥2"}  # blanks before the values
    tasks = {t.code: t for t in hp.tasks}
    assert tasks["PL3.7"].title.endswith("các dịch vụ công của cơ quan nhà nước")
    assert "Thường liệu" not in tasks["PL3.7"].title
    assert tasks["PL3.5"].cooperating_units[-1] == "Văn phòng HĐND&UBND xã"


@hai_phong_only
def test_hai_phong_artefacts_are_reported(hp):
    messages = [w.message for w in hp.warnings]
    for page in ("2", "3", "4"):
        assert any(f'số trang "{page}"' in m for m in messages), page
    assert any("I.2" in m and "2025, 2030" in m for m in messages)
    assert sum("lẫn từ cột Thời gian" in m for m in messages) == 3  # rows 7, 10, 13


@hai_phong_only
def test_hai_phong_reporting(hp, hp_expected):
    assert [r.text for r in hp.reporting] == hp_expected["reporting"]
    monthly = [r for r in hp.reporting if Recurrence.MONTHLY in r.frequencies]
    assert monthly and monthly[0].text.startswith("Thông tin, báo cáo định kỳ")


# ------------------------------------------------------------------ Thượng Hồng


@thuong_hong_only
def test_thuong_hong_full_tree(th, th_expected):
    expected = list(walk(th_expected["tasks"]))
    assert [t.code for t in th.tasks] == [t["code"] for t in expected]
    assert len(th.tasks) == 46  # 7 groups, 39 numbered tasks (no 1.5)
    got = {t.code: t for t in th.tasks}
    for task in expected:
        parsed = got[task["code"]]
        assert parsed.title == task["title"], task["code"]
        assert normalize_spaces(parsed.content or parsed.title) == normalize_spaces(task["content"])
    assert got["1.2"].parent == "1" and got["5.12"].parent == "5"
    assert got["1.2"].lead_units == ["Trung tâm văn hoá thể thao và truyền thông xã"]
    assert got["5.3"].cooperating_units == ["các ban Đảng", "Ủy ban MTTQ Việt Nam xã"]
    assert not th.indicators


@thuong_hong_only
def test_thuong_hong_broken_items_and_gap(th):
    got = {t.code: t for t in th.tasks}
    assert got["5.5"].content.endswith(
        "Triển khai các nhiệm vụ phục vụ chuyển đổi số, đảm bảo kết nối với Đề án 06."
    )
    assert got["7.2"].title.startswith(
        "Hợp tác giữa cơ quan nhà nước và doanh nghiệp: Cơ quan nhà nước phối hợp"
    )
    assert any("không thấy mục 1.5" in w.message for w in th.warnings)
    assert th.title.startswith("Thực hiện Nghị quyết số 57-NQ/TW")
    assert th.parts == ["Mục đích", "Nhiệm vụ và giải pháp", "Tổ chức thực hiện"]
