"""Editable table of a unit's indicators in the update form.

Rows are ``models.services.updates.IndicatorRow`` objects. The value is kept
as typed ("85,5", "85.5", "có"); the evaluation column is recomputed from
the typed text on every keystroke (``indicator_evaluation``), and a value
that cannot be read is painted red with the Vietnamese reason. UI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from models.enums import Evaluation
from models.services.updates import (
    IndicatorRow,
    indicator_evaluation,
    validate_indicator_row,
)
from models.texts import label
from ui.models.common import (
    EDITABLE_BACKGROUND,
    ERROR_BACKGROUND,
    ID_ROLE,
    MUTED_FOREGROUND,
    evaluation_brushes,
    fmt_number,
)
from ui.models.task_table import title_tooltip
from ui.texts import updates as T

Index = QModelIndex | QPersistentModelIndex
EDITABLE = frozenset({"value", "note"})


def target_text(row: IndicatorRow) -> str:
    if not row.has_target:
        return T.TARGET_NONE
    text = row.target_text or (
        f"{label(row.comparator)}{fmt_number(row.target_value)}" if row.target_value is not None
        else label(row.comparator)
    )
    return T.TARGET_TEXT.format(target=text, year=row.target_year)


def previous_value_text(row: IndicatorRow) -> str:
    if row.yes_no:
        if row.previous_yes is None:
            return T.PREVIOUS_NONE
        return T.YES if row.previous_yes else T.NO_ANSWER
    if row.previous_value is None:
        return T.PREVIOUS_NONE
    return fmt_number(row.previous_value)


class FormIndicatorsModel(QAbstractTableModel):
    """The unit's indicators for one period; value and note editable."""

    COLUMNS: tuple[tuple[str, str], ...] = (
        ("code", T.COL_CODE),
        ("name", T.COL_INDICATOR),
        ("measure", T.COL_MEASURE),
        ("target", T.COL_TARGET),
        ("previous", T.COL_PREVIOUS),
        ("value", T.COL_VALUE),
        ("evaluation", T.COL_EVALUATION),
        ("note", T.COL_NOTE),
    )
    KEYS = tuple(k for k, _ in COLUMNS)
    edited = Signal()
    issues_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[IndicatorRow] = []
        self._errors: list[dict[str, str]] = []
        self._evals: list[Evaluation | None] = []
        self.read_only = True

    def set_rows(self, rows: list[IndicatorRow], *, read_only: bool) -> None:
        self.beginResetModel()
        self._rows = rows
        self.read_only = read_only
        self._errors = [validate_indicator_row(r) for r in rows]
        self._evals = [indicator_evaluation(r) for r in rows]
        self.endResetModel()
        self.issues_changed.emit()

    def rows(self) -> list[IndicatorRow]:
        return self._rows

    def row(self, row: int) -> IndicatorRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def column_of(self, key: str) -> int:
        return self.KEYS.index(key)

    def errors(self, row: int) -> dict[str, str]:
        return self._errors[row] if 0 <= row < len(self._errors) else {}

    def evaluation(self, row: int) -> Evaluation | None:
        return self._evals[row] if 0 <= row < len(self._evals) else None

    def issues(self) -> list[tuple[int, str, str]]:
        return [
            (i, key, errs[key])
            for i, errs in enumerate(self._errors)
            for key in self.KEYS
            if key in errs
        ]

    def filled_count(self) -> int:
        return sum(1 for r in self._rows if r.value_text.strip())

    # -- Qt -------------------------------------------------------------------------------
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
        if not self.read_only and self.KEYS[index.column()] in EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        key = self.KEYS[index.column()]
        errs = self._errors[index.row()]
        evaluation = self._evals[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if key == "code":
                return r.code
            if key == "name":
                return r.name
            if key == "measure":
                return r.unit_label or label(r.measure_unit)
            if key == "target":
                return target_text(r)
            if key == "previous":
                return previous_value_text(r)
            if key == "value":
                return r.value_text
            if key == "evaluation":
                return label(evaluation) if evaluation is not None else ""
            if key == "note":
                return r.note if role == Qt.ItemDataRole.EditRole else " ".join(r.note.split())
            return None
        if role == ID_ROLE:
            return r.indicator_id
        if role == Qt.ItemDataRole.ToolTipRole:
            if key in errs:
                return errs[key]
            if key == "name":
                return title_tooltip(f"{r.code}. {r.name}")
            if key == "note" and r.note:
                return title_tooltip(r.note)
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if key in errs:
                return ERROR_BACKGROUND
            if key == "evaluation":
                pair = evaluation_brushes(evaluation)
                return pair[1] if pair else None
            if not self.read_only and key in EDITABLE:
                return EDITABLE_BACKGROUND
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "evaluation":
                pair = evaluation_brushes(evaluation)
                return pair[0] if pair else None
            if key == "previous" or (key == "target" and not r.has_target):
                return MUTED_FOREGROUND
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("value", "previous"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        key = self.KEYS[index.column()]
        if key not in EDITABLE:
            return False
        r = self._rows[index.row()]
        text = "" if value is None else str(value)
        attr = "value_text" if key == "value" else "note"
        if getattr(r, attr) == text:
            return False
        setattr(r, attr, text)
        before = self._errors[index.row()]
        self._errors[index.row()] = validate_indicator_row(r)
        self._evals[index.row()] = indicator_evaluation(r)
        self.dataChanged.emit(
            self.index(index.row(), 0), self.index(index.row(), len(self.KEYS) - 1)
        )
        self.edited.emit()
        if before != self._errors[index.row()]:
            self.issues_changed.emit()
        return True
