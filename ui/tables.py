"""Table models shared by the shell's pages and dialogs.

- ``Column``: one column (key, header, kind text/bool/choice, width hint).
- ``RowsModel``: an editable list of plain dict rows (the wizard's units,
  signers and recipients before they are saved).
- ``RecordsModel``: a read-only view of records with a getter per column
  (catalogue lists read from the database); ``SORT_ROLE`` gives sortable keys.
- ``ChoiceDelegate``: a combo box editor for ``choice`` columns.

UI thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from models.textutil import fold

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"  # text | bool | choice
    choices: Sequence[tuple[Any, str]] = field(default_factory=tuple)  # (value, label)
    width: int | None = None  # in characters (average width)
    get: Callable[[Any], Any] | None = None  # RecordsModel: value of a record
    display: Callable[[Any], str] | None = None  # RecordsModel: text of a record
    editable: bool = True
    align_center: bool = False

    def label_of(self, value: Any) -> str:
        for v, label in self.choices:
            if v == value:
                return label
        return "" if value is None else str(value)


class RowsModel(QAbstractTableModel):
    """Editable rows of plain dicts keyed by ``Column.key``."""

    def __init__(self, columns: Sequence[Column], rows: Sequence[dict[str, Any]] = ()) -> None:
        super().__init__()
        self.columns = list(columns)
        self.rows: list[dict[str, Any]] = [dict(r) for r in rows]
        self._error_row: int | None = None

    # -- shape ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        col = self.columns[index.column()]
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not col.editable:
            return base
        if col.kind == "bool":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    # -- data -------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        col = self.columns[index.column()]
        value = self.rows[index.row()].get(col.key)
        if role == Qt.ItemDataRole.DisplayRole:
            if col.kind == "bool":
                return None
            if col.kind == "choice":
                return col.label_of(value)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.CheckStateRole and col.kind == "bool":
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and index.row() == self._error_row:
            return QBrush(QColor("#fdecea"))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and col.kind == "bool":
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            self.rows[index.row()][col.key] = checked
            self.dataChanged.emit(index, index, [role])
            self.bool_changed(index.row(), col.key, checked)
            return True
        if role != Qt.ItemDataRole.EditRole:
            return False
        if col.kind == "text":
            value = "" if value is None else str(value)
        self.rows[index.row()][col.key] = value
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, role])
        return True

    def bool_changed(self, row: int, key: str, checked: bool) -> None:
        """Hook for exclusive check columns (e.g. one default signer)."""

    # -- editing rows -----------------------------------------------------------
    def add_row(self, row: dict[str, Any]) -> int:
        position = len(self.rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self.rows.append(dict(row))
        self.endInsertRows()
        return position

    def remove_row(self, position: int) -> None:
        if 0 <= position < len(self.rows):
            self.beginRemoveRows(QModelIndex(), position, position)
            del self.rows[position]
            self.endRemoveRows()

    def move_row(self, position: int, step: int) -> int:
        target = position + step
        if not (0 <= position < len(self.rows) and 0 <= target < len(self.rows)):
            return position
        self.beginResetModel()
        self.rows[position], self.rows[target] = self.rows[target], self.rows[position]
        self.endResetModel()
        return target

    def mark_error_row(self, row: int | None) -> None:
        """Tint the row an error message refers to (0-based; None clears)."""
        old = self._error_row
        self._error_row = row
        for r in {old, row} - {None}:
            assert r is not None
            if 0 <= r < len(self.rows):
                self.dataChanged.emit(
                    self.index(r, 0),
                    self.index(r, len(self.columns) - 1),
                    [Qt.ItemDataRole.BackgroundRole],
                )


class RecordsModel(QAbstractTableModel):
    """Read-only rows of records; each column reads its value with ``Column.get``."""

    def __init__(self, columns: Sequence[Column]) -> None:
        super().__init__()
        self.columns = list(columns)
        self.records: list[Any] = []
        self.dimmed: Callable[[Any], bool] | None = None

    def set_records(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def record(self, row: int) -> Any:
        return self.records[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def _value(self, record: Any, col: Column) -> Any:
        if col.get is not None:
            return col.get(record)
        return getattr(record, col.key, None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self.records[index.row()]
        col = self.columns[index.column()]
        if role == RECORD_ROLE:
            return record
        value = self._value(record, col)
        if role == Qt.ItemDataRole.DisplayRole:
            if col.display is not None:
                return col.display(record)
            if col.kind == "bool":
                return None
            if col.kind == "choice":
                return col.label_of(value)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.CheckStateRole and col.kind == "bool":
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == SORT_ROLE:
            if col.kind == "bool":
                return int(bool(value))
            if isinstance(value, int | float):
                return value
            text = col.display(record) if col.display else col.label_of(value)
            return fold(text)
        if role == Qt.ItemDataRole.ToolTipRole and col.kind == "text":
            text = col.display(record) if col.display else ("" if value is None else str(value))
            return text if len(text) > 20 else None
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and self.dimmed is not None
            and self.dimmed(record)
        ):
            return QBrush(QColor("#8a8a8a"))
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_center:
            return Qt.AlignmentFlag.AlignCenter
        return None


class FilterProxy(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE`` and filters rows whose folded text contains every word."""

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SORT_ROLE)
        self._words: list[str] = []

    def set_query(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()
            self._words = fold(text).split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self._words = fold(text).split()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        if not self._words:
            return True
        model = self.sourceModel()
        parts = []
        for c in range(model.columnCount()):
            value = model.data(model.index(source_row, c, source_parent))
            if value:
                parts.append(str(value))
        haystack = fold(" ".join(parts))
        return all(w in haystack for w in self._words)


class ChoiceDelegate(QStyledItemDelegate):
    """Combo box editor for ``choice`` columns of a ``RowsModel``."""

    def __init__(self, column: Column, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column = column

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        combo = QComboBox(parent)
        for value, label in self.column.choices:
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        value = index.data(Qt.ItemDataRole.EditRole)
        position = editor.findData(value)
        editor.setCurrentIndex(max(position, 0))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
