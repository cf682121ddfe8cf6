"""Column widths that fit Vietnamese headers: a width in average characters,
never narrower than the header text. UI thread only."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView, QTreeView


def size_columns(
    view: QTableView | QTreeView, widths: dict[int, int], *, stretch: int | None = None
) -> None:
    """Give column ``c`` about ``widths[c]`` characters (at least its header's
    width) and let ``stretch`` take the remaining space."""
    header: QHeaderView = (
        view.horizontalHeader() if isinstance(view, QTableView) else view.header()
    )
    model = view.model()
    fm = view.fontMetrics()
    header_fm = header.fontMetrics()
    ch = fm.averageCharWidth()
    header.setStretchLastSection(False)
    for col, chars in widths.items():
        text = str(model.headerData(col, header.orientation()) or "") if model else ""
        width = max(chars * ch + 16, header_fm.horizontalAdvance(text) + 24)
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(col, width)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
