"""The Tổng quan page shows the figures of the overview service."""

from __future__ import annotations

import datetime as dt

from cycle_ui import make_ctx, unit_id
from PySide6.QtCharts import QLineSeries, QPieSeries
from sqlalchemy import select

from models.enums import TaskStatus
from models.schema import Period
from models.services.status import status_counts, task_states
from ui.pages.overview import OverviewPage


def test_cards_chart_lists_follow_the_data(demo_db, qtbot):
    page = OverviewPage(make_ctx(demo_db, "tonghop", "2026-10"))
    qtbot.addWidget(page)
    page.show()
    page.activate()
    with demo_db.session() as s:
        period = s.scalar(select(Period).where(Period.code == "2026-10"))
        counts = status_counts(task_states(s, period))
        months = len(s.scalars(select(Period).where(
            Period.kind == "month", Period.end_date <= period.end_date)).all())
    assert page.heading.text() == "Tổng quan: Tháng 10/2026"
    assert page.as_of.text() == "Tình trạng nhiệm vụ tính đến hết ngày 31/10/2026"
    for status in TaskStatus:
        assert page.card_count(status) == str(counts[status])
    assert page.total_label.text() == f"Tổng số nhiệm vụ: {sum(counts.values())}"
    # Two lines, one point per month up to October (at most 12).
    lines = [s for s in page.chart.series() if isinstance(s, QLineSeries)]
    assert [s.name() for s in lines] == ["Tỷ lệ đã hoàn thành", "Mức hoàn thành bình quân"]
    assert all(s.count() == min(months, 12) for s in lines)
    done_share = page.data.progress[-1].done_share
    assert lines[0].at(lines[0].count() - 1).y() == done_share
    # Indicators: the slices add up to every indicator of the plan.
    pie = next(s for s in page.pie_chart.series() if isinstance(s, QPieSeries))
    assert sum(int(sl.value()) for sl in pie.slices()) == page.data.indicators_total == 38
    assert page.indicators_title.text() == (
        f"Chỉ tiêu kỳ này: {page.data.achieved_total}/38 đạt hoặc vượt")
    # Overdue list: what the service found, the longest overdue first.
    rows = page.overdue_model.rows()
    assert page.overdue_title.text() == f"Nhiệm vụ quá hạn ({len(rows)})"
    assert rows and [r.days for r in rows] == sorted((r.days for r in rows), reverse=True)
    overdue_cards = counts[TaskStatus.IN_PROGRESS_OVERDUE]
    assert len(rows) >= overdue_cards


def test_scope_narrows_to_one_unit(demo_db, qtbot):
    page = OverviewPage(make_ctx(demo_db, "tonghop", "2026-10"))
    qtbot.addWidget(page)
    page.show()
    page.activate()
    whole = page.data.tasks_total
    page.scope.setCurrentIndex(page.scope.findData(unit_id(demo_db, "KT")))
    assert page.scope.currentText() == "Phòng Kinh tế"
    assert page.data.tasks_total < whole
    assert {r.lead_unit_name for r in page.overdue_model.rows()} <= {"Phòng Kinh tế"}


def test_unit_staff_start_with_their_unit(demo_db, qtbot):
    page = OverviewPage(make_ctx(demo_db, "vhxh", "2026-11"))
    qtbot.addWidget(page)
    page.show()
    page.activate()
    assert page.scope.currentText() == "Phòng Văn hóa - Xã hội"
    # A running month is shown as of today, never past its end.
    today = dt.date.today()
    expected = min(max(today, dt.date(2026, 11, 1)), dt.date(2026, 11, 30))
    assert page.data.reference_day == expected
    assert page.as_of.text() == (
        f"Tình trạng nhiệm vụ tính đến hết ngày {expected.strftime('%d/%m/%Y')}")
    assert page.data.tasks_total == 21
