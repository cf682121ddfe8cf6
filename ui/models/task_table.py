"""Flat table of reportable tasks (the "Dạng bảng" view of the Nhiệm vụ page).

Rows are ``models.services.tasks.TaskNode`` objects without group headers.
``task_cell`` is shared with the tree model so both views show a task the
same way. UI thread only.
"""

from __future__ import annotations

import html
import re
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from models.enums import Recurrence, TaskStatus
from models.services.tasks import TaskNode
from models.texts import label
from ui.models.common import (
    ID_ROLE,
    MUTED_FOREGROUND,
    SORT_ROLE,
    date_key,
    fmt_date,
    fmt_number,
    status_brushes,
)
from ui.texts import tasks as T

Index = QModelIndex | QPersistentModelIndex

_DIGITS = re.compile(r"\d+")


def code_sort_text(code: str) -> str:
    """Text that sorts plan codes naturally ("1.2" before "1.10")."""
    return _DIGITS.sub(lambda m: m.group(0).zfill(5), code)


def title_tooltip(text: str) -> str:
    """Rich-text tooltip so long titles wrap instead of running off screen."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def deadline_text(node: TaskNode) -> str:
    if node.timeframe_flagged and node.deadline is None:
        return "⚠"
    if node.deadline is not None:
        return fmt_date(node.deadline)
    if node.recurrence is not Recurrence.NONE:
        return label(node.recurrence)
    return ""


def percent_of(node: TaskNode) -> float | None:
    if node.status in (TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE):
        return 100.0
    return node.percent


_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        SORT_ROLE,
        ID_ROLE,
    }
)


def task_cell(node: TaskNode, key: str, role: int) -> Any:
    """What a task shows in column ``key`` for ``role`` (None = nothing)."""
    if role not in _ROLES:  # decoration, check state, size hint...: asked on every paint
        return None
    if role == Qt.ItemDataRole.DisplayRole:
        if key == "code":
            return node.code
        if key == "task":
            return f"{node.code}. {node.title}" if node.code else node.title
        if key == "title":
            return node.title
        if key == "group":
            return node.group_label
        if key == "lead":
            return node.lead_unit_name
        if key == "timeframe":
            return node.timeframe_text
        if key == "deadline":
            return deadline_text(node)
        if key == "status":
            return label(node.status) if node.status is not None else ""
        if key == "percent":
            return fmt_number(percent_of(node), decimals=1)
        return None
    if role == SORT_ROLE:
        if key in ("code", "task"):
            return code_sort_text(node.code)
        if key == "deadline":
            return date_key(node.deadline)
        if key == "status":
            return list(TaskStatus).index(node.status) if node.status is not None else -1
        if key == "percent":
            value = percent_of(node)
            return -1.0 if value is None else value
        return task_cell(node, key, Qt.ItemDataRole.DisplayRole) or ""
    if role == ID_ROLE:
        return node.id
    if role == Qt.ItemDataRole.ToolTipRole:
        if key in ("task", "title"):
            tip = node.title if key == "title" else f"{node.code}. {node.title}"
            if node.is_group:
                tip = f"{tip}\n({T.GROUP_ROW_TIP})"
            return title_tooltip(tip)
        if key == "group":
            return title_tooltip(node.group_label)
        if key == "deadline":
            if node.timeframe_flagged:
                return f"{node.timeframe_text}\n{T.FLAG_TIP}"
            return node.timeframe_text or None
        if key == "percent":
            return T.COL_PERCENT_TIP
        if key == "lead" and (node.co_lead_names or node.cooperating_names):
            names = node.co_lead_names + node.cooperating_names
            return title_tooltip(f"{node.lead_unit_name}\n{T.DETAIL_COOP}: {', '.join(names)}")
        return None
    if role == Qt.ItemDataRole.ForegroundRole:
        if key == "status":
            pair = status_brushes(node.status)
            return pair[0] if pair else None
        if key == "deadline" and node.overdue:
            pair = status_brushes(TaskStatus.IN_PROGRESS_OVERDUE)
            return pair[0] if pair else None
        if key == "deadline" and node.timeframe_flagged:
            return MUTED_FOREGROUND
        return None
    if role == Qt.ItemDataRole.BackgroundRole and key == "status":
        pair = status_brushes(node.status)
        return pair[1] if pair else None
    if role == Qt.ItemDataRole.TextAlignmentRole and key in ("percent", "deadline"):
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return None


class TaskTableModel(QAbstractTableModel):
    """Reportable tasks, one per row (group headers left out)."""

    COLUMNS: tuple[tuple[str, str], ...] = (
        ("code", T.COL_CODE),
        ("title", T.COL_TASK),
        ("group", T.COL_GROUP),
        ("lead", T.COL_LEAD),
        ("deadline", T.COL_DEADLINE),
        ("status", T.COL_STATUS),
        ("percent", T.COL_PERCENT),
    )
    KEYS = tuple(k for k, _ in COLUMNS)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._nodes: list[TaskNode] = []
        # (task id, column, role) -> value: a repaint after each keystroke
        # asks again for the same few hundred cells.
        self._cache: dict[tuple[int, int, int], Any] = {}

    def set_nodes(self, nodes: list[TaskNode]) -> None:
        self.beginResetModel()
        self._nodes = [n for n in nodes if not n.is_group]
        self._cache = {}
        self.endResetModel()

    def nodes(self) -> list[TaskNode]:
        return self._nodes

    def position(self, row: int, parent: Index) -> int:
        """Position of the row's node in ``nodes()`` (the row itself here)."""
        return row

    def node(self, index: Index) -> TaskNode | None:
        if not index.isValid() or index.row() >= len(self._nodes):
            return None
        return self._nodes[index.row()]

    def index_of(self, task_id: int) -> QModelIndex:
        for row, n in enumerate(self._nodes):
            if n.id == task_id:
                return self.index(row, 0)
        return QModelIndex()

    def column_of(self, key: str) -> int:
        return self.KEYS.index(key)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._nodes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, col = index.row(), index.column()
        if row < 0 or col < 0:
            return None
        node = self._nodes[row]
        key = (node.id, col, role)
        try:
            return self._cache[key]
        except KeyError:
            value = self._cache[key] = task_cell(node, self.KEYS[col], role)
            return value

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section][1]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows in Python by the column's sort key (stable).

        The filter proxy hands header clicks here instead of sorting itself,
        so filtering later never has to re-sort thousands of rows.
        """
        if not 0 <= column < len(self.COLUMNS):
            return
        key = self.KEYS[column]
        self.layoutAboutToBeChanged.emit()
        old = {id(n): row for row, n in enumerate(self._nodes)}
        self._nodes.sort(
            key=lambda n: task_cell(n, key, SORT_ROLE),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        new_row = {old[id(n)]: row for row, n in enumerate(self._nodes)}
        before = self.persistentIndexList()
        after = [self.index(new_row[i.row()], i.column()) for i in before]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()
