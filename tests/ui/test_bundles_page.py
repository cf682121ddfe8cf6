"""The Gói dữ liệu page: export at the commune, preview/import and views at the province."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cycle_ui import make_ctx

from models.bundle.reader import read_bundle
from models.db import open_database
from models.enums import Role

SAMPLES = Path(__file__).resolve().parents[1] / "bundles" / "data"
SHOTS = Path(__file__).resolve().parents[2] / "tests" / "ui" / "_shots"


def _shot(widget, name: str) -> None:  # noqa: ANN001
    import os

    if os.environ.get("NQ57_SHOTS"):
        SHOTS.mkdir(exist_ok=True)
        widget.grab().save(str(SHOTS / name))


def test_commune_exports_to_the_chosen_folder(demo_db, qtbot, tmp_path: Path, no_modal) -> None:  # noqa: ANN001
    from ui.pages.bundles import BundlesPage

    ctx = make_ctx(demo_db, "tonghop", "2026-10")
    page = BundlesPage(ctx)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    assert page.mode == "commune"
    assert page.period_combo.currentData() == "2026-10"
    usb = tmp_path / "usb"
    usb.mkdir()
    page.folder_combo.setEditText(str(usb))

    page.start_export()

    [bundle] = list(usb.iterdir())
    text = page.export_result.text()
    assert str(bundle) in text
    assert "Đã đọc lại gói trên ổ đĩa" in text
    assert read_bundle(bundle).manifest.fingerprint in text
    assert no_modal == []
    _shot(page, "bundles-commune.png")


def test_export_without_folder_says_so(demo_db, qtbot, no_modal) -> None:  # noqa: ANN001
    from ui.pages.bundles import BundlesPage

    page = BundlesPage(make_ctx(demo_db, "tonghop", "2026-10"))
    qtbot.addWidget(page)
    page.folder_combo.setEditText("")
    page.start_export()
    assert no_modal == [("warn", "Hãy chọn ổ USB hoặc thư mục để ghi gói.")]


@pytest.fixture
def province_ctx(tmp_path: Path):  # noqa: ANN201
    from models.auth import create_user
    from ui.context import AppContext, load_user

    db = open_database(tmp_path / "tinh.db")
    with db.transaction() as s:
        user = create_user(s, username="quantri", full_name="Quản trị Sở", password="quantri123", role=Role.ADMIN)
        s.flush()
        uid = user.id
    with db.session() as s:
        user = load_user(s, uid)
    ctx = AppContext(db, user, commune=None, period_code="2026-10")
    yield ctx
    db.close()


def test_province_previews_then_imports_and_shows_the_views(province_ctx, qtbot, tmp_path: Path, no_modal) -> None:  # noqa: ANN001
    from models.bundle.import_ import Outcome
    from ui.pages.bundles import BundlesPage

    folder = tmp_path / "usb"
    folder.mkdir()
    for name in ("good.nq57.zip", "truncated.nq57.zip"):
        shutil.copy(SAMPLES / name, folder / name)
    page = BundlesPage(province_ctx)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    assert page.mode == "upper" and page.scope is None
    page.scope_combo.setCurrentIndex(page.scope_combo.findData(31))

    # Given a folder, the page shows what would happen and writes nothing.
    page.check([folder])
    assert [r.outcome for r in page.preview] == [Outcome.NEW, Outcome.REFUSED]
    assert page.result_model.rowCount() == 2
    assert page.import_button.isVisibleTo(page)
    with province_ctx.session() as s:
        from models.bundle.scope import database_scope

        assert database_scope(s) is None

    # When the officer imports, the views fill for the period.
    page.confirm_import()
    assert "1 nhập mới" in page.summary_label.text() and "1 bị từ chối" in page.summary_label.text()
    assert page.scope is not None and page.scope.province_code == 31
    assert page.sub_model.rowCount() == 114
    assert "Đã gửi 1/114 đơn vị" in page.submission_label.text()
    assert page.ind_model.rowCount() == 38
    assert page.status_model.rowCount() == 2  # the commune and the total
    # Selecting an indicator lists each commune's value.
    page.tabs.setCurrentIndex(1)
    page.ind_view.selectRow(0)
    assert page.across_model.rowCount() == 1
    _shot(page, "bundles-province.png")


def test_administrator_sees_both_fingerprints_before_accepting(province_ctx, qtbot, tmp_path: Path, no_modal) -> None:  # noqa: ANN001
    from models.bundle.import_ import KeyEvent
    from ui.pages.bundles import BundlesPage

    page = BundlesPage(province_ctx)
    qtbot.addWidget(page)
    page.scope_combo.setCurrentIndex(page.scope_combo.findData(31))
    page.check([SAMPLES / "good.nq57.zip"])
    page.confirm_import()
    first = read_bundle(SAMPLES / "good.nq57.zip").manifest.fingerprint
    new = read_bundle(SAMPLES / "key_change.nq57.zip").manifest.fingerprint

    page.check([SAMPLES / "key_change.nq57.zip"])
    assert page.key_changes() and page.import_button.isVisibleTo(page)
    page.confirm_import()  # no_modal answers "yes" to the confirmation
    asked = [text for kind, text in no_modal if kind == "confirm"]
    assert asked and first in asked[0] and new in asked[0]
    [result] = page.result_model.records
    assert result.key_event is KeyEvent.ACCEPTED_CHANGE
