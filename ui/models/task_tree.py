"""The plan's task tree (the "Dạng cây" view of the Nhiệm vụ page).

Nodes come in tree pre-order from ``models.services.tasks.task_tree``; an
index's ``internalId`` is the node's position in that list, so parent and
row lookups are O(1) and the model never holds Python objects in Qt
pointers. UI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from models.services.tasks import TaskNode
from ui.models.task_table import task_cell
from ui.texts import tasks as T

Index = QModelIndex | QPersistentModelIndex


class TaskTreeModel(QAbstractItemModel):
    """All tasks of the plan as a tree; group headers in bold."""

    COLUMNS: tuple[tuple[str, str], ...] = (
        ("task", T.COL_TASK),
        ("lead", T.COL_LEAD),
        ("deadline", T.COL_DEADLINE),
        ("status", T.COL_STATUS),
        ("percent", T.COL_PERCENT),
    )
    KEYS = tuple(k for k, _ in COLUMNS)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._nodes: list[TaskNode] = []
        self._children: dict[int, list[int]] = {}  # parent position (-1 root) -> positions
        self._parent_pos: list[int] = []
        self._row: list[int] = []
        self._pos_of_id: dict[int, int] = {}
        self._cache: dict[tuple[int, int, int], Any] = {}  # (position, column, role)
        self._bold = QFont()
        self._bold.setBold(True)

    # -- content ----------------------------------------------------------------
    def set_nodes(self, nodes: list[TaskNode]) -> None:
        self.beginResetModel()
        self._cache = {}
        self._nodes = list(nodes)
        self._pos_of_id = {n.id: i for i, n in enumerate(self._nodes)}
        self._children = {-1: []}
        self._parent_pos = []
        self._row = []
        for i, n in enumerate(self._nodes):
            p = self._pos_of_id.get(n.parent_id, -1) if n.parent_id is not None else -1
            siblings = self._children.setdefault(p, [])
            self._parent_pos.append(p)
            self._row.append(len(siblings))
            siblings.append(i)
        self.endResetModel()

    def nodes(self) -> list[TaskNode]:
        return self._nodes

    def node(self, index: Index) -> TaskNode | None:
        if not index.isValid():
            return None
        pos = index.internalId()
        return self._nodes[pos] if 0 <= pos < len(self._nodes) else None

    def _pos(self, parent: Index) -> int:
        return parent.internalId() if parent.isValid() else -1

    def parent_positions(self) -> list[int]:
        """For each node (same order as ``nodes()``), its parent's position or -1."""
        return self._parent_pos

    def position(self, row: int, parent: Index) -> int:
        """Position in ``nodes()`` of the ``row``-th child of ``parent``."""
        return self._children[parent.internalId() if parent.isValid() else -1][row]

    def index_of(self, task_id: int, column: int = 0) -> QModelIndex:
        pos = self._pos_of_id.get(task_id)
        if pos is None:
            return QModelIndex()
        return self.createIndex(self._row[pos], column, pos)

    def column_of(self, key: str) -> int:
        return self.KEYS.index(key)

    # -- QAbstractItemModel -----------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        kids = self._children.get(self._pos(parent))
        if kids is None or not 0 <= row < len(kids) or not 0 <= column < len(self.COLUMNS):
            return QModelIndex()
        return self.createIndex(row, column, kids[row])

    def parent(self, index: Index | None = None) -> Any:  # type: ignore[override]
        if index is None:  # QObject.parent()
            return super().parent()
        if not index.isValid():
            return QModelIndex()
        pos = index.internalId()
        p = self._parent_pos[pos] if 0 <= pos < len(self._parent_pos) else -1
        if p < 0:
            return QModelIndex()
        return self.createIndex(self._row[p], 0, p)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children.get(self._pos(parent), ()))

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return self.rowCount(parent) > 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        pos, col = index.internalId(), index.column()
        cache_key = (pos, col, role)
        try:
            return self._cache[cache_key]
        except KeyError:
            pass
        node = self.node(index)
        if node is None:
            return None
        if role == Qt.ItemDataRole.FontRole and node.is_group:
            value = self._bold
        else:
            value = task_cell(node, self.KEYS[col], role)
        self._cache[cache_key] = value
        return value

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section][1]
        return None
