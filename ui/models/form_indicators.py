"""Editable table of a unit's indicators in the update form.

Rows are ``models.services.updates.IndicatorRow`` objects. The value is kept
as typed ("85,5", "85.5", "có"); the evaluation column is recomputed from
the typed text on every keystroke (``indicator_evaluation``), and a value
that cannot be read is painted red with the Vietnamese reason. UI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

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
from ui.models.form_base import FormTableModel, Index
from ui.models.task_table import title_tooltip
from ui.texts import updates as T

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


class FormIndicatorsModel(FormTableModel):
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
    EDITABLE = EDITABLE

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[IndicatorRow] = []
        self._evals: list[Evaluation | None] = []

    def set_rows(self, rows: list[IndicatorRow], *, read_only: bool) -> None:
        self._evals = [None] * len(rows)
        self._load(rows, read_only=read_only)

    def _validate(self, row: IndicatorRow) -> dict[str, str]:
        return validate_indicator_row(row)

    def _row_changed(self, row: int) -> None:
        self._evals[row] = indicator_evaluation(self._rows[row])

    def rows(self) -> list[IndicatorRow]:
        return self._rows

    def row(self, row: int) -> IndicatorRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def evaluation(self, row: int) -> Evaluation | None:
        return self._evals[row] if 0 <= row < len(self._evals) else None

    def filled_count(self) -> int:
        return sum(1 for r in self._rows if r.value_text.strip())

    # -- Qt -------------------------------------------------------------------------------
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
        key = self._editable_key(index, role)
        if key is None:
            return False
        r = self._rows[index.row()]
        text = "" if value is None else str(value)
        attr = "value_text" if key == "value" else "note"
        if getattr(r, attr) == text:
            return False
        setattr(r, attr, text)
        self.revalidate(index.row(), edited=True)
        return True
