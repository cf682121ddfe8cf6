"""Cài đặt: reporting period rules, idle lock, backup folder, font size.

Period convention and deadline days belong to the commune (same service as
Danh mục → Thông tin xã); idle lock minutes and the backup folder are
``Setting`` rows (``models.services.settings``) read by the idle lock and the
backups; the font size is a preference of this computer (UI settings file)
and applies at once. Database settings need the "settings" permission; the
font size anyone may change. UI thread.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models import texts as domain_texts
from models.enums import PeriodConvention
from models.errors import AppError
from models.services import catalog as catalog_service
from models.services import settings as settings_service
from ui import dialogs
from ui.context import EDIT_SETTINGS, AppContext, ui_settings
from ui.texts import catalog as T
from ui.texts import common as C
from ui.widgets import ErrorLabel, muted_label


class SettingsPage(QWidget):
    """Cài đặt page (see module docstring)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ui import app as app_module

        self.ctx = ctx
        self.editable = ctx.can(EDIT_SETTINGS)
        self.dirty = False
        self._loading = False
        self._app = app_module

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
        self.idle = QSpinBox()
        self.idle.setRange(0, settings_service.MAX_IDLE_LOCK_MINUTES)
        self.idle.setSuffix(T.IDLE_LOCK_SUFFIX)
        self.idle.setSpecialValueText(T.IDLE_LOCK_OFF)
        self.idle.setMinimumWidth(180)
        self.idle.setMaximumWidth(240)
        self.backup_dir = QLineEdit()
        self.backup_dir.setPlaceholderText(T.BACKUP_DIR_DEFAULT)
        self.backup_choose = QPushButton(T.BACKUP_DIR_CHOOSE)
        self.backup_reset = QPushButton(T.BACKUP_DIR_RESET)
        self.backup_choose.clicked.connect(self._choose_backup_dir)
        self.backup_reset.clicked.connect(self.backup_dir.clear)
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_dir, 1)
        backup_row.addWidget(self.backup_choose)
        backup_row.addWidget(self.backup_reset)
        self.font_size = QSpinBox()
        self.font_size.setRange(app_module.MIN_FONT_PT, app_module.MAX_FONT_PT)
        self.font_size.setSuffix(T.FONT_SIZE_SUFFIX)
        self.font_size.setMaximumWidth(160)
        self.font_size.setValue(app_module.font_size_pt())
        self.font_size.valueChanged.connect(self._font_size_changed)

        period = QGroupBox(T.GROUP_PERIOD)
        f1 = QFormLayout(period)
        f1.addRow(T.PERIOD_CONVENTION, self.convention)
        f1.addRow(T.UNIT_DEADLINE, self.unit_day)
        f1.addRow(T.REPORT_DEADLINE, self.report_day)
        safety = QGroupBox(T.GROUP_SAFETY)
        f2 = QFormLayout(safety)
        f2.addRow(T.IDLE_LOCK, self.idle)
        f2.addRow("", muted_label(T.IDLE_LOCK_HINT))
        f2.addRow(T.BACKUP_DIR, backup_row)
        f2.addRow("", muted_label(T.BACKUP_DIR_HINT))
        display = QGroupBox(T.GROUP_DISPLAY)
        f3 = QFormLayout(display)
        f3.addRow(T.FONT_SIZE, self.font_size)
        f3.addRow("", muted_label(T.FONT_SIZE_HINT))
        label_width = (
            max(
                self.fontMetrics().horizontalAdvance(t)
                for t in (
                    T.PERIOD_CONVENTION,
                    T.REPORT_DEADLINE,
                    T.BACKUP_DIR,
                    T.IDLE_LOCK,
                    T.FONT_SIZE,
                )
            )
            + 12
        )
        for form in (f1, f2, f3):
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                if item is not None and item.widget() is not None:
                    item.widget().setMinimumWidth(label_width)

        self.fields = {
            "unit_deadline_day": self.unit_day,
            "report_deadline_day": self.report_day,
            settings_service.IDLE_LOCK_MINUTES: self.idle,
            settings_service.BACKUP_DIR: self.backup_dir,
        }
        self.error = ErrorLabel()
        self.save_button = QPushButton(T.SETTINGS_SAVE)
        self.save_button.clicked.connect(self.save)
        bar = QHBoxLayout()
        bar.addWidget(self.save_button)
        bar.addStretch(1)

        title = QLabel(T.SETTINGS_TITLE)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 0, 0)
        if not self.editable:
            inner.addWidget(muted_label(T.SETTINGS_READ_ONLY))
        inner.addWidget(period)
        inner.addWidget(safety)
        inner.addWidget(display)
        inner.addWidget(self.error)
        inner.addLayout(bar)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addWidget(scroll, 1)

        for w in (self.convention,):
            w.currentIndexChanged.connect(self._changed)
        for spin in (self.unit_day, self.report_day, self.idle):
            spin.valueChanged.connect(self._changed)
        self.backup_dir.textChanged.connect(self._changed)
        for w in (
            self.convention,
            self.unit_day,
            self.report_day,
            self.idle,
            self.backup_dir,
            self.backup_choose,
            self.backup_reset,
        ):
            w.setEnabled(self.editable)
        self.save_button.setVisible(self.editable)
        self.load()

    # -- state ------------------------------------------------------------------
    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.dirty = True
            self.save_button.setEnabled(True)

    def load(self) -> None:
        self._loading = True
        try:
            with self.ctx.db.session() as s:
                commune = catalog_service.local_commune(s)
                idle = settings_service.idle_lock_minutes(s)
                folder = settings_service.backup_folder(s)
            if commune is not None:
                self.convention.setCurrentIndex(
                    self.convention.findData(commune.period_convention.value)
                )
                self.unit_day.setValue(commune.unit_deadline_day)
                self.report_day.setValue(commune.report_deadline_day)
            self.idle.setValue(idle)
            self.backup_dir.setText(str(folder) if folder else "")
        finally:
            self._loading = False
        self.dirty = False
        self.error.clear_message()
        self.save_button.setEnabled(False)

    def activate(self) -> None:
        if not self.dirty:
            self.load()

    def _choose_backup_dir(self) -> None:
        chosen = dialogs.ask_directory(self, directory=self.backup_dir.text() or None)
        if chosen is not None:
            self.backup_dir.setText(str(chosen))

    def _font_size_changed(self, points: int) -> None:
        """Font size applies at once and is kept for this computer."""
        settings = ui_settings()
        settings.setValue(self._app.KEY_FONT_PT, points)
        settings.sync()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self._app.apply_font_size(app, points)

    # -- saving -------------------------------------------------------------------
    def save(self) -> bool:
        if not self.editable:
            return False
        try:
            with self.ctx.transaction() as s:
                commune = catalog_service.local_commune(s)
                if commune is not None:
                    agency = replace(
                        catalog_service.agency_of(commune),
                        period_convention=PeriodConvention(self.convention.currentData()),
                        unit_deadline_day=self.unit_day.value(),
                        report_deadline_day=self.report_day.value(),
                    )
                    catalog_service.update_commune_info(s, agency)
                settings_service.set_idle_lock_minutes(s, self.idle.value())
                settings_service.set_backup_folder(s, self.backup_dir.text() or None)
        except AppError as exc:
            self.error.show_message(exc.message)
            widget = self.fields.get(getattr(exc, "field", None) or "")
            if widget is not None:
                widget.setFocus()
            return False
        self.load()
        self.ctx.reload_commune()
        self.ctx.notify("settings")
        show = getattr(self.window(), "show_message", None)
        if callable(show):
            show(T.SETTINGS_SAVED)
        return True

    def can_leave(self) -> bool:
        if not self.dirty:
            return True
        box = dialogs.message_box(
            self,
            icon=QMessageBox.Icon.Question,
            title=C.UNSAVED_TITLE,
            text=T.SETTINGS_UNSAVED,
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
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.load()
            return True
        return False
