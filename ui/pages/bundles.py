"""The Gói dữ liệu page.

On a commune database: export a period as a signed bundle to a USB stick or a
folder (removable drives listed first on Windows), with progress, and show
the verified path and the installation key's fingerprint.

On an upper-level database (province or whole country): pick bundle files or
a folder, see a dry-run preview of what would change, import (an
administrator may accept a commune's key change after seeing both
fingerprints), then the consolidated views of a period — submissions (on
time, late, missing), indicators across communes, task status distribution —
and export of the consolidated report (PDF, Word, Excel) and detail tables.

Every long job runs through ``ui.worker.run_in_background``; the work
functions below take plain values (database, codes, paths, actor) and never
touch widgets. UI thread only for the classes.
"""

from __future__ import annotations

import datetime as dt
import os
import string
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models import geo
from models import texts as mtexts
from models.audit import Actor
from models.bundle.export import export_bundle, key_folder
from models.bundle.import_ import ImportResult, Outcome, import_bundles
from models.bundle.keys import load_or_create
from models.bundle.scope import Scope, database_role, database_scope
from models.db import Database
from models.enums import DatabaseRole, MeasureUnit, Role, TaskStatus
from models.numbers import format_number
from models.periods import parse_period_code, period_label
from models.services import consolidation as cons
from models.services.periods import list_periods
from ui import dialogs
from ui.columns import size_columns
from ui.context import EXPORT_BUNDLE, IMPORT_BUNDLE, AppContext
from ui.tables import Column, FilterProxy, RecordsModel
from ui.texts import bundles as T
from ui.widgets import setup_table
from ui.worker import JobControl, run_in_background

VN_TZ = dt.timezone(dt.timedelta(hours=7))
DRIVE_REMOVABLE = 2


# --- Helpers without Qt ----------------------------------------------------------------------


def removable_drives() -> list[Path]:
    """Removable drives (USB sticks): on Windows by ``GetDriveTypeW``, elsewhere /media mounts."""
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        mask = kernel32.GetLogicalDrives()
        found = []
        for i, letter in enumerate(string.ascii_uppercase):
            if mask & (1 << i):
                root = f"{letter}:\\"
                if kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) == DRIVE_REMOVABLE:
                    found.append(Path(root))
        return found
    out: list[Path] = []
    user = os.environ.get("USER", "")
    for base in (Path("/media") / user, Path("/run/media") / user):
        try:
            out.extend(sorted(p for p in base.iterdir() if p.is_dir()))
        except OSError:
            continue
    return out


def vn_time(value: dt.datetime | None) -> str:
    return "" if value is None else value.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")


def num(value: float | None, unit: MeasureUnit | None) -> str:
    if value is None:
        return ""
    decimals = {MeasureUnit.COUNT: 0, MeasureUnit.INDEX: 2}.get(unit or MeasureUnit.OTHER, 1)
    return format_number(float(value), decimals=decimals)


def outcome_text(r: ImportResult) -> str:
    if r.dry_run:
        dry = {Outcome.NEW: T.DRY_NEW, Outcome.REPLACED: T.DRY_REPLACED, Outcome.OLDER: T.DRY_OLDER}
        if r.outcome in dry:
            return dry[r.outcome]
    return {
        Outcome.NEW: T.OUTCOME_NEW,
        Outcome.REPLACED: T.OUTCOME_REPLACED,
        Outcome.OLDER: T.OUTCOME_OLDER,
        Outcome.DUPLICATE: T.OUTCOME_DUPLICATE,
        Outcome.REFUSED: T.OUTCOME_REFUSED,
    }[r.outcome]


def detail_text(r: ImportResult) -> str:
    if r.refused:
        return r.reason
    lines = r.lines()
    return " ".join(line.strip() for line in lines[1:]) if len(lines) > 1 else ""


# --- Work functions (worker thread) ------------------------------------------------------------


def work_export(db: Database, period_code: str, folder: Path, actor: Actor, control: JobControl) -> tuple[Path, str]:
    path = export_bundle(
        db,
        period_code=period_code,
        out_dir=folder,
        actor=actor,
        progress=control.report,
        cancel=lambda: control.cancelled,
    )
    return path, load_or_create(key_folder(db)).fingerprint


