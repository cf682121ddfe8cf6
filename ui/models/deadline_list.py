"""Overdue tasks and upcoming deadlines of the Tổng quan page."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from models.services.overview import DeadlineItem
from ui.models.common import ID_ROLE, brush, fmt_date
from ui.models.task_table import title_tooltip
from ui.texts import overview as T

Index = QModelIndex | QPersistentModelIndex


class DeadlineListModel(QAbstractTableModel):
    """Rows of ``DeadlineItem``; ``overdue`` decides the last column's meaning."""

    def __init__(self, *, overdue: bool, parent: Any = None) -> None:
        super().__init__(parent)
        self.overdue = overdue
        self._rows: list[DeadlineItem] = []
        # The lead unit is in the task's tooltip: the lists sit side by side.
        self.columns = (
            T.COL_CODE,
            T.COL_TASK,
            T.COL_DEADLINE,
            T.COL_OVERDUE_DAYS if overdue else T.COL_DAYS_LEFT,
        )

    def set_rows(self, rows: list[DeadlineItem]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[DeadlineItem]:
        return self._rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return item.code
            if col == 1:
                return item.title
            if col == 2:
                return fmt_date(item.deadline)
            if not self.overdue and item.days == 0:
                return T.TODAY
            return T.DAYS.format(n=item.days)
        if role == ID_ROLE:
            return item.task_id
        if role == Qt.ItemDataRole.ToolTipRole and col == 1:
            lead = f"\n{T.COL_LEAD}: {item.lead_unit_name}" if item.lead_unit_name else ""
            return title_tooltip(f"{item.code}. {item.title}{lead}")
        if role == Qt.ItemDataRole.ForegroundRole and col == 3:
            if self.overdue:
                return brush("#8a1c1c")
            return brush("#7a4b00") if item.days <= 7 else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
