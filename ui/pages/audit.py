"""Nhật ký: the audit log, read-only, filtered, with a readable before/after.

Lines are loaded a page at a time as the user scrolls (``canFetchMore`` /
``fetchMore`` over ``models.services.audit_log.fetch_entries``, newest
first), so a log of hundreds of thousands of lines opens at once. Filters:
user, action, record kind, date range and free text (accent-insensitive).
Selecting a line shows its fields before and after, with Vietnamese field
labels, names instead of internal ids, changed fields first and highlighted.
"Xuất Excel…" writes every line matching the filters in a background job
(openpyxl, write-only) and records the export in the log. Nothing on this
page edits or deletes a line. UI thread.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from models import texts as domain_texts
from models.audit import log_event
from models.enums import AuditAction
from models.services import audit_log as svc
from ui import dialogs, worker
from ui.context import VIEW_AUDIT, AppContext
from ui.texts import audit as T
from ui.widgets import SearchLineEdit, setup_table

Index = QModelIndex | QPersistentModelIndex

COLUMNS = (T.COL_AT, T.COL_USER, T.COL_ACTION, T.COL_ENTITY, T.COL_SUMMARY)
COL_AT, COL_USER, COL_ACTION, COL_ENTITY, COL_SUMMARY = range(5)
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

_ACTION_COLOURS = {
    AuditAction.DELETE: "#9c1c1c",
    AuditAction.LOGIN_FAILED: "#9c1c1c",
    AuditAction.UNLOCK_PERIOD: "#8a5a00",
    AuditAction.RESTORE: "#8a5a00",
    AuditAction.PASSWORD_RESET: "#8a5a00",
    AuditAction.KEY_CHANGE_ACCEPTED: "#8a5a00",
}


def entity_label(entity: str) -> str:
    return T.ENTITY_LABELS.get(entity, entity)


def who(row: svc.AuditRow) -> str:
    return row.username or T.SYSTEM_USER


def when(row: svc.AuditRow) -> str:
    return row.local_time.strftime("%d/%m/%Y %H:%M:%S")


class AuditTableModel(QAbstractTableModel):
    """Audit lines, newest first, fetched a page at a time; read-only."""

    def __init__(
        self, loader: Callable[[int | None], list[svc.AuditRow]], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._loader = loader
        self.rows: list[svc.AuditRow] = []
        self._more = True

    def reset(self, loader: Callable[[int | None], list[svc.AuditRow]] | None = None) -> None:
        """Start again (new filter): the first page is loaded at once."""
        self.beginResetModel()
        if loader is not None:
            self._loader = loader
        self.rows = []
        self._more = True
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    # -- lazy loading ---------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008
        if parent.isValid() or not self._more:
            return
        before = self.rows[-1].id if self.rows else None
        page = self._loader(before)
        self._more = len(page) >= svc.PAGE_SIZE
        if not page:
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self.rows.extend(page)
        self.endInsertRows()

    # -- table ----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable  # never editable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == COL_AT:
                return when(row)
            if col == COL_USER:
                return who(row)
            if col == COL_ACTION:
                return domain_texts.label(row.action)
            if col == COL_ENTITY:
                return entity_label(row.entity)
            if col == COL_SUMMARY:
                return row.summary
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_ACTION:
            colour = _ACTION_COLOURS.get(row.action)
            return QColor(colour) if colour else None
        return None


def detail_html(session: Any, row: svc.AuditRow, *, names: svc.Names | None = None) -> str:
    """The detail pane: what, who, when, and the before/after table."""
    esc = html.escape
    parts = [
        f"<h3 style='margin:0'>{esc(T.DETAIL_HEADING.format(action=domain_texts.label(row.action), entity=entity_label(row.entity)))}</h3>",
        f"<p style='color:#44546a;margin:2px 0 6px 0'>{esc(T.DETAIL_META.format(at=when(row), user=who(row)))}</p>",
    ]
    if row.summary:
        parts.append(f"<p style='margin:0 0 8px 0'>{esc(row.summary)}</p>")
    fields = svc.changes(
        session, row, field_labels=T.FIELD_LABELS, names=names, empty=T.EMPTY_VALUE,
        yes=T.YES, no=T.NO,
    )
    if not fields:
        parts.append(f"<p><i>{esc(T.DETAIL_NO_FIELDS)}</i></p>")
    else:
        show_before = row.before is not None
        show_after = row.after is not None
        head = f"<th align='left'>{esc(T.DETAIL_FIELD)}</th>"
        if show_before:
            head += f"<th align='left'>{esc(T.DETAIL_BEFORE)}</th>"
        if show_after:
            head += f"<th align='left'>{esc(T.DETAIL_AFTER)}</th>"
        rows = []
        for f in fields:
            style = " style='background:#fff4ce'" if f.changed and show_before and show_after else ""
            cells = f"<td><b>{esc(f.label)}</b></td>"
            if show_before:
                cells += f"<td>{esc(f.before)}</td>"
            if show_after:
                cells += f"<td>{esc(f.after)}</td>"
            rows.append(f"<tr{style}>{cells}</tr>")
        parts.append(
            "<table cellspacing='0' cellpadding='4' border='1' style='border-collapse:collapse;"
            f" border-color:#c8d0da'><tr style='background:#eef2f7'>{head}</tr>{''.join(rows)}</table>"
        )
    if row.entity_uuid:
        parts.append(
            f"<p style='color:#777;margin-top:8px'>{esc(T.DETAIL_ID.format(uuid=row.entity_uuid))}</p>"
        )
    return "".join(parts)


def change_text(session: Any, row: svc.AuditRow, names: svc.Names) -> str:
    """The changes of a line as one text cell (Excel export)."""
    out = []
    for f in svc.changes(
        session, row, field_labels=T.FIELD_LABELS, names=names, empty=T.EMPTY_VALUE,
        yes=T.YES, no=T.NO,
    ):
        if row.before is not None and row.after is not None:
            if not f.changed:
                continue
            out.append(T.CHANGE_ARROW.format(label=f.label, before=f.before, after=f.after))
        elif row.after is not None:
            out.append(T.CHANGE_SET.format(label=f.label, after=f.after))
        else:
            out.append(T.CHANGE_SET.format(label=f.label, after=f.before))
    return "\n".join(out)


def describe_filter(flt: svc.AuditFilter) -> str:
    parts = []
    if flt.username:
        parts.append(f"{T.FILTER_USER} {flt.username}")
    if flt.action is not None:
        parts.append(f"{T.FILTER_ACTION} {domain_texts.label(flt.action)}")
    if flt.entity:
        parts.append(f"{T.FILTER_ENTITY} {entity_label(flt.entity)}")
    if flt.date_from or flt.date_to:
        a = flt.date_from.strftime("%d/%m/%Y") if flt.date_from else "…"
        b = flt.date_to.strftime("%d/%m/%Y") if flt.date_to else "…"
        parts.append(f"{T.FILTER_FROM} {a} {T.FILTER_TO} {b}")
    if flt.text.strip():
        parts.append(f"“{flt.text.strip()}”")
    return "; ".join(parts) if parts else T.SHEET_NO_FILTER


def export_xlsx(
    db: Any, flt: svc.AuditFilter, path: Path, *, actor: Any, control: Any = None
) -> int:
    """Worker: write every line matching ``flt`` to ``path``; returns the count.

    Written to a temporary name and renamed, so a failed export leaves no
    half file; the export itself is recorded in the log.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    tmp = path.with_name(f".{path.name}.part")
    count = 0
    try:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(T.SHEET_TITLE)
        for col, width in zip("ABCDEF", (20, 18, 22, 22, 50, 70), strict=True):
            ws.column_dimensions[col].width = width
        bold = Font(bold=True)
        heading = WriteOnlyCell(ws, value=T.SHEET_HEADING)
        heading.font = Font(bold=True, size=13)
        ws.append([heading])
        ws.append([T.SHEET_FILTERS.format(filters=describe_filter(flt))])
        ws.append([
            T.SHEET_EXPORTED.format(
                at=dt.datetime.now().strftime("%d/%m/%Y %H:%M"), user=actor.username
            )
        ])
        ws.append([])
        header = []
        for title in (*COLUMNS, T.COL_CHANGES):
            cell = WriteOnlyCell(ws, value=title)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        wrap = Alignment(wrap_text=True, vertical="top")
        with db.session() as s:
            names = svc.Names(s)
            total = svc.count_entries(s, flt)
            for row in svc.iter_entries(s, flt):
                cells = []
                for value in (
                    when(row), who(row), domain_texts.label(row.action),
                    entity_label(row.entity), row.summary, change_text(s, row, names),
                ):
                    cell = WriteOnlyCell(ws, value=value)
                    cell.alignment = wrap
                    cells.append(cell)
                ws.append(cells)
                count += 1
                if control is not None and count % 500 == 0:
                    control.check()
                    control.report(count, total, T.EXPORT_WORKING)
        wb.save(tmp)
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        from models.errors import AppError

        raise AppError(
            T.EXPORT_FAILED.format(path=path, reason=exc.strerror or exc)
        ) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if not getattr(db, "read_only", False):  # a read-only copy cannot log; the file is written
        with db.transaction(actor=actor) as s:
            log_event(
                s, AuditAction.EXPORT, summary=T.EXPORT_AUDIT.format(count=count, path=path),
                entity="audit_log",
            )
    return count


