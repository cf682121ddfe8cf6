"""Start the desktop program: application, Vietnamese translator, look, then
open the database off the UI thread, run the first-run wizard (or, for an
upper-level database without accounts, the first-administrator dialog) or
sign-in, and show the main window; Tệp → Phục hồi closes the database,
restores a backup and comes back to sign-in.

``run(db=..., debug=...)`` is called by ``cli/app.py`` when no command is
given and returns the process exit code. Heavy modules (reports, charts,
PDF) are never imported here: pages import them when first used, so the
window appears quickly on old PCs (goal: < 1.5 s, see ``bench/``).

Bench mode (``NQ57_BENCH=1`` only): ``NQ57_BENCH_AUTOLOGIN=<username>``
skips the sign-in dialog, and the program prints ``NQ57_BENCH_SHOWN`` when
the main window is first shown, then quits.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import threading
import time
import traceback
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QProgressBar,
    QStyleFactory,
    QVBoxLayout,
    QWidget,
)

from models import APP_AUTHOR, APP_DISPLAY_NAME, APP_NAME, paths
from models.errors import DatabaseError
from ui import dialogs, i18n, worker
from ui.texts import common as T
from ui.texts import restore as TR

if TYPE_CHECKING:  # models.db (SQLAlchemy, Alembic) is imported by the opening worker
    from models.db import Database

log = logging.getLogger("nq57")

DEFAULT_FONT_PT = 11
MIN_FONT_PT = 9
MAX_FONT_PT = 16
KEY_FONT_PT = "ui/font_pt"
ENV_BENCH = "NQ57_BENCH"
ENV_BENCH_AUTOLOGIN = "NQ57_BENCH_AUTOLOGIN"
BENCH_MARK = "NQ57_BENCH_SHOWN"


# ---------------------------------------------------------------------------
# Look and feel
# ---------------------------------------------------------------------------


def font_size_pt() -> int:
    """The program's font size from the UI settings (default 11 pt)."""
    from ui.prefs import ui_settings

    try:
        value = int(ui_settings().value(KEY_FONT_PT, DEFAULT_FONT_PT))
    except (TypeError, ValueError):
        value = DEFAULT_FONT_PT
    return max(MIN_FONT_PT, min(MAX_FONT_PT, value))


def apply_font_size(app: QApplication, points: int) -> None:
    font = QFont(app.font())
    font.setPointSize(points)
    app.setFont(font)


def apply_look(app: QApplication, *, font_pt: int | None = None) -> None:
    """Fusion style, a light palette and a readable font size for older users."""
    fusion = QStyleFactory.create("Fusion")
    if fusion is not None:
        app.setStyle(fusion)
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f5f7fa"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f2f5f9"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#2f6ea5"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#ffffe6"))
    palette.setColor(QPalette.ColorRole.ToolTipText, QColor("#1b1b1b"))
    app.setPalette(palette)
    font = QFont(app.font())
    if sys.platform == "win32":
        font.setFamily("Segoe UI")
    font.setPointSize(font_pt if font_pt is not None else font_size_pt())
    app.setFont(font)
    app.setStyleSheet(
        "QToolTip { padding: 4px; }"
        "QPushButton { padding: 5px 14px; min-height: 1.5em; }"
        "QLineEdit, QComboBox, QSpinBox, QDateEdit { padding: 3px 4px; min-height: 1.4em; }"
        "QHeaderView::section { padding: 5px 6px; font-weight: bold; background: #e8edf3;"
        " border: none; border-right: 1px solid #cfd7e1; border-bottom: 1px solid #cfd7e1; }"
        "QTabBar::tab { padding: 7px 16px; }"
    )


def configure_application(app: QApplication) -> None:
    """Names (for QSettings), Vietnamese translator and locale, look. Idempotent:
    the style and style sheet are set once (changing them under live widgets
    can crash Qt)."""
    if app.property("nq57_configured"):
        return
    app.setProperty("nq57_configured", True)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_AUTHOR)
    QApplication.setApplicationDisplayName(APP_DISPLAY_NAME)
    i18n.install(app)
    icon = paths.resources_dir() / "icons" / "app.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    apply_look(app)


# ---------------------------------------------------------------------------
# Logging and the last-resort error handler
# ---------------------------------------------------------------------------


def setup_logging(debug: bool) -> None:
    root = logging.getLogger()
    if any(getattr(h, "_nq57", False) for h in root.handlers):
        return
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    try:
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            paths.log_dir() / "nq57.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._nq57 = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    if debug:
        console = logging.StreamHandler()
        console._nq57 = True  # type: ignore[attr-defined]
        root.addHandler(console)


