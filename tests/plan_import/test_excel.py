"""The Excel template and the row-by-row checks of an imported workbook."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from plan_import_helpers import fill_template

from models.enums import Comparator, MeasureUnit
from models.errors import ParseError
from models.plan_import.excel import import_workbook, write_template

UNITS = ["Văn phòng HĐND và UBND xã", "Phòng Văn hóa - Xã hội", "Công an xã"]


@pytest.fixture
def template(tmp_path: Path) -> Path:
    return write_template(tmp_path / "mau-nhap-ke-hoach.xlsx", unit_names=UNITS)


def test_template_sheets_headers_and_lists(template: Path) -> None:
    book = load_workbook(template)
    assert book.sheetnames == ["Hướng dẫn", "Nhiệm vụ", "Chỉ tiêu", "Danh mục"]
    tasks, indicators, lists = book["Nhiệm vụ"], book["Chỉ tiêu"], book["Danh mục"]
    assert [c.value for c in tasks[1]] == [
        "Mã nhiệm vụ", "Tên nhiệm vụ", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp",
        "Thời gian thực hiện", "Sản phẩm",
    ]  # fmt: skip
    assert [c.value for c in indicators[1]] == [
        "Mã chỉ tiêu", "Tên chỉ tiêu", "Nhóm", "Đơn vị tính", "So sánh",
        "2025", "2030", "2035", "2040", "2045", "Cơ quan chủ trì", "Cơ quan phối hợp",
    ]  # fmt: skip
    assert [lists.cell(row=r, column=1).value for r in range(2, 5)] == UNITS
    assert [lists.cell(row=r, column=2).value for r in range(2, 7)] == [
        "%", "số lượng", "chỉ số", "triệu đồng", "có/không",
    ]  # fmt: skip
    assert [lists.cell(row=r, column=3).value for r in range(2, 6)] == ["≥", "≤", "=", "x"]
    rules = {str(v.sqref): v for v in indicators.data_validations.dataValidation}
    assert rules["D2:D1000"].formula1 == "='Danh mục'!$B$2:$B$6"
    assert rules["E2:E1000"].formula1 == "='Danh mục'!$C$2:$C$5"
    assert rules["D2:D1000"].errorStyle == "stop"
    task_rules = {str(v.sqref): v for v in tasks.data_validations.dataValidation}
    assert task_rules["D2:D1000"].formula1 == "='Danh mục'!$A$2:$A$4"
    assert task_rules["D2:D1000"].errorStyle == "warning"  # a new unit may be typed
    guide = "\n".join(str(c.value) for row in book["Hướng dẫn"].iter_rows() for c in row if c.value)
    assert "Cách dùng mẫu này" in guide and "dấu phẩy thập phân" in guide
    assert 'Ví dụ trang "Nhiệm vụ"' in guide and UNITS[0] in guide
    # The template itself imports as an empty plan, never its examples.
    result = import_workbook(template)
    assert result.plan.tasks == [] and result.plan.indicators == [] and result.errors == []


def test_filled_template_round_trip(template: Path) -> None:
    fill_template(
        template,
        tasks=[
            ("1", "Công tác lãnh đạo, chỉ đạo", None, None, None, None, None),
            ("1.1", "Ban hành kế hoạch", "Trình ban hành trước kỳ họp", "Văn phòng HĐND và UBND xã",
             "Phòng Văn hóa - Xã hội; Công an xã", "Trong tháng 8/2025", "Kế hoạch"),
            (1.2, "Tuyên truyền trên loa truyền thanh", None, "Phòng Văn hóa - Xã hội", None,
             "Thường xuyên", None),
            ("1.3", "Số hóa sổ hộ tịch", None, "Phòng Văn hóa - Xã hội", None,
             dt.datetime(2025, 12, 20), None),
        ],
        indicators=[
            ("1", "Tỷ lệ hồ sơ được số hóa", "Chuyển đổi số", "%", "≥", "85,5", "100", None, None, None,
             "Văn phòng HĐND và UBND xã", None),
            ("2", "Chỉ số chuyển đổi số", "Chuyển đổi số", "chỉ số", "≥", "0,6", "0,8", None, None, None,
             "Phòng Văn hóa - Xã hội", None),
            ("3", "Có mô hình nông nghiệp thông minh", None, "có/không", "x", None, "x", None, None, None,
             "Phòng Kinh tế", None),
        ],
    )  # fmt: skip
    result = import_workbook(template)
    assert result.errors == []
    tasks = {t.code: t for t in result.plan.tasks}
    assert list(tasks) == ["1", "1.1", "1.2", "1.3"]
    assert tasks["1"].is_group and tasks["1.2"].parent == "1"  # 1.2 typed as a number
    assert tasks["1.1"].cooperating_units == ["Phòng Văn hóa - Xã hội", "Công an xã"]
    assert (
        tasks["1.1"].expected_output == "Kế hoạch"
        and tasks["1.1"].content == "Trình ban hành trước kỳ họp"
    )
    assert tasks["1.3"].timeframe_text == "Trước ngày 20/12/2025"
    assert tasks["1.3"].deadline == dt.date(2025, 12, 20)
    indicators = {i.code: i for i in result.plan.indicators}
    assert indicators["1"].parsed_targets()[2025].value == 85.5  # "85,5"
    assert indicators["1"].group_name == "Chuyển đổi số"
    assert indicators["2"].measure_unit is MeasureUnit.INDEX
    assert indicators["3"].comparator is Comparator.YESNO and indicators["3"].targets == {2030: "x"}


def test_row_errors_name_sheet_row_column_and_reason(template: Path) -> None:
    fill_template(
        template,
        tasks=[
            ("1", "Nhiệm vụ đúng", None, "Công an xã", None, "Trong tháng 9/2025", None),
            ("2", None, None, "Công an xã", None, None, None),
            ("1", "Trùng mã với dòng 2", None, None, None, None, None),
            ("3/4", "Mã sai dạng", None, None, None, None, None),
            ("5", "Thời hạn mơ hồ", None, None, None, "Đầu năm 2026", None),
        ],
        indicators=[
            ("1", "Tỷ lệ đúng", None, "%", "≥", "80%", None, None, None, None, None, None),
            ("2", "Mục tiêu hỏng", None, "%", "≥", "tám mươi", None, None, None, None, None, None),
            ("3", "Đơn vị tính lạ", None, "lít", None, "5", None, None, None, None, None, None),
            ("4", "So sánh lạ", None, "%", "khoảng", "5", None, None, None, None, None, None),
        ],
    )  # fmt: skip
    result = import_workbook(template)
    errors = [(e.sheet, e.row, e.column, e.message) for e in result.errors]
    assert errors == [
        ("Nhiệm vụ", 3, "B", "thiếu tên"),
        ("Nhiệm vụ", 4, "A", 'mã "1" đã có ở dòng 2'),
        ("Nhiệm vụ", 5, "A", 'mã "3/4" không đúng dạng (ví dụ đúng: 1, 1.2, 3.11, I.1)'),
        ("Chỉ tiêu", 3, "F", 'không đọc được mục tiêu "tám mươi" (ví dụ đúng: 85,5; ≥80%; x)'),
        ("Chỉ tiêu", 4, "D", 'đơn vị tính "lít" không nhận ra được (chọn %, số lượng, chỉ số, triệu đồng, có/không)'),
        ("Chỉ tiêu", 5, "E", 'cách so sánh "khoảng" không nhận ra được (chọn ≥, ≤, = hoặc x)'),
    ]  # fmt: skip
    assert result.errors[0].text() == 'Trang "Nhiệm vụ", dòng 3, cột B (Tên nhiệm vụ): thiếu tên'
    assert all(e.blocking for e in result.errors)
    # Only the clean rows are in the plan; the vague time frame is a note, not an error.
    assert [t.code for t in result.plan.tasks] == ["1", "5"]
    assert [i.code for i in result.plan.indicators] == ["1"]
    assert result.rows_total == 9 and result.rows_bad == 6
    assert any(n.row == 6 and "Đầu năm 2026" in n.message for n in result.notes)


def test_columns_found_by_name_and_missing_ones_reported(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Chỉ tiêu"
    sheet.append(["Tên chỉ tiêu", "Đơn vị tính", "Cơ quan chủ trì"])  # no year column
    sheet.append(["Tỷ lệ hồ sơ trực tuyến", "%", "Công an xã"])
    other = book.create_sheet("Nhiệm vụ")
    other.append(["Cơ quan chủ trì", "Thời hạn", "Tên nhiệm vụ"])  # another order, no code column
    other.append(["Công an xã", "Quý IV/2025", "Rà soát dữ liệu dân cư"])
    path = tmp_path / "thieu-cot.xlsx"
    book.save(path)
    result = import_workbook(path)
    assert [(e.sheet, e.row, e.message) for e in result.errors] == [
        ("Chỉ tiêu", 1, 'thiếu cột "2025, 2030..." (dòng tiêu đề 1)')
    ]
    task = result.plan.tasks[0]
    assert (task.code, task.title, task.lead_units, task.deadline) == (
        "1", "Rà soát dữ liệu dân cư", ["Công an xã"], dt.date(2025, 12, 31),
    )  # fmt: skip


def test_not_a_workbook_is_refused_in_vietnamese(tmp_path: Path) -> None:
    path = tmp_path / "hong.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ParseError, match="không phải sổ tính Excel"):
        import_workbook(path)
    old = tmp_path / "cu.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ParseError, match="Excel cũ"):
        import_workbook(old)
    empty = tmp_path / "trong.xlsx"
    Workbook().save(empty)
    with pytest.raises(ParseError, match="Không tìm thấy trang tính"):
        import_workbook(empty)
