"""The Chỉ tiêu page: the plan's indicators with their targets per milestone
year, the value of the working period with its evaluation (Đạt / Chưa đạt /
Vượt, coloured), and the history of the selected indicator with a small
line chart. Values are entered in the unit update form, not here.
UI thread only; loading runs in the worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDateTime, QMargins, QModelIndex, Qt, QTime
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from models.enums import Evaluation
from models.numbers import format_number
from models.schema import Period
from models.services.indicator_view import (
    IndicatorHistory,
    IndicatorView,
    indicator_history,
    indicator_table,
)
from models.texts import label
from ui import dialogs
from ui.columns import size_columns
from ui.context import AppContext
from ui.models.indicator_history import IndicatorHistoryModel
from ui.models.indicator_table import (
    NOT_EVALUATED,
    IndicatorFilter,
    IndicatorFilterProxy,
    IndicatorTableModel,
)
from ui.texts import indicators as T
from ui.widgets import BusyOverlay, SearchLineEdit, setup_table
from ui.worker import error_message, run_in_background


@dataclass
class _Loaded:
    rows: list[IndicatorView]


def load_indicators(db: Any, period_code: str) -> _Loaded:
    """Worker: every indicator with the value of ``period_code`` (if it exists)."""
    with db.session() as s:
        period = s.scalar(select(Period).where(Period.code == period_code))
        return _Loaded(indicator_table(s, period=period))


class IndicatorDetail(QWidget):
    """Right-hand pane: the selected indicator and its history."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(T.DETAIL_EMPTY)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.form.setVerticalSpacing(2)
        self.fields: dict[str, QLabel] = {}
        for key, text in (
            ("group", T.DETAIL_GROUP),
            ("lead", T.DETAIL_LEAD),
            ("others", T.DETAIL_OTHERS),
            ("measure", T.DETAIL_MEASURE),
            ("target", T.DETAIL_TARGET),
            ("targets", T.DETAIL_TARGETS),
            ("baseline", T.DETAIL_BASELINE),
            ("value", T.DETAIL_VALUE),
        ):
            field = QLabel()
            field.setWordWrap(True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = field
            caption = QLabel(text + ":")
            caption.setStyleSheet("color: #5a5a5a;")
            self.form.addRow(caption, field)
        self.history_title = QLabel(f"<b>{T.DETAIL_HISTORY}</b>")
        self.chart = QChart()
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.setMargins(QMargins(2, 2, 2, 2))
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(200)
        self.history_model = IndicatorHistoryModel(self)
        self.history = QTableView()
        self.history.setModel(self.history_model)
        setup_table(self.history)
        self.history.setSortingEnabled(False)
        self.history.setMinimumHeight(120)
        size_columns(self.history, {1: 6, 2: 6, 3: 8}, stretch=0)
        self.no_history = QLabel(T.DETAIL_NO_HISTORY)
        self.no_history.setStyleSheet("color: #6b6b6b;")

        info = QWidget()
        info_layout = QVBoxLayout(info)
        info_layout.setContentsMargins(0, 0, 0, 0)
        info_layout.addWidget(self.heading)
        info_layout.addLayout(self.form)
        info_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(info)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        right = QVBoxLayout()
        right.addWidget(self.history_title)
        right.addWidget(self.history, 1)
        right.addWidget(self.no_history)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 4, 0, 0)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for widget in (scroll, self.chart_view):
            widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        right_box = QWidget()
        right_box.setLayout(right)
        right_box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        right.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 3)
        outer.addWidget(self.chart_view, 3)
        outer.addWidget(right_box, 4)
        self.show_indicator(None, None)

    def _set(self, key: str, text: str) -> None:
        self.fields[key].setText(text)
        self.form.setRowVisible(self.fields[key], bool(text))

    def show_indicator(self, row: IndicatorView | None, history: IndicatorHistory | None) -> None:
        visible = row is not None
        for w in (self.history_title, self.history):
            w.setVisible(visible)
        self.no_history.setVisible(False)
        if row is None:
            self.heading.setText(T.DETAIL_EMPTY)
            for key in self.fields:
                self._set(key, "")
            self.history_model.set_points([], yes_no=False)
            self.chart.removeAllSeries()
            return
        self.heading.setText(f"{row.code}. {row.name}")
        self._set("group", row.group_name)
        self._set("lead", row.lead_unit_name or T.NONE)
        self._set("others", ", ".join(row.other_unit_names))
        self._set("measure", row.unit_label or label(row.measure_unit))
        self._set(
            "target",
            T.TARGET_TEXT.format(target=row.target_text, year=row.target_year)
            if row.target_year
            else T.NONE,
        )
        self._set("targets", " · ".join(f"{y}: {t}" for y, t in sorted(row.targets.items())))
        if row.baseline is not None:
            base = format_number(row.baseline)
            self._set(
                "baseline",
                T.DETAIL_BASELINE_YEAR.format(value=base, year=row.baseline_year)
                if row.baseline_year
                else base,
            )
        else:
            self._set("baseline", "")
        value = row.value_text
        if value and row.evaluation is not None:
            value = f"{value} — {label(row.evaluation)}"
        self._set("value", value or T.NONE)
        points = history.points if history is not None else []
        self.history_model.set_points(points, yes_no=row.yes_no)
        self.history.setVisible(bool(points))
        self.no_history.setVisible(not points)
        self._fill_chart(row, points)

    def _fill_chart(self, row: IndicatorView, points: list[Any]) -> None:
        chart = self.chart
        chart.removeAllSeries()
        for axis in list(chart.axes()):
            chart.removeAxis(axis)
        numeric = [p for p in points if p.value is not None]
        if not numeric or row.yes_no:
            chart.setTitle("")
            return
        chart.setTitle(T.CHART_TITLE.format(code=row.code))
        values = QLineSeries()
        values.setName(T.CHART_VALUE)
        target = QLineSeries()
        target.setName(T.CHART_TARGET)

        def ms(day: Any) -> float:
            return float(QDateTime(day, QTime(12, 0)).toMSecsSinceEpoch())

        top = 0.0
        for p in numeric:
            values.append(ms(p.period_end), p.value)
            top = max(top, p.value)
            if p.target_value is not None:
                target.append(ms(p.period_end), p.target_value)
                top = max(top, p.target_value)
        pen = QPen(QColor("#1f5fa8"))
        pen.setWidth(3)
        values.setPen(pen)
        values.setPointsVisible(True)
        tpen = QPen(QColor("#c0392b"))
        tpen.setWidth(2)
        tpen.setStyle(Qt.PenStyle.DashLine)
        target.setPen(tpen)
        chart.addSeries(values)
        if target.count():
            chart.addSeries(target)
        x_axis = QDateTimeAxis()
        x_axis.setFormat("MM/yy")
        x_axis.setTickCount(min(max(len(numeric), 2), 5))
        y_axis = QValueAxis()
        y_axis.setRange(0, top * 1.1 if top > 0 else 1)
        y_axis.applyNiceNumbers()
        y_axis.setLabelFormat("%g")
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        x_axis.setLabelsFont(small)
        y_axis.setLabelsFont(small)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in chart.series():
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)


