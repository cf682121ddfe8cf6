"""The Nhiệm vụ page: the plan's tasks as a tree or a table, filters, search,
a detail pane with the update history and evidence, and editing the tree.

Loading runs in the background worker (the tree with statuses for the
working period); filtering runs on the UI thread over pre-folded search
keys (see ``ui.models.task_filter``). Edits call one service function each
and reload. UI thread only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from models.enums import Recurrence, TaskStatus
from models.errors import AppError, NotFoundError
from models.periods import period_bounds
from models.schema import Period, Unit
from models.services import tasks as task_service
from models.services.tasks import TaskDetail, TaskInput, TaskNode
from models.texts import label
from ui import dialogs
from ui.columns import size_columns
from ui.context import EDIT_PLAN, AppContext
from ui.evidence import open_evidence
from ui.models.common import STATUS_BADGE, fmt_date
from ui.models.evidence_list import EvidenceListModel
from ui.models.task_filter import NO_UNIT, TaskFilter, TaskFilterProxy
from ui.models.task_history import TaskHistoryModel
from ui.models.task_table import TaskTableModel
from ui.models.task_tree import TaskTreeModel
from ui.task_dialogs import MoveTaskDialog, TaskDialog, UnitChoice
from ui.texts import tasks as T
from ui.widgets import BusyOverlay, SearchLineEdit, StatusBadge, setup_table
from ui.worker import run_in_background


@dataclass
class _Loaded:
    nodes: list[TaskNode]
    units: list[UnitChoice]
    period_start: dt.date
    period_end: dt.date
    reference_year: int | None


def load_tasks(db: Any, period_code: str, convention: Any) -> _Loaded:
    """Worker: the task tree with statuses of ``period_code``, and the units."""
    from models.periods import parse_period_code

    with db.session() as s:
        period = s.scalar(select(Period).where(Period.code == period_code))
        if period is not None:
            start, end = period.start_date, period.end_date
        else:
            start, end = period_bounds(parse_period_code(period_code), convention)
        nodes = task_service.task_tree(s, period=period)
        units = [
            UnitChoice(u.id, u.code, u.name)
            for u in s.scalars(
                select(Unit).where(Unit.active.is_(True)).order_by(Unit.sort_order, Unit.name)
            )
        ]
        plan = task_service.active_plan(s)
        year = plan.issued_on.year if plan is not None and plan.issued_on else None
    return _Loaded(nodes, units, start, end, year)


class _Field(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)


class TaskDetailPane(QWidget):
    """Right-hand pane: the selected task, its history and evidence."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.heading = QLabel(T.DETAIL_EMPTY)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.badge = StatusBadge("", "muted")
        self.badge.hide()
        self.fields: dict[str, _Field] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setVerticalSpacing(2)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for key, text in (
            ("group", T.DETAIL_GROUP),
            ("parent", T.DETAIL_PARENT),
            ("content", T.DETAIL_CONTENT),
            ("lead", T.DETAIL_LEAD),
            ("co_lead", T.DETAIL_CO_LEAD),
            ("coop", T.DETAIL_COOP),
            ("output", T.DETAIL_OUTPUT),
            ("timeframe", T.DETAIL_TIMEFRAME),
            ("deadline", T.DETAIL_DEADLINE),
        ):
            field = _Field()
            self.fields[key] = field
            caption = QLabel(text + ":")
            caption.setStyleSheet("color: #5a5a5a;")
            form.addRow(caption, field)
        self._form = form

        self.history_title = QLabel(f"<b>{T.DETAIL_HISTORY}</b>")
        self.history_model = TaskHistoryModel(self)
        self.history = QTableView()
        self.history.setModel(self.history_model)
        setup_table(self.history)
        self.history.setSortingEnabled(False)
        self.history.setMinimumHeight(110)
        # Never wider than the pane: the columns scroll inside the table.
        self.history.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        header = self.history.horizontalHeader()
        ch = self.fontMetrics().averageCharWidth()
        for col, chars in ((0, 14), (1, 14), (2, 5)):
            header.resizeSection(col, chars * ch + 12)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for col in (4, 5, 6):  # difficulties (in the tooltip), files (below), who
            self.history.setColumnHidden(col, True)
        self.history.selectionModel().currentRowChanged.connect(self._history_row_changed)
        self.no_history = QLabel(T.DETAIL_NO_HISTORY)
        self.no_history.setWordWrap(True)
        self.no_history.setStyleSheet("color: #6b6b6b;")

        self.evidence_title = QLabel(f"<b>{T.DETAIL_EVIDENCE}</b>")
        self.evidence_title.setWordWrap(True)
        self.evidence_model = EvidenceListModel(self)
        self.evidence = QTableView()
        self.evidence.setModel(self.evidence_model)
        setup_table(self.evidence, stretch_column=0)
        self.evidence.setSortingEnabled(False)
        self.evidence.setMaximumHeight(110)
        self.evidence.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.evidence.doubleClicked.connect(lambda _i: self.open_selected_file())
        self.open_button = QPushButton(T.DETAIL_OPEN_FILE)
        self.open_button.clicked.connect(self.open_selected_file)
        self.open_button.setEnabled(False)

        # Left: the task itself (scrolls); right: its history and evidence.
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.heading)
        badge_row = QHBoxLayout()
        badge_row.addWidget(self.badge)
        badge_row.addStretch(1)
        layout.addLayout(badge_row)
        layout.addLayout(form)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        right_box = QWidget()
        right_box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        right = QVBoxLayout(right_box)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.history_title)
        right.addWidget(self.history, 3)
        right.addWidget(self.no_history)
        right.addWidget(self.evidence_title)
        row = QHBoxLayout()
        row.addWidget(self.evidence, 1)
        row.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        right.addLayout(row, 1)
        right.addStretch(0)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 4, 0, 0)
        outer.addWidget(scroll, 5)
        outer.addWidget(right_box, 6)
        self.show_detail(None, None)

    def show_detail(self, detail: TaskDetail | None, node: TaskNode | None) -> None:
        has = detail is not None
        for w in (self.history_title, self.history, self.evidence_title, self.evidence,
                  self.open_button):
            w.setVisible(has and not detail.is_group)  # type: ignore[union-attr]
        self.no_history.setVisible(False)
        if detail is None:
            self.heading.setText(T.DETAIL_EMPTY)
            self.badge.hide()
            for key in self.fields:
                self._set_row(key, "")
            self.history_model.set_entries([])
            self.evidence_model.set_items([])
            return
        self.heading.setText(f"{detail.code}. {detail.title}")
        if node is not None and node.status is not None:
            self.badge.set_status(label(node.status), STATUS_BADGE[node.status])
            self.badge.show()
        else:
            self.badge.hide()
        self._set_row("group", detail.group_label)
        self._set_row(
            "parent", detail.parent_label if detail.parent_label != detail.group_label else ""
        )
        self._set_row("content", detail.content if detail.content != detail.title else "")
        self._set_row("lead", detail.lead_unit_name or T.NONE)
        self._set_row("co_lead", ", ".join(detail.co_lead_names))
        self._set_row("coop", ", ".join(detail.cooperating_names))
        self._set_row("output", detail.expected_output)
        self._set_row("timeframe", detail.timeframe_text or T.NONE)
        self._set_row("deadline", self._deadline_text(detail, node))
        if detail.is_group:
            self._set_row("deadline", T.DETAIL_IS_GROUP)
            return
        self.history_model.set_entries(detail.history)
        self.no_history.setVisible(not detail.history)
        self.history.setVisible(bool(detail.history))
        if detail.history:
            self.history.selectRow(0)
            self._history_row_changed(self.history_model.index(0, 0), QModelIndex())
        else:
            self.evidence_model.set_items([])
            self.evidence_title.setVisible(False)
            self.evidence.setVisible(False)
            self.open_button.setVisible(False)

    def _deadline_text(self, detail: TaskDetail, node: TaskNode | None) -> str:
        if detail.timeframe_flagged:
            return T.DEADLINE_NOT_UNDERSTOOD.format(note=detail.timeframe_note)
        if detail.recurrence is Recurrence.CONTINUOUS:
            return label(detail.recurrence)
        if detail.recurrence is not Recurrence.NONE:
            current = node.deadline if node is not None else None
            if current is not None:
                return T.DEADLINE_RECURRING.format(
                    recurrence=label(detail.recurrence), date=fmt_date(current)
                )
            return label(detail.recurrence)
        if detail.deadline is None:
            return T.DEADLINE_NONE
        if detail.start_date is not None:
            return T.DEADLINE_RANGE.format(
                start=fmt_date(detail.start_date), end=fmt_date(detail.deadline)
            )
        return fmt_date(detail.deadline)

    def _set_row(self, key: str, text: str) -> None:
        field = self.fields[key]
        field.setText(text)
        self._form.setRowVisible(field, bool(text))
        if key == "deadline":
            flagged = text.startswith("⚠")
            field.setStyleSheet("color: #8a4b00;" if flagged else "")

    def _history_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.history_model.entry(current.row()) if current.isValid() else None
        items = entry.evidence if entry is not None else []
        self.evidence_model.set_items(items)
        self.evidence.setVisible(bool(items))
        self.open_button.setVisible(bool(items))
        self.open_button.setEnabled(bool(items))
        self.evidence_title.setVisible(True)
        self.evidence_title.setText(
            f"<b>{T.DETAIL_EVIDENCE}</b>" + ("" if items else f" — {T.DETAIL_NO_EVIDENCE}")
        )
        if items:
            self.evidence.selectRow(0)

    def open_selected_file(self) -> None:
        row = self.evidence.currentIndex().row()
        item = self.evidence_model.item(row if row >= 0 else 0)
        if item is None:
            return
        open_evidence(
            self,
            evidence_dir=self._ctx.db.evidence_dir,
            stored_name=item.stored_name,
            original_name=item.original_name,
        )


