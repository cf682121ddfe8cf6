"""Reading plan files into lines: markup and extraction artefacts removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.errors import ParseError
from models.plan_import.text_source import Line, TableBlock, clean_markup, read_document, read_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("## II. NHIỆM VỤ VÀ GIẢI PHÁP", "II. NHIỆM VỤ VÀ GIẢI PHÁP"),
        ("**1.1. Số hóa hồ sơ**", "1.1. Số hóa hồ sơ"),
        ("Tỷ lệ đạt $\\geq 80\\%$ (2025)", "Tỷ lệ đạt ≥ 80% (2025)"),
        ("Chỉ số $\\le 0,5$", "Chỉ số ≤ 0,5"),
        ("1\\. Các đơn vị", "1. Các đơn vị"),
        ("* Cấp chữ ký số", "- Cấp chữ ký số"),
        ("\uf0b7 Thay máy tính", "- Thay máy tính"),
        ("kết thúc./. *HTT*", "kết thúc./. HTT"),
        ("Xem [Phụ lục](#pl)", "Xem Phụ lục"),
        ("---", "-----"),
    ],
)
def test_clean_markup(raw: str, clean: str) -> None:
    assert clean_markup(raw).strip() == clean


def test_page_numbers_after_a_wide_gap_are_dropped_and_mark_a_page_break() -> None:
    text = (
        "\n\n".join(["dòng một của văn bản", "dòng hai", "dòng ba"]) + "\n\n\n\n4 \n\n2. Tiếp theo"
    )
    document = read_text(text)
    texts = [b.text for b in document.blocks if isinstance(b, Line) and not b.blank]
    assert texts == ["dòng một của văn bản", "dòng hai", "dòng ba", "2. Tiếp theo"]
    assert document.dropped_page_numbers == ["4"]
    assert [
        b.page_break for b in document.blocks if isinstance(b, Line) and b.text == "2. Tiếp theo"
    ] == [True]


def test_markdown_pipe_table_becomes_a_table() -> None:
    document = read_text("| STT | Nhiệm vụ |\n|---|---|\n| 1 | **Số hóa** |\n", kind="md")
    tables = [b for b in document.blocks if isinstance(b, TableBlock)]
    assert tables[0].rows == [["STT", "Nhiệm vụ"], ["1", "Số hóa"]]


def test_windows_vietnamese_encoding_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.txt"
    path.write_bytes("\ufeffKẾ HOẠCH\nII. NHIỆM VỤ\n".encode())
    assert read_document(path).blocks[0].text == "KẾ HOẠCH"
    old = tmp_path / "cu.txt"
    # Windows-1258 writes tone marks as combining characters: "ê" + dot below.
    old.write_bytes(b"Nhi\xea\xf2m vu\xf2")
    assert read_document(old).blocks[0].text == "Nhiệm vụ"


def test_bad_files_raise_vietnamese_parse_errors(tmp_path: Path) -> None:
    cases = {
        "a.doc": (b"\xd0\xcf", "Word cũ"),
        "b.pdf": (b"%PDF-1.4 hong", "Không đọc được tệp b.pdf"),
        "c.docx": (b"not a zip", "Không đọc được tệp c.docx"),
        "d.odt": (b"x", "chỉ nhận tệp Word"),
        "e.txt": (b"\n \n", "không có nội dung"),
    }
    for name, (data, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(ParseError, match=message):
            read_document(path)
    with pytest.raises(ParseError, match="Không tìm thấy tệp"):
        read_document(tmp_path / "khong-co.pdf")


def test_scanned_pdf_without_text(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(path))
    page.rect(50, 50, 200, 200, fill=1)  # a picture, no text layer
    page.save()
    with pytest.raises(ParseError, match="không có lớp chữ"):
        read_document(path)
