"""Tests of models.services.indicator_view (the Chỉ tiêu page's data)."""

from __future__ import annotations

import pytest
from cycle_data import Small, build_small

from models.enums import Evaluation
from models.schema import IndicatorValue
from models.services.indicator_view import indicator_history, indicator_table
from models.services.periods import get_period


@pytest.fixture
def small(db: object) -> Small:
    small = build_small(db)
    with db.transaction() as s:
        s.add_all([
            IndicatorValue(indicator_id=small.indicators["1"],
                           period_id=small.periods["2026-10"], value=100.0),
            IndicatorValue(indicator_id=small.indicators["2"],
                           period_id=small.periods["2026-10"], yes=False),
        ])
    return small


def test_table_has_targets_value_and_evaluation(db, small):
    with db.session() as s:
        rows = {r.code: r for r in indicator_table(s, period=get_period(s, "2026-10"))}
    i1 = rows["1"]
    assert i1.targets == {2025: "≥70%", 2030: "100%"}
    assert (i1.target_year, i1.target_text) == (2030, "100%")
    assert (i1.value_text, i1.previous_text, i1.evaluation) == ("100", "60", Evaluation.ACHIEVED)
    assert (rows["2"].yes_no, rows["2"].value_text) == (True, "Không")
    assert rows["2"].evaluation is Evaluation.NOT_ACHIEVED
    assert rows["3"].value_text == "" and rows["3"].evaluation is None
    assert "phong van hoa - xa hoi" in i1.search_key


def test_history_evaluates_each_period_against_its_target(db, small):
    with db.session() as s:
        hist = indicator_history(s, small.indicators["1"])
    assert [(p.period_code, p.value, p.target_text, p.evaluation) for p in hist.points] == [
        ("2026-09", 60.0, "100%", Evaluation.NOT_ACHIEVED),
        ("2026-10", 100.0, "100%", Evaluation.ACHIEVED),
    ]
