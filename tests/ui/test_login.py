"""Sign-in: wrong then right password, what the audit log keeps, and the
whole start-up flow on the demo database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import select

from models.enums import AuditAction
from models.schema import AuditEntry
from tests.ui.helpers import type_text
from tests.ui.screenshots import save_screenshot
from ui.login import LoginDialog


def _audit_actions(db) -> list[tuple[AuditAction, str]]:  # noqa: ANN001
    with db.session() as s:
        rows = s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        return [
            (r.action, r.summary)
            for r in rows
            if r.action in (AuditAction.LOGIN, AuditAction.LOGIN_FAILED)
        ]


def test_wrong_then_right_password(qtbot, demo_db) -> None:  # noqa: ANN001
    dialog = LoginDialog(demo_db, commune_name="Xã Thượng Hồng, Thành phố Hải Phòng", demo=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.commune_label.text() == "Xã Thượng Hồng, Thành phố Hải Phòng"
    assert dialog.focusWidget() is dialog.username

    # Given a wrong password, Enter submits and the refusal shows in place.
    type_text(dialog.username, "admin")
    type_text(dialog.password, "sai-mat-khau")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.user_id is None
    assert dialog.error.isVisible()
    assert dialog.error.text() == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert dialog.password.text() == ""
    assert dialog.focusWidget() is dialog.password
    save_screenshot(dialog, "dang-nhap-sai")

    # When the right password is typed, the dialog accepts.
    type_text(dialog.password, "admin123")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.user_id is not None

    # Then both attempts are in the audit log.
    actions = _audit_actions(demo_db)
    assert [a for a, _ in actions][-2:] == [AuditAction.LOGIN_FAILED, AuditAction.LOGIN]
    assert actions[-1][1] == "admin"


def test_empty_fields_are_asked_for(qtbot, demo_db) -> None:  # noqa: ANN001
    dialog = LoginDialog(demo_db, commune_name=None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Hãy nhập tên đăng nhập và mật khẩu."
    assert _audit_actions(demo_db) == []  # nothing was tried


def test_demo_hint_and_screenshot(qtbot, demo_db) -> None:  # noqa: ANN001
    dialog = LoginDialog(
        demo_db, commune_name="Xã Thượng Hồng, Thành phố Hải Phòng", username="admin", demo=True
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.password  # user name already filled in
    save_screenshot(dialog, "dang-nhap")


def test_start_up_flow_on_demo_database(qtbot, demo_db, monkeypatch) -> None:  # noqa: ANN001
    """What `python main.py --db demo.db` does: splash, sign-in, main window."""
    from ui.app import AppController

    path: Path = demo_db.path
    demo_db.close()
    controller = AppController(target=str(path))
    quits: list[int] = []
    monkeypatch.setattr(controller, "_quit", lambda code: quits.append(code))
    controller.start()  # the worker is synchronous in tests
    dialog = controller.login
    assert isinstance(dialog, LoginDialog) and dialog.isVisible()
    assert controller.splash is None
    assert "Xã Thượng Hồng" in dialog.commune_label.text()
    type_text(dialog.username, "tonghop")
    type_text(dialog.password, "tonghop123")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    window = controller.window
    assert window is not None and window.isVisible()
    qtbot.addWidget(window)
    assert "Lê Thị Hồng Nhung" in window.user_label.text()
    assert window.commune_label.text() == "Xã Thượng Hồng, Thành phố Hải Phòng"
    # Signing out brings the sign-in dialog back.
    window.logout()
    assert controller.window is None and isinstance(controller.login, LoginDialog)
    controller.login.reject()
    assert quits == [0]
    with controller.db.session() as s:
        actions = [e.action for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    sign_ins = [a for a in actions if a in (AuditAction.LOGIN, AuditAction.LOGOUT)]
    assert sign_ins[-2:] == [AuditAction.LOGIN, AuditAction.LOGOUT]
    controller.db.close()
    QApplication.processEvents()


def test_start_up_offers_recovery_for_a_damaged_file(qtbot, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from ui import recovery_dialog
    from ui.app import AppController

    bad = tmp_path / "hong.db"
    bad.write_text("đây không phải cơ sở dữ liệu", encoding="utf-8")
    offered: list[str] = []

    def offer(exc: BaseException, *_a: object, **_k: object) -> object:
        offered.append(str(exc))
        return recovery_dialog.Outcome.QUIT

    monkeypatch.setattr(recovery_dialog, "offer_recovery", offer)
    controller = AppController(target=str(bad))
    quits: list[int] = []
    monkeypatch.setattr(controller, "_quit", lambda code: quits.append(code))
    controller.start()
    assert len(offered) == 1 and "Traceback" not in offered[0]
    assert quits == [2]
    assert bad.read_text(encoding="utf-8") == "đây không phải cơ sở dữ liệu"  # untouched


def test_start_up_refuses_a_newer_database(qtbot, tmp_path, messages, monkeypatch) -> None:  # noqa: ANN001
    from sqlalchemy import text

    from models.db import open_database
    from ui.app import AppController

    path = tmp_path / "moi-hon.db"
    db = open_database(path)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_tuong_lai'"))
    db.close()
    before = path.read_bytes()
    controller = AppController(target=str(path))
    quits: list[int] = []
    monkeypatch.setattr(controller, "_quit", lambda code: quits.append(code))
    controller.start()
    assert quits == [2]
    assert len(messages.shown) == 1
    icon, title, text_shown = messages.shown[0]
    assert title == "Không mở được cơ sở dữ liệu"
    assert "phiên bản mới hơn" in text_shown and "Traceback" not in text_shown
    assert path.read_bytes() == before


def test_start_up_on_empty_database_opens_the_wizard(qtbot, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from ui.app import AppController
    from ui.setup_wizard import SetupWizard

    controller = AppController(target=str(tmp_path / "moi.db"))
    monkeypatch.setattr(controller, "_quit", lambda code: None)
    controller.start()
    assert isinstance(controller.wizard, SetupWizard) and controller.wizard.isVisible()
    qtbot.addWidget(controller.wizard)
    controller.db.close()
