"""Helpers shared by the plan-import tests: sample paths and workbooks built on the fly."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
SAMPLES = REPO.parent / "shared" / "samples" / "plans"
HAI_PHONG = SAMPLES / "ke-hoach-dang-uy-xa-hai-phong.txt"
THUONG_HONG = SAMPLES / "ke-hoach-xa-thuong-hong.txt"
TRANSCRIPTIONS = REPO / "resources" / "plans"


def transcription(name: str) -> dict[str, Any]:
    """The hand-made transcription of a sample plan (expected values only)."""
    return json.loads((TRANSCRIPTIONS / name).read_text(encoding="utf-8"))


def walk(tasks: list[dict[str, Any]]):
    for task in tasks:
        yield task
        yield from walk(task.get("children", []))


def make_province_workbook(path: Path) -> Path:
    """A province's workbook: title rows, another column order, merged cells,
    a lead unit merged down three rows, dates stored as dates and as text,
    percents stored as fractions, a two-row header with years under a merged
    "Chỉ tiêu theo năm" cell."""
    book = Workbook()
    tasks = book.active
    tasks.title = "DM nhiem vu"
    tasks["A1"] = "UBND TỈNH PHÚ THỌ"
    tasks.merge_cells("A1:F1")
    tasks["A2"] = "DANH MỤC NHIỆM VỤ GIAO CÁC XÃ NĂM 2026"
    tasks.merge_cells("A2:F2")
    headers = (
        "Thời gian hoàn thành",
        "TT",
        "Nội dung nhiệm vụ",
        "Cơ quan phối hợp",
        "Cơ quan chủ trì",
        "Ghi chú",
    )
    for column, title in enumerate(headers, start=1):
        tasks.cell(row=4, column=column, value=title).font = Font(bold=True)
    rows: list[tuple[Any, ...]] = [
        (None, "I", "Hạ tầng số", None, None, None),
        (
            dt.datetime(2026, 6, 30),
            1,
            "Phủ sóng di động 4G tại các thôn vùng sâu",
            "Các thôn",
            "Phòng Kinh tế",
            None,
        ),
        (
            "31/12/2026",
            2,
            "Kéo cáp quang đến nhà văn hóa các thôn",
            "Các thôn",
            None,
            "Phối hợp doanh nghiệp viễn thông",
        ),
        ("Quý III năm 2026", 3, "Lắp đặt wifi công cộng tại trụ sở xã", None, None, None),
        (None, "II", "Chính quyền số", None, None, None),
        (
            "Thường xuyên",
            1,
            "Duy trì tỷ lệ hồ sơ trực tuyến toàn trình",
            "Các cơ quan, đơn vị",
            "Văn phòng HĐND và UBND xã",
            None,
        ),
        (
            "Hằng tháng",
            2,
            "Công khai tiến độ giải quyết hồ sơ",
            None,
            "Văn phòng HĐND và UBND xã",
            None,
        ),
    ]
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, start=1):
            tasks.cell(row=5 + offset, column=column, value=value)
    tasks.merge_cells("C5:F5")  # group row "I" merged across
    tasks.merge_cells("C9:F9")  # group row "II"
    tasks.merge_cells("E6:E8")  # lead unit merged down three rows
    tasks["A7"].number_format = "@"

    indicators = book.create_sheet("Chi tieu")
    indicators["A1"] = "CHỈ TIÊU CHUYỂN ĐỔI SỐ CẤP XÃ"
    indicators.merge_cells("A1:F1")
    for column, title in enumerate(
        ("STT", "Tên chỉ tiêu", "ĐVT", "Chỉ tiêu theo năm", None, "Đơn vị chủ trì"), start=1
    ):
        indicators.cell(row=3, column=column, value=title)
    indicators.merge_cells("D3:E3")
    indicators["D4"] = 2030
    indicators["E4"] = 2025
    for column in ("A", "B", "C", "F"):
        indicators.merge_cells(f"{column}3:{column}4")
    values = [
        (1, "Tỷ lệ hồ sơ TTHC được số hóa", "%", 1.0, 0.855, "Văn phòng HĐND và UBND xã"),
        (2, "Tỷ lệ người dân có chữ ký số", "%", "≥ 60%", "25,5%", "Phòng Văn hóa - Xã hội"),
        (3, "Số hợp tác xã có gian hàng trực tuyến", "Số lượng", 5, 2, "Phòng Kinh tế"),
    ]
    for offset, row in enumerate(values):
        for column, value in enumerate(row, start=1):
            indicators.cell(row=5 + offset, column=column, value=value)
    indicators["D5"].number_format = "0%"
    indicators["E5"].number_format = "0.0%"
    book.save(path)
    return path


def fill_template(
    path: Path, *, tasks: list[tuple[Any, ...]], indicators: list[tuple[Any, ...]]
) -> Path:
    """Write rows into a template made by ``write_template`` (header on row 1)."""
    book = load_workbook(path)
    sheet = book["Nhiệm vụ"]
    for offset, values in enumerate(tasks):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=2 + offset, column=column, value=value)
    sheet = book["Chỉ tiêu"]
    for offset, values in enumerate(indicators):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=2 + offset, column=column, value=value)
    book.save(path)
    return path
