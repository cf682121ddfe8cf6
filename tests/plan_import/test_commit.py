"""Saving a reviewed plan: one transaction, units mapped or created, nothing half-written."""

from __future__ import annotations

import datetime as dt

import pytest
from plan_import_helpers import DATA
from sqlalchemy import func, select

from models import audit
from models.audit import Actor
from models.enums import AuditAction, Comparator, Recurrence, UnitKind, UnitRole
from models.errors import InputError
from models.plan_import.commit import Selection, import_plan
from models.plan_import.parser import parse_file
from models.plan_import.units import MatchKind, NewUnit, UnitRef, match_units
from models.schema import AuditEntry, Indicator, IndicatorTarget, Plan, Task, Unit

ACTOR = Actor(user_id=None, username="kiểm thử")


def _count(db, model) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)))


@pytest.fixture
def units(db):
    with db.transaction(actor=ACTOR) as session:
        session.add_all(
            [
                Unit(code="VP", name="Văn phòng HĐND và UBND xã", kind=UnitKind.OFFICE),
                Unit(code="VHXH", name="Phòng Văn hóa - Xã hội", kind=UnitKind.DEPARTMENT),
                Unit(code="CA", name="Công an xã", kind=UnitKind.POLICE),
            ]
        )
    with db.session() as session:
        return [UnitRef(u.id, u.code, u.name) for u in session.scalars(select(Unit))]


def _mapping(plan, units):
    mapping, new = {}, {}
    for name, match in match_units(plan.unit_names(), units).items():
        if match.kind is MatchKind.NEW:
            new[name] = match.proposal
        else:
            mapping[name] = match.unit.id if match.unit else None
    return mapping, new


def test_word_plan_is_saved_with_tree_units_deadlines_and_targets(db, units) -> None:
    plan = parse_file(DATA / "ke-hoach-minh-tan.docx")
    mapping, new = _mapping(plan, units)
    assert "Phòng Kinh tế" in new and "Công an xã" not in new
    plan_id, summary = import_plan(db, plan, actor=ACTOR, unit_mapping=mapping, new_units=new)
    assert summary.tasks == len(plan.tasks) and summary.indicators == 6
    assert ("PKT", "Phòng Kinh tế") in summary.new_units
    assert "Các cơ quan, đơn vị" in summary.unassigned
    with db.session() as session:
        saved = session.get(Plan, plan_id)
        assert (
            saved.active
            and saved.number == "45/KH-UBND"
            and saved.issued_on == dt.date(2025, 8, 12)
        )
        tasks = {t.code: t for t in session.scalars(select(Task).where(Task.plan_id == plan_id))}
        assert tasks["1.1"].parent.code == "1" and tasks["1"].is_group and not tasks["1.1"].is_group
        assert tasks["1.1"].lead_unit.code == "VP"
        assert {(u.unit.code, u.role) for u in tasks["1.1"].other_units} == {
            ("CA", UnitRole.COOPERATING), ("VHXH", UnitRole.COOPERATING),
        }  # fmt: skip
        assert tasks["1.1"].deadline == dt.date(2025, 9, 30)
        assert tasks["1.2"].recurrence is Recurrence.CONTINUOUS
        assert tasks["PL.III.5"].timeframe_flagged and tasks["PL.III.5"].deadline is None
        assert tasks["PL.I"].parent.code == "3"
        assert tasks["PL.I.1"].group_name == "Hạ tầng và dữ liệu"
        # A collective phrase is not a unit: it is kept in the content.
        assert "Các cơ quan, đơn vị" in tasks["PL.II.1"].content
        indicator = session.scalars(select(Indicator).where(Indicator.code == "I.2")).one()
        assert [(t.year, t.comparator, t.value, t.raw_text) for t in indicator.targets] == [
            (2025, Comparator.GE, 85.5, "85,5%"), (2030, Comparator.GE, 100.0, "100%"),
        ]  # fmt: skip
        yes_no = session.scalars(select(Indicator).where(Indicator.code == "II.3")).one()
        assert (
            yes_no.comparator is Comparator.YESNO
            and yes_no.targets[0].comparator is Comparator.YESNO
        )
        event = session.scalars(
            select(AuditEntry).where(AuditEntry.action == AuditAction.IMPORT)
        ).one()
        assert "ke-hoach-minh-tan.docx" in event.summary and event.username == "kiểm thử"


def test_only_selected_items_and_parents_skip_to_kept_ancestors(db, units) -> None:
    plan = parse_file(DATA / "ke-hoach-minh-tan.docx")
    codes = {t.code for t in plan.tasks} - {"3", "PL.I", "PL.I.2", "2.1", "2.2", "2.3"}
    selection = Selection(tasks=codes, indicators={"I.1"})
    plan_id, summary = import_plan(db, plan, actor=ACTOR, selection=selection)
    assert summary.tasks == len(codes) and summary.indicators == 1
    with db.session() as session:
        tasks = {t.code: t for t in session.scalars(select(Task).where(Task.plan_id == plan_id))}
        assert "PL.I.2" not in tasks and "3" not in tasks
        assert tasks["PL.I.1"].parent is None  # "PL.I" and "3" were left out
        assert not tasks["2"].is_group  # its sub-items were all left out: a task again
        assert tasks["1"].is_group


