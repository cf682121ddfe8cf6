"""Tệp > Nhập kế hoạch từ tệp…: pick a plan file, review what was read, import it.

The dialog is thin: reading (``models.plan_import.parser.parse_file``) and
saving (``models.plan_import.commit.import_plan``) run in a worker
(``ui.worker.run_in_background``); the dialog only shows and edits the
``ParsedPlan`` in between:

* a tree of tasks with check boxes and inline edits of code, title, lead and
  cooperating units and time frame; what the importer did not understand is
  tinted and explained in the last column and in the tooltip;
* a table of indicators with check boxes and inline edits (unit of measure,
  comparator, a target per milestone year, lead unit);
* the unit names of the plan matched with the commune's units: used as is,
  proposed as a new unit (code and kind editable), mapped to another unit, or
  left without a unit;
* the warnings (with sheet, row and column for Excel) and the reporting rules.

Nothing is written before "Nhập vào cơ sở dữ liệu", and then all in one
transaction. UI thread only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from models import texts as domain_texts
from models.enums import Comparator, MeasureUnit, UnitKind
from models.plan_import.excel import YEARS
from models.plan_import.model import MEASURE_LABELS, ParsedIndicator, ParsedPlan, ParsedTask
from models.plan_import.units import (
    MatchKind,
    NewUnit,
    UnitMatch,
    UnitRef,
    match_units,
    split_units,
)
from models.schema import Indicator, Plan, Task, Unit
from ui import dialogs, worker
from ui.texts import plan_import as T

Index = QModelIndex | QPersistentModelIndex
PROBLEM_BRUSH = QBrush(QColor("#fff1c2"))
GROUP_FONT_WEIGHT = 600


# ---------------------------------------------------------------------------
# Work done in the worker (no widgets)
# ---------------------------------------------------------------------------


@dataclass
class Loaded:
    """What the worker hands back after reading a file."""

    plan: ParsedPlan
    units: list[UnitRef]
    excel_errors: int = 0
    active_title: str | None = None
    active_tasks: int = 0
    active_task_codes: set[str] = field(default_factory=set)
    active_indicator_codes: set[str] = field(default_factory=set)


def load_plan(db: Any, path: Path) -> Loaded:
    """Read ``path`` with the commune's units as vocabulary (any thread)."""
    with db.session() as session:
        units = [UnitRef(u.id, u.code, u.name) for u in session.scalars(select(Unit))]
        active = session.scalars(
            select(Plan)
            .where(Plan.active.is_(True))
            .order_by(Plan.created_at.desc(), Plan.id.desc())
        ).first()
        info: dict[str, Any] = {}
        if active is not None:
            task_codes = set(session.scalars(select(Task.code).where(Task.plan_id == active.id)))
            info = {
                "active_title": active.title,
                "active_tasks": len(task_codes),
                "active_task_codes": {c.lower() for c in task_codes},
                "active_indicator_codes": {
                    c.lower()
                    for c in session.scalars(
                        select(Indicator.code).where(Indicator.plan_id == active.id)
                    )
                },
            }
    names = [u.name for u in units]
    errors = 0
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        from models.plan_import.excel import import_workbook

        result = import_workbook(path, known_units=names)
        plan = result.plan
        errors = len(result.errors)
    else:
        from models.plan_import.parser import parse_file

        plan = parse_file(path, known_units=names)
    return Loaded(plan=plan, units=units, excel_errors=errors, **info)


# ---------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box for columns whose model gives choices in ``UserRole``."""

    def createEditor(  # noqa: N802 - Qt override
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        combo = QComboBox(parent)
        for value, label in index.data(Qt.ItemDataRole.UserRole) or []:
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        position = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(position, 0))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class _Node:
    def __init__(self, task: ParsedTask | None, parent: _Node | None) -> None:
        self.task = task
        self.parent = parent
        self.children: list[_Node] = []

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent is not None else 0