class TasksPage(QWidget):
    """Nhiệm vụ: browse, search, filter and edit the plan's task tree."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        self._loaded: _Loaded | None = None
        self._detail_generation = 0
        self._pending_select: int | None = None
        self.can_edit = ctx.can(EDIT_PLAN)

        self.tree_model = TaskTreeModel(self)
        self.tree_proxy = TaskFilterProxy(self, tree=True)
        self.tree_proxy.setSourceModel(self.tree_model)
        self.table_model = TaskTableModel(self)
        self.table_proxy = TaskFilterProxy(self)
        self.table_proxy.setSourceModel(self.table_model)

        # -- filter bar ----------------------------------------------------------------
        self.search = SearchLineEdit(self, placeholder=T.SEARCH_PLACEHOLDER, delay_ms=150)
        self.search.search_changed.connect(lambda _t: self.apply_filter())
        self.unit_combo = self._combo(min_chars=12)
        self.group_combo = self._combo(min_chars=12)
        self.status_combo = self._combo(min_chars=12)
        self.status_combo.addItem(T.ALL_STATUSES, None)
        for status in TaskStatus:
            self.status_combo.addItem(label(status), status.value)
        self.overdue_check = QCheckBox(T.OVERDUE_ONLY)
        self.due_check = QCheckBox(T.DUE_THIS_PERIOD)
        for w in (self.unit_combo, self.group_combo, self.status_combo):
            w.currentIndexChanged.connect(lambda _i: self.apply_filter())
        for c in (self.overdue_check, self.due_check):
            c.toggled.connect(lambda _b: self.apply_filter())
        self.clear_button = QPushButton(T.CLEAR_FILTERS)
        self.clear_button.clicked.connect(self.clear_filters)

        self.tree_button = QToolButton()
        self.tree_button.setText(T.VIEW_TREE)
        self.table_button = QToolButton()
        self.table_button.setText(T.VIEW_TABLE)
        self.view_group = QButtonGroup(self)
        for i, b in enumerate((self.tree_button, self.table_button)):
            b.setCheckable(True)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.view_group.addButton(b, i)
        self.tree_button.setChecked(True)
        self.view_group.idClicked.connect(self.set_view)

        self.status_of = QLabel("")
        self.status_of.setStyleSheet("color: #4a4a4a;")
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addSpacing(12)
        filters.addWidget(self.status_of)
        filters.addSpacing(12)
        filters.addWidget(self.tree_button)
        filters.addWidget(self.table_button)
        filters2 = QHBoxLayout()
        filters2.addWidget(QLabel(T.FILTER_UNIT))
        filters2.addWidget(self.unit_combo, 3)
        filters2.addWidget(QLabel(T.FILTER_GROUP))
        filters2.addWidget(self.group_combo, 3)
        filters2.addWidget(QLabel(T.FILTER_STATUS))
        filters2.addWidget(self.status_combo, 3)
        filters3 = QHBoxLayout()
        filters3.addWidget(self.overdue_check)
        filters3.addWidget(self.due_check)
        filters3.addWidget(self.clear_button)
        filters3.addSpacing(12)
        self.count_label = QLabel("")
        self.count_label.setStyleSheet("color: #4a4a4a;")
        filters3.addWidget(self.count_label)
        filters3.addStretch(1)

        # -- actions --------------------------------------------------------------------
        self.actions_bar = QHBoxLayout()
        self.add_button = self._action(T.ADD, T.ADD_TIP, self.add_task)
        self.add_child_button = self._action(T.ADD_CHILD, T.ADD_CHILD_TIP, self.add_child)
        self.edit_button = self._action(T.EDIT, T.EDIT_TIP, self.edit_task)
        self.delete_button = self._action(T.DELETE, T.DELETE_TIP, self.delete_task)
        self.actions_bar.addSpacing(12)
        # Moving: one button with a menu (the keys work without it).
        self.move_menu = QMenu(self)
        self.up_action = self._menu_action(T.MOVE_UP_MENU, lambda: self.shift("up"))
        self.down_action = self._menu_action(T.MOVE_DOWN_MENU, lambda: self.shift("down"))
        self.indent_action = self._menu_action(T.INDENT_MENU, lambda: self.shift("indent"))
        self.outdent_action = self._menu_action(T.OUTDENT_MENU, lambda: self.shift("outdent"))
        self.move_menu.addSeparator()
        self.move_to_action = self._menu_action(T.MOVE_TO, self.move_to)
        self.move_button = QPushButton(T.MOVE)
        self.move_button.setToolTip(T.MOVE_TIP)
        self.move_button.setMenu(self.move_menu)
        self.move_button.setAutoDefault(False)
        self.actions_bar.addWidget(self.move_button)
        self.actions_bar.addStretch(1)

        # -- views ------------------------------------------------------------------------
        self.tree = QTreeView()
        self.tree.setModel(self.tree_proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSortingEnabled(False)
        self.tree.setWordWrap(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table = QTableView()
        self.table.setModel(self.table_proxy)
        setup_table(self.table)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.table)
        for view in (self.tree, self.table):
            view.selectionModel().currentRowChanged.connect(self._current_changed)
            view.doubleClicked.connect(lambda _i: self.edit_task())
        self.detail = TaskDetailPane(ctx, self)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(filters2)
        layout.addLayout(filters3)
        if self.can_edit:
            layout.addLayout(self.actions_bar)
        else:
            for i in range(self.actions_bar.count()):
                w = self.actions_bar.itemAt(i).widget()
                if w is not None:
                    w.hide()
        layout.addWidget(self.splitter, 1)
        self.busy = BusyOverlay(self.stack, T.LOADING)
        self._configure_columns()

        # -- keyboard -----------------------------------------------------------------
        for keys, slot in (
            (QKeySequence.StandardKey.New, self.add_task),
            (QKeySequence(Qt.Key.Key_Delete), self.delete_task),
            (QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Up), lambda: self.shift("up")),
            (QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Down), lambda: self.shift("down")),
            (QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Right), lambda: self.shift("indent")),
            (QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Left), lambda: self.shift("outdent")),
        ):
            if not self.can_edit:
                break
            for view in (self.tree, self.table):
                sc = QShortcut(keys, view)
                sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                sc.activated.connect(slot)
        for view in (self.tree, self.table):
            sc = QShortcut(QKeySequence(Qt.Key.Key_Return), view)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(self.edit_task)
        self.setTabOrder(self.search, self.unit_combo)
        self.setTabOrder(self.unit_combo, self.group_combo)
        self.setTabOrder(self.group_combo, self.status_combo)
        self.setTabOrder(self.status_combo, self.overdue_check)
        self.setTabOrder(self.overdue_check, self.due_check)
        self.setTabOrder(self.due_check, self.tree)

        ctx.period_changed.connect(self._on_period_changed)
        ctx.data_changed.connect(self._on_data_changed)
        self._update_actions()

    # -- small builders -------------------------------------------------------------------
    def _combo(self, *, min_chars: int) -> QComboBox:
        combo = QComboBox()
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(min_chars)
        combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        return combo

    def _menu_action(self, text: str, slot: Any) -> QAction:
        action = self.move_menu.addAction(text)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _action(self, text: str, tip: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        button.setAutoDefault(False)
        self.actions_bar.addWidget(button)
        return button

    def _configure_columns(self) -> None:
        size_columns(self.tree, {1: 20, 2: 11, 3: 24, 4: 5}, stretch=0)
        size_columns(self.table, {0: 5, 2: 16, 3: 18, 4: 11, 5: 24, 6: 5}, stretch=1)
        self.splitter.setSizes([5800, 4200])
        self.detail.setMinimumHeight(12 * self.fontMetrics().height())

    # -- page protocol ----------------------------------------------------------------------
    def activate(self) -> None:
        if self._stale:
            self.reload()

    def can_leave(self) -> bool:
        return True

    def focus_search(self) -> None:
        self.search.focus_and_select()


    def _on_period_changed(self, _code: str) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def _on_data_changed(self, area: str) -> None:
        if area in ("tasks", "updates", "units", "catalog", "plan", "periods"):
            self._stale = True
            if self.isVisible():
                self.reload()

    # -- loading ------------------------------------------------------------------------------
    def reload(self, *, select_id: int | None = None) -> None:
        """Reload the tree in the background, keeping the selection."""
        self._stale = False
        current = self.current_node()
        self._pending_select = select_id if select_id is not None else (
            current.id if current is not None else None
        )
        db, code, convention = self.ctx.db, self.ctx.period_code, self.ctx.convention
        self.busy.run(lambda: load_tasks(db, code, convention), owner=self,
                      on_done=self._loaded_done)

    def _loaded_done(self, loaded: _Loaded) -> None:
        self._loaded = loaded
        expanded = self._expanded_ids()
        first_load = not self.tree_model.nodes()
        self.tree_model.set_nodes(loaded.nodes)
        self.table_model.set_nodes(loaded.nodes)
        self._fill_combos(loaded)
        self.due_check.setToolTip(
            T.DUE_THIS_PERIOD_TIP.format(
                start=fmt_date(loaded.period_start), end=fmt_date(loaded.period_end)
            )
        )
        self.status_of.setText(T.STATUS_OF.format(period=self.ctx.period_label))
        self.apply_filter()
        if first_load:
            self.tree.expandToDepth(0)
        else:
            self._restore_expanded(expanded)
        if self._pending_select is not None:
            self.select_task(self._pending_select)
        elif first_load:
            first = next((n for n in loaded.nodes if not n.is_group), None)
            if first is not None:
                self.select_task(first.id)
        else:
            self.detail.show_detail(None, None)
        self._update_actions()

    def _fill_combos(self, loaded: _Loaded) -> None:
        unit_id = self.unit_combo.currentData()
        group_id = self.group_combo.currentData()
        for combo in (self.unit_combo, self.group_combo):
            combo.blockSignals(True)
        self.unit_combo.clear()
        self.unit_combo.addItem(T.ALL_UNITS, None)
        leads = {n.lead_unit_id for n in loaded.nodes if not n.is_group}
        for unit in loaded.units:
            if unit.id in leads:
                self.unit_combo.addItem(unit.name, unit.id)
        if None in leads:
            self.unit_combo.addItem(T.NO_UNIT, NO_UNIT)
        self.group_combo.clear()
        self.group_combo.addItem(T.ALL_GROUPS, None)
        for node in loaded.nodes:
            if node.depth == 0:
                self.group_combo.addItem(node.group_label, node.id)
                self.group_combo.setItemData(
                    self.group_combo.count() - 1, node.group_label, Qt.ItemDataRole.ToolTipRole
                )
        self.unit_combo.setCurrentIndex(max(self.unit_combo.findData(unit_id), 0))
        self.group_combo.setCurrentIndex(max(self.group_combo.findData(group_id), 0))
        for combo in (self.unit_combo, self.group_combo):
            combo.blockSignals(False)

    def _expanded_ids(self) -> set[int]:
        out: set[int] = set()
        for node in self.tree_model.nodes():
            if node.child_count:
                idx = self.tree_proxy.mapFromSource(self.tree_model.index_of(node.id))
                if idx.isValid() and self.tree.isExpanded(idx):
                    out.add(node.id)
        return out

    def _restore_expanded(self, ids: set[int]) -> None:
        for task_id in ids:
            idx = self.tree_proxy.mapFromSource(self.tree_model.index_of(task_id))
            if idx.isValid():
                self.tree.setExpanded(idx, True)

    # -- filtering ------------------------------------------------------------------------------
    def current_filter(self) -> TaskFilter:
        due = None
        if self.due_check.isChecked() and self._loaded is not None:
            due = (self._loaded.period_start, self._loaded.period_end)
        return TaskFilter(
            text=self.search.text(),
            unit_id=self.unit_combo.currentData(),
            group_id=self.group_combo.currentData(),
            status=TaskStatus(self.status_combo.currentData())
            if self.status_combo.currentData()
            else None,
            overdue_only=self.overdue_check.isChecked(),
            due_between=due,
        )

    def apply_filter(self) -> None:
        """Apply the filter bar to both views (UI thread, fast)."""
        criteria = self.current_filter()
        proxy = self._active_proxy()
        proxy.set_filter(criteria)
        if proxy is self.tree_proxy and not criteria.empty:
            self.tree.expandAll()
        total = len(self.table_model.nodes())
        self.count_label.setText(T.COUNT.format(shown=proxy.accepted_count(), total=total))
        self.clear_button.setEnabled(not criteria.empty)

    def _active_proxy(self) -> TaskFilterProxy:
        return self.tree_proxy if self.stack.currentWidget() is self.tree else self.table_proxy

    def clear_filters(self) -> None:
        for w in (self.unit_combo, self.group_combo, self.status_combo,
                  self.overdue_check, self.due_check, self.search):
            w.blockSignals(True)
        self.search.clear()
        self.unit_combo.setCurrentIndex(0)
        self.group_combo.setCurrentIndex(0)
        self.status_combo.setCurrentIndex(0)
        self.overdue_check.setChecked(False)
        self.due_check.setChecked(False)
        for w in (self.unit_combo, self.group_combo, self.status_combo,
                  self.overdue_check, self.due_check, self.search):
            w.blockSignals(False)
        self.apply_filter()

    def set_view(self, which: int) -> None:
        """0 = tree, 1 = table; the selection follows."""
        node = self.current_node()
        self.stack.setCurrentIndex(which)
        (self.tree_button if which == 0 else self.table_button).setChecked(True)
        self.apply_filter()
        if node is not None:
            self.select_task(node.id)

    # -- selection ---------------------------------------------------------------------------------
    def current_view(self) -> QAbstractItemView:
        return self.tree if self.stack.currentWidget() is self.tree else self.table

    def current_node(self) -> TaskNode | None:
        view = self.current_view()
        idx = view.currentIndex()
        if not idx.isValid():
            return None
        proxy = self._active_proxy()
        source = proxy.mapToSource(idx.siblingAtColumn(0))
        model = self.tree_model if view is self.tree else self.table_model
        return model.node(source)

    def select_task(self, task_id: int) -> bool:
        view = self.current_view()
        model = self.tree_model if view is self.tree else self.table_model
        idx = self._active_proxy().mapFromSource(model.index_of(task_id))
        if not idx.isValid():
            self.detail.show_detail(None, None)
            return False
        if view is self.tree:
            parent = idx.parent()
            while parent.isValid():
                self.tree.expand(parent)
                parent = parent.parent()
        view.selectionModel().setCurrentIndex(
            idx,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        view.scrollTo(idx)
        return True

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_actions()
        node = self.current_node()
        if node is None:
            self.detail.show_detail(None, None)
            return
        self._detail_generation += 1
        generation = self._detail_generation
        db = self.ctx.db

        def load(_c: Any) -> TaskDetail:
            with db.session() as s:
                return task_service.task_detail(s, node.id)

        def done(detail: TaskDetail) -> None:
            if generation == self._detail_generation:
                self.detail.show_detail(detail, node)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, NotFoundError):
                self._stale = True
                QTimer.singleShot(0, self.reload)
                return
            from ui.worker import error_message

            dialogs.error(self, error_message(exc))

        run_in_background(load, on_done=done, on_error=failed, parent=self, show_progress=False)

    def _update_actions(self) -> None:
        node = self.current_node()
        has = node is not None
        for b in (self.add_child_button, self.edit_button, self.delete_button, self.move_button):
            b.setEnabled(self.can_edit and has)
        self.add_button.setEnabled(self.can_edit and self._loaded is not None)
        tree_only = self.stack.currentWidget() is self.tree
        for a in (self.up_action, self.down_action, self.indent_action, self.outdent_action):
            a.setEnabled(self.can_edit and has and tree_only)

    # -- editing ------------------------------------------------------------------------------------
    def _status(self, text: str) -> None:
        """A short note in the main window's status bar (when there is one)."""
        show = getattr(self.window(), "show_message", None)
        if callable(show):
            show(text)

    def _run_write(self, fn: Any, *, select_id: int | None = None) -> bool:
        """Run one service call in a transaction as the signed-in user, then
        reload; a refused change is shown and nothing is written."""
        try:
            with self.ctx.transaction() as s:
                fn(s)
        except AppError as exc:
            dialogs.warn(self, exc.message)
            return False
        self.ctx.notify("tasks")
        self.reload(select_id=select_id)
        return True

    def _dialog(self, data: TaskInput, *, editing_id: int | None) -> None:
        assert self._loaded is not None
        saved: dict[str, int] = {}

        def on_save(value: TaskInput) -> None:
            with self.ctx.transaction() as s:
                if editing_id is None:
                    task = task_service.create_task(s, value)
                else:
                    task = task_service.update_task(s, editing_id, value)
                saved["id"] = task.id
                saved["code"] = task.code  # type: ignore[assignment]

        dialog = TaskDialog(
            units=self._loaded.units,
            nodes=self.tree_model.nodes(),
            data=data,
            on_save=on_save,
            editing_id=editing_id,
            reference_year=self._loaded.reference_year,
            parent=self,
        )
        self._open_dialog = dialog
        if dialog.exec() and "id" in saved:
            self.ctx.notify("tasks")
            self.reload(select_id=saved["id"])
            self._status(T.SAVED.format(code=saved["code"]))

    def add_task(self) -> None:
        if not self.can_edit or self._loaded is None:
            return
        node = self.current_node()
        parent_id = node.parent_id if node is not None else None
        self._dialog(TaskInput(code="", title="", parent_id=parent_id), editing_id=None)

    def add_child(self) -> None:
        node = self.current_node()
        if not self.can_edit or node is None:
            return
        prefix = f"{node.code}." if node.code else ""
        self._dialog(
            TaskInput(code=prefix, title="", parent_id=node.id, lead_unit_id=node.lead_unit_id),
            editing_id=None,
        )

    def edit_task(self) -> None:
        node = self.current_node()
        if not self.can_edit or node is None:
            return
        try:
            with self.ctx.session() as s:
                data = task_service.task_input(s, node.id)
        except AppError as exc:
            dialogs.warn(self, exc.message)
            return
        self._dialog(data, editing_id=node.id)

    def delete_task(self) -> None:
        node = self.current_node()
        if not self.can_edit or node is None:
            return
        try:
            with self.ctx.session() as s:
                impact = task_service.delete_impact(s, node.id)
        except AppError as exc:
            dialogs.warn(self, exc.message)
            return
        if impact.locked_periods:
            from models import texts_cycle

            dialogs.warn(
                self,
                texts_cycle.TASK_DELETE_LOCKED.format(
                    code=impact.code, periods=", ".join(impact.locked_periods)
                ),
            )
            return
        parts = [T.DELETE_CONFIRM.format(code=impact.code, title=impact.title)]
        if impact.subtasks:
            parts.append(T.DELETE_WITH_CHILDREN.format(count=impact.subtasks))
        if impact.updates:
            parts.append(T.DELETE_WITH_UPDATES.format(updates=impact.updates, files=impact.evidence))
        parts.append(T.DELETE_LOGGED)
        if not dialogs.confirm(
            self, T.DELETE_TITLE, "\n\n".join(parts), yes_text=T.DELETE_YES, no_text=T.DELETE_NO
        ):
            return
        if self._run_write(lambda s: task_service.delete_task(s, node.id)):
            self._status(T.DELETED.format(code=impact.code))

    def shift(self, direction: str) -> None:
        node = self.current_node()
        if not self.can_edit or node is None or self.stack.currentWidget() is not self.tree:
            return
        moved: dict[str, bool] = {}

        def run(s: Any) -> None:
            moved["ok"] = task_service.shift_task(s, node.id, direction)

        if self._run_write(run, select_id=node.id) and not moved.get("ok"):
            self.count_label.setText(T.MOVE_IMPOSSIBLE)

    def move_to(self) -> None:
        node = self.current_node()
        if not self.can_edit or node is None:
            return
        dialog = MoveTaskDialog(nodes=self.tree_model.nodes(), task=node, parent=self)
        if not dialog.exec():
            return
        parent_id, index = dialog.target()
        self._run_write(
            lambda s: task_service.move_task(s, node.id, parent_id=parent_id, index=index),
            select_id=node.id,
        )
