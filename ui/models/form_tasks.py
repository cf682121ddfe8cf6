"""Editable table of a unit's tasks in the update form.

Rows are ``models.services.updates.TaskRow`` objects (input kept as typed).
Every edit re-validates its row with ``validate_task_row``; refused cells are
painted red with the Vietnamese reason as tooltip, and ``issues_changed``
tells the form to refresh its message line. UI thread only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from models.enums import Progress, Recurrence
from models.services.updates import TaskRow, validate_task_row
from models.texts import label
from ui.models.common import (
    EDITABLE_BACKGROUND,
    ERROR_BACKGROUND,
    ID_ROLE,
    MUTED_FOREGROUND,
    fmt_date,
    fmt_number,
)
from ui.models.task_table import title_tooltip
from ui.texts import updates as T

Index = QModelIndex | QPersistentModelIndex
FIELD_OF_COLUMN = {
    "progress": "progress",
    "percent": "percent",
    "completed": "completed",
    "result": "result",
    "difficulties": "difficulties",
    "proposals": "proposals",
}
EDITABLE = frozenset(FIELD_OF_COLUMN)
TEXT_FIELDS = ("result", "difficulties", "proposals")


def previous_text(row: TaskRow) -> str:
    if row.previous_progress is None:
        return T.PREVIOUS_NONE
    percent = ""
    if row.previous_progress is Progress.IN_PROGRESS and row.previous_percent is not None:
        percent = f" {fmt_number(row.previous_percent, decimals=1)}%"
    return T.PREVIOUS_TEXT.format(progress=label(row.previous_progress), percent=percent)


class FormTasksModel(QAbstractTableModel):
    """The unit's tasks for one period; input columns editable unless read-only."""

    COLUMNS: tuple[tuple[str, str], ...] = (
        ("code", T.COL_CODE),
        ("task", T.COL_TASK),
        ("deadline", T.COL_DEADLINE),
        ("previous", T.COL_PREVIOUS),
        ("progress", T.COL_PROGRESS),
        ("percent", T.COL_PERCENT),
        ("completed", T.COL_COMPLETED),
        ("result", T.COL_RESULT),
        ("difficulties", T.COL_DIFFICULTIES),
        ("proposals", T.COL_PROPOSALS),
        ("evidence", T.COL_EVIDENCE),
    )
    KEYS = tuple(k for k, _ in COLUMNS)
    edited = Signal()
    issues_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[TaskRow] = []
        self._errors: list[dict[str, str]] = []
        self._period_end = dt.date.today()
        self._today: dt.date | None = None
        self.read_only = True

    # -- content ------------------------------------------------------------------
    def set_rows(
        self, rows: list[TaskRow], *, period_end: dt.date, read_only: bool,
        today: dt.date | None = None,
    ) -> None:
        self.beginResetModel()
        self._rows = rows
        self._period_end = period_end
        self._today = today
        self.read_only = read_only
        self._errors = [self._validate(r) for r in rows]
        self.endResetModel()
        self.issues_changed.emit()

    def rows(self) -> list[TaskRow]:
        return self._rows

    def row(self, row: int) -> TaskRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def column_of(self, key: str) -> int:
        return self.KEYS.index(key)

    def errors(self, row: int) -> dict[str, str]:
        return self._errors[row] if 0 <= row < len(self._errors) else {}

    def issues(self) -> list[tuple[int, str, str]]:
        """(row, field, message) of every refused cell, in reading order."""
        out = []
        for i, errs in enumerate(self._errors):
            for key in self.KEYS:
                if key in errs:
                    out.append((i, key, errs[key]))
        return out

    def reported_count(self) -> int:
        return sum(1 for r in self._rows if r.progress is not None)

    def _validate(self, row: TaskRow) -> dict[str, str]:
        return validate_task_row(row, period_end=self._period_end, today=self._today)

    def revalidate(self, row: int) -> None:
        """Re-check one row after it changed outside ``setData`` (evidence)."""
        before = self._errors[row]
        self._errors[row] = self._validate(self._rows[row])
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.KEYS) - 1))
        if before != self._errors[row]:
            self.issues_changed.emit()

    # -- Qt -----------------------------------------------------------------------------
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
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, key)
        if role == Qt.ItemDataRole.EditRole:
            if key == "progress":
                return r.progress
            if key == "percent":
                return r.percent_text
            if key == "completed":
                return r.completed_text
            if key in TEXT_FIELDS:
                return getattr(r, key)
            return self._display(r, key)
        if role == ID_ROLE:
            return r.task_id
        if role == Qt.ItemDataRole.ToolTipRole:
            if key in errs:
                return errs[key]
            if key == "task":
                return title_tooltip(f"{r.code}. {r.title}")
            if key in TEXT_FIELDS and getattr(r, key):
                return title_tooltip(getattr(r, key))
            if key == "deadline" and r.timeframe_text:
                return r.timeframe_text
            if key == "previous" and r.previous_result:
                return title_tooltip(r.previous_result)
            if key == "evidence" and r.evidence:
                return "\n".join(e.original_name for e in r.evidence)
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if key in errs:
                return ERROR_BACKGROUND
            if not self.read_only and key in EDITABLE:
                return EDITABLE_BACKGROUND
            return None
        if role == Qt.ItemDataRole.ForegroundRole and key == "previous":
            return MUTED_FOREGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("percent", "completed"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, r: TaskRow, key: str) -> str:
        if key == "code":
            return r.code
        if key == "task":
            return r.title
        if key == "deadline":
            if r.deadline is not None:
                return fmt_date(r.deadline)
            if r.recurrence is not None and r.recurrence is not Recurrence.NONE:
                return label(r.recurrence)
            return r.timeframe_text
        if key == "previous":
            return previous_text(r)
        if key == "progress":
            return label(r.progress) if r.progress is not None else ""
        if key == "percent":
            return r.percent_text
        if key == "completed":
            return r.completed_text
        if key in TEXT_FIELDS:
            return " ".join(getattr(r, key).split())
        if key == "evidence":
            return T.EVIDENCE_COUNT.format(count=len(r.evidence)) if r.evidence else ""
        return ""

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        key = self.KEYS[index.column()]
        if key not in EDITABLE:
            return False
        r = self._rows[index.row()]
        changed_cols = [index.column()]
        if key == "progress":
            new = value if isinstance(value, Progress) or value is None else Progress(value)
            if new == r.progress:
                return False
            r.progress = new
            if new is Progress.COMPLETED and not r.percent_text.strip():
                r.percent_text = "100"
                changed_cols.append(self.column_of("percent"))
        else:
            text = "" if value is None else str(value)
            attr = {"percent": "percent_text", "completed": "completed_text"}.get(key, key)
            if getattr(r, attr) == text:
                return False
            setattr(r, attr, text)
        before = self._errors[index.row()]
        self._errors[index.row()] = self._validate(r)
        self.dataChanged.emit(
            self.index(index.row(), 0), self.index(index.row(), len(self.KEYS) - 1)
        )
        self.edited.emit()
        if before != self._errors[index.row()]:
            self.issues_changed.emit()
        return True
