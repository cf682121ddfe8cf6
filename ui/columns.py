"""Column widths that fit Vietnamese headers: a width in average characters,
never narrower than the header text. UI thread only."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
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
    # Headers are often bold by style sheet, which fontMetrics() does not see.
    bold = QFont(header.font())
    bold.setBold(True)
    header_fm = QFontMetrics(bold)
    ch = fm.averageCharWidth()
    header.setStretchLastSection(False)
    for col, chars in widths.items():
        text = str(model.headerData(col, header.orientation()) or "") if model else ""
        widest = max((header_fm.horizontalAdvance(line) for line in text.split("\n")), default=0)
        width = max(chars * ch + 16, widest + 24)
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(col, width)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def column_chooser(view: QTableView | QTreeView, *, title: str, locked: set[int]) -> None:
    """Right-click on the header lists the columns with check boxes to show or
    hide them (columns in ``locked`` always stay). UI thread only."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMenu

    header: QHeaderView = (
        view.horizontalHeader() if isinstance(view, QTableView) else view.header()
    )
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show_menu(pos: object) -> None:
        model = view.model()
        if model is None:
            return
        menu = QMenu(view)
        menu.setTitle(title)
        menu.addSection(title)
        for col in range(model.columnCount()):
            if col in locked:
                continue
            text = str(model.headerData(col, header.orientation()) or "")
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(col))
            action.toggled.connect(lambda on, c=col: header.setSectionHidden(c, not on))
        menu.exec(header.mapToGlobal(pos))  # type: ignore[arg-type]

    header.customContextMenuRequested.connect(show_menu)
