"""What the report says: its numbers equal counts taken from the database
independently, its narrative groups the units' words, and an officer's
edits persist with the draft."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import docx
import pytest
from sqlalchemy import func, select

from models.audit import Actor
from models.db import open_database
from models.enums import PeriodKind, Progress, Recurrence, ReportKind, TaskStatus
from models.errors import InputError, NotFoundError, ParseError
from models.numbers import format_number
from models.periods import PeriodRef
from models.schema import (
    Commune,
    Indicator,
    IndicatorValue,
    Period,
    Plan,
    Task,
    TaskUpdate,
    UnitSubmission,
)
from models.services import register
from reports.content import blocks_to_text, build_report, resolve_period, text_to_blocks
from reports.document import BulletList, Heading, Paragraph
from reports.issuing import generate_draft

OFFICER = Actor(user_id=None, username="tonghop")


@pytest.fixture(scope="module")
def demo(demo_db_file: Path) -> Any:
    db = open_database(demo_db_file)
    yield db
    db.close()


def _body_text(doc: Any) -> str:
    out = []
    for block in doc.body:
        if isinstance(block, Heading | Paragraph):
            out.append(block.text)
        elif isinstance(block, BulletList):
            out += block.items
    return "\n".join(out)


def _leaf_tasks(s: Any) -> int:
    return s.scalar(
        select(func.count(Task.id))
        .join(Plan, Plan.id == Task.plan_id)
        .where(Plan.active.is_(True), Task.is_group.is_(False))
    )


def test_task_totals_match_the_database(demo: Any) -> None:
    with demo.session() as s:
        doc, data = build_report(s, period_code="2026-10", today=dt.date(2026, 11, 21))
        leaves = _leaf_tasks(s)
        end = dt.date(2026, 10, 31)
        # Independently: one-off tasks whose latest update by 31/10 says completed.
        latest: dict[int, TaskUpdate] = {}
        for upd, _end in s.execute(
            select(TaskUpdate, Period.end_date)
            .join(Period, Period.id == TaskUpdate.period_id)
            .where(Period.end_date <= end)
            .order_by(Period.end_date)
        ).all():
            latest[upd.task_id] = upd
        one_off_done = {
            t.id
            for t in s.scalars(
                select(Task).where(Task.is_group.is_(False), Task.recurrence == Recurrence.NONE)
            )
            if t.id in latest and latest[t.id].progress is Progress.COMPLETED
        }
    text = _body_text(doc)
    match = re.search(
        r"Tổng số (\d+) nhiệm vụ, trong đó: đã hoàn thành (\d+) nhiệm vụ \(([\d,]+)%\).*"
        r"đang thực hiện (\d+) nhiệm vụ \(([\d,]+)%\).*chưa triển khai (\d+) nhiệm vụ \(([\d,]+)%\)",
        text,
    )
    assert match, text[:2000]
    total, done, done_pct, doing, doing_pct, not_started, ns_pct = match.groups()
    assert int(total) == leaves == len(data.tasks)
    assert int(done) + int(doing) + int(not_started) == leaves
    for count, pct in ((done, done_pct), (doing, doing_pct), (not_started, ns_pct)):
        assert pct == format_number(100 * int(count) / leaves, decimals=1)
    report_one_off_done = {
        t.task_id
        for t in data.tasks
        if t.recurrence is Recurrence.NONE
        and t.status in (TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE)
    }
    assert report_one_off_done == one_off_done
    # Phụ lục I has one row per task, in the plan's order, with its status.
    rows = [r for r in doc.appendices[0].table.rows if hasattr(r, "cells")]
    assert [r.cells[0].value for r in rows] == [t.code for t in data.tasks]
    statuses = [r.cells[5].value for r in rows]
    assert statuses.count("Đã hoàn thành đúng hạn") + statuses.count(
        "Đã hoàn thành quá hạn"
    ) == int(done)


def test_indicator_values_match_the_database(demo: Any) -> None:
    with demo.session() as s:
        doc, data = build_report(s, period_code="2026-10", today=dt.date(2026, 11, 21))
        values = {}
        for code, value, yes, period in s.execute(
            select(Indicator.code, IndicatorValue.value, IndicatorValue.yes, Period.code)
            .join(IndicatorValue, IndicatorValue.indicator_id == Indicator.id)
            .join(Period, Period.id == IndicatorValue.period_id)
            .where(Period.code.in_(["2026-10", "2026-09"]))
        ).all():
            values[(code, period)] = value if value is not None else yes
        total = s.scalar(select(func.count(Indicator.id)))
    rows = [r for r in doc.appendices[1].table.rows if hasattr(r, "cells")]
    assert len(rows) == total == len(data.indicators)
    for row in rows:
        code = row.cells[0].value
        current, previous = row.cells[4].value, row.cells[5].value
        expected_now = values.get((code, "2026-10"))
        expected_before = values.get((code, "2026-09"))
        if isinstance(expected_now, bool):
            assert current == ("Có" if expected_now else "Không")
        else:
            assert current == expected_now
        if not isinstance(expected_before, bool):
            assert previous == expected_before
    text = _body_text(doc)
    match = re.search(r"Tổng số (\d+) chỉ tiêu, kỳ này có số liệu (\d+) chỉ tiêu", text)
    assert match and int(match.group(1)) == total
    assert int(match.group(2)) == sum(1 for k in values if k[1] == "2026-10")
    evaluated = [r.cells[7].value for r in rows]
    achieved = re.search(
        r"đạt (\d+) chỉ tiêu \(trong đó vượt (\d+) chỉ tiêu\), chưa đạt (\d+)", text
    )
    assert achieved
    assert int(achieved.group(2)) == evaluated.count("Vượt")
    assert int(achieved.group(1)) == evaluated.count("Vượt") + evaluated.count("Đạt")
    assert int(achieved.group(3)) == evaluated.count("Chưa đạt")


def test_submissions_sentence_counts_the_units(demo: Any) -> None:
    with demo.session() as s:
        doc, data = build_report(s, period_code="2026-10", today=dt.date(2026, 11, 21))
        submitted = s.scalar(
            select(func.count(UnitSubmission.id))
            .join(Period, Period.id == UnitSubmission.period_id)
            .where(Period.code == "2026-10")
        )
    assert data.units_submitted == submitted
    assert f"{submitted}/{data.units_expected} đơn vị đã gửi báo cáo" in _body_text(doc)


def test_difficulties_are_grouped_with_the_units_named(demo: Any) -> None:
    with demo.session() as s:
        doc, data = build_report(s, period_code="2026-10", today=dt.date(2026, 11, 21))
    items = [i for theme in data.difficulties.values() for i in theme]
    texts = [i.text for i in items]
    assert len(texts) == len(set(texts))  # no duplicates
    shared = next(i for i in items if i.text.startswith("Đường truyền Internet"))
    assert len(shared.units) == 2
    body = _body_text(doc)
    assert "a) Về hạ tầng, trang thiết bị, phần mềm" in body
    assert (
        f"Đường truyền Internet tại một số thôn chưa ổn định ({', '.join(shared.units)})." in body
    )


def test_sections_round_trip_through_the_editor_text(demo: Any) -> None:
    with demo.session() as s:
        _doc, data = build_report(s, period_code="2026-10", today=dt.date(2026, 11, 21))
    for text in data.sections.values():
        assert blocks_to_text(text_to_blocks(text)) == text


def test_text_to_blocks_reads_headings_and_bullets() -> None:
    blocks = text_to_blocks(
        "1. Kết quả chung\nTổng số 3 nhiệm vụ.\na) Về kinh phí\n- Thiếu.\n- Chậm.\n\n2. Còn lại."
    )
    assert [type(b).__name__ for b in blocks] == [
        "Heading",
        "Paragraph",
        "Heading",
        "BulletList",
        "Paragraph",
    ]
    assert blocks[0].level == 2 and blocks[2].level == 3
    assert blocks[3].items == ["Thiếu.", "Chậm."]


def test_narrative_overrides_replace_the_prefill_and_persist(demo_db: Any, tmp_path: Path) -> None:
    edited = "a) Về kinh phí\n- Kinh phí năm 2026 chưa được cấp đủ (Phòng Kinh tế)."
    # Given a draft whose section IV the officer rewrote
    with demo_db.transaction(actor=OFFICER) as s:
        draft = register.save_draft(s, period_code="2026-10", narrative={"IV": edited}).id
    # When it is reopened and generated again
    with demo_db.session() as s:
        doc = register.get_document(s, draft)
        assert doc.narrative == {"IV": edited}
        admin, data = build_report(
            s, period_code="2026-10", document=doc, today=dt.date(2026, 11, 21)
        )
    # Then the edit replaces the pre-filled section, the others stay generated
    assert data.overrides == {"IV": edited}
    body = _body_text(admin)
    assert "Kinh phí năm 2026 chưa được cấp đủ (Phòng Kinh tế)." in body
    assert "Đường truyền Internet" not in body
    assert re.search(r"Tổng số \d+ nhiệm vụ, trong đó", body)
    result = generate_draft(demo_db, period_code="2026-10", out_dir=tmp_path, doc_id=draft)
    paragraphs = [p.text for p in docx.Document(str(result.paths["docx"])).paragraphs]
    heading = paragraphs.index("IV. KHÓ KHĂN, VƯỚNG MẮC VÀ NGUYÊN NHÂN")
    assert paragraphs[heading + 1 : heading + 3] == [
        "a) Về kinh phí",
        "- Kinh phí năm 2026 chưa được cấp đủ (Phòng Kinh tế).",
    ]


def test_recipients_and_signer_of_a_draft(demo_db: Any) -> None:
    with demo_db.session() as s:
        from models.schema import Recipient, Signer

        deputy = s.scalar(select(Signer).where(Signer.on_behalf_of.is_not(None)))
        local = s.scalars(select(Recipient).where(Recipient.upward.is_(False))).all()[:2]
        ids = [r.id for r in local]
        names = [r.short_name for r in local]
        deputy_id = deputy.id
    with demo_db.transaction(actor=OFFICER) as s:
        draft = register.save_draft(
            s, period_code="2026-10", signer_id=deputy_id, recipient_ids=ids
        ).id
    with demo_db.session() as s:
        admin, _ = build_report(s, period_code="2026-10", document=register.get_document(s, draft))
    assert admin.recipients_to == []  # nothing upward: no "Kính gửi"
    assert admin.noi_nhan == names  # and no "Như trên"
    assert admin.signature.authority_lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]
    assert admin.signature.title_lines == ["PHÓ CHỦ TỊCH"]
    assert admin.noi_nhan_lines()[-1] == "- Lưu: VT, VHXH."


def test_quarter_report_uses_the_last_month_of_the_span(demo: Any) -> None:
    with demo.session() as s:
        doc, data = build_report(
            s, period_code="2026-Q3", kind=ReportKind.QUARTER, today=dt.date(2026, 11, 21)
        )
        month_doc, month_data = build_report(s, period_code="2026-09", today=dt.date(2026, 11, 21))
    assert data.ref == PeriodRef(PeriodKind.QUARTER, 2026, 3)
    assert data.as_of == dt.date(2026, 9, 30) and data.data_period_code == "2026-09"
    assert data.counts.by_status == month_data.counts.by_status
    assert (
        doc.summary
        == "Kết quả thực hiện Kế hoạch triển khai Nghị quyết số 57-NQ/TW quý III năm 2026"
    )
    assert "So với quý II/2026" in _body_text(doc)
    assert doc.appendices[0].title.endswith("QUÝ III NĂM 2026")


def test_year_and_half_year_reports(demo: Any) -> None:
    with demo.session() as s:
        year_doc, year = build_report(
            s, period_code="2026", kind=ReportKind.YEAR, today=dt.date(2026, 11, 21)
        )
        half_doc, half = build_report(s, period_code="2026-07", kind=ReportKind.HALF_YEAR)
    assert year.data_period_code == "2026-11"  # the latest month with data
    assert year_doc.summary.endswith("năm 2026")
    assert half.ref.code == "2026-H2" and half_doc.summary.endswith("6 tháng cuối năm 2026")


def test_resolve_period_rules() -> None:
    assert resolve_period("2026-10", ReportKind.QUARTER).code == "2026-Q4"
    assert resolve_period("2026-10", ReportKind.YEAR).code == "2026"
    assert resolve_period("2026-Q3", None).code == "2026-Q3"
    with pytest.raises(InputError):
        resolve_period("2026-Q3", ReportKind.MONTH)
    with pytest.raises(ParseError):
        resolve_period("2026-13", ReportKind.MONTH)


def test_a_period_without_data_is_refused_in_vietnamese(demo: Any) -> None:
    with (
        demo.session() as s,
        pytest.raises(NotFoundError, match="Chưa có số liệu của kỳ tháng 10/2024"),
    ):
        build_report(s, period_code="2024-10")


def test_header_and_summary_come_from_the_commune(demo: Any) -> None:
    with demo.session() as s:
        commune = s.scalar(select(Commune).where(Commune.is_local.is_(True)))
        doc, _ = build_report(s, period_code="2026-10", today=dt.date(2026, 11, 21))
        assert doc.header.agency_lines == [commune.agency_line1, commune.agency_line2]
    assert doc.header.number_line == "Số:      /BC-UBND"
    assert doc.header.date_line == "Thượng Hồng, ngày 21 tháng 11 năm 2026"
    assert (
        doc.summary
        == "Kết quả thực hiện Kế hoạch triển khai Nghị quyết số 57-NQ/TW tháng 10 năm 2026"
    )
    assert doc.recipients_to[:2] == [
        "Ủy ban nhân dân thành phố Hải Phòng",
        "Sở Khoa học và Công nghệ thành phố Hải Phòng",
    ]
    assert doc.noi_nhan[0] == "Như trên"


def test_a_commune_without_plan_data_still_gets_a_report(db: Any, tmp_path: Path) -> None:
    # Given a commune set up with one month but no plan, tasks or indicators yet
    from models.enums import PeriodConvention
    from models.services.periods import ensure_period

    with db.transaction() as s:
        s.add(
            Commune(
                province_code=31,
                province_name="Thành phố Hải Phòng",
                commune_code=10993,
                commune_name="Xã Thượng Hồng",
                is_local=True,
                agency_line2="XÃ THƯỢNG HỒNG",
                agency_name="Ủy ban nhân dân xã Thượng Hồng",
                place_name="Thượng Hồng",
                period_convention=PeriodConvention.CALENDAR,
            )
        )
        s.flush()
        ensure_period(s, "2026-10")
    # When its report is generated
    result = generate_draft(db, period_code="2026-10", out_dir=tmp_path)
    # Then the three files exist and say there is nothing to report yet
    assert all(p.stat().st_size > 1000 for p in result.paths.values())
    body = _body_text(result.document)
    assert "Kế hoạch chưa có nhiệm vụ nào được giao để theo dõi." in body
    assert "Kế hoạch chưa có chỉ tiêu nào để theo dõi." in body
    assert result.document.signature.name == ""
    assert result.document.noi_nhan_lines() == ["- Lưu: VT."]
