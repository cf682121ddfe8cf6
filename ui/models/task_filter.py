"""Filtering and sorting of the task views (tree and table).

Rule of the search: the text typed (spaces collapsed) must appear as written
in the task's code, title, content, unit names or time frame, ignoring case
and Vietnamese diacritics ("chuyen doi so" finds "Chuyển đổi số", but not a
task that only has "chuyên dùng", "sửa đổi" and "số liệu" apart). The other filters (lead unit,
group, status, overdue only, deadline within a date range) combine with AND.
Group headers are never matched themselves; they stay visible when one of
their tasks is (recursive filtering), so the tree keeps its shape.

Speed: each row carries a pre-folded ``search_key`` (built by the service,
off the UI thread). A filter change first computes the set of accepted task
ids in one pass over plain Python objects, then asks Qt to re-filter with
``invalidate()`` (one layout change instead of thousands of row removals);
``filterAcceptsRow`` is then a set lookup. UI thread only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from models.enums import TaskStatus
from models.services.tasks import TaskNode
from models.textutil import fold
from ui.models.common import SORT_ROLE

Index = QModelIndex | QPersistentModelIndex
NO_UNIT = -1
"""``unit_id`` value selecting tasks without a lead unit."""


class NodeSource(Protocol):
    def nodes(self) -> list[TaskNode]: ...

    def node_at(self, row: int, parent: Index = ...) -> TaskNode: ...


@dataclass(frozen=True)
class TaskFilter:
    """What the filter bar asks for (empty = everything)."""

    text: str = ""
    unit_id: int | None = None
    group_id: int | None = None
    status: TaskStatus | None = None
    overdue_only: bool = False
    due_between: tuple[dt.date, dt.date] | None = None
    terms: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        phrase = " ".join(fold(self.text).split())
        object.__setattr__(self, "terms", (phrase,) if phrase else ())

    @property
    def empty(self) -> bool:
        return not (
            self.terms
            or self.unit_id is not None
            or self.group_id is not None
            or self.status is not None
            or self.overdue_only
            or self.due_between is not None
        )

    def accepts(self, node: TaskNode) -> bool:
        """Whether a task (not a group header) passes every filter."""
        if node.is_group:
            return False
        if self.unit_id is not None:
            if self.unit_id == NO_UNIT:
                if node.lead_unit_id is not None:
                    return False
            elif node.lead_unit_id != self.unit_id:
                return False
        if self.group_id is not None and node.group_id != self.group_id:
            return False
        if self.status is not None and node.status is not self.status:
            return False
        if self.overdue_only and not node.overdue:
            return False
        if self.due_between is not None:
            if node.deadline is None:
                return False
            start, end = self.due_between
            if not start <= node.deadline <= end:
                return False
        key = node.search_key
        return all(term in key for term in self.terms)


class TaskFilterProxy(QSortFilterProxyModel):
    """Sort/filter proxy for ``TaskTreeModel`` and ``TaskTableModel``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._filter = TaskFilter()
        self._accepted: set[int] | None = None
        self.setSortRole(SORT_ROLE)
        self.setRecursiveFilteringEnabled(True)
        self.setDynamicSortFilter(False)

    @property
    def criteria(self) -> TaskFilter:
        return self._filter

    def accepted_count(self) -> int:
        """Number of tasks (not groups) that pass the filter."""
        source: NodeSource = self.sourceModel()  # type: ignore[assignment]
        if self._accepted is not None:
            return len(self._accepted)
        return sum(1 for n in source.nodes() if not n.is_group)

    def set_filter(self, criteria: TaskFilter) -> None:
        """Apply ``criteria`` (one pass over the rows, then one Qt re-filter)."""
        self._filter = criteria
        self.recompute()

    def recompute(self) -> None:
        """Recompute the accepted set after the source rows changed."""
        source: NodeSource | None = self.sourceModel()  # type: ignore[assignment]
        if source is None or self._filter.empty:
            self._accepted = None
        else:
            accepts = self._filter.accepts
            self._accepted = {n.id for n in source.nodes() if accepts(n)}
        self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        accepted = self._accepted
        if accepted is None:
            return True
        source: NodeSource = self.sourceModel()  # type: ignore[assignment]
        return source.node_at(source_row, source_parent).id in accepted
