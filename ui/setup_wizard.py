"""First-run wizard: make an empty database the commune's own, or build the demo.

Pages: choice (own commune / demo / upper level) → commune from the official list (search
as you type, accents optional) → agency lines and reporting rules → units →
signers → recipients → first administrator; or choice → demo; or choice →
scope (a province or the whole country) → first administrator, saved with
``models.services.upper.create_first_admin`` (an upper-level database). Each page
checks its input when the user presses "Tiếp theo" and shows the problem in
place. "Hoàn tất" saves everything in one transaction through
``models.services.setup.create_local_commune`` (or builds the demo with
``models.demo.build_demo``) in a background job; the wizard closes only when
that succeeded. After ``exec()`` returns Accepted, ``outcome`` is "own",
"demo" or "upper" and ``admin_username`` the account to sign in with. UI thread.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from models import geo, texts_catalog
from models import texts as domain_texts
from models.audit import Actor
from models.bundle.scope import Scope
from models.db import Database
from models.enums import PeriodConvention, SigningAuthority, UnitKind
from models.errors import InputError
from models.services import setup as setup_service
from models.services import upper as upper_service
from models.services.catalog import (
    AgencyInput,
    RecipientInput,
    SignerInput,
    UnitInput,
    clean_agency,
    clean_recipients,
    clean_signers,
    clean_units,
)
from ui import dialogs, worker
from ui.tables import ChoiceDelegate, Column, RowsModel
from ui.texts import common as C
from ui.texts import setup as T
from ui.texts import upper as TU
from ui.widgets import ErrorLabel, SearchLineEdit, enter_moves_down

DEMO_COMMUNE_CODE = 10993
SEARCH_LIMIT = 60


def _focus_and_select(widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    if isinstance(widget, QLineEdit):
        widget.selectAll()


class _Page(QWizardPage):
    """A page with an in-place error message under its content."""

    def __init__(self, title: str, subtitle: str, hint: str = "") -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.body = QVBoxLayout()
        self.error = ErrorLabel()
        outer = QVBoxLayout(self)
        if hint:
            label = QLabel(hint)
            label.setWordWrap(True)
            label.setStyleSheet("color: #44546a;")
            outer.addWidget(label)
        outer.addLayout(self.body, 1)
        outer.addWidget(self.error)

    @property
    def wiz(self) -> SetupWizard:
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        return wizard

    def show_error(self, message: str, widget: QWidget | None = None) -> None:
        self.error.show_message(message)
        if widget is not None:
            _focus_and_select(widget)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.error.clear_message()


# ---------------------------------------------------------------------------
# Page 1: how to start
# ---------------------------------------------------------------------------


class IntroPage(_Page):
    def __init__(self) -> None:
        super().__init__(T.INTRO_TITLE, T.INTRO_SUBTITLE)
        self.own = QRadioButton(T.INTRO_OWN)
        self.own.setObjectName("intro_own")
        self.demo = QRadioButton(T.INTRO_DEMO)
        self.demo.setObjectName("intro_demo")
        self.upper = QRadioButton(TU.INTRO_UPPER)
        self.upper.setObjectName("intro_upper")
        self.own.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.own)
        group.addButton(self.demo)
        group.addButton(self.upper)
        for radio, hint in (
            (self.own, T.INTRO_OWN_HINT),
            (self.demo, T.INTRO_DEMO_HINT),
            (self.upper, TU.INTRO_UPPER_HINT),
        ):
            font = radio.font()
            font.setBold(True)
            radio.setFont(font)
            label = QLabel(hint)
            label.setWordWrap(True)
            label.setContentsMargins(28, 0, 0, 12)
            self.body.addWidget(radio)
            self.body.addWidget(label)
        self.body.addStretch(1)

    def nextId(self) -> int:  # noqa: N802 - Qt override
        if self.demo.isChecked():
            return SetupWizard.PAGE_DEMO
        if self.upper.isChecked():
            return SetupWizard.PAGE_SCOPE
        return SetupWizard.PAGE_COMMUNE


# ---------------------------------------------------------------------------
# Upper-level path: the scope (a province or the whole country)
# ---------------------------------------------------------------------------


class ScopePage(_Page):
    """Which province (or the whole country) an upper-level database consolidates."""

    def __init__(self) -> None:
        super().__init__(TU.SCOPE_TITLE, TU.SCOPE_SUBTITLE, TU.SCOPE_HINT)
        self.combo = QComboBox()
        self.combo.setObjectName("scope_combo")
        self.combo.addItem(TU.SCOPE_NOT_SELECTED, None)
        self.combo.addItem(TU.SCOPE_COUNTRY_ITEM, "all")
        for p in geo.provinces():
            self.combo.addItem(p.name, p.code)
        self.combo.setMaxVisibleItems(20)
        self.preview = QLabel("")
        self.preview.setObjectName("scope_preview")
        font = self.preview.font()
        font.setBold(True)
        self.preview.setFont(font)
        form = QFormLayout()
        form.addRow(TU.SCOPE_LABEL, self.combo)
        self.body.addLayout(form)
        self.body.addSpacing(12)
        self.body.addWidget(self.preview)
        self.body.addStretch(1)
        self.combo.currentIndexChanged.connect(self._changed)

    def scope(self) -> Scope | None:
        data = self.combo.currentData()
        if data is None:
            return None
        return Scope(None) if data == "all" else Scope(int(data))

    def _changed(self, _index: int) -> None:
        chosen = self.scope()
        self.preview.setText(
            TU.SCOPE_PREVIEW.format(title=upper_service.scope_title(chosen)) if chosen else ""
        )
        self.error.clear_message()

    def initializePage(self) -> None:  # noqa: N802
        super().initializePage()
        self.combo.setFocus()

    def validatePage(self) -> bool:  # noqa: N802
        if self.scope() is None:
            self.show_error(TU.SCOPE_REQUIRED, self.combo)
            return False
        return True

    def nextId(self) -> int:  # noqa: N802
        return SetupWizard.PAGE_ADMIN


# ---------------------------------------------------------------------------
# Page 2: the commune from the official list
# ---------------------------------------------------------------------------


class CommunePage(_Page):
    def __init__(self) -> None:
        super().__init__(T.COMMUNE_TITLE, T.COMMUNE_SUBTITLE)
        self.province = QComboBox()
        self.province.setObjectName("province")
        self.province.addItem(T.ALL_PROVINCES, None)
        for p in geo.provinces():
            self.province.addItem(p.name, p.code)
        self.province.setMaxVisibleItems(20)
        self.search = SearchLineEdit(placeholder=T.SEARCH_PLACEHOLDER, delay_ms=150)
        self.search.setObjectName("commune_search")
        self.results = QListWidget()
        self.results.setObjectName("commune_results")
        self.results.setAlternatingRowColors(True)
        self.count = QLabel(T.RESULT_PROMPT)
        self.count.setStyleSheet("color: #44546a;")
        self.selected = QLabel(T.NOT_SELECTED)
        self.selected.setObjectName("commune_selected")
        font = self.selected.font()
        font.setBold(True)
        self.selected.setFont(font)

        form = QFormLayout()
        form.addRow(T.PROVINCE, self.province)
        form.addRow(T.SEARCH, self.search)
        self.body.addLayout(form)
        self.body.addWidget(self.count)
        self.body.addWidget(self.results, 1)
        self.body.addWidget(self.selected)

        self.province.currentIndexChanged.connect(lambda _i: self.refresh())
        self.search.search_changed.connect(lambda _t: self.refresh())
        self.results.currentItemChanged.connect(self._on_current)
        self.results.itemActivated.connect(lambda _item: self.wizard().next())
        self.setTabOrder(self.province, self.search)
        self.setTabOrder(self.search, self.results)

    def initializePage(self) -> None:  # noqa: N802
        super().initializePage()
        self.search.setFocus()

    def refresh(self) -> None:
        """Fill the result list from the province and the typed words."""
        query = self.search.text().strip()
        province_code = self.province.currentData()
        if query:
            found = geo.search_communes(query, province_code=province_code, limit=SEARCH_LIMIT + 1)
        elif province_code is not None:
            found = geo.communes_of(province_code)
        else:
            found = []
        limited = bool(query) and len(found) > SEARCH_LIMIT
        found = found[:SEARCH_LIMIT] if limited else found
        self.results.blockSignals(True)
        self.results.clear()
        chosen = self.wiz.official
        for c in found:
            item = QListWidgetItem(
                T.RESULT_ITEM.format(name=c.name, province=c.province.name, code=c.code)
            )
            item.setData(Qt.ItemDataRole.UserRole, c.code)
            self.results.addItem(item)
            if chosen is not None and c.code == chosen.code:
                self.results.setCurrentItem(item)
        self.results.blockSignals(False)
        if not query and province_code is None:
            self.count.setText(T.RESULT_PROMPT)
        elif not found:
            self.count.setText(T.RESULT_NONE)
        elif limited:
            self.count.setText(T.RESULT_LIMITED.format(n=SEARCH_LIMIT))
        else:
            self.count.setText(T.RESULT_COUNT.format(n=len(found)))
        if len(found) == 1 and chosen is None:
            self.results.setCurrentRow(0)

    def _on_current(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is None:
            return
        commune = geo.commune_by_code(int(item.data(Qt.ItemDataRole.UserRole)))
        self.wiz.official = commune
        self.selected.setText(T.SELECTED.format(name=commune.name, province=commune.province.name))
        self.error.clear_message()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.wiz.official is not None

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        if self.wiz.official is None:
            self.show_error(T.COMMUNE_REQUIRED, self.search)
            return False
        return True


# ---------------------------------------------------------------------------
# Page 3: agency lines and reporting rules
# ---------------------------------------------------------------------------


class AgencyPage(_Page):
    def __init__(self) -> None:
        super().__init__(T.AGENCY_TITLE, T.AGENCY_SUBTITLE, T.AGENCY_HINT)
        self._prefilled_for: int | None = None
        self.line1 = QLineEdit()
        self.line2 = QLineEdit()
        self.agency_name = QLineEdit()
        self.agency_name.setToolTip(T.AGENCY_NAME_HINT)
        self.place = QLineEdit()
        self.symbol = QLineEdit()
        self.symbol.setMaximumWidth(180)
        self.convention = QComboBox()
        for conv in PeriodConvention:
            self.convention.addItem(domain_texts.label(conv), conv.value)
        self.unit_day = QSpinBox()
        self.report_day = QSpinBox()
        for spin, value in ((self.unit_day, 15), (self.report_day, 18)):
            spin.setRange(1, 28)
            spin.setValue(value)
            spin.setPrefix(T.DAY_PREFIX)
            spin.setSuffix(T.DAY_SUFFIX)
            spin.setMinimumWidth(220)
            spin.setMaximumWidth(280)
        for name, w in (
            ("agency_line1", self.line1),
            ("agency_line2", self.line2),
            ("agency_name", self.agency_name),
            ("place_name", self.place),
            ("report_symbol", self.symbol),
            ("unit_deadline_day", self.unit_day),
            ("report_deadline_day", self.report_day),
        ):
            w.setObjectName(name)
        self.fields: dict[str, QWidget] = {
            "agency_line1": self.line1,
            "agency_line2": self.line2,
            "agency_name": self.agency_name,
            "place_name": self.place,
            "report_symbol": self.symbol,
            "unit_deadline_day": self.unit_day,
            "report_deadline_day": self.report_day,
        }
        form = QFormLayout()
        form.addRow(T.AGENCY_LINE1, self.line1)
        form.addRow(T.AGENCY_LINE2, self.line2)
        form.addRow(T.AGENCY_NAME, self.agency_name)
        form.addRow(T.PLACE_NAME, self.place)
        form.addRow(T.REPORT_SYMBOL, self.symbol)
        form.addRow(T.PERIOD_CONVENTION, self.convention)
        form.addRow(T.UNIT_DEADLINE, self.unit_day)
        form.addRow(T.REPORT_DEADLINE, self.report_day)
        self.body.addLayout(form)
        self.preview = QLabel()
        self.preview.setObjectName("agency_preview")
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setStyleSheet(
            "QLabel { background: white; border: 1px solid #c8d0da; padding: 10px;"
            " font-family: 'Times New Roman', 'Liberation Serif', serif; }"
        )
        self.body.addSpacing(6)
        self.body.addWidget(QLabel(T.PREVIEW))
        self.body.addWidget(self.preview)
        self.body.addStretch(1)
        for w in (self.line1, self.line2, self.place, self.symbol):
            w.textChanged.connect(self._update_preview)

    def initializePage(self) -> None:  # noqa: N802
        super().initializePage()
        official = self.wiz.official
        if official is not None and official.code != self._prefilled_for:
            agency = setup_service.default_agency(official)
            self.line1.setText(agency.agency_line1)
            self.line2.setText(agency.agency_line2)
            self.agency_name.setText(agency.agency_name)
            self.place.setText(agency.place_name)
            self.symbol.setText(agency.report_symbol)
            self._prefilled_for = official.code
        self._update_preview()
        self.line1.setFocus()

    def _update_preview(self) -> None:
        esc = html.escape
        self.preview.setText(
            T.PREVIEW_HTML.format(
                line1=esc(self.line1.text()),
                line2=esc(self.line2.text()),
                symbol=esc(self.symbol.text()),
                place=esc(self.place.text()),
                year=dt.date.today().year,
            )
        )

    def agency(self, *, drafting_unit_code: str | None = None) -> AgencyInput:
        return AgencyInput(
            agency_line1=self.line1.text(),
            agency_line2=self.line2.text(),
            agency_name=self.agency_name.text(),
            place_name=self.place.text(),
            report_symbol=self.symbol.text(),
            drafting_unit_code=drafting_unit_code,
            period_convention=PeriodConvention(self.convention.currentData()),
            unit_deadline_day=self.unit_day.value(),
            report_deadline_day=self.report_day.value(),
        )

    def validatePage(self) -> bool:  # noqa: N802
        try:
            clean_agency(self.agency())
        except InputError as exc:
            self.show_error(exc.message, self.fields.get(exc.field or ""))
            return False
        self.error.clear_message()
        return True


# ---------------------------------------------------------------------------
# Pages 4-6: units, signers, recipients (editable tables)
# ---------------------------------------------------------------------------


class _TablePage(_Page):
    """A page with an editable table, add/remove/move buttons."""

    columns: list[Column]
    stretch_key: str = ""

    def __init__(self, title: str, subtitle: str, hint: str = "") -> None:
        super().__init__(title, subtitle, hint)
        self.model = self.make_model()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 14)
        self.table.verticalHeader().setMinimumWidth(32)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        char = self.table.fontMetrics().averageCharWidth()
        for i, col in enumerate(self.columns):
            if col.kind == "choice":
                self.table.setItemDelegateForColumn(i, ChoiceDelegate(col, self.table))
            if col.key == self.stretch_key:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
            elif col.width:
                header.resizeSection(i, max(col.width * char + 24, header.sectionSizeHint(i)))
        enter_moves_down(self.table)
        self.add_button = QPushButton(T.ADD_ROW)
        self.remove_button = QPushButton(T.REMOVE_ROW)
        self.up_button = QPushButton(T.MOVE_UP)
        self.down_button = QPushButton(T.MOVE_DOWN)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.up_button.clicked.connect(lambda: self.move_row(-1))
        self.down_button.clicked.connect(lambda: self.move_row(1))
        self.body.addWidget(self.table, 1)
        self.body.addLayout(buttons)
        for signal in (self.model.dataChanged, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._edited)

    def _edited(self, *args: object) -> None:
        """Any edit clears the previous complaint (it is checked again on Next)."""
        roles = args[2] if len(args) > 2 else None
        if roles == [Qt.ItemDataRole.BackgroundRole]:
            return  # the error tint itself
        if self.error.has_message():
            self.error.clear_message()
            self.model.mark_error_row(None)

    def make_model(self) -> RowsModel:
        return RowsModel(self.columns)

    def new_row(self) -> dict[str, Any]:
        return {c.key: (False if c.kind == "bool" else "") for c in self.columns}

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def add_row(self) -> None:
        row = self.model.add_row(self.new_row())
        first_text = next(i for i, c in enumerate(self.columns) if c.kind == "text")
        index = self.model.index(row, first_text)
        self.table.setCurrentIndex(index)
        self.table.setFocus()
        self.table.edit(index)

    def remove_row(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.model.remove_row(row)
            self.model.mark_error_row(None)

    def move_row(self, step: int) -> None:
        row = self.current_row()
        if row >= 0:
            column = self.table.currentIndex().column()
            target = self.model.move_row(row, step)
            self.table.setCurrentIndex(self.model.index(target, column))

    def show_row_error(self, exc: InputError) -> None:
        """Show the message, select and tint the row it is about."""
        self.show_error(exc.message)
        if exc.row is not None:
            row = exc.row - 1
            self.model.mark_error_row(row)
            keys = [c.key for c in self.columns]
            column = keys.index(exc.field) if exc.field in keys else 0
            self.table.setCurrentIndex(self.model.index(row, column))
            self.table.setFocus()

    def commit_editor(self) -> None:
        """Close an open cell editor so its text is in the model."""
        index = self.table.currentIndex()
        editor = self.table.indexWidget(index) if index.isValid() else None
        focus = self.table.focusWidget()
        for w in (editor, focus):
            if w is not None and w is not self.table and self.table.isAncestorOf(w):
                self.table.commitData(w)
                self.table.closeEditor(w, QAbstractItemDelegate.EndEditHint.NoHint)
                break


_UNIT_KINDS = [(k.value, domain_texts.label(k)) for k in UnitKind]


class UnitsPage(_TablePage):
    columns = [
        Column("code", T.COL_CODE, width=10),
        Column("name", T.COL_UNIT_NAME),
        Column("kind", T.COL_UNIT_KIND, kind="choice", choices=_UNIT_KINDS, width=22),
    ]
    stretch_key = "name"

    def __init__(self) -> None:
        super().__init__(T.UNITS_TITLE, T.UNITS_SUBTITLE, T.UNITS_HINT)
        self.table.setObjectName("units_table")
        self._prefilled_for: int | None = None
        self.drafting = QComboBox()
        self.drafting.setObjectName("drafting_unit")
        self.drafting.setMinimumWidth(320)
        form = QFormLayout()
        form.addRow(T.DRAFTING_UNIT, self.drafting)
        self.body.addLayout(form)
        for signal in (
            self.model.dataChanged,
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.modelReset,
        ):
            signal.connect(self._refresh_drafting)

    def new_row(self) -> dict[str, Any]:
        return {"code": "", "name": "", "kind": UnitKind.DEPARTMENT.value}

    def initializePage(self) -> None:  # noqa: N802
        super().initializePage()
        official = self.wiz.official
        if official is not None and official.code != self._prefilled_for:
            self.model.beginResetModel()
            self.model.rows = [
                {"code": u.code, "name": u.name, "kind": u.kind.value}
                for u in setup_service.standard_units(official.division_type)
            ]
            self.model.endResetModel()
            self._prefilled_for = official.code
            self._select_drafting(setup_service.default_agency(official).drafting_unit_code)
        self.table.setFocus()

    def _refresh_drafting(self, *_args: object) -> None:
        current = self.drafting.currentData()
        self.drafting.blockSignals(True)
        self.drafting.clear()
        self.drafting.addItem(T.DRAFTING_UNIT_NONE, None)
        for row in self.model.rows:
            code = str(row.get("code") or "").strip().upper()
            if code:
                self.drafting.addItem(f"{code} — {row.get('name') or ''}", code)
        self.drafting.blockSignals(False)
        self._select_drafting(current)

    def _select_drafting(self, code: str | None) -> None:
        position = self.drafting.findData(code) if code else 0
        self.drafting.setCurrentIndex(max(position, 0))

    def units(self) -> list[UnitInput]:
        return [
            UnitInput(
                code=str(r.get("code") or ""),
                name=str(r.get("name") or ""),
                kind=UnitKind(r.get("kind") or UnitKind.OTHER.value),
            )
            for r in self.model.rows
        ]

    def drafting_unit_code(self) -> str | None:
        value = self.drafting.currentData()
        return str(value) if value else None

    def validatePage(self) -> bool:  # noqa: N802
        self.commit_editor()
        self.model.mark_error_row(None)
        try:
            clean_units(self.units())
        except InputError as exc:
            self.show_row_error(exc)
            return False
        self.error.clear_message()
        return True


_AUTHORITIES = [
    (SigningAuthority.TM.value, "TM. (thay mặt)"),
    (SigningAuthority.KT.value, "KT. (ký thay)"),
]


class _SignersModel(RowsModel):
    """Exactly one default signer; KT. rows get "CHỦ TỊCH" as principal."""

    def bool_changed(self, row: int, key: str, checked: bool) -> None:
        if key != "is_default" or not checked:
            return
        for i, r in enumerate(self.rows):
            if i != row and r.get("is_default"):
                r["is_default"] = False
                idx = self.index(i, [c.key for c in self.columns].index("is_default"))
                self.dataChanged.emit(idx, idx)

    def setData(self, index: Any, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        ok = super().setData(index, value, role)
        if ok and self.columns[index.column()].key == "authority":
            row = self.rows[index.row()]
            if value == SigningAuthority.KT.value and not row.get("on_behalf_of"):
                row["on_behalf_of"] = texts_catalog.TITLE_CHAIRMAN
            elif value == SigningAuthority.TM.value:
                row["on_behalf_of"] = ""
            self.dataChanged.emit(
                self.index(index.row(), 0), self.index(index.row(), len(self.columns) - 1)
            )
        return ok


class SignersPage(_TablePage):
    columns = [
        Column("full_name", T.COL_FULL_NAME),
        Column("authority", T.COL_AUTHORITY, kind="choice", choices=_AUTHORITIES, width=16),
        Column("on_behalf_of", T.COL_ON_BEHALF, width=14),
        Column("title", T.COL_TITLE, width=18),
        Column("is_default", T.COL_DEFAULT, kind="bool", width=10),
    ]
    stretch_key = "full_name"

    def __init__(self) -> None:
        super().__init__(T.SIGNERS_TITLE, T.SIGNERS_SUBTITLE, T.SIGNERS_HINT)
        self.table.setObjectName("signers_table")
        self.model.beginResetModel()
        self.model.rows = [
            {
                "full_name": s.full_name,
                "authority": s.authority.value,
                "on_behalf_of": s.on_behalf_of or "",
                "title": s.title,
                "is_default": s.is_default,
            }
            for s in setup_service.standard_signers()
        ]
        self.model.endResetModel()

    def make_model(self) -> RowsModel:
        return _SignersModel(self.columns)

    def new_row(self) -> dict[str, Any]:
        return {
            "full_name": "",
            "authority": SigningAuthority.KT.value,
            "on_behalf_of": texts_catalog.TITLE_CHAIRMAN,
            "title": texts_catalog.TITLE_VICE_CHAIRMAN,
            "is_default": False,
        }

    def initializePage(self) -> None:  # noqa: N802
        super().initializePage()
        self.table.setFocus()
        self.table.setCurrentIndex(self.model.index(0, 0))

    def signers(self) -> list[SignerInput]:
        return [
            SignerInput(
                full_name=str(r.get("full_name") or ""),
                title=str(r.get("title") or ""),
                authority=SigningAuthority(r.get("authority") or SigningAuthority.TM.value),
                on_behalf_of=str(r.get("on_behalf_of") or "") or None,
                is_default=bool(r.get("is_default")),
            )
            for r in self.model.rows
        ]

    def validatePage(self) -> bool:  # noqa: N802
        self.commit_editor()
        self.model.mark_error_row(None)
        try:
            clean_signers(self.signers())
        except InputError as exc:
            self.show_row_error(exc)
            return False
        self.error.clear_message()
        return True


class RecipientsPage(_TablePage):
    columns = [
        Column("name", T.COL_RECIPIENT_NAME, width=44),
        Column("short_name", T.COL_RECIPIENT_SHORT),
        Column("upward", T.COL_UPWARD, kind="bool", width=10),
    ]
    stretch_key = "short_name"

    def __init__(self) -> None:
        super().__init__(T.RECIPIENTS_TITLE, T.RECIPIENTS_SUBTITLE, T.RECIPIENTS_HINT)
        self.table.setObjectName("recipients_table")
        self._prefilled_for: int | None = None

    def initializePage(self) -> None:  # noqa: N802
        super().initializePage()
        official = self.wiz.official
        if official is not None and official.code != self._prefilled_for:
            self.model.beginResetModel()
            self.model.rows = [
                {"name": r.name, "short_name": r.short_name, "upward": r.upward}
                for r in setup_service.standard_recipients(official)
            ]
            self.model.endResetModel()
            self._prefilled_for = official.code
        self.table.setFocus()

    def recipients(self) -> list[RecipientInput]:
        return [
            RecipientInput(
                name=str(r.get("name") or ""),
                short_name=str(r.get("short_name") or ""),
                upward=bool(r.get("upward")),
            )
            for r in self.model.rows
        ]

    def validatePage(self) -> bool:  # noqa: N802
        self.commit_editor()
        self.model.mark_error_row(None)
        try:
            clean_recipients(self.recipients())
        except InputError as exc:
            self.show_row_error(exc)
            return False
        self.error.clear_message()
        return True


# ---------------------------------------------------------------------------
# Page 7: the first administrator
# ---------------------------------------------------------------------------


class AdminForm(QWidget):
    """User name, full name and password (twice) of a first administrator.

    Shared by the wizard's last page and the upper-level first-run dialog.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.username = QLineEdit(T.DEFAULT_ADMIN_USERNAME)
        self.username.setObjectName("admin_username")
        self.username.setPlaceholderText(T.ADMIN_USERNAME_HINT)
        self.username.setToolTip(T.ADMIN_USERNAME_HINT)
        self.full_name = QLineEdit()
        self.full_name.setObjectName("admin_full_name")
        self.password = QLineEdit()
        self.password.setObjectName("admin_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(T.ADMIN_PASSWORD_HINT)
        self.repeat = QLineEdit()
        self.repeat.setObjectName("admin_password_repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(T.ADMIN_USERNAME, self.username)
        hint = QLabel(T.ADMIN_USERNAME_HINT)
        hint.setStyleSheet("color: #44546a;")
        form.addRow("", hint)
        form.addRow(T.ADMIN_FULL_NAME, self.full_name)
        form.addRow(T.ADMIN_PASSWORD, self.password)
        form.addRow(T.ADMIN_PASSWORD_AGAIN, self.repeat)
        self.setTabOrder(self.username, self.full_name)
        self.setTabOrder(self.full_name, self.password)
        self.setTabOrder(self.password, self.repeat)

    def first_field(self) -> QLineEdit:
        return self.full_name if self.username.text() else self.username

    def admin(self) -> setup_service.AdminInput:
        return setup_service.AdminInput(
            username=self.username.text(),
            full_name=self.full_name.text(),
            password=self.password.text(),
            password_repeat=self.repeat.text(),
        )

    def problem(self) -> tuple[str, QLineEdit] | None:
        """The first problem of the input (message, field to focus), or None.

        A password problem clears both password boxes.
        """
        try:
            upper_service.check_admin(self.admin())
        except InputError as exc:
            target = {
                "username": self.username,
                "full_name": self.full_name,
                "password": self.password,
                "password_repeat": self.repeat,
            }.get(exc.field or "", self.username)
            if exc.field in ("password", "password_repeat"):
                self.password.clear()
                self.repeat.clear()
                target = self.password
            return exc.message, target
        return None


class AdminPage(_Page):
    def __init__(self) -> None:
        super().__init__(T.ADMIN_TITLE, T.ADMIN_SUBTITLE)
        self.form = AdminForm()
        self.username = self.form.username
        self.full_name = self.form.full_name
        self.password = self.form.password
        self.repeat = self.form.repeat
        self.body.addWidget(self.form)
        self.body.addStretch(1)
        self.setFinalPage(True)

    def initializePage(self) -> None:  # noqa: N802
        super().initializePage()
        _focus_and_select(self.form.first_field())

    def nextId(self) -> int:  # noqa: N802
        return -1

    def admin(self) -> setup_service.AdminInput:
        return self.form.admin()

    def validatePage(self) -> bool:  # noqa: N802
        found = self.form.problem()
        if found is not None:
            self.show_error(*found)
            return False
        self.error.clear_message()
        return True


class DemoPage(_Page):
    def __init__(self) -> None:
        super().__init__(T.DEMO_TITLE, T.DEMO_SUBTITLE)
        text = QLabel(T.DEMO_TEXT)
        text.setObjectName("demo_text")
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        self.body.addWidget(text)
        self.body.addStretch(1)
        self.setFinalPage(True)

    def nextId(self) -> int:  # noqa: N802
        return -1


# ---------------------------------------------------------------------------
# The wizard
# ---------------------------------------------------------------------------


class SetupWizard(QWizard):
    """The first-run wizard over an empty database ``db``."""

    PAGE_INTRO, PAGE_COMMUNE, PAGE_AGENCY, PAGE_UNITS = 0, 1, 2, 3
    PAGE_SIGNERS, PAGE_RECIPIENTS, PAGE_ADMIN, PAGE_DEMO = 4, 5, 6, 7
    PAGE_SCOPE = 8

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.official: geo.OfficialCommune | None = None
        self.outcome: str | None = None
        self.admin_username: str | None = None
        self._saved = False
        self._busy = False
        self.setWindowTitle(T.WINDOW_TITLE)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, False)
        self.setButtonText(QWizard.WizardButton.BackButton, T.BACK)
        self.setButtonText(QWizard.WizardButton.NextButton, T.NEXT)
        self.setButtonText(QWizard.WizardButton.FinishButton, T.FINISH)
        self.setButtonText(QWizard.WizardButton.CancelButton, C.CANCEL)
        self.intro = IntroPage()
        self.commune_page = CommunePage()
        self.agency_page = AgencyPage()
        self.units_page = UnitsPage()
        self.signers_page = SignersPage()
        self.recipients_page = RecipientsPage()
        self.admin_page = AdminPage()
        self.demo_page = DemoPage()
        self.scope_page = ScopePage()
        for page_id, page in (
            (self.PAGE_INTRO, self.intro),
            (self.PAGE_COMMUNE, self.commune_page),
            (self.PAGE_AGENCY, self.agency_page),
            (self.PAGE_UNITS, self.units_page),
            (self.PAGE_SIGNERS, self.signers_page),
            (self.PAGE_RECIPIENTS, self.recipients_page),
            (self.PAGE_ADMIN, self.admin_page),
            (self.PAGE_DEMO, self.demo_page),
            (self.PAGE_SCOPE, self.scope_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(self.PAGE_INTRO)
        self.resize(900, 700)

    # -- collected input ---------------------------------------------------------
    def setup_inputs(self) -> dict[str, Any]:
        """Keyword arguments of ``create_local_commune`` from the pages."""
        assert self.official is not None
        return {
            "commune_code": self.official.code,
            "agency": self.agency_page.agency(
                drafting_unit_code=self.units_page.drafting_unit_code()
            ),
            "units": self.units_page.units(),
            "signers": self.signers_page.signers(),
            "recipients": self.recipients_page.recipients(),
            "admin": self.admin_page.admin(),
        }

    # -- finishing -----------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for which in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CancelButton,
        ):
            button = self.button(which)
            if button is not None:
                button.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.WaitCursor if busy else Qt.CursorShape.ArrowCursor)

    def accept(self) -> None:
        """Save (or build the demo) in the background; close when it succeeded."""
        if self._saved:
            super().accept()
            return
        if self._busy:
            return
        # QWizard validates the last page in done(), i.e. after accept(): check first.
        if not self.validateCurrentPage():
            return
        page = self.currentPage()
        self._set_busy(True)
        if self.intro.demo.isChecked():
            db = self.db

            def build(control: worker.JobControl) -> str:
                from models.demo import build_demo

                build_demo(
                    db,
                    commune_code=DEMO_COMMUNE_CODE,
                    progress=lambda text: control.report(0, 0, text),
                )
                return "admin"

            worker.run_in_background(
                build,
                on_done=lambda username: self._finished("demo", username),
                on_error=lambda exc: self._failed(page, exc),
                progress_label=T.DEMO_BUILDING,
                parent=self,
                modal=True,
            )
            return
        if self.intro.upper.isChecked():
            self._save_upper(page)
            return
        inputs = self.setup_inputs()
        db = self.db

        def save(_control: worker.JobControl) -> str:
            with db.transaction(actor=Actor.system()) as s:
                setup_service.create_local_commune(s, **inputs)
            return str(inputs["admin"].username).strip().lower()

        worker.run_in_background(
            save,
            on_done=lambda username: self._finished("own", username),
            on_error=lambda exc: self._failed(page, exc),
            progress_label=T.SAVING,
            parent=self,
            modal=True,
        )

    def _save_upper(self, page: QWizardPage) -> None:
        """Upper-level path: write the scope and the first administrator together."""
        db = self.db
        scope = self.scope_page.scope()
        admin = self.admin_page.admin()

        def save(_control: worker.JobControl) -> str:
            with db.transaction(actor=Actor.system()) as s:
                return upper_service.create_first_admin(db, s, scope=scope, admin=admin)

        worker.run_in_background(
            save,
            on_done=lambda username: self._finished("upper", username),
            on_error=lambda exc: self._failed(page, exc),
            progress_label=T.SAVING,
            parent=self,
            modal=True,
        )

    def _finished(self, outcome: str, username: str) -> None:
        self._set_busy(False)
        self.outcome = outcome
        self.admin_username = username
        self._saved = True
        super().accept()

    def _failed(self, page: QWizardPage, exc: BaseException) -> None:
        self._set_busy(False)
        message = worker.error_message(exc)
        if isinstance(page, _Page):
            page.show_error(message)
        else:  # pragma: no cover - every page is a _Page
            dialogs.error(self, message)

    def reject(self) -> None:
        if self._busy:
            return
        if dialogs.confirm(self, T.CANCEL_CONFIRM_TITLE, T.CANCEL_CONFIRM):
            super().reject()
