"""The first-run wizard, driven through its real widgets like a user would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QWizard
from sqlalchemy import func, select

from models import auth
from models.enums import Role
from models.schema import Commune, Recipient, Signer, Unit, User
from tests.ui.helpers import type_text
from tests.ui.screenshots import save_screenshot
from ui.setup_wizard import SetupWizard

NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton


def _click(qtbot, wizard: SetupWizard, which: QWizard.WizardButton) -> None:  # noqa: ANN001
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), f"{which} not clickable"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _open_editor(view: QAbstractItemView) -> QLineEdit:
    editors = [w for w in view.viewport().findChildren(QLineEdit) if w.isVisible()]
    assert len(editors) == 1, "cell editor did not open"
    return editors[0]


def _type_in_cell(qtbot, view: QAbstractItemView, row: int, column: int, text: str) -> None:  # noqa: ANN001
    """Select a cell, type over it and press Enter (moves down a row)."""
    index = view.model().index(row, column)
    if view.currentIndex() != index or view.state() != QAbstractItemView.State.EditingState:
        view.setCurrentIndex(index)
        view.setFocus()
        view.edit(index)
    editor = _open_editor(view)
    editor.selectAll()
    type_text(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_own_commune_setup(qtbot, db) -> None:  # noqa: ANN001
    wizard = SetupWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    save_screenshot(wizard, "wizard-1-bat-dau")

    # Page 1: "set up my commune" is the default choice.
    assert wizard.intro.own.isChecked()
    _click(qtbot, wizard, NEXT)
    assert wizard.currentId() == SetupWizard.PAGE_COMMUNE
    page = wizard.commune_page
    assert not wizard.button(NEXT).isEnabled()  # nothing chosen yet

    # Page 2: search without accents, pick from the list.
    type_text(page.search, "thuong hong")
    page.search.flush()
    items = [page.results.item(i).text() for i in range(page.results.count())]
    assert any("Xã Thượng Hồng" in t and "Thành phố Hải Phòng" in t for t in items), items
    row = next(i for i, t in enumerate(items) if "Xã Thượng Hồng" in t)
    page.results.setCurrentRow(row)
    assert "Xã Thượng Hồng" in page.selected.text()
    assert wizard.button(NEXT).isEnabled()
    save_screenshot(wizard, "wizard-2-chon-xa")
    _click(qtbot, wizard, NEXT)

    # Page 3: header lines come from the official name; a blank place is refused.
    agency = wizard.agency_page
    assert agency.line1.text() == "ỦY BAN NHÂN DÂN"
    assert agency.line2.text() == "XÃ THƯỢNG HỒNG"
    assert agency.agency_name.text() == "Ủy ban nhân dân xã Thượng Hồng"
    assert "XÃ THƯỢNG HỒNG" in agency.preview.text()
    agency.place.clear()
    _click(qtbot, wizard, NEXT)
    assert wizard.currentId() == SetupWizard.PAGE_AGENCY
    assert "địa danh" in agency.error.text() and agency.error.isVisible()
    assert wizard.focusWidget() is agency.place
    type_text(agency.place, "Thượng Hồng")
    save_screenshot(wizard, "wizard-3-ten-co-quan")
    _click(qtbot, wizard, NEXT)

    # Page 4: the standard units are there; add one by typing in the table.
    units = wizard.units_page
    assert wizard.currentId() == SetupWizard.PAGE_UNITS
    assert units.model.rowCount() == 9
    assert units.drafting.currentData() == "VHXH"
    qtbot.mouseClick(units.add_button, Qt.MouseButton.LeftButton)
    new_row = units.model.rowCount() - 1
    _type_in_cell(qtbot, units.table, new_row, 0, "vp")  # duplicate of VP
    _type_in_cell(qtbot, units.table, new_row, 1, "Phòng Tư pháp")
    _click(qtbot, wizard, NEXT)
    assert wizard.currentId() == SetupWizard.PAGE_UNITS
    assert 'Dòng 10: Mã đơn vị "VP" đã có' in units.error.text()
    assert units.table.currentIndex().row() == new_row
    _type_in_cell(qtbot, units.table, new_row, 0, "TP")
    save_screenshot(wizard, "wizard-4-don-vi")
    _click(qtbot, wizard, NEXT)

    # Page 5: signer names must be typed; Enter moves down the column.
    signers = wizard.signers_page
    assert wizard.currentId() == SetupWizard.PAGE_SIGNERS
    _click(qtbot, wizard, NEXT)
    assert "Dòng 1: Chưa nhập họ và tên người ký" in signers.error.text()
    _type_in_cell(qtbot, signers.table, 0, 0, "Hà Thị Thúy")
    assert signers.table.currentIndex().row() == 1  # Enter went down
    editor = _open_editor(signers.table)  # and opened the next cell for typing
    type_text(editor, "Nguyễn Văn An")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    save_screenshot(wizard, "wizard-5-nguoi-ky")
    _click(qtbot, wizard, NEXT)

    # Page 6: recipients named after the province.
    recipients = wizard.recipients_page
    assert wizard.currentId() == SetupWizard.PAGE_RECIPIENTS
    names = [r["name"] for r in recipients.model.rows]
    assert names[0] == "Ủy ban nhân dân thành phố Hải Phòng"
    save_screenshot(wizard, "wizard-6-noi-nhan")
    _click(qtbot, wizard, NEXT)

    # Page 7: the administrator; mismatched passwords are refused in place.
    admin = wizard.admin_page
    assert wizard.currentId() == SetupWizard.PAGE_ADMIN
    admin.username.clear()
    type_text(admin.username, "quantri")
    type_text(admin.full_name, "Trần Văn Bình")
    type_text(admin.password, "matkhau1")
    type_text(admin.repeat, "matkhau2")
    _click(qtbot, wizard, FINISH)
    assert wizard.isVisible() and wizard.result() == 0
    assert admin.error.text() == "Hai lần nhập mật khẩu không giống nhau."
    assert admin.password.text() == "" and admin.repeat.text() == ""
    assert wizard.focusWidget() is admin.password
    save_screenshot(wizard, "wizard-7-quan-tri")
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Commune)) == 0  # nothing saved yet
    type_text(admin.password, "matkhau1")
    type_text(admin.repeat, "matkhau1")
    _click(qtbot, wizard, FINISH)

    # Then: the wizard closed and everything is in the database.
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.outcome == "own" and wizard.admin_username == "quantri"
    with db.session() as s:
        commune = s.scalar(select(Commune).where(Commune.is_local.is_(True)))
        assert commune is not None
        assert (commune.commune_code, commune.place_name) == (10993, "Thượng Hồng")
        codes = [u.code for u in s.scalars(select(Unit).order_by(Unit.sort_order))]
        assert codes[:3] == ["VP", "VHXH", "KT"] and codes[-1] == "TP"
        assert commune.drafting_unit_code == "VHXH"
        signer_names = [x.full_name for x in s.scalars(select(Signer).order_by(Signer.sort_order))]
        assert signer_names == ["Hà Thị Thúy", "Nguyễn Văn An"]
        assert s.scalar(select(func.count()).select_from(Recipient)) == 6
        user = s.scalar(select(User).where(User.username == "quantri"))
        assert user is not None and user.role is Role.ADMIN and user.full_name == "Trần Văn Bình"
        assert auth.verify_password("matkhau1", user.password_hash)


def test_search_narrows_by_province(qtbot, db) -> None:  # noqa: ANN001
    wizard = SetupWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    page = wizard.commune_page
    # Choosing a province lists its communes before anything is typed.
    position = page.province.findText("Tỉnh Cao Bằng")
    page.province.setCurrentIndex(position)
    assert page.results.count() > 20
    assert all("Cao Bằng" in page.results.item(i).text() for i in range(page.results.count()))
    type_text(page.search, "zzzz")
    page.search.flush()
    assert page.results.count() == 0 and "Không tìm thấy" in page.count.text()


def test_demo_commune(qtbot, db) -> None:  # noqa: ANN001
    wizard = SetupWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.intro.demo.setChecked(True)
    _click(qtbot, wizard, NEXT)
    assert wizard.currentId() == SetupWizard.PAGE_DEMO
    save_screenshot(wizard, "wizard-xa-mau")
    _click(qtbot, wizard, FINISH)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.outcome == "demo" and wizard.admin_username == "admin"
    with db.session() as s:
        commune = s.scalar(select(Commune).where(Commune.is_local.is_(True)))
        assert commune is not None and commune.commune_name == "Xã Thượng Hồng"
        assert s.scalar(select(User).where(User.username == "tonghop")) is not None
