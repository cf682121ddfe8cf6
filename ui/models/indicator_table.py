"""Indicators of the plan with targets per milestone year and the period's
value and evaluation (Chỉ tiêu page), and its filter proxy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from models.enums import Evaluation
from models.services.indicator_view import IndicatorView
from models.texts import label
from models.textutil import fold
from ui.models.common import ID_ROLE, MUTED_FOREGROUND, SORT_ROLE, evaluation_brushes
from ui.models.task_table import code_sort_text, title_tooltip
from ui.texts import indicators as T

Index = QModelIndex | QPersistentModelIndex
NOT_EVALUATED = "none"


class IndicatorTableModel(QAbstractTableModel):
    """One row per indicator; one target column per milestone year present."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[IndicatorView] = []
        self.years: list[int] = []
        self._columns: list[tuple[str, str]] = []
        self._build_columns()

    def _build_columns(self) -> None:
        # The lead unit is a filter, in the name's tooltip and in the detail pane.
        self._columns = [("code", T.COL_CODE), ("name", T.COL_NAME), ("measure", T.COL_MEASURE)]
        self._columns += [(f"y{y}", T.COL_TARGET_YEAR.format(year=y)) for y in self.years]
        self._columns += [("value", T.COL_VALUE), ("evaluation", T.COL_EVALUATION)]

    def set_rows(self, rows: list[IndicatorView]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.years = sorted({y for r in rows for y in r.targets})
        self._build_columns()
        self.endResetModel()

    def rows(self) -> list[IndicatorView]:
        return self._rows

    def row(self, row: int) -> IndicatorView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def keys(self) -> list[str]:
        return [k for k, _ in self._columns]

    def column_of(self, key: str) -> int:
        return self.keys().index(key)

    def index_of(self, indicator_id: int) -> QModelIndex:
        for i, r in enumerate(self._rows):
            if r.id == indicator_id:
                return self.index(i, 0)
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section][1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        key = self._columns[index.column()][0]
        year = int(key[1:]) if key.startswith("y") else None
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            if key == "code":
                return code_sort_text(r.code) if role == SORT_ROLE else r.code
            if key == "name":
                return r.name
            if key == "measure":
                return r.unit_label or label(r.measure_unit)
            if key == "lead":
                return r.lead_unit_name
            if year is not None:
                return r.targets.get(year, "")
            if key == "previous":
                return r.previous_text
            if key == "value":
                if role == SORT_ROLE:
                    return r.value if r.value is not None else (-1.0 if r.yes is None else float(r.yes))
                return r.value_text
            if key == "evaluation":
                if role == SORT_ROLE:
                    return list(Evaluation).index(r.evaluation) if r.evaluation else -1
                return label(r.evaluation) if r.evaluation is not None else ""
            return None
        if role == ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "name":
                lead = f"\n{T.COL_LEAD}: {r.lead_unit_name}" if r.lead_unit_name else ""
                return title_tooltip(f"{r.code}. {r.name}{lead}")
            if year is not None:
                if year == r.target_year:
                    return T.TARGET_IN_FORCE_TIP.format(year=year)
                return T.YEAR_TIP.format(year=year)
            if key == "lead" and r.other_unit_names:
                return title_tooltip(f"{r.lead_unit_name}\n+ {', '.join(r.other_unit_names)}")
            return None
        if role == Qt.ItemDataRole.FontRole and year is not None and year == r.target_year:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        if key == "evaluation" and role in (
            Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole
        ):
            pair = evaluation_brushes(r.evaluation)
            if pair is None:
                return None
            return pair[0] if role == Qt.ItemDataRole.ForegroundRole else pair[1]
        if role == Qt.ItemDataRole.ForegroundRole and (
            key == "previous" or (year is not None and year != r.target_year)
        ):
            return MUTED_FOREGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole and (
            key in ("value", "previous") or year is not None
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


@dataclass(frozen=True)
class IndicatorFilter:
    text: str = ""
    unit_id: int | None = None
    evaluation: str | None = None  # Evaluation value, NOT_EVALUATED, or None = all

    @property
    def phrase(self) -> str:
        return " ".join(fold(self.text).split())


class IndicatorFilterProxy(QSortFilterProxyModel):
    """Search (diacritics ignored), lead unit and evaluation filters."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._filter = IndicatorFilter()
        self.setSortRole(SORT_ROLE)

    def set_filter(self, criteria: IndicatorFilter) -> None:
        self._filter = criteria
        self.invalidate()

    def accepted_count(self) -> int:
        return self.rowCount()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model: IndicatorTableModel = self.sourceModel()  # type: ignore[assignment]
        r = model.row(source_row)
        if r is None:
            return False
        f = self._filter
        if f.unit_id is not None and r.lead_unit_id != f.unit_id:
            return False
        if f.evaluation is not None:
            have = r.evaluation.value if r.evaluation is not None else NOT_EVALUATED
            if have != f.evaluation:
                return False
        phrase = f.phrase
        return not phrase or phrase in r.search_key
