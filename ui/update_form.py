"""The unit update form: everything one unit reports for one period.

Two tables (tasks, indicators) with editors in the cells, a panel for the
long texts and evidence of the selected task, a message line for refused
input, and Lưu / Lưu và nộp báo cáo. Rules the user sees:

* input is checked as it is typed; a refused cell turns red and its
  Vietnamese reason shows as tooltip and in the message line; numbers
  accept "85,5" and "85.5"; the evaluation of an indicator follows the
  typed value;
* Ctrl+S saves, through the background worker (evidence files are copied
  then); the save is all or nothing (``models.services.updates``);
* Enter commits a cell and moves down the column, like a spreadsheet;
* closing with unsaved changes asks Lưu / Không lưu / Hủy;
* the form is read-only when the period is locked or the user may not
  enter data for this unit (unit staff: only their own unit).

UI thread only; the database is read and written in the worker.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from models.enums import Progress
from models.errors import AppError, PeriodLockedError, PermissionDenied
from models.services import updates as svc
from models.services.periods import ensure_period
from models.texts import label
from ui import dialogs
from ui.columns import column_chooser, size_columns
from ui.context import EDIT_UPDATES, SUBMIT_UNIT, AppContext
from ui.evidence import open_evidence
from ui.models.common import fmt_date, fmt_datetime
from ui.models.evidence_list import EvidenceListModel
from ui.models.form_indicators import FormIndicatorsModel
from ui.models.form_tasks import FormTasksModel, previous_text
from ui.texts import updates as T
from ui.widgets import BusyOverlay, ErrorLabel, enter_moves_down, setup_table
from ui.worker import error_message, run_in_background

Index = QModelIndex | QPersistentModelIndex


# ---------------------------------------------------------------------------
# Delegates
# ---------------------------------------------------------------------------


class ProgressDelegate(QStyledItemDelegate):
    """Status combo: Chưa cập nhật / Chưa triển khai / Đang thực hiện / Đã hoàn thành."""

    CHOICES: tuple[tuple[Progress | None, str], ...] = (
        (None, T.PROGRESS_NONE),
        (Progress.NOT_STARTED, label(Progress.NOT_STARTED)),
        (Progress.IN_PROGRESS, label(Progress.IN_PROGRESS)),
        (Progress.COMPLETED, label(Progress.COMPLETED)),
    )

    def createEditor(  # noqa: N802
        self, parent: QWidget, _option: QStyleOptionViewItem, _index: Index
    ) -> QWidget:
        combo = QComboBox(parent)
        for value, text in self.CHOICES:
            combo.addItem(text, value)
        combo.activated.connect(lambda _i, c=combo: self._commit(c))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        value = index.data(Qt.ItemDataRole.EditRole)
        pos = next((i for i, (v, _t) in enumerate(self.CHOICES) if v == value), 0)
        if editor.currentIndex() != pos:
            editor.setCurrentIndex(pos)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class LiveLineDelegate(QStyledItemDelegate):
    """One-line text editor that hands every keystroke to the model, so the
    row is re-checked (and an indicator re-evaluated) as the user types."""

    def __init__(self, parent: QObject | None = None, *, placeholder: str = "") -> None:
        super().__init__(parent)
        self._placeholder = placeholder

    def createEditor(  # noqa: N802
        self, parent: QWidget, _option: QStyleOptionViewItem, _index: Index
    ) -> QWidget:
        edit = QLineEdit(parent)
        edit.setPlaceholderText(self._placeholder)
        edit.setFrame(False)
        edit.textEdited.connect(lambda _t, e=edit: self.commitData.emit(e))
        return edit

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QLineEdit)
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        if editor.text() != text:
            editor.setText(str(text))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class MultiLineDelegate(QStyledItemDelegate):
    """Multi-line text in a cell: a taller editor; Shift+Enter for a new line."""

    LINES = 5

    def createEditor(  # noqa: N802
        self, parent: QWidget, _option: QStyleOptionViewItem, _index: Index
    ) -> QWidget:
        edit = QPlainTextEdit(parent)
        edit.setTabChangesFocus(True)
        return edit

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QPlainTextEdit)
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if editor.toPlainText() != text:
            editor.setPlainText(text)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QPlainTextEdit)
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(  # noqa: N802
        self, editor: QWidget, option: QStyleOptionViewItem, _index: Index
    ) -> None:
        rect = option.rect
        height = max(rect.height(), editor.fontMetrics().lineSpacing() * self.LINES + 10)
        width = max(rect.width(), 320)
        editor.setGeometry(rect.x(), rect.y(), width, height)


class IndicatorValueDelegate(QStyledItemDelegate):
    """Value editor: Có/Không combo for yes/no indicators, live text otherwise."""

    def __init__(self, model: FormIndicatorsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._line = LiveLineDelegate(self, placeholder=T.VALUE_PLACEHOLDER)
        self._line.commitData.connect(self.commitData)

    def _yes_no(self, index: Index) -> bool:
        row = self._model.row(index.row())
        return row is not None and row.yes_no

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        if not self._yes_no(index):
            return self._line.createEditor(parent, option, index)
        combo = QComboBox(parent)
        for text in ("", T.YES, T.NO_ANSWER):
            combo.addItem(text or T.PROGRESS_NONE, text)
        combo.activated.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            text = str(index.data(Qt.ItemDataRole.EditRole) or "")
            pos = editor.findData(text)
            editor.setCurrentIndex(max(pos, 0))
            return
        self._line.setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        self._line.setModelData(editor, model, index)


# ---------------------------------------------------------------------------
# Selected task panel
# ---------------------------------------------------------------------------


class _PlainEdit(QPlainTextEdit):
    """A text box that reports edits once focus leaves or on every change."""

    def __init__(self) -> None:
        super().__init__()
        self.setTabChangesFocus(True)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 12)


class TaskPanel(QWidget):
    """Long texts and evidence of the task selected in the form's table."""

    changed = Signal()

    def __init__(self, form: UnitUpdateForm) -> None:
        super().__init__(form)
        self._form = form
        self._row: int | None = None
        self._loading = False
        self.title = QLabel(T.DETAIL_NONE)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.previous = QLabel("")
        self.previous.setWordWrap(True)
        self.previous.setStyleSheet("color: #5a5a5a;")
        self.result = _PlainEdit()
        self.difficulties = _PlainEdit()
        self.proposals = _PlainEdit()
        for key, edit in (
            ("result", self.result),
            ("difficulties", self.difficulties),
            ("proposals", self.proposals),
        ):
            edit.textChanged.connect(lambda k=key, e=edit: self._text_changed(k, e))
        self.evidence_model = EvidenceListModel(self)
        self.evidence = QTableView()
        self.evidence.setModel(self.evidence_model)
        setup_table(self.evidence, stretch_column=0)
        self.evidence.setSortingEnabled(False)
        self.evidence.setColumnHidden(2, True)
        size_columns(self.evidence, {1: 8}, stretch=0)
        self.evidence.doubleClicked.connect(lambda _i: self.open_file())
        self.add_button = QPushButton(T.EVIDENCE_ADD)
        self.add_button.clicked.connect(self.add_files)
        self.remove_button = QPushButton(T.EVIDENCE_REMOVE)
        self.remove_button.clicked.connect(self.remove_file)
        self.open_button = QPushButton(T.EVIDENCE_OPEN)
        self.open_button.clicked.connect(self.open_file)
        for b in (self.add_button, self.remove_button, self.open_button):
            b.setAutoDefault(False)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.addWidget(self.title, 0, 0, 1, 4)
        grid.addWidget(self.previous, 1, 0, 1, 4)
        grid.addWidget(QLabel(T.DETAIL_RESULT), 2, 0)
        grid.addWidget(QLabel(T.DETAIL_DIFFICULTIES), 2, 1)
        grid.addWidget(QLabel(T.DETAIL_PROPOSALS), 2, 2)
        grid.addWidget(QLabel(T.DETAIL_EVIDENCE), 2, 3)
        grid.addWidget(self.result, 3, 0)
        grid.addWidget(self.difficulties, 3, 1)
        grid.addWidget(self.proposals, 3, 2)
        right = QVBoxLayout()
        right.addWidget(self.evidence, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.open_button)
        right.addLayout(buttons)
        grid.addLayout(right, 3, 3)
        for col, stretch in enumerate((3, 2, 2, 2)):
            grid.setColumnStretch(col, stretch)
        self.show_row(None)

    def show_row(self, row: int | None) -> None:
        """Show the task at ``row`` of the tasks model (None: nothing selected)."""
        self._row = row
        model = self._form.tasks_model
        r = model.row(row) if row is not None else None
        self._loading = True
        try:
            if r is None:
                self.title.setText(T.DETAIL_NONE)
                self.previous.setText("")
                for edit in (self.result, self.difficulties, self.proposals):
                    edit.setPlainText("")
                self.evidence_model.set_items([])
            else:
                full = f"{r.code}. {r.title}"
                self.title.setText(full if len(full) <= 200 else full[:199] + "…")
                self.title.setToolTip(full)
                prev = ""
                if r.previous_progress is not None:
                    text = previous_text(r)
                    if r.previous_result:
                        text += " — " + " ".join(r.previous_result.split())
                    from ui.models.task_history import period_text

                    prev = T.DETAIL_PREVIOUS.format(
                        period=period_text(r.previous_period_code), text=text
                    )
                self.previous.setText(prev)
                for edit, value in (
                    (self.result, r.result),
                    (self.difficulties, r.difficulties),
                    (self.proposals, r.proposals),
                ):
                    if edit.toPlainText() != value:
                        edit.setPlainText(value)
                self.evidence_model.set_items(r.evidence)
        finally:
            self._loading = False
        self.update_enabled()

    def update_enabled(self) -> None:
        has = self._row is not None and self._form.tasks_model.row(self._row) is not None
        editable = has and not self._form.read_only
        for edit in (self.result, self.difficulties, self.proposals):
            edit.setReadOnly(not editable)
            edit.setEnabled(has)
        self.add_button.setEnabled(editable)
        has_files = has and self.evidence_model.rowCount() > 0
        self.remove_button.setEnabled(editable and has_files)
        self.open_button.setEnabled(has_files)

    def _text_changed(self, key: str, edit: QPlainTextEdit) -> None:
        if self._loading or self._row is None or self._form.read_only:
            return
        model = self._form.tasks_model
        model.setData(model.index(self._row, model.column_of(key)), edit.toPlainText())

    def add_files(self, paths: list[Path] | None = None) -> None:
        """Attach files (asks with the file dialog when ``paths`` is None)."""
        if self._row is None or self._form.read_only:
            return
        model = self._form.tasks_model
        r = model.row(self._row)
        if r is None:
            return
        if r.progress is None:
            self._form.message.show_message(T.EVIDENCE_NEEDS_STATUS)
            return
        if paths is None:
            dialog = dialogs.file_dialog(
                self, title=T.EVIDENCE_DIALOG, filters=[T.EVIDENCE_FILTER]
            )
            dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
            if dialog.exec() != QFileDialog.DialogCode.Accepted:
                return
            paths = [Path(p) for p in dialog.selectedFiles()]
        if not paths:
            return
        for path in paths:
            r.evidence.append(svc.EvidenceItem.from_path(path))
        self.evidence_model.set_items(r.evidence)
        model.revalidate(self._row)
        self._form.mark_dirty()
        self.update_enabled()

    def remove_file(self) -> None:
        if self._row is None or self._form.read_only:
            return
        model = self._form.tasks_model
        r = model.row(self._row)
        pos = self.evidence.currentIndex().row()
        if r is None or not 0 <= pos < len(r.evidence):
            return
        del r.evidence[pos]
        self.evidence_model.set_items(r.evidence)
        model.revalidate(self._row)
        self._form.mark_dirty()
        self.update_enabled()

    def open_file(self) -> None:
        pos = self.evidence.currentIndex().row()
        item = self.evidence_model.item(pos if pos >= 0 else 0)
        if item is None:
            return
        open_evidence(
            self,
            evidence_dir=self._form.ctx.db.evidence_dir,
            stored_name=item.stored_name,
            original_name=item.original_name,
            source=item.source,
        )