def work_import(
    db: Database,
    paths: list[Path],
    scope: Scope | None,
    actor: Actor,
    control: JobControl,
    *,
    dry_run: bool,
    accept_key_change: bool = False,
) -> list[ImportResult]:
    return import_bundles(
        db,
        paths,
        scope=scope,
        actor=actor,
        dry_run=dry_run,
        accept_key_change=accept_key_change,
        progress=control.report,
        cancel=lambda: control.cancelled,
    )


@dataclass
class Views:
    """Everything the consolidated tabs show for one period and province (or all)."""

    period_code: str
    province_code: int | None
    rows: list[cons.SubmissionRow] = field(default_factory=list)
    summary: cons.SubmissionSummary | None = None
    indicators: list[cons.IndicatorAggregate] = field(default_factory=list)
    statuses: list[cons.StatusRow] = field(default_factory=list)


def work_views(db: Database, period_code: str, province_code: int | None) -> Views:
    with db.session() as s:
        rows, summary = cons.submissions(s, period_code=period_code, province_code=province_code)
        statuses = cons.status_distribution(s, period_code=period_code, province_code=province_code)
        total = cons.status_totals(statuses, name=T.TOTAL_ROW)
        return Views(
            period_code=period_code,
            province_code=province_code,
            rows=rows,
            summary=summary,
            indicators=cons.indicator_summary(s, period_code=period_code, province_code=province_code),
            statuses=[*statuses, total] if statuses else [],
        )


def work_across(db: Database, period_code: str, code: str, province_code: int | None) -> list[cons.IndicatorCell]:
    with db.session() as s:
        return list(cons.indicator_by_commune(s, period_code=period_code, element_code=code, province_code=province_code))


def work_report(db: Database, period_code: str, scope: Scope, folder: Path) -> list[Path]:
    from reports.consolidated import build_consolidated, write_detail_xlsx
    from reports.docx import render_docx
    from reports.pdf import render_pdf
    from reports.xlsx import render_xlsx

    stem = f"{T.REPORT_FILE_PREFIX}-{period_code}"
    with db.session() as s:
        doc, _ = build_consolidated(s, period_code=period_code, scope=scope)
        out = [
            render_pdf(doc, folder / f"{stem}.pdf"),
            render_docx(doc, folder / f"{stem}.docx"),
            render_xlsx(doc, folder / f"{stem}.xlsx"),
            write_detail_xlsx(s, period_code=period_code, scope=scope, path=folder / f"{T.DETAIL_FILE_PREFIX}-{period_code}.xlsx"),
        ]
    return out


# --- Table columns --------------------------------------------------------------------------------


RESULT_COLUMNS = [
    Column("file", T.COL_FILE, get=lambda r: r.name, width=34),
    Column("commune", T.COL_COMMUNE, get=lambda r: r.commune_name, width=24),
    Column("period", T.COL_PERIOD, get=lambda r: r.period_label or r.period_code, width=15),
    Column("outcome", T.COL_OUTCOME, get=outcome_text, width=14),
    Column("detail", T.COL_DETAIL, get=detail_text, width=60),
]


def _submission_state(r: cons.SubmissionRow) -> str:
    if not r.submitted:
        return T.SUB_MISSING
    return T.SUB_ON_TIME if r.on_time else T.SUB_LATE


SUBMISSION_COLUMNS = [
    Column("code", T.COL_CODE, get=lambda r: r.commune_code, width=7),
    Column("name", T.COL_NAME, get=lambda r: r.commune_name, width=26),
    Column("province", T.COL_PROVINCE, get=lambda r: r.province_name, width=20),
    Column("state", T.COL_SUBMISSION, get=_submission_state, width=10),
    Column("created", T.COL_CREATED, get=lambda r: vn_time(r.first_created_at), width=16),
    Column("bundles", T.COL_BUNDLES, get=lambda r: r.bundles, width=6),
    Column("imported", T.COL_IMPORTED, get=lambda r: vn_time(r.last_imported_at), width=16),
]


def _how(a: cons.IndicatorAggregate) -> str:
    return {"mean": T.HOW_MEAN, "sum": T.HOW_SUM, "yes_count": T.HOW_YES}.get(a.aggregate, T.HOW_NONE)


