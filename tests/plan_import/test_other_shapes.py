"""Plans in other shapes than the two samples: Word with tables and Word lists,
the PDF made from that Word file, Markdown with LaTeX targets, a province's
Excel workbook. The importer must read them without being told their shape."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

from docx import Document
from plan_import_helpers import DATA, make_province_workbook

from models.enums import Comparator, MeasureUnit, Recurrence
from models.plan_import.excel import import_workbook
from models.plan_import.parser import parse_file
from models.plan_import.units import split_units

DOCX = DATA / "ke-hoach-minh-tan.docx"
PDF = DATA / "ke-hoach-minh-tan.pdf"
MARKDOWN = DATA / "ke-hoach-an-lac.md"


def _fixtures_module():
    spec = importlib.util.spec_from_file_location("make_fixtures", DATA / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FIXTURES = _fixtures_module()


def _expected_appendix() -> list[tuple[str, str, list[str], list[str], str]]:
    rows = []
    for label, _group, items in FIXTURES.APPENDIX_GROUPS:
        for number, (title, lead, coop, time, _output) in enumerate(items, start=1):
            rows.append((f"PL.{label}.{number}", title, split_units(lead), split_units(coop), time))
    return rows


def _check_minh_tan(plan) -> None:
    got = {t.code: t for t in plan.tasks}
    # Tasks part: numbered items, label lines, Word bullets as sub-items.
    assert [t.code for t in plan.tasks[:8]] == ["1", "1.1", "1.2", "2", "2.1", "2.2", "2.3", "3"]
    assert got["1.1"].lead_units == ["Văn phòng HĐND và UBND xã"]
    assert got["1.1"].cooperating_units == ["Công an xã", "Phòng Văn hóa - Xã hội"]
    assert got["1.1"].deadline == dt.date(2025, 9, 30)
    assert got["1.2"].lead_units == ["Trung tâm Văn hóa, Thể thao và Truyền thông"]
    assert got["1.2"].recurrence is Recurrence.CONTINUOUS
    assert got["2.2"].title == "Trang bị 02 máy quét tài liệu tốc độ cao."
    assert got["2"].is_group
    # The appendix ("chi tiết tại Phụ lục") hangs under item 3.
    assert got["PL.I"].parent == "3" and got["PL.I"].title == "Hạ tầng và dữ liệu"
    for code, title, lead, coop, time in _expected_appendix():
        assert got[code].title == title, code
        assert got[code].lead_units == lead, code
        assert got[code].cooperating_units == coop, code
        assert got[code].timeframe_text == time, code
    assert got["PL.III.4"].start == dt.date(2026, 1, 1)
    assert got["PL.III.4"].deadline == dt.date(2027, 12, 31)
    assert not got["PL.III.5"].timeframe_understood  # "Trước tháng 10/2025" is ambiguous
    # Indicators from the table of the objectives part.
    indicators = {i.code: i for i in plan.indicators}
    assert list(indicators) == ["I.1", "I.2", "I.3", "II.1", "II.2", "II.3"]
    assert indicators["I.2"].parsed_targets()[2025].value == 85.5
    assert indicators["I.3"].measure_unit is MeasureUnit.INDEX
    assert indicators["II.1"].targets == {2025: "trên 30%", 2030: "≥ 70%"}
    assert indicators["II.2"].measure_unit is MeasureUnit.COUNT
    assert indicators["II.3"].comparator is Comparator.YESNO and indicators["II.3"].targets == {
        2030: "x"
    }
    assert indicators["I.1"].lead_units == ["Văn phòng HĐND và UBND xã"]
    # Reporting deadlines of the organisation part.
    days = [r.day for r in plan.reporting]
    assert days[:2] == [15, 18]
    assert plan.number == "45/KH-UBND" and plan.issued_on == dt.date(2025, 8, 12)


def test_word_plan_with_tables(tmp_path: Path) -> None:
    _check_minh_tan(parse_file(DOCX))


def test_word_fixture_is_what_the_script_builds(tmp_path: Path) -> None:
    rebuilt = FIXTURES.build_docx(tmp_path / "again.docx")
    first, second = parse_file(DOCX).to_json(), parse_file(rebuilt).to_json()
    first.pop("source"), second.pop("source")
    assert first == second


def test_pdf_made_from_the_word_plan_reads_the_same(tmp_path: Path) -> None:
    # Given the PDF LibreOffice made from the Word file (tables broken over
    # lines, a table running onto the next page, page numbers in the footer)
    pdf, word = parse_file(PDF), parse_file(DOCX)
    # Then the tasks, units, time frames and targets are the same as from Word.
    _check_minh_tan(pdf)
    keys = (
        "code",
        "title",
        "lead_unit",
        "cooperating_units",
        "timeframe_text",
        "deadline",
        "parent",
    )
    assert [{k: t.to_json()[k] for k in keys} for t in pdf.tasks] == [
        {k: t.to_json()[k] for k in keys} for t in word.tasks
    ]
    assert [i.to_json()["targets"] for i in pdf.indicators] == [
        i.to_json()["targets"] for i in word.indicators
    ]
    assert any("số trang" in w.message for w in pdf.warnings)


def test_markdown_plan_with_latex_targets() -> None:
    plan = parse_file(MARKDOWN)
    got = {t.code: t for t in plan.tasks}
    assert plan.title == "Thực hiện chuyển đổi số trên địa bàn xã An Lạc năm 2026"
    assert got["1.1"].title == "Số hóa hồ sơ thủ tục hành chính"  # "**1.1. ...**"
    assert got["1.1"].deadline == dt.date(2026, 6, 30)
    assert [c.title for c in plan.children("1.2")] == [
        "Cấp chữ ký số cho toàn bộ lãnh đạo và công chức xã;",
        "Ký số 100% văn bản đi (trừ văn bản mật);",
        "Lưu trữ hồ sơ điện tử theo quy định.",
    ]
    assert got["2.2"].cooperating_units == ["Ủy ban MTTQ Việt Nam xã"]
    assert [t.code for t in plan.children("2.1")] == ["PL.1", "PL.2", "PL.3"]
    assert got["PL.3"].cooperating_units == ["Đoàn Thanh niên xã", "Hội Liên hiệp Phụ nữ xã"]
    assert got["PL.3"].recurrence is Recurrence.QUARTERLY
    indicators = {i.name: i for i in plan.indicators}
    digitised = indicators["Tỷ lệ hồ sơ thủ tục hành chính được số hóa"]
    assert digitised.targets == {2025: "≥80%", 2030: "100%"}  # "$\geq 80\%$ (2025), 100% (2030)"
    assert indicators["Tỷ lệ người dân trưởng thành có chữ ký số"].targets == {2026: "trên 40%"}
    assert indicators["Chỉ số chuyển đổi số cấp xã"].parsed_targets()[2026].value == 0.6
    assert indicators["Tỷ lệ cán bộ, công chức được bồi dưỡng kỹ năng số"].targets == {2026: "100%"}
    assert indicators["Tỷ lệ hộ gia đình có cáp quang băng rộng"].targets == {2035: "≥95%"}
    assert [r.day for r in plan.reporting][:1] == [20]
    assert any('số trang "2"' in w.message for w in plan.warnings)
    assert all("*" not in t.title and "$" not in t.title for t in plan.tasks)


def test_word_automatic_numbering_is_written_out(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("II. NHIỆM VỤ VÀ GIẢI PHÁP")
    document.add_paragraph("Tuyên truyền, phổ biến Nghị quyết", style="List Number")
    document.add_paragraph("Số hóa hồ sơ hộ tịch", style="List Number")
    document.add_paragraph("Cơ quan chủ trì: Phòng Văn hóa - Xã hội", style="List Bullet")
    document.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    path = tmp_path / "danh-so-tu-dong.docx"
    document.save(path)
    plan = parse_file(path)
    assert [(t.code, t.title) for t in plan.tasks] == [
        ("1", "Tuyên truyền, phổ biến Nghị quyết"),
        ("2", "Số hóa hồ sơ hộ tịch"),
    ]
    assert plan.tasks[1].lead_units == ["Phòng Văn hóa - Xã hội"]


def test_province_workbook_with_its_own_columns(tmp_path: Path) -> None:
    result = import_workbook(make_province_workbook(tmp_path / "tinh.xlsx"))
    assert result.errors == []
    tasks = {t.code: t for t in result.plan.tasks}
    assert list(tasks) == ["I", "I.1", "I.2", "I.3", "II", "II.1", "II.2"]
    assert tasks["I"].is_group and tasks["I"].title == "Hạ tầng số"
    # The lead unit merged down three rows applies to each of them.
    assert [tasks[c].lead_units for c in ("I.1", "I.2", "I.3")] == [["Phòng Kinh tế"]] * 3
    # A date cell, a date typed as text, a quarter.
    assert tasks["I.1"].timeframe_text == "Trước ngày 30/06/2026"
    assert tasks["I.1"].deadline == dt.date(2026, 6, 30)
    assert tasks["I.2"].deadline == dt.date(2026, 12, 31)
    assert tasks["I.3"].deadline == dt.date(2026, 9, 30)
    assert tasks["I.2"].content == "Phối hợp doanh nghiệp viễn thông"
    assert tasks["II.2"].recurrence is Recurrence.MONTHLY
    indicators = {i.code: i for i in result.plan.indicators}
    assert indicators["1"].targets == {2025: "85,5%", 2030: "100%"}  # stored as 0.855 and 1
    assert indicators["2"].targets == {2025: "25,5%", 2030: "≥ 60%"}
    assert indicators["3"].measure_unit is MeasureUnit.COUNT
    assert indicators["3"].parsed_targets()[2030].value == 5
    assert any("30/06/2026" in n.message for n in result.notes)


def test_word_tables_with_a_two_row_header_and_a_task_table(tmp_path: Path) -> None:
    # Given a Word plan whose targets sit under a "Mục tiêu" cell merged over
    # the years, and whose tasks are a table in the tasks part itself
    document = Document()
    document.add_paragraph("II. MỤC TIÊU")
    table = document.add_table(rows=2, cols=6)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "STT"
    table.cell(0, 1).merge(table.cell(1, 1)).text = "Tên chỉ tiêu"
    table.cell(0, 2).merge(table.cell(0, 4)).text = "Mục tiêu"
    for column, year in zip((2, 3, 4), ("2025", "2030", "2035"), strict=True):
        table.cell(1, column).text = year
    table.cell(0, 5).merge(table.cell(1, 5)).text = "Đơn vị chủ trì"
    row = table.add_row().cells
    row[0].text = "A"
    row[1].merge(row[5]).text = "Dịch vụ công trực tuyến"
    for values in (("1", "Tỷ lệ hồ sơ trực tuyến toàn trình", "≥ 50%", "≥ 80%", "100%", "Văn phòng HĐND và UBND xã"),
                   ("2", "Tỷ lệ thanh toán trực tuyến", "", "≥ 40%", "≥ 60%", "Phòng Kinh tế")):  # fmt: skip
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    document.add_paragraph("III. NHIỆM VỤ VÀ GIẢI PHÁP")
    tasks = document.add_table(rows=1, cols=5)
    for cell, text in zip(
        tasks.rows[0].cells,
        ("TT", "Nội dung công việc", "Thời hạn", "Đơn vị thực hiện", "Phối hợp"),
        strict=True,
    ):
        cell.text = text
    for values in (("1", "Rà soát thủ tục hành chính", "Quý I/2026", "Văn phòng HĐND và UBND xã", "Công an xã"),
                   ("2", "Cập nhật dữ liệu hộ tịch", "Hằng tháng", "Phòng Văn hóa - Xã hội", "")):  # fmt: skip
        for cell, text in zip(tasks.add_row().cells, values, strict=True):
            cell.text = text
    path = tmp_path / "bang-hai-dong.docx"
    document.save(path)
    plan = parse_file(path)
    indicators = {i.code: i for i in plan.indicators}
    assert list(indicators) == ["A.1", "A.2"]
    assert indicators["A.1"].group_name == "Dịch vụ công trực tuyến"
    assert indicators["A.1"].targets == {2025: "≥ 50%", 2030: "≥ 80%", 2035: "100%"}
    assert indicators["A.2"].targets == {2030: "≥ 40%", 2035: "≥ 60%"}  # the empty cell stays empty
    assert indicators["A.2"].lead_units == ["Phòng Kinh tế"]
    got = {t.code: t for t in plan.tasks}
    assert got["1"].title == "Rà soát thủ tục hành chính"
    assert got["1"].deadline == dt.date(2026, 3, 31)
    assert got["1"].lead_units == ["Văn phòng HĐND và UBND xã"]
    assert got["1"].cooperating_units == ["Công an xã"]
    assert got["2"].recurrence is Recurrence.MONTHLY


def test_prose_target_without_a_year_is_shown_as_not_understood(tmp_path: Path) -> None:
    path = tmp_path / "muc-tieu.txt"
    path.write_text(
        "II. MỤC TIÊU\n"
        "- Tỷ lệ hồ sơ được giải quyết đúng hạn đạt trên 95%.\n"
        "- Đến năm 2027, 100% thôn có Tổ công nghệ số cộng đồng hoạt động.\n"
        "III. NHIỆM VỤ VÀ GIẢI PHÁP\n"
        "1. Rà soát quy trình giải quyết hồ sơ.\n",
        encoding="utf-8",
    )
    plan = parse_file(path)
    first, second = plan.indicators
    assert first.name == "Tỷ lệ hồ sơ được giải quyết đúng hạn" and first.targets == {}
    assert 'mục tiêu "trên 95%" không nêu năm mốc' in " ".join(first.review_problems())
    assert second.name == "Tỷ lệ thôn có Tổ công nghệ số cộng đồng hoạt động"
    assert second.targets == {2027: "100%"}
    assert any(w.code == first.code for w in plan.warnings)
