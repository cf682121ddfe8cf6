"""The document register (sổ đăng ký văn bản đi) of the commune's reports.

Rules (Decree 30/2020, Art. 15):

- A draft has no number (``IssuedDocument.number`` is None); it keeps the
  officer's narrative edits, signer and recipients.
- Issuing takes the next number of the calendar year of the issue date for
  the document's symbol: the largest number of that year and symbol plus
  one, starting at 1 on 1 January. Numbers are never reused or changed: a
  cancelled document keeps its number (CANCELLED); a reissue is a new
  document with a new number that replaces the old one (SUPERSEDED).
- Numbering is safe when two people issue at once: the write lock is taken
  before the largest number is read (SQLite), the number is re-checked in a
  savepoint and retried on a clash, and the unique constraint on (year,
  symbol, number) is the last guard.
- Issuing records the output files (PDF, Word, Excel) with their SHA-256 in
  the same transaction, and logs ISSUE_REPORT (REISSUE_REPORT for a
  replacement); cancelling logs CANCEL_REPORT.

The files themselves are written by a callback (``reports`` draws them; the
domain layer does not import it). Qt-free; call from a worker thread with
the session of ``Database.transaction``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models import audit
from models import texts_register as texts
from models.audit import Actor
from models.enums import AuditAction, DocumentStatus, ReportKind
from models.errors import AppError, InputError, NotFoundError
from models.fileutil import sha256_file
from models.periods import parse_period_code, period_label
from models.permissions import Permission, principal_of, require
from models.schema import DocumentFile, IssuedDocument, Recipient, Signer
from models.services.periods import ensure_period, local_commune
from models.texts import label

FORMATS = ("pdf", "docx", "xlsx")
MAX_NUMBER_ATTEMPTS = 5

FileWriter = Callable[[IssuedDocument, Mapping[str, Path]], None]
"""Writes the files of a document (already numbered) to the given paths."""


@dataclass(frozen=True)
class RecordedFile:
    fmt: str
    path: Path
    sha256: str
    size: int


# ---------------------------------------------------------------------------
# Snapshots kept with a document
# ---------------------------------------------------------------------------


def signer_snapshot(signer: Signer) -> dict[str, Any]:
    """The fields of a signer that a document keeps, as issued."""
    return {
        "id": signer.id,
        "full_name": signer.full_name,
        "authority": signer.authority.value,
        "body": signer.body,
        "on_behalf_of": signer.on_behalf_of,
        "title": signer.title,
    }


def recipients_snapshot(recipients: Sequence[Recipient]) -> list[dict[str, Any]]:
    """The recipients of a document: full name (Kính gửi), short name (Nơi nhận)."""
    return [
        {
            "id": r.id,
            "name": r.name,
            "short_name": r.short_name or r.name,
            "upward": bool(r.upward),
        }
        for r in recipients
    ]


def default_recipients(session: Session) -> list[Recipient]:
    return list(
        session.scalars(
            select(Recipient)
            .where(Recipient.active.is_(True), Recipient.default_selected.is_(True))
            .order_by(Recipient.sort_order, Recipient.id)
        )
    )


def default_signer(session: Session) -> Signer | None:
    return session.scalar(
        select(Signer)
        .where(Signer.active.is_(True))
        .order_by(Signer.is_default.desc(), Signer.sort_order, Signer.id)
        .limit(1)
    )


# ---------------------------------------------------------------------------
# Reading the register
# ---------------------------------------------------------------------------


def get_document(session: Session, doc_id: int) -> IssuedDocument:
    doc = session.get(IssuedDocument, doc_id)
    if doc is None:
        raise NotFoundError(texts.DOC_NOT_FOUND)
    return doc


def list_documents(session: Session, *, year: int | None = None) -> list[IssuedDocument]:
    """Drafts first (newest first), then numbered documents, newest first."""
    stmt = select(IssuedDocument)
    if year is not None:
        stmt = stmt.where(IssuedDocument.year == year)
    docs = list(session.scalars(stmt))
    docs.sort(
        key=lambda d: (
            d.number is not None,
            -(d.year or 0),
            -(d.number or 0),
            -(d.created_at.timestamp() if d.created_at else 0),
        )
    )
    return docs


def number_label(doc: IssuedDocument) -> str:
    """``05/BC-UBND`` or empty for a draft."""
    return f"{doc.number:02d}/{doc.symbol}" if doc.number is not None else ""


def next_number(session: Session, *, year: int, symbol: str) -> int:
    """The number the next issued document of ``year`` and ``symbol`` would get."""
    current = session.scalar(
        select(func.max(IssuedDocument.number)).where(
            IssuedDocument.year == year,
            IssuedDocument.symbol == symbol,
            IssuedDocument.number.is_not(None),
        )
    )
    return int(current or 0) + 1


# ---------------------------------------------------------------------------
# Drafts
# ---------------------------------------------------------------------------


def _actor(session: Session, actor: Actor | None) -> Actor | None:
    if actor is not None:
        session.info["actor"] = actor
        return actor
    found = session.info.get("actor")
    return found if isinstance(found, Actor) else None


def save_draft(
    session: Session,
    *,
    doc_id: int | None = None,
    period_code: str,
    kind: ReportKind = ReportKind.MONTH,
    narrative: Mapping[str, str] | None = None,
    signer_id: int | None = None,
    recipient_ids: Sequence[int] | None = None,
    summary: str | None = None,
    year: int | None = None,
    actor: Actor | None = None,
) -> IssuedDocument:
    """Create or update a draft (no number). Only edited narrative sections
    are stored; ``recipient_ids`` None keeps the current (or default) list,
    ``summary`` None keeps the current one (empty: the generated summary)."""
    who = _actor(session, actor)
    require(principal_of(session, who), Permission.ISSUE_REPORT)
    commune = local_commune(session)
    ref = parse_period_code(period_code)
    period = ensure_period(session, ref.code)
    if doc_id is None:
        doc = IssuedDocument(
            year=year or dt.date.today().year,
            number=None,
            symbol=commune.report_symbol or "BC-UBND",
            kind=ReportKind(kind),
            status=DocumentStatus.DRAFT,
            created_by_name=who.username if who else "",
            recipients=recipients_snapshot(default_recipients(session)),
            narrative={},
        )
        signer = default_signer(session)
        doc.signer_id = signer.id if signer is not None else None
        doc.signer_snapshot = signer_snapshot(signer) if signer is not None else None
        session.add(doc)
    else:
        doc = get_document(session, doc_id)
        if doc.status is not DocumentStatus.DRAFT:
            raise InputError(texts.DOC_NOT_DRAFT.format(number=number_label(doc)))
    doc.period_id = period.id
    doc.kind = ReportKind(kind)
    if year is not None:
        doc.year = year
    if narrative is not None:
        doc.narrative = {str(k): str(v) for k, v in narrative.items()}
    if signer_id is not None:
        signer = session.get(Signer, signer_id)
        if signer is None:
            raise InputError(texts.DOC_SIGNER_UNKNOWN, field="signer")
        doc.signer_id = signer.id
        doc.signer_snapshot = signer_snapshot(signer)
    if recipient_ids is not None:
        chosen: list[Recipient] = []
        for rid in recipient_ids:
            recipient = session.get(Recipient, rid)
            if recipient is None:
                raise InputError(texts.DOC_RECIPIENT_UNKNOWN, field="recipients")
            chosen.append(recipient)
        doc.recipients = recipients_snapshot(chosen)
    if summary is not None:
        doc.summary = summary.strip()
    session.flush()
    return doc


def delete_draft(session: Session, doc_id: int, *, actor: Actor | None = None) -> None:
    """Delete a draft; numbered documents are never deleted (cancel them)."""
    require(principal_of(session, _actor(session, actor)), Permission.ISSUE_REPORT)
    doc = get_document(session, doc_id)
    if doc.status is not DocumentStatus.DRAFT:
        raise InputError(texts.DOC_DRAFT_ONLY_DELETE)
    session.delete(doc)
    session.flush()


def start_reissue(session: Session, doc_id: int, *, actor: Actor | None = None) -> IssuedDocument:
    """A new draft copying an issued document, set to replace it when issued."""
    who = _actor(session, actor)
    require(principal_of(session, who), Permission.ISSUE_REPORT)
    old = get_document(session, doc_id)
    if old.status is not DocumentStatus.ISSUED:
        raise InputError(texts.DOC_NOT_ISSUED.format(status=_status_label(old.status)))
    draft = IssuedDocument(
        year=dt.date.today().year,
        number=None,
        symbol=old.symbol,
        kind=old.kind,
        status=DocumentStatus.DRAFT,
        period_id=old.period_id,
        summary=old.summary,
        signer_id=old.signer_id,
        signer_snapshot=dict(old.signer_snapshot or {}) or None,
        recipients=list(old.recipients or []),
        narrative=dict(old.narrative or {}),
        replaces_id=old.id,
        created_by_name=who.username if who else "",
    )
    session.add(draft)
    session.flush()
    return draft


# ---------------------------------------------------------------------------
# Issuing
# ---------------------------------------------------------------------------


def _status_label(status: DocumentStatus) -> str:
    return label(status)


def _lock_register(session: Session, doc: IssuedDocument) -> None:
    """Take the database's write lock before reading the largest number.

    SQLite: an UPDATE starts the write transaction, so a second issuer waits
    (busy timeout) instead of reading the same largest number. PostgreSQL:
    the row of the document is locked; clashes are caught by the retry.
    """
    session.execute(
        update(IssuedDocument)
        .where(IssuedDocument.id == doc.id)
        .values(status=IssuedDocument.status)
        .execution_options(synchronize_session=False)
    )


def _assign_number(session: Session, doc: IssuedDocument, *, year: int) -> int:
    for _attempt in range(MAX_NUMBER_ATTEMPTS):
        number = next_number(session, year=year, symbol=doc.symbol)
        savepoint = session.begin_nested()
        try:
            doc.year = year
            doc.number = number
            session.flush()
            savepoint.commit()
            return number
        except IntegrityError:
            savepoint.rollback()
            session.refresh(doc)
    raise AppError(texts.DOC_NUMBER_BUSY)


def file_paths(output_root: Path, doc: IssuedDocument, period_code: str) -> dict[str, Path]:
    """``<root>/<year>/<NN>-<symbol>-<period>.<ext>`` for every format."""
    folder = output_root / str(doc.year)
    stem = f"{doc.number:02d}-{doc.symbol.replace('/', '-')}-{period_code}"
    return {fmt: folder / f"{stem}.{fmt}" for fmt in FORMATS}


def issue(
    session: Session,
    doc_id: int,
    *,
    issued_on: dt.date,
    output_root: Path,
    write_files: FileWriter,
    actor: Actor | None = None,
    today: dt.date | None = None,
) -> IssuedDocument:
    """Number a draft, write its files and record them (see module rules).

    Call inside ``Database.transaction``; nothing is committed here. If the
    files cannot be written the error propagates (the caller's transaction
    rolls back, so no number is used) and any file written is removed.
    """
    who = _actor(session, actor)
    require(principal_of(session, who), Permission.ISSUE_REPORT)
    if issued_on > (today or dt.date.today()):
        raise InputError(texts.DOC_ISSUE_DATE_FUTURE.format(date=issued_on.strftime("%d/%m/%Y")))
    doc = get_document(session, doc_id)
    if doc.status is not DocumentStatus.DRAFT:
        raise InputError(texts.DOC_NOT_DRAFT.format(number=number_label(doc)))
    if doc.period is None:
        raise InputError(texts.DOC_NO_PERIOD)
    old: IssuedDocument | None = None
    if doc.replaces_id is not None:
        old = get_document(session, doc.replaces_id)
        if old.status is not DocumentStatus.ISSUED:
            raise InputError(texts.DOC_ALREADY_REPLACED.format(number=number_label(old)))
    _lock_register(session, doc)
    if doc.signer is not None:
        doc.signer_snapshot = signer_snapshot(doc.signer)
    number = _assign_number(session, doc, year=issued_on.year)
    doc.issued_on = issued_on
    doc.status = DocumentStatus.ISSUED
    session.flush()

    period_code = doc.period.code
    paths = file_paths(output_root, doc, period_code)
    try:
        write_files(doc, paths)
        recorded = [
            RecordedFile(fmt, path, *sha256_file(path))
            for fmt, path in paths.items()
            if path.exists()
        ]
    except AppError:
        _remove(paths.values())
        raise
    except OSError as exc:
        _remove(paths.values())
        raise AppError(texts.DOC_FILES_FAILED.format(reason=exc.strerror or exc)) from exc
    except Exception:
        _remove(paths.values())
        raise
    for rec in recorded:
        session.add(
            DocumentFile(
                document_id=doc.id,
                fmt=rec.fmt,
                path=str(rec.path),
                sha256=rec.sha256,
                size=rec.size,
            )
        )
    period_text = period_label(parse_period_code(period_code))
    signer = (doc.signer_snapshot or {}).get("full_name", "")
    if old is not None:
        old.status = DocumentStatus.SUPERSEDED
        audit.log_event(
            session,
            AuditAction.REISSUE_REPORT,
            summary=texts.AUDIT_REISSUE.format(
                number=number_label(doc), old=number_label(old), period=period_text
            ),
            entity="issued_document",
            entity_uuid=doc.uuid,
            before={"replaces": old.uuid, "number": old.number, "year": old.year},
            after={"number": number, "year": doc.year},
        )
    else:
        audit.log_event(
            session,
            AuditAction.ISSUE_REPORT,
            summary=texts.AUDIT_ISSUE.format(
                number=number_label(doc), period=period_text, signer=signer
            ),
            entity="issued_document",
            entity_uuid=doc.uuid,
            after={
                "number": number,
                "year": doc.year,
                "issued_on": issued_on,
                "files": {r.fmt: r.sha256 for r in recorded},
            },
        )
    session.flush()
    return doc


def reissue(
    session: Session,
    doc_id: int,
    *,
    issued_on: dt.date,
    output_root: Path,
    write_files: FileWriter,
    actor: Actor | None = None,
    narrative: Mapping[str, str] | None = None,
    today: dt.date | None = None,
) -> IssuedDocument:
    """Replace an issued document by a new one with a new number (the old
    one becomes SUPERSEDED and keeps its number)."""
    draft = start_reissue(session, doc_id, actor=actor)
    if narrative is not None:
        draft.narrative = {str(k): str(v) for k, v in narrative.items()}
    return issue(
        session,
        draft.id,
        issued_on=issued_on,
        output_root=output_root,
        write_files=write_files,
        actor=actor,
        today=today,
    )


def cancel(
    session: Session, doc_id: int, *, reason: str, actor: Actor | None = None
) -> IssuedDocument:
    """Cancel an issued document: CANCELLED, number kept, logged."""
    who = _actor(session, actor)
    require(principal_of(session, who), Permission.ISSUE_REPORT)
    reason = " ".join(reason.split())
    if not reason:
        raise InputError(texts.DOC_CANCEL_REASON, field="reason")
    doc = get_document(session, doc_id)
    if doc.status is not DocumentStatus.ISSUED:
        raise InputError(texts.DOC_NOT_ISSUED.format(status=_status_label(doc.status)))
    doc.status = DocumentStatus.CANCELLED
    doc.note = reason
    period_text = period_label(parse_period_code(doc.period.code)) if doc.period else ""
    audit.log_event(
        session,
        AuditAction.CANCEL_REPORT,
        summary=texts.AUDIT_CANCEL.format(
            number=number_label(doc), period=period_text, reason=reason
        ),
        entity="issued_document",
        entity_uuid=doc.uuid,
        before={"status": DocumentStatus.ISSUED.value},
        after={"status": DocumentStatus.CANCELLED.value, "reason": reason},
    )
    session.flush()
    return doc


def _remove(paths: Any) -> None:
    for path in paths:
        try:
            Path(path).unlink(missing_ok=True)
        except OSError:
            pass


def reports_dir(db_path: Path | None) -> Path:
    """Folder of issued reports: ``<db>.reports`` beside a SQLite file, else
    ``reports`` in the user's data folder."""
    from models import paths

    if db_path is not None:
        return paths.companion_dir(db_path, "reports")
    folder = paths.data_dir() / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
