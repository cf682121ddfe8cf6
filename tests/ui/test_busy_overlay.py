"""BusyOverlay.run: the one way pages load data off the UI thread."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from models.errors import AppError
from ui.widgets import BusyOverlay


def _page(qtbot):  # type: ignore[no-untyped-def]
    page = QWidget()
    page.busy = BusyOverlay(page)  # the page owns its overlay, as real pages do
    page.resize(300, 200)
    page.show()
    qtbot.addWidget(page)
    return page, page.busy


def test_result_arrives_after_the_cover_is_gone(qtbot) -> None:  # type: ignore[no-untyped-def]
    page, busy = _page(qtbot)
    seen: list[tuple[object, bool]] = []
    busy.run(lambda: 42, owner=page, on_done=lambda r: seen.append((r, busy.active)))
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(42, False)]


def test_error_is_shown_in_vietnamese_and_uncovers(qtbot, no_modal) -> None:  # type: ignore[no-untyped-def]
    page, busy = _page(qtbot)
    done: list[object] = []

    def fail() -> None:
        raise AppError("Không mở được kỳ báo cáo.")

    busy.run(fail, owner=page, on_done=done.append)
    qtbot.waitUntil(lambda: bool(no_modal))
    assert no_modal == [("error", "Không mở được kỳ báo cáo.")]
    assert not busy.active and done == []
    handled: list[str] = []
    busy.run(fail, owner=page, on_done=done.append, on_error=lambda e: handled.append(str(e)))
    qtbot.waitUntil(lambda: bool(handled))
    assert handled == ["Không mở được kỳ báo cáo."] and len(no_modal) == 1
