"""Tệp → Phục hồi từ bản sao lưu…: an administrator restores a backup from
inside the running program and comes back to sign-in with the data as it was."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from models import backup as backup_service
from models.enums import AuditAction
from models.schema import AuditEntry, Unit
from tests.ui.helpers import type_text
from ui.login import LoginDialog


def _sign_in(qtbot, controller, username: str, password: str):  # noqa: ANN001, ANN202
    login = controller.login
    assert isinstance(login, LoginDialog)
    login.username.clear()
    type_text(login.username, username)
    type_text(login.password, password)
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    window = controller.window
    assert window is not None and window.isVisible()
    qtbot.addWidget(window)
    return window


def _unit_name(db, code: str) -> str:  # noqa: ANN001
    with db.session() as s:
        return s.scalar(select(Unit.name).where(Unit.code == code))


def test_restore_through_the_menu_brings_the_data_back(qtbot, demo_db, monkeypatch, no_modal) -> None:  # noqa: ANN001
    from ui import backup as backup_ui
    from ui.app import AppController

    path: Path = demo_db.path
    demo_db.close()
    controller = AppController(target=str(path))
    monkeypatch.setattr(controller, "_quit", lambda code: None)
    controller.start()
    window = _sign_in(qtbot, controller, "admin", "admin123")
    assert window.action_restore.isVisible() and window.action_restore.isEnabled()
    assert window.action_restore.text() == "&Phục hồi từ bản sao lưu…"

    # Given a backup made on request, then a change made after it.
    db = controller.db
    folder = backup_service.configured_backup_dir(path)
    made = backup_service.make_backup(db, dest_dir=folder, reason=backup_service.BackupKind.MANUAL)
    original = _unit_name(db, "VHXH")
    with db.transaction() as s:
        s.scalar(select(Unit).where(Unit.code == "VHXH")).name = "Tên đã sửa sau khi sao lưu"
    assert _unit_name(db, "VHXH") != original

    # When the administrator picks that backup in the list and confirms.
    shown_rows: list[list[str]] = []

    def pick_manual(dialog: backup_ui.RestoreDialog) -> int:
        model = dialog.model
        shown_rows.extend(
            [str(model.data(model.index(r, c))) for c in range(model.columnCount())]
            for r in range(model.rowCount())
        )
        row = next(r for r in range(model.rowCount()) if model.record(r).path == made)
        dialog.view.selectRow(row)
        dialog.restore_selected()
        return dialog.result()

    monkeypatch.setattr(backup_ui.RestoreDialog, "exec", pick_manual)
    window.action_restore.trigger()

    # Then the list showed the backup with its kind, the user confirmed in Vietnamese,
    # the program asked to sign in again and the data is as it was in the backup.
    assert any(row[1] == "thủ công" for row in shown_rows)
    kinds = [kind for kind, _text in no_modal]
    assert kinds[:2] == ["confirm", "info"], no_modal
    assert "Phục hồi dữ liệu từ bản sao lưu lúc" in no_modal[0][1]
    assert made.name in no_modal[1][1] and "Dữ liệu trước khi phục hồi được giữ ở" in no_modal[1][1]
    assert controller.window is None and isinstance(controller.login, LoginDialog)
    assert controller.db is not db and not controller.db.read_only
    assert controller.db.info.get("instance_lock") is not None  # this copy holds the database
    assert _unit_name(controller.db, "VHXH") == original
    with controller.db.session() as s:
        actions = [e.action for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions[-1] is AuditAction.RESTORE
    # The safety backup kept the changed data.
    safety = [b for b in backup_service.list_backups(folder) if b.kind is backup_service.BackupKind.SAFETY]
    assert len(safety) == 1
    window = _sign_in(qtbot, controller, "admin", "admin123")
    window.hide()
    controller.db.close()
    QApplication.processEvents()


def test_a_damaged_backup_is_refused_before_anything_closes(qtbot, demo_db, monkeypatch, no_modal, tmp_path) -> None:  # noqa: ANN001
    from ui import backup as backup_ui
    from ui.app import AppController

    path: Path = demo_db.path
    demo_db.close()
    controller = AppController(target=str(path))
    monkeypatch.setattr(controller, "_quit", lambda code: None)
    controller.start()
    window = _sign_in(qtbot, controller, "admin", "admin123")
    bad = tmp_path / "hong.nq57-backup.zip"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    errors: list[str] = []

    def pick_file(dialog: backup_ui.RestoreDialog) -> int:
        dialog.check_and_confirm(bad)
        errors.append(dialog.error.text())
        return dialog.result()

    monkeypatch.setattr(backup_ui.RestoreDialog, "exec", pick_file)
    window.action_restore.trigger()
    assert errors and "hỏng" in errors[0] and "Traceback" not in errors[0]
    assert controller.window is window and window.isVisible()  # still working, nothing closed
    assert no_modal == []
    window.hide()
    controller.db.close()


def test_only_administrators_see_restore(qtbot, demo_db, monkeypatch) -> None:  # noqa: ANN001
    from ui.app import AppController

    path: Path = demo_db.path
    demo_db.close()
    controller = AppController(target=str(path))
    monkeypatch.setattr(controller, "_quit", lambda code: None)
    controller.start()
    window = _sign_in(qtbot, controller, "tonghop", "tonghop123")
    assert not window.action_restore.isVisible() and not window.action_restore.isEnabled()
    window.hide()
    controller.db.close()
