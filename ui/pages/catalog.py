"""Danh mục: the commune's identity, units, signers, recipients and accounts.

Tabs: Thông tin xã (header lines, place, symbol, drafting unit, reporting
rules), Đơn vị, Người ký, Nơi nhận, and Tài khoản (administrators only).
Lists are ``RecordsModel`` + ``FilterProxy`` (accent-insensitive search);
add/edit happen in small dialogs that check their input in place; every
change goes through ``models.services.catalog`` in one transaction as the
signed-in user, so the audit log records it. A unit or signer still in use
is never deleted: the user is offered "Ngừng sử dụng" instead. UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from models import texts as domain_texts
from models import texts_catalog
from models.enums import PeriodConvention, Role, SigningAuthority, UnitKind
from models.errors import AppError
from models.schema import Recipient, Signer, Unit, User
from models.services import catalog as catalog_service
from ui import dialogs
from ui.context import EDIT_CATALOG, MANAGE_USERS, AppContext
from ui.tables import Column, FilterProxy, RecordsModel
from ui.texts import catalog as T
from ui.texts import common as C
from ui.widgets import ErrorLabel, SearchLineEdit, muted_label, setup_table


def _fmt_datetime(value: Any) -> str:
    return value.astimezone().strftime("%d/%m/%Y %H:%M") if value else ""


# ---------------------------------------------------------------------------
# Dialogs
# ---------------------------------------------------------------------------


class _FormDialog(QDialog):
    """A small form with an in-place error and Lưu/Hủy buttons.

    ``apply()`` does the change (raising ``AppError``); ``fields`` maps an
    ``InputError.field`` to the widget that gets the focus.
    """

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.error = ErrorLabel()
        self.fields: dict[str, QWidget] = {}
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(C.SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        buttons.addButton(C.CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def apply(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def save(self) -> None:
        self.error_field: str | None = None
        self.error.clear_message()
        try:
            self.apply()
        except AppError as exc:
            self.error_field = getattr(exc, "field", None)
            self.error.show_message(exc.message)
            widget = self.fields.get(getattr(exc, "field", None) or "")
            if widget is not None:
                widget.setFocus()
                if isinstance(widget, QLineEdit):
                    widget.selectAll()
            return
        self.accept()


class UnitDialog(_FormDialog):
    def __init__(self, ctx: AppContext, unit: Unit | None, parent: QWidget | None) -> None:
        super().__init__(T.UNIT_EDIT_TITLE if unit else T.UNIT_ADD_TITLE, parent)
        self.ctx = ctx
        self.unit_id = unit.id if unit else None
        self.code = QLineEdit(unit.code if unit else "")
        self.code.setMaxLength(20)
        self.code.setMaximumWidth(200)
        self.name = QLineEdit(unit.name if unit else "")
        self.kind = QComboBox()
        for kind in UnitKind:
            self.kind.addItem(domain_texts.label(kind), kind.value)
        self.kind.setCurrentIndex(
            self.kind.findData((unit.kind if unit else UnitKind.DEPARTMENT).value)
        )
        self.reports = QCheckBox(T.UNIT_REPORTS)
        self.reports.setChecked(unit.reports if unit else True)
        self.active = QCheckBox(T.UNIT_ACTIVE)
        self.active.setChecked(unit.active if unit else True)
        self.form.addRow(T.UNIT_CODE, self.code)
        self.form.addRow("", muted_label(T.UNIT_CODE_HINT))
        self.form.addRow(T.UNIT_NAME, self.name)
        self.form.addRow(T.UNIT_KIND, self.kind)
        self.form.addRow("", self.reports)
        self.form.addRow("", self.active)
        self.fields = {"code": self.code, "name": self.name}
        (self.name if unit else self.code).setFocus()

    def data(self) -> catalog_service.UnitInput:
        return catalog_service.UnitInput(
            code=self.code.text(),
            name=self.name.text(),
            kind=UnitKind(self.kind.currentData()),
            reports=self.reports.isChecked(),
            active=self.active.isChecked(),
        )

    def apply(self) -> None:
        with self.ctx.transaction() as s:
            if self.unit_id is None:
                catalog_service.add_unit(s, self.data())
            else:
                catalog_service.update_unit(s, self.unit_id, self.data())


class SignerDialog(_FormDialog):
    def __init__(self, ctx: AppContext, signer: Signer | None, parent: QWidget | None) -> None:
        super().__init__(T.SIGNER_EDIT_TITLE if signer else T.SIGNER_ADD_TITLE, parent)
        self.ctx = ctx
        self.signer_id = signer.id if signer else None
        self.full_name = QLineEdit(signer.full_name if signer else "")
        self.authority = QComboBox()
        for authority in (
            SigningAuthority.TM,
            SigningAuthority.KT,
            SigningAuthority.Q,
            SigningAuthority.TL,
            SigningAuthority.TUQ,
        ):
            self.authority.addItem(T.AUTHORITY_LABELS[authority.value], authority.value)
        current = signer.authority if signer else SigningAuthority.KT
        self.authority.setCurrentIndex(self.authority.findData(current.value))
        self.body = QLineEdit(signer.body if signer else texts_catalog.SIGNER_BODY)
        self.on_behalf = QLineEdit(
            (signer.on_behalf_of or "") if signer else texts_catalog.TITLE_CHAIRMAN
        )
        self.title = QLineEdit(signer.title if signer else texts_catalog.TITLE_VICE_CHAIRMAN)
        self.default = QCheckBox(T.SIGNER_DEFAULT)
        self.default.setChecked(bool(signer and signer.is_default))
        self.active = QCheckBox(T.SIGNER_ACTIVE)
        self.active.setChecked(signer.active if signer else True)
        self.preview = QLabel()
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet(
            "QLabel { background: white; border: 1px solid #c8d0da; padding: 8px;"
            " font-family: 'Times New Roman', 'Liberation Serif', serif; }"
        )
        self.form.addRow(T.SIGNER_NAME, self.full_name)
        self.form.addRow(T.SIGNER_AUTHORITY, self.authority)
        self.form.addRow(T.SIGNER_BODY, self.body)
        self.form.addRow(T.SIGNER_ON_BEHALF, self.on_behalf)
        self.form.addRow(T.SIGNER_TITLE, self.title)
        self.form.addRow("", self.default)
        self.form.addRow("", self.active)
        self.form.addRow(T.SIGNER_PREVIEW, self.preview)
        self.fields = {
            "full_name": self.full_name,
            "title": self.title,
            "body": self.body,
            "on_behalf_of": self.on_behalf,
        }
        for w in (self.full_name, self.body, self.on_behalf, self.title):
            w.textChanged.connect(self._update)
        self.authority.currentIndexChanged.connect(self._update)
        self._update()
        self.full_name.setFocus()

    def _update(self) -> None:
        kt = self.authority.currentData() == SigningAuthority.KT.value
        self.on_behalf.setEnabled(kt)
        lines = [f"<b>{self.authority.currentData()} {self.body.text().upper()}</b>"]
        if kt and self.on_behalf.text().strip():
            lines.append(f"<b>KT. {self.on_behalf.text().upper()}</b>")
        lines.append(f"<b>{self.title.text().upper()}</b>")
        lines.append("<br><br>")
        lines.append(f"<b>{self.full_name.text()}</b>")
        if kt:
            lines[0] = f"<b>TM. {self.body.text().upper()}</b>"
        self.preview.setText("<br>".join(lines))

    def data(self) -> catalog_service.SignerInput:
        return catalog_service.SignerInput(
            full_name=self.full_name.text(),
            title=self.title.text(),
            authority=SigningAuthority(self.authority.currentData()),
            body=self.body.text(),
            on_behalf_of=self.on_behalf.text() if self.on_behalf.isEnabled() else None,
            is_default=self.default.isChecked(),
            active=self.active.isChecked(),
        )

    def apply(self) -> None:
        with self.ctx.transaction() as s:
            if self.signer_id is None:
                catalog_service.add_signer(s, self.data())
            else:
                catalog_service.update_signer(s, self.signer_id, self.data())


class RecipientDialog(_FormDialog):
    def __init__(self, ctx: AppContext, rec: Recipient | None, parent: QWidget | None) -> None:
        super().__init__(T.RECIPIENT_EDIT_TITLE if rec else T.RECIPIENT_ADD_TITLE, parent)
        self.ctx = ctx
        self.recipient_id = rec.id if rec else None
        self.name = QLineEdit(rec.name if rec else "")
        self.short = QLineEdit(rec.short_name if rec else "")
        self.short.setPlaceholderText(T.RECIPIENT_SHORT_HINT)
        self.upward = QCheckBox(T.RECIPIENT_UPWARD)
        self.upward.setChecked(bool(rec and rec.upward))
        self.preselected = QCheckBox(T.RECIPIENT_PRESELECTED)
        self.preselected.setChecked(rec.default_selected if rec else True)
        self.active = QCheckBox(T.RECIPIENT_ACTIVE)
        self.active.setChecked(rec.active if rec else True)
        self.form.addRow(T.RECIPIENT_NAME, self.name)
        self.form.addRow(T.RECIPIENT_SHORT, self.short)
        self.form.addRow("", self.upward)
        self.form.addRow("", self.preselected)
        self.form.addRow("", self.active)
        self.fields = {"name": self.name}
        self.name.setFocus()

    def data(self) -> catalog_service.RecipientInput:
        return catalog_service.RecipientInput(
            name=self.name.text(),
            short_name=self.short.text(),
            upward=self.upward.isChecked(),
            default_selected=self.preselected.isChecked(),
            active=self.active.isChecked(),
        )

    def apply(self) -> None:
        with self.ctx.transaction() as s:
            if self.recipient_id is None:
                catalog_service.add_recipient(s, self.data())
            else:
                catalog_service.update_recipient(s, self.recipient_id, self.data())


def _unit_choices(ctx: AppContext) -> list[tuple[int, str]]:
    with ctx.db.session() as s:
        return [(u.id, f"{u.code} — {u.name}") for u in catalog_service.list_units(s)]


class UserDialog(_FormDialog):
    def __init__(self, ctx: AppContext, user: User | None, parent: QWidget | None) -> None:
        super().__init__(T.USER_EDIT_TITLE if user else T.USER_ADD_TITLE, parent)
        self.ctx = ctx
        self.user_id = user.id if user else None
        self.username = QLineEdit(user.username if user else "")
        self.username.setReadOnly(user is not None)
        self.full_name = QLineEdit(user.full_name if user else "")
        self.role = QComboBox()
        for role in (Role.UNIT_STAFF, Role.OFFICER, Role.LEADER, Role.ADMIN):
            self.role.addItem(domain_texts.label(role), role.value)
        self.role.setCurrentIndex(
            self.role.findData((user.role if user else Role.UNIT_STAFF).value)
        )
        self.unit = QComboBox()
        self.unit.addItem(T.USER_UNIT_NONE, None)
        for unit_id, text in _unit_choices(ctx):
            self.unit.addItem(text, unit_id)
        if user and user.unit_id:
            self.unit.setCurrentIndex(max(self.unit.findData(user.unit_id), 0))
        self.form.addRow(T.USER_USERNAME, self.username)
        if user is None:
            self.form.addRow("", muted_label(T.USER_USERNAME_HINT))
        self.form.addRow(T.USER_FULL_NAME, self.full_name)
        self.form.addRow(T.USER_ROLE, self.role)
        self.form.addRow(T.USER_UNIT, self.unit)
        self.form.addRow("", muted_label(T.USER_UNIT_HINT))
        self.password = QLineEdit()
        self.repeat = QLineEdit()
        if user is None:
            for w in (self.password, self.repeat):
                w.setEchoMode(QLineEdit.EchoMode.Password)
            self.form.addRow(T.USER_PASSWORD, self.password)
            self.form.addRow(T.USER_PASSWORD_AGAIN, self.repeat)
        self.fields = {
            "username": self.username,
            "full_name": self.full_name,
            "role": self.role,
            "unit": self.unit,
            "password": self.password,
            "password_repeat": self.repeat,
        }
        (self.full_name if user else self.username).setFocus()

    def apply(self) -> None:
        role = Role(self.role.currentData())
        unit_id = self.unit.currentData()
        with self.ctx.transaction() as s:
            if self.user_id is None:
                catalog_service.add_user(
                    s,
                    username=self.username.text(),
                    full_name=self.full_name.text(),
                    password=self.password.text(),
                    password_repeat=self.repeat.text(),
                    role=role,
                    unit_id=unit_id,
                )
            else:
                catalog_service.update_user(
                    s, self.user_id, full_name=self.full_name.text(), role=role, unit_id=unit_id
                )

    def save(self) -> None:
        super().save()
        if self.error_field in ("password", "password_repeat"):
            self.password.clear()
            self.repeat.clear()


class ResetPasswordDialog(_FormDialog):
    def __init__(self, ctx: AppContext, user: User, parent: QWidget | None) -> None:
        super().__init__(T.RESET_TITLE, parent)
        self.ctx = ctx
        self.user_id = user.id
        self.form.addRow(muted_label(T.RESET_INTRO.format(username=user.username)))
        self.password = QLineEdit()
        self.repeat = QLineEdit()
        for w in (self.password, self.repeat):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(T.USER_PASSWORD, self.password)
        self.form.addRow(T.USER_PASSWORD_AGAIN, self.repeat)
        self.fields = {"password": self.password, "password_repeat": self.password}
        self.password.setFocus()

    def apply(self) -> None:
        with self.ctx.transaction() as s:
            catalog_service.reset_password(
                s,
                self.user_id,
                new_password=self.password.text(),
                password_repeat=self.repeat.text(),
            )  # the acting administrator: the session's actor, read afresh

    def save(self) -> None:
        super().save()
        if self.error.has_message():
            self.password.clear()
            self.repeat.clear()


# ---------------------------------------------------------------------------
# List tabs
# ---------------------------------------------------------------------------


class _ListTab(QWidget):
    """A searchable table with buttons; subclasses load records and edit them."""

    columns: list[Column] = []
    widths: dict[int, int] = {}
    stretch: int | None = None

    def __init__(self, ctx: AppContext, *, editable: bool) -> None:
        super().__init__()
        self.ctx = ctx
        self.editable = editable
        self.stale = True
        self.model = RecordsModel(self.columns)
        self.model.dimmed = lambda r: not getattr(r, "active", True)
        self.proxy = FilterProxy()
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        setup_table(self.view)
        self.view.setModel(self.proxy)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self._size_columns()
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.search = SearchLineEdit(placeholder=T.SEARCH)
        self.search.search_changed.connect(self._filter)
        self.count = QLabel()
        self.count.setStyleSheet("color: #44546a;")
        self.bar = QHBoxLayout()
        self._needs_selection: list[QPushButton] = []
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 10, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(self.bar)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

    def _size_columns(self) -> None:
        """Fixed widths wide enough for the (bold) header; one column takes the rest."""
        header = self.view.horizontalHeader()
        char = self.view.fontMetrics().averageCharWidth()
        bold = QFont(header.font())
        bold.setBold(True)
        header_metrics = QFontMetrics(bold)
        header.setStretchLastSection(False)
        for column, col in enumerate(self.columns):
            if column == self.stretch:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
                continue
            chars = self.widths.get(column, 12)
            width = max(chars * char + 24, header_metrics.horizontalAdvance(col.header) + 36)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)

    def add_button(
        self, text: str, slot: Callable[[], None], *, selection: bool = True, edits: bool = True
    ) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        button.setEnabled(self.editable or not edits)
        if not self.editable and edits:
            button.setVisible(False)
        if selection:
            self._needs_selection.append(button)
        self.bar.addWidget(button)
        return button

    def finish_bar(self) -> None:
        self.bar.addStretch(1)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        for button in self._needs_selection:
            button.setEnabled(has and (self.editable or not button.isHidden()))
        self.selection_changed()

    def selection_changed(self) -> None:
        """Hook: adjust button texts to the selected record."""

    def _filter(self, text: str) -> None:
        self.proxy.set_query(text)
        self._update_count()

    def _update_count(self) -> None:
        n, shown = self.model.rowCount(), self.proxy.rowCount()
        self.count.setText(
            T.COUNT.format(n=n) if n == shown else T.COUNT_FILTERED.format(shown=shown, n=n)
        )

    def load(self, session: Session) -> Sequence[Any]:  # pragma: no cover - overridden
        raise NotImplementedError

    def reload(self) -> None:
        selected = self.selected()
        selected_id = getattr(selected, "id", None)
        with self.ctx.db.session() as s:
            records = list(self.load(s))
            s.expunge_all()
        self.model.set_records(records)
        self._update_count()
        self.stale = False
        if selected_id is not None:
            self.select_id(selected_id)
        self._update_buttons()

    def select_id(self, record_id: int) -> None:
        for row in range(self.model.rowCount()):
            if getattr(self.model.record(row), "id", None) == record_id:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                if index.isValid():
                    self.view.setCurrentIndex(index)
                    self.view.scrollTo(index)
                return

    def selected(self) -> Any | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().hasSelection():
            return None
        return self.model.record(self.proxy.mapToSource(index).row())

    def edit_selected(self) -> None:
        """Hook: open the edit dialog of the selected record."""

    def run_dialog(self, dialog: QDialog, area: str) -> bool:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            self.ctx.notify(area)
            return True
        return False

    def change(self, area: str, work: Callable[[Session], Any]) -> bool:
        """Run one change in a transaction; show a refusal as a warning."""
        try:
            with self.ctx.transaction() as s:
                work(s)
        except AppError as exc:
            dialogs.warn(self, exc.message)
            return False
        self.reload()
        self.ctx.notify(area)
        return True


class UnitsTab(_ListTab):
    columns = [
        Column("code", T.COL_CODE),
        Column("name", T.COL_UNIT_NAME),
        Column("kind", T.COL_UNIT_KIND, display=lambda u: domain_texts.label(u.kind)),
        Column("reports", T.COL_REPORTS, display=lambda u: T.YES if u.reports else ""),
        Column("active", T.COL_STATUS, display=lambda u: T.ACTIVE if u.active else T.INACTIVE),
    ]
    widths = {0: 10, 2: 18, 3: 17, 4: 15}
    stretch = 1

    def __init__(self, ctx: AppContext, *, editable: bool) -> None:
        super().__init__(ctx, editable=editable)
        self.add_button(T.ADD, self.add, selection=False)
        self.add_button(T.EDIT, self.edit_selected)
        self.toggle_button = self.add_button(T.DEACTIVATE, self.toggle_active)
        self.delete_button = self.add_button(T.DELETE, self.delete)
        self.add_button(T.MOVE_UP, lambda: self.move(-1))
        self.add_button(T.MOVE_DOWN, lambda: self.move(1))
        self.finish_bar()

    def load(self, session: Session) -> Sequence[Unit]:
        return catalog_service.list_units(session)

    def selection_changed(self) -> None:
        unit = self.selected()
        self.toggle_button.setText(
            T.ACTIVATE if unit is not None and not unit.active else T.DEACTIVATE
        )

    def add(self) -> None:
        self.run_dialog(UnitDialog(self.ctx, None, self), "units")

    def edit_selected(self) -> None:
        unit = self.selected()
        if unit is not None and self.editable:
            self.run_dialog(UnitDialog(self.ctx, unit, self), "units")

    def toggle_active(self) -> None:
        unit = self.selected()
        if unit is not None:
            self.change(
                "units", lambda s: catalog_service.set_unit_active(s, unit.id, not unit.active)
            )

    def move(self, step: int) -> None:
        unit = self.selected()
        if unit is not None:
            self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
            self.proxy.sort(-1)
            self.change("units", lambda s: catalog_service.move_unit(s, unit.id, step))

    def delete(self) -> None:
        unit = self.selected()
        if unit is None:
            return
        with self.ctx.db.session() as s:
            usage = catalog_service.unit_usage(s, unit.id)
        if usage.in_use:
            message = texts_catalog.UNIT_IN_USE.format(name=unit.name, usage=usage.describe())
            if unit.active and dialogs.confirm(
                self,
                T.CANNOT_DELETE_TITLE,
                message,
                yes_text=T.DEACTIVATE,
                no_text=C.CLOSE,
            ):
                self.change("units", lambda s: catalog_service.set_unit_active(s, unit.id, False))
            elif not unit.active:
                dialogs.info(self, message, title=T.CANNOT_DELETE_TITLE)
            return
        if dialogs.confirm(
            self, T.CONFIRM_DELETE_TITLE, T.CONFIRM_DELETE_UNIT.format(name=unit.name)
        ):
            self.change("units", lambda s: catalog_service.delete_unit(s, unit.id))


def _signer_authority(signer: Signer) -> str:
    return signer.authority.value


class SignersTab(_ListTab):
    columns = [
        Column("full_name", T.COL_FULL_NAME),
        Column("authority", T.COL_AUTHORITY, display=_signer_authority),
        Column("on_behalf_of", T.COL_ON_BEHALF, display=lambda x: x.on_behalf_of or ""),
        Column("title", T.COL_TITLE),
        Column("is_default", T.COL_DEFAULT, display=lambda x: T.YES if x.is_default else ""),
        Column("active", T.COL_STATUS, display=lambda x: T.ACTIVE if x.active else T.INACTIVE),
    ]
    widths = {1: 12, 2: 14, 3: 18, 4: 10, 5: 15}
    stretch = 0

    def __init__(self, ctx: AppContext, *, editable: bool) -> None:
        super().__init__(ctx, editable=editable)
        self.add_button(T.ADD, self.add, selection=False)
        self.add_button(T.EDIT, self.edit_selected)
        self.add_button(T.SET_DEFAULT, self.set_default)
        self.toggle_button = self.add_button(T.DEACTIVATE, self.toggle_active)
        self.add_button(T.DELETE, self.delete)
        self.finish_bar()

    def load(self, session: Session) -> Sequence[Signer]:
        return catalog_service.list_signers(session)

    def selection_changed(self) -> None:
        signer = self.selected()
        self.toggle_button.setText(
            T.ACTIVATE if signer is not None and not signer.active else T.DEACTIVATE
        )

    def _input(self, signer: Signer, **changes: Any) -> catalog_service.SignerInput:
        data = {
            "full_name": signer.full_name,
            "title": signer.title,
            "authority": signer.authority,
            "body": signer.body,
            "on_behalf_of": signer.on_behalf_of,
            "is_default": signer.is_default,
            "active": signer.active,
        }
        data.update(changes)
        return catalog_service.SignerInput(**data)

    def add(self) -> None:
        self.run_dialog(SignerDialog(self.ctx, None, self), "signers")

    def edit_selected(self) -> None:
        signer = self.selected()
        if signer is not None and self.editable:
            self.run_dialog(SignerDialog(self.ctx, signer, self), "signers")

    def set_default(self) -> None:
        signer = self.selected()
        if signer is not None:
            data = self._input(signer, is_default=True, active=True)
            self.change("signers", lambda s: catalog_service.update_signer(s, signer.id, data))

    def toggle_active(self) -> None:
        signer = self.selected()
        if signer is not None:
            data = self._input(signer, active=not signer.active)
            self.change("signers", lambda s: catalog_service.update_signer(s, signer.id, data))

    def delete(self) -> None:
        signer = self.selected()
        if signer is not None and dialogs.confirm(
            self, T.CONFIRM_DELETE_TITLE, T.CONFIRM_DELETE_SIGNER.format(name=signer.full_name)
        ):
            self.change("signers", lambda s: catalog_service.delete_signer(s, signer.id))


class RecipientsTab(_ListTab):
    columns = [
        Column("name", T.COL_RECIPIENT_NAME),
        Column("short_name", T.COL_RECIPIENT_SHORT),
        Column("upward", T.COL_UPWARD, display=lambda r: T.YES if r.upward else ""),
        Column(
            "default_selected",
            T.COL_PRESELECTED,
            display=lambda r: T.YES if r.default_selected else "",
        ),
        Column("active", T.COL_STATUS, display=lambda r: T.ACTIVE if r.active else T.INACTIVE),
    ]
    widths = {0: 44, 2: 12, 3: 10, 4: 15}
    stretch = 1

    def __init__(self, ctx: AppContext, *, editable: bool) -> None:
        super().__init__(ctx, editable=editable)
        self.add_button(T.ADD, self.add, selection=False)
        self.add_button(T.EDIT, self.edit_selected)
        self.add_button(T.DELETE, self.delete)
        self.finish_bar()

    def load(self, session: Session) -> Sequence[Recipient]:
        return catalog_service.list_recipients(session)

    def add(self) -> None:
        self.run_dialog(RecipientDialog(self.ctx, None, self), "recipients")

    def edit_selected(self) -> None:
        rec = self.selected()
        if rec is not None and self.editable:
            self.run_dialog(RecipientDialog(self.ctx, rec, self), "recipients")

    def delete(self) -> None:
        rec = self.selected()
        if rec is not None and dialogs.confirm(
            self, T.CONFIRM_DELETE_TITLE, T.CONFIRM_DELETE_RECIPIENT.format(name=rec.name)
        ):
            self.change("recipients", lambda s: catalog_service.delete_recipient(s, rec.id))


def _user_status(user: User) -> str:
    if not user.active:
        return T.USER_LOCKED
    if user.must_change_password:
        return T.USER_MUST_CHANGE
    return T.USER_ACTIVE


class UsersTab(_ListTab):
    columns = [
        Column("username", T.COL_USERNAME),
        Column("full_name", T.COL_FULL_NAME),
        Column("role", T.COL_ROLE, display=lambda u: domain_texts.label(u.role)),
        Column("unit", T.COL_UNIT, display=lambda u: u.unit.name if u.unit else ""),
        Column("active", T.COL_STATUS, display=_user_status),
        Column("last_login_at", T.COL_LAST_LOGIN, display=lambda u: _fmt_datetime(u.last_login_at)),
    ]
    widths = {0: 12, 1: 20, 2: 15, 4: 12, 5: 14}
    stretch = 3

    def __init__(self, ctx: AppContext, *, editable: bool) -> None:
        super().__init__(ctx, editable=editable)
        self.add_button(T.ADD, self.add, selection=False)
        self.add_button(T.EDIT, self.edit_selected)
        self.add_button(T.RESET_PASSWORD, self.reset_password)
        self.toggle_button = self.add_button(T.LOCK_USER, self.toggle_active)
        self.finish_bar()

    def load(self, session: Session) -> Sequence[User]:
        users = catalog_service.list_users(session)
        for user in users:
            _ = user.unit  # load before the session closes
        return users

    def selection_changed(self) -> None:
        user = self.selected()
        self.toggle_button.setText(
            T.UNLOCK_USER if user is not None and not user.active else T.LOCK_USER
        )

    def add(self) -> None:
        self.run_dialog(UserDialog(self.ctx, None, self), "users")

    def edit_selected(self) -> None:
        user = self.selected()
        if user is not None and self.editable:
            self.run_dialog(UserDialog(self.ctx, user, self), "users")

    def reset_password(self) -> None:
        user = self.selected()
        if user is not None and self.run_dialog(ResetPasswordDialog(self.ctx, user, self), "users"):
            dialogs.info(self, T.RESET_DONE.format(username=user.username))

    def toggle_active(self) -> None:
        user = self.selected()
        if user is None:
            return
        if user.active and not dialogs.confirm(
            self, T.LOCK_USER, T.CONFIRM_LOCK_USER.format(username=user.username)
        ):
            return
        acting = self.ctx.user.id
        self.change(
            "users",
            lambda s: catalog_service.set_user_active(
                s, user.id, not user.active, acting_user_id=acting
            ),
        )


# ---------------------------------------------------------------------------
# Thông tin xã
# ---------------------------------------------------------------------------


class CommuneTab(QWidget):
    """The commune's document identity and reporting rules, saved with Lưu."""

    def __init__(self, ctx: AppContext, *, editable: bool) -> None:
        super().__init__()
        self.ctx = ctx
        self.editable = editable
        self.dirty = False
        self._loading = False
        self.official_name = QLabel()
        self.official_province = QLabel()
        self.official_code = QLabel()
        bold = QFont(self.official_name.font())
        bold.setBold(True)
        self.official_name.setFont(bold)
        self.superior = QLineEdit()
        self.superior.setPlaceholderText(T.SUPERIOR_HINT)
        self.line1 = QLineEdit()
        self.line2 = QLineEdit()
        self.agency_name = QLineEdit()
        self.place = QLineEdit()
        self.symbol = QLineEdit()
        self.symbol.setMaximumWidth(200)
        self.drafting = QComboBox()
        self.drafting.setMinimumWidth(320)
        self.convention = QComboBox()
        for conv in PeriodConvention:
            self.convention.addItem(domain_texts.label(conv), conv.value)
        self.unit_day = QSpinBox()
        self.report_day = QSpinBox()
        for spin in (self.unit_day, self.report_day):
            spin.setRange(1, 28)
            spin.setPrefix(T.DAY_PREFIX)
            spin.setSuffix(T.DAY_SUFFIX)
            spin.setMinimumWidth(220)
            spin.setMaximumWidth(280)
        self.fields: dict[str, QWidget] = {
            "superior_line": self.superior,
            "agency_line1": self.line1,
            "agency_line2": self.line2,
            "agency_name": self.agency_name,
            "place_name": self.place,
            "report_symbol": self.symbol,
            "drafting_unit_code": self.drafting,
            "unit_deadline_day": self.unit_day,
            "report_deadline_day": self.report_day,
        }
        official = QGroupBox(T.GROUP_OFFICIAL)
        f1 = QFormLayout(official)
        f1.addRow(T.OFFICIAL_NAME, self.official_name)
        f1.addRow(T.OFFICIAL_PROVINCE, self.official_province)
        f1.addRow(T.OFFICIAL_CODE, self.official_code)
        f1.addRow("", muted_label(T.OFFICIAL_NOTE))
        document = QGroupBox(T.GROUP_DOCUMENT)
        f2 = QFormLayout(document)
        f2.addRow(T.SUPERIOR_LINE, self.superior)
        f2.addRow(T.AGENCY_LINE1, self.line1)
        f2.addRow(T.AGENCY_LINE2, self.line2)
        f2.addRow(T.AGENCY_NAME, self.agency_name)
        f2.addRow(T.PLACE_NAME, self.place)
        f2.addRow(T.REPORT_SYMBOL, self.symbol)
        f2.addRow(T.DRAFTING_UNIT, self.drafting)
        rules = QGroupBox(T.GROUP_RULES)
        f3 = QFormLayout(rules)
        f3.addRow(T.PERIOD_CONVENTION, self.convention)
        f3.addRow(T.UNIT_DEADLINE, self.unit_day)
        f3.addRow(T.REPORT_DEADLINE, self.report_day)
        for form in (f1, f2, f3):
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # Same label column width in the three groups.
        label_width = (
            max(
                self.fontMetrics().horizontalAdvance(t)
                for t in (T.PLACE_NAME, T.SUPERIOR_LINE, T.REPORT_DEADLINE, T.PERIOD_CONVENTION)
            )
            + 12
        )
        for form in (f1, f2, f3):
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                if item is not None and item.widget() is not None:
                    item.widget().setMinimumWidth(label_width)
        self.error = ErrorLabel()
        self.save_button = QPushButton(T.SAVE)
        self.revert_button = QPushButton(T.REVERT)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.load)
        bar = QHBoxLayout()
        bar.addWidget(self.save_button)
        bar.addWidget(self.revert_button)
        bar.addStretch(1)
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addWidget(official)
        inner.addWidget(document)
        inner.addWidget(rules)
        inner.addWidget(self.error)
        inner.addLayout(bar)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        for w in (self.superior, self.line1, self.line2, self.agency_name, self.place, self.symbol):
            w.textChanged.connect(self._changed)
            w.setReadOnly(not editable)
        for combo in (self.drafting, self.convention):
            combo.currentIndexChanged.connect(self._changed)
            combo.setEnabled(editable)
        for spin in (self.unit_day, self.report_day):
            spin.valueChanged.connect(self._changed)
            spin.setReadOnly(not editable)
        self.save_button.setVisible(editable)
        self.revert_button.setVisible(editable)
        self.load()

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.dirty = True
            self.save_button.setEnabled(True)
            self.revert_button.setEnabled(True)

    def load(self) -> None:
        """Show what the database holds (discarding unsaved edits)."""
        self._loading = True
        try:
            with self.ctx.db.session() as s:
                commune = catalog_service.local_commune(s)
                units = [(u.code, f"{u.code} — {u.name}") for u in catalog_service.list_units(s)]
                data = catalog_service.agency_of(commune) if commune else None
                if commune is not None:
                    self.official_name.setText(commune.commune_name)
                    self.official_province.setText(commune.province_name)
                    self.official_code.setText(str(commune.commune_code))
            self.drafting.clear()
            self.drafting.addItem(T.DRAFTING_NONE, None)
            for code, text in units:
                self.drafting.addItem(text, code)
            if data is not None:
                self.superior.setText(data.superior_line or "")
                self.line1.setText(data.agency_line1)
                self.line2.setText(data.agency_line2)
                self.agency_name.setText(data.agency_name)
                self.place.setText(data.place_name)
                self.symbol.setText(data.report_symbol)
                position = self.drafting.findData(data.drafting_unit_code)
                self.drafting.setCurrentIndex(max(position, 0))
                self.convention.setCurrentIndex(
                    self.convention.findData(data.period_convention.value)
                )
                self.unit_day.setValue(data.unit_deadline_day)
                self.report_day.setValue(data.report_deadline_day)
        finally:
            self._loading = False
        self.dirty = False
        self.error.clear_message()
        self.save_button.setEnabled(False)
        self.revert_button.setEnabled(False)

    def agency(self) -> catalog_service.AgencyInput:
        return catalog_service.AgencyInput(
            agency_line1=self.line1.text(),
            agency_line2=self.line2.text(),
            agency_name=self.agency_name.text(),
            place_name=self.place.text(),
            report_symbol=self.symbol.text(),
            superior_line=self.superior.text(),
            drafting_unit_code=self.drafting.currentData(),
            period_convention=PeriodConvention(self.convention.currentData()),
            unit_deadline_day=self.unit_day.value(),
            report_deadline_day=self.report_day.value(),
        )

    def save(self) -> bool:
        if not self.editable:
            return False
        try:
            with self.ctx.transaction() as s:
                catalog_service.update_commune_info(s, self.agency())
        except AppError as exc:
            self.error.show_message(exc.message)
            widget = self.fields.get(getattr(exc, "field", None) or "")
            if widget is not None:
                widget.setFocus()
            return False
        self.load()
        self.ctx.reload_commune()
        self.ctx.notify("commune")
        window = self.window()
        show = getattr(window, "show_message", None)
        if callable(show):
            show(T.SAVED)
        return True


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------


