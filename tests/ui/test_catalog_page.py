"""Danh mục and Cài đặt pages on the demo commune, through their widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from models.enums import AuditAction, Role
from models.schema import AuditEntry, Setting, Unit, User
from tests.ui.helpers import type_text
from tests.ui.screenshots import save_screenshot
from tests.ui.test_main_window import make_ctx
from ui.pages import catalog as catalog_page
from ui.pages.catalog import CatalogPage, UnitDialog, UserDialog
from ui.pages.settings import SettingsPage


def _select(tab, text: str) -> None:  # noqa: ANN001
    tab.search.setText(text)
    tab.search.flush()
    assert tab.proxy.rowCount() >= 1, text
    tab.view.setCurrentIndex(tab.proxy.index(0, 0))


def test_units_add_edit_and_refuse_delete(qtbot, demo_db, monkeypatch, no_modal) -> None:  # noqa: ANN001
    ctx = make_ctx(demo_db)
    page = CatalogPage(ctx)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    page.tabs.setCurrentWidget(page.units_tab)
    tab = page.units_tab
    before = tab.model.rowCount()
    assert before >= 10
    save_screenshot(page, "danh-muc-don-vi")

    # Add a unit through its dialog; a duplicate code is refused in place.
    def fill_and_save(dialog: QDialog) -> int:
        assert isinstance(dialog, UnitDialog)
        type_text(dialog.code, "vhxh")
        type_text(dialog.name, "Phòng Tư pháp")
        dialog.save()
        assert dialog.isVisible() is False or dialog.result() == 0
        assert 'Mã đơn vị "VHXH" đã có' in dialog.error.text()
        dialog.code.setText("TP")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(UnitDialog, "exec", fill_and_save)
    tab.add()
    assert tab.model.rowCount() == before + 1
    assert any(u.code == "TP" for u in tab.model.records)

    # Search is accent-insensitive.
    _select(tab, "tu phap")
    assert tab.proxy.rowCount() == 1
    assert tab.selected().code == "TP"

    # An unused unit can be deleted (confirm answers yes) and is logged.
    tab.delete()
    assert not any(u.code == "TP" for u in tab.model.records)
    with demo_db.session() as s:
        entry = s.scalar(
            select(AuditEntry).where(
                AuditEntry.action == AuditAction.DELETE, AuditEntry.entity == "unit"
            )
        )
        assert entry is not None and entry.username == "admin"

    # A unit that leads tasks is not deleted; the user is offered to deactivate it.
    _select(tab, "van hoa - xa hoi")
    tab.delete()
    kind, text = no_modal[-1]
    assert kind == "confirm" and "nhiệm vụ" in text and "Ngừng sử dụng" in text
    with demo_db.session() as s:
        unit = s.scalar(select(Unit).where(Unit.code == "VHXH"))
        assert unit is not None and unit.active is False  # confirm said yes: deactivated
    tab.search.setText("")
    tab.search.flush()
    assert tab.toggle_button.text() in ("Dùng lại", "Ngừng sử dụng")


def test_accounts_tab_for_admin_only(qtbot, demo_db, monkeypatch, no_modal) -> None:  # noqa: ANN001
    officer = CatalogPage(make_ctx(demo_db, "tonghop"))
    qtbot.addWidget(officer)
    assert officer.users_tab is None
    leader = CatalogPage(make_ctx(demo_db, "lanhdao"))
    qtbot.addWidget(leader)
    assert not leader.units_tab.editable and leader.commune_tab.line1.isReadOnly()

    page = CatalogPage(make_ctx(demo_db, "admin"))
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    page.tabs.setCurrentWidget(page.users_tab)
    tab = page.users_tab
    names = {u.username for u in tab.model.records}
    assert {"admin", "tonghop", "lanhdao", "vhxh"} <= names
    save_screenshot(page, "danh-muc-tai-khoan")

    def add_user(dialog: QDialog) -> int:
        assert isinstance(dialog, UserDialog)
        type_text(dialog.username, "kinhte")
        type_text(dialog.full_name, "Phạm Văn Kinh")
        dialog.role.setCurrentIndex(dialog.role.findData(Role.UNIT_STAFF.value))
        type_text(dialog.password, "kinhte123")
        type_text(dialog.repeat, "kinhte12")
        dialog.save()
        assert "không giống nhau" in dialog.error.text()
        assert dialog.password.text() == ""
        type_text(dialog.password, "kinhte123")
        type_text(dialog.repeat, "kinhte123")
        dialog.save()
        assert "gắn với một đơn vị" in dialog.error.text()  # unit staff need a unit
        dialog.unit.setCurrentIndex(2)
        dialog.save()
        assert not dialog.error.has_message(), dialog.error.text()
        return dialog.result()

    monkeypatch.setattr(UserDialog, "exec", add_user)
    tab.add()
    with demo_db.session() as s:
        user = s.scalar(select(User).where(User.username == "kinhte"))
        assert user is not None and user.role is Role.UNIT_STAFF and user.unit_id is not None

    # The signed-in administrator cannot lock themself.
    _select(tab, "admin")
    assert tab.selected().username == "admin"
    tab.toggle_active()
    assert no_modal[-1] == ("warn", "Không thể tự khóa tài khoản đang đăng nhập.")


def test_commune_info_validates_in_place(qtbot, demo_db) -> None:  # noqa: ANN001
    ctx = make_ctx(demo_db)
    page = CatalogPage(ctx)
    qtbot.addWidget(page)
    page.show()
    tab = page.commune_tab
    assert tab.official_name.text() == "Xã Thượng Hồng"
    tab.symbol.setText("BC UBND")
    assert not tab.save()
    assert "Ký hiệu báo cáo" in tab.error.text()
    tab.symbol.setText("BC-UBND")
    tab.unit_day.setValue(20)  # after the commune's own deadline (18): refused
    assert not tab.save()
    assert "phải sau hạn" in tab.error.text()
    tab.unit_day.setValue(12)
    assert tab.save()
    assert ctx.commune.unit_deadline_day == 12
    save_screenshot(page, "danh-muc-thong-tin-xa")


def test_leaving_with_unsaved_commune_info_asks(qtbot, demo_db, messages) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QMessageBox

    page = CatalogPage(make_ctx(demo_db))
    qtbot.addWidget(page)
    page.show()
    page.commune_tab.place.setText("Nơi khác")
    messages.answer = QMessageBox.StandardButton.Cancel
    assert page.can_leave() is False
    assert "chưa lưu" in messages.texts[-1]
    messages.answer = QMessageBox.StandardButton.Discard
    assert page.can_leave() is True
    assert page.commune_tab.place.text() == "Thượng Hồng"


def test_settings_page(qtbot, demo_db, tmp_path) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QApplication

    ctx = make_ctx(demo_db)
    changes: list[str] = []
    ctx.data_changed.connect(changes.append)
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    save_screenshot(page, "cai-dat")
    page.idle.setValue(30)
    page.backup_dir.setText(str(tmp_path / "sao-luu"))
    assert page.dirty
    assert page.save()
    assert "settings" in changes
    with demo_db.session() as s:
        assert s.get(Setting, "idle_lock_minutes").value == 30
        assert s.get(Setting, "backup_dir").value == str((tmp_path / "sao-luu").resolve())
    # A folder that cannot be used is refused in place.
    blocker = tmp_path / "tep.txt"
    blocker.write_text("x")
    page.backup_dir.setText(str(blocker))
    assert not page.save()
    assert "không dùng được" in page.error.text()
    # Font size applies at once and is remembered on this computer.
    page.font_size.setValue(14)
    assert QApplication.font().pointSize() == 14
    from ui.app import font_size_pt

    assert font_size_pt() == 14
    page.font_size.setValue(11)


def test_unit_staff_cannot_change_settings(qtbot, demo_db) -> None:  # noqa: ANN001
    page = SettingsPage(make_ctx(demo_db, "vhxh"))
    qtbot.addWidget(page)
    assert not page.idle.isEnabled() and not page.save_button.isVisible()
    assert page.font_size.isEnabled()
    assert page.save() is False


def test_signer_dialog_preview(qtbot, demo_db) -> None:  # noqa: ANN001
    dialog = catalog_page.SignerDialog(make_ctx(demo_db), None, None)
    qtbot.addWidget(dialog)
    type_text(dialog.full_name, "Nguyễn Văn An")
    preview = dialog.preview.text()
    assert "TM. ỦY BAN NHÂN DÂN" in preview and "KT. CHỦ TỊCH" in preview
    assert "PHÓ CHỦ TỊCH" in preview and "Nguyễn Văn An" in preview
    dialog.authority.setCurrentIndex(0)  # TM.
    assert not dialog.on_behalf.isEnabled()
    assert Qt.AlignmentFlag.AlignCenter & dialog.preview.alignment()
