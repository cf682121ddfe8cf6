"""Editable table of a unit's tasks in the update form.

Rows are ``models.services.updates.TaskRow`` objects (input kept as typed).
Every edit re-validates its row with ``validate_task_row``; refused cells are
painted red with the Vietnamese reason as tooltip, and ``issues_changed``
tells the form to refresh its message line. UI thread only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

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
from ui.models.form_base import FormTableModel, Index
from ui.models.task_table import title_tooltip
from ui.texts import updates as T

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


class FormTasksModel(FormTableModel):
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
    EDITABLE = EDITABLE

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[TaskRow] = []
        self._period_end = dt.date.today()
        self._today: dt.date | None = None

    # -- content ------------------------------------------------------------------
    def set_rows(
        self, rows: list[TaskRow], *, period_end: dt.date, read_only: bool,
        today: dt.date | None = None,
    ) -> None:
        self._period_end = period_end
        self._today = today
        self._load(rows, read_only=read_only)

    def rows(self) -> list[TaskRow]:
        return self._rows

    def row(self, row: int) -> TaskRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def reported_count(self) -> int:
        return sum(1 for r in self._rows if r.progress is not None)

    def _validate(self, row: TaskRow) -> dict[str, str]:
        return validate_task_row(row, period_end=self._period_end, today=self._today)

    # -- Qt -----------------------------------------------------------------------------
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
        key = self._editable_key(index, role)
        if key is None:
            return False
        r = self._rows[index.row()]
        if key == "progress":
            new = value if isinstance(value, Progress) or value is None else Progress(value)
            if new == r.progress:
                return False
            r.progress = new
            if new is Progress.COMPLETED and not r.percent_text.strip():
                r.percent_text = "100"
        else:
            text = "" if value is None else str(value)
            attr = {"percent": "percent_text", "completed": "completed_text"}.get(key, key)
            if getattr(r, attr) == text:
                return False
            setattr(r, attr, text)
        self.revalidate(index.row(), edited=True)
        return True
