"""The main window: navigation on the left, the current page on the right, the
commune, the working period and the signed-in user on top.

Pages (``ui.pages.PAGE_SPECS``) are created the first time they are shown; a
page whose module is missing shows a Vietnamese placeholder, a page that
fails to build shows an error placeholder (logged), and the program carries
on. Window geometry, splitter state and the last page are kept in the UI
settings file (``ui.context.ui_settings``). On an upper-level (province or
national) database the header shows the scope and the pages that need a
local commune show a note pointing to Gói dữ liệu. Shortcuts: Ctrl+S saves the
current page, Ctrl+F focuses its search box, Ctrl+1..9 switch pages.
UI thread only.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QIcon, QKeySequence, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from models import paths
from models import texts as domain_texts
from models.permissions import Permission
from models.version import program_version
from ui import context as perms
from ui import dialogs, worker
from ui.context import AppContext, PeriodChoice, period_choices, ui_settings
from ui.pages import PAGE_SPECS
from ui.texts import common as T
from ui.texts import restore as TR
from ui.texts import upper as TU
from ui.widgets import ElidedLabel

log = logging.getLogger(__name__)

ICON_DIR = "icons/nav"
KEY_GEOMETRY = "main/geometry"
KEY_STATE = "main/state"
KEY_SPLITTER = "main/splitter"
KEY_PAGE = "main/page"
COMMUNE_ONLY_PAGES = frozenset({"overview", "tasks", "indicators", "updates", "reports"})
"""Pages that work on a local commune's plan; an upper-level database shows a note."""


def nav_icon(key: str, size: int = 24) -> QIcon:
    """The page's icon: dark blue lines, white on the selected (dark) row."""
    path = paths.resources_dir() / ICON_DIR / f"{key}.svg"
    if not path.is_file():
        return QIcon()
    svg = path.read_text(encoding="utf-8")
    icon = QIcon()
    for mode, text in (
        (QIcon.Mode.Normal, svg),
        (
            QIcon.Mode.Selected,
            svg.replace("#1f4e79", "#ffffff")
            .replace("#dbe8f5", "#3d6f9e")
            .replace("#eef4fa", "#2f5f8c"),
        ),
    ):
        pixmap = QPixmap()
        if pixmap.loadFromData(text.encode("utf-8"), "SVG"):
            icon.addPixmap(pixmap.scaled(size * 2, size * 2), mode)
    return icon