class IndicatorsPage(QWidget):
    """Chỉ tiêu: targets, the period's values and evaluations, history."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        self._generation = 0

        self.model = IndicatorTableModel(self)
        self.proxy = IndicatorFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = SearchLineEdit(self, placeholder=T.SEARCH_PLACEHOLDER, delay_ms=150)
        self.search.search_changed.connect(lambda _t: self.apply_filter())
        self.unit_combo = QComboBox()
        self.unit_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.unit_combo.setMinimumContentsLength(14)
        self.eval_combo = QComboBox()
        self.eval_combo.addItem(T.ALL_EVALUATIONS, None)
        for ev in (Evaluation.EXCEEDED, Evaluation.ACHIEVED, Evaluation.NOT_ACHIEVED):
            self.eval_combo.addItem(label(ev), ev.value)
        self.eval_combo.addItem(T.NOT_EVALUATED, NOT_EVALUATED)
        for combo in (self.unit_combo, self.eval_combo):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.count_label = QLabel("")
        self.count_label.setStyleSheet("color: #4a4a4a;")
        self.values_of = QLabel("")
        self.values_of.setStyleSheet("color: #4a4a4a;")

        self.table = QTableView()
        self.table.setModel(self.proxy)
        setup_table(self.table)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.detail = IndicatorDetail(self)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([5800, 4200])

        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(QLabel(T.FILTER_UNIT))
        bar.addWidget(self.unit_combo, 2)
        bar.addWidget(QLabel(T.FILTER_EVALUATION))
        bar.addWidget(self.eval_combo, 1)
        info = QHBoxLayout()
        info.addWidget(self.count_label)
        info.addStretch(1)
        info.addWidget(self.values_of)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(info)
        layout.addWidget(self.splitter, 1)
        self.busy = BusyOverlay(self.table, T.LOADING)
        self.setTabOrder(self.search, self.unit_combo)
        self.setTabOrder(self.unit_combo, self.eval_combo)
        self.setTabOrder(self.eval_combo, self.table)

        ctx.period_changed.connect(self._on_changed)
        ctx.data_changed.connect(self._on_data_changed)

    # -- page protocol ------------------------------------------------------------------
    def activate(self) -> None:
        if self._stale:
            self.reload()

    def can_leave(self) -> bool:
        return True

    def focus_search(self) -> None:
        self.search.focus_and_select()


    def _on_changed(self, *_a: Any) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def _on_data_changed(self, area: str) -> None:
        if area in ("updates", "indicators", "units", "catalog", "plan", "periods"):
            self._on_changed()

    # -- loading ----------------------------------------------------------------------------
    def reload(self) -> None:
        self._stale = False
        db, code = self.ctx.db, self.ctx.period_code
        self.busy.run(lambda: load_indicators(db, code), owner=self, on_done=self._loaded)

    def _failed(self, exc: BaseException) -> None:
        dialogs.error(self, error_message(exc))

    def _loaded(self, loaded: _Loaded) -> None:
        keep = self.current_row()
        self.model.set_rows(loaded.rows)
        unit_id = self.unit_combo.currentData()
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        self.unit_combo.addItem(T.ALL_UNITS, None)
        seen: dict[int, str] = {}
        for r in loaded.rows:
            if r.lead_unit_id is not None:
                seen.setdefault(r.lead_unit_id, r.lead_unit_name)
        for uid, name in seen.items():
            self.unit_combo.addItem(name, uid)
        self.unit_combo.setCurrentIndex(max(self.unit_combo.findData(unit_id), 0))
        self.unit_combo.blockSignals(False)
        widths = {self.model.column_of("code"): 5, self.model.column_of("measure"): 8,
                  self.model.column_of("value"): 8, self.model.column_of("evaluation"): 8}
        for y in self.model.years:
            widths[self.model.column_of(f"y{y}")] = 7
        size_columns(self.table, widths, stretch=self.model.column_of("name"))
        self.values_of.setText(T.VALUES_OF.format(period=self.ctx.period_label))
        self.apply_filter()
        if keep is not None:
            self.select_indicator(keep.id)
        elif self.proxy.rowCount():
            self.table.selectRow(0)

    # -- filtering and selection ---------------------------------------------------------------
    def apply_filter(self) -> None:
        self.proxy.set_filter(
            IndicatorFilter(
                text=self.search.text(),
                unit_id=self.unit_combo.currentData(),
                evaluation=self.eval_combo.currentData(),
            )
        )
        self.count_label.setText(
            T.COUNT.format(shown=self.proxy.rowCount(), total=self.model.rowCount())
        )

    def current_row(self) -> IndicatorView | None:
        idx = self.table.currentIndex()
        if not idx.isValid():
            return None
        return self.model.row(self.proxy.mapToSource(idx).row())

    def select_indicator(self, indicator_id: int) -> bool:
        idx = self.proxy.mapFromSource(self.model.index_of(indicator_id))
        if not idx.isValid():
            return False
        self.table.selectRow(idx.row())
        self.table.scrollTo(idx)
        return True

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.current_row()
        if row is None:
            self.detail.show_indicator(None, None)
            return
        self._generation += 1
        generation = self._generation
        db = self.ctx.db

        def load(_c: Any) -> IndicatorHistory:
            with db.session() as s:
                return indicator_history(s, row.id)

        def done(history: IndicatorHistory) -> None:
            if generation == self._generation:
                self.detail.show_indicator(row, history)

        run_in_background(load, on_done=done, on_error=self._failed, parent=self,
                          show_progress=False)
