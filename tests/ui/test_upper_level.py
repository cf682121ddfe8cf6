"""Upper-level (province/national) databases in the desktop program: the first
run creates the administrator, the header shows the scope, commune-only pages
show a note, and the wizard sets up an empty database as an upper level."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from sqlalchemy import func, select

from models.audit import Actor
from models.bundle.import_ import Outcome, import_bundles
from models.bundle.scope import Scope, database_scope
from models.db import open_database
from models.enums import Role
from models.schema import Commune, User
from tests.ui.helpers import type_text
from ui.login import LoginDialog
from ui.setup_wizard import SetupWizard

SAMPLES = Path(__file__).resolve().parents[1] / "bundles" / "data"
PROVINCE_TITLE = "Cơ sở dữ liệu tổng hợp cấp tỉnh: Thành phố Hải Phòng"
NOTE_START = "Trang này dùng cho cơ sở dữ liệu của xã; cơ sở dữ liệu này là cấp tỉnh"
COMMUNE_PAGES = ("overview", "tasks", "indicators", "updates", "reports")


def _province_db(path: Path) -> Path:
    """What `python main.py import --db tinh.db --scope 31 good.nq57.zip` leaves."""
    db = open_database(path)
    [result] = import_bundles(db, [SAMPLES / "good.nq57.zip"], scope=Scope(31), actor=Actor.system())
    assert result.outcome is Outcome.NEW
    db.close()
    return path


def test_province_database_first_run_then_bundles_page(qtbot, tmp_path, monkeypatch, messages) -> None:  # noqa: ANN001
    from ui.app import AppController
    from ui.main_window import UpperLevelNotePage
    from ui.upper_setup import UpperAdminDialog

    path = _province_db(tmp_path / "tinh.db")
    controller = AppController(target=str(path))
    quits: list[int] = []
    monkeypatch.setattr(controller, "_quit", lambda code: quits.append(code))
    controller.start()

    # Given a province database without accounts, the program asks for the first administrator
    # (not the commune wizard) and says what the database is.
    dialog = controller.wizard
    assert isinstance(dialog, UpperAdminDialog) and dialog.isVisible()
    qtbot.addWidget(dialog)
    assert dialog.heading.text() == PROVINCE_TITLE
    # A missing full name is said in place and nothing is written.
    type_text(dialog.form.password, "matkhau1")
    type_text(dialog.form.repeat, "matkhau1")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Chưa nhập họ và tên người quản trị."
    with controller.db.session() as s:
        assert s.scalar(select(func.count()).select_from(User)) == 0
    type_text(dialog.form.full_name, "Nguyễn Văn Sở")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    # Then sign-in, with the scope shown and the new account filled in.
    login = controller.login
    assert isinstance(login, LoginDialog) and login.isVisible()
    assert login.commune_label.text() == PROVINCE_TITLE
    assert login.username.text() == "quantri"
    type_text(login.password, "matkhau1")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)

    window = controller.window
    assert window is not None and window.isVisible()
    qtbot.addWidget(window)
    assert window.commune_label.text() == "Tổng hợp cấp tỉnh: Thành phố Hải Phòng"
    assert PROVINCE_TITLE in window.windowTitle()
    # The Gói dữ liệu page opens first and shows the submissions of the imported period.
    assert window.current_key() == "bundles"
    page = window.current_page()
    assert page.mode == "upper" and page.scope == Scope(31)
    page.view_period.setCurrentIndex(page.view_period.findData("2026-10"))
    page.refresh_views()
    assert page.sub_model.rowCount() == 114
    assert "Đã gửi 1/114 đơn vị" in page.submission_label.text()

    # Pages of a commune's own plan show the note, not an error, and lead to Gói dữ liệu.
    for key in COMMUNE_PAGES:
        assert window.show_page(key)
        note = window.current_page()
        assert isinstance(note, UpperLevelNotePage), key
        assert note.message.text().startswith(NOTE_START)
        assert "Gói dữ liệu" in note.message.text()
    qtbot.mouseClick(window.current_page().bundles_button, Qt.MouseButton.LeftButton)
    assert window.current_key() == "bundles"
    for key in ("catalog", "audit", "settings"):  # the other pages open without an error
        assert window.show_page(key)
    assert [m for m in messages.shown if m[0] == "Critical"] == []
    with controller.db.session() as s:
        [admin] = s.scalars(select(User)).all()
        assert admin.role is Role.ADMIN and admin.full_name == "Nguyễn Văn Sở"
    window.logout()
    controller.login.reject()
    assert quits == [0]
    controller.db.close()
    QApplication.processEvents()


def test_country_database_with_accounts_goes_to_sign_in(qtbot, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from models.auth import create_user
    from ui.app import AppController

    path = tmp_path / "toanquoc.db"
    db = open_database(path)
    import_bundles(db, [SAMPLES / "good.nq57.zip"], scope=Scope(None), actor=Actor.system())
    with db.transaction() as s:
        create_user(s, username="quantri", full_name="Quản trị", password="matkhau1", role=Role.ADMIN)
    db.close()
    controller = AppController(target=str(path))
    monkeypatch.setattr(controller, "_quit", lambda code: None)
    controller.start()
    assert controller.wizard is None
    login = controller.login
    assert isinstance(login, LoginDialog)
    assert login.commune_label.text() == "Cơ sở dữ liệu tổng hợp toàn quốc"
    login.reject()
    controller.db.close()


@pytest.mark.parametrize(("choice", "expected"), [(31, Scope(31)), ("all", Scope(None))])
def test_wizard_sets_up_an_upper_level_database(qtbot, db, choice, expected) -> None:  # noqa: ANN001
    wizard = SetupWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    # Page 1 offers the upper level beside the commune and the demo.
    assert wizard.intro.upper.text() == "Thiết lập cơ sở dữ liệu tổng hợp (cấp tỉnh/toàn quốc)"
    wizard.intro.upper.setChecked(True)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == SetupWizard.PAGE_SCOPE
    page = wizard.scope_page
    # Next without a choice says so in place.
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == SetupWizard.PAGE_SCOPE
    assert page.error.text() == "Hãy chọn tỉnh, thành phố hoặc toàn quốc."
    page.combo.setCurrentIndex(page.combo.findData(choice))
    if choice == 31:
        assert page.preview.text() == f"Sẽ tạo: {PROVINCE_TITLE}"
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == SetupWizard.PAGE_ADMIN
    admin = wizard.admin_page
    type_text(admin.full_name, "Trần Thị Tỉnh")
    type_text(admin.password, "matkhau1")
    type_text(admin.repeat, "matkhau1")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == 1 and wizard.outcome == "upper"
    assert wizard.admin_username == "quantri"
    with db.session() as s:
        assert database_scope(s) == expected
        assert s.scalar(select(func.count()).select_from(Commune)) == 0
        [user] = s.scalars(select(User)).all()
        assert user.username == "quantri" and user.role is Role.ADMIN


def test_wizard_upper_path_then_sign_in_shows_the_scope(qtbot, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from ui.app import AppController

    controller = AppController(target=str(tmp_path / "moi.db"))
    monkeypatch.setattr(controller, "_quit", lambda code: None)
    controller.start()
    wizard = controller.wizard
    assert isinstance(wizard, SetupWizard)
    qtbot.addWidget(wizard)
    wizard.intro.upper.setChecked(True)
    wizard.next()
    wizard.scope_page.combo.setCurrentIndex(wizard.scope_page.combo.findData(31))
    wizard.next()
    type_text(wizard.admin_page.full_name, "Trần Thị Tỉnh")
    type_text(wizard.admin_page.password, "matkhau1")
    type_text(wizard.admin_page.repeat, "matkhau1")
    wizard.accept()
    login = controller.login
    assert isinstance(login, LoginDialog)
    assert login.commune_label.text() == PROVINCE_TITLE
    type_text(login.password, "matkhau1")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    window = controller.window
    assert window is not None
    qtbot.addWidget(window)
    assert window.commune_label.text() == "Tổng hợp cấp tỉnh: Thành phố Hải Phòng"
    window.hide()
    controller.db.close()