def _total(a: cons.IndicatorAggregate) -> str:
    if a.aggregate == "yes_count":
        return str(a.yes_count)
    return num(a.total, a.measure_unit)


INDICATOR_COLUMNS = [
    Column("code", T.COL_CODE, get=lambda a: a.code, width=6),
    Column("name", T.COL_INDICATOR, get=lambda a: a.name, width=48),
    Column("unit", T.COL_UNIT, get=lambda a: a.unit_label, width=8),
    Column("reporting", T.COL_REPORTING, get=lambda a: a.with_value, width=8),
    Column("how", T.COL_HOW, get=_how, width=15),
    Column("total", T.COL_TOTAL, get=lambda a: a.total, display=_total, width=10),
    Column("min", T.COL_MIN, get=lambda a: a.minimum, display=lambda a: num(a.minimum, a.measure_unit) if a.aggregate == "mean" else "", width=9),
    Column("max", T.COL_MAX, get=lambda a: a.maximum, display=lambda a: num(a.maximum, a.measure_unit) if a.aggregate == "mean" else "", width=9),
    Column("exceeded", T.COL_EXCEEDED, get=lambda a: a.exceeded, width=5),
    Column("achieved", T.COL_ACHIEVED, get=lambda a: a.achieved, width=5),
    Column("not_achieved", T.COL_NOT_ACHIEVED, get=lambda a: a.not_achieved, width=7),
]


def _cell_value(c: cons.IndicatorCell) -> str:
    if c.yes is not None:
        return T.YES if c.yes else T.NO
    return "" if c.value is None else format_number(float(c.value), decimals=2)


ACROSS_COLUMNS = [
    Column("code", T.COL_CODE, get=lambda c: c.commune_code, width=7),
    Column("name", T.COL_NAME, get=lambda c: c.commune_name, width=26),
    Column("value", T.COL_VALUE, get=lambda c: c.value, display=_cell_value, width=10),
    Column("target", T.COL_TARGET, get=lambda c: c.target, display=lambda c: "" if c.target is None else format_number(c.target, decimals=2), width=10),
    Column("evaluation", T.COL_EVALUATION, get=lambda c: mtexts.label(c.evaluation) if c.evaluation else "", width=9),
    Column("note", T.COL_NOTE, get=lambda c: c.comment, width=30),
]

_STATUS_ORDER = (
    TaskStatus.DONE_ON_TIME,
    TaskStatus.DONE_LATE,
    TaskStatus.IN_PROGRESS_ON_TIME,
    TaskStatus.IN_PROGRESS_OVERDUE,
    TaskStatus.NOT_STARTED,
)
STATUS_COLUMNS = [
    Column("code", T.COL_CODE, get=lambda r: r.code or "", width=7),
    Column("name", T.COL_NAME, get=lambda r: r.name, width=26),
    Column("total", T.COL_TASKS_TOTAL, get=lambda r: r.total, width=7),
    *[
        Column(s.value, mtexts.label(s), get=(lambda r, s=s: r.counts[s]), width=12)
        for s in _STATUS_ORDER
    ],
]


def _table(columns: list[Column], *, stretch: int | None = None) -> tuple[QTableView, RecordsModel, FilterProxy]:
    model = RecordsModel(columns)
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    setup_table(view, stretch_column=stretch)
    # Keep the service's order (plan order, official code order) until the user sorts.
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    proxy.sort(-1)
    size_columns(view, {i: col.width or 10 for i, col in enumerate(columns) if i != stretch}, stretch=stretch)
    return view, model, proxy


# --- The page ----------------------------------------------------------------------------------------