_showing_error = False


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """Log an uncaught exception and tell the user in Vietnamese (no traceback)."""
    global _showing_error
    detail = "".join(traceback.format_exception(kind, value, tb))
    log.error("Uncaught exception:\n%s", detail)
    if issubclass(kind, KeyboardInterrupt):
        QApplication.quit()
        return
    app = QApplication.instance()
    if app is None or _showing_error or threading.current_thread() is not threading.main_thread():
        return
    _showing_error = True
    try:
        dialogs.error(QApplication.activeWindow(), worker.error_message(value))
    finally:
        _showing_error = False


def install_excepthook() -> None:
    sys.excepthook = _excepthook

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        log.error(
            "Uncaught exception in thread %s:\n%s",
            args.thread.name if args.thread else "?",
            "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)),
        )

    threading.excepthook = thread_hook


# ---------------------------------------------------------------------------
# Splash: shown while the database opens
# ---------------------------------------------------------------------------


class Splash(QFrame):
    """A small window with the program name, a message and a busy bar."""

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("splash")
        self.setStyleSheet(
            "#splash { background: #1f4e79; border: 1px solid #163a5c; }"
            " #splash QLabel { color: white; }"
        )
        title = QLabel(T.APP_TITLE)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel(T.APP_SUBTITLE)
        self.message = QLabel(T.SPLASH_OPENING)
        bar = QProgressBar()
        bar.setRange(0, 0)
        bar.setTextVisible(False)
        bar.setFixedHeight(8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 22)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(12)
        layout.addWidget(self.message)
        layout.addWidget(bar)
        self.setFixedWidth(max(520, self.sizeHint().width()))

    def set_message(self, text: str) -> None:
        self.message.setText(text)


# ---------------------------------------------------------------------------
# The start-up flow
# ---------------------------------------------------------------------------


class OpenedDatabase:
    """What the opening job found: the database, its commune (or, for an
    upper-level database, its scope) and accounts."""

    def __init__(
        self,
        db: Database,
        *,
        has_commune: bool,
        has_users: bool,
        demo: bool,
        commune_name: str,
        scope: object | None = None,
    ) -> None:
        self.db = db
        self.has_commune = has_commune
        self.has_users = has_users
        self.demo = demo
        self.commune_name = commune_name
        self.scope = scope  # models.bundle.scope.Scope of a province/national database

    @property
    def is_upper(self) -> bool:
        return self.scope is not None


def inspect_database(db: Database) -> OpenedDatabase:
    """What an open database holds: a local commune or an upper-level scope,
    accounts, demo data."""
    from sqlalchemy import func, select

    from models.bundle.scope import database_scope
    from models.schema import Commune, Setting, User
    from models.services.upper import scope_title

    with db.session() as s:
        commune = s.scalar(select(Commune).where(Commune.is_local.is_(True)))
        users = int(s.scalar(select(func.count()).select_from(User)) or 0)
        demo = s.get(Setting, "demo")
        scope = database_scope(s) if commune is None else None
    if commune is not None:
        name = f"{commune.commune_name}, {commune.province_name}"
    elif scope is not None:
        name = scope_title(scope)
    else:
        name = ""
    return OpenedDatabase(
        db,
        has_commune=commune is not None,
        has_users=users > 0,
        demo=bool(demo and demo.value),
        commune_name=name,
        scope=scope,
    )


def open_and_inspect(target: str | None) -> OpenedDatabase:
    """Worker: open (and migrate) the database and look at what it holds."""
    from models.db import open_database
    from models.health import after_open, startup_check

    check = startup_check(target)  # HealthError: damaged/missing file; lock or read-only
    try:
        db = open_database(target, read_only=check.read_only)
    except Exception:
        if check.lock is not None:
            check.lock.release()
        raise
    db.info["instance_lock"] = check.lock  # released by db.close()
    try:
        db.info["startup_messages"] = check.messages + after_open(db)
        return inspect_database(db)
    except Exception:
        db.close()
        raise


