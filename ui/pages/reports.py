"""The Báo cáo page: draft the commune's report in the Decree 30 format,
preview it inside the program, print it, issue it with a number, and keep
the register of reports.

- Choose the kind (month, quarter, 6 months, year) and the period; the
  report is computed in the worker and its narrative sections appear
  pre-filled in the editor (one section at a time). Edited sections are
  marked, can be reset, and are saved with the draft ("Lưu dự thảo").
- Signer and recipients ("Kính gửi" for upward ones, "Nơi nhận") come from
  the catalogue; the draft date may be left blank for the clerk.
- "Tạo bản xem trước" writes PDF, Word and Excel of the draft (worker) and
  shows the PDF with QtPdf; "In…" prints it through the system dialog;
  "Mở thư mục" opens the folder of the files.
- "Ban hành…" asks the date, shows the number it will take, then numbers
  the draft in the register, writes and records the files (one service
  call in the worker). The register lists drafts and issued documents;
  a document can be reopened, reissued (a new number replaces it) or
  cancelled (number kept).

UI thread only; every database or file job runs in ``ui.worker``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QPointF, QRect, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from models.enums import DocumentStatus, Evaluation, PeriodKind, ReportKind
from models.periods import enclosing_period, parse_period_code, period_label
from models.schema import IssuedDocument, Recipient, Signer
from models.services import register
from models.texts import label
from reports import texts as report_texts
from reports.content import (
    PERIOD_OF_KIND,
    SECTION_IDS,
    ReportOptions,
    build_report,
    resolve_period,
)
from reports.issuing import GeneratedReport, generate_draft, issue_report
from ui import dialogs
from ui.columns import size_columns
from ui.context import ISSUE_REPORT, AppContext, period_choices
from ui.models.common import fmt_date
from ui.tables import Column, FilterProxy, RecordsModel
from ui.texts import reports as T
from ui.widgets import BusyOverlay, setup_table
from ui.worker import error_message, run_in_background

DRAFT_FOLDER = "du-thao"


# ---------------------------------------------------------------------------
# What the worker hands back
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterRow:
    """A line of the register table (plain values, safe across threads)."""

    id: int
    number: str
    issued_on: dt.date | None
    period: str
    period_code: str
    kind: ReportKind
    status: DocumentStatus
    signer: str
    note: str
    files: dict[str, str] = field(default_factory=dict)


@dataclass
class Loaded:
    """The report of a period as computed, with the draft it belongs to."""

    period_code: str
    kind: ReportKind
    sections: dict[str, str]
    overrides: dict[str, str]
    summary: str
    default_summary: str
    signers: list[tuple[int, str]]
    signer_id: int | None
    recipients: list[tuple[int, str, bool]]
    selected: set[int]
    doc_id: int | None
    doc_status: DocumentStatus | None
    doc_number: str
    replaces: str
    register: list[RegisterRow]
    stats: str
    next_number: int
    symbol: str


def _register_rows(session: Any) -> list[RegisterRow]:
    rows = []
    for doc in register.list_documents(session):
        replaced = ""
        if doc.replaces_id is not None:
            old = session.get(IssuedDocument, doc.replaces_id)
            replaced = T.REPLACES.format(number=register.number_label(old)) if old else ""
        rows.append(
            RegisterRow(
                id=doc.id,
                number=register.number_label(doc) or T.DRAFT_NUMBER,
                issued_on=doc.issued_on,
                period=period_label(parse_period_code(doc.period.code)) if doc.period else "",
                period_code=doc.period.code if doc.period else "",
                kind=doc.kind,
                status=doc.status,
                signer=(doc.signer_snapshot or {}).get("full_name", ""),
                note="; ".join(x for x in (replaced, doc.note) if x),
                files={f.fmt: f.path for f in doc.files},
            )
        )
    return rows


def load_report(
    db: Any, *, period_code: str, kind: ReportKind, doc_id: int | None, today: dt.date
) -> Loaded:
    """Worker: compute the report and everything the page shows.

    Without ``doc_id`` the latest draft of the same period and kind (if any)
    is taken up again, so an officer's edits are never hidden.
    """
    with db.session() as s:
        ref = resolve_period(period_code, kind)
        doc = register.get_document(s, doc_id) if doc_id is not None else None
        if doc is None:
            for candidate in register.list_documents(s):
                if (
                    candidate.status is DocumentStatus.DRAFT
                    and candidate.period is not None
                    and candidate.period.code == ref.code
                    and candidate.kind is kind
                ):
                    doc = candidate
                    break
        if doc is not None and doc.period is not None:
            ref = resolve_period(doc.period.code, doc.kind)
            kind = doc.kind
        admin, data = build_report(s, period_code=ref.code, kind=kind, document=doc, today=today)
        signers = [
            (x.id, f"{x.full_name} — {x.authority.value} {x.title}")
            for x in s.scalars(
                select(Signer).where(Signer.active.is_(True)).order_by(Signer.sort_order, Signer.id)
            )
        ]
        recipients = [
            (r.id, r.name if r.upward else r.short_name or r.name, bool(r.upward))
            for r in s.scalars(
                select(Recipient)
                .where(Recipient.active.is_(True))
                .order_by(Recipient.sort_order, Recipient.id)
            )
        ]
        if doc is not None and doc.recipients:
            selected = {int(e["id"]) for e in doc.recipients if e.get("id") is not None}
        else:
            selected = {r.id for r in register.default_recipients(s)}
        if doc is not None and doc.signer_id is not None:
            signer_id: int | None = doc.signer_id
        else:
            default = register.default_signer(s)
            signer_id = default.id if default is not None else None
        replaces = ""
        if doc is not None and doc.replaces_id is not None:
            old = s.get(IssuedDocument, doc.replaces_id)
            replaces = register.number_label(old) if old else ""
        ev = data.evaluation_counts
        stats = T.STATS.format(
            total=data.counts.total,
            done=data.counts.done,
            doing=data.counts.doing,
            overdue=data.counts.overdue,
            not_started=data.counts.not_started,
            achieved=ev.get(Evaluation.ACHIEVED, 0) + ev.get(Evaluation.EXCEEDED, 0),
            not_achieved=ev.get(Evaluation.NOT_ACHIEVED, 0),
        )
        default_summary = report_texts.SUMMARY.format(period=data.period_phrase)
        return Loaded(
            period_code=ref.code,
            kind=kind,
            sections=data.sections,
            overrides=dict(data.overrides),
            summary=doc.summary if doc is not None else "",
            default_summary=default_summary,
            signers=signers,
            signer_id=signer_id,
            recipients=recipients,
            selected=selected,
            doc_id=doc.id if doc is not None else None,
            doc_status=doc.status if doc is not None else None,
            doc_number=register.number_label(doc) if doc is not None else "",
            replaces=replaces,
            register=_register_rows(s),
            stats=stats,
            next_number=register.next_number(s, year=today.year, symbol=admin.header.symbol),
            symbol=admin.header.symbol,
        )


@dataclass
class DraftState:
    """What the officer chose on the page (plain values for the worker)."""

    period_code: str
    kind: ReportKind
    narrative: dict[str, str]
    summary: str
    signer_id: int | None
    recipient_ids: list[int]
    date: dt.date | None
    blank_date: bool


def _snapshots(db: Any, state: DraftState) -> ReportOptions:
    with db.session() as s:
        signer = s.get(Signer, state.signer_id) if state.signer_id is not None else None
        chosen = [r for r in (s.get(Recipient, i) for i in state.recipient_ids) if r is not None]
        return ReportOptions(
            signer=register.signer_snapshot(signer) if signer is not None else None,
            recipients=register.recipients_snapshot(chosen),
            date=state.date,
            blank_date=state.blank_date,
            summary=state.summary,
        )


def preview_report(db: Any, state: DraftState, out_dir: Path) -> GeneratedReport:
    """Worker: the three files of the draft as it stands on the page (no save)."""
    return generate_draft(
        db,
        period_code=state.period_code,
        kind=state.kind,
        out_dir=out_dir,
        options=_snapshots(db, state),
        narrative_overrides=state.narrative,
    )


def save_draft(db: Any, actor: Any, doc_id: int | None, state: DraftState) -> int:
    """Worker: create or update the draft in the register; returns its id."""
    with db.transaction(actor=actor) as s:
        doc = register.save_draft(
            s,
            doc_id=doc_id,
            period_code=state.period_code,
            kind=state.kind,
            narrative=state.narrative,
            signer_id=state.signer_id,
            recipient_ids=state.recipient_ids,
            summary=state.summary,
            actor=actor,
        )
        return doc.id


# ---------------------------------------------------------------------------
# Printing
# ---------------------------------------------------------------------------


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Draw the pages of ``document`` chosen in ``printer`` (all by default),
    each scaled to the printable page; returns the number of pages sent."""
    count = document.pageCount()
    first = max(printer.fromPage(), 1) if printer.fromPage() else 1
    last = min(printer.toPage(), count) if printer.toPage() else count
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("printer")
    sent = 0
    try:
        dpi = printer.resolution()
        for page in range(first - 1, last):
            if sent:
                printer.newPage()
            size_pt = document.pagePointSize(page)
            image = document.render(
                page, QSize(int(size_pt.width() / 72 * dpi), int(size_pt.height() / 72 * dpi))
            )
            area = painter.viewport()
            scaled = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(area.x(), area.y(), scaled.width(), scaled.height())
            painter.drawImage(target, image)
            sent += 1
    finally:
        painter.end()
    return sent