class BundlesPage(QWidget):
    """Gói dữ liệu: export (commune) or import and consolidation (upper level)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        with ctx.session() as s:
            self.role = database_role(s)
            self.scope = database_scope(s)
        layout = QVBoxLayout(self)
        title = QLabel(f"<h2>{T.TITLE}</h2>")
        layout.addWidget(title)
        if self.role is DatabaseRole.COMMUNE or ctx.commune is not None:
            self.mode = "commune"
            self._build_export(layout)
        else:
            self.mode = "upper"
            self._build_upper(layout)

    # -- commune: export ---------------------------------------------------------------------
    def _build_export(self, layout: QVBoxLayout) -> None:
        intro = QLabel(T.INTRO_COMMUNE)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        box = QGroupBox(T.EXPORT_GROUP)
        form = QFormLayout(box)
        self.period_combo = QComboBox()
        form.addRow(T.PERIOD, self.period_combo)
        row = QHBoxLayout()
        self.folder_combo = QComboBox()
        self.folder_combo.setEditable(True)
        self.folder_combo.lineEdit().setPlaceholderText(T.FOLDER_PLACEHOLDER)
        self.folder_combo.setMinimumWidth(380)
        choose = QPushButton(T.CHOOSE_FOLDER)
        choose.clicked.connect(self._choose_export_folder)
        row.addWidget(self.folder_combo, 1)
        row.addWidget(choose)
        form.addRow(T.FOLDER, row)
        self.export_button = QPushButton(T.EXPORT_BUTTON)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.export_button.setEnabled(self.ctx.can(EXPORT_BUNDLE))
        button_row = QHBoxLayout()
        button_row.addWidget(self.export_button)
        button_row.addStretch(1)
        form.addRow("", button_row)
        layout.addWidget(box)
        self.export_result = QLabel("")
        self.export_result.setWordWrap(True)
        self.export_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.export_result)
        self.open_folder_button = QPushButton(T.OPEN_FOLDER)
        self.open_folder_button.hide()
        self.open_folder_button.clicked.connect(self._open_export_folder)
        layout.addWidget(self.open_folder_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.last_export: Path | None = None
        self._fill_export_choices()

    def _fill_export_choices(self) -> None:
        with self.ctx.session() as s:
            periods = [p.code for p in list_periods(s)]
        self.period_combo.clear()
        for code in periods:
            self.period_combo.addItem(period_label(parse_period_code(code)), code)
        i = self.period_combo.findData(self.ctx.period_code)
        if i >= 0:
            self.period_combo.setCurrentIndex(i)
        current = self.folder_combo.currentText()
        self.folder_combo.clear()
        for drive in removable_drives():
            self.folder_combo.addItem(T.REMOVABLE.format(drive=drive), str(drive))
        if current:
            self.folder_combo.setEditText(current)

    def _choose_export_folder(self) -> None:
        folder = dialogs.ask_directory(self)
        if folder is not None:
            self.folder_combo.setEditText(str(folder))

    def export_folder(self) -> Path | None:
        data = self.folder_combo.currentData()
        text = self.folder_combo.currentText().strip()
        if data and self.folder_combo.itemText(self.folder_combo.currentIndex()) == text:
            return Path(str(data))
        return Path(text) if text else None

    def start_export(self) -> None:
        """Gather the period and folder, run the export in the worker."""
        code = self.period_combo.currentData()
        if not code:
            dialogs.warn(self, T.NO_PERIODS)
            return
        folder = self.export_folder()
        if folder is None:
            dialogs.warn(self, T.NO_FOLDER)
            return
        db, actor = self.ctx.db, self.ctx.actor
        self.export_button.setEnabled(False)
        self.export_result.setText("")
        self.open_folder_button.hide()
        run_in_background(
            lambda control: work_export(db, code, folder, actor, control),
            on_done=lambda result: self._export_done(code, result),
            on_error=self._export_failed,
            on_cancelled=lambda: self.export_button.setEnabled(True),
            progress_label=T.EXPORTING,
            parent=self,
            cancellable=True,
            modal=True,
        )

    def _export_done(self, code: str, result: tuple[Path, str]) -> None:
        path, fingerprint = result
        self.last_export = path
        self.export_button.setEnabled(True)
        label = period_label(parse_period_code(code))
        self.export_result.setText(
            "\n\n".join(
                [
                    T.EXPORT_DONE.format(period=label, path=path),
                    T.EXPORT_VERIFIED,
                    T.KEY_FINGERPRINT.format(fingerprint=fingerprint),
                ]
            )
        )
        self.open_folder_button.show()

    def _export_failed(self, exc: BaseException) -> None:
        from ui.worker import error_message

        self.export_button.setEnabled(True)
        dialogs.error(self, error_message(exc))

    def _open_export_folder(self) -> None:
        if self.last_export is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export.parent)))

    # -- upper level: import and views ------------------------------------------------------------
    def _build_upper(self, layout: QVBoxLayout) -> None:
        self.intro = QLabel("")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)

        box = QGroupBox(T.IMPORT_GROUP)
        v = QVBoxLayout(box)
        row = QHBoxLayout()
        self.scope_combo = QComboBox()
        self.scope_combo.addItem(T.SCOPE_COUNTRY, None)
        for p in geo.provinces():
            self.scope_combo.addItem(f"{p.code} – {p.name}", p.code)
        row.addWidget(QLabel(T.SCOPE))
        row.addWidget(self.scope_combo)
        self.files_button = QPushButton(T.CHOOSE_FILES)
        self.files_button.clicked.connect(self._choose_files)
        self.folder_button = QPushButton(T.CHOOSE_IMPORT_FOLDER)
        self.folder_button.clicked.connect(self._choose_import_folder)
        for b in (self.files_button, self.folder_button):
            b.setEnabled(self.ctx.can(IMPORT_BUNDLE))
            row.addWidget(b)
        row.addStretch(1)
        v.addLayout(row)
        self.preview_label = QLabel("")
        v.addWidget(self.preview_label)
        self.result_view, self.result_model, _ = _table(RESULT_COLUMNS, stretch=4)
        self.result_view.setWordWrap(True)
        v.addWidget(self.result_view)
        buttons = QHBoxLayout()
        self.import_button = QPushButton(T.IMPORT_BUTTON)
        self.import_button.clicked.connect(self.confirm_import)
        self.discard_button = QPushButton(T.DISCARD)
        self.discard_button.clicked.connect(self._discard_preview)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        v.addLayout(buttons)
        self.summary_label = QLabel("")
        self.summary_label.setWordWrap(True)
        v.addWidget(self.summary_label)

        views = QWidget()
        vv = QVBoxLayout(views)
        vv.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.view_period = QComboBox()
        self.view_period.currentIndexChanged.connect(lambda _i: self.refresh_views())
        self.view_province = QComboBox()
        self.view_province.currentIndexChanged.connect(lambda _i: self.refresh_views())
        top.addWidget(QLabel(T.VIEW_PERIOD))
        top.addWidget(self.view_period)
        self.view_province_label = QLabel(T.VIEW_PROVINCE)
        top.addWidget(self.view_province_label)
        top.addWidget(self.view_province)
        top.addStretch(1)
        self.report_button = QPushButton(T.EXPORT_REPORT)
        self.report_button.clicked.connect(self.export_report)
        top.addWidget(self.report_button)
        vv.addLayout(top)
        self.tabs = QTabWidget()
        sub = QWidget()
        sl = QVBoxLayout(sub)
        self.submission_label = QLabel("")
        sl.addWidget(self.submission_label)
        self.sub_view, self.sub_model, self.sub_proxy = _table(SUBMISSION_COLUMNS, stretch=1)
        sl.addWidget(self.sub_view)
        self.tabs.addTab(sub, T.TAB_SUBMISSIONS)
        ind = QSplitter(Qt.Orientation.Vertical)
        self.ind_view, self.ind_model, self.ind_proxy = _table(INDICATOR_COLUMNS, stretch=1)
        ind.addWidget(self.ind_view)
        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        self.across_label = QLabel(T.ACROSS_HINT)
        ll.addWidget(self.across_label)
        self.across_view, self.across_model, _ = _table(ACROSS_COLUMNS, stretch=5)
        ll.addWidget(self.across_view)
        ind.addWidget(lower)
        self.ind_view.selectionModel().selectionChanged.connect(self._indicator_selected)
        self.tabs.addTab(ind, T.TAB_INDICATORS)
        self.status_view, self.status_model, _ = _table(STATUS_COLUMNS, stretch=1)
        self.tabs.addTab(self.status_view, T.TAB_TASKS)
        vv.addWidget(self.tabs)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(box)
        split.addWidget(views)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        self.pending: list[Path] = []
        self.preview: list[ImportResult] = []
        self.views: Views | None = None
        self._set_preview_buttons(False)
        self._sync_scope()

    def _sync_scope(self) -> None:
        """Show the database's scope (fixed once set) and fill the view selectors."""
        with self.ctx.session() as s:
            self.scope = database_scope(s)
            periods = cons.imported_periods(s)
        if self.scope is not None:
            self.intro.setText(T.INTRO_UPPER.format(scope=self.scope.label))
            i = self.scope_combo.findData(self.scope.province_code)
            self.scope_combo.setCurrentIndex(max(i, 0))
            self.scope_combo.setEnabled(False)
        else:
            self.intro.setText(T.NOT_SET_UP)
            self.scope_combo.setEnabled(True)
        self.view_period.blockSignals(True)
        current = self.view_period.currentData()
        self.view_period.clear()
        codes = periods or [self.ctx.period_code]
        for code in codes:
            self.view_period.addItem(period_label(parse_period_code(code)), code)
        i = self.view_period.findData(current)
        self.view_period.setCurrentIndex(i if i >= 0 else 0)
        self.view_period.blockSignals(False)
        self.view_province.blockSignals(True)
        self.view_province.clear()
        if self.scope is not None and self.scope.is_country:
            self.view_province.addItem(T.SCOPE_COUNTRY, None)
            for p in geo.provinces():
                self.view_province.addItem(p.name, p.code)
        self.view_province.blockSignals(False)
        national = self.scope is not None and self.scope.is_country
        self.view_province.setVisible(national)
        self.view_province_label.setVisible(national)
        self.sub_view.setColumnHidden(2, not national)
        self.report_button.setEnabled(self.scope is not None)

    def chosen_scope(self) -> Scope:
        if self.scope is not None:
            return self.scope
        return Scope(self.scope_combo.currentData())

    def _set_preview_buttons(self, visible: bool) -> None:
        self.import_button.setVisible(visible)
        self.discard_button.setVisible(visible)

    def _choose_files(self) -> None:
        dialog = dialogs.file_dialog(self, title=T.CHOOSE_FILES, filters=[T.FILES_FILTER])
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        if dialog.exec() and dialog.selectedFiles():
            self.check([Path(p) for p in dialog.selectedFiles()])

    def _choose_import_folder(self) -> None:
        folder = dialogs.ask_directory(self)
        if folder is not None:
            self.check([folder])

    def check(self, paths: list[Path]) -> None:
        """Dry run of ``paths``: the preview table shows what would change."""
        db, actor, scope = self.ctx.db, self.ctx.actor, self.chosen_scope()
        self.pending = list(paths)
        run_in_background(
            lambda control: work_import(db, paths, scope, actor, control, dry_run=True),
            on_done=self._show_preview,
            progress_label=T.CHECKING,
            parent=self,
            cancellable=True,
        )

    def _show_preview(self, results: list[ImportResult]) -> None:
        from models.bundle.import_ import summary_line

        self.preview = results
        self.result_model.set_records(results)
        self.preview_label.setText(T.PREVIEW_TITLE)
        self.summary_label.setText(summary_line(results))
        importable = any(r.outcome in (Outcome.NEW, Outcome.REPLACED, Outcome.OLDER) for r in results)
        key_changes = any(r.key_change_refused for r in results)
        self._set_preview_buttons(importable or (key_changes and self.ctx.role is Role.ADMIN))
        if key_changes and self.ctx.role is not Role.ADMIN:
            self.summary_label.setText(self.summary_label.text() + "\n" + T.KEY_CHANGE_NEEDS_ADMIN)

    def _discard_preview(self) -> None:
        self.pending, self.preview = [], []
        self.result_model.set_records([])
        self.preview_label.setText("")
        self.summary_label.setText("")
        self._set_preview_buttons(False)

    def key_changes(self) -> list[ImportResult]:
        return [r for r in self.preview if r.key_change_refused]

    def confirm_import(self) -> None:
        """Import the previewed bundles; an administrator is asked about key changes."""
        if not self.pending:
            dialogs.info(self, T.NOTHING_TO_IMPORT)
            return
        accept = False
        changes = self.key_changes()
        if changes and self.ctx.role is Role.ADMIN:
            items = "\n\n".join(
                T.KEY_CHANGE_ITEM.format(commune=r.commune_name, old=r.old_fingerprint, new=r.fingerprint)
                for r in changes
            )
            accept = dialogs.confirm(
                self,
                T.KEY_CHANGE_TITLE,
                T.KEY_CHANGE_TEXT.format(items=items),
                yes_text=T.KEY_CHANGE_ACCEPT,
                no_text=T.KEY_CHANGE_KEEP,
            )
        db, actor, scope, paths = self.ctx.db, self.ctx.actor, self.chosen_scope(), list(self.pending)
        run_in_background(
            lambda control: work_import(db, paths, scope, actor, control, dry_run=False, accept_key_change=accept),
            on_done=self._imported,
            progress_label=T.IMPORTING,
            parent=self,
            cancellable=True,
            modal=True,
        )

    def _imported(self, results: list[ImportResult]) -> None:
        from models.bundle.import_ import summary_line

        self.pending, self.preview = [], []
        self.result_model.set_records(results)
        self.preview_label.setText(T.RESULT_TITLE)
        self.summary_label.setText(summary_line(results))
        self._set_preview_buttons(False)
        self._sync_scope()
        imported = [r for r in results if r.outcome in (Outcome.NEW, Outcome.REPLACED)]
        if imported:
            i = self.view_period.findData(imported[-1].period_code)
            if i >= 0:
                self.view_period.setCurrentIndex(i)
        self.refresh_views()
        self.ctx.notify("bundles")

    # -- consolidated views ---------------------------------------------------------------------
    def view_province_code(self) -> int | None:
        if self.scope is None:
            return None
        if self.scope.is_country:
            return self.view_province.currentData()
        return self.scope.province_code

    def refresh_views(self) -> None:
        if self.mode != "upper" or self.scope is None:
            return
        code = self.view_period.currentData()
        if not code:
            return
        db, province = self.ctx.db, self.view_province_code()
        run_in_background(
            lambda _control: work_views(db, code, province),
            on_done=self._show_views,
            progress_label=T.LOADING,
            parent=self,
        )

    def _show_views(self, views: Views) -> None:
        self.views = views
        self.sub_model.set_records(views.rows)
        s = views.summary
        if s is not None:
            self.submission_label.setText(
                T.SUBMISSION_SUMMARY.format(
                    submitted=s.submitted, total=s.total, on_time=s.on_time, late=s.late,
                    missing=s.missing, deadline=s.deadline.strftime("%d/%m/%Y"),
                )
            )
        self.ind_model.set_records(views.indicators)
        self.status_model.set_records(views.statuses)
        self.across_model.set_records([])
        self.across_label.setText(T.ACROSS_HINT)

    def _indicator_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.ind_view.selectionModel().selectedRows()
        if not rows or self.views is None:
            return
        agg = self.ind_model.record(self.ind_proxy.mapToSource(rows[0]).row())
        db, code, province = self.ctx.db, self.views.period_code, self.views.province_code
        self.across_label.setText(T.ACROSS_TITLE.format(code=agg.code))
        run_in_background(
            lambda _control: work_across(db, code, agg.code, province),
            on_done=self.across_model.set_records,
            parent=self,
            show_progress=False,
        )

    def export_report(self) -> None:
        if self.scope is None or self.views is None:
            return
        folder = dialogs.ask_directory(self)
        if folder is None:
            return
        db, code = self.ctx.db, self.views.period_code
        province = self.views.province_code
        scope = Scope(province) if self.scope.is_country and province is not None else self.scope
        run_in_background(
            lambda _control: work_report(db, code, scope, folder),
            on_done=lambda files: dialogs.info(
                self,
                T.REPORT_DONE.format(
                    period=period_label(parse_period_code(code)), files="\n".join(str(f) for f in files)
                ),
            ),
            progress_label=T.EXPORTING_REPORT,
            parent=self,
        )

    # -- page protocol ----------------------------------------------------------------------------
    def activate(self) -> None:
        if self.mode == "commune":
            self._fill_export_choices()
        else:
            self._sync_scope()
            self.refresh_views()


__all__ = ["BundlesPage", "removable_drives"]
