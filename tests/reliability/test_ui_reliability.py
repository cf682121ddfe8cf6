"""What a user sees: the idle lock screen and the start-up recovery dialog."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from models import backup as bk
from models.health import HealthError, check_file
from tests.reliability.conftest import make_ctx

SHOTS = Path(os.environ.get("NQ57_SCREENSHOTS", "")) if os.environ.get("NQ57_SCREENSHOTS") else None


def shot(widget, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / f"{name}.png"))


@pytest.fixture
def window(demo_db, qt_sync, qtbot, no_modal):
    from ui.main_window import MainWindow

    ctx = make_ctx(demo_db, "tonghop")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_idle_window_locks_and_asks_password_again(window, qtbot):
    idle = window.idle_lock
    assert idle.minutes == 15  # the default setting
    assert not idle.is_locked
    # Given a very short idle time
    idle.set_minutes(1, timeout_ms=150)
    qtbot.waitUntil(lambda: idle.is_locked, timeout=3000)
    screen = idle.screen
    assert screen.isVisible() and screen.geometry() == window.rect()
    assert "Lê Thị Hồng Nhung" in screen.text.text() and "tonghop" in screen.text.text()
    shot(window, "idle-lock")
    # Clicking or typing in the window behind the lock does nothing.
    page_before = window.current_key()
    row = window.nav.currentRow()
    target = window.nav.item(row + 1 if row + 1 < window.nav.count() else 0)
    qtbot.mouseClick(
        window.nav.viewport(), Qt.MouseButton.LeftButton,
        pos=window.nav.visualItemRect(target).center(),
    )
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == page_before and window.nav.currentRow() == row
    # A wrong password is refused in place.
    qtbot.keyClicks(screen.password, "sai-mat-khau")
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    assert idle.is_locked
    assert "không đúng" in screen.error.text()
    # The right one unlocks.
    qtbot.keyClicks(screen.password, "tonghop123")
    qtbot.keyClick(screen.password, Qt.Key.Key_Return)
    assert not idle.is_locked


def test_idle_lock_after_wrong_passwords_counts_down_without_blocking(window, qtbot):
    idle = window.idle_lock
    idle.lock()
    screen = idle.screen
    for _ in range(3):
        qtbot.keyClicks(screen.password, "sai")
        qtbot.keyClick(screen.password, Qt.Key.Key_Return)
    assert "Thử lại sau 5 giây" in screen.error.text()
    assert not screen.unlock_button.isEnabled()
    # The UI is not frozen: the countdown ticks.
    qtbot.waitUntil(lambda: "Thử lại sau 4 giây" in screen.error.text(), timeout=3000)


def test_idle_lock_sign_out_button(window, qtbot):
    idle = window.idle_lock
    idle.lock()
    with qtbot.waitSignal(window.logout_requested, timeout=2000):
        qtbot.mouseClick(idle.screen.logout_button, Qt.MouseButton.LeftButton)
    assert not idle.is_locked


def test_zero_minutes_never_locks(window, qtbot):
    idle = window.idle_lock
    idle.set_minutes(0)
    idle.check()
    qtbot.wait(100)
    assert not idle.is_locked


def test_recovery_dialog_offers_and_restores_latest_good_backup(demo_db, qt_sync, qtbot, no_modal):
    from ui.recovery_dialog import Outcome, RecoveryDialog

    good = bk.make_backup(demo_db, reason=bk.BackupKind.DAILY)
    path = demo_db.path
    demo_db.close()
    raw = bytearray(path.read_bytes())
    mid = len(raw) // 2 // 4096 * 4096
    raw[mid : mid + 4096 * 3] = os.urandom(4096 * 3)
    path.write_bytes(bytes(raw))
    with pytest.raises(HealthError) as err:
        check_file(path)

    dialog = RecoveryDialog(err.value)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "bị hỏng" in dialog.message.text()
    assert good.name in dialog.backup_label.text()
    assert "Xã Thượng Hồng" in dialog.backup_label.text()
    assert dialog.restore_button.isEnabled() and not dialog.new_button.isVisible()
    shot(dialog, "recovery-dialog")

    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome is Outcome.RESTORED
    assert any(kind == "info" and "Đã phục hồi" in text for kind, text in no_modal)
    check_file(path)  # healthy


def test_start_up_on_damaged_file_opens_recovery_not_a_traceback(demo_db, qt_sync, monkeypatch):
    from ui import app as app_module
    from ui import recovery_dialog

    bk.make_backup(demo_db)
    path = demo_db.path
    demo_db.close()
    raw = bytearray(path.read_bytes())
    raw[:16] = b"\x00" * 16
    path.write_bytes(bytes(raw))
    offered: list[HealthError] = []

    def fake_offer(error, parent=None):
        offered.append(error)
        return recovery_dialog.Outcome.QUIT

    monkeypatch.setattr(recovery_dialog, "offer_recovery", fake_offer)
    controller = app_module.AppController(target=str(path))
    codes: list[int] = []
    controller.finished.connect(codes.append)
    controller.start()
    assert len(offered) == 1 and offered[0].backup is not None
    assert codes == [2]
    assert controller.db is None  # nothing opened, nothing created


def test_idle_lock_follows_the_setting(window, demo_db):
    from models.services.settings import set_idle_lock_minutes

    with demo_db.transaction() as s:
        set_idle_lock_minutes(s, 5)
    window.ctx.notify("settings")
    assert window.idle_lock.minutes == 5


def test_second_copy_of_the_program_is_told_and_reads_only(demo_db, qt_sync, qtbot, no_modal):
    from models.instance_lock import InstanceLock
    from ui import app as app_module

    path = demo_db.path
    demo_db.close()
    first = InstanceLock(path)  # the first copy of the program holds the database
    first.acquire()
    try:
        controller = app_module.AppController(target=str(path))
        controller.start()
        assert controller.db is not None and controller.db.read_only
        warnings = [text for kind, text in no_modal if kind == "warn"]
        assert any("đang được mở bởi một cửa sổ chương trình khác" in t for t in warnings)
        # Signed in on the read-only copy, even the officer is offered nothing to change.
        from models.schema import User
        from ui.context import EDIT_UPDATES, LOCK_PERIOD, VIEW, AppContext, load_user

        with controller.db.session() as s:
            from sqlalchemy import select

            user = load_user(s, s.scalar(select(User.id).where(User.username == "tonghop")))
        ctx = AppContext(controller.db, user, period_code="2026-10")
        assert ctx.can(VIEW) and not ctx.can(LOCK_PERIOD) and not ctx.can(EDIT_UPDATES)
        # Signing in works on the read-only copy (nothing can be logged there).
        from ui.login import _check_login

        assert _check_login(controller.db, "tonghop", "tonghop123")[0] == user.id
        assert _check_login(controller.db, "tonghop", "sai")[1] is not None
        if controller.login is not None:
            qtbot.addWidget(controller.login)
        controller.db.close()
    finally:
        first.release()
