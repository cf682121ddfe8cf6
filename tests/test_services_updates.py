"""Tests of models.services.updates: the unit form, evidence, completeness, locks."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from cycle_data import Small, build_small
from sqlalchemy import select

from models.enums import AuditAction, Evaluation, Progress
from models.errors import PeriodLockedError, PermissionDenied
from models.schema import (
    AuditEntry,
    EvidenceFile,
    IndicatorValue,
    Period,
    TaskUpdate,
    UnitSubmission,
    User,
)
from models.services import updates as svc

TODAY = dt.date(2026, 11, 10)


@pytest.fixture
def small(db: object) -> Small:
    return build_small(db)


def load(db, small, unit="VHXH", period="2026-10") -> svc.UnitForm:
    with db.session() as s:
        return svc.load_unit_form(s, unit_id=small.units[unit], period_code=period)


def save(db, small, form, *, user="vhxh", submit=False, now=None):
    with db.session(actor=small.actor(user)) as s:
        return svc.save_unit_form(
            s, form, actor=small.actor(user), evidence_dir=db.evidence_dir,
            mark_submitted=submit, today=TODAY, now=now,
        )


def row(form: svc.UnitForm, code: str) -> svc.TaskRow:
    return next(r for r in form.tasks if r.code == code)


def ind(form: svc.UnitForm, code: str) -> svc.IndicatorRow:
    return next(r for r in form.indicators if r.code == code)


def test_form_lists_the_units_tasks_and_indicators_with_previous_values(db, small):
    form = load(db, small)
    assert [r.code for r in form.tasks] == ["1.1", "1.2", "2.2"]  # lead unit VHXH, no groups
    assert [r.code for r in form.indicators] == ["1", "2"]
    assert form.period_label == "Tháng 10/2026"
    assert form.deadline == dt.date(2026, 11, 15)
    r11 = row(form, "1.1")
    assert r11.progress is None  # nothing reported for October yet
    assert (r11.previous_period_code, r11.previous_progress, r11.previous_percent) == (
        "2026-09", Progress.IN_PROGRESS, 40.0)
    i1 = ind(form, "1")
    assert (i1.target_year, i1.target_value, i1.previous_value) == (2030, 100.0, 60.0)
    assert ind(form, "2").yes_no


def test_valid_form_saved_with_decimal_comma(db, small):
    form = load(db, small)
    r = row(form, "1.1")
    r.progress, r.percent_text, r.result = Progress.IN_PROGRESS, "85,5", "Đã tuyên truyền 3 đợt"
    r2 = row(form, "2.2")
    r2.progress, r2.completed_text = Progress.COMPLETED, "20/10/2026"
    ind(form, "1").value_text = "85.5"
    ind(form, "2").value_text = "có"
    result = save(db, small, form)
    assert (result.tasks_saved, result.indicators_saved) == (2, 2)
    with db.session() as s:
        upd = {u.task_id: u for u in s.scalars(select(TaskUpdate).where(
            TaskUpdate.period_id == small.periods["2026-10"]))}
        vals = {v.indicator_id: v for v in s.scalars(select(IndicatorValue).where(
            IndicatorValue.period_id == small.periods["2026-10"]))}
    assert upd[small.tasks["1.1"]].percent == 85.5
    assert upd[small.tasks["1.1"]].updated_by_name == "vhxh"
    assert upd[small.tasks["2.2"]].percent == 100.0  # completed, percent left empty
    assert upd[small.tasks["2.2"]].completed_on == dt.date(2026, 10, 20)
    assert small.tasks["1.2"] not in upd  # untouched row: not reported
    assert vals[small.indicators["1"]].value == 85.5
    assert vals[small.indicators["2"]].yes is True
    again = load(db, small)
    assert row(again, "1.1").percent_text == "85,5"
    assert ind(again, "2").value_text == "Có"


def test_bad_value_in_a_late_row_saves_nothing(db, small):
    form = load(db, small)
    for r in form.tasks:
        r.progress, r.percent_text = Progress.IN_PROGRESS, "50"
    ind(form, "1").value_text = "90"
    ind(form, "2").value_text = "chắc có"  # not a yes/no answer
    with pytest.raises(svc.FormInvalidError) as err:
        save(db, small, form)
    assert [(i.section, i.row, i.field) for i in err.value.issues] == [("indicator", 1, "value")]
    assert "có hay không" in err.value.issues[0].message
    with db.session() as s:
        assert s.scalars(select(TaskUpdate).where(
            TaskUpdate.period_id == small.periods["2026-10"])).all() == []
        assert s.scalars(select(IndicatorValue).where(
            IndicatorValue.period_id == small.periods["2026-10"])).all() == []


@pytest.mark.parametrize(
    ("progress", "percent", "completed", "field", "reason"),
    [
        (Progress.IN_PROGRESS, "150", "", "percent", "từ 0 đến 100"),
        (Progress.IN_PROGRESS, "12,3,4", "", "percent", "Không đọc được số"),
        (Progress.COMPLETED, "80", "20/10/2026", "percent", "phải là 100%"),
        (Progress.COMPLETED, "", "", "completed", "hãy nhập ngày hoàn thành"),
        (Progress.COMPLETED, "", "5/11/2026", "completed", "sau ngày cuối kỳ"),
        (Progress.COMPLETED, "", "31/02/2026", "completed", "không có thật"),
        (Progress.IN_PROGRESS, "", "20/10/2026", "completed", "Chỉ nhập ngày hoàn thành"),
        (Progress.NOT_STARTED, "30", "", "percent", "Chưa triển khai".lower()),
        (None, "30", "", "percent", "chưa chọn tình trạng"),
    ],
)
def test_task_row_rules(progress, percent, completed, field, reason):
    r = svc.TaskRow(task_id=1, code="1.1", title="x", group_name="", timeframe_text="",
                    deadline=None, recurrence=None, status=None, progress=progress,
                    percent_text=percent, completed_text=completed)
    errors = svc.validate_task_row(r, period_end=dt.date(2026, 10, 31), today=TODAY)
    assert field in errors, errors
    assert reason.lower() in errors[field].lower()


def test_evaluation_follows_the_typed_value(db, small):
    i1 = ind(load(db, small), "1")  # ≥100% in force for 2026 (the 2030 milestone)
    i1.value_text = "100"
    assert svc.indicator_evaluation(i1) is Evaluation.ACHIEVED
    i1.value_text = "85,5"
    assert svc.indicator_evaluation(i1) is Evaluation.NOT_ACHIEVED
    i1.value_text = "12,3,4"
    assert svc.indicator_evaluation(i1) is None
    assert "value" in svc.validate_indicator_row(i1)
    i1.value_text = "120"
    assert "từ 0 đến 100" in svc.validate_indicator_row(i1)["value"]


def test_evidence_copied_content_addressed_and_hashed(db, small, tmp_path):
    doc = tmp_path / "Biên bản họp.PDF"
    doc.write_bytes(b"%PDF-1.4 minh chung" * 100)
    sha = hashlib.sha256(doc.read_bytes()).hexdigest()
    form = load(db, small)
    r = row(form, "1.1")
    r.progress = Progress.IN_PROGRESS
    r.evidence.append(svc.EvidenceItem.from_path(doc))
    save(db, small, form)
    stored = db.evidence_dir / sha[:2] / f"{sha}.pdf"
    assert stored.read_bytes() == doc.read_bytes()
    assert not list(db.evidence_dir.glob(".tmp-*"))
    with db.session() as s:
        ev = s.scalars(select(EvidenceFile)).one()
    assert (ev.original_name, ev.stored_name, ev.sha256, ev.size) == (
        "Biên bản họp.PDF", f"{sha[:2]}/{sha}.pdf", sha, doc.stat().st_size)
    # Removing it from the row deletes the record; the stored file stays.
    form = load(db, small)
    assert [e.original_name for e in row(form, "1.1").evidence] == ["Biên bản họp.PDF"]
    row(form, "1.1").evidence.clear()
    save(db, small, form)
    with db.session() as s:
        assert s.scalars(select(EvidenceFile)).all() == []
    assert stored.exists()


def test_failed_save_removes_files_it_copied(db, small, tmp_path):
    good = tmp_path / "anh.jpg"
    good.write_bytes(b"\xff\xd8 anh chup")
    form = load(db, small)
    r = row(form, "1.1")
    r.progress = Progress.IN_PROGRESS
    r.evidence.append(svc.EvidenceItem.from_path(good))
    r2 = row(form, "1.2")
    r2.progress = Progress.IN_PROGRESS
    r2.evidence.append(svc.EvidenceItem.from_path(tmp_path / "da-bi-xoa.docx"))  # missing
    with pytest.raises(svc.InputError) as err:
        save(db, small, form)
    assert "da-bi-xoa.docx" in err.value.message
    assert [p for p in db.evidence_dir.rglob("*") if p.is_file()] == []
    with db.session() as s:
        assert s.scalars(select(TaskUpdate).where(
            TaskUpdate.period_id == small.periods["2026-10"])).all() == []


def test_locked_period_refused_and_nothing_written(db, small):
    form = load(db, small)
    row(form, "1.1").progress = Progress.IN_PROGRESS
    with db.transaction() as s:
        svc.lock_period(s, "2026-10", user=s.get(User, small.users["tonghop"]))
    with pytest.raises(PeriodLockedError) as err:
        save(db, small, form)
    assert "đã chốt số liệu" in err.value.message
    assert load(db, small).locked
    assert row(load(db, small), "1.1").progress is None


def test_unit_staff_only_their_own_unit_and_leader_reads_only(db, small):
    form = load(db, small, unit="KT")
    row(form, "1.3").progress = Progress.IN_PROGRESS
    with pytest.raises(PermissionDenied):
        save(db, small, form, user="vhxh")
    with pytest.raises(PermissionDenied):
        save(db, small, form, user="lanhdao")
    save(db, small, form, user="kt")
    save(db, small, form, user="tonghop")


def at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, tzinfo=dt.UTC)


def test_completeness_on_time_late_missing(db, small):
    with db.session() as s:
        before = {c.unit_code: c for c in svc.completeness(s, "2026-10", today=TODAY)}
    # The unit without tasks or indicators (TYT) is not listed.
    assert list(before) == ["VHXH", "KT", "CA"]
    assert all(c.state is svc.SubmissionState.MISSING for c in before.values())
    assert (before["VHXH"].tasks_total, before["VHXH"].indicators_total) == (3, 2)

    form = load(db, small)
    row(form, "1.1").progress = Progress.IN_PROGRESS
    ind(form, "1").value_text = "75"
    save(db, small, form, submit=True, now=lambda: at(14))
    form = load(db, small, unit="KT")
    row(form, "1.3").progress = Progress.COMPLETED
    row(form, "1.3").completed_text = "30/09/2026"
    save(db, small, form, user="kt", submit=True, now=lambda: at(20))

    with db.session() as s:
        after = {c.unit_code: c for c in svc.completeness(s, "2026-10", today=dt.date(2026, 11, 21))}
    assert after["VHXH"].state is svc.SubmissionState.ON_TIME
    assert (after["VHXH"].tasks_updated, after["VHXH"].indicators_filled) == (1, 1)
    assert after["KT"].state is svc.SubmissionState.LATE
    assert after["KT"].days_late == 5
    assert after["CA"].state is svc.SubmissionState.MISSING
    assert after["CA"].days_late == 6
    # A later save keeps the first submission time.
    form = load(db, small)
    row(form, "1.2").progress = Progress.IN_PROGRESS
    save(db, small, form, submit=True, now=lambda: at(25))
    with db.session() as s:
        sub = s.scalars(select(UnitSubmission).where(
            UnitSubmission.unit_id == small.units["VHXH"])).one()
    assert sub.submitted_at == at(14)


def test_lock_and_unlock_role_restricted_and_logged(db, small):
    with pytest.raises(PermissionDenied), db.transaction() as s:
        svc.lock_period(s, "2026-10", user=s.get(User, small.users["vhxh"]))
    with pytest.raises(PermissionDenied), db.transaction() as s:
        svc.lock_period(s, "2026-10", user=s.get(User, small.users["lanhdao"]))
    with db.transaction(actor=small.actor("tonghop")) as s:
        svc.lock_period(s, "2026-10", user=s.get(User, small.users["tonghop"]))
    with db.session() as s:
        p = s.get(Period, small.periods["2026-10"])
        assert p.locked and p.locked_by_id == small.users["tonghop"]
    with db.transaction(actor=small.actor("admin")) as s:
        svc.unlock_period(s, "2026-10", user=s.get(User, small.users["admin"]))
    with db.session() as s:
        assert not s.get(Period, small.periods["2026-10"]).locked
        log = s.scalars(select(AuditEntry).where(AuditEntry.action.in_(
            [AuditAction.LOCK_PERIOD, AuditAction.UNLOCK_PERIOD])).order_by(AuditEntry.id)).all()
    assert [(e.action, e.username, e.summary) for e in log] == [
        (AuditAction.LOCK_PERIOD, "tonghop", "Chốt số liệu kỳ Tháng 10/2026"),
        (AuditAction.UNLOCK_PERIOD, "admin", "Mở chốt số liệu kỳ Tháng 10/2026"),
    ]


def test_clearing_a_row_deletes_its_update(db, small):
    form = load(db, small, period="2026-09")
    assert row(form, "1.1").progress is Progress.IN_PROGRESS
    r = row(form, "1.1")
    r.progress, r.percent_text, r.result = None, "", ""
    save(db, small, form, user="tonghop")
    assert row(load(db, small, period="2026-09"), "1.1").progress is None


def test_copy_previous_fills_only_empty_open_rows(db, small):
    form = load(db, small)
    assert svc.copy_previous(form) == 1
    r = row(form, "1.1")
    assert (r.progress, r.percent_text) == (Progress.IN_PROGRESS, "40")


def test_store_evidence_same_content_stored_once(tmp_path: Path):
    a = tmp_path / "a.png"
    b = tmp_path / "b.PNG"
    a.write_bytes(b"same")
    b.write_bytes(b"same")
    store = tmp_path / "store"
    first = svc.store_evidence(a, store)
    second = svc.store_evidence(b, store)
    assert first.created and not second.created
    assert first.stored_name == second.stored_name
    assert [p.name for p in store.rglob("*") if p.is_file()] == [first.stored_name.split("/")[1]]


def test_completeness_of_a_period_nobody_opened_yet(db, small):
    with db.session() as s:
        rows = svc.completeness(s, "2026-12", today=dt.date(2027, 1, 20))
        assert s.scalars(select(Period).where(Period.code == "2026-12")).all() == []
    assert [(c.unit_code, c.tasks_updated, c.state) for c in rows] == [
        ("VHXH", 0, svc.SubmissionState.MISSING),
        ("KT", 0, svc.SubmissionState.MISSING),
        ("CA", 0, svc.SubmissionState.MISSING),
    ]
    assert rows[0].deadline == dt.date(2027, 1, 15) and rows[0].days_late == 5
