"""The province's consolidated report and Excel tables carry the communes' numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from openpyxl import load_workbook

from models.audit import Actor
from models.bundle.import_ import import_bundles
from models.bundle.scope import Scope
from models.db import Database
from models.enums import TaskStatus
from reports.consolidated import (
    Issuer,
    build_consolidated,
    load_issuer,
    save_issuer,
    write_detail_xlsx,
)
from reports.docx import render_docx
from reports.pdf import render_pdf
from reports.xlsx import render_xlsx

PERIOD = "2026-10"
AS_OF = dt.date(2026, 11, 21)


@pytest.fixture
def province(db: Database, e2e_exports: list[Any]) -> Database:
    # The report reads the consolidation service, tested on both engines in
    # test_consolidation.py; here SQLite is enough.
    import_bundles(db, [e.bundle for e in e2e_exports], scope=Scope(31), actor=Actor.system())
    return db


def _pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_report_header_and_numbers(province: Database, e2e_exports: list[Any], tmp_path: Path) -> None:
    with province.session() as s:
        doc, data = build_consolidated(s, period_code=PERIOD, scope=Scope(31), as_of=AS_OF)
    pdf = render_pdf(doc, tmp_path / "tong-hop.pdf")
    text = _pdf_text(pdf)
    # Header of a province department under the city's committee.
    assert doc.header.superior_line == "UBND THÀNH PHỐ HẢI PHÒNG"
    assert doc.header.agency_lines == ["SỞ KHOA HỌC VÀ CÔNG NGHỆ"]
    assert "/BC-SKHCN" in text and "Hải Phòng, ngày" in text
    assert "Kính gửi: Ủy ban nhân dân thành phố Hải Phòng" in text
    # The body states what the province sees.
    assert "có 3/114 xã, phường, đặc khu đã gửi số liệu tháng 10 năm 2026" in " ".join(text.split())
    total = sum(sum(e.status_counts.values()) for e in e2e_exports)
    done = sum(e.status_counts["done_on_time"] + e.status_counts["done_late"] for e in e2e_exports)
    assert f"Tổng số nhiệm vụ các đơn vị theo dõi trong kỳ là {total}" in " ".join(text.split())
    assert f"đã hoàn thành {done} nhiệm vụ" in " ".join(text.split())
    assert "Phụ lục I" in text and "Phụ lục II" in text and "Phụ lục III" in text
    assert data.summary.submitted == 3


def test_excel_tables_hold_the_same_totals(province: Database, e2e_exports: list[Any], tmp_path: Path) -> None:
    with province.session() as s:
        doc, _ = build_consolidated(s, period_code=PERIOD, scope=Scope(31), as_of=AS_OF)
        detail = write_detail_xlsx(s, period_code=PERIOD, scope=Scope(31), path=tmp_path / "chi-tiet.xlsx")
    xlsx = render_xlsx(doc, tmp_path / "tong-hop.xlsx")
    render_docx(doc, tmp_path / "tong-hop.docx")
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["Gửi số liệu", "Nhiệm vụ", "Chỉ tiêu"]
    ws = wb["Nhiệm vụ"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    total_row = next(r for r in rows if "Tổng cộng" in r)
    expected_total = sum(sum(e.status_counts.values()) for e in e2e_exports)
    assert expected_total in total_row
    names = {e.name for e in e2e_exports}
    assert names <= {c for r in rows for c in r if isinstance(c, str)}

    d = load_workbook(detail, read_only=True)
    ind_rows = list(d["Chỉ tiêu theo đơn vị"].iter_rows(values_only=True))
    task_rows = list(d["Nhiệm vụ theo đơn vị"].iter_rows(values_only=True))
    assert len(ind_rows) - 1 == sum(len(e.indicators) for e in e2e_exports)
    assert len(task_rows) - 1 == expected_total
    # One commune's I.1 as it gave it.
    first = e2e_exports[0]
    row = next(r for r in ind_rows[1:] if r[1] == first.code and r[3] == "I.1")
    assert row[6] == first.indicators["I.1"]["value"]
    overdue = [r for r in task_rows[1:] if r[1] == first.code and r[6] == "Đang thực hiện quá hạn"]
    assert len(overdue) == first.status_counts[TaskStatus.IN_PROGRESS_OVERDUE.value]


def test_issuer_is_configurable_and_kept(province: Database, tmp_path: Path) -> None:
    issuer = Issuer.default_for(Scope(31))
    issuer.title_lines = ["PHÓ GIÁM ĐỐC"]
    issuer.authority_lines = ["KT. GIÁM ĐỐC"]
    issuer.signer_name = "Nguyễn Văn An"
    issuer.symbol = "BC-KHCN"
    with province.transaction() as s:
        save_issuer(s, issuer)
    with province.session() as s:
        loaded = load_issuer(s, Scope(31))
        doc, _ = build_consolidated(s, period_code=PERIOD, scope=Scope(31), number=7, issued_on=AS_OF)
    assert loaded == issuer
    text = _pdf_text(render_pdf(doc, tmp_path / "r.pdf"))
    assert "Số: 07/BC-KHCN" in text
    assert "KT. GIÁM ĐỐC" in text and "Nguyễn Văn An" in text
    assert "Hải Phòng, ngày 21 tháng 11 năm 2026" in text


def test_national_report_has_a_row_per_province(db: Database, e2e_exports: list[Any], tmp_path: Path) -> None:
    import_bundles(db, [e.bundle for e in e2e_exports], scope=Scope(None), actor=Actor.system())
    with db.session() as s:
        doc, data = build_consolidated(s, period_code=PERIOD, scope=Scope(None), as_of=AS_OF)
    assert doc.header.agency_lines == ["BỘ KHOA HỌC VÀ CÔNG NGHỆ"]
    assert len(doc.appendices[0].table.rows) == 34 + 1  # provinces and the total
    text = " ".join(_pdf_text(render_pdf(doc, tmp_path / "tq.pdf")).split())
    assert "có 3/3.321 xã, phường, đặc khu đã gửi" in text
