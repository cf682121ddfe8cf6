"""The Tổng quan page: where the plan stands for the working period.

Status count cards, a chart of progress over the months, indicators
achieved vs not, overdue tasks and deadlines in the next 30 days. The
figures come from ``models.services.overview`` in the background worker.
UI thread only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QChart,
    QChartView,
    QLineSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from models.enums import Role, TaskStatus
from models.errors import NotFoundError
from models.schema import Indicator, Task, Unit
from models.services.overview import Overview, overview
from models.texts import label
from ui.columns import size_columns
from ui.context import AppContext
from ui.models.common import STATUS_COLORS, fmt_date
from ui.models.deadline_list import DeadlineListModel
from ui.texts import overview as T
from ui.widgets import BusyOverlay, setup_table


@dataclass
class _Loaded:
    data: Overview | None
    units: list[tuple[int, str]]


def load_overview(db: Any, period_code: str, unit_id: int | None) -> _Loaded:
    """Worker: the overview of the period (None when the period has no data)."""
    with db.session() as s:
        leads = set(s.scalars(select(Task.lead_unit_id).distinct())) | set(
            s.scalars(select(Indicator.lead_unit_id).distinct())
        )
        units = [
            (u.id, u.name)
            for u in s.scalars(select(Unit).order_by(Unit.sort_order, Unit.name))
            if u.id in leads
        ]
        try:
            data = overview(s, period_code, unit_id=unit_id)
        except NotFoundError:
            data = None
    return _Loaded(data, units)


class StatusCard(QFrame):
    """A coloured card: a big number over a status label."""

    def __init__(self, status: TaskStatus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        fg, bg = STATUS_COLORS[status]
        self.setObjectName("card")
        self.setStyleSheet(
            f"QFrame#card {{ background: {bg}; border: 1px solid {fg}33; border-radius: 6px; }}"
            f" QLabel {{ color: {fg}; background: transparent; }}"
        )
        self.number = QLabel("–")
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.number.setFont(font)
        self.caption = QLabel(label(status))
        self.caption.setWordWrap(True)
        self.setToolTip(T.CARD_TIP.format(status=label(status)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_count(self, count: int | None) -> None:
        self.number.setText("–" if count is None else str(count))


def _month_year(code: str) -> str:
    """"10/2026" for the monthly period code "2026-10"."""
    year, month = code.split("-")
    return f"{int(month)}/{year}"


def _section_title(text: str) -> QLabel:
    lab = QLabel(text)
    font = lab.font()
    font.setBold(True)
    lab.setFont(font)
    return lab


class OverviewPage(QWidget):
    """Tổng quan of the working period (whole commune or one unit)."""

    EVAL_COLORS = {
        "exceeded": "#0b8a7d",
        "achieved": "#2e9d4f",
        "not_achieved": "#c0392b",
        "none": "#b7b7b7",
    }

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        self.data: Overview | None = None

        self.heading = QLabel("")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.as_of = QLabel("")
        self.as_of.setStyleSheet("color: #4a4a4a;")
        self.scope = QComboBox()
        self.scope.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.scope.setMinimumContentsLength(28)
        self.scope.addItem(T.SCOPE_ALL, None)
        self.scope.currentIndexChanged.connect(lambda _i: self.reload())
        self.notice = QLabel("")
        self.notice.setStyleSheet("color: #6b4a00;")
        self.notice.hide()

        self.cards = {status: StatusCard(status) for status in TaskStatus}
        self.total_label = QLabel("")

        # Progress chart
        self.chart = QChart()
        self.chart.setTitle(T.CHART_TITLE)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.setBackgroundRoundness(4)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(280)
        self.chart_view.setToolTip(
            T.CHART_TIP.format(done=T.SERIES_DONE, mean=T.SERIES_MEAN)
        )

        # Indicators donut
        self.pie_chart = QChart()
        self.pie_chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self.pie_chart.setMargins(QMargins(2, 2, 2, 2))
        self.pie_view = QChartView(self.pie_chart)
        self.pie_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.pie_view.setMinimumHeight(180)
        self.indicators_title = _section_title("")
        self.not_achieved = QLabel("")
        self.not_achieved.setWordWrap(True)
        self.not_achieved.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.not_achieved.setStyleSheet("color: #5a1a1a;")

        # Lists
        self.overdue_model = DeadlineListModel(overdue=True, parent=self)
        self.upcoming_model = DeadlineListModel(overdue=False, parent=self)
        self.overdue_title = _section_title("")
        self.upcoming_title = _section_title("")
        self.overdue_view = self._list_view(self.overdue_model)
        self.upcoming_view = self._list_view(self.upcoming_model)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.as_of)
        top.addLayout(titles, 1)
        top.addWidget(QLabel(T.SCOPE), 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.scope, 0, Qt.AlignmentFlag.AlignTop)
        cards = QHBoxLayout()
        for card in self.cards.values():
            cards.addWidget(card)
        ind_box = QVBoxLayout()
        ind_box.addWidget(self.indicators_title)
        ind_box.addWidget(self.pie_view, 1)
        ind_box.addWidget(self.not_achieved)
        grid = QGridLayout()
        grid.addWidget(self.chart_view, 0, 0)
        grid.addLayout(ind_box, 0, 1)
        lists = QGridLayout()
        lists.addWidget(self.overdue_title, 0, 0)
        lists.addWidget(self.upcoming_title, 0, 1)
        lists.addWidget(self.overdue_view, 1, 0)
        lists.addWidget(self.upcoming_view, 1, 1)
        grid.addLayout(lists, 1, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)

        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(cards)
        inner.addWidget(self.total_label)
        inner.addLayout(grid, 1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(scroll, 1)
        self.busy = BusyOverlay(self, T.LOADING)

        ctx.period_changed.connect(self._on_changed)
        ctx.data_changed.connect(lambda _area: self._on_changed())

    def _list_view(self, model: DeadlineListModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        setup_table(view)
        view.setSortingEnabled(False)
        view.setMinimumHeight(view.verticalHeader().defaultSectionSize() * 6)
        size_columns(view, {0: 4, 2: 10, 3: 8}, stretch=1)
        return view

    # -- page protocol ------------------------------------------------------------------
    def activate(self) -> None:
        if self._stale:
            self.reload()

    def can_leave(self) -> bool:
        return True

    def focus_search(self) -> None:
        self.scope.setFocus()


    def _on_changed(self, *_a: Any) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    # -- loading ----------------------------------------------------------------------------
    def reload(self) -> None:
        self._stale = False
        db, code = self.ctx.db, self.ctx.period_code
        unit_id = self.scope.currentData()
        if self.scope.count() == 1 and self.ctx.role is Role.UNIT_STAFF:
            unit_id = self.ctx.unit_id
        self.busy.run(lambda: load_overview(db, code, unit_id), owner=self,
                      on_done=lambda loaded: self._loaded(loaded, unit_id))

    def _loaded(self, loaded: _Loaded, unit_id: int | None) -> None:
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem(T.SCOPE_ALL, None)
        for uid, name in loaded.units:
            self.scope.addItem(name, uid)
        self.scope.setCurrentIndex(max(self.scope.findData(unit_id), 0))
        self.scope.blockSignals(False)
        self.show_overview(loaded.data)

    def show_overview(self, data: Overview | None) -> None:
        self.data = data
        period = self.ctx.period_label
        self.heading.setText(T.HEADING.format(period=period))
        if data is None:
            self.notice.setText(T.NO_PERIOD.format(period=period))
            self.notice.show()
            self.as_of.setText("")
            for card in self.cards.values():
                card.set_count(None)
            self.total_label.setText("")
            self.overdue_model.set_rows([])
            self.upcoming_model.set_rows([])
            self._fill_chart([])
            self._fill_pie(None)
            self.overdue_title.setText(T.OVERDUE_TITLE.format(count=0))
            self.upcoming_title.setText(T.UPCOMING_TITLE.format(count=0))
            return
        self.notice.hide()
        self.as_of.setText(T.AS_OF.format(date=fmt_date(data.reference_day)))
        for status, card in self.cards.items():
            card.set_count(data.counts[status])
        self.total_label.setText(T.TASKS_TOTAL.format(count=data.tasks_total))
        self.overdue_model.set_rows(data.overdue)
        self.upcoming_model.set_rows(data.upcoming)
        self.overdue_title.setText(T.OVERDUE_TITLE.format(count=len(data.overdue)))
        self.upcoming_title.setText(T.UPCOMING_TITLE.format(count=len(data.upcoming)))
        self._fill_chart(data.progress)
        self._fill_pie(data)

    def _fill_chart(self, points: list[Any]) -> None:
        chart = self.chart
        chart.removeAllSeries()
        for axis in list(chart.axes()):
            chart.removeAxis(axis)
        if not points:
            chart.setTitle(f"{T.CHART_TITLE}\n{T.CHART_EMPTY}")
            return
        chart.setTitle(T.CHART_TITLE)
        done = QLineSeries()
        done.setName(T.SERIES_DONE)
        mean = QLineSeries()
        mean.setName(T.SERIES_MEAN)
        for i, p in enumerate(points):
            done.append(float(i), p.done_share)
            mean.append(float(i), p.mean_percent)
        for series, color in ((done, "#2e7d32"), (mean, "#1f5fa8")):
            pen = QPen(QColor(color))
            pen.setWidth(3)
            series.setPen(pen)
            series.setPointsVisible(True)
            chart.addSeries(series)
        # Month numbers under the points, the span in the axis title: a year
        # of months stays readable in a narrow window.
        x_axis = QBarCategoryAxis()
        x_axis.append([str(int(p.period_code.split("-")[1])) for p in points])
        x_axis.setTitleText(
            T.AXIS_MONTHS.format(
                first=_month_year(points[0].period_code), last=_month_year(points[-1].period_code)
            )
        )
        y_axis = QValueAxis()
        y_axis.setRange(0, 100)
        y_axis.setTickCount(6)
        y_axis.setLabelFormat("%d")
        y_axis.setTitleText(T.AXIS_PERCENT)
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.9)
        x_axis.setLabelsFont(small)
        y_axis.setLabelsFont(small)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in (done, mean):
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)

    def _fill_pie(self, data: Overview | None) -> None:
        chart = self.pie_chart
        chart.removeAllSeries()
        if data is None or not data.indicators_total:
            self.indicators_title.setText(T.INDICATORS_EMPTY)
            self.not_achieved.setText("")
            return
        self.indicators_title.setText(
            T.INDICATORS_TITLE.format(achieved=data.achieved_total, total=data.indicators_total)
        )
        pie = QPieSeries()
        pie.setHoleSize(0.45)
        for key, text, n in (
            ("exceeded", T.SLICE_EXCEEDED, data.indicators_exceeded),
            ("achieved", T.SLICE_ACHIEVED, data.indicators_achieved),
            ("not_achieved", T.SLICE_NOT_ACHIEVED, data.indicators_not_achieved),
            ("none", T.SLICE_NONE, data.indicators_not_evaluated),
        ):
            if n:
                piece = pie.append(text.format(n=n), float(n))
                piece.setColor(QColor(self.EVAL_COLORS[key]))
                piece.setBorderColor(QColor("#ffffff"))
        chart.addSeries(pie)
        names = data.not_achieved_names
        if names:
            shown = names[:3]
            more = f"\n… (+{len(names) - 3})" if len(names) > 3 else ""
            self.not_achieved.setText(
                T.NOT_ACHIEVED_LIST + "\n" + "\n".join(f"• {n}" for n in shown) + more
            )
        else:
            self.not_achieved.setText("")

    # Used by tests and screenshots.
    def card_count(self, status: TaskStatus) -> str:
        return self.cards[status].number.text()