def test_a_failure_midway_leaves_nothing(db, units, monkeypatch) -> None:
    plan = parse_file(DATA / "ke-hoach-minh-tan.docx")
    mapping, new = _mapping(plan, units)
    before = (_count(db, Plan), _count(db, Task), _count(db, Unit), _count(db, IndicatorTarget))

    def broken(*args, **kwargs):
        raise RuntimeError("đĩa đầy")

    # Given a failure after every task, unit and target row was flushed
    monkeypatch.setattr(audit, "log_event", broken)
    with pytest.raises(RuntimeError):
        import_plan(db, plan, actor=ACTOR, unit_mapping=mapping, new_units=new)
    # Then the database holds exactly what it held before.
    assert (
        _count(db, Plan),
        _count(db, Task),
        _count(db, Unit),
        _count(db, IndicatorTarget),
    ) == before


def test_bad_input_is_refused_before_writing(db, units) -> None:
    plan = parse_file(DATA / "ke-hoach-minh-tan.docx")
    plan.indicators[0].targets[2025] = "tám mươi"
    with pytest.raises(InputError, match="I.1, năm 2025"):
        import_plan(db, plan, actor=ACTOR)
    plan = parse_file(DATA / "ke-hoach-minh-tan.docx")
    plan.tasks[1].code = plan.tasks[2].code
    with pytest.raises(InputError, match="bị trùng"):
        import_plan(db, plan, actor=ACTOR)
    plan = parse_file(DATA / "ke-hoach-minh-tan.docx")
    with pytest.raises(InputError, match="không còn trong danh mục"):
        import_plan(db, plan, actor=ACTOR, unit_mapping={"Công an xã": 999})
    with pytest.raises(InputError, match="đã có trong danh mục"):
        import_plan(
            db, plan, actor=ACTOR,
            new_units={"Phòng Kinh tế": NewUnit(name="Phòng Kinh tế", code="CA", kind=UnitKind.DEPARTMENT)},
        )  # fmt: skip
    assert _count(db, Plan) == 0 and _count(db, Task) == 0


def test_codes_clashing_with_the_active_plan_need_replace(db, units) -> None:
    first, _ = import_plan(db, parse_file(DATA / "ke-hoach-minh-tan.docx"), actor=ACTOR)
    with pytest.raises(InputError, match="mã trùng"):
        import_plan(db, parse_file(DATA / "ke-hoach-minh-tan.docx"), actor=ACTOR)
    second, _ = import_plan(
        db, parse_file(DATA / "ke-hoach-minh-tan.docx"), actor=ACTOR, replace=True
    )
    with db.session() as session:
        assert not session.get(Plan, first).active and session.get(Plan, second).active
        # The old plan and its tasks are kept (updates may point at them).
        assert (
            session.scalar(select(func.count()).select_from(Task).where(Task.plan_id == first)) > 0
        )
    # Codes that do not clash are added to the active plan.
    extra = parse_file(DATA / "ke-hoach-an-lac.md")
    for task in extra.tasks:
        task.code = "AL." + task.code
        task.parent = "AL." + task.parent if task.parent else None
    for indicator in extra.indicators:
        indicator.code = "AL." + indicator.code
    third, _ = import_plan(db, extra, actor=ACTOR)
    assert third == second


def test_demo_database_refuses_a_clashing_import(demo_db) -> None:
    plan = parse_file(DATA / "ke-hoach-minh-tan.docx")
    before = _count(demo_db, Task)
    with pytest.raises(InputError, match="Thay kế hoạch đang dùng"):
        import_plan(demo_db, plan, actor=ACTOR)
    assert _count(demo_db, Task) == before


def test_reporting_days_of_the_plan_become_the_communes_when_asked(db, units) -> None:
    from models.schema import Commune

    with db.transaction(actor=ACTOR) as session:
        session.add(
            Commune(
                province_code=25, province_name="Tỉnh Phú Thọ", commune_code=99999,
                commune_name="Xã Minh Tân", is_local=True, agency_line2="XÃ MINH TÂN",
                agency_name="Ủy ban nhân dân xã Minh Tân", place_name="Minh Tân",
                unit_deadline_day=10, report_deadline_day=12,
            )
        )  # fmt: skip
    plan = parse_file(DATA / "ke-hoach-minh-tan.docx")
    assert plan.reporting_days() == (15, 18)
    import_plan(db, plan, actor=ACTOR)
    with db.session() as session:
        commune = session.scalars(select(Commune)).one()
        assert (commune.unit_deadline_day, commune.report_deadline_day) == (10, 12)  # not asked
    import_plan(db, parse_file(DATA / "ke-hoach-minh-tan.docx"), actor=ACTOR, replace=True,
                apply_reporting_days=True)  # fmt: skip
    with db.session() as session:
        commune = session.scalars(select(Commune)).one()
        assert (commune.unit_deadline_day, commune.report_deadline_day) == (15, 18)
