"""The user guide's screenshots come from the real program, and stay current.

Each ``Screen`` below opens one window of the REAL program offscreen on the
demo commune (Xã Thượng Hồng, period Tháng 10/2026, signed in as the
compiling officer ``tonghop``) and grabs it.

- Normally the picture goes to a temp folder and is compared with the
  committed ``docs/img/<name>.png`` (perceptual comparison, see
  ``imagediff.py``): a screen that changed fails the test until the guide's
  picture is regenerated.
- With ``NQ57_SCREENSHOTS=1`` the pictures overwrite ``docs/img`` instead:

      NQ57_SCREENSHOTS=1 QT_QPA_PLATFORM=offscreen python -m pytest tests/docs

A screen whose module is not in this checkout yet is skipped with the
reason. The guide (Markdown and its HTML rendering) must only reference
pictures that exist, and the HTML must be the rendering of the Markdown.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import re
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
IMG_DIR = DOCS / "img"
GUIDE_MD = DOCS / "huong-dan-su-dung.md"
GUIDE_HTML = DOCS / "huong-dan-su-dung.html"
REGENERATE = os.environ.get("NQ57_SCREENSHOTS") == "1"
PERIOD = "2026-10"
TODAY = dt.date(2026, 11, 21)  # the demo commune's "today" (tests/conftest.py)
WINDOW_SIZE = (1200, 760)
# A fixed place for the guide's database, so the status bar shows the same path.
GUIDE_DB_DIR = Path(tempfile.gettempdir()) / "nq57-huong-dan"
SAMPLE_PLAN = REPO.parent / "shared" / "samples" / "plans" / "ke-hoach-xa-thuong-hong.txt"

sys.path.insert(0, str(Path(__file__).resolve().parent))
from imagediff import compare_files  # noqa: E402

sys.path.insert(0, str(REPO / "scripts"))
import guide_html  # noqa: E402

# --- the program, signed in on the demo commune -------------------------------


def _module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def _settle(qtbot, widget) -> None:  # noqa: ANN001
    """Show the widget, let it lay out, load (workers are synchronous) and paint."""
    from ui import worker

    if not widget.isVisible():
        widget.show()
    qtbot.waitExposed(widget)
    worker.wait_for_all(20)
    for _ in range(5):
        qtbot.wait(20)
        worker.wait_for_all(20)


def _stable_times(path: Path, *, events_after: int) -> None:
    """Times written while preparing the guide's data become fixed, increasing ones.

    The audit log (and the before/after values of the entries this fixture
    caused), sign-in times and the re-lock of Tháng 9 were written "now"; the
    pictures must not change with the clock.
    """
    start = dt.datetime.combine(TODAY, dt.time(8, 0))
    fixed = {
        "last_login_at": start + dt.timedelta(minutes=8),
        "locked_at": start + dt.timedelta(minutes=20),
    }
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT id, before, after FROM audit_log ORDER BY id").fetchall()
        for i, (entry_id, before, after) in enumerate(rows):
            at = start + dt.timedelta(minutes=3 * i)
            values = [before, after]
            if entry_id > events_after:
                values = [_fix_json(v, fixed) for v in values]
            conn.execute(
                "UPDATE audit_log SET at = ?, before = ?, after = ? WHERE id = ?",
                (_sql_time(at), values[0], values[1], entry_id),
            )
        conn.execute(
            "UPDATE user_account SET last_login_at = ? WHERE last_login_at IS NOT NULL",
            (_sql_time(fixed["last_login_at"]),),
        )
        conn.execute(
            "UPDATE period SET locked_at = ? WHERE code = '2026-09'",
            (_sql_time(fixed["locked_at"]),),
        )
        conn.commit()
    finally:
        conn.close()


def _fix_json(text: str | None, fixed: dict[str, dt.datetime]) -> str | None:
    if not text:
        return text
    data = json.loads(text)
    if isinstance(data, dict):
        for key, value in fixed.items():
            if data.get(key):
                data[key] = value.replace(tzinfo=dt.UTC).isoformat()
    return json.dumps(data, ensure_ascii=False)


def _sql_time(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S.000000")


@pytest.fixture
def guide_db(demo_db_file: Path) -> Iterator[object]:
    """A private copy of the demo commune at a fixed path, with a short history."""
    from sqlalchemy import func, select

    from models import auth
    from models.audit import Actor
    from models.db import open_database
    from models.errors import PermissionDenied
    from models.schema import AuditEntry
    from models.services import updates

    shutil.rmtree(GUIDE_DB_DIR, ignore_errors=True)
    GUIDE_DB_DIR.mkdir(parents=True)
    path = GUIDE_DB_DIR / "xa-mau.db"
    shutil.copy2(demo_db_file, path)
    for companion in demo_db_file.parent.glob(demo_db_file.name + ".*"):
        if companion.is_dir():
            suffix = companion.name[len(demo_db_file.name) :]
            shutil.copytree(companion, GUIDE_DB_DIR / ("xa-mau.db" + suffix))
    db = open_database(path)
    with db.session() as s:
        events_after = s.scalar(select(func.max(AuditEntry.id))) or 0
    # A few real events for the audit log: sign-ins (one wrong password),
    # Tháng 9 unlocked for a correction and locked again.
    with db.session() as s:
        with pytest.raises(PermissionDenied):
            auth.authenticate(s, "tonghop", "sai-mat-khau")
        s.commit()
    with db.session() as s:
        officer = auth.authenticate(s, "tonghop", "tonghop123")
        s.commit()
    actor = Actor(officer.id, officer.username)
    with db.transaction(actor=actor) as s:
        updates.unlock_period(s, "2026-09", user=officer)
    with db.transaction(actor=actor) as s:
        updates.lock_period(s, "2026-09", user=officer)
    db.close()
    _stable_times(path, events_after=events_after)
    db = open_database(path)
    yield db
    db.close()


def _context(db, username: str = "tonghop"):  # noqa: ANN001, ANN202
    from sqlalchemy import select

    from models.schema import User
    from ui.context import AppContext, load_commune, load_user

    with db.session() as s:
        user_id = s.scalar(select(User.id).where(User.username == username))
        user = load_user(s, user_id)
        commune = load_commune(s)
    return AppContext(db, user, commune=commune, period_code=PERIOD)


def _main_window(qtbot, db, page: str):  # noqa: ANN001, ANN202
    from ui.main_window import MainWindow, PlaceholderPage

    window = MainWindow(_context(db))
    qtbot.addWidget(window)
    window.resize(*WINDOW_SIZE)
    window.show()
    qtbot.waitExposed(window)
    assert window.show_page(page), f"no page {page!r}"
    widget = window.page(page)
    assert not isinstance(widget, PlaceholderPage), (
        f"page {page!r} shows a placeholder: its module failed to load (see the log)"
    )
    _settle(qtbot, window)
    return window


# --- the screens the guide shows ---------------------------------------------------


@dataclass(frozen=True)
class Screen:
    name: str  # docs/img/<name>.png
    needs: str  # module that must exist
    make: Callable[..., object]  # (qtbot, request) -> widget to grab


def _wizard(qtbot, request):  # noqa: ANN001, ANN202
    from ui.setup_wizard import SetupWizard

    db = request.getfixturevalue("db")
    wizard = SetupWizard(db)
    # Not qtbot.addWidget: closing the wizard asks "Thoát thiết lập?" (a modal box).
    request.addfinalizer(lambda: (wizard.hide(), wizard.deleteLater()))
    wizard.resize(820, 480)
    _settle(qtbot, wizard)
    return wizard


def _login(qtbot, request):  # noqa: ANN001, ANN202
    from ui.login import LoginDialog

    db = request.getfixturevalue("guide_db")
    dialog = LoginDialog(db, commune_name="Xã Thượng Hồng", username="tonghop", demo=True)
    qtbot.addWidget(dialog)
    _settle(qtbot, dialog)
    return dialog


def _page(key: str) -> Callable[..., object]:
    def make(qtbot, request):  # noqa: ANN001, ANN202
        return _main_window(qtbot, request.getfixturevalue("guide_db"), key)

    return make


def _reports(qtbot, request):  # noqa: ANN001, ANN202
    window = _main_window(qtbot, request.getfixturevalue("guide_db"), "reports")
    page = window.page("reports")
    page.generate_preview()  # the real "Tạo bản xem trước" (PDF drawn by QtPdf)
    _settle(qtbot, window)
    return window


def _update_form(qtbot, request):  # noqa: ANN001, ANN202
    from sqlalchemy import select

    from models.schema import Unit
    from ui.update_form import UnitUpdateForm

    db = request.getfixturevalue("guide_db")
    with db.session() as s:
        unit_id = s.scalar(select(Unit.id).where(Unit.code == "VHXH"))
    form = UnitUpdateForm(_context(db), unit_id=unit_id, period_code=PERIOD, today=TODAY)
    qtbot.addWidget(form)
    form.resize(*WINDOW_SIZE)
    _settle(qtbot, form)
    return form


def _plan_import(qtbot, request):  # noqa: ANN001, ANN202
    from ui.plan_import_dialog import PlanImportDialog

    db = request.getfixturevalue("guide_db")
    dialog = PlanImportDialog(_context(db))
    qtbot.addWidget(dialog)
    dialog.resize(1100, 700)
    _settle(qtbot, dialog)
    if not SAMPLE_PLAN.is_file():
        pytest.skip(f"sample plan {SAMPLE_PLAN} not found (shared/ beside the repository)")
    dialog.open_file(SAMPLE_PLAN)  # what "Chọn tệp kế hoạch…" does after the file dialog
    _settle(qtbot, dialog)
    return dialog


SCREENS = [
    Screen("01-thiet-lap-lan-dau", "ui.setup_wizard", _wizard),
    Screen("02-dang-nhap", "ui.login", _login),
    Screen("03-tong-quan", "ui.pages.overview", _page("overview")),
    Screen("04-nhiem-vu", "ui.pages.tasks", _page("tasks")),
    Screen("05-chi-tieu", "ui.pages.indicators", _page("indicators")),
    Screen("06-cap-nhat", "ui.pages.updates", _page("updates")),
    Screen("07-phieu-cap-nhat", "ui.update_form", _update_form),
    Screen("08-bao-cao", "ui.pages.reports", _reports),
    Screen("09-goi-du-lieu", "ui.pages.bundles", _page("bundles")),
    Screen("10-danh-muc", "ui.pages.catalog", _page("catalog")),
    Screen("11-nhat-ky", "ui.pages.audit", _page("audit")),
    Screen("12-cai-dat", "ui.pages.settings", _page("settings")),
    Screen("13-nhap-ke-hoach", "ui.plan_import_dialog", _plan_import),
]


@pytest.mark.parametrize("screen", SCREENS, ids=[s.name for s in SCREENS])
def test_screenshot_matches_the_program(
    screen: Screen, qtbot, request: pytest.FixtureRequest, tmp_path: Path  # noqa: ANN001
) -> None:
    if not _module_exists(screen.needs):
        pytest.skip(f"{screen.needs} is not in this checkout yet: no picture {screen.name}.png")
    from tests.ui.screenshots import grab

    widget = screen.make(qtbot, request)
    committed = IMG_DIR / f"{screen.name}.png"
    if REGENERATE:
        grab(widget, committed)
        return
    fresh = grab(widget, tmp_path / f"{screen.name}.png")
    if not committed.is_file():
        shown = f"img/{screen.name}.png" in _referenced_images(GUIDE_MD.read_text(encoding="utf-8"))
        assert not shown, f"the guide shows docs/img/{screen.name}.png but it is missing"
        pytest.skip(
            f"{screen.name}.png is not in the guide yet (new screen): create it with "
            "NQ57_SCREENSHOTS=1 python -m pytest tests/docs"
        )
    diff = compare_files(committed, fresh)
    assert diff.matches, (
        f"The screen '{screen.name}' no longer looks like the guide's picture "
        f"({diff.describe()}). Look at {fresh}; if the change is intended, regenerate "
        "with NQ57_SCREENSHOTS=1 python -m pytest tests/docs and update the guide's text."
    )


# --- the guide itself -------------------------------------------------------------


def _referenced_images(text: str) -> list[str]:
    return re.findall(r"!\[[^\]]*\]\((img/[^)\s]+)\)", text)


def test_guide_references_only_existing_pictures() -> None:
    text = GUIDE_MD.read_text(encoding="utf-8")
    images = _referenced_images(text)
    assert images, "the guide shows no screenshot"
    missing = [name for name in images if not (DOCS / name).is_file()]
    assert not missing, f"the guide shows pictures that do not exist: {missing}"
    known = {f"img/{s.name}.png" for s in SCREENS}
    unknown = [name for name in images if name not in known]
    assert not unknown, f"pictures not regenerated by this test: {unknown}"


def test_guide_html_is_the_rendering_of_the_markdown() -> None:
    expected = guide_html.render_file(GUIDE_MD)
    assert GUIDE_HTML.read_text(encoding="utf-8") == expected, (
        "docs/huong-dan-su-dung.html is out of date: run python scripts/guide_html.py"
    )


def test_comparison_tells_a_changed_screen_from_the_same_one(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    # Given the same dialog rendered twice, and once with one label changed
    from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

    from tests.ui.screenshots import grab

    def render(label: str, path: Path) -> Path:
        widget = QWidget()
        qtbot.addWidget(widget)
        layout = QVBoxLayout(widget)
        layout.addWidget(QLabel(label))
        layout.addWidget(QPushButton("Lưu"))
        layout.addWidget(QPushButton("Đóng"))
        widget.resize(400, 160)
        return grab(widget, path)

    a = render("Tình trạng: Đang thực hiện trong hạn", tmp_path / "a.png")
    b = render("Tình trạng: Đang thực hiện trong hạn", tmp_path / "b.png")
    c = render("Tình trạng: Đã hoàn thành quá hạn (3 nhiệm vụ)", tmp_path / "c.png")
    # Then the copy matches and the changed one does not
    assert compare_files(a, b).matches
    assert not compare_files(a, c).matches
