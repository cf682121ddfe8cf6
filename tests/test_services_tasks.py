"""Tests of models.services.tasks: the task tree, editing, moving, deleting."""

from __future__ import annotations

import datetime as dt

import pytest
from cycle_data import Small, build_small
from sqlalchemy import select

from models.audit import Actor
from models.enums import AuditAction, Recurrence, TaskStatus
from models.errors import InputError, PeriodLockedError
from models.schema import AuditEntry, Period, Task, TaskUpdate
from models.services import tasks as svc
from models.services.periods import get_period


@pytest.fixture
def small(db: object) -> Small:
    return build_small(db)


def codes(db: object) -> list[tuple[str, int]]:
    with db.session() as s:  # type: ignore[attr-defined]
        return [(n.code, n.depth) for n in svc.task_tree(s)]


def test_tree_in_document_order_with_status_of_the_period(db, small):
    with db.session() as s:
        nodes = svc.task_tree(s, period=get_period(s, "2026-10"))
    assert [(n.code, n.depth) for n in nodes] == [
        ("1", 0), ("1.1", 1), ("1.2", 1), ("1.3", 1), ("2", 0), ("2.1", 1), ("2.2", 1),
    ]
    by_code = {n.code: n for n in nodes}
    assert by_code["1"].is_group and by_code["1"].status is None and by_code["1"].child_count == 3
    # 1.1 was in progress in September, its deadline 31/10 not passed yet at the end of October.
    assert by_code["1.1"].status is TaskStatus.IN_PROGRESS_ON_TIME
    assert by_code["1.1"].percent == 40.0
    assert by_code["1.3"].status is TaskStatus.DONE_ON_TIME
    assert by_code["2.1"].status is TaskStatus.NOT_STARTED
    assert by_code["1.1"].lead_unit_name == "Phòng Văn hóa - Xã hội"
    assert by_code["2.1"].group_id == by_code["2"].id
    # The search key ignores diacritics and case.
    assert "chuyen doi so" in by_code["1.1"].search_key
    assert "phong van hoa - xa hoi" in by_code["1.1"].search_key


def test_create_parses_time_frame_and_appends_under_parent(db, small):
    with db.transaction(actor=Actor.system()) as s:
        task = svc.create_task(
            s,
            svc.TaskInput(
                code="1.4",
                title="  Tổ chức   tập huấn kỹ năng số ",
                parent_id=small.tasks["1"],
                lead_unit_id=small.units["VHXH"],
                cooperating_ids=[small.units["KT"], small.units["VHXH"]],
                timeframe_text="Hoàn thành trong Quý III năm 2026",
            ),
        )
        new_id = task.id
    with db.session() as s:
        task = s.get(Task, new_id)
        assert task.title == "Tổ chức tập huấn kỹ năng số"
        assert task.deadline == dt.date(2026, 9, 30)
        assert task.recurrence is Recurrence.NONE and not task.timeframe_flagged
        # The lead unit is not repeated among the cooperating units.
        assert [tu.unit_id for tu in task.other_units] == [small.units["KT"]]
        assert task.group_name == "Nâng cao nhận thức về chuyển đổi số"
    assert codes(db)[:5] == [("1", 0), ("1.1", 1), ("1.2", 1), ("1.3", 1), ("1.4", 1)]


def test_time_frame_not_understood_is_kept_and_flagged(db, small):
    with db.transaction() as s:
        svc.update_task(
            s,
            small.tasks["2.1"],
            svc.TaskInput(code="2.1", title="Bảo đảm an toàn thông tin mạng",
                          parent_id=small.tasks["2"], timeframe_text="Đầu năm 2027"),
        )
    with db.session() as s:
        detail = svc.task_detail(s, small.tasks["2.1"])
    assert detail.timeframe_text == "Đầu năm 2027"
    assert detail.deadline is None and detail.timeframe_flagged
    assert "Đầu năm 2027" in detail.timeframe_note


@pytest.mark.parametrize(
    ("code", "title", "message"),
    [
        ("", "Tên", "Chưa nhập số thứ tự"),
        ("1.1", "Tên", "đã có trong kế hoạch"),
        ("9.9", "   ", "Chưa nhập tên nhiệm vụ"),
    ],
)
def test_create_refuses_bad_input_with_vietnamese_reason(db, small, code, title, message):
    with pytest.raises(InputError) as err, db.transaction() as s:
        svc.create_task(s, svc.TaskInput(code=code, title=title))
    assert message in err.value.message
    assert len(codes(db)) == 7


def test_move_keeps_codes_and_refuses_cycles(db, small):
    with db.transaction() as s:
        svc.move_task(s, small.tasks["2.2"], parent_id=small.tasks["1"], index=0)
    assert codes(db) == [
        ("1", 0), ("2.2", 1), ("1.1", 1), ("1.2", 1), ("1.3", 1), ("2", 0), ("2.1", 1),
    ]
    with pytest.raises(InputError) as err, db.transaction() as s:
        svc.move_task(s, small.tasks["1"], parent_id=small.tasks["1.1"], index=None)
    assert "nhiệm vụ con" in err.value.message


def test_shift_up_down_indent_outdent(db, small):
    with db.transaction() as s:
        assert svc.shift_task(s, small.tasks["1.1"], "up") is False
        assert svc.shift_task(s, small.tasks["1.2"], "up") is True
    assert [c for c, _ in codes(db)][:4] == ["1", "1.2", "1.1", "1.3"]
    with db.transaction() as s:
        assert svc.shift_task(s, small.tasks["1.3"], "indent") is True  # under 1.1
    assert ("1.3", 2) in codes(db)
    with db.transaction() as s:
        assert svc.shift_task(s, small.tasks["1.3"], "outdent") is True
        assert svc.shift_task(s, small.tasks["1"], "outdent") is False
    assert codes(db)[:4] == [("1", 0), ("1.2", 1), ("1.1", 1), ("1.3", 1)]


def test_delete_takes_updates_and_is_audit_logged(db, small):
    with db.session() as s:
        impact = svc.delete_impact(s, small.tasks["1"])
    assert (impact.subtasks, impact.updates) == (3, 2)
    with db.transaction(actor=Actor(user_id=small.users["tonghop"], username="tonghop")) as s:
        svc.delete_task(s, small.tasks["1"])
    assert [c for c, _ in codes(db)] == ["2", "2.1", "2.2"]
    with db.session() as s:
        assert s.scalars(select(TaskUpdate)).all() == []
        deleted = s.scalars(
            select(AuditEntry).where(AuditEntry.action == AuditAction.DELETE,
                                     AuditEntry.entity == "task")
        ).all()
    assert sorted(e.summary for e in deleted) == ["1", "1.1", "1.2", "1.3"]
    assert {e.username for e in deleted} == {"tonghop"}


def test_delete_refused_when_an_update_is_in_a_locked_period(db, small):
    with db.transaction() as s:
        s.get(Period, small.periods["2026-09"]).locked = True
    with pytest.raises(PeriodLockedError) as err, db.transaction() as s:
        svc.delete_task(s, small.tasks["1.3"])
    assert "2026-09" in err.value.message
    assert ("1.3", 1) in codes(db)


def test_detail_lists_history_newest_first(db, small):
    with db.session() as s:
        detail = svc.task_detail(s, small.tasks["1.1"])
    assert detail.lead_unit_name == "Phòng Văn hóa - Xã hội"
    assert [h.period_code for h in detail.history] == ["2026-09"]
    assert detail.history[0].result == "Đã treo 5 băng rôn"
    assert detail.history[0].percent == 40.0