class AppController(QObject):
    """Drives start-up → (wizard) → sign-in → main window → sign-out. UI thread."""

    finished = Signal(int)  # exit code

    def __init__(self, *, target: str | None, bench: bool = False, exit_app: bool = False) -> None:
        """``exit_app``: end the application's event loop when the flow ends
        (``run`` sets it; tests and embedders only get ``finished``)."""
        super().__init__()
        self.target = target
        self.bench = bench
        self.exit_app = exit_app
        self.db: Database | None = None
        self.opened: OpenedDatabase | None = None
        self.splash: Splash | None = None
        self.wizard: QWidget | None = None
        self.login: QWidget | None = None
        self.window: QWidget | None = None
        self.ctx: object | None = None
        self.exit_code = 0
        self.started_at = time.perf_counter()

    # -- opening ------------------------------------------------------------------
    def start(self) -> None:
        self.splash = Splash()
        self.splash.show()
        worker.run_in_background(
            lambda _c: open_and_inspect(self.target),
            on_done=self._on_opened,
            on_error=self._on_open_failed,
            show_progress=False,
        )

    def _close_splash(self) -> None:
        if self.splash is not None:
            self.splash.close()
            self.splash.deleteLater()
            self.splash = None

    def _on_open_failed(self, exc: BaseException) -> None:
        self._close_splash()
        from models.health import HealthError

        if isinstance(exc, HealthError):  # damaged or missing file: offer a backup
            from ui.recovery_dialog import Outcome, offer_recovery

            if offer_recovery(exc) is not Outcome.QUIT:
                self.start()
                return
            self._quit(exc.exit_code)
            return
        if isinstance(exc, DatabaseError):
            dialogs.error(None, exc.message + T.DB_ERROR_HINT, title=T.DB_ERROR_TITLE)
            self._quit(exc.exit_code)
            return
        dialogs.error(None, worker.error_message(exc), title=T.DB_ERROR_TITLE)
        self._quit(1)

    def _on_opened(self, opened: OpenedDatabase) -> None:
        self.opened = opened
        self.db = opened.db
        for message in opened.db.info.get("startup_messages", []):  # busy copy, backup failed
            dialogs.warn(None, message)
        if opened.is_upper and not opened.has_users:
            self._close_splash()
            self.show_upper_setup()
            return
        if not opened.has_commune and not opened.has_users:
            self._close_splash()
            self.show_wizard()
            return
        self.show_login()

    # -- first run ----------------------------------------------------------------
    def show_wizard(self) -> None:
        from ui.setup_wizard import SetupWizard

        assert self.db is not None
        wizard = SetupWizard(self.db)
        self.wizard = wizard
        wizard.finished.connect(self._on_wizard_finished)
        wizard.show()

    def show_upper_setup(self) -> None:
        """An upper-level database without accounts: create the first administrator."""
        from ui.upper_setup import UpperAdminDialog

        assert self.db is not None and self.opened is not None
        dialog = UpperAdminDialog(self.db, self.opened.scope)  # type: ignore[arg-type]
        self.wizard = dialog
        dialog.finished.connect(self._on_wizard_finished)
        dialog.show()

    def _on_wizard_finished(self, result: int) -> None:
        wizard = self.wizard
        self.wizard = None
        if result != 1 or wizard is None:
            self._quit(0)
            return
        assert self.db is not None
        opened = inspect_database(self.db)
        self.opened = opened
        username = getattr(wizard, "admin_username", None)
        wizard.deleteLater()
        self.show_login(username=username)

    # -- sign-in ------------------------------------------------------------------
    def show_login(self, *, username: str | None = None) -> None:
        assert self.db is not None and self.opened is not None
        if self.bench and os.environ.get(ENV_BENCH_AUTOLOGIN):
            user_id = _bench_user_id(self.db, os.environ[ENV_BENCH_AUTOLOGIN])
            if user_id is not None:
                self._close_splash()
                self.show_main(user_id)
                return
        from ui.login import LoginDialog

        dialog = LoginDialog(
            self.db,
            commune_name=self.opened.commune_name or None,
            username=username,
            demo=self.opened.demo,
        )
        self.login = dialog
        dialog.finished.connect(self._on_login_finished)
        self._close_splash()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _on_login_finished(self, result: int) -> None:
        from ui.login import ChangePasswordDialog, LoginDialog

        dialog = self.login
        self.login = None
        if not isinstance(dialog, LoginDialog) or result != 1 or dialog.user_id is None:
            if dialog is not None:
                dialog.deleteLater()
            self._quit(0)
            return
        user_id = dialog.user_id
        must_change = dialog.must_change_password
        dialog.deleteLater()
        if must_change:
            assert self.db is not None
            change = ChangePasswordDialog(self.db, user_id)
            if change.exec() != 1:
                self.show_login()
                return
        self.show_main(user_id)

    # -- main window --------------------------------------------------------------
    def show_main(self, user_id: int) -> None:
        from ui.context import AppContext, load_commune, load_user
        from ui.main_window import MainWindow

        assert self.db is not None
        with self.db.session() as s:
            user = load_user(s, user_id)
            commune = load_commune(s)
        ctx = AppContext(self.db, user, commune=commune)
        window = MainWindow(ctx)
        self.ctx = ctx
        self.window = window
        window.logout_requested.connect(self._on_logout)
        window.restore_requested.connect(self._on_restore)
        window.closed.connect(lambda: self._quit(0))
        if self.bench:
            window.first_shown.connect(self._bench_shown)
        window.show()

    def _bench_shown(self) -> None:
        print(
            f"{BENCH_MARK} {time.perf_counter() - self.started_at:.3f} cpu={time.process_time():.3f}",
            flush=True,
        )
        QTimer.singleShot(0, lambda: self._quit(0))

    def _on_logout(self) -> None:
        from models import audit
        from models.enums import AuditAction

        ctx = self.ctx
        window = self.window
        self.window = None
        self.ctx = None
        if ctx is not None and self.db is not None:
            try:
                with self.db.transaction(actor=ctx.actor) as s:  # type: ignore[attr-defined]
                    audit.log_event(
                        s,
                        AuditAction.LOGOUT,
                        summary=ctx.user.username,  # type: ignore[attr-defined]
                        entity="user_account",
                    )
            except Exception:  # logging out must work even if the log cannot be written
                log.exception("Could not log the sign-out")
        if window is not None:
            window.hide()
            window.deleteLater()
        self.show_login()

    # -- restore from a backup ----------------------------------------------------
    def _on_restore(self, backup: object) -> None:
        """Tệp → Phục hồi: close the window and the database (keeping this
        program's instance lock so no other copy opens it meanwhile), restore
        in the background, then open the database again and ask to sign in."""
        from pathlib import Path

        from ui import backup as backup_ui

        db = self.db
        ctx = self.ctx
        window = self.window
        assert db is not None and db.path is not None
        actor = getattr(ctx, "actor", None)
        self.window = None
        self.ctx = None
        if window is not None:
            window.hide()
            window.deleteLater()
        worker.wait_for_all(30)  # nothing may still write to the old file
        lock = db.info.pop("instance_lock", None)
        db.close()
        self.db = None
        self.opened = None
        db_path = Path(db.path)

        def reopen() -> None:
            if lock is not None:
                lock.release()  # the opening check takes it again
            self.start()

        def done(result: object) -> None:
            dialogs.info(None, backup_ui.restore_done_text(result), title=TR.TITLE)  # type: ignore[arg-type]
            reopen()

        def failed(exc: BaseException) -> None:
            dialogs.error(
                None, TR.FAILED_REOPEN.format(reason=worker.error_message(exc)), title=TR.TITLE
            )
            reopen()

        backup_ui.run_restore(
            db_path=db_path,
            backup=Path(str(backup)),
            lock=lock,
            actor=actor,
            on_done=done,
            on_error=failed,
        )

    # -- end ------------------------------------------------------------------------
    def _quit(self, code: int) -> None:
        self.exit_code = code
        self.finished.emit(code)
        app = QApplication.instance()
        # QCoreApplication.exit() outside exec() would make every later event
        # loop return at once, so only the running program ends its loop.
        if app is not None and self.exit_app:
            app.exit(code)


def _bench_user_id(db: Database, username: str) -> int | None:
    """Bench only: the id of ``username`` without a password check."""
    from sqlalchemy import select

    from models.schema import User

    with db.session() as s:
        return s.scalar(select(User.id).where(User.username == username.strip().lower()))


def run(*, db: str | None, debug: bool) -> int:
    """Run the desktop program on database ``db`` (path, URL or None = default)."""
    setup_logging(debug)
    install_excepthook()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    configure_application(app)
    # The program ends when the main window closes or sign-in/setup is cancelled,
    # not when the splash or a dialog closes.
    app.setQuitOnLastWindowClosed(False)
    bench = os.environ.get(ENV_BENCH) == "1"
    controller = AppController(target=db, bench=bench, exit_app=True)
    QTimer.singleShot(0, controller.start)
    code = app.exec()
    worker.wait_for_all(10)
    if controller.db is not None:
        controller.db.close()
    return controller.exit_code if code == 0 else code