class PlaceholderPage(QWidget):
    """Shown for a page that is not in this build (or failed to load)."""

    def __init__(self, title: str, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placeholder_page")
        heading = QLabel(title)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        self.message = QLabel(message)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #44546a;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.addWidget(heading)
        layout.addSpacing(8)
        layout.addWidget(self.message)
        layout.addStretch(1)


class UpperLevelNotePage(PlaceholderPage):
    """Stands for a commune-only page on an upper-level database."""

    def __init__(
        self, title: str, message: str, *, go_bundles: object, parent: QWidget | None = None
    ) -> None:
        super().__init__(title, message, parent)
        self.setObjectName("upper_note_page")
        self.bundles_button = QPushButton(TU.GO_TO_BUNDLES)
        self.bundles_button.setObjectName("go_bundles")
        self.bundles_button.clicked.connect(go_bundles)  # type: ignore[arg-type]
        row = QHBoxLayout()
        row.addWidget(self.bundles_button)
        row.addStretch(1)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(layout.count() - 1, row)


class HelpDialog(QDialog):
    """Shows the user guide (Markdown or HTML from ``docs/``) inside the program."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(T.GUIDE_TITLE)
        self.resize(900, 700)
        browser = QTextBrowser()
        browser.setOpenExternalLinks(False)
        browser.setSearchPaths([str(path.parent)])
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() in (".html", ".htm"):
            browser.setHtml(text)
        else:
            browser.setMarkdown(text)
        buttons = QDialogButtonBox()
        buttons.addButton(T.CLOSE, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(browser)
        layout.addWidget(buttons)


def guide_path() -> Path | None:
    """The user guide: ``docs/huong-dan-su-dung.html`` or ``.md`` if present."""
    base = paths.resources_dir().parent / "docs"
    for name in ("huong-dan-su-dung.html", "huong-dan-su-dung.md"):
        candidate = base / name
        if candidate.is_file():
            return candidate
    return None


class MainWindow(QMainWindow):
    """The program's main window for one signed-in user (``ctx``)."""

    DEFAULT_SIZE = (1280, 800)
    logout_requested = Signal()
    restore_requested = Signal(object)  # Path of the backup chosen in Tệp → Phục hồi
    first_shown = Signal()
    closed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._pages: dict[str, QWidget] = {}
        self._current_key: str | None = None
        self._shown_once = False
        self._closing_for_logout = False
        self.scope = self._read_scope()  # an upper-level database's scope, else None
        self.setObjectName("main_window")
        self.setWindowTitle(self._title())
        app_icon = paths.resources_dir() / "icons" / "app.png"
        if app_icon.is_file():
            self.setWindowIcon(QIcon(str(app_icon)))

        # -- top bar ---------------------------------------------------------------
        self.commune_label = ElidedLabel(min_chars=16)
        self.commune_label.setObjectName("commune_label")
        font = QFont(self.commune_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.commune_label.setFont(font)
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("period_combo")
        self.period_combo.setToolTip(T.PERIOD_TOOLTIP)
        self.period_combo.setMinimumContentsLength(22)
        self.period_combo.setMaxVisibleItems(18)
        period_label = QLabel(T.PERIOD_LABEL)
        period_label.setBuddy(self.period_combo)
        self.user_label = ElidedLabel(min_chars=14)
        self.user_label.setObjectName("user_label")
        top = QFrame()
        top.setObjectName("top_bar")
        top.setStyleSheet("#top_bar { background: #1f4e79; } #top_bar QLabel { color: white; }")
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(16, 8, 16, 8)
        top_layout.setSpacing(10)
        top_layout.addWidget(self.commune_label)
        top_layout.addStretch(1)
        top_layout.addWidget(period_label)
        top_layout.addWidget(self.period_combo)
        top_layout.addSpacing(18)
        top_layout.addWidget(self.user_label)

        # -- navigation and pages ----------------------------------------------------
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setIconSize(QSize(24, 24))
        self.nav.setSpacing(1)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setStyleSheet(
            "QListWidget#nav { background: #eef2f7; border: none; border-right: 1px solid #c8d0da;"
            " padding-top: 6px; outline: 0; }"
            "QListWidget#nav::item { padding: 9px 10px; color: #1b2a3a; border-radius: 4px;"
            " margin: 1px 6px; }"
            "QListWidget#nav::item:selected { background: #1f4e79; color: white; }"
            "QListWidget#nav::item:hover:!selected { background: #dde6f0; }"
        )
        for number, (key, title, _module, _cls) in enumerate(PAGE_SPECS, start=1):
            item = QListWidgetItem(nav_icon(key), title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(f"{title} (Ctrl+{number})")
            self.nav.addItem(item)
        self.nav.setMinimumWidth(self._nav_width())
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([self._nav_width(), 1000])

        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(top)
        central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self.status_label = QLabel(T.STATUS_READY)
        self.statusBar().addWidget(self.status_label, 1)
        self.db_label = QLabel(T.STATUS_DB.format(where=self._db_where()))
        self.db_label.setStyleSheet("color: #555;")
        self.statusBar().addPermanentWidget(self.db_label)

        self._refresh_header()
        self.reload_periods()
        self.period_combo.currentIndexChanged.connect(self._on_period_picked)
        ctx.period_changed.connect(self._on_ctx_period)
        ctx.commune_changed.connect(self._refresh_header)
        ctx.data_changed.connect(self._on_data_changed)
        self.nav.currentRowChanged.connect(self._on_nav_row)
        self.resize(*self.DEFAULT_SIZE)
        self._restore_state()
        from ui.idle_lock import install_idle_lock

        self.idle_lock = install_idle_lock(self, ctx)  # asks the password again after idling

    # -- identity -----------------------------------------------------------------
    def _read_scope(self) -> object | None:
        """The scope of a province/national database (no local commune), else None."""
        if self.ctx.commune is not None:
            return None
        from models.bundle.scope import database_scope

        try:
            with self.ctx.db.session() as s:
                return database_scope(s)
        except Exception:  # the header must not take the window down
            log.exception("Could not read the database scope")
            return None

    @property
    def is_upper(self) -> bool:
        return self.scope is not None

    def _scope_title(self) -> str:
        from models.services.upper import scope_title

        return scope_title(self.scope)  # type: ignore[arg-type]

    def _title(self) -> str:
        commune = self.ctx.commune
        if commune:
            return f"{T.APP_TITLE} — {commune.commune_name}"
        if self.scope is not None:
            return f"{T.APP_TITLE} — {self._scope_title()}"
        return T.APP_TITLE

    def _nav_width(self) -> int:
        metrics = self.nav.fontMetrics()
        widest = max(metrics.horizontalAdvance(title) for _k, title, _m, _c in PAGE_SPECS)
        return widest + 24 + 60

    def _db_where(self) -> str:
        db = self.ctx.db
        if db.path is not None:
            return str(db.path)
        return db.url.render_as_string(hide_password=True)

    def _refresh_header(self) -> None:
        commune = self.ctx.commune
        if commune is not None:
            self.commune_label.setText(commune.display_name)
        elif self.scope is not None:
            scope = self.scope
            self.commune_label.setText(
                TU.HEADER_COUNTRY
                if scope.is_country  # type: ignore[attr-defined]
                else TU.HEADER_PROVINCE.format(province=scope.label)  # type: ignore[attr-defined]
            )
            self.commune_label.setToolTip(self._scope_title())
        else:
            self.commune_label.setText(T.APP_TITLE)
        user = self.ctx.user
        role = domain_texts.label(user.role)
        name = user.full_name if user.full_name and user.full_name != role else user.username
        unit = getattr(user, "unit", None)
        if unit is not None:
            text = T.USER_UNIT.format(name=name, role=role, unit=unit.name)
        else:
            text = T.USER_LABEL.format(name=name, role=role)
        self.user_label.setText(text)
        self.setWindowTitle(self._title())

    # -- menus and shortcuts -------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(T.MENU_FILE)
        self.action_import_plan = QAction(T.ACTION_IMPORT_PLAN, self)
        self.action_import_plan.triggered.connect(self.import_plan)
        self.action_import_plan.setEnabled(self.ctx.can(perms.EDIT_PLAN))
        self.action_backup = QAction(T.ACTION_BACKUP, self)
        self.action_backup.triggered.connect(self.backup)
        self.action_backup.setEnabled(self.ctx.can(perms.BACKUP))
        self.action_restore = QAction(TR.ACTION_RESTORE, self)
        self.action_restore.setObjectName("action_restore")
        self.action_restore.triggered.connect(self.restore)
        self.action_restore.setEnabled(self.ctx.can(Permission.RESTORE.value))
        self.action_restore.setVisible(self.ctx.can(Permission.RESTORE.value))
        self.action_save = QAction(T.ACTION_SAVE, self)
        self.action_save.setShortcut(QKeySequence.StandardKey.Save)
        self.action_save.triggered.connect(self.save_current)
        self.action_logout = QAction(T.ACTION_LOGOUT, self)
        self.action_logout.triggered.connect(self.logout)
        self.action_quit = QAction(T.ACTION_QUIT, self)
        self.action_quit.setShortcut(QKeySequence("Ctrl+Q"))
        self.action_quit.triggered.connect(self.close)
        file_menu.addAction(self.action_import_plan)
        file_menu.addAction(self.action_backup)
        file_menu.addAction(self.action_restore)
        file_menu.addSeparator()
        file_menu.addAction(self.action_save)
        file_menu.addSeparator()
        file_menu.addAction(self.action_logout)
        file_menu.addAction(self.action_quit)

        help_menu = bar.addMenu(T.MENU_HELP)
        self.action_guide = QAction(T.ACTION_GUIDE, self)
        self.action_guide.setShortcut(QKeySequence("F1"))
        self.action_guide.triggered.connect(self.show_guide)
        self.action_about = QAction(T.ACTION_ABOUT, self)
        self.action_about.triggered.connect(self.show_about)
        help_menu.addAction(self.action_guide)
        help_menu.addAction(self.action_about)

        self.action_search = QAction(T.ACTION_SEARCH, self)
        self.action_search.setShortcut(QKeySequence.StandardKey.Find)
        self.action_search.triggered.connect(self.focus_search)
        self.addAction(self.action_search)
        for number in range(1, min(9, len(PAGE_SPECS)) + 1):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, n=number: self.nav.setCurrentRow(n - 1))
            self.addAction(action)

    # -- periods ----------------------------------------------------------------------
    def reload_periods(self) -> None:
        """Fill the period selector (after periods were added, locked or unlocked)."""
        with self.ctx.db.session() as s:
            choices: list[PeriodChoice] = period_choices(s, convention=self.ctx.convention)
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        for choice in choices:
            suffix = T.PERIOD_LOCKED_SUFFIX if choice.locked else ""
            self.period_combo.addItem(choice.label + suffix, choice.code)
        position = self.period_combo.findData(self.ctx.period_code)
        if position < 0:
            self.period_combo.insertItem(0, self.ctx.period_label, self.ctx.period_code)
            position = 0
        self.period_combo.setCurrentIndex(position)
        self.period_combo.blockSignals(False)

    def _on_period_picked(self, index: int) -> None:
        code = self.period_combo.itemData(index)
        if code:
            self.ctx.set_period(str(code))

    def _on_ctx_period(self, code: str) -> None:
        position = self.period_combo.findData(code)
        if position < 0:
            self.reload_periods()
        elif position != self.period_combo.currentIndex():
            self.period_combo.blockSignals(True)
            self.period_combo.setCurrentIndex(position)
            self.period_combo.blockSignals(False)

    def _on_data_changed(self, area: str) -> None:
        if area in ("periods", "commune", "settings"):
            self.reload_periods()

    # -- pages ------------------------------------------------------------------------
    def page_keys(self) -> list[str]:
        return [key for key, _t, _m, _c in PAGE_SPECS]

    def page(self, key: str) -> QWidget:
        """The page widget for ``key``, created on first use."""
        found = self._pages.get(key)
        if found is not None:
            return found
        spec = next(s for s in PAGE_SPECS if s[0] == key)
        widget = self._create_page(*spec)
        self._pages[key] = widget
        self.stack.addWidget(widget)
        return widget

    def _create_page(self, key: str, title: str, module_name: str, class_name: str) -> QWidget:
        if self.is_upper and key in COMMUNE_ONLY_PAGES:
            widget = UpperLevelNotePage(
                title, self._upper_note(), go_bundles=lambda: self.show_page("bundles")
            )
            widget.setObjectName(f"page_{key}")
            return widget
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                return PlaceholderPage(title, T.PAGE_PLACEHOLDER.format(title=title))
            log.exception("Page %s failed to import", key)
            return PlaceholderPage(title, T.PAGE_LOAD_FAILED.format(title=title))
        except Exception:
            log.exception("Page %s failed to import", key)
            return PlaceholderPage(title, T.PAGE_LOAD_FAILED.format(title=title))
        cls = getattr(module, class_name, None)
        if cls is None:
            return PlaceholderPage(title, T.PAGE_PLACEHOLDER.format(title=title))
        try:
            widget = cls(self.ctx, self.stack)
        except Exception:
            log.exception("Page %s failed to build", key)
            return PlaceholderPage(title, T.PAGE_LOAD_FAILED.format(title=title))
        widget.setObjectName(f"page_{key}")
        return widget

    def _upper_note(self) -> str:
        scope = self.scope
        if scope is None or scope.is_country:  # type: ignore[attr-defined]
            what = TU.WHAT_COUNTRY
        else:
            what = TU.WHAT_PROVINCE.format(province=scope.label)  # type: ignore[attr-defined]
        return TU.COMMUNE_ONLY_NOTE.format(what=what)

    def current_key(self) -> str | None:
        return self._current_key

    def current_page(self) -> QWidget | None:
        return self._pages.get(self._current_key) if self._current_key else None

    def show_page(self, key: str) -> bool:
        """Switch to page ``key`` (asks the current page first). True if shown."""
        keys = self.page_keys()
        if key not in keys:
            return False
        row = keys.index(key)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)
        return self._current_key == key

    def _on_nav_row(self, row: int) -> None:
        keys = self.page_keys()
        if not 0 <= row < len(keys):
            return
        key = keys[row]
        if key == self._current_key:
            return
        current = self.current_page()
        can_leave = getattr(current, "can_leave", None)
        if callable(can_leave) and not can_leave():
            previous = keys.index(self._current_key) if self._current_key else 0
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(previous)
            self.nav.blockSignals(False)
            return
        widget = self.page(key)
        self.stack.setCurrentWidget(widget)
        self._current_key = key
        activate = getattr(widget, "activate", None)
        if callable(activate):
            try:
                activate()
            except Exception as exc:  # a page's refresh must not take the window down
                log.exception("Page %s failed to activate", key)
                dialogs.error(self, worker.error_message(exc))
        self.status_label.setText(T.STATUS_READY)

    def focus_search(self) -> None:
        page = self.current_page()
        handler = getattr(page, "focus_search", None)
        if callable(handler):
            handler()
        else:
            self.statusBar().showMessage(T.NO_SEARCH, 3000)

    def save_current(self) -> None:
        page = self.current_page()
        handler = getattr(page, "save", None)
        if callable(handler):
            handler()
        else:
            self.statusBar().showMessage(T.NOTHING_TO_SAVE, 3000)

    def show_message(self, text: str, timeout_ms: int = 5000) -> None:
        """Show a short note in the status bar (pages call this after saving)."""
        self.statusBar().showMessage(text, timeout_ms)

    # -- window state -----------------------------------------------------------------
    def _restore_state(self) -> None:
        settings = ui_settings()
        geometry = settings.value(KEY_GEOMETRY)
        if isinstance(geometry, QByteArray | bytes) and geometry:
            self.restoreGeometry(QByteArray(geometry))
        state = settings.value(KEY_STATE)
        if isinstance(state, QByteArray | bytes) and state:
            self.restoreState(QByteArray(state))
        splitter = settings.value(KEY_SPLITTER)
        if isinstance(splitter, QByteArray | bytes) and splitter:
            self.splitter.restoreState(QByteArray(splitter))
        key = settings.value(KEY_PAGE)
        keys = self.page_keys()
        if self.is_upper and (key not in keys or key in COMMUNE_ONLY_PAGES):
            key = "bundles"  # an upper-level database works on the Gói dữ liệu page
        self.nav.setCurrentRow(keys.index(key) if key in keys else 0)

    def save_state(self) -> None:
        settings = ui_settings()
        settings.setValue(KEY_GEOMETRY, self.saveGeometry())
        settings.setValue(KEY_STATE, self.saveState())
        settings.setValue(KEY_SPLITTER, self.splitter.saveState())
        if self._current_key:
            settings.setValue(KEY_PAGE, self._current_key)
        settings.sync()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.first_shown.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        page = self.current_page()
        can_leave = getattr(page, "can_leave", None)
        if callable(can_leave) and not can_leave():
            event.ignore()
            return
        self.save_state()
        event.accept()
        self.closed.emit()

    # -- menu actions -----------------------------------------------------------------
    def logout(self) -> None:
        page = self.current_page()
        can_leave = getattr(page, "can_leave", None)
        if callable(can_leave) and not can_leave():
            return
        self.save_state()
        self.logout_requested.emit()

    def import_plan(self) -> None:
        try:
            module = importlib.import_module("ui.plan_import_dialog")
        except ModuleNotFoundError as exc:
            if exc.name != "ui.plan_import_dialog":
                raise
            dialogs.info(self, T.FEATURE_MISSING.format(name=T.PLAN_IMPORT_TITLE))
            return
        dialog = module.PlanImportDialog(self.ctx, self)
        dialog.exec()
        self.ctx.notify("plan")

    def backup(self) -> None:
        from ui import backup as backup_ui

        backup_ui.backup_interactively(self.ctx, self)

    def restore(self) -> None:
        """Tệp → Phục hồi: pick a backup and confirm; the controller closes the
        database, restores and returns to sign-in (``restore_requested``)."""
        from ui import backup as backup_ui

        page = self.current_page()
        can_leave = getattr(page, "can_leave", None)
        if callable(can_leave) and not can_leave():
            return
        chosen = backup_ui.choose_restore(self.ctx, self)
        if chosen is None:
            return
        self.save_state()
        self.restore_requested.emit(chosen)

    def show_guide(self) -> None:
        path = guide_path()
        if path is None:
            dialogs.info(
                self,
                T.GUIDE_MISSING.format(path=paths.resources_dir().parent / "docs"),
                title=T.GUIDE_TITLE,
            )
            return
        HelpDialog(path, self).exec()

    def show_about(self) -> None:
        box = dialogs.message_box(
            self,
            icon=dialogs.QMessageBox.Icon.Information,
            title=T.ABOUT_TITLE,
            text=T.ABOUT_TEXT.format(
                app=T.APP_TITLE, version=program_version(), data=paths.data_dir()
            ),
        )
        box.setTextFormat(Qt.TextFormat.RichText)
        box.exec()
