"""Completeness of a period: one row per reporting unit (Cập nhật page)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from models.services.updates import SubmissionState, UnitCompleteness
from ui.models.common import ID_ROLE, brush, fmt_datetime
from ui.texts import updates as T

Index = QModelIndex | QPersistentModelIndex

STATE_COLORS = {
    SubmissionState.ON_TIME: ("#1e6b35", "#dff3e4"),
    SubmissionState.LATE: ("#7a4b00", "#fff1d6"),
    SubmissionState.MISSING: ("#8a1c1c", "#fbe0e0"),
}


def state_text(row: UnitCompleteness) -> str:
    if row.state is SubmissionState.ON_TIME:
        return T.STATE_ON_TIME
    if row.state is SubmissionState.LATE:
        return T.STATE_LATE.format(days=row.days_late)
    if row.days_late > 0:
        return T.STATE_MISSING_OVERDUE.format(days=row.days_late)
    return T.STATE_MISSING


class CompletenessModel(QAbstractTableModel):
    COLUMNS: tuple[tuple[str, str], ...] = (
        ("unit", T.COL_UNIT),
        ("tasks", T.COL_TASKS),
        ("indicators", T.COL_INDICATORS),
        ("submitted", T.COL_SUBMITTED),
        ("state", T.COL_STATE),
        ("action", T.COL_ACTION),
    )
    KEYS = tuple(k for k, _ in COLUMNS)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[UnitCompleteness] = []

    def set_rows(self, rows: list[UnitCompleteness]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[UnitCompleteness]:
        return self._rows

    def row(self, row: int) -> UnitCompleteness | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_unit(self, unit_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.unit_id == unit_id), -1)

    def column_of(self, key: str) -> int:
        return self.KEYS.index(key)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section][1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        key = self.KEYS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "unit":
                return r.unit_name
            if key == "tasks":
                return T.COUNT_OF.format(done=r.tasks_updated, total=r.tasks_total) if (
                    r.tasks_total
                ) else "—"
            if key == "indicators":
                return T.COUNT_OF.format(done=r.indicators_filled, total=r.indicators_total) if (
                    r.indicators_total
                ) else "—"
            if key == "submitted":
                return fmt_datetime(r.submitted_at)
            if key == "state":
                return state_text(r)
            return None
        if role == ID_ROLE:
            return r.unit_id
        if role == Qt.ItemDataRole.ToolTipRole and key == "unit":
            return r.unit_name
        if role == Qt.ItemDataRole.ToolTipRole and key == "submitted" and r.submitted_by_name:
            return r.submitted_by_name
        if key == "state" and role in (
            Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole
        ):
            fg, bg = STATE_COLORS[r.state]
            return brush(fg if role == Qt.ItemDataRole.ForegroundRole else bg)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("tasks", "indicators"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
