"""The Cập nhật kỳ báo cáo page: which units reported for the working period,
on time or late, a way to open each unit's form, and locking the period.

Loading runs in the worker; locking and unlocking are one service call each
(role-checked again by the service, logged) after a confirmation. UI thread.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from models.errors import AppError
from models.periods import parse_period_code, period_bounds, submission_deadline
from models.schema import Period, User
from models.services import updates as svc
from ui import dialogs
from ui.columns import size_columns
from ui.context import EDIT_UPDATES, LOCK_PERIOD, AppContext
from ui.models.common import fmt_date, fmt_datetime
from ui.models.completeness import CompletenessModel
from ui.texts import updates as T
from ui.update_form import UnitUpdateForm
from ui.widgets import BusyOverlay, setup_table


@dataclass
class _Loaded:
    rows: list[svc.UnitCompleteness]
    exists: bool
    locked: bool
    locked_at: dt.datetime | None
    deadline: dt.date


def load_completeness(db: Any, period_code: str, convention: Any, deadline_day: int) -> _Loaded:
    """Worker: completeness rows and the lock state of the period."""
    with db.session() as s:
        rows = svc.completeness(s, period_code)
        period = s.scalar(select(Period).where(Period.code == period_code))
        if period is not None:
            end = period.end_date
        else:
            end = period_bounds(parse_period_code(period_code), convention)[1]
        return _Loaded(
            rows=rows,
            exists=period is not None,
            locked=bool(period and period.locked),
            locked_at=period.locked_at if period is not None else None,
            deadline=rows[0].deadline if rows else submission_deadline(end, deadline_day),
        )


class UpdatesPage(QWidget):
    """Cập nhật kỳ báo cáo: completeness of the working period and its lock."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        self.loaded: _Loaded | None = None
        self.open_forms: list[UnitUpdateForm] = []

        self.heading = QLabel("")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.deadline_label = QLabel("")
        self.deadline_label.setStyleSheet("color: #4a4a4a;")
        self.banner = QLabel("")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "QLabel { background: #fff4ce; color: #6b4a00; border: 1px solid #f0d58c;"
            " border-radius: 4px; padding: 8px 10px; }"
        )
        self.banner.hide()
        self.summary = QLabel("")
        self.summary.setWordWrap(True)

        self.model = CompletenessModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_table(self.table)
        self.table.setSortingEnabled(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 18)
        self.table.doubleClicked.connect(lambda idx: self._open_row(idx.row()))
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        enter.activated.connect(lambda: self._open_row(self.table.currentIndex().row()))

        self.open_button = QPushButton(T.OPEN_FORM)
        self.open_button.setToolTip(T.OPEN_FORM_TIP)
        self.open_button.clicked.connect(lambda: self._open_row(self.table.currentIndex().row()))
        self.my_button = QPushButton(T.MY_FORM)
        self.my_button.clicked.connect(self.open_my_form)
        self.my_button.setVisible(ctx.unit_id is not None and ctx.can(EDIT_UPDATES))
        self.lock_button = QPushButton(T.LOCK)
        self.lock_button.clicked.connect(self.lock)
        self.unlock_button = QPushButton(T.UNLOCK)
        self.unlock_button.clicked.connect(self.unlock)
        self.refresh_button = QPushButton(T.REFRESH)
        self.refresh_button.clicked.connect(self.reload)
        if ctx.can(LOCK_PERIOD):
            self.lock_button.setToolTip(T.LOCK_TIP)
            self.unlock_button.setToolTip(T.UNLOCK_TIP)
        else:
            self.lock_button.setToolTip(T.LOCK_ROLE_TIP)
            self.unlock_button.setToolTip(T.LOCK_ROLE_TIP)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.deadline_label)
        top.addLayout(titles, 1)
        top.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.my_button)
        buttons.addStretch(1)
        buttons.addWidget(self.lock_button)
        buttons.addWidget(self.unlock_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.busy = BusyOverlay(self.table, T.LOADING)
        self.setTabOrder(self.table, self.open_button)
        self.setTabOrder(self.open_button, self.lock_button)
        self.setTabOrder(self.lock_button, self.unlock_button)

        ctx.period_changed.connect(self._on_changed)
        ctx.data_changed.connect(self._on_data_changed)
        self._update_buttons()

    # -- page protocol ----------------------------------------------------------------
    def activate(self) -> None:
        if self._stale:
            self.reload()

    def can_leave(self) -> bool:
        return True

    def focus_search(self) -> None:
        self.table.setFocus()


    def _on_changed(self, *_a: Any) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def _on_data_changed(self, area: str) -> None:
        if area in ("updates", "periods", "units", "catalog", "tasks", "indicators", "commune"):
            self._on_changed()

    # -- loading ------------------------------------------------------------------------------
    def reload(self) -> None:
        self._stale = False
        db, code, conv = self.ctx.db, self.ctx.period_code, self.ctx.convention
        day = self.ctx.commune.unit_deadline_day if self.ctx.commune else 15
        self.busy.run(lambda: load_completeness(db, code, conv, day), owner=self,
                      on_done=self._loaded)

    def _loaded(self, loaded: _Loaded) -> None:
        self.loaded = loaded
        current = self.table.currentIndex()
        keep = self.model.row(current.row()).unit_id if current.isValid() and self.model.row(
            current.row()
        ) else None
        self.model.set_rows(loaded.rows)
        size_columns(self.table, {1: 10, 2: 9, 3: 17, 4: 20}, stretch=0)
        self._add_row_buttons()
        period = self.ctx.period_label
        self.heading.setText(T.HEADING.format(period=period))
        self.deadline_label.setText(T.DEADLINE.format(date=fmt_date(loaded.deadline)))
        if loaded.locked:
            when = T.LOCKED_WHEN.format(time=fmt_datetime(loaded.locked_at)) if (
                loaded.locked_at
            ) else ""
            self.banner.setText(T.LOCKED_BANNER.format(period=period, when=when))
            self.banner.show()
        elif not loaded.exists:
            self.banner.setText(T.NO_PERIOD.format(period=period))
            self.banner.show()
        else:
            self.banner.hide()
        rows = loaded.rows
        if rows:
            on_time = sum(1 for r in rows if r.state is svc.SubmissionState.ON_TIME)
            late = sum(1 for r in rows if r.state is svc.SubmissionState.LATE)
            missing = len(rows) - on_time - late
            self.summary.setText(
                T.SUMMARY.format(
                    submitted=on_time + late, total=len(rows), on_time=on_time, late=late,
                    missing=missing,
                )
            )
        else:
            self.summary.setText(T.NO_UNITS)
        row = self.model.row_of_unit(keep) if keep is not None else -1
        if row < 0 and self.ctx.unit_id is not None:
            row = self.model.row_of_unit(self.ctx.unit_id)
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def _add_row_buttons(self) -> None:
        col = self.model.column_of("action")
        for row, r in enumerate(self.model.rows()):
            own = self.ctx.can(EDIT_UPDATES, unit_id=r.unit_id)
            editable = own and not (self.loaded and self.loaded.locked)
            button = QPushButton(T.OPEN_FORM if editable else T.VIEW_FORM)
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, u=r.unit_id: self.open_form(u))
            self.table.setIndexWidget(self.model.index(row, col), button)
        probe = QPushButton(T.VIEW_FORM if len(T.VIEW_FORM) > len(T.OPEN_FORM) else T.OPEN_FORM)
        width = probe.sizeHint().width() + 8
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(col, width)

    def _update_buttons(self) -> None:
        has = self.table.currentIndex().isValid()
        self.open_button.setEnabled(has)
        unit_id = self.current_unit_id()
        editable = (
            unit_id is not None
            and self.ctx.can(EDIT_UPDATES, unit_id=unit_id)
            and not (self.loaded is not None and self.loaded.locked)
        )
        self.open_button.setText(T.OPEN_FORM if editable or not has else T.VIEW_FORM)
        loaded = self.loaded
        may_lock = self.ctx.can(LOCK_PERIOD)
        self.lock_button.setEnabled(
            may_lock and loaded is not None and loaded.exists and not loaded.locked
        )
        self.unlock_button.setEnabled(may_lock and loaded is not None and loaded.locked)

    # -- forms --------------------------------------------------------------------------------
    def _open_row(self, row: int) -> None:
        r = self.model.row(row)
        if r is not None:
            self.open_form(r.unit_id)

    def open_my_form(self) -> None:
        if self.ctx.unit_id is not None:
            self.open_form(self.ctx.unit_id)

    def open_form(self, unit_id: int) -> UnitUpdateForm:
        """Open the unit's form (window-modal, not blocking); reload when it closes."""
        form = UnitUpdateForm(
            self.ctx, unit_id=unit_id, period_code=self.ctx.period_code, parent=self
        )
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        screen = self.screen()
        if screen is not None and screen.availableGeometry().width() < 1500:
            form.setWindowState(Qt.WindowState.WindowMaximized)
        self.open_forms.append(form)

        def closed(_result: int) -> None:
            if form in self.open_forms:
                self.open_forms.remove(form)
            self.reload()

        form.finished.connect(closed)
        form.saved.connect(self.reload)
        form.open()
        return form

    # -- locking ---------------------------------------------------------------------------------
    def _user(self, session: Any) -> User | None:
        return session.get(User, self.ctx.user.id)

    def lock(self) -> bool:
        """Ask, then lock the working period. Returns True when locked."""
        loaded = self.loaded
        if loaded is None or loaded.locked or not self.ctx.can(LOCK_PERIOD):
            return False
        period = self.ctx.period_label
        text = T.LOCK_CONFIRM.format(period=period)
        missing = [r.unit_name for r in loaded.rows if r.state is svc.SubmissionState.MISSING]
        if missing:
            text += T.LOCK_CONFIRM_MISSING.format(count=len(missing), names=", ".join(missing))
        if not dialogs.confirm(
            self, T.LOCK_CONFIRM_TITLE, text, yes_text=T.LOCK_YES, no_text=T.NO
        ):
            return False
        return self._set_lock(locked=True)

    def unlock(self) -> bool:
        """Ask, then unlock the working period. Returns True when unlocked."""
        loaded = self.loaded
        if loaded is None or not loaded.locked or not self.ctx.can(LOCK_PERIOD):
            return False
        if not dialogs.confirm(
            self,
            T.UNLOCK_CONFIRM_TITLE,
            T.UNLOCK_CONFIRM.format(period=self.ctx.period_label),
            yes_text=T.UNLOCK_YES,
            no_text=T.NO,
        ):
            return False
        return self._set_lock(locked=False)

    def _set_lock(self, *, locked: bool) -> bool:
        code = self.ctx.period_code
        try:
            with self.ctx.transaction() as s:
                fn = svc.lock_period if locked else svc.unlock_period
                fn(s, code, user=self._user(s))
        except AppError as exc:
            dialogs.warn(self, exc.message)
            self.reload()
            return False
        self._stale = True
        self.ctx.notify("periods")
        if self._stale:
            self.reload()
        show = getattr(self.window(), "show_message", None)
        if callable(show):
            show((T.LOCKED_DONE if locked else T.UNLOCKED_DONE).format(period=self.ctx.period_label))
        return True

    def current_unit_id(self) -> int | None:
        r = self.model.row(self.table.currentIndex().row())
        return r.unit_id if r is not None else None

    def select_unit(self, unit_id: int) -> None:
        row = self.model.row_of_unit(unit_id)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))

    def index_of_unit(self, unit_id: int) -> QModelIndex:
        row = self.model.row_of_unit(unit_id)
        return self.model.index(row, 0) if row >= 0 else QModelIndex()
