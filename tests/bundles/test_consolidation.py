"""End to end: three demo communes of Hải Phòng exported, imported, consolidated.

The consolidated numbers are checked against each commune's own numbers
(status counts and indicator values computed in the commune databases), on
SQLite and, when a server is configured, on PostgreSQL.
"""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

import pytest

from models.audit import Actor
from models.bundle.import_ import Outcome, import_bundles
from models.bundle.scope import Scope
from models.db import Database
from models.enums import MeasureUnit, TaskStatus
from models.services import consolidation as cons

ACTOR = Actor(user_id=None, username="sở khcn")
E2E_PERIOD = "2026-10"  # the period conftest.e2e_exports exports
CommuneExport = Any  # conftest.CommuneExport


@pytest.fixture
def province(upper_db: Database, e2e_exports: list[CommuneExport]) -> Database:
    results = import_bundles(upper_db, [e.bundle for e in e2e_exports], scope=Scope(31), actor=ACTOR)
    assert [r.outcome for r in results] == [Outcome.NEW] * 3
    return upper_db


def test_submissions_list_every_official_commune_with_on_time_and_late(
    province: Database, e2e_exports: list[CommuneExport]
) -> None:
    with province.session() as s:
        rows, summary = cons.submissions(s, period_code=E2E_PERIOD, province_code=31)
    assert summary.deadline.isoformat() == "2026-11-18"
    assert (summary.total, summary.submitted, summary.on_time, summary.late) == (114, 3, 2, 1)
    assert summary.missing == 111
    by_code = {r.commune_code: r for r in rows}
    assert len(by_code) == 114  # the official list of Hải Phòng
    assert by_code[10993].on_time is True
    assert by_code[11560].on_time is True  # 23:30 on the deadline day, Vietnam time
    assert by_code[11311].on_time is False  # 00:30 the day after
    missing = [r for r in rows if not r.submitted]
    assert all(r.on_time is None and r.bundles == 0 for r in missing)


def test_deadline_day_is_configurable(province: Database) -> None:
    with province.transaction() as s:
        cons.set_deadline_day(s, 20)
    with province.session() as s:
        _, summary = cons.submissions(s, period_code=E2E_PERIOD, province_code=31)
    assert summary.deadline.isoformat() == "2026-11-20"
    assert (summary.on_time, summary.late) == (3, 0)


def test_status_distribution_matches_each_communes_own_counts(
    province: Database, e2e_exports: list[CommuneExport]
) -> None:
    with province.session() as s:
        rows = cons.status_distribution(s, period_code=E2E_PERIOD, province_code=31)
    assert [r.code for r in rows] == sorted(e.code for e in e2e_exports)
    own = {e.code: e.status_counts for e in e2e_exports}
    for row in rows:
        assert {k.value: v for k, v in row.counts.items()} == own[row.code]
    total = cons.status_totals(rows)
    for status in TaskStatus:
        assert total.counts[status] == sum(e.status_counts[status.value] for e in e2e_exports)


def test_indicator_totals_follow_the_unit_of_measure(
    province: Database, e2e_exports: list[CommuneExport]
) -> None:
    with province.session() as s:
        table = cons.indicator_summary(s, period_code=E2E_PERIOD, province_code=31)
    codes = list(e2e_exports[0].indicators)
    assert [a.code for a in table] == codes  # the plan's order
    seen_units = set()
    for agg in table:
        values = [e.indicators[agg.code] for e in e2e_exports]
        numbers = [v["value"] for v in values if v["value"] is not None]
        seen_units.add(agg.measure_unit)
        assert agg.communes == 3
        if agg.measure_unit in (MeasureUnit.PERCENT, MeasureUnit.INDEX):
            assert agg.aggregate == "mean"
            assert agg.total == pytest.approx(statistics.fmean(numbers)) if numbers else agg.total is None
            assert agg.minimum == (min(numbers) if numbers else None)
            assert agg.maximum == (max(numbers) if numbers else None)
        elif agg.measure_unit in (MeasureUnit.COUNT, MeasureUnit.MILLION_VND):
            assert agg.aggregate == "sum"
            assert agg.total == (pytest.approx(sum(numbers)) if numbers else None)
        elif agg.measure_unit is MeasureUnit.YESNO:
            assert agg.aggregate == "yes_count"
            assert agg.total == sum(1 for v in values if v["yes"] is True)
        evaluations = [v["evaluation"] for v in values]
        assert agg.achieved == evaluations.count("achieved")
        assert agg.exceeded == evaluations.count("exceeded")
        assert agg.not_achieved == evaluations.count("not_achieved")
        assert agg.not_evaluated == evaluations.count(None)
    # The demo plan has percentages, counts and yes/no indicators: all three rules ran.
    assert {MeasureUnit.PERCENT, MeasureUnit.YESNO} <= seen_units