# ---------------------------------------------------------------------------
# Dialog: issue date
# ---------------------------------------------------------------------------


class IssueDialog(QDialog):
    """Ask the issue date and show the number the report will take."""

    def __init__(self, parent: QWidget, *, period: str, next_number: int, symbol: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(T.ISSUE_TITLE)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.setMaximumDate(QDate.currentDate())
        self.text = QLabel("")
        self.text.setWordWrap(True)
        self._period, self._number, self._symbol = period, next_number, symbol
        self.date.dateChanged.connect(self._update)
        form = QFormLayout()
        form.addRow(T.ISSUE_DATE, self.date)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(T.ISSUE.rstrip("…"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Thôi")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self._update()

    def _update(self) -> None:
        self.text.setText(
            T.ISSUE_QUESTION.format(
                period=self._period,
                number=f"{self._number:02d}/{self._symbol}",
                date=self.date.date().toString("dd/MM/yyyy"),
            )
        )

    def issued_on(self) -> dt.date:
        d = self.date.date()
        return dt.date(d.year(), d.month(), d.day())


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------


class ReportsPage(QWidget):
    """Báo cáo: drafting, preview, printing, issuing and the register."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded: Loaded | None = None
        self.edits: dict[str, str] = {}
        self.dirty = False
        self.doc_id: int | None = None
        self.read_only = False
        self.preview_path: Path | None = None
        self.last_files: dict[str, Path] = {}
        self._stale = True
        self._filling = False
        self._current_section: str | None = None
        self.can_issue = ctx.can(ISSUE_REPORT)

        heading = QLabel(T.TITLE)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        self.kind_combo = QComboBox()
        for kind in ReportKind:
            self.kind_combo.addItem(T.KIND_LABELS[kind.value], kind)
        self.period_combo = QComboBox()
        self.period_combo.setMinimumContentsLength(18)
        self.refresh_button = QPushButton(T.REFRESH)
        self.refresh_button.setToolTip(T.REFRESH_TIP)
        self.status_label = QLabel("")
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet("color: #4a4a4a;")

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        choose = QHBoxLayout()
        choose.addWidget(QLabel(T.KIND))
        choose.addWidget(self.kind_combo)
        choose.addSpacing(12)
        choose.addWidget(QLabel(T.PERIOD))
        choose.addWidget(self.period_combo)
        choose.addSpacing(12)
        choose.addWidget(self.status_label, 1)

        # -- tab 1: narrative ------------------------------------------------------
        self.summary_edit = QLineEdit()
        self.summary_edit.setToolTip(T.SUMMARY_TIP)
        self.section_list = QListWidget()
        self.section_list.setWordWrap(True)
        self.section_list.setMaximumWidth(240)
        self.section_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.editor = QPlainTextEdit()
        self.editor.setToolTip(T.EDITOR_TIP)
        self.editor.setPlaceholderText(T.EDITOR_TIP)
        self.reset_button = QPushButton(T.RESET_SECTION)
        self.reset_button.setToolTip(T.RESET_SECTION_TIP)
        self.stats_label = QLabel("")
        self.stats_label.setWordWrap(True)
        summary_row = QHBoxLayout()
        summary_row.addWidget(QLabel(T.SUMMARY))
        summary_row.addWidget(self.summary_edit, 1)
        editor_col = QVBoxLayout()
        editor_col.addWidget(self.editor, 1)
        reset_row = QHBoxLayout()
        reset_row.addStretch(1)
        reset_row.addWidget(self.reset_button)
        editor_col.addLayout(reset_row)
        sections_row = QHBoxLayout()
        left_col = QVBoxLayout()
        left_col.addWidget(QLabel(T.SECTIONS))
        left_col.addWidget(self.section_list, 1)
        sections_row.addLayout(left_col)
        sections_row.addLayout(editor_col, 1)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.addWidget(self.stats_label)
        content_layout.addLayout(summary_row)
        content_layout.addLayout(sections_row, 1)

        # -- tab 2: signer and recipients -------------------------------------------
        self.signer_combo = QComboBox()
        self.recipient_list = QListWidget()
        self.draft_date = QDateEdit(QDate.currentDate())
        self.draft_date.setCalendarPopup(True)
        self.draft_date.setDisplayFormat("dd/MM/yyyy")
        self.blank_date = QCheckBox(T.BLANK_DATE)
        sign = QWidget()
        sign_form = QFormLayout(sign)
        sign_form.addRow(T.SIGNER, self.signer_combo)
        sign_form.addRow(T.DRAFT_DATE, self.draft_date)
        sign_form.addRow("", self.blank_date)
        sign_form.addRow(QLabel(T.RECIPIENTS))
        sign_form.addRow(self.recipient_list)

        # -- tab 3: register -----------------------------------------------------------
        self.register_model = RecordsModel(
            [
                Column("number", T.COL_NUMBER),
                Column("issued_on", T.COL_DATE, display=lambda r: fmt_date(r.issued_on)),
                Column("period", T.COL_PERIOD),
                Column("kind", T.COL_KIND, display=lambda r: label(r.kind)),
                Column("status", T.COL_STATUS, display=lambda r: label(r.status)),
                Column("signer", T.COL_SIGNER),
                Column("note", T.COL_NOTE),
            ]
        )
        self.register_model.dimmed = lambda r: (
            r.status
            in (
                DocumentStatus.CANCELLED,
                DocumentStatus.SUPERSEDED,
            )
        )
        self.register_proxy = FilterProxy()
        self.register_proxy.setSourceModel(self.register_model)
        self.register_view = QTableView()
        self.register_view.setModel(self.register_proxy)
        setup_table(self.register_view)
        self.register_view.setSortingEnabled(False)
        self.register_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        size_columns(self.register_view, {0: 12, 1: 11, 2: 14, 3: 12, 4: 14, 5: 16}, stretch=6)
        self.reopen_button = QPushButton(T.REOPEN)
        self.reissue_button = QPushButton(T.REISSUE)
        self.cancel_button = QPushButton(T.CANCEL_DOC)
        self.delete_button = QPushButton(T.DELETE_DRAFT)
        reg = QWidget()
        reg_layout = QVBoxLayout(reg)
        reg_layout.addWidget(self.register_view, 1)
        reg_buttons = QHBoxLayout()
        for b in (self.reopen_button, self.reissue_button, self.cancel_button, self.delete_button):
            reg_buttons.addWidget(b)
        reg_buttons.addStretch(1)
        reg_layout.addLayout(reg_buttons)

        self.tabs = QTabWidget()
        self.tabs.addTab(content, T.TAB_CONTENT)
        self.tabs.addTab(sign, T.TAB_SIGN)
        self.tabs.addTab(reg, T.TAB_REGISTER)

        # -- preview -----------------------------------------------------------------------
        self.pdf_document = QPdfDocument(self)
        self.pdf_view = QPdfView()
        self.pdf_view.setDocument(self.pdf_document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.preview_label = QLabel(T.NO_PREVIEW)
        self.preview_label.setWordWrap(True)
        self.preview_button = QPushButton(T.PREVIEW)
        self.preview_button.setToolTip(T.PREVIEW_TIP)
        self.print_button = QPushButton(T.PRINT)
        self.save_button = QPushButton(T.SAVE_DRAFT)
        self.issue_button = QPushButton(T.ISSUE)
        self.issue_button.setToolTip(T.ISSUE_TIP)
        self.folder_button = QPushButton(T.OPEN_FOLDER)
        actions = QHBoxLayout()
        for b in (self.preview_button, self.print_button, self.folder_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.save_button)
        actions.addWidget(self.issue_button)
        preview = QWidget()
        preview_layout = QVBoxLayout(preview)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(self.preview_label)
        preview_layout.addWidget(self.pdf_view, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tabs)
        splitter.addWidget(preview)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 560])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(choose)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)
        self.busy = BusyOverlay(self.tabs, T.LOADING)

        # -- wiring --------------------------------------------------------------------------
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.period_combo.currentIndexChanged.connect(self._period_changed)
        self.refresh_button.clicked.connect(lambda: self.reload(keep_doc=True))
        self.section_list.currentRowChanged.connect(self._show_section)
        self.editor.textChanged.connect(self._edited)
        self.summary_edit.textEdited.connect(lambda _t: self._mark_dirty())
        self.signer_combo.currentIndexChanged.connect(lambda _i: self._mark_dirty())
        self.recipient_list.itemChanged.connect(lambda _i: self._mark_dirty())
        self.reset_button.clicked.connect(self.reset_section)
        self.preview_button.clicked.connect(self.generate_preview)
        self.print_button.clicked.connect(self.print_preview)
        self.save_button.clicked.connect(self.save)
        self.issue_button.clicked.connect(self.issue)
        self.folder_button.clicked.connect(self.open_folder)
        self.reopen_button.clicked.connect(self.reopen_selected)
        self.reissue_button.clicked.connect(self.reissue_selected)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.register_view.doubleClicked.connect(lambda _i: self.reopen_selected())
        self.register_view.selectionModel().currentRowChanged.connect(
            lambda *_a: self._update_buttons()
        )
        ctx.period_changed.connect(self._ctx_period_changed)
        ctx.data_changed.connect(self._ctx_data_changed)
        self._fill_periods(select_code=ctx.period_code)
        self._update_buttons()

    # -- page protocol -------------------------------------------------------------------
    def activate(self) -> None:
        if self._stale:
            self.reload(keep_doc=True)

    def can_leave(self) -> bool:
        if self.dirty and self.can_issue and not self.read_only:
            if dialogs.confirm(self, T.TITLE, T.UNSAVED, default_yes=True):
                self.save()
        return True

    def focus_search(self) -> None:
        self.editor.setFocus()

    # -- periods -------------------------------------------------------------------------
    @property
    def kind(self) -> ReportKind:
        return ReportKind(self.kind_combo.currentData())

    @property
    def period_code(self) -> str:
        return str(self.period_combo.currentData() or self.ctx.period_code)

    def _fill_periods(self, *, select_code: str | None = None) -> None:
        """Periods of the chosen kind that contain months offered by the program."""
        wanted = PERIOD_OF_KIND[self.kind]
        with self.ctx.db.session() as s:
            months = [
                c
                for c in period_choices(s, convention=self.ctx.convention)
                if parse_period_code(c.code).kind is PeriodKind.MONTH
            ]
        refs = []
        for choice in months:
            ref = enclosing_period(parse_period_code(choice.code), wanted)
            if ref not in refs:
                refs.append(ref)
        target = None
        if select_code:
            try:
                target = enclosing_period(parse_period_code(select_code), wanted).code
            except ValueError:
                target = select_code
        self._filling = True
        self.period_combo.clear()
        for ref in refs:
            self.period_combo.addItem(period_label(ref), ref.code)
        index = self.period_combo.findData(target) if target else -1
        self.period_combo.setCurrentIndex(max(index, 0))
        self._filling = False

    def _kind_changed(self, _index: int) -> None:
        if self._filling:
            return
        self._fill_periods(select_code=self.ctx.period_code)
        self.doc_id = None
        self.reload()

    def _period_changed(self, _index: int) -> None:
        if self._filling:
            return
        self.doc_id = None
        self.reload()

    def _ctx_period_changed(self, code: str) -> None:
        self._fill_periods(select_code=code)
        self.doc_id = None
        self._stale = True
        if self.isVisible():
            self.reload()

    def _ctx_data_changed(self, area: str) -> None:
        if area != "reports":
            self._stale = True

    # -- loading -------------------------------------------------------------------------
    def reload(self, *, keep_doc: bool = False) -> None:
        """Compute the report of the chosen period (worker)."""
        self._stale = False
        db, code, kind = self.ctx.db, self.period_code, self.kind
        doc_id = self.doc_id if keep_doc else None
        self.busy.run(
            lambda: load_report(
                db, period_code=code, kind=kind, doc_id=doc_id, today=dt.date.today()
            ),
            owner=self,
            on_done=self._loaded,
            on_error=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        self.loaded = None
        self.status_label.setText(error_message(exc))
        self._update_buttons()

    def _loaded(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.doc_id = loaded.doc_id
        self.read_only = loaded.doc_status not in (None, DocumentStatus.DRAFT)
        self.edits = {**loaded.sections, **loaded.overrides}
        self._filling = True
        self.summary_edit.setText(loaded.summary)
        self.summary_edit.setPlaceholderText(loaded.default_summary)
        self.signer_combo.clear()
        for sid, text in loaded.signers:
            self.signer_combo.addItem(text, sid)
        self.signer_combo.setCurrentIndex(max(self.signer_combo.findData(loaded.signer_id), 0))
        self.recipient_list.clear()
        for rid, name, upward in loaded.recipients:
            text = (T.RECIPIENT_UP if upward else T.RECIPIENT_OTHER).format(name=name)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, rid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if rid in loaded.selected else Qt.CheckState.Unchecked
            )
            self.recipient_list.addItem(item)
        self.section_list.clear()
        for sid in SECTION_IDS:
            self.section_list.addItem(QListWidgetItem(self._section_title(sid)))
        self._filling = False
        self.section_list.setCurrentRow(0)
        self._show_section(0)
        self.stats_label.setText(loaded.stats)
        self.register_model.set_records(loaded.register)
        self.dirty = False
        for widget in (self.editor, self.summary_edit):
            widget.setReadOnly(self.read_only or not self.can_issue)
        self._refresh_status()
        self._update_buttons()

    def _refresh_status(self) -> None:
        loaded = self.loaded
        if loaded is None:
            return
        period = period_label(parse_period_code(loaded.period_code))
        if not self.can_issue:
            text = T.NO_ROLE
        elif self.read_only:
            text = T.READ_ONLY.format(number=loaded.doc_number)
        elif loaded.replaces:
            text = T.EDITING_REISSUE.format(number=loaded.replaces)
        else:
            text = T.EDITING_DRAFT.format(period=period)
        self.status_label.setText(text)

    # -- narrative editor --------------------------------------------------------------------
    def _section_title(self, sid: str) -> str:
        title = T.SECTION_LABELS[sid]
        if self.loaded is not None and self._is_edited(sid):
            return T.SECTION_EDITED.format(title=title)
        return title

    def _is_edited(self, sid: str) -> bool:
        if self.loaded is None:
            return False
        return self.edits.get(sid, "").strip() != self.loaded.sections.get(sid, "").strip()

    def _show_section(self, row: int) -> None:
        if self.loaded is None or not 0 <= row < len(SECTION_IDS):
            return
        sid = SECTION_IDS[row]
        self._current_section = sid
        self._filling = True
        self.editor.setPlainText(self.edits.get(sid, ""))
        self._filling = False
        self.reset_button.setEnabled(self._is_edited(sid) and not self.read_only)

    def _edited(self) -> None:
        if self._filling or self._current_section is None:
            return
        sid = self._current_section
        self.edits[sid] = self.editor.toPlainText()
        item = self.section_list.item(SECTION_IDS.index(sid))
        if item is not None:
            item.setText(self._section_title(sid))
        self.reset_button.setEnabled(self._is_edited(sid))
        self._mark_dirty()

    def _mark_dirty(self) -> None:
        if not self._filling:
            self.dirty = True

    def set_section_text(self, sid: str, text: str) -> None:
        """Show section ``sid`` and replace its text (as if typed)."""
        self.section_list.setCurrentRow(SECTION_IDS.index(sid))
        self.editor.setPlainText(text)

    def reset_section(self) -> None:
        if self.loaded is None or self._current_section is None:
            return
        self.editor.setPlainText(self.loaded.sections.get(self._current_section, ""))

    # -- state for the worker -------------------------------------------------------------------
    def draft_state(self) -> DraftState:
        assert self.loaded is not None
        narrative = {sid: self.edits[sid] for sid in SECTION_IDS if self._is_edited(sid)}
        recipients = [
            int(self.recipient_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.recipient_list.count())
            if self.recipient_list.item(i).checkState() == Qt.CheckState.Checked
        ]
        d = self.draft_date.date()
        return DraftState(
            period_code=self.loaded.period_code,
            kind=self.loaded.kind,
            narrative=narrative,
            summary=self.summary_edit.text().strip(),
            signer_id=self.signer_combo.currentData(),
            recipient_ids=recipients,
            date=dt.date(d.year(), d.month(), d.day()),
            blank_date=self.blank_date.isChecked(),
        )

    def _reports_dir(self) -> Path:
        return register.reports_dir(self.ctx.db.path)

    # -- actions -----------------------------------------------------------------------------
    def generate_preview(self) -> None:
        """Write the draft's files (worker) and show the PDF."""
        if self.loaded is None:
            return
        if self.read_only and self.loaded.doc_id is not None:
            self._show_issued(self.loaded.doc_id)
            return
        state = self.draft_state()
        db, out = self.ctx.db, self._reports_dir() / DRAFT_FOLDER
        self.pdf_document.close()  # the file is rewritten (Windows keeps it locked)
        run_in_background(
            lambda _c: preview_report(db, state, out),
            on_done=self._previewed,
            progress_label=T.GENERATING,
            parent=self,
        )

    def _previewed(self, result: GeneratedReport) -> None:
        self.last_files = dict(result.paths)
        self.show_pdf(result.paths["pdf"])

    def show_pdf(self, path: Path) -> None:
        self.pdf_document.close()
        if not path.exists():
            dialogs.warn(self, T.NO_FILE.format(path=path))
            return
        self.pdf_document.load(str(path))
        self.preview_path = path
        pages = self.pdf_document.pageCount()
        self.preview_label.setText(
            T.PREVIEW_OF.format(name=path.name) + " — " + T.PAGE_COUNT.format(pages=pages)
        )
        self.pdf_view.pageNavigator().jump(0, QPointF(0, 0))
        self._update_buttons()

    def print_preview(self) -> None:
        if self.pdf_document.pageCount() == 0:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.preview_path.stem if self.preview_path else T.TITLE)
        printer.setFromTo(1, self.pdf_document.pageCount())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(T.PRINT.rstrip("…"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            print_pdf(self.pdf_document, printer)
        except RuntimeError as exc:
            dialogs.error(self, T.PRINT_FAILED.format(reason=exc))

    def open_folder(self) -> None:
        folder = self.preview_path.parent if self.preview_path else self._reports_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def save(self) -> None:
        """Save the draft in the register (worker)."""
        if self.loaded is None or self.read_only or not self.can_issue:
            return
        state, db, actor, doc_id = self.draft_state(), self.ctx.db, self.ctx.actor, self.doc_id
        run_in_background(
            lambda _c: save_draft(db, actor, doc_id, state),
            on_done=self._saved,
            parent=self,
            show_progress=False,
        )

    def _saved(self, doc_id: int) -> None:
        self.doc_id = doc_id
        self.dirty = False
        self.ctx.notify("reports")
        self.reload(keep_doc=True)

    def ask_issue_date(self) -> dt.date | None:
        """The issue date chosen in the dialog (None: the user gave up)."""
        assert self.loaded is not None
        dialog = IssueDialog(
            self,
            period=period_label(parse_period_code(self.loaded.period_code)),
            next_number=self.loaded.next_number,
            symbol=self.loaded.symbol,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.issued_on()

    def issue(self) -> None:
        """Save the draft, number it and write its files (worker)."""
        if self.loaded is None or self.read_only or not self.can_issue:
            return
        issued_on = self.ask_issue_date()
        if issued_on is None:
            return
        state, db, actor, doc_id = self.draft_state(), self.ctx.db, self.ctx.actor, self.doc_id

        def work(_c: Any) -> tuple[int, int, dict[str, Path]]:
            saved = save_draft(db, actor, doc_id, state)
            return issue_report(db, saved, issued_on=issued_on, actor=actor)

        self.pdf_document.close()
        run_in_background(work, on_done=self._issued, progress_label=T.ISSUING, parent=self)

    def _issued(self, result: tuple[int, int, dict[str, Path]]) -> None:
        doc_id, number, paths = result
        self.doc_id = doc_id
        self.dirty = False
        self.last_files = dict(paths)
        self.ctx.notify("reports")
        self.reload(keep_doc=True)
        if "pdf" in paths:
            self.show_pdf(paths["pdf"])
        assert self.loaded is not None
        dialogs.info(
            self,
            T.ISSUED.format(
                number=f"{number:02d}/{self.loaded.symbol}", folder=paths["pdf"].parent
            ),
        )

    # -- register -------------------------------------------------------------------------------
    def selected_row(self) -> RegisterRow | None:
        index = self.register_view.currentIndex()
        if not index.isValid():
            return None
        source = self.register_proxy.mapToSource(index)
        return self.register_model.record(source.row())

    def select_register_row(self, doc_id: int) -> None:
        for row, record in enumerate(self.register_model.records):
            if record.id == doc_id:
                self.register_view.setCurrentIndex(
                    self.register_proxy.mapFromSource(self.register_model.index(row, 0))
                )
                return

    def _show_issued(self, doc_id: int) -> None:
        row = next((r for r in self.register_model.records if r.id == doc_id), None)
        if row is not None and row.files.get("pdf"):
            self.show_pdf(Path(row.files["pdf"]))

    def reopen_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        self._open_document(row)

    def _open_document(self, row: RegisterRow) -> None:
        self.doc_id = row.id
        ref = parse_period_code(row.period_code) if row.period_code else None
        self._filling = True
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(row.kind), 0))
        self._filling = False
        if ref is not None:
            self._fill_periods(select_code=ref.code)
        self.reload(keep_doc=True)
        if row.status is not DocumentStatus.DRAFT:
            self._show_issued(row.id)

    def reissue_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.status is not DocumentStatus.ISSUED:
            return
        if not dialogs.confirm(self, T.TITLE, T.REISSUE_QUESTION.format(number=row.number)):
            return
        db, actor = self.ctx.db, self.ctx.actor

        def work(_c: Any) -> int:
            with db.transaction(actor=actor) as s:
                return register.start_reissue(s, row.id, actor=actor).id

        def done(new_id: int) -> None:
            self.ctx.notify("reports")
            self._open_document(
                RegisterRow(
                    id=new_id,
                    number="",
                    issued_on=None,
                    period=row.period,
                    period_code=row.period_code,
                    kind=row.kind,
                    status=DocumentStatus.DRAFT,
                    signer=row.signer,
                    note="",
                )
            )

        run_in_background(work, on_done=done, parent=self, show_progress=False)

    def ask_cancel_reason(self, number: str) -> str | None:
        text, ok = QInputDialog.getText(self, T.CANCEL_TITLE, T.CANCEL_REASON.format(number=number))
        return text if ok else None

    def cancel_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.status is not DocumentStatus.ISSUED:
            return
        reason = self.ask_cancel_reason(row.number)
        if reason is None:
            return
        db, actor = self.ctx.db, self.ctx.actor

        def work(_c: Any) -> None:
            with db.transaction(actor=actor) as s:
                register.cancel(s, row.id, reason=reason, actor=actor)

        run_in_background(work, on_done=lambda _r: self._after_register_change(), parent=self)

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.status is not DocumentStatus.DRAFT:
            return
        if not dialogs.confirm(self, T.TITLE, T.DELETE_QUESTION.format(period=row.period)):
            return
        db, actor = self.ctx.db, self.ctx.actor

        def work(_c: Any) -> None:
            with db.transaction(actor=actor) as s:
                register.delete_draft(s, row.id, actor=actor)

        if row.id == self.doc_id:
            self.doc_id = None
        run_in_background(work, on_done=lambda _r: self._after_register_change(), parent=self)

    def _after_register_change(self) -> None:
        self.ctx.notify("reports")
        self.reload(keep_doc=True)

    # -- buttons ------------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        ready = self.loaded is not None
        editable = ready and self.can_issue and not self.read_only
        self.preview_button.setEnabled(ready)
        self.print_button.setEnabled(self.pdf_document.pageCount() > 0)
        self.save_button.setEnabled(editable)
        self.issue_button.setEnabled(editable)
        self.signer_combo.setEnabled(editable)
        self.recipient_list.setEnabled(editable)
        row = self.selected_row()
        self.reopen_button.setEnabled(row is not None)
        issued = row is not None and row.status is DocumentStatus.ISSUED
        self.reissue_button.setEnabled(issued and self.can_issue)
        self.cancel_button.setEnabled(issued and self.can_issue)
        self.delete_button.setEnabled(
            row is not None and row.status is DocumentStatus.DRAFT and self.can_issue
        )


__all__ = ["ReportsPage"]
