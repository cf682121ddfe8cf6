"""Values of one indicator over the periods (detail pane of the Chỉ tiêu page)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from models.services.indicator_view import HistoryPoint, value_text
from models.texts import label
from ui.models.common import evaluation_brushes
from ui.models.task_history import period_text
from ui.texts import indicators as T

Index = QModelIndex | QPersistentModelIndex


def short_period(code: str) -> str:
    """"10/2026" for a month, the full label for other periods."""
    year, _, rest = code.partition("-")
    if rest.isdigit():
        return f"{int(rest)}/{year}"
    return period_text(code)


class IndicatorHistoryModel(QAbstractTableModel):
    """Newest first; the evaluation is against the target then in force."""

    COLUMNS = (T.HISTORY_PERIOD, T.HISTORY_VALUE, T.HISTORY_TARGET, T.HISTORY_EVALUATION)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[HistoryPoint] = []
        self.yes_no = False

    def set_points(self, points: list[HistoryPoint], *, yes_no: bool) -> None:
        self.beginResetModel()
        self._rows = list(reversed(points))
        self.yes_no = yes_no
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        p = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return short_period(p.period_code)
            if col == 1:
                return value_text(p.value, p.yes, yes_no=self.yes_no)
            if col == 2:
                return p.target_text
            return label(p.evaluation) if p.evaluation is not None else ""
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return period_text(p.period_code)
        if role == Qt.ItemDataRole.ToolTipRole and col == 1 and p.note:
            return p.note
        if col == 3 and role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole):
            pair = evaluation_brushes(p.evaluation)
            if pair is None:
                return None
            return pair[0] if role == Qt.ItemDataRole.ForegroundRole else pair[1]
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (1, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
