"""Evidence files of an update (detail pane, update form): name, size, who added."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.models.common import MUTED_FOREGROUND, fmt_size
from ui.texts import tasks as T

Index = QModelIndex | QPersistentModelIndex


class EvidenceListModel(QAbstractTableModel):
    """Rows are objects with ``original_name``, ``size`` and optionally
    ``added_by_name`` / ``source`` (a file not yet copied into the store,
    shown in grey italics until the form is saved)."""

    COLUMNS = (T.EVIDENCE_NAME, T.EVIDENCE_SIZE, T.EVIDENCE_BY)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_items(self, items: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(items)
        self.endResetModel()

    def item(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        pending = getattr(item, "source", None) is not None
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return item.original_name
            if index.column() == 1:
                return fmt_size(item.size)
            return getattr(item, "added_by_name", "") or ""
        if role == Qt.ItemDataRole.ToolTipRole and pending:
            return str(item.source)
        if role == Qt.ItemDataRole.ForegroundRole and pending:
            return MUTED_FOREGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None
