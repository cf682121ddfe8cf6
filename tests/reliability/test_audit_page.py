"""Nhật ký: every change is there with who/when/old/new, filters, lazy loading,
readable details, Excel export, nothing editable."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from sqlalchemy import select

from models.audit import Actor, log_event
from models.enums import AuditAction
from models.schema import AuditEntry
from models.services import audit_log as svc
from models.services import updates
from tests.reliability.conftest import make_ctx
from tests.reliability.helpers import actor_of, form_with_change, save_form

PERIOD = "2026-10"


@pytest.fixture
def logged(demo_db):
    """The demo commune after a save by unit staff and a lock by the officer."""
    form = form_with_change(demo_db, unit_code="VHXH", period_code=PERIOD,
                            result="Đã tổ chức hội nghị chuyển đổi số")
    save_form(demo_db, form, username="vhxh")
    with demo_db.transaction(actor=actor_of(demo_db, "tonghop")) as s:
        from models.schema import User

        updates.lock_period(s, PERIOD, user=s.scalar(select(User).filter_by(username="tonghop")))
    return demo_db


def test_save_is_logged_with_who_when_old_and_new(logged):
    with logged.session() as s:
        rows = svc.fetch_entries(s, svc.AuditFilter(username="vhxh", entity="task_update"))
        assert rows, "the unit's save is in the log"
        row = rows[0]
        assert row.action in (AuditAction.CREATE, AuditAction.UPDATE)
        assert abs(row.at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
        from ui.texts import audit as T

        fields = {f.label: f for f in svc.changes(s, row, field_labels=T.FIELD_LABELS)}
    assert fields["Kết quả thực hiện"].after == "Đã tổ chức hội nghị chuyển đổi số"
    assert fields["Kết quả thực hiện"].changed


def test_changes_name_records_and_values_in_vietnamese(logged):
    from models.schema import Period, Task
    from ui.texts import audit as T

    with logged.session() as s:
        period = s.scalar(select(Period).where(Period.code == PERIOD))
        task = s.scalars(select(Task).where(Task.is_group.is_(False))).first()
        row = svc.AuditRow(
            id=1, at=dt.datetime.now(dt.UTC), username="vhxh", action=AuditAction.UPDATE,
            entity="task_update", entity_uuid=None, summary="",
            before={"progress": "not_started", "percent": None, "completed_on": None,
                    "period_id": period.id},
            after={"progress": "completed", "percent": 85.5, "completed_on": "2026-10-31",
                   "period_id": period.id, "task_id": task.id},
        )
        fields = {f.label: f for f in svc.changes(s, row, field_labels=T.FIELD_LABELS)}
    assert (fields["Tình trạng"].before, fields["Tình trạng"].after) == (
        "Chưa triển khai", "Đã hoàn thành")
    assert (fields["% hoàn thành"].before, fields["% hoàn thành"].after) == ("(trống)", "85,5")
    assert fields["Ngày hoàn thành"].after == "31/10/2026"
    assert fields["Kỳ báo cáo"].after == PERIOD and not fields["Kỳ báo cáo"].changed
    assert fields["Nhiệm vụ"].after == f"{task.code} {task.title}"


def test_filters_user_action_entity_dates_and_accentless_text(logged):
    with logged.session() as s:
        locks = svc.fetch_entries(s, svc.AuditFilter(action=AuditAction.LOCK_PERIOD))
        assert [r.username for r in locks] == ["tonghop"]
        # "chot so lieu" without accents finds the lock line by its Vietnamese name
        found = svc.fetch_entries(s, svc.AuditFilter(text="chot so lieu"))
        assert any(r.action is AuditAction.LOCK_PERIOD for r in found)
        # text inside the changed values, typed without accents
        found = svc.fetch_entries(s, svc.AuditFilter(text="hoi nghi chuyen doi"))
        assert found and all(r.username == "vhxh" for r in found)
        today = dt.date.today()
        assert svc.count_entries(s, svc.AuditFilter(date_from=today, date_to=today)) >= 2
        assert svc.count_entries(
            s, svc.AuditFilter(date_to=today - dt.timedelta(days=400))
        ) == 0
        assert svc.count_entries(s, svc.AuditFilter(text="100%_\\")) == 0  # wildcards literal


def test_lazy_loading_reads_pages_not_the_whole_log(demo_db):
    with demo_db.transaction(actor=Actor(None, "hệ thống")) as s:
        for i in range(1000):
            log_event(s, AuditAction.EXPORT, summary=f"Xuất thử {i}", entity="bundle")
    from ui.pages.audit import AuditTableModel

    calls: list[int | None] = []

    def loader(before):
        calls.append(before)
        with demo_db.session() as s:
            return svc.fetch_entries(s, svc.AuditFilter(entity="bundle"), before_id=before)

    model = AuditTableModel(loader)
    model.reset()
    assert model.rowCount() == svc.PAGE_SIZE and len(calls) == 1
    assert model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 1000
    ids = [r.id for r in model.rows]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 1000
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable == Qt.ItemFlag(0)


def test_audit_page_shows_filters_details_and_exports(logged, qt_sync, qtbot, no_modal, tmp_path):
    from ui.pages.audit import AuditPage

    ctx = make_ctx(logged, "lanhdao")  # leaders read the log
    page = AuditPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    page.activate()
    assert page.model.rowCount() > 0
    assert "dòng" in page.count_label.text()
    # Filter on the unit staff's saves
    page.user_combo.setCurrentIndex(page.user_combo.findData("vhxh"))
    page.entity_combo.setCurrentIndex(page.entity_combo.findData("task_update"))
    assert page.model.rowCount() >= 1
    assert all(r.username == "vhxh" for r in page.model.rows)
    page.table.selectRow(0)
    html_text = page.detail.toPlainText()
    assert "Kết quả thực hiện" in html_text and "Đã tổ chức hội nghị chuyển đổi số" in html_text
    assert "Trước" in html_text or "Sau" in html_text
    if os.environ.get("NQ57_SCREENSHOTS"):
        page.grab().save(str(Path(os.environ["NQ57_SCREENSHOTS"]) / "audit-page.png"))
    # Nothing on the page edits the log
    assert page.table.editTriggers() == page.table.EditTrigger.NoEditTriggers

    out = tmp_path / "nhat-ky.xlsx"
    with logged.session() as s:
        before = s.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))
    page.export_to(out)
    assert any(kind == "info" and "Đã xuất" in text for kind, text in no_modal)
    ws = load_workbook(out).active
    values = [[c.value for c in r] for r in ws.iter_rows()]
    assert values[0][0] == "NHẬT KÝ THAY ĐỔI DỮ LIỆU"
    header = values[4]
    assert header[:6] == ["Thời điểm", "Người thực hiện", "Thao tác", "Đối tượng", "Nội dung",
                          "Chi tiết thay đổi"]
    body = values[5:]
    assert body and all(r[1] == "vhxh" for r in body)
    lines = [line for r in body for line in (r[5] or "").splitlines()]
    assert any(
        line.startswith("Kết quả thực hiện: ") and line.endswith("→ Đã tổ chức hội nghị chuyển đổi số")
        for line in lines
    )
    # The export itself is recorded
    with logged.session() as s:
        last = s.scalars(select(AuditEntry).where(AuditEntry.id > before)).all()
        assert [(e.action, e.username) for e in last] == [(AuditAction.EXPORT, "lanhdao")]


def test_unit_staff_cannot_see_the_log(logged, qt_sync, qtbot):
    from ui.pages.audit import AuditPage

    page = AuditPage(make_ctx(logged, "vhxh"))
    qtbot.addWidget(page)
    page.activate()
    assert not page.allowed and page.model.rowCount() == 0
    assert not hasattr(page, "export_button")
