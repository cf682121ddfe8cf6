"""Filtering and sorting of the task views (tree and table).

Rule of the search: the text typed (spaces collapsed) must appear as written
in the task's code, title, content, unit names or time frame, ignoring case
and Vietnamese diacritics ("chuyen doi so" finds "Chuyển đổi số", but not a
task that only has "chuyên dùng", "sửa đổi" and "số liệu" apart). The other filters (lead unit,
group, status, overdue only, deadline within a date range) combine with AND.
Group headers are never matched themselves; they stay visible when one of
their tasks is, so the tree keeps its shape.

Speed: each row carries a pre-folded ``search_key`` (built by the service,
off the UI thread). A filter change first computes a yes/no per row with a
few list comprehensions over plain Python objects (``matching``), then asks
Qt to re-filter with ``invalidate()`` (one layout change instead of
thousands of row removals); ``filterAcceptsRow`` is then a list lookup.
UI thread only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from models.enums import TaskStatus
from models.services.tasks import TaskNode
from models.textutil import fold
from ui.models.common import SORT_ROLE

Index = QModelIndex | QPersistentModelIndex
NO_UNIT = -1
"""``unit_id`` value selecting tasks without a lead unit."""


class NodeSource(Protocol):
    def nodes(self) -> list[TaskNode]: ...

    def position(self, row: int, parent: Index) -> int: ...


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
        """Whether a task (not a group header) passes every filter (one row;
        ``matching`` does the same for a whole list, faster)."""
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


def matching(nodes: list[TaskNode], criteria: TaskFilter) -> list[bool]:
    """Per node (same order): does it pass ``criteria``? One list pass per filter."""
    terms = criteria.terms
    if terms:  # the common case first: one pass for the search phrase
        term = terms[0]
        keep = [not n.is_group and term in n.search_key for n in nodes]
        terms = terms[1:]
    else:
        keep = [not n.is_group for n in nodes]
    unit_id = criteria.unit_id
    if unit_id is not None:
        want = None if unit_id == NO_UNIT else unit_id
        keep = [k and n.lead_unit_id == want for k, n in zip(keep, nodes, strict=True)]
    if criteria.group_id is not None:
        gid = criteria.group_id
        keep = [k and n.group_id == gid for k, n in zip(keep, nodes, strict=True)]
    if criteria.status is not None:
        st = criteria.status
        keep = [k and n.status is st for k, n in zip(keep, nodes, strict=True)]
    if criteria.overdue_only:
        keep = [k and n.overdue for k, n in zip(keep, nodes, strict=True)]
    if criteria.due_between is not None:
        start, end = criteria.due_between
        keep = [
            k and n.deadline is not None and start <= n.deadline <= end
            for k, n in zip(keep, nodes, strict=True)
        ]
    for term in terms:
        keep = [k and term in n.search_key for k, n in zip(keep, nodes, strict=True)]
    return keep


def with_ancestors(mask: list[bool], parent_positions: list[int]) -> list[bool]:
    """``mask`` plus every ancestor of a row it keeps (so the tree keeps its shape)."""
    out = list(mask)
    for pos, keep in enumerate(mask):
        if not keep:
            continue
        parent = parent_positions[pos]
        while parent >= 0 and not out[parent]:
            out[parent] = True
            parent = parent_positions[parent]
    return out


class TaskFilterProxy(QSortFilterProxyModel):
    """Sort/filter proxy for ``TaskTreeModel`` (``tree=True``) and ``TaskTableModel``.

    For the tree the parents of matching rows are added to the mask in
    Python (rather than by Qt's recursive filtering, which would ask the
    model for children row by row).
    """

    def __init__(self, parent: Any = None, *, tree: bool = False) -> None:
        super().__init__(parent)
        self._filter = TaskFilter()
        self._mask: list[bool] | None = None
        self._count = 0
        self._tree = tree
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(False)

    @property
    def criteria(self) -> TaskFilter:
        return self._filter

    def accepted_count(self) -> int:
        """Number of tasks (not groups) that pass the filter."""
        if self._mask is not None:
            return self._count
        source: NodeSource = self.sourceModel()  # type: ignore[assignment]
        return sum(1 for n in source.nodes() if not n.is_group)

    def set_filter(self, criteria: TaskFilter) -> None:
        """Apply ``criteria`` (one pass over the rows, then one Qt re-filter)."""
        self._filter = criteria
        self.recompute()

    def recompute(self) -> None:
        """Recompute the accepted rows after the filter or the source changed."""
        source: NodeSource | None = self.sourceModel()  # type: ignore[assignment]
        if source is None or self._filter.empty:
            self._mask = None
        else:
            mask = matching(source.nodes(), self._filter)
            self._count = sum(mask)
            if self._tree:
                mask = with_ancestors(mask, source.parent_positions())  # type: ignore[attr-defined]
            self._mask = mask
        self.invalidate()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header clicks sort the flat table's rows in the source model (a
        Python sort, once); the proxy itself stays unsorted, so a keystroke
        in the search box only filters. The tree keeps the plan's order."""
        if self._tree:
            return
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)
            if self._mask is not None:
                self.recompute()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        mask = self._mask
        if mask is None:
            return True
        if not self._tree:
            return mask[source_row]
        return mask[self.sourceModel().position(source_row, source_parent)]  # type: ignore[attr-defined]
