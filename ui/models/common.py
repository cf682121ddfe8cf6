"""Roles, colours and formatting shared by the monthly-cycle table models.

Colours follow the meaning users know from paper reports: green done on
time, blue in progress, amber late, red overdue/not achieved, grey nothing.
UI thread only (QColor/QBrush are cheap but Qt types).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from models.enums import Evaluation, TaskStatus
from models.numbers import format_number

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""Role giving a sortable key (dates as ISO text, numbers as floats)."""
ID_ROLE = Qt.ItemDataRole.UserRole + 2
"""Role giving the database id of the row's record."""

# (text colour, background) per status / evaluation.
STATUS_COLORS: dict[TaskStatus, tuple[str, str]] = {
    TaskStatus.NOT_STARTED: ("#4a4a4a", "#ececec"),
    TaskStatus.IN_PROGRESS_ON_TIME: ("#174a7c", "#e0ecf8"),
    TaskStatus.IN_PROGRESS_OVERDUE: ("#8a1c1c", "#fbe0e0"),
    TaskStatus.DONE_ON_TIME: ("#1e6b35", "#dff3e4"),
    TaskStatus.DONE_LATE: ("#7a4b00", "#fff1d6"),
}
STATUS_BADGE: dict[TaskStatus, str] = {
    TaskStatus.NOT_STARTED: "muted",
    TaskStatus.IN_PROGRESS_ON_TIME: "info",
    TaskStatus.IN_PROGRESS_OVERDUE: "bad",
    TaskStatus.DONE_ON_TIME: "ok",
    TaskStatus.DONE_LATE: "warn",
}
EVALUATION_COLORS: dict[Evaluation, tuple[str, str]] = {
    Evaluation.ACHIEVED: ("#1e6b35", "#dff3e4"),
    Evaluation.EXCEEDED: ("#0b5e57", "#cdeee9"),
    Evaluation.NOT_ACHIEVED: ("#8a1c1c", "#fbe0e0"),
}
ERROR_BACKGROUND = QBrush(QColor("#f8d0cc"))
ERROR_FOREGROUND = QBrush(QColor("#8a1c1c"))
READ_ONLY_BACKGROUND = QBrush(QColor("#f4f4f4"))
EDITABLE_BACKGROUND = QBrush(QColor("#fffdf2"))
MUTED_FOREGROUND = QBrush(QColor("#6b6b6b"))

_brushes: dict[str, QBrush] = {}


def brush(color: str) -> QBrush:
    """A cached brush of ``color`` (hex)."""
    found = _brushes.get(color)
    if found is None:
        found = _brushes[color] = QBrush(QColor(color))
    return found


def status_brushes(status: TaskStatus | None) -> tuple[QBrush, QBrush] | None:
    if status is None:
        return None
    fg, bg = STATUS_COLORS[status]
    return brush(fg), brush(bg)


def evaluation_brushes(evaluation: Evaluation | None) -> tuple[QBrush, QBrush] | None:
    if evaluation is None:
        return None
    fg, bg = EVALUATION_COLORS[evaluation]
    return brush(fg), brush(bg)


def fmt_date(value: dt.date | None) -> str:
    """``20/12/2025`` (empty for None)."""
    return value.strftime("%d/%m/%Y") if value else ""


def fmt_datetime(value: dt.datetime | None) -> str:
    """Local time ``20/12/2025 14:05`` (empty for None)."""
    if value is None:
        return ""
    return value.astimezone().strftime("%d/%m/%Y %H:%M")


def fmt_number(value: float | None, *, decimals: int = 2) -> str:
    """Vietnamese number ("85,5"), empty for None."""
    return format_number(value, decimals=decimals) if value is not None else ""


def fmt_size(size: int) -> str:
    """File size in KB/MB, Vietnamese decimal comma."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{format_number(size / 1024, decimals=0)} KB"
    return f"{format_number(size / (1024 * 1024), decimals=1)} MB"


def date_key(value: dt.date | None) -> str:
    """Sort key that puts missing dates last."""
    return value.isoformat() if value else "9999-12-31"