# ---------------------------------------------------------------------------
# The form
# ---------------------------------------------------------------------------


def load_form(
    db: Any, *, unit_id: int, period_code: str, create_period: bool, actor: Any = None
) -> svc.UnitForm:
    """Worker: the unit's form; the period row is created first if asked
    (a unit opening the current month before anyone else)."""
    if create_period:
        with db.transaction(actor=actor) as s:
            ensure_period(s, period_code)
    with db.session() as s:
        return svc.load_unit_form(s, unit_id=unit_id, period_code=period_code)


class UnitUpdateForm(QDialog):
    """Cập nhật kỳ báo cáo of one unit (opened from the Cập nhật page)."""

    saved = Signal()

    def __init__(
        self,
        ctx: AppContext,
        *,
        unit_id: int,
        period_code: str,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.unit_id = unit_id
        self.period_code = period_code
        self.today = today
        self.form: svc.UnitForm | None = None
        self.dirty = False
        self.read_only = True
        self.saving = False
        self._close_after_save = False
        self.may_edit = ctx.can(EDIT_UPDATES, unit_id=unit_id)
        self.setWindowTitle(T.TITLE)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1280, 760)

        self.banner = QLabel("")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "QLabel { background: #fff4ce; color: #6b4a00; border: 1px solid #f0d58c;"
            " border-radius: 4px; padding: 6px 10px; }"
        )
        self.banner.hide()
        self.heading = QLabel("")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.subheading = QLabel("")
        self.subheading.setStyleSheet("color: #4a4a4a;")

        # Tasks tab
        self.tasks_model = FormTasksModel(self)
        self.tasks_view = QTableView()
        self.tasks_view.setModel(self.tasks_model)
        self._setup_view(self.tasks_view)
        self.tasks_view.setItemDelegateForColumn(
            self.tasks_model.column_of("progress"), ProgressDelegate(self.tasks_view)
        )
        self.tasks_view.setItemDelegateForColumn(
            self.tasks_model.column_of("percent"), LiveLineDelegate(self.tasks_view)
        )
        self.tasks_view.setItemDelegateForColumn(
            self.tasks_model.column_of("completed"),
            LiveLineDelegate(self.tasks_view, placeholder=T.DATE_PLACEHOLDER),
        )
        multi = MultiLineDelegate(self.tasks_view)
        for key in ("result", "difficulties", "proposals"):
            self.tasks_view.setItemDelegateForColumn(self.tasks_model.column_of(key), multi)
        self.copy_previous_button = QPushButton(T.COPY_PREVIOUS)
        self.copy_previous_button.setToolTip(T.COPY_PREVIOUS_TIP)
        self.copy_previous_button.clicked.connect(self.copy_previous)
        self.copy_previous_button.setAutoDefault(False)
        self.panel = TaskPanel(self)
        tasks_tab = QWidget()
        tasks_layout = QVBoxLayout(tasks_tab)
        top_row = QHBoxLayout()
        top_row.addStretch(1)
        top_row.addWidget(self.copy_previous_button)
        tasks_layout.addLayout(top_row)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tasks_view)
        splitter.addWidget(self.panel)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([640, 260])
        tasks_layout.addWidget(splitter, 1)

        # Indicators tab
        self.indicators_model = FormIndicatorsModel(self)
        self.indicators_view = QTableView()
        self.indicators_view.setModel(self.indicators_model)
        self._setup_view(self.indicators_view)
        self.indicators_view.setItemDelegateForColumn(
            self.indicators_model.column_of("value"),
            IndicatorValueDelegate(self.indicators_model, self.indicators_view),
        )
        self.indicators_view.setItemDelegateForColumn(
            self.indicators_model.column_of("note"), MultiLineDelegate(self.indicators_view)
        )

        self.tabs = QTabWidget()
        self.tabs.addTab(tasks_tab, "")
        self.tabs.addTab(self.indicators_view, "")

        self.message = ErrorLabel()
        self.status = QLabel("")
        self.status.setStyleSheet("color: #1e6b35;")
        self.save_button = QPushButton(T.SAVE)
        self.save_button.clicked.connect(lambda: self.save())
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.submit_button = QPushButton(T.SAVE_SUBMIT)
        self.submit_button.setToolTip(T.SAVE_SUBMIT_TIP)
        self.submit_button.clicked.connect(lambda: self.save(submit=True))
        self.submit_button.setAutoDefault(False)
        self.close_button = QPushButton(T.CLOSE)
        self.close_button.clicked.connect(self.close)
        self.close_button.setAutoDefault(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.submit_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        layout.addLayout(bottom)
        self.busy = BusyOverlay(self, T.FORM_LOADING)

        # Signals
        for model in (self.tasks_model, self.indicators_model):
            model.edited.connect(self.mark_dirty)
            model.issues_changed.connect(self.update_message)
            model.dataChanged.connect(lambda *_a: self._update_tabs())
        self.tasks_view.selectionModel().currentChanged.connect(self._task_current_changed)
        self.indicators_view.selectionModel().currentChanged.connect(
            lambda *_a: self.update_message()
        )
        self.tasks_model.dataChanged.connect(self._tasks_data_changed)
        self.tabs.currentChanged.connect(lambda _i: self.update_message())
        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        save_shortcut.activated.connect(lambda: self.save())
        self.setTabOrder(self.tabs, self.tasks_view)
        self.setTabOrder(self.tasks_view, self.panel.result)
        self.setTabOrder(self.panel.result, self.panel.difficulties)
        self.setTabOrder(self.panel.difficulties, self.panel.proposals)
        self.setTabOrder(self.panel.proposals, self.panel.add_button)
        self.setTabOrder(self.panel.add_button, self.save_button)
        self.setTabOrder(self.save_button, self.submit_button)
        self.setTabOrder(self.submit_button, self.close_button)
        self._apply_read_only()
        self.reload()

    # -- setup helpers ---------------------------------------------------------------------
    def _setup_view(self, view: QTableView) -> None:
        setup_table(view)
        view.setSortingEnabled(False)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.setTabKeyNavigation(True)
        enter_moves_down(view)
        column_chooser(view, title=T.COLUMNS_MENU, locked={0, 1})

    def _size_columns(self) -> None:
        tm = self.tasks_model
        # The long texts are edited in the panel below; their columns start
        # hidden (right-click the header to show them).
        for key in ("difficulties", "proposals"):
            self.tasks_view.setColumnHidden(tm.column_of(key), True)
        size_columns(
            self.tasks_view,
            {
                tm.column_of("code"): 5,
                tm.column_of("deadline"): 11,
                tm.column_of("previous"): 16,
                tm.column_of("progress"): 15,
                tm.column_of("percent"): 7,
                tm.column_of("completed"): 12,
                tm.column_of("result"): 17,
                tm.column_of("difficulties"): 14,
                tm.column_of("proposals"): 14,
                tm.column_of("evidence"): 9,
            },
            stretch=tm.column_of("task"),
        )
        im = self.indicators_model
        size_columns(
            self.indicators_view,
            {
                im.column_of("code"): 6,
                im.column_of("measure"): 11,
                im.column_of("target"): 14,
                im.column_of("previous"): 9,
                im.column_of("value"): 13,
                im.column_of("evaluation"): 9,
                im.column_of("note"): 26,
            },
            stretch=im.column_of("name"),
        )

    # -- loading --------------------------------------------------------------------------------
    def reload(self) -> None:
        """(Re)load the form from the database in the background."""
        db, unit_id, code, actor = self.ctx.db, self.unit_id, self.period_code, self.ctx.actor
        create = self.may_edit
        self.busy.start(T.FORM_LOADING)
        run_in_background(
            lambda _c: load_form(
                db, unit_id=unit_id, period_code=code, create_period=create, actor=actor
            ),
            on_done=self._loaded,
            on_error=self._load_failed,
            parent=self,
            show_progress=False,
        )

    def _load_failed(self, exc: BaseException) -> None:
        if not isValid(self):  # closed while loading
            return
        self.busy.stop()
        dialogs.error(self, error_message(exc))

    def _loaded(self, form: svc.UnitForm) -> None:
        if not isValid(self):  # closed while loading
            return
        self.busy.stop()
        self.form = form
        self.read_only = form.locked or not self.may_edit
        keep_task = self.tasks_view.currentIndex()
        keep_ind = self.indicators_view.currentIndex()
        self.tasks_model.set_rows(
            form.tasks, period_end=form.period_end, read_only=self.read_only, today=self.today
        )
        self.indicators_model.set_rows(form.indicators, read_only=self.read_only)
        self._size_columns()
        self.setWindowTitle(T.FORM_TITLE.format(unit=form.unit_name, period=form.period_label))
        self.heading.setText(T.FORM_HEADING.format(unit=form.unit_name))
        self._update_subheading()
        self._apply_read_only()
        self.dirty = False
        self._update_tabs()
        if self.tasks_model.rowCount():
            row = keep_task.row() if keep_task.isValid() else 0
            col = keep_task.column() if keep_task.isValid() else self.tasks_model.column_of(
                "progress"
            )
            self.tasks_view.setCurrentIndex(self.tasks_model.index(min(row, self.tasks_model.rowCount() - 1), col))
        if self.indicators_model.rowCount():
            row = keep_ind.row() if keep_ind.isValid() else 0
            self.indicators_view.setCurrentIndex(
                self.indicators_model.index(
                    min(row, self.indicators_model.rowCount() - 1),
                    self.indicators_model.column_of("value"),
                )
            )
        if not self.tasks_model.rowCount() and self.indicators_model.rowCount():
            self.tabs.setCurrentIndex(1)
        self.update_message()

    def _update_subheading(self) -> None:
        form = self.form
        if form is None:
            return
        text = T.FORM_SUBHEADING.format(
            period=form.period_label,
            start=fmt_date(form.period_start),
            end=fmt_date(form.period_end),
            deadline=fmt_date(form.deadline),
        )
        if form.submitted_at is not None:
            text += T.FORM_SUBMITTED.format(time=fmt_datetime(form.submitted_at))
        else:
            text += T.FORM_NOT_SUBMITTED
        self.subheading.setText(text)

    def _apply_read_only(self) -> None:
        form = self.form
        if form is not None and form.locked:
            self.banner.setText(T.FORM_READ_ONLY_LOCKED.format(period=form.period_label))
            self.banner.show()
        elif not self.may_edit:
            self.banner.setText(T.FORM_READ_ONLY_ROLE)
            self.banner.show()
        else:
            self.banner.hide()
        editable = not self.read_only and form is not None
        self.save_button.setEnabled(editable)
        self.submit_button.setEnabled(
            editable and self.ctx.can(SUBMIT_UNIT, unit_id=self.unit_id)
        )
        self.copy_previous_button.setEnabled(editable)
        self.tasks_model.read_only = self.read_only
        self.indicators_model.read_only = self.read_only
        self.panel.update_enabled()

    def _update_tabs(self) -> None:
        self.tabs.setTabText(
            0,
            T.TAB_TASKS.format(
                done=self.tasks_model.reported_count(), total=self.tasks_model.rowCount()
            ),
        )
        self.tabs.setTabText(
            1,
            T.TAB_INDICATORS.format(
                done=self.indicators_model.filled_count(),
                total=self.indicators_model.rowCount(),
            ),
        )

    # -- editing feedback ------------------------------------------------------------------------
    def mark_dirty(self) -> None:
        self.dirty = True
        self.status.setText("")

    def _task_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not previous.isValid() or current.row() != previous.row():
            self.panel.show_row(current.row() if current.isValid() else None)
        self.update_message()

    def _tasks_data_changed(self, top: QModelIndex, _bottom: QModelIndex, *_a: Any) -> None:
        row = self.panel._row
        if row is None or top.row() != row:
            return
        focus = self.focusWidget()
        if focus in (self.panel.result, self.panel.difficulties, self.panel.proposals):
            return
        self.panel.show_row(row)

    def all_issues(self) -> list[tuple[str, int, str, str]]:
        """(section, row, column key, message) of every refused cell."""
        out = [("task", r, k, m) for r, k, m in self.tasks_model.issues()]
        out += [("indicator", r, k, m) for r, k, m in self.indicators_model.issues()]
        return out

    def _column_title(self, section: str, key: str) -> str:
        model = self.tasks_model if section == "task" else self.indicators_model
        if key not in model.KEYS:  # "progress" errors when text without status
            key = "progress"
        return dict(model.COLUMNS)[key]

    def update_message(self) -> None:
        """The message line: the current cell's reason, else a summary."""
        if self.tabs.currentIndex() == 0:
            view, model, section = self.tasks_view, self.tasks_model, "task"
        else:
            view, model, section = self.indicators_view, self.indicators_model, "indicator"
        current = view.currentIndex()
        if current.isValid():
            errs = model.errors(current.row())
            key = model.KEYS[current.column()]
            if key in errs:
                self.message.show_message(
                    T.CELL_ERROR.format(column=self._column_title(section, key), message=errs[key])
                )
                return
        issues = self.all_issues()
        if not issues:
            self.message.clear_message()
            return
        sec, row, key, msg = issues[0]
        rows = self.tasks_model if sec == "task" else self.indicators_model
        code = rows.row(row).code  # type: ignore[union-attr]
        first = T.INVALID_ITEM.format(
            code=code, column=self._column_title(sec, key), message=msg
        )
        self.message.show_message(T.INVALID_SUMMARY.format(count=len(issues), first=first))

    def focus_first_issue(self) -> None:
        issues = self.all_issues()
        if not issues:
            return
        section, row, key, _msg = issues[0]
        if section == "task":
            self.tabs.setCurrentIndex(0)
            col = self.tasks_model.column_of(key if key in self.tasks_model.KEYS else "progress")
            self.tasks_view.setCurrentIndex(self.tasks_model.index(row, col))
            self.tasks_view.setFocus()
        else:
            self.tabs.setCurrentIndex(1)
            col = self.indicators_model.column_of(key)
            self.indicators_view.setCurrentIndex(self.indicators_model.index(row, col))
            self.indicators_view.setFocus()
        self.update_message()

    def copy_previous(self) -> None:
        if self.read_only or self.form is None:
            return
        count = svc.copy_previous(self.form)
        if count:
            self.tasks_model.set_rows(
                self.form.tasks, period_end=self.form.period_end, read_only=False,
                today=self.today,
            )
            self.mark_dirty()
            self._update_tabs()
            self.status.setText(T.COPY_PREVIOUS_DONE.format(count=count))
        else:
            self.status.setText(T.COPY_PREVIOUS_NONE)

    # -- saving ------------------------------------------------------------------------------------
    def _commit_open_editor(self) -> None:
        for view in (self.tasks_view, self.indicators_view):
            if view.state() == QAbstractItemView.State.EditingState:
                editor = view.indexWidget(view.currentIndex())
                if editor is None:
                    editor = view.focusWidget()
                if editor is not None and editor is not view:
                    view.commitData(editor)
                    view.closeEditor(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def save(self, *, submit: bool = False, then_close: bool = False) -> bool:
        """Start saving; returns False when nothing was started (refused)."""
        if self.form is None or self.saving:
            return False
        self._commit_open_editor()
        if self.read_only:
            self.message.show_message(T.READ_ONLY_SAVE)
            return False
        if self.all_issues():
            self.focus_first_issue()
            return False
        if not self.dirty and not submit:
            self.status.setText(T.NOTHING_CHANGED)
            if then_close:
                self.accept()
            return False
        if submit:
            missing_tasks = self.tasks_model.rowCount() - self.tasks_model.reported_count()
            missing_inds = self.indicators_model.rowCount() - self.indicators_model.filled_count()
            if (missing_tasks or missing_inds) and not dialogs.confirm(
                self,
                T.SUBMIT_INCOMPLETE_TITLE,
                T.SUBMIT_INCOMPLETE.format(tasks=missing_tasks, indicators=missing_inds),
                yes_text=T.SUBMIT_YES,
                no_text=T.UNSAVED_CANCEL,
            ):
                return False
        form = copy.deepcopy(self.form)
        db, actor, today = self.ctx.db, self.ctx.actor, self.today
        files = sum(
            1 for r in form.tasks for e in r.evidence if e.source is not None
        ) + sum(1 for r in form.indicators for e in r.evidence if e.source is not None)

        def work(_c: Any) -> svc.SaveResult:
            with db.session(actor=actor) as s:
                return svc.save_unit_form(
                    s, form, actor=actor, evidence_dir=db.evidence_dir,
                    mark_submitted=submit, today=today,
                )

        self.saving = True
        self._close_after_save = then_close
        self.busy.start(T.FORM_SAVING_FILES.format(count=files) if files else T.FORM_SAVING)
        run_in_background(
            work,
            on_done=self._saved,
            on_error=self._save_failed,
            progress_label=T.FORM_SAVING,
            parent=self,
            show_progress=False,
        )
        return True

    def _saved(self, result: svc.SaveResult) -> None:
        if not isValid(self):
            return
        self.saving = False
        self.busy.stop()
        self.dirty = False
        text = T.SAVED.format(
            time=dt.datetime.now().strftime("%H:%M"),
            tasks=result.tasks_saved,
            indicators=result.indicators_saved,
            files=result.files_added,
        )
        if result.submitted:
            text += T.SAVED_SUBMITTED
        self.ctx.notify("updates")
        self.saved.emit()
        if self._close_after_save:
            self.accept()
            return
        self.reload()
        self.status.setText(text)

    def _save_failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self.saving = False
        self.busy.stop()
        self._close_after_save = False
        if isinstance(exc, svc.FormInvalidError):
            self.focus_first_issue()
            self.message.show_message(exc.message)
            return
        if isinstance(exc, PeriodLockedError):
            dialogs.warn(self, exc.message)
            if self.form is not None:
                self.form.locked = True
            self.read_only = True
            self._apply_read_only()
            return
        if isinstance(exc, PermissionDenied | AppError):
            dialogs.warn(self, exc.message)
            return
        dialogs.error(self, error_message(exc))

    # -- closing ----------------------------------------------------------------------------------
    def can_leave(self) -> bool:
        """Ask Lưu / Không lưu / Hủy when there are unsaved changes.

        True when the form may close now (no changes, or the user discarded
        them). Choosing Lưu starts the save and closes when it succeeds.
        """
        self._commit_open_editor()
        if not self.dirty or self.read_only or self.form is None:
            return True
        box = dialogs.message_box(
            self,
            icon=QMessageBox.Icon.Question,
            title=T.UNSAVED_TITLE,
            text=T.UNSAVED_TEXT.format(unit=self.form.unit_name),
            buttons=QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            default=QMessageBox.StandardButton.Save,
        )
        box.button(QMessageBox.StandardButton.Save).setText(T.UNSAVED_SAVE)
        box.button(QMessageBox.StandardButton.Discard).setText(T.UNSAVED_DISCARD)
        box.button(QMessageBox.StandardButton.Cancel).setText(T.UNSAVED_CANCEL)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Discard:
            self.dirty = False
            return True
        if answer == QMessageBox.StandardButton.Save:
            self.save(then_close=True)
        return False

    def reject(self) -> None:
        if self.saving:
            return
        if self.can_leave():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.saving or not self.can_leave():
            event.ignore()
            return
        event.accept()
        super().closeEvent(event)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        # Enter belongs to the tables (move down), never to a default button.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        QTimer.singleShot(0, self.tasks_view.setFocus)
