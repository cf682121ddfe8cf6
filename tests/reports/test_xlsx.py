"""The Excel file of the demo report: appendix tables as sheets a user can
compute with and print (openpyxl), and that LibreOffice opens."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from openpyxl import load_workbook

ReportFiles = Any  # tests/reports/conftest.py


@pytest.fixture(scope="module")
def wb(issued_report: ReportFiles) -> Any:
    return load_workbook(str(issued_report.xlsx))


def test_one_sheet_per_appendix(wb: Any) -> None:
    assert wb.sheetnames == ["Phụ lục I - Nhiệm vụ", "Phụ lục II - Chỉ tiêu"]


def test_title_rows(wb: Any) -> None:
    ws = wb["Phụ lục I - Nhiệm vụ"]
    assert ws["A1"].value == "Phụ lục I"
    assert ws["A1"].font.b and ws["A1"].font.name == "Times New Roman"
    assert ws["A2"].value == "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ THÁNG 10 NĂM 2026"
    assert ws["A3"].value == (
        "(Kèm theo Báo cáo số 05/BC-UBND ngày 05 tháng 11 năm 2026 của Ủy ban nhân dân xã Thượng Hồng)"
    )
    assert ws["A3"].font.i
    assert "A1:F1" in {str(r) for r in ws.merged_cells.ranges}


def test_task_sheet_header_freeze_and_print_setup(wb: Any, issued_report: ReportFiles) -> None:
    ws = wb["Phụ lục I - Nhiệm vụ"]
    header = [c.value for c in ws[5]]
    assert header == [
        "STT",
        "Nhiệm vụ",
        "Cơ quan chủ trì",
        "Thời hạn",
        "Kết quả thực hiện",
        "Tình trạng",
    ]
    assert [c.value for c in ws[6]] == [f"({i})" for i in range(1, 7)]
    assert all(c.font.b for c in ws[5])
    assert ws.freeze_panes == "A7"
    assert ws.print_title_rows == "$5:$6"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    # Data: every task, bordered and wrapped, with widths set.
    codes = [ws.cell(row=r, column=1).value for r in range(7, ws.max_row + 1)]
    task_codes = [t.code for t in issued_report.data.tasks]
    assert [c for c in codes if c in set(task_codes)] == task_codes
    cell = ws.cell(row=8, column=2)
    assert (
        cell.alignment.wrap_text
        and cell.border.left.style == "thin"
        and cell.border.bottom.style == "thin"
    )
    assert all(
        ws.column_dimensions[col].width and ws.column_dimensions[col].width > 5 for col in "ABCDEF"
    )
    assert ws.column_dimensions["B"].width > ws.column_dimensions["A"].width * 4


def test_indicator_sheet_has_two_header_rows_and_numbers(
    wb: Any, issued_report: ReportFiles
) -> None:
    ws = wb["Phụ lục II - Chỉ tiêu"]
    assert [c.value for c in ws[5]][:5] == [
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Chỉ tiêu (năm mốc)",
        "Kết quả thực hiện",
    ]
    assert ws["E6"].value == "Kỳ báo cáo (tháng 10/2026)"
    assert ws["F6"].value == "Kỳ trước (tháng 9/2026)"
    assert ws["G6"].value == "Cùng kỳ năm trước (tháng 10/2025)"
    assert ws["H5"].value == "Đánh giá"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"E5:G5", "A5:A6", "H5:H6"} <= merged
    assert ws.freeze_panes == "A8" and ws.print_title_rows == "$5:$7"
    by_code = {ws.cell(row=r, column=1).value: r for r in range(8, ws.max_row + 1)}
    for ind in issued_report.data.indicators:
        row = by_code[ind.code]
        cell = ws.cell(row=row, column=5)
        if ind.value is not None and ind.unit_label == "%":
            assert cell.value == pytest.approx(ind.value)  # a number, not text
            assert cell.number_format == "0.0"


def test_libreoffice_opens_the_workbook(issued_report: ReportFiles, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    proc = subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(issued_report.xlsx),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    out = tmp_path / (issued_report.xlsx.stem + ".pdf")
    assert proc.returncode == 0 and out.exists(), proc.stderr
    with pdfplumber.open(str(out)) as pdf:
        assert len(pdf.pages) >= 2
        first = pdf.pages[0].extract_text() or ""
        assert "Phụ lục I" in first and "Nhiệm vụ" in first
        assert all(p.width > p.height for p in pdf.pages)  # landscape


def test_each_sheet_prints_its_own_page_numbers(wb: Any) -> None:
    for ws in wb.worksheets:
        assert ws.page_setup.firstPageNumber == 1 and ws.page_setup.useFirstPageNumber
        assert ws.HeaderFooter.differentFirst  # no number on an appendix's first page
        assert ws.oddHeader.center.text == "&P"
