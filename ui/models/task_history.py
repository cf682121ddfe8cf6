"""Update history of one task (detail pane of the Nhiệm vụ page), newest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from models.periods import parse_period_code, period_label
from models.services.tasks import HistoryEntry
from models.texts import label
from ui.models.common import MUTED_FOREGROUND, fmt_date, fmt_number
from ui.models.task_table import title_tooltip
from ui.texts import tasks as T

Index = QModelIndex | QPersistentModelIndex


def period_text(code: str) -> str:
    """ "Tháng 10/2026" for "2026-10" (the code itself if it cannot be read)."""
    try:
        return period_label(parse_period_code(code))
    except Exception:  # noqa: BLE001 - a stored code from a newer program
        return code


class TaskHistoryModel(QAbstractTableModel):
    """One row per period a task was reported on."""

    COLUMNS: tuple[tuple[str, str], ...] = (
        ("period", T.HISTORY_PERIOD),
        ("progress", T.HISTORY_PROGRESS),
        ("percent", "%"),
        ("result", T.HISTORY_RESULT),
        ("difficulties", T.HISTORY_DIFFICULTIES),
        ("files", T.HISTORY_FILES),
        ("by", T.HISTORY_BY),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[HistoryEntry] = []

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> HistoryEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e = self._rows[index.row()]
        key = self.COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "period":
                return period_text(e.period_code)
            if key == "progress":
                text = label(e.progress)
                if e.completed_on:
                    text += f" ({fmt_date(e.completed_on)})"
                return text
            if key == "percent":
                return fmt_number(e.percent, decimals=1)
            if key == "result":
                return " ".join(e.result.split())
            if key == "difficulties":
                return " ".join(e.difficulties.split())
            if key == "files":
                return str(len(e.evidence)) if e.evidence else ""
            if key == "by":
                return e.updated_by_name
        if role == Qt.ItemDataRole.ToolTipRole and key == "period":
            return T.HISTORY_LOCKED if e.locked else None
        if role == Qt.ItemDataRole.ForegroundRole and key == "period" and e.locked:
            return MUTED_FOREGROUND
        if role == Qt.ItemDataRole.ToolTipRole and key in ("result", "difficulties"):
            parts = [e.result] if key == "result" else []
            if e.difficulties:
                parts.append(f"{T.HISTORY_DIFFICULTIES}: {e.difficulties}")
            if e.proposals:
                parts.append(f"{T.HISTORY_PROPOSALS}: {e.proposals}")
            if e.updated_by_name:
                parts.append(f"{T.HISTORY_BY}: {e.updated_by_name}")
            joined = "\n".join(p for p in parts if p)
            return title_tooltip(joined) if joined else None
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("percent", "files"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section][1]
        return None
