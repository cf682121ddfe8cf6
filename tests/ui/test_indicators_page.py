"""The Chỉ tiêu page: targets per milestone year, coloured evaluation, history."""

from __future__ import annotations

from cycle_ui import make_ctx
from PySide6.QtCharts import QLineSeries
from PySide6.QtCore import Qt

from ui.models.common import EVALUATION_COLORS
from ui.pages.indicators import IndicatorsPage


def test_table_filters_and_history(demo_db, qtbot):
    page = IndicatorsPage(make_ctx(demo_db, "tonghop", "2026-10"))
    qtbot.addWidget(page)
    page.show()
    page.activate()
    m = page.model
    assert page.count_label.text() == "Hiển thị 38/38 chỉ tiêu"
    assert [m.headerData(m.column_of(f"y{y}"), Qt.Orientation.Horizontal)
            for y in m.years] == [str(y) for y in m.years]
    assert 2030 in m.years
    # Evaluation cells are coloured by their meaning.
    ev_col = m.column_of("evaluation")
    for row in range(m.rowCount()):
        r = m.row(row)
        cell = m.index(row, ev_col)
        if r.evaluation is None:
            assert cell.data() == ""
            continue
        assert cell.data() in ("Đạt", "Chưa đạt", "Vượt")
        fg, bg = EVALUATION_COLORS[r.evaluation]
        assert cell.data(Qt.ItemDataRole.BackgroundRole).color().name() == bg
    # Filter by evaluation, then search without diacritics.
    page.eval_combo.setCurrentIndex(page.eval_combo.findText("Chưa đạt"))
    shown = [page.proxy.index(r, ev_col).data() for r in range(page.proxy.rowCount())]
    assert shown and set(shown) == {"Chưa đạt"}
    page.eval_combo.setCurrentIndex(0)
    page.search.setText("ty le ho so")
    page.search.flush()
    names = [page.proxy.index(r, m.column_of("name")).data()
             for r in range(page.proxy.rowCount())]
    assert names and all("tỷ lệ hồ sơ" in n.lower() for n in names)
    # The selected indicator's history: one line per period, a chart with the target.
    page.search.clear()
    page.search.flush()
    numeric = next(r for r in m.rows() if not r.yes_no and r.value is not None)
    assert page.select_indicator(numeric.id)
    assert page.detail.heading.text() == f"{numeric.code}. {numeric.name}"
    hist = page.detail.history_model
    assert hist.rowCount() > 1
    assert hist.index(0, 0).data() == "10/2026"  # newest first
    assert hist.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "Tháng 10/2026"
    assert hist.index(0, 1).data() == numeric.value_text
    lines = [s for s in page.detail.chart.series() if isinstance(s, QLineSeries)]
    assert [s.name() for s in lines] == ["Kết quả", "Chỉ tiêu"]
    assert lines[0].count() == hist.rowCount()