class TaskTreeModel(QAbstractItemModel):
    """The parsed task tree: check boxes, inline edits, problems tinted."""

    CODE, TITLE, LEAD, COOP, TIME, DEADLINE, PROBLEM = range(7)
    HEADERS = (
        T.COL_CODE,
        T.COL_TITLE,
        T.COL_LEAD,
        T.COL_COOP,
        T.COL_TIME,
        T.COL_DEADLINE,
        T.COL_PROBLEM,
    )
    EDITABLE = (CODE, TITLE, LEAD, COOP, TIME)

    def __init__(self, plan: ParsedPlan, on_change: Any = None) -> None:
        super().__init__()
        self.plan = plan
        self.on_change = on_change
        self.root = _Node(None, None)
        nodes: dict[str, _Node] = {}
        for task in plan.tasks:
            parent = nodes.get(task.parent or "", self.root) if task.parent else self.root
            node = _Node(task, parent)
            parent.children.append(node)
            nodes[task.code] = node

    # -- structure ------------------------------------------------------------------------
    def _node(self, index: Index) -> _Node:
        if index.isValid():
            return index.internalPointer()  # type: ignore[no-any-return]
        return self.root

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self._node(parent)
        if 0 <= row < len(node.children):
            return self.createIndex(row, column, node.children[row])
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node = self._node(index).parent
        if node is None or node is self.root:
            return QModelIndex()
        return self.createIndex(node.row(), 0, node)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.CODE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in self.EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # -- data -------------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        task = self._node(index).task
        assert task is not None
        column = index.column()
        problems = task.review_problems()
        if role == Qt.ItemDataRole.CheckStateRole and column == self.CODE:
            return Qt.CheckState.Checked if task.selected else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.CODE:
                return task.code
            if column == self.TITLE:
                return task.title
            if column == self.LEAD:
                return "; ".join(task.lead_units)
            if column == self.COOP:
                return "; ".join(task.cooperating_units)
            if column == self.TIME:
                return task.timeframe_text
            if column == self.DEADLINE:
                if task.deadline is not None:
                    return task.deadline.strftime("%d/%m/%Y")
                return (
                    domain_texts.label(task.recurrence) if task.recurrence.value != "none" else ""
                )
            if column == self.PROBLEM:
                return " ".join(problems)
        if role == Qt.ItemDataRole.ToolTipRole:
            if problems:
                return "\n".join(problems)
            if column in (self.TITLE, self.CODE) and task.content:
                return task.content[:600]
        if (
            role == Qt.ItemDataRole.BackgroundRole
            and problems
            and column
            in (
                self.TIME,
                self.DEADLINE,
                self.PROBLEM,
                self.TITLE,
            )
        ):
            return PROBLEM_BRUSH
        if role == Qt.ItemDataRole.FontRole and task.is_group and column in (self.CODE, self.TITLE):
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        node = self._node(index)
        task = node.task
        assert task is not None
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == self.CODE:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            self._set_checked(node, checked)
            self._changed()
            return True
        if role != Qt.ItemDataRole.EditRole:
            return False
        text = " ".join(str(value or "").split())
        if column == self.CODE:
            if not text:
                return False
            for child in node.children:
                assert child.task is not None
                child.task.parent = text
            task.code = text
        elif column == self.TITLE:
            if not text:
                return False
            task.title = text
        elif column == self.LEAD:
            task.lead_units = split_units(text)
        elif column == self.COOP:
            task.cooperating_units = split_units(text)
        elif column == self.TIME:
            task.timeframe_text = text.rstrip(" .")
            task.refresh_timeframe(reference_year=self.plan.reference_year)
        else:
            return False
        row_first = self.index(index.row(), 0, index.parent())
        row_last = self.index(index.row(), len(self.HEADERS) - 1, index.parent())
        self.dataChanged.emit(row_first, row_last)
        self._changed()
        return True

    def _set_checked(self, node: _Node, checked: bool) -> None:
        if node.task is not None:
            node.task.selected = checked
        for child in node.children:
            self._set_checked(child, checked)
        if node.task is not None and node.parent is not None:
            first = self.createIndex(node.row(), 0, node)
            self.dataChanged.emit(first, first, [Qt.ItemDataRole.CheckStateRole])

    def set_all(self, checked: bool) -> None:
        self.beginResetModel()
        for task in self.plan.tasks:
            task.selected = checked
        self.endResetModel()
        self._changed()

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()


