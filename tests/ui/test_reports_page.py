"""The Báo cáo page: edit a section, preview the PDF inside the program,
issue the report and find number 01 in the register."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from sqlalchemy import select

from models.enums import DocumentStatus
from models.schema import DocumentFile, IssuedDocument, User

PERIOD = "2026-10"


def make_ctx(db: Any, username: str, period_code: str) -> Any:
    """An ``AppContext`` signed in as ``username``."""
    from ui.context import AppContext, load_commune, load_user

    with db.session() as s:
        user_id = s.scalar(select(User.id).where(User.username == username))
        user = load_user(s, user_id)
        commune = load_commune(s)
    return AppContext(db, user, commune=commune, period_code=period_code)


@pytest.fixture(autouse=True)
def _synchronous_worker(qapp: Any) -> Any:
    from ui import worker

    worker.set_synchronous(True)
    yield
    worker.set_synchronous(False)
    assert worker.wait_for_all(10)


@pytest.fixture
def no_modal(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Record message boxes instead of showing them (they would block)."""
    from ui import dialogs

    shown: list[tuple[str, str]] = []
    for kind in ("info", "warn", "error"):
        monkeypatch.setattr(
            dialogs, kind, lambda _p, text, _k=kind, **_kw: shown.append((_k, text))
        )
    monkeypatch.setattr(
        dialogs, "confirm", lambda _p, _title, text, **_k: shown.append(("confirm", text)) or True
    )
    return shown


@pytest.fixture
def page(qtbot: Any, demo_db: Any, no_modal: list[tuple[str, str]]) -> Any:
    from ui.pages.reports import ReportsPage

    ctx = make_ctx(demo_db, "tonghop", PERIOD)
    widget = ReportsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    widget.activate()
    qtbot.waitUntil(lambda: widget.loaded is not None, timeout=10_000)
    return widget


