"""Build the plan files of other shapes used by the plan-import tests.

Run from the repository root: ``python tests/plan_import/data/make_fixtures.py``.
It writes ``ke-hoach-minh-tan.docx`` (a Word plan with real tables, Word
bullets, a repeated table header and page numbers in the footer) and, when
LibreOffice is installed, ``ke-hoach-minh-tan.pdf`` made from it
(``soffice --headless --convert-to pdf``). Both files are committed; the
tests read them and also rebuild the Word file to check it is up to date.
The commune, names and numbers are invented for the tests.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
DOCX = HERE / "ke-hoach-minh-tan.docx"
PDF = HERE / "ke-hoach-minh-tan.pdf"

INDICATOR_GROUPS = (
    (
        "I",
        "Chính quyền số",
        (
            (
                "Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến",
                "%",
                "≥ 80%",
                "100%",
                "Văn phòng HĐND và UBND xã",
            ),
            (
                "Tỷ lệ hồ sơ, kết quả giải quyết TTHC được số hóa",
                "%",
                "85,5%",
                "100%",
                "Văn phòng HĐND và UBND xã",
            ),
            ("Chỉ số chuyển đổi số cấp xã", "Chỉ số", "≥ 0,6", "≥ 0,8", "Phòng Văn hóa - Xã hội"),
        ),
    ),
    (
        "II",
        "Xã hội số và kinh tế số",
        (
            (
                "Tỷ lệ người trưởng thành có chữ ký số cá nhân",
                "%",
                "trên 30%",
                "≥ 70%",
                "Phòng Văn hóa - Xã hội",
            ),
            (
                "Số hợp tác xã bán sản phẩm trên sàn thương mại điện tử",
                "Số lượng",
                "≥ 2",
                "≥ 5",
                "Phòng Kinh tế",
            ),
            (
                "Mô hình nông nghiệp thông minh được triển khai",
                "Có/không",
                "",
                "x",
                "Phòng Kinh tế",
            ),
        ),
    ),
)

APPENDIX_GROUPS = (
    (
        "I",
        "Hạ tầng và dữ liệu",
        (
            (
                "Rà soát, nâng cấp mạng nội bộ và máy tính tại bộ phận một cửa",
                "Văn phòng HĐND và UBND xã",
                "Công an xã",
                "Trong tháng 9/2025",
                "Báo cáo rà soát",
            ),
            (
                "Số hóa sổ hộ tịch lưu trữ từ năm 2000 đến nay",
                "Phòng Văn hóa - Xã hội",
                "Văn phòng HĐND và UBND xã",
                "Trước ngày 31/12/2025",
                "Dữ liệu hộ tịch số",
            ),
            (
                "Làm sạch dữ liệu dân cư phục vụ Đề án 06",
                "Công an xã",
                "Các thôn",
                "Thường xuyên",
                "",
            ),
            (
                "Lắp đặt camera giám sát an ninh tại các trục đường chính",
                "Công an xã",
                "Phòng Kinh tế; Các thôn",
                "Quý IV năm 2025",
                "Hệ thống camera",
            ),
        ),
    ),
    (
        "II",
        "Chính quyền số",
        (
            (
                "Vận hành hệ thống quản lý văn bản và điều hành, ký số văn bản đi",
                "Văn phòng HĐND và UBND xã",
                "Các cơ quan, đơn vị",
                "Thường xuyên",
                "Văn bản ký số",
            ),
            (
                "Công khai kết quả giải quyết thủ tục hành chính trên cổng thông tin điện tử của xã",
                "Văn phòng HĐND và UBND xã",
                "",
                "Hằng tháng",
                "",
            ),
            (
                "Tập huấn kỹ năng số cho cán bộ, công chức",
                "Phòng Văn hóa - Xã hội",
                "Trung tâm Văn hóa, Thể thao và Truyền thông",
                "6 tháng đầu năm 2026",
                "Lớp tập huấn",
            ),
            (
                "Đánh giá mức độ chuyển đổi số của xã",
                "Phòng Văn hóa - Xã hội",
                "Các cơ quan, đơn vị",
                "Hằng năm",
                "Báo cáo đánh giá",
            ),
        ),
    ),
    (
        "III",
        "Kinh tế số và xã hội số",
        (
            (
                "Hướng dẫn hộ kinh doanh mở tài khoản thanh toán không dùng tiền mặt",
                "Phòng Kinh tế",
                "Đoàn Thanh niên xã",
                "Từ tháng 8/2025 đến tháng 12/2025",
                "",
            ),
            (
                "Đưa sản phẩm OCOP của xã lên sàn thương mại điện tử",
                "Phòng Kinh tế",
                "Hợp tác xã nông nghiệp Minh Tân",
                "Năm 2026",
                "Gian hàng trực tuyến",
            ),
            (
                "Tổ chức phong trào Bình dân học vụ số tại các thôn",
                "Phòng Văn hóa - Xã hội",
                "Ủy ban MTTQ Việt Nam xã; Các thôn",
                "Trong năm 2025",
                "",
            ),
            (
                "Xây dựng mô hình tưới tiết kiệm điều khiển bằng điện thoại",
                "Phòng Kinh tế",
                "Hợp tác xã nông nghiệp Minh Tân",
                "Giai đoạn 2026 - 2027",
                "Mô hình trình diễn",
            ),
            (
                "Phát triển Tổ công nghệ số cộng đồng tại 100% thôn",
                "Phòng Văn hóa - Xã hội",
                "Ủy ban MTTQ Việt Nam xã",
                "Trước tháng 10/2025",
                "",
            ),
        ),
    ),
)


def _font(document: Document) -> None:
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")


def _page_number_footer(document: Document) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        else:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)


def _repeat_header(row) -> None:  # noqa: ANN001 - python-docx row
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _bold(paragraph, text: str) -> None:  # noqa: ANN001
    paragraph.add_run(text).bold = True


def build_docx(path: Path = DOCX) -> Path:
    document = Document()
    _font(document)
    section = document.sections[0]
    section.left_margin = Cm(3)
    section.right_margin = Cm(2)
    _page_number_footer(document)

    for text in ("ỦY BAN NHÂN DÂN", "XÃ MINH TÂN"):
        p = document.add_paragraph()
        _bold(p, text)
    document.add_paragraph("Số: 45/KH-UBND")
    document.add_paragraph("Minh Tân, ngày 12 tháng 8 năm 2025")
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _bold(title, "KẾ HOẠCH")
    sub = document.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _bold(
        sub,
        "Chuyển đổi số và phát triển khoa học, công nghệ trên địa bàn xã Minh Tân năm 2025 - 2026",
    )
    document.add_paragraph(
        "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị; Ủy ban nhân dân xã "
        "Minh Tân ban hành Kế hoạch như sau:"
    )

    _bold(document.add_paragraph(), "I. MỤC ĐÍCH, YÊU CẦU")
    document.add_paragraph(
        "Đưa hoạt động của chính quyền xã lên môi trường số, phục vụ người dân tốt hơn.",
        style="List Bullet",
    )
    document.add_paragraph(
        "Phân công rõ đơn vị chủ trì, thời hạn, sản phẩm của từng nhiệm vụ.", style="List Bullet"
    )

    _bold(document.add_paragraph(), "II. MỤC TIÊU")
    document.add_paragraph("Các chỉ tiêu cụ thể như bảng sau:")
    table = document.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(
        table.rows[0].cells,
        ("TT", "Chỉ tiêu", "Đơn vị tính", "Năm 2025", "Năm 2030", "Cơ quan chủ trì"),
        strict=True,
    ):
        cell.text = text
    for label, group, rows in INDICATOR_GROUPS:
        cells = table.add_row().cells
        cells[0].text = label
        merged = cells[1].merge(cells[5])
        merged.text = group
        for number, (name, unit, t2025, t2030, lead) in enumerate(rows, start=1):
            cells = table.add_row().cells
            for cell, text in zip(
                cells, (str(number), name, unit, t2025, t2030, lead), strict=True
            ):
                cell.text = text

    _bold(document.add_paragraph(), "III. NHIỆM VỤ, GIẢI PHÁP")
    _bold(document.add_paragraph(), "1. Hoàn thiện thể chế, nâng cao nhận thức")
    document.add_paragraph(
        "1.1. Ban hành Quy chế quản lý, vận hành hệ thống thông tin của Ủy ban nhân dân xã."
    )
    document.add_paragraph("- Cơ quan chủ trì: Văn phòng HĐND và UBND xã.")
    document.add_paragraph("- Cơ quan phối hợp: Công an xã; Phòng Văn hóa - Xã hội.")
    document.add_paragraph("- Thời gian hoàn thành: Trong tháng 9/2025.")
    document.add_paragraph(
        "1.2. Tuyên truyền về chuyển đổi số trên hệ thống truyền thanh và mạng xã hội của xã. "
        "Mỗi tháng ít nhất hai tin, bài."
    )
    document.add_paragraph("- Cơ quan chủ trì: Trung tâm Văn hóa, Thể thao và Truyền thông.")
    document.add_paragraph("- Thời gian thực hiện: Thường xuyên.")
    _bold(document.add_paragraph(), "2. Phát triển hạ tầng số")
    document.add_paragraph("Trang bị lại thiết bị cho bộ phận tiếp nhận và trả kết quả:")
    document.add_paragraph("Thay 05 máy tính đã quá 8 năm sử dụng.", style="List Bullet")
    document.add_paragraph("Trang bị 02 máy quét tài liệu tốc độ cao.", style="List Bullet")
    document.add_paragraph("Lắp đặt màn hình tra cứu thủ tục hành chính.", style="List Bullet")
    _bold(
        document.add_paragraph(), "3. Các nhiệm vụ trọng tâm năm 2025 - 2026 (chi tiết tại Phụ lục)"
    )

    _bold(document.add_paragraph(), "IV. TỔ CHỨC THỰC HIỆN")
    document.add_paragraph(
        "1. Các đơn vị được giao chủ trì báo cáo kết quả thực hiện về Ủy ban nhân dân xã (qua "
        "Phòng Văn hóa - Xã hội) trước ngày 15 hằng tháng."
    )
    document.add_paragraph(
        "2. Phòng Văn hóa - Xã hội tổng hợp, báo cáo Ủy ban nhân dân xã và Sở Khoa học và Công "
        "nghệ trước ngày 18 hằng tháng; báo cáo sơ kết 6 tháng, tổng kết năm."
    )
    document.add_paragraph("Nơi nhận:")
    document.add_paragraph("- Như trên;")
    document.add_paragraph("- Lưu: VT, VHXH.")

    document.add_page_break()
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _bold(heading, "PHỤ LỤC")
    sub = document.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _bold(sub, "DANH MỤC NHIỆM VỤ TRỌNG TÂM NĂM 2025 - 2026")
    document.add_paragraph(
        "(Kèm theo Kế hoạch số 45/KH-UBND ngày 12/8/2025 của Ủy ban nhân dân xã Minh Tân)"
    )
    table = document.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    _repeat_header(table.rows[0])
    for cell, text in zip(
        table.rows[0].cells,
        ("STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn hoàn thành", "Sản phẩm"),
        strict=True,
    ):
        cell.text = text
    for label, group, rows in APPENDIX_GROUPS:
        cells = table.add_row().cells
        cells[0].text = label
        merged = cells[1].merge(cells[5])
        merged.text = group
        for number, values in enumerate(rows, start=1):
            cells = table.add_row().cells
            for cell, text in zip(cells, (str(number), *values), strict=True):
                cell.text = text
    # Enough rows for the table to run onto the next page (repeated header, page numbers).
    for _ in range(8):
        document.add_paragraph("")
    widths = (Cm(1.2), Cm(6), Cm(3.2), Cm(3.2), Cm(2.6), Cm(2.6))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    document.save(path)
    return path


def build_pdf(docx: Path = DOCX, pdf: Path = PDF) -> Path | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", folder, str(docx)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copy(Path(folder) / (docx.stem + ".pdf"), pdf)
    return pdf


if __name__ == "__main__":
    build_docx()
    made = build_pdf()
    print(DOCX, made or "(no LibreOffice: PDF not rebuilt)", file=sys.stderr)
