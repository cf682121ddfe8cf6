"""Dialogs of the Nhiệm vụ page: add/edit a task, move it elsewhere in the tree.

The dialogs only collect input; the page calls ``models.services.tasks`` to
save and shows a refused input in the dialog's message line (the dialog
stays open, nothing is lost). UI thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from models.enums import Recurrence
from models.errors import AppError, InputError
from models.services.tasks import TaskInput, TaskNode
from models.texts import label
from models.timeframe import parse_timeframe
from ui.models.common import fmt_date
from ui.texts import tasks as T
from ui.widgets import ErrorLabel


@dataclass(frozen=True)
class UnitChoice:
    id: int
    code: str
    name: str


def _tree_label(node: TaskNode, limit: int = 90) -> str:
    text = f"{node.code}. {node.title}" if node.code else node.title
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "    " * node.depth + text


class _UnitChecklist(QListWidget):
    """A short list of units with check boxes."""

    def __init__(self, units: Sequence[UnitChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for unit in units:
            item = QListWidgetItem(unit.name)
            item.setData(Qt.ItemDataRole.UserRole, unit.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        rows = self.fontMetrics().height() + 6
        self.setFixedHeight(rows * 5 + 8)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setUniformItemSizes(True)

    def set_checked(self, ids: Sequence[int]) -> None:
        wanted = set(ids)
        for i in range(self.count()):
            item = self.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def checked(self) -> list[int]:
        return [
            int(self.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]


def timeframe_preview(text: str, *, reference_year: int | None) -> tuple[str, bool]:
    """(Vietnamese description of what the time frame means, understood?)."""
    if not text.strip():
        return T.PREVIEW_EMPTY, True
    reading = parse_timeframe(text, reference_year=reference_year)
    if not reading.understood:
        return T.PREVIEW_NOT_UNDERSTOOD.format(note=reading.note), False
    if reading.recurrence is Recurrence.CONTINUOUS:
        return T.PREVIEW_CONTINUOUS, True
    if reading.recurrence is not Recurrence.NONE:
        return T.PREVIEW_RECURRING.format(recurrence=label(reading.recurrence)), True
    if reading.start is not None and reading.deadline is not None:
        return T.PREVIEW_RANGE.format(
            start=fmt_date(reading.start), end=fmt_date(reading.deadline)
        ), True
    return T.PREVIEW_DEADLINE.format(date=fmt_date(reading.deadline)), True


class TaskDialog(QDialog):
    """Add or edit a task. ``on_save(TaskInput)`` saves; an ``InputError`` it
    raises is shown in place and the dialog stays open."""

    def __init__(
        self,
        *,
        units: Sequence[UnitChoice],
        nodes: Sequence[TaskNode],
        data: TaskInput,
        on_save: Callable[[TaskInput], None],
        editing_id: int | None = None,
        reference_year: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(T.DIALOG_EDIT.format(code=data.code) if editing_id else T.DIALOG_ADD)
        self.setMinimumWidth(860)
        self._on_save = on_save
        self._reference_year = reference_year
        excluded = _subtree_ids(nodes, editing_id) if editing_id else set()

        self.code = QLineEdit(data.code)
        self.code.setToolTip(T.FIELD_CODE_TIP)
        self.code.setMaximumWidth(160)
        self.title_edit = QPlainTextEdit(data.title)
        self.title_edit.setTabChangesFocus(True)
        self.title_edit.setFixedHeight(self.fontMetrics().height() * 4)
        self.content = QPlainTextEdit(data.content)
        self.content.setTabChangesFocus(True)
        self.content.setFixedHeight(self.fontMetrics().height() * 6)
        self.parent_combo = QComboBox()
        self.parent_combo.addItem(T.FIELD_PARENT_NONE, None)
        for node in nodes:
            if node.id in excluded:
                continue
            self.parent_combo.addItem(_tree_label(node), node.id)
            self.parent_combo.setItemData(
                self.parent_combo.count() - 1,
                f"{node.code}. {node.title}",
                Qt.ItemDataRole.ToolTipRole,
            )
        self.parent_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.parent_combo.setMinimumContentsLength(40)
        pos = self.parent_combo.findData(data.parent_id)
        self.parent_combo.setCurrentIndex(max(pos, 0))
        self.is_group = QCheckBox(T.FIELD_IS_GROUP)
        self.is_group.setChecked(data.is_group)
        self.lead = QComboBox()
        self.lead.addItem(T.FIELD_LEAD_NONE, None)
        for unit in units:
            self.lead.addItem(unit.name, unit.id)
        self.lead.setCurrentIndex(max(self.lead.findData(data.lead_unit_id), 0))
        self.co_lead = _UnitChecklist(units)
        self.co_lead.set_checked(data.co_lead_ids)
        self.coop = _UnitChecklist(units)
        self.coop.set_checked(data.cooperating_ids)
        self.output = QPlainTextEdit(data.expected_output)
        self.output.setTabChangesFocus(True)
        self.output.setFixedHeight(self.fontMetrics().height() * 3)
        self.timeframe = QLineEdit(data.timeframe_text)
        self.timeframe.setPlaceholderText(T.FIELD_TIMEFRAME_PLACEHOLDER)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 4)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        for widget in (self.preview, self.parent_combo, self.lead):
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.timeframe.textChanged.connect(self._update_preview)
        self._update_preview()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(T.FIELD_CODE, self.code)
        form.addRow(T.FIELD_TITLE, self.title_edit)
        form.addRow(T.FIELD_PARENT, self.parent_combo)
        form.addRow("", self.is_group)
        form.addRow(T.FIELD_LEAD, self.lead)
        units_row = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel(T.FIELD_CO_LEAD))
        left.addWidget(self.co_lead)
        right = QVBoxLayout()
        right.addWidget(QLabel(T.FIELD_COOP))
        right.addWidget(self.coop)
        units_row.addLayout(left)
        units_row.addLayout(right)
        form.addRow("", units_row)
        form.addRow(T.FIELD_TIMEFRAME, self.timeframe)
        form.addRow("", self.preview)
        form.addRow(T.FIELD_CONTENT, self.content)
        form.addRow(T.FIELD_OUTPUT, self.output)

        self.error = ErrorLabel()
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(T.SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(T.CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._fields = {
            "code": self.code,
            "title": self.title_edit,
            "parent": self.parent_combo,
            "units": self.lead,
            "timeframe": self.timeframe,
        }
        self.resize(max(self.sizeHint().width(), 900), max(self.sizeHint().height(), 760))
        QTimer.singleShot(0, self.code.setFocus if not data.code else self.title_edit.setFocus)

    def _update_preview(self) -> None:
        text, ok = timeframe_preview(self.timeframe.text(), reference_year=self._reference_year)
        self.preview.setText(text)
        self.preview.setStyleSheet("color: #1e6b35;" if ok else "color: #8a4b00;")

    def value(self) -> TaskInput:
        return TaskInput(
            code=self.code.text(),
            title=self.title_edit.toPlainText(),
            content=self.content.toPlainText(),
            parent_id=self.parent_combo.currentData(),
            lead_unit_id=self.lead.currentData(),
            co_lead_ids=self.co_lead.checked(),
            cooperating_ids=self.coop.checked(),
            expected_output=self.output.toPlainText(),
            timeframe_text=self.timeframe.text(),
            is_group=self.is_group.isChecked(),
        )

    def _save(self) -> None:
        try:
            self._on_save(self.value())
        except InputError as exc:
            self.error.show_message(exc.message)
            widget = self._fields.get(exc.field or "")
            if widget is not None:
                widget.setFocus()
            return
        except AppError as exc:
            self.error.show_message(exc.message)
            return
        self.accept()


def _subtree_ids(nodes: Sequence[TaskNode], root_id: int | None) -> set[int]:
    """Ids of ``root_id`` and everything below it (nodes are in pre-order)."""
    out: set[int] = set()
    if root_id is None:
        return out
    inside = False
    depth = 0
    for node in nodes:
        if node.id == root_id:
            inside, depth = True, node.depth
            out.add(node.id)
            continue
        if inside:
            if node.depth <= depth:
                break
            out.add(node.id)
    return out


class MoveTaskDialog(QDialog):
    """Choose a new parent and position for a task (codes are kept)."""

    def __init__(
        self, *, nodes: Sequence[TaskNode], task: TaskNode, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(T.MOVE_TITLE.format(code=task.code))
        self.setMinimumWidth(640)
        self._nodes = list(nodes)
        excluded = _subtree_ids(nodes, task.id)
        self._task = task
        self.parent_combo = QComboBox()
        self.parent_combo.addItem(T.FIELD_PARENT_NONE, None)
        for node in nodes:
            if node.id not in excluded:
                self.parent_combo.addItem(_tree_label(node), node.id)
        self.parent_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.parent_combo.setMinimumContentsLength(40)
        self.position = QComboBox()
        self.parent_combo.currentIndexChanged.connect(self._fill_positions)
        self.parent_combo.setCurrentIndex(max(self.parent_combo.findData(task.parent_id), 0))
        self._fill_positions()
        form = QFormLayout()
        form.addRow(T.MOVE_PARENT, self.parent_combo)
        form.addRow(T.MOVE_POSITION, self.position)
        buttons = QDialogButtonBox()
        buttons.addButton(T.SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(T.CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _fill_positions(self) -> None:
        parent_id = self.parent_combo.currentData()
        siblings = [n for n in self._nodes if n.parent_id == parent_id and n.id != self._task.id]
        self.position.clear()
        self.position.addItem(T.MOVE_FIRST, 0)
        for i, node in enumerate(siblings, start=1):
            self.position.addItem(T.MOVE_AFTER.format(code=node.code), i)
        self.position.setCurrentIndex(self.position.count() - 1)

    def target(self) -> tuple[int | None, int]:
        """(new parent id, index among the new siblings)."""
        return self.parent_combo.currentData(), int(self.position.currentData())
