"""What the two editable tables of the unit update form share.

Rows are kept as typed; each subclass says which columns exist
(``COLUMNS``), which are editable (``EDITABLE``) and how a row is validated
(``_validate``). This base keeps the per-row errors, re-validates a row after
an edit and tells the form through ``edited`` and ``issues_changed``.
UI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

Index = QModelIndex | QPersistentModelIndex


class FormTableModel(QAbstractTableModel):
    COLUMNS: tuple[tuple[str, str], ...] = ()
    KEYS: tuple[str, ...] = ()
    EDITABLE: frozenset[str] = frozenset()
    edited = Signal()
    issues_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._errors: list[dict[str, str]] = []
        self.read_only = True

    # -- to be provided by subclasses -----------------------------------------------
    def _validate(self, row: Any) -> dict[str, str]:
        raise NotImplementedError

    def _row_changed(self, row: int) -> None:
        """Hook: recompute what depends on a row after it changed."""

    # -- shared ---------------------------------------------------------------------
    def _load(self, rows: list[Any], *, read_only: bool) -> None:
        """Replace all rows (inside a model reset) and validate each."""
        self.beginResetModel()
        self._rows = rows
        self.read_only = read_only
        self._errors = [self._validate(r) for r in rows]
        for i in range(len(rows)):
            self._row_changed(i)
        self.endResetModel()
        self.issues_changed.emit()

    def column_of(self, key: str) -> int:
        return self.KEYS.index(key)

    def errors(self, row: int) -> dict[str, str]:
        return self._errors[row] if 0 <= row < len(self._errors) else {}

    def issues(self) -> list[tuple[int, str, str]]:
        """(row, field, message) of every refused cell, in reading order."""
        return [
            (i, key, errs[key])
            for i, errs in enumerate(self._errors)
            for key in self.KEYS
            if key in errs
        ]

    def revalidate(self, row: int, *, edited: bool = False) -> None:
        """Re-check one row after it changed and repaint it."""
        before = self._errors[row]
        self._errors[row] = self._validate(self._rows[row])
        self._row_changed(row)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.KEYS) - 1))
        if edited:
            self.edited.emit()
        if before != self._errors[row]:
            self.issues_changed.emit()

    # -- Qt -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section][1]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.read_only and self.KEYS[index.column()] in self.EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def _editable_key(self, index: Index, role: int) -> str | None:
        """The column key when ``setData`` may change this cell, else None."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return None
        key = self.KEYS[index.column()]
        return key if key in self.EDITABLE else None