def test_preview_issue_and_register(
    page: Any, qtbot: Any, demo_db: Any, no_modal: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    # Given the report of October 2026, pre-filled
    assert page.period_code == PERIOD
    assert page.section_list.count() == 8
    assert "Tổng số" in page.loaded.sections["II"]
    # When the officer rewrites section VI and previews
    page.set_section_text("VI", "- Đề nghị Sở Khoa học và Công nghệ hỗ trợ 02 máy chủ.")
    assert page.dirty and "(đã sửa)" in page.section_list.item(6).text()
    page.generate_preview()
    qtbot.waitUntil(lambda: page.pdf_document.pageCount() > 0, timeout=20_000)
    # Then the PDF is shown inside the program, as a draft with a blank number
    assert page.preview_path is not None and page.preview_path.suffix == ".pdf"
    with pdfplumber.open(str(page.preview_path)) as pdf:
        first = pdf.pages[0].extract_text()
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    assert "/BC-UBND" in first and "Số: 0" not in first
    assert "Đề nghị Sở Khoa học và Công nghệ hỗ trợ 02 máy chủ." in text
    assert page.print_button.isEnabled()
    # When it is issued on 5 November 2026
    monkeypatch.setattr(page, "ask_issue_date", lambda: dt.date(2026, 11, 5))
    page.issue()
    qtbot.waitUntil(
        lambda: any(r.number == "01/BC-UBND" for r in page.register_model.records), timeout=20_000
    )
    # Then number 01 is in the register, its files recorded, the edit kept
    row = next(r for r in page.register_model.records if r.number == "01/BC-UBND")
    assert row.status is DocumentStatus.ISSUED and row.issued_on == dt.date(2026, 11, 5)
    assert sorted(row.files) == ["docx", "pdf", "xlsx"]
    assert page.read_only and not page.issue_button.isEnabled()
    assert page.preview_path == Path(row.files["pdf"])
    with pdfplumber.open(row.files["pdf"]) as pdf:
        assert "Số: 01/BC-UBND" in pdf.pages[0].extract_text()
    assert any(kind == "info" and "01/BC-UBND" in text for kind, text in no_modal)
    with demo_db.session() as s:
        doc = s.scalar(select(IssuedDocument).where(IssuedDocument.number == 1))
        assert doc.narrative == {"VI": "- Đề nghị Sở Khoa học và Công nghệ hỗ trợ 02 máy chủ."}
        assert s.scalar(select(DocumentFile).where(DocumentFile.document_id == doc.id)) is not None


def test_save_reopen_and_cancel(page: Any, qtbot: Any, demo_db: Any, monkeypatch: Any) -> None:
    # A saved draft comes back with its edit when the page is reloaded.
    page.set_section_text("IV", "a) Về kinh phí\n- Chưa được cấp kinh phí.")
    page.save()
    qtbot.waitUntil(lambda: page.doc_id is not None and not page.dirty, timeout=10_000)
    page.doc_id = None
    page.reload()
    qtbot.waitUntil(
        lambda: page.loaded is not None and page.loaded.doc_id is not None, timeout=10_000
    )
    assert page.loaded.overrides == {"IV": "a) Về kinh phí\n- Chưa được cấp kinh phí."}
    assert "(đã sửa)" in page.section_list.item(4).text()
    # Issue, then cancel: the number stays with the cancelled document.
    monkeypatch.setattr(page, "ask_issue_date", lambda: dt.date(2026, 11, 6))
    page.issue()
    qtbot.waitUntil(lambda: page.read_only, timeout=20_000)
    page.select_register_row(page.doc_id)
    monkeypatch.setattr(page, "ask_cancel_reason", lambda _n: "Số liệu chưa chính xác")
    page.cancel_selected()
    qtbot.waitUntil(
        lambda: any(r.status is DocumentStatus.CANCELLED for r in page.register_model.records),
        timeout=10_000,
    )
    row = next(r for r in page.register_model.records if r.status is DocumentStatus.CANCELLED)
    assert row.number == "01/BC-UBND" and "Số liệu chưa chính xác" in row.note


def test_quarter_kind_lists_quarters(page: Any, qtbot: Any) -> None:
    index = page.kind_combo.findData(page.kind_combo.itemData(1))
    page.kind_combo.setCurrentIndex(index)
    qtbot.waitUntil(
        lambda: page.loaded is not None and page.loaded.period_code == "2026-Q4", timeout=10_000
    )
    labels = [page.period_combo.itemText(i) for i in range(page.period_combo.count())]
    assert "Quý IV/2026" in labels and "Quý III/2026" in labels
    assert "quý IV năm 2026" in page.summary_edit.placeholderText()


def test_leader_reads_but_cannot_issue(qtbot: Any, demo_db: Any, no_modal: Any) -> None:
    from ui.pages.reports import ReportsPage

    ctx = make_ctx(demo_db, "lanhdao", PERIOD)
    widget = ReportsPage(ctx)
    qtbot.addWidget(widget)
    widget.activate()
    qtbot.waitUntil(lambda: widget.loaded is not None, timeout=10_000)
    assert not widget.issue_button.isEnabled() and not widget.save_button.isEnabled()
    assert widget.editor.isReadOnly()
    assert widget.preview_button.isEnabled()


def test_printing_sends_every_page(page: Any, qtbot: Any, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from ui.pages.reports import print_pdf

    page.generate_preview()
    qtbot.waitUntil(lambda: page.pdf_document.pageCount() > 0, timeout=20_000)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    sent = print_pdf(page.pdf_document, printer)
    assert sent == page.pdf_document.pageCount()
    with pdfplumber.open(str(tmp_path / "printed.pdf")) as printed:
        assert len(printed.pages) == sent
    printer.setFromTo(2, 3)  # a page range chosen in the dialog
    printer.setOutputFileName(str(tmp_path / "range.pdf"))
    assert print_pdf(page.pdf_document, printer) == 2
