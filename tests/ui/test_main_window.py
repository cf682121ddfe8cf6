"""The main window on the demo commune: every page opens, shortcuts work,
the window remembers its state, the period selector drives the context."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from models.schema import User
from tests.ui.screenshots import save_screenshot
from ui import main_window as mw
from ui.context import AppContext, load_commune, load_user
from ui.main_window import MainWindow, PlaceholderPage
from ui.pages import PAGE_SPECS
from ui.texts import common as T

NAV_TITLES = [
    "Tổng quan",
    "Nhiệm vụ",
    "Chỉ tiêu",
    "Cập nhật kỳ báo cáo",
    "Báo cáo",
    "Gói dữ liệu",
    "Danh mục",
    "Nhật ký",
    "Cài đặt",
]


def make_ctx(db, username: str = "admin") -> AppContext:  # noqa: ANN001
    with db.session() as s:
        user_id = s.scalar(select(User.id).where(User.username == username))
        user = load_user(s, user_id)
        commune = load_commune(s)
    return AppContext(db, user, commune=commune)


@pytest.fixture
def window(qtbot, demo_db) -> Iterator[MainWindow]:  # noqa: ANN001
    win = MainWindow(make_ctx(demo_db))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win


def test_navigation_lists_exactly_the_pages(window: MainWindow) -> None:
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == NAV_TITLES
    assert [title for _k, title, _m, _c in PAGE_SPECS] == NAV_TITLES
    assert window.commune_label.text() == "Xã Thượng Hồng, Thành phố Hải Phòng"
    assert "Quản trị hệ thống" in window.user_label.text()
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["Tệp", "Trợ giúp"]


def test_every_page_opens_without_crash(window: MainWindow, qtbot) -> None:  # noqa: ANN001
    for key, title, _module, _cls in PAGE_SPECS:
        assert window.show_page(key), key
        page = window.current_page()
        assert page is not None and window.stack.currentWidget() is page
        if isinstance(page, PlaceholderPage):
            # A page not in this build says so; a page that failed to load is a bug.
            assert page.message.text() == T.PAGE_PLACEHOLDER.format(title=title), key
        save_screenshot(window, f"trang-{key}")
    # Back and forth re-uses the page objects.
    first = window.page("catalog")
    window.show_page("overview")
    window.show_page("catalog")
    assert window.current_page() is first


def test_missing_page_module_shows_placeholder(qtbot, demo_db, monkeypatch) -> None:  # noqa: ANN001
    specs = [*PAGE_SPECS]
    specs[0] = ("overview", "Tổng quan", "ui.pages.khong_co_trang_nay", "OverviewPage")
    monkeypatch.setattr(mw, "PAGE_SPECS", specs)
    win = MainWindow(make_ctx(demo_db))
    qtbot.addWidget(win)
    win.show_page("overview")
    page = win.current_page()
    assert isinstance(page, PlaceholderPage)
    assert "chưa có trong phiên bản" in page.message.text()


def test_ctrl_number_switches_pages(window: MainWindow, qtbot) -> None:  # noqa: ANN001
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "catalog"
    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "settings"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "overview"


def test_ctrl_f_and_ctrl_s_reach_the_page(window: MainWindow, qtbot) -> None:  # noqa: ANN001
    window.show_page("catalog")
    page = window.current_page()
    page.tabs.setCurrentWidget(page.units_tab)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.focusWidget() is page.units_tab.search
    # Ctrl+S on Thông tin xã saves the edited place name.
    page.tabs.setCurrentWidget(page.commune_tab)
    page.commune_tab.place.setText("Thượng Hồng mới")
    assert page.commune_tab.dirty
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not page.commune_tab.dirty
    assert window.ctx.commune.place_name == "Thượng Hồng mới"


def test_window_state_is_remembered(qtbot, demo_db) -> None:  # noqa: ANN001
    # Given a window resized and left on Cài đặt (the offscreen screen is 800x600)...
    first = MainWindow(make_ctx(demo_db))
    qtbot.addWidget(first)
    first.show()
    first.show_page("settings")
    first.resize(760, 560)
    QApplication.processEvents()
    first.close()
    # ...when the program opens again, it comes back the same.
    second = MainWindow(make_ctx(demo_db))
    qtbot.addWidget(second)
    second.show()
    assert second.current_key() == "settings"
    # Width is bounded by the widest page already built; the height is free.
    assert second.height() == 560 and second.height() != MainWindow.DEFAULT_SIZE[1]
    assert second.nav.currentItem().text() == "Cài đặt"


def test_period_selector_drives_the_context(window: MainWindow) -> None:
    ctx = window.ctx
    combo = window.period_combo
    assert combo.itemData(combo.currentIndex()) == ctx.period_code
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert any(label.startswith("Tháng ") for label in labels)
    seen: list[str] = []
    ctx.period_changed.connect(seen.append)
    target = combo.findData("2026-03")
    assert target >= 0, labels
    combo.setCurrentIndex(target)
    assert ctx.period_code == "2026-03" and seen == ["2026-03"]
    assert combo.currentText().startswith("Tháng 3/2026")
    # Locked months are marked.
    assert any(label.endswith("(đã chốt)") for label in labels)
    # A change from elsewhere moves the selector too.
    ctx.set_period("2026-05")
    assert combo.itemData(combo.currentIndex()) == "2026-05"


def test_unit_staff_sees_unit_and_cannot_import_plan(qtbot, demo_db) -> None:  # noqa: ANN001
    win = MainWindow(make_ctx(demo_db, "vhxh"))
    qtbot.addWidget(win)
    assert "Phòng Văn hóa - Xã hội" in win.user_label.text()
    assert not win.action_import_plan.isEnabled()
    assert not win.action_backup.isEnabled()


def test_default_period_is_the_latest_ended_month(demo_db, db) -> None:  # noqa: ANN001
    import datetime as dt

    from models.enums import PeriodConvention
    from ui.context import default_period_code, period_choices

    cal = PeriodConvention.CALENDAR
    with demo_db.session() as s:
        assert default_period_code(s, convention=cal, today=dt.date(2026, 11, 21)) == "2026-10"
        assert default_period_code(s, convention=cal, today=dt.date(2026, 3, 1)) == "2026-02"
        choices = period_choices(s, convention=cal, today=dt.date(2026, 11, 21))
        codes = [c.code for c in choices]
        assert (
            codes[0] == "2026-11" and "2025-12" in codes
        )  # newest first, back to the demo's start
        assert [c.label for c in choices][:2] == ["Tháng 11/2026", "Tháng 10/2026"]
    with db.session() as s:  # nothing recorded yet: the current month
        assert default_period_code(s, convention=cal, today=dt.date(2026, 11, 21)) == "2026-11"
        cutoff = PeriodConvention.CUTOFF_15  # from the 15th, the next month's period
        assert default_period_code(s, convention=cutoff, today=dt.date(2026, 11, 21)) == "2026-12"
