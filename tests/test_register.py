"""The document register: numbering per calendar year, files and hashes,
reissue and cancel never renumber, everything logged."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from models.audit import Actor
from models.enums import AuditAction, DocumentStatus
from models.errors import AppError, InputError, PermissionDenied
from models.schema import AuditEntry, DocumentFile, IssuedDocument, User
from models.services import register
from reports.issuing import issue_report

OFFICER = Actor(user_id=None, username="tonghop")
TODAY = dt.date(2027, 3, 1)


def fake_writer(doc: IssuedDocument, paths: Mapping[str, Path]) -> None:
    """Write small files whose content names the number (hashes differ)."""
    for fmt, path in paths.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f"{fmt} {doc.number:02d}/{doc.symbol} {doc.year}".encode())


def _draft(db: Any, period: str = "2026-10") -> int:
    with db.transaction(actor=OFFICER) as s:
        return register.save_draft(s, period_code=period).id


def _issue(db: Any, doc_id: int, day: dt.date, *, writer: Any = fake_writer) -> IssuedDocument:
    with db.transaction(actor=OFFICER) as s:
        doc = register.issue(
            s,
            doc_id,
            issued_on=day,
            output_root=register.reports_dir(db.path),
            write_files=writer,
            today=TODAY,
        )
        s.expunge(doc)
        return doc


def _number(db: Any, doc_id: int) -> tuple[int | None, int, DocumentStatus]:
    with db.session() as s:
        doc = s.get(IssuedDocument, doc_id)
        assert doc is not None
        return doc.number, doc.year, doc.status


def _actions(db: Any) -> list[tuple[AuditAction, str]]:
    with db.session() as s:
        return [
            (e.action, e.summary)
            for e in s.scalars(
                select(AuditEntry)
                .where(
                    AuditEntry.action.in_(
                        [
                            AuditAction.ISSUE_REPORT,
                            AuditAction.REISSUE_REPORT,
                            AuditAction.CANCEL_REPORT,
                        ]
                    )
                )
                .order_by(AuditEntry.id)
            )
        ]


def test_draft_has_no_number_and_issuing_takes_01_then_02(demo_db: Any) -> None:
    first, second = _draft(demo_db), _draft(demo_db)
    assert _number(demo_db, first) == (None, dt.date.today().year, DocumentStatus.DRAFT)
    doc = _issue(demo_db, first, dt.date(2026, 11, 5))
    assert (doc.number, doc.year, doc.status) == (1, 2026, DocumentStatus.ISSUED)
    assert doc.issued_on == dt.date(2026, 11, 5)
    assert _issue(demo_db, second, dt.date(2026, 11, 6)).number == 2
    assert [a for a, _ in _actions(demo_db)] == [AuditAction.ISSUE_REPORT] * 2
    assert "01/BC-UBND" in _actions(demo_db)[0][1]


def test_files_and_their_hashes_are_recorded(demo_db: Any) -> None:
    doc = _issue(demo_db, _draft(demo_db), dt.date(2026, 11, 5))
    with demo_db.session() as s:
        files = list(s.scalars(select(DocumentFile).where(DocumentFile.document_id == doc.id)))
    assert sorted(f.fmt for f in files) == ["docx", "pdf", "xlsx"]
    for f in files:
        path = Path(f.path)
        assert path.parent == demo_db.path.with_name(demo_db.path.name + ".reports") / "2026"
        assert path.name == f"01-BC-UBND-2026-10.{f.fmt}"
        assert f.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert f.size == path.stat().st_size


def test_numbers_restart_on_1_january(demo_db: Any) -> None:
    late = _issue(demo_db, _draft(demo_db), dt.date(2026, 12, 31))
    early = _issue(demo_db, _draft(demo_db), dt.date(2027, 1, 1))
    again = _issue(demo_db, _draft(demo_db), dt.date(2027, 1, 2))
    assert (late.year, late.number) == (2026, 1)
    assert (early.year, early.number) == (2027, 1)
    assert (again.year, again.number) == (2027, 2)


def test_reissue_gives_a_new_number_and_keeps_the_old(demo_db: Any) -> None:
    first = _issue(demo_db, _draft(demo_db), dt.date(2026, 11, 5))
    with demo_db.transaction(actor=OFFICER) as s:
        new = register.reissue(
            s,
            first.id,
            issued_on=dt.date(2026, 11, 7),
            output_root=register.reports_dir(demo_db.path),
            write_files=fake_writer,
            narrative={"IV": "- Thiếu kinh phí."},
            today=TODAY,
        )
        new_id = new.id
    assert _number(demo_db, first.id) == (1, 2026, DocumentStatus.SUPERSEDED)
    assert _number(demo_db, new_id) == (2, 2026, DocumentStatus.ISSUED)
    with demo_db.session() as s:
        replacement = s.get(IssuedDocument, new_id)
        assert replacement is not None and replacement.replaces_id == first.id
        assert replacement.narrative == {"IV": "- Thiếu kinh phí."}
    actions = _actions(demo_db)
    assert actions[-1][0] is AuditAction.REISSUE_REPORT
    assert "02/BC-UBND" in actions[-1][1] and "01/BC-UBND" in actions[-1][1]
    # A superseded document cannot be replaced or cancelled again.
    with pytest.raises(InputError), demo_db.transaction(actor=OFFICER) as s:
        register.cancel(s, first.id, reason="nhầm")


def test_cancel_keeps_the_number_and_it_is_never_reused(demo_db: Any) -> None:
    one = _issue(demo_db, _draft(demo_db), dt.date(2026, 11, 5))
    two = _issue(demo_db, _draft(demo_db), dt.date(2026, 11, 6))
    with pytest.raises(InputError), demo_db.transaction(actor=OFFICER) as s:
        register.cancel(s, two.id, reason="   ")
    with demo_db.transaction(actor=OFFICER) as s:
        register.cancel(s, two.id, reason="Số liệu chưa chính xác")
    assert _number(demo_db, two.id) == (2, 2026, DocumentStatus.CANCELLED)
    three = _issue(demo_db, _draft(demo_db), dt.date(2026, 11, 8))
    assert three.number == 3
    assert _number(demo_db, one.id) == (1, 2026, DocumentStatus.ISSUED)
    action, summary = _actions(demo_db)[-2]
    assert action is AuditAction.CANCEL_REPORT and "Số liệu chưa chính xác" in summary


def test_issued_documents_are_not_edited_or_issued_twice(demo_db: Any) -> None:
    doc = _issue(demo_db, _draft(demo_db), dt.date(2026, 11, 5))
    with pytest.raises(InputError), demo_db.transaction(actor=OFFICER) as s:
        register.save_draft(s, doc_id=doc.id, period_code="2026-10", narrative={"I": "x"})
    with pytest.raises(InputError):
        _issue(demo_db, doc.id, dt.date(2026, 11, 6))
    with pytest.raises(InputError), demo_db.transaction(actor=OFFICER) as s:
        register.delete_draft(s, doc.id)


def test_issue_date_in_the_future_is_refused(demo_db: Any) -> None:
    draft = _draft(demo_db)
    with pytest.raises(InputError, match="tương lai"), demo_db.transaction(actor=OFFICER) as s:
        register.issue(
            s,
            draft,
            issued_on=dt.date(2026, 12, 1),
            output_root=register.reports_dir(demo_db.path),
            write_files=fake_writer,
            today=dt.date(2026, 11, 21),
        )


def test_failed_files_use_no_number_and_leave_no_file(demo_db: Any) -> None:
    draft = _draft(demo_db)
    written: list[Path] = []

    def broken(doc: IssuedDocument, paths: Mapping[str, Path]) -> None:
        fake_writer(doc, {"pdf": paths["pdf"]})
        written.append(paths["pdf"])
        raise OSError(28, "No space left on device")

    with pytest.raises(AppError, match="Không ghi được tệp báo cáo"):
        _issue(demo_db, draft, dt.date(2026, 11, 5), writer=broken)
    assert written and not written[0].exists()
    assert _number(demo_db, draft) == (None, dt.date.today().year, DocumentStatus.DRAFT)
    assert _actions(demo_db) == []
    assert _issue(demo_db, draft, dt.date(2026, 11, 5)).number == 1


def test_concurrent_issues_get_distinct_numbers(demo_db: Any) -> None:
    drafts = [_draft(demo_db) for _ in range(4)]
    barrier = threading.Barrier(len(drafts))
    results: dict[int, int] = {}
    errors: list[BaseException] = []

    def slow_writer(doc: IssuedDocument, paths: Mapping[str, Path]) -> None:
        time.sleep(0.05)  # hold the transaction open while others try
        fake_writer(doc, paths)

    def work(doc_id: int) -> None:
        try:
            barrier.wait()
            results[doc_id] = _issue(
                demo_db, doc_id, dt.date(2026, 11, 5), writer=slow_writer
            ).number
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(d,)) for d in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert sorted(results.values()) == [1, 2, 3, 4]


def test_unique_constraint_is_the_last_guard(demo_db: Any) -> None:
    _issue(demo_db, _draft(demo_db), dt.date(2026, 11, 5))
    draft = _draft(demo_db)
    with pytest.raises(IntegrityError), demo_db.transaction(actor=OFFICER) as s:
        doc = s.get(IssuedDocument, draft)
        assert doc is not None
        doc.year, doc.number, doc.status = 2026, 1, DocumentStatus.ISSUED


def test_unit_staff_may_not_issue(demo_db: Any) -> None:
    draft = _draft(demo_db)
    with demo_db.session() as s:
        staff = s.scalar(select(User).where(User.username == "vhxh"))
        assert staff is not None
        actor = Actor(user_id=staff.id, username=staff.username)
    with pytest.raises(PermissionDenied), demo_db.transaction(actor=actor) as s:
        register.issue(
            s,
            draft,
            issued_on=dt.date(2026, 11, 5),
            output_root=register.reports_dir(demo_db.path),
            write_files=fake_writer,
            actor=actor,
        )


def test_issue_report_writes_real_files_with_the_number(demo_db: Any) -> None:
    # Given a draft with an edited section
    with demo_db.transaction(actor=OFFICER) as s:
        draft = register.save_draft(
            s, period_code="2026-10", narrative={"VI": "- Đề nghị cấp trên hỗ trợ kinh phí."}
        ).id
    # When it is issued
    doc_id, number, paths = issue_report(
        demo_db, draft, issued_on=min(dt.date.today(), dt.date(2026, 11, 5)), actor=OFFICER
    )
    # Then the files carry the number and the edit
    assert number == 1 and doc_id == draft
    assert sorted(paths) == ["docx", "pdf", "xlsx"]
    with pdfplumber.open(str(paths["pdf"])) as pdf:
        first = pdf.pages[0].extract_text()
        assert "Số: 01/BC-UBND" in first
        body = "\n".join(p.extract_text() or "" for p in pdf.pages)
    assert "Đề nghị cấp trên hỗ trợ kinh phí" in body
    assert "(Kèm theo Báo cáo số 01/BC-UBND ngày" in body