class AuditPage(QWidget):
    """Nhật ký: see the module docstring."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        self.setObjectName("audit_page")
        self.allowed = ctx.can(VIEW_AUDIT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        title = QLabel(T.TITLE)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        intro = QLabel(T.INTRO if self.allowed else T.NO_PERMISSION)
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #44546a;")
        layout.addWidget(intro)
        self._filter = svc.AuditFilter()
        self._total = 0
        self.model = AuditTableModel(self._load_page, self)
        if not self.allowed:
            layout.addStretch(1)
            return

        # -- filters ------------------------------------------------------------------------
        self.search = SearchLineEdit(self, placeholder=T.SEARCH_PLACEHOLDER, delay_ms=250)
        self.search.search_changed.connect(lambda _t: self.apply_filter())
        self.user_combo = QComboBox()
        self.action_combo = QComboBox()
        self.entity_combo = QComboBox()
        self.action_combo.addItem(T.ALL_ACTIONS, None)
        for action in AuditAction:
            self.action_combo.addItem(domain_texts.label(action), action.value)
        self.use_dates = QCheckBox(T.USE_DATES)
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addMonths(-1))
        self.date_to = QDateEdit(today)
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat(T.DATE_FORMAT)
            d.setEnabled(False)
            d.dateChanged.connect(lambda _d: self.apply_filter())
        self.use_dates.toggled.connect(self._dates_toggled)
        for combo in (self.user_combo, self.action_combo, self.entity_combo):
            combo.setMinimumContentsLength(14)
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.clear_button = QPushButton(T.CLEAR_FILTERS)
        self.clear_button.clicked.connect(self.clear_filters)
        self.refresh_button = QPushButton(T.REFRESH)
        self.refresh_button.clicked.connect(self.reload)
        self.export_button = QPushButton(T.EXPORT)
        self.export_button.clicked.connect(self.export)
        self.count_label = QLabel("")
        self.count_label.setStyleSheet("color: #4a4a4a;")
        self.count_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("000000 / 000000 dòng"))

        row1 = QHBoxLayout()
        row1.addWidget(self.search, 3)
        row1.addWidget(QLabel(T.FILTER_USER))
        row1.addWidget(self.user_combo, 1)
        row1.addWidget(QLabel(T.FILTER_ACTION))
        row1.addWidget(self.action_combo, 1)
        row1.addWidget(QLabel(T.FILTER_ENTITY))
        row1.addWidget(self.entity_combo, 1)
        row2 = QHBoxLayout()
        row2.addWidget(self.use_dates)
        row2.addWidget(QLabel(T.FILTER_FROM))
        row2.addWidget(self.date_from)
        row2.addWidget(QLabel(T.FILTER_TO))
        row2.addWidget(self.date_to)
        row2.addWidget(self.clear_button)
        row2.addSpacing(12)
        row2.addWidget(self.count_label)
        row2.addStretch(1)
        row2.addWidget(self.refresh_button)
        row2.addWidget(self.export_button)
        layout.addLayout(row1)
        layout.addLayout(row2)

        # -- table and detail ---------------------------------------------------------------
        self.table = QTableView()
        self.table.setObjectName("audit_table")
        self.table.setModel(self.model)
        setup_table(self.table, stretch_column=COL_SUMMARY)
        self.table.setSortingEnabled(False)  # newest first, as loaded
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        for col, width in ((COL_AT, 185), (COL_USER, 150), (COL_ACTION, 160), (COL_ENTITY, 170)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.show_detail(cur.row())
        )
        self.detail = QTextBrowser()
        self.detail.setObjectName("audit_detail")
        self.detail.setOpenLinks(False)
        self.detail.setPlaceholderText(T.DETAIL_EMPTY)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.model.rowsInserted.connect(lambda *_a: self._update_count())
        ctx.data_changed.connect(self._on_data_changed)

    # -- page protocol --------------------------------------------------------------------
    def activate(self) -> None:
        if self.allowed and self._stale:
            self.reload()

    def focus_search(self) -> None:
        if self.allowed:
            self.search.focus_and_select()

    def _on_data_changed(self, _area: str) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    # -- filtering --------------------------------------------------------------------------
    def current_filter(self) -> svc.AuditFilter:
        action = self.action_combo.currentData()
        return svc.AuditFilter(
            username=self.user_combo.currentData() or None,
            action=AuditAction(action) if action else None,
            entity=self.entity_combo.currentData() or None,
            date_from=self.date_from.date().toPython() if self.use_dates.isChecked() else None,
            date_to=self.date_to.date().toPython() if self.use_dates.isChecked() else None,
            text=self.search.text(),
        )

    def _load_page(self, before_id: int | None) -> list[svc.AuditRow]:
        with self.ctx.db.session() as s:
            return svc.fetch_entries(s, self._filter, before_id=before_id)

    def _fill_combo(self, combo: QComboBox, all_text: str, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, None)
        for text, data in items:
            combo.addItem(text, data)
        i = combo.findData(current)
        combo.setCurrentIndex(i if i >= 0 else 0)
        combo.blockSignals(False)

    def reload(self) -> None:
        """Re-read the lists of users and record kinds, then the lines."""
        if not self.allowed:
            return
        with self.ctx.db.session() as s:
            users = svc.usernames(s)
            kinds = svc.entities(s)
        self._fill_combo(self.user_combo, T.ALL_USERS, [(u, u) for u in users])
        self._fill_combo(
            self.entity_combo, T.ALL_ENTITIES,
            sorted(((entity_label(k), k) for k in kinds), key=lambda p: p[0]),
        )
        self._stale = False
        self.apply_filter()

    def apply_filter(self) -> None:
        if not self.allowed:
            return
        self._filter = self.current_filter()
        self.model.reset()
        with self.ctx.db.session() as s:
            self._total = svc.count_entries(s, self._filter)
        self._update_count()
        self.detail.clear()
        if self.model.rowCount():
            self.table.selectRow(0)

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        self.count_label.setText(
            T.COUNT_ALL.format(total=self._total)
            if shown >= self._total
            else T.COUNT.format(shown=shown, total=self._total)
        )

    def _dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.apply_filter()

    def clear_filters(self) -> None:
        for w in (self.user_combo, self.action_combo, self.entity_combo, self.use_dates,
                  self.date_from, self.date_to, self.search):
            w.blockSignals(True)
        self.user_combo.setCurrentIndex(0)
        self.action_combo.setCurrentIndex(0)
        self.entity_combo.setCurrentIndex(0)
        self.use_dates.setChecked(False)
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        self.search.clear()
        for w in (self.user_combo, self.action_combo, self.entity_combo, self.use_dates,
                  self.date_from, self.date_to, self.search):
            w.blockSignals(False)
        self.apply_filter()

    # -- detail -------------------------------------------------------------------------------
    def show_detail(self, row: int) -> None:
        if row < 0 or row >= len(self.model.rows):
            self.detail.clear()
            return
        with self.ctx.db.session() as s:
            self.detail.setHtml(detail_html(s, self.model.rows[row]))

    # -- export -------------------------------------------------------------------------------
    def export(self) -> None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        target = dialogs.ask_save_file(
            self, title=T.EXPORT_TITLE, filters=[T.EXPORT_FILTER],
            default_name=T.EXPORT_NAME.format(stamp=stamp), default_suffix="xlsx",
        )
        if target is None:
            return
        self.export_to(Path(target))

    def export_to(self, path: Path) -> None:
        """Export the lines matching the current filters to ``path`` (background job)."""
        db, actor, flt = self.ctx.db, self.ctx.actor, self.current_filter()
        worker.run_in_background(
            lambda control: export_xlsx(db, flt, path, actor=actor, control=control),
            on_done=lambda count: self._exported(count, path),
            progress_label=T.EXPORT_WORKING,
            parent=self,
            cancellable=True,
        )

    def _exported(self, count: int, path: Path) -> None:
        dialogs.info(self, T.EXPORT_DONE.format(count=count, path=path))
        self.ctx.notify("audit")


__all__ = ["AuditPage", "AuditTableModel", "detail_html", "export_xlsx"]