class CatalogPage(QWidget):
    """Danh mục page (see module docstring)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        editable = ctx.can(EDIT_CATALOG)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("catalog_tabs")
        self.commune_tab = CommuneTab(ctx, editable=editable)
        self.units_tab = UnitsTab(ctx, editable=editable)
        self.signers_tab = SignersTab(ctx, editable=editable)
        self.recipients_tab = RecipientsTab(ctx, editable=editable)
        self.tabs.addTab(self.commune_tab, T.TAB_COMMUNE)
        self.tabs.addTab(self.units_tab, T.TAB_UNITS)
        self.tabs.addTab(self.signers_tab, T.TAB_SIGNERS)
        self.tabs.addTab(self.recipients_tab, T.TAB_RECIPIENTS)
        self.users_tab: UsersTab | None = None
        if ctx.can(MANAGE_USERS):
            self.users_tab = UsersTab(ctx, editable=True)
            self.tabs.addTab(self.users_tab, T.TAB_USERS)
        title = QLabel(T.PAGE_TITLE)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        if not editable:
            layout.addWidget(muted_label(T.READ_ONLY_NOTE))
        layout.addWidget(self.tabs, 1)
        self._leaving_tab = 0
        self.tabs.currentChanged.connect(self._on_tab)
        ctx.data_changed.connect(self._on_data_changed)

    def list_tabs(self) -> list[_ListTab]:
        tabs: list[_ListTab] = [self.units_tab, self.signers_tab, self.recipients_tab]
        if self.users_tab is not None:
            tabs.append(self.users_tab)
        return tabs

    def _on_tab(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if (
            self.tabs.widget(self._leaving_tab) is self.commune_tab
            and widget is not self.commune_tab
        ):
            if not self._commune_can_leave():
                self.tabs.blockSignals(True)
                self.tabs.setCurrentIndex(self._leaving_tab)
                self.tabs.blockSignals(False)
                return
        self._leaving_tab = index
        self.activate()

    def _on_data_changed(self, area: str) -> None:
        if area in ("units", "signers", "recipients", "users", "catalog", "plan"):
            for tab in self.list_tabs():
                tab.stale = True
            if self.isVisible():
                self.activate()

    def activate(self) -> None:
        widget = self.tabs.currentWidget()
        if isinstance(widget, _ListTab) and widget.stale:
            widget.reload()
        elif widget is self.commune_tab and not self.commune_tab.dirty:
            self.commune_tab.load()

    def focus_search(self) -> None:
        widget = self.tabs.currentWidget()
        if isinstance(widget, _ListTab):
            widget.search.focus_and_select()

    def save(self) -> None:
        if self.tabs.currentWidget() is self.commune_tab:
            self.commune_tab.save()

    def _commune_can_leave(self) -> bool:
        if not self.commune_tab.dirty:
            return True
        from PySide6.QtWidgets import QMessageBox

        box = dialogs.message_box(
            self,
            icon=QMessageBox.Icon.Question,
            title=C.UNSAVED_TITLE,
            text=T.UNSAVED,
            buttons=QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            default=QMessageBox.StandardButton.Save,
        )
        box.button(QMessageBox.StandardButton.Save).setText(C.UNSAVED_SAVE)
        box.button(QMessageBox.StandardButton.Discard).setText(C.UNSAVED_DISCARD)
        box.button(QMessageBox.StandardButton.Cancel).setText(C.UNSAVED_STAY)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.commune_tab.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.commune_tab.load()
            return True
        return False

    def can_leave(self) -> bool:
        return self._commune_can_leave()


__all__ = ["CatalogPage"]