def test_one_indicator_across_communes(province: Database, e2e_exports: list[CommuneExport]) -> None:
    with province.session() as s:
        cells = list(cons.indicator_by_commune(s, period_code=E2E_PERIOD, element_code="I.1", province_code=31))
    assert [c.commune_code for c in cells] == sorted(e.code for e in e2e_exports)
    own = {e.code: e.indicators["I.1"] for e in e2e_exports}
    for cell in cells:
        assert cell.value == own[cell.commune_code]["value"]
        assert (cell.evaluation.value if cell.evaluation else None) == own[cell.commune_code]["evaluation"]
        assert cell.commune_name.startswith(("Xã ", "Phường "))


def test_replacement_changes_the_consolidated_numbers(
    upper_db: Database, e2e_exports: list[CommuneExport], tmp_path: Path
) -> None:
    # Given three communes imported, when Thượng Hồng sends a corrected bundle
    # for the same period, the province's numbers follow the correction.
    import datetime as dt

    from sqlalchemy import select

    from models.bundle.export import export_bundle
    from models.db import open_database
    from models.schema import Indicator, IndicatorValue, Period

    import_bundles(upper_db, [e.bundle for e in e2e_exports], scope=Scope(31), actor=ACTOR)
    first = e2e_exports[0]
    copy = tmp_path / "xa.db"
    import shutil

    shutil.copy(first.db_path, copy)
    shutil.copytree(Path(f"{first.db_path}.keys"), Path(f"{copy}.keys"))
    db = open_database(copy)
    with db.transaction() as s:
        val = s.scalar(
            select(IndicatorValue)
            .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
            .join(Period, Period.id == IndicatorValue.period_id)
            .where(Indicator.code == "I.1", Period.code == E2E_PERIOD)
        )
        assert val is not None
        val.value = 100.0
    out = tmp_path / "usb"
    out.mkdir()
    bundle = export_bundle(db, period_code=E2E_PERIOD, out_dir=out, now=dt.datetime(2026, 11, 19, tzinfo=dt.UTC))
    db.close()
    [r] = import_bundles(upper_db, [bundle], scope=Scope(31), actor=ACTOR)
    assert r.outcome is Outcome.REPLACED
    with upper_db.session() as s:
        [i1] = [a for a in cons.indicator_summary(s, period_code=E2E_PERIOD, province_code=31) if a.code == "I.1"]
        _, summary = cons.submissions(s, period_code=E2E_PERIOD, province_code=31)
    others = [e.indicators["I.1"]["value"] for e in e2e_exports[1:]]
    assert i1.communes == 3
    assert i1.total == pytest.approx(statistics.fmean([100.0, *[v for v in others if v is not None]]))
    # Still on time: the first bundle counts for punctuality.
    assert (summary.submitted, summary.on_time) == (3, 2)


def test_national_scope_has_a_row_per_province(upper_db: Database, e2e_exports: list[CommuneExport], sample: object) -> None:
    paths = [e.bundle for e in e2e_exports] + [sample("out_of_scope.nq57.zip")]  # type: ignore[operator]
    results = import_bundles(upper_db, paths, scope=Scope(None), actor=ACTOR)
    assert all(r.outcome is Outcome.NEW for r in results)
    with upper_db.session() as s:
        provinces = {p.province_code: p for p in cons.province_overview(s, period_code=E2E_PERIOD)}
        by_province = cons.status_by_province(s, period_code=E2E_PERIOD)
        national = cons.indicator_summary(s, period_code=E2E_PERIOD, province_code=None, by_province=True)
        _, all_summary = cons.submissions(s, period_code=E2E_PERIOD, province_code=None)
    assert len(provinces) == 34
    assert (provinces[31].communes, provinces[31].submitted, provinces[31].on_time) == (114, 3, 2)
    assert provinces[1].submitted == 1 and provinces[1].on_time == 1
    assert sum(p.communes for p in provinces.values()) == all_summary.total == 3321
    assert all_summary.submitted == 4
    hp = next(r for r in by_province if r.code == 31)
    for status in TaskStatus:
        assert hp.counts[status] == sum(e.status_counts[status.value] for e in e2e_exports)
    assert {a.province_code for a in national} == {1, 31}


def test_periods_with_imports_newest_first(province: Database, sample: object) -> None:
    with province.session() as s:
        assert cons.imported_periods(s) == [E2E_PERIOD]