class IndicatorModel(QAbstractTableModel):
    """The parsed indicators: check boxes, unit, comparator, a target per year."""

    def __init__(self, plan: ParsedPlan, on_change: Any = None) -> None:
        super().__init__()
        self.plan = plan
        self.on_change = on_change
        years = set(YEARS)
        for indicator in plan.indicators:
            years.update(indicator.targets)
        self.years = sorted(years)
        self.headers = [
            T.COL_CODE, T.COL_NAME, T.COL_UNIT, T.COL_COMPARATOR,
            *(str(y) for y in self.years), T.COL_LEAD, T.COL_PROBLEM,
        ]  # fmt: skip
        self.year_start = 4
        self.lead_column = self.year_start + len(self.years)
        self.problem_column = self.lead_column + 1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.plan.indicators)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if index.column() != self.problem_column:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _choices(self, column: int) -> list[tuple[Any, str]]:
        if column == 2:
            return [(m, label) for m, label in MEASURE_LABELS.items() if m is not MeasureUnit.OTHER]
        if column == 3:
            return [(c, domain_texts.label(c)) for c in Comparator]
        return []

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        indicator: ParsedIndicator = self.plan.indicators[index.row()]
        column = index.column()
        problems = indicator.review_problems()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if indicator.selected else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return self._choices(column)
        if role == Qt.ItemDataRole.EditRole:
            if column == 2:
                return indicator.measure_unit
            if column == 3:
                return indicator.comparator
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                return indicator.code
            if column == 1:
                return indicator.name
            if column == 2:
                return indicator.unit_label
            if column == 3:
                return domain_texts.label(indicator.comparator)
            if self.year_start <= column < self.lead_column:
                return indicator.targets.get(self.years[column - self.year_start], "")
            if column == self.lead_column:
                return "; ".join(indicator.lead_units)
            if column == self.problem_column:
                return " ".join(problems)
        if role == Qt.ItemDataRole.ToolTipRole and problems:
            return "\n".join(problems)
        if (
            role == Qt.ItemDataRole.BackgroundRole
            and problems
            and (column == self.problem_column or self.year_start <= column < self.lead_column)
        ):
            return PROBLEM_BRUSH
        if (
            role == Qt.ItemDataRole.TextAlignmentRole
            and self.year_start <= column < self.lead_column
        ):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        indicator = self.plan.indicators[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            indicator.selected = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif column == 0:
            text = " ".join(str(value or "").split())
            if not text:
                return False
            indicator.code = text
        elif column == 1:
            text = " ".join(str(value or "").split())
            if not text:
                return False
            indicator.name = text
        elif column == 2:
            indicator.measure_unit = MeasureUnit(value)
            if indicator.measure_unit is MeasureUnit.YESNO:
                indicator.comparator = Comparator.YESNO
        elif column == 3:
            indicator.comparator = Comparator(value)
        elif self.year_start <= column < self.lead_column:
            year = self.years[column - self.year_start]
            text = " ".join(str(value or "").split())
            if text:
                indicator.targets[year] = text
            else:
                indicator.targets.pop(year, None)
            indicator.targets = dict(sorted(indicator.targets.items()))
        elif column == self.lead_column:
            indicator.lead_units = split_units(str(value or ""))
        else:
            return False
        self.dataChanged.emit(
            self.index(index.row(), 0), self.index(index.row(), self.problem_column)
        )
        if self.on_change is not None:
            self.on_change()
        return True

    def set_all(self, checked: bool) -> None:
        self.beginResetModel()
        for indicator in self.plan.indicators:
            indicator.selected = checked
        self.endResetModel()
        if self.on_change is not None:
            self.on_change()


@dataclass
class UnitRow:
    """One unit name of the plan and what to do with it."""

    name: str
    match: UnitMatch
    uses: int
    action: Any  # "new", "skip" or a unit id
    code: str = ""
    kind: UnitKind = UnitKind.OTHER


class UnitModel(QAbstractTableModel):
    """Unit names of the plan: matched, proposed as new, mapped or left out."""

    NAME, USES, FOUND, ACTION, CODE, KIND = range(6)
    HEADERS = (T.COL_PLAN_NAME, T.COL_USES, T.COL_FOUND, T.COL_ACTION, T.COL_NEW_CODE, T.COL_KIND)

    def __init__(self, plan: ParsedPlan, units: list[UnitRef], on_change: Any = None) -> None:
        super().__init__()
        self.units = units
        self.on_change = on_change
        names = plan.unit_names()
        uses = {name: 0 for name in names}
        for task in plan.tasks:
            for name in (*task.lead_units, *task.cooperating_units):
                uses[name] = uses.get(name, 0) + 1
        for indicator in plan.indicators:
            for name in (*indicator.lead_units, *indicator.cooperating_units):
                uses[name] = uses.get(name, 0) + 1
        self.rows: list[UnitRow] = []
        for name, match in match_units(names, units).items():
            if match.kind in (MatchKind.EXACT, MatchKind.SIMILAR) and match.unit is not None:
                action: Any = match.unit.id
            elif match.kind is MatchKind.NEW:
                action = "new"
            else:
                action = "skip"
            proposal = match.proposal
            self.rows.append(
                UnitRow(
                    name=name,
                    match=match,
                    uses=uses.get(name, 0),
                    action=action,
                    code=proposal.code if proposal else "",
                    kind=proposal.kind if proposal else UnitKind.OTHER,
                )
            )

    def choices(self) -> list[tuple[Any, str]]:
        out: list[tuple[Any, str]] = [("new", T.ACTION_NEW), ("skip", T.ACTION_SKIP)]
        out += [(u.id, T.ACTION_MAP.format(name=u.name)) for u in self.units]
        return out

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = self.rows[index.row()]
        if index.column() == self.ACTION or (
            index.column() in (self.CODE, self.KIND) and row.action == "new"
        ):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.UserRole:
            if column == self.ACTION:
                return self.choices()
            if column == self.KIND:
                return [(k, domain_texts.label(k)) for k in UnitKind]
            return None
        if role == Qt.ItemDataRole.EditRole and column == self.ACTION:
            return row.action
        if role == Qt.ItemDataRole.EditRole and column == self.KIND:
            return row.kind
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.NAME:
                return row.name
            if column == self.USES:
                return row.uses
            if column == self.FOUND:
                found = row.match.label()
                if row.match.unit is not None and row.match.kind is MatchKind.SIMILAR:
                    found += f": {row.match.unit.name}"
                return found
            if column == self.ACTION:
                return dict(self.choices()).get(row.action, "")
            if column == self.CODE:
                return row.code if row.action == "new" else ""
            if column == self.KIND:
                return domain_texts.label(row.kind) if row.action == "new" else ""
        if (
            role == Qt.ItemDataRole.BackgroundRole
            and column == self.FOUND
            and row.match.kind
            in (
                MatchKind.NEW,
                MatchKind.SIMILAR,
                MatchKind.COLLECTIVE,
            )
        ):
            return PROBLEM_BRUSH
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = self.rows[index.row()]
        column = index.column()
        if column == self.ACTION:
            row.action = value
            if value == "new" and not row.code and row.match.proposal is None:
                from models.plan_import.units import guess_kind, propose_code

                row.code = propose_code(row.name, [u.code for u in self.units] + self.new_codes())
                row.kind = guess_kind(row.name)
        elif column == self.CODE:
            text = "".join(str(value or "").split()).upper()
            if not text:
                return False
            row.code = text[:20]
        elif column == self.KIND:
            row.kind = UnitKind(value)
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.KIND))
        if self.on_change is not None:
            self.on_change()
        return True

    def new_codes(self) -> list[str]:
        return [r.code for r in self.rows if r.action == "new"]

    def decisions(self) -> tuple[dict[str, int | None], dict[str, NewUnit]]:
        """(unit_mapping, new_units) for ``commit_plan``; rows sharing a code share a unit."""
        mapping: dict[str, int | None] = {}
        new: dict[str, NewUnit] = {}
        by_code: dict[str, NewUnit] = {}
        for row in self.rows:
            if row.action == "new":
                proposal = by_code.setdefault(
                    row.code.upper(), NewUnit(name=row.name, code=row.code, kind=row.kind)
                )
                new[row.name] = proposal
            elif row.action == "skip":
                mapping[row.name] = None
            else:
                mapping[row.name] = int(row.action)
        return mapping, new


