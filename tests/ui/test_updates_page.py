"""Completeness changes as units report; a locked period is read-only."""

from __future__ import annotations

from cycle_ui import make_ctx, unit_id
from PySide6.QtCore import Qt
from sqlalchemy import select

from models.enums import AuditAction, Progress
from models.schema import AuditEntry, Period
from ui.pages.updates import UpdatesPage

PERIOD = "2026-11"


def state_of(page: UpdatesPage, unit: int) -> str:
    idx = page.index_of_unit(unit)
    return page.model.index(idx.row(), page.model.column_of("state")).data()


def counts_of(page: UpdatesPage, unit: int) -> tuple[str, str]:
    row = page.index_of_unit(unit).row()
    m = page.model
    return m.index(row, m.column_of("tasks")).data(), m.index(row, m.column_of("indicators")).data()


def make_page(demo_db, qtbot, username="tonghop", period=PERIOD) -> UpdatesPage:
    page = UpdatesPage(make_ctx(demo_db, username, period))
    qtbot.addWidget(page)
    page.show()
    page.activate()
    return page


def test_completeness_changes_after_a_unit_submits(demo_db, qtbot, no_modal):
    page = make_page(demo_db, qtbot)
    vhxh = unit_id(demo_db, "VHXH")
    assert page.heading.text() == "Cập nhật kỳ báo cáo: Tháng 11/2026"
    assert state_of(page, vhxh) == "Chưa nộp"
    before = page.summary.text()
    assert before.startswith("Đã nộp 3/9 đơn vị")
    tasks_before, _ = counts_of(page, vhxh)
    assert tasks_before.startswith("0/")

    # Given the officer opens the unit's form from its row
    page.select_unit(vhxh)
    page.open_button.click()
    form = page.open_forms[-1]
    assert form.form is not None and form.form.unit_name == "Phòng Văn hóa - Xã hội"
    # When two tasks are updated and the form is saved and submitted
    tm = form.tasks_model
    for row in (0, 1):
        tm.setData(tm.index(row, tm.column_of("progress")), Progress.IN_PROGRESS)
        tm.setData(tm.index(row, tm.column_of("percent")), "50")
    form.submit_button.click()  # asks "still submit?" (not all rows filled): yes
    assert any("Vẫn lưu và nộp" in text for kind, text in no_modal if kind == "confirm")
    qtbot.waitUntil(lambda: not form.saving)
    # Then the page shows the unit as submitted on time with 2 tasks updated
    assert state_of(page, vhxh) == "Đúng hạn"
    assert counts_of(page, vhxh)[0].startswith("2/")
    assert page.summary.text().startswith("Đã nộp 4/9 đơn vị")
    row = page.index_of_unit(vhxh).row()
    assert page.model.index(row, page.model.column_of("submitted")).data() != ""


def test_lock_makes_the_form_read_only_and_save_is_refused(demo_db, qtbot, no_modal):
    page = make_page(demo_db, qtbot)
    assert page.lock_button.isEnabled() and not page.unlock_button.isEnabled()
    assert page.lock() is True
    confirm = next(text for kind, text in no_modal if kind == "confirm")
    assert "Chốt số liệu kỳ Tháng 11/2026?" in confirm and "chưa nộp báo cáo" in confirm
    assert page.banner.isVisible() and "đã chốt số liệu" in page.banner.text()
    assert not page.lock_button.isEnabled() and page.unlock_button.isEnabled()
    with demo_db.session() as s:
        assert s.scalar(select(Period.locked).where(Period.code == PERIOD))
        entry = s.scalars(select(AuditEntry).where(
            AuditEntry.action == AuditAction.LOCK_PERIOD)).one()
    assert entry.username == "tonghop"

    vhxh = unit_id(demo_db, "VHXH")
    form = page.open_form(vhxh)
    assert form.read_only
    assert "đã chốt số liệu" in form.banner.text()
    assert not form.save_button.isEnabled() and not form.submit_button.isEnabled()
    tm = form.tasks_model
    index = tm.index(0, tm.column_of("progress"))
    assert not tm.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert tm.setData(index, Progress.COMPLETED) is False
    assert form.save() is False
    assert form.message.text() == "Biểu mẫu chỉ để xem; không lưu được."
    form.close()

    # A form opened before the lock is refused by the service on save.
    assert page.unlock() is True
    form = page.open_form(vhxh)
    assert not form.read_only
    tm = form.tasks_model
    tm.setData(tm.index(0, tm.column_of("progress")), Progress.IN_PROGRESS)
    assert page.lock() is True
    form.save()
    qtbot.waitUntil(lambda: not form.saving)
    assert any("đã chốt số liệu" in text for kind, text in no_modal if kind == "warn")
    assert form.read_only and not form.save_button.isEnabled()
    with demo_db.session() as s:
        actions = [e.action for e in s.scalars(select(AuditEntry).where(AuditEntry.action.in_(
            [AuditAction.LOCK_PERIOD, AuditAction.UNLOCK_PERIOD])).order_by(AuditEntry.id))]
    assert actions == [AuditAction.LOCK_PERIOD, AuditAction.UNLOCK_PERIOD, AuditAction.LOCK_PERIOD]


def test_unit_staff_cannot_lock(demo_db, qtbot, no_modal):
    page = make_page(demo_db, qtbot, username="vhxh")
    assert not page.lock_button.isEnabled()
    assert page.lock() is False
    assert page.my_button.isVisible()
    # Their own unit's row opens for editing, other units for viewing only.
    col = page.model.column_of("action")
    own = page.table.indexWidget(page.model.index(page.index_of_unit(
        unit_id(demo_db, "VHXH")).row(), col))
    other = page.table.indexWidget(page.model.index(page.index_of_unit(
        unit_id(demo_db, "KT")).row(), col))
    assert own.text() == "Mở biểu mẫu" and other.text() == "Xem biểu mẫu"


def test_past_locked_period_shows_late_units(demo_db, qtbot, no_modal):
    page = make_page(demo_db, qtbot, period="2026-09")
    states = [page.model.index(r, page.model.column_of("state")).data()
              for r in range(page.model.rowCount())]
    assert any(s.startswith("Trễ hạn (") for s in states)
    assert page.banner.isVisible()