class ListModel(QAbstractTableModel):
    """Read-only rows of text (warnings, reporting rules)."""

    def __init__(self, headers: list[str], rows: list[list[str]]) -> None:
        super().__init__()
        self.headers = headers
        self.rows = rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.rows[index.row()][index.column()]
        return None


# ---------------------------------------------------------------------------
# The dialog
# ---------------------------------------------------------------------------


class PlanImportDialog(QDialog):
    """Pick a plan file, review it, import it (see the module docstring)."""

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded: Loaded | None = None
        self.task_model: TaskTreeModel | None = None
        self.indicator_model: IndicatorModel | None = None
        self.unit_model: UnitModel | None = None
        self.imported: tuple[int, Any] | None = None
        self.setWindowTitle(T.TITLE)
        self.resize(1240, 780)

        layout = QVBoxLayout(self)
        intro = QLabel(T.INTRO)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        top = QHBoxLayout()
        self.choose_button = QPushButton(T.CHOOSE_FILE)
        self.choose_button.clicked.connect(self.choose_file)
        self.template_button = QPushButton(T.DOWNLOAD_TEMPLATE)
        self.template_button.clicked.connect(self.save_template)
        self.file_label = QLabel(T.NO_FILE)
        top.addWidget(self.choose_button)
        top.addWidget(self.template_button)
        top.addWidget(self.file_label, 1)
        layout.addLayout(top)
        self.summary_label = QLabel("")
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)

        self.tabs = QTabWidget()
        self.task_view = QTreeView()
        self.task_view.setAlternatingRowColors(True)
        self.task_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.task_view.setUniformRowHeights(True)
        self.indicator_view = QTableView()
        self.unit_view = QTableView()
        self.warning_view = QTableView()
        self.reporting_view = QTableView()
        for view in (self.indicator_view, self.unit_view, self.warning_view, self.reporting_view):
            view.setAlternatingRowColors(True)
            view.verticalHeader().setVisible(False)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.choice_delegate = ChoiceDelegate(self)
        tasks_page = QWidget()
        tasks_layout = QVBoxLayout(tasks_page)
        hint = QLabel(T.REVIEW_HINT)
        hint.setWordWrap(True)
        tasks_layout.addWidget(hint)
        buttons = QHBoxLayout()
        self.check_all = QPushButton(T.CHECK_ALL)
        self.uncheck_all = QPushButton(T.UNCHECK_ALL)
        self.check_all.clicked.connect(lambda: self._set_all(True))
        self.uncheck_all.clicked.connect(lambda: self._set_all(False))
        buttons.addWidget(self.check_all)
        buttons.addWidget(self.uncheck_all)
        buttons.addStretch(1)
        tasks_layout.addLayout(buttons)
        tasks_layout.addWidget(self.task_view)
        self.tabs.addTab(tasks_page, T.TAB_TASKS.format(count=0))
        self.tabs.addTab(self.indicator_view, T.TAB_INDICATORS.format(count=0))
        self.tabs.addTab(self.unit_view, T.TAB_UNITS.format(count=0))
        self.tabs.addTab(self.warning_view, T.TAB_WARNINGS.format(count=0))
        self.tabs.addTab(self.reporting_view, T.TAB_REPORTING.format(count=0))
        self.tabs.setEnabled(False)
        layout.addWidget(self.tabs, 1)

        self.plan_label = QLabel("")
        self.plan_label.setWordWrap(True)
        layout.addWidget(self.plan_label)
        options = QHBoxLayout()
        self.replace_box = QCheckBox(T.REPLACE)
        self.replace_box.toggled.connect(self._update_counts)
        self.clean_only_box = QCheckBox("")
        self.clean_only_box.toggled.connect(self._update_counts)
        self.reporting_box = QCheckBox("")
        options.addWidget(self.replace_box)
        options.addWidget(self.clean_only_box)
        options.addWidget(self.reporting_box)
        options.addStretch(1)
        layout.addLayout(options)
        self.replace_box.hide()
        self.clean_only_box.hide()
        self.reporting_box.hide()

        bottom = QHBoxLayout()
        self.selection_label = QLabel("")
        bottom.addWidget(self.selection_label, 1)
        self.commit_button = QPushButton(T.COMMIT)
        self.commit_button.setDefault(True)
        self.commit_button.setEnabled(False)
        self.commit_button.clicked.connect(self.commit)
        self.close_button = QPushButton(T.CLOSE)
        self.close_button.clicked.connect(self.reject)
        bottom.addWidget(self.commit_button)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)

    # -- files ------------------------------------------------------------------------------
    def choose_file(self) -> None:
        path = dialogs.ask_open_file(self, title=T.CHOOSE_FILE, filters=T.FILE_FILTERS)
        if path is not None:
            self.open_file(path)

    def open_file(self, path: Path) -> None:
        """Read ``path`` in the worker and show the review (UI thread)."""
        self.file_label.setText(T.SOURCE.format(name=path.name))
        db = self.ctx.db
        worker.run_in_background(
            lambda _control: load_plan(db, path),
            on_done=self._loaded,
            on_error=lambda exc: dialogs.error(self, worker.error_message(exc)),
            progress_label=T.READING,
            parent=self,
        )

    def save_template(self) -> None:
        path = dialogs.ask_save_file(
            self,
            title=T.DOWNLOAD_TEMPLATE,
            filters=[T.EXCEL_FILTER],
            default_name=T.TEMPLATE_NAME,
            default_suffix=".xlsx",
        )
        if path is None:
            return
        from models.plan_import.excel import write_template

        with self.ctx.db.session() as session:
            names = [u.name for u in session.scalars(select(Unit).where(Unit.active.is_(True)))]
        write_template(path, unit_names=names)
        dialogs.info(self, T.TEMPLATE_SAVED.format(path=path))

    # -- review -------------------------------------------------------------------------------
    def _loaded(self, loaded: Loaded) -> None:
        self.loaded = loaded
        plan = loaded.plan
        self.task_model = TaskTreeModel(plan, self._update_counts)
        self.task_view.setModel(self.task_model)
        self.task_view.expandAll()
        header = self.task_view.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        char = self.fontMetrics().averageCharWidth()
        for column, chars in enumerate((20, 52, 24, 22, 22, 12, 40)):
            self.task_view.setColumnWidth(column, chars * char)
        self.indicator_model = IndicatorModel(plan, self._update_counts)
        self.indicator_view.setModel(self.indicator_model)
        for column in (2, 3):
            self.indicator_view.setItemDelegateForColumn(column, self.choice_delegate)
        self.indicator_view.setColumnWidth(0, 9 * char)
        self.indicator_view.setColumnWidth(1, 44 * char)
        self.indicator_view.setColumnWidth(2, 12 * char)
        self.indicator_view.setColumnWidth(3, 10 * char)
        for column in range(self.indicator_model.year_start, self.indicator_model.lead_column):
            self.indicator_view.setColumnWidth(column, 8 * char)
        self.indicator_view.setColumnWidth(self.indicator_model.lead_column, 30 * char)
        self.indicator_view.horizontalHeader().setStretchLastSection(True)
        self.unit_model = UnitModel(plan, loaded.units, self._update_counts)
        self.unit_view.setModel(self.unit_model)
        self.unit_view.setItemDelegateForColumn(UnitModel.ACTION, self.choice_delegate)
        self.unit_view.setItemDelegateForColumn(UnitModel.KIND, self.choice_delegate)
        for column, chars in enumerate((40, 15, 30, 40, 17, 22)):
            self.unit_view.setColumnWidth(column, chars * char)
        warnings = [[w.where or "", w.message] for w in plan.warnings]
        self.warning_view.setModel(ListModel([T.COL_WHERE, T.COL_MESSAGE], warnings))
        self.warning_view.setColumnWidth(0, 36 * char)
        self.warning_view.horizontalHeader().setStretchLastSection(True)
        reporting = [
            [
                rule.text,
                ", ".join(domain_texts.label(f) for f in rule.frequencies),
                str(rule.day) if rule.day else "",
            ]
            for rule in plan.reporting
        ]
        self.reporting_view.setModel(
            ListModel([T.COL_REPORT, T.COL_FREQUENCY, T.COL_DAY], reporting)
        )
        self.reporting_view.setColumnWidth(0, 100 * char)
        self.reporting_view.horizontalHeader().setStretchLastSection(True)
        groups = sum(1 for t in plan.tasks if t.is_group)
        self.tabs.setTabText(0, T.TAB_TASKS.format(count=len(plan.tasks) - groups))
        self.tabs.setTabText(1, T.TAB_INDICATORS.format(count=len(plan.indicators)))
        self.tabs.setTabText(2, T.TAB_UNITS.format(count=len(self.unit_model.rows)))
        self.tabs.setTabText(3, T.TAB_WARNINGS.format(count=len(plan.warnings)))
        self.tabs.setTabText(4, T.TAB_REPORTING.format(count=len(plan.reporting)))
        self.tabs.setEnabled(True)
        self.summary_label.setText(
            T.SUMMARY.format(
                tasks=len(plan.tasks) - groups,
                groups=groups,
                indicators=len(plan.indicators),
                units=len(self.unit_model.rows),
                parts=", ".join(plan.parts) or "-",
            )
        )
        self.replace_box.setVisible(loaded.active_title is not None)
        self.replace_box.setChecked(False)
        self.clean_only_box.setVisible(loaded.excel_errors > 0)
        self.clean_only_box.setText(T.CLEAN_ONLY.format(count=loaded.excel_errors))
        self.clean_only_box.setChecked(False)
        unit_day, report_day = plan.reporting_days()
        what = [T.UNIT_DAY.format(day=unit_day)] if unit_day else []
        what += [T.COMMUNE_DAY.format(day=report_day)] if report_day else []
        self.reporting_box.setText(T.REPORTING_DAYS.format(what=", ".join(what)))
        self.reporting_box.setVisible(bool(what))
        self.reporting_box.setChecked(bool(what))
        self._update_counts()

    def _set_all(self, checked: bool) -> None:
        if self.task_model is not None:
            self.task_model.set_all(checked)
        if self.indicator_model is not None:
            self.indicator_model.set_all(checked)

    def _update_counts(self, *_args: object) -> None:
        loaded = self.loaded
        if loaded is None or self.unit_model is None:
            return
        plan = loaded.plan
        tasks = [t for t in plan.tasks if t.selected]
        indicators = [i for i in plan.indicators if i.selected]
        used = {n for t in tasks for n in (*t.lead_units, *t.cooperating_units)} | {
            n for i in indicators for n in (*i.lead_units, *i.cooperating_units)
        }
        new_units = {r.code for r in self.unit_model.rows if r.action == "new" and r.name in used}
        groups = sum(1 for t in tasks if t.is_group)
        self.selection_label.setText(
            T.SELECTED.format(
                tasks=len(tasks) - groups,
                groups=groups,
                indicators=len(indicators),
                new_units=len(new_units),
            )
        )
        messages = []
        clash = 0
        if loaded.active_title is not None:
            clash = sum(1 for t in tasks if t.code.lower() in loaded.active_task_codes) + sum(
                1 for i in indicators if i.code.lower() in loaded.active_indicator_codes
            )
            note = T.CLASH.format(count=clash) if clash else T.NO_CLASH
            messages.append(
                T.ACTIVE_PLAN.format(
                    title=loaded.active_title, tasks=loaded.active_tasks, clash=note
                )
            )
        if loaded.excel_errors:
            messages.append(T.EXCEL_ERRORS.format(count=loaded.excel_errors))
        self.plan_label.setText(" ".join(messages))
        allowed = self._allowed()
        blocked = (clash and not self.replace_box.isChecked()) or (
            loaded.excel_errors and not self.clean_only_box.isChecked()
        )
        self.commit_button.setEnabled(bool(allowed and (tasks or indicators) and not blocked))

    def _allowed(self) -> bool:
        can = getattr(self.ctx, "can", None)
        if can is None:
            return True
        from ui.context import EDIT_PLAN

        return bool(can(EDIT_PLAN))

    # -- commit -----------------------------------------------------------------------------------
    def commit(self) -> None:
        """Save the reviewed plan in one transaction (in the worker)."""
        if self.loaded is None or self.unit_model is None:
            return
        if not self._allowed():
            dialogs.warn(self, T.NO_PERMISSION)
            return
        plan = self.loaded.plan
        if not any(t.selected for t in plan.tasks) and not any(i.selected for i in plan.indicators):
            dialogs.warn(self, T.NOTHING_SELECTED)
            return
        mapping, new_units = self.unit_model.decisions()
        replace = self.replace_box.isChecked()
        apply_days = not self.reporting_box.isHidden() and self.reporting_box.isChecked()
        db, actor = self.ctx.db, self.ctx.actor
        from models.plan_import.commit import import_plan

        self.commit_button.setEnabled(False)
        worker.run_in_background(
            lambda _control: import_plan(
                db,
                plan,
                actor=actor,
                unit_mapping=mapping,
                new_units=new_units,
                replace=replace,
                apply_reporting_days=apply_days,
            ),
            on_done=self._committed,
            on_error=self._commit_failed,
            progress_label=T.SAVING,
            parent=self,
        )

    def _committed(self, result: tuple[int, Any]) -> None:
        self.imported = result
        _plan_id, summary = result
        groups = (
            sum(1 for t in self.loaded.plan.tasks if t.selected and t.is_group)
            if self.loaded
            else 0
        )
        notify = getattr(self.ctx, "notify", None)
        if callable(notify):
            for area in ("plan", "tasks", "indicators", "units"):
                notify(area)
        dialogs.info(
            self,
            T.DONE.format(
                tasks=summary.tasks - groups,
                groups=groups,
                indicators=summary.indicators,
                new_units=len(summary.new_units),
                unassigned=len(summary.unassigned),
            ),
        )
        self.accept()

    def _commit_failed(self, exc: BaseException) -> None:
        dialogs.error(self, worker.error_message(exc))
        self._update_counts()
