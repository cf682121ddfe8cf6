"""Generate the three files of a report, and issue reports through the register.

``write_all`` draws one ``AdminDocument`` as PDF, Word and Excel.
``generate_draft`` writes the files of a draft into a folder (the command
line's ``report`` command, the preview). ``issue_report`` /
``reissue_report`` number a draft in the register (``models.services.
register``), write its files under the database's reports folder and record
their hashes, all in one transaction; if anything fails, no number is used
and no file is left behind.

Qt-free. Long-running (a fraction of a second to a few seconds): call from
a worker thread, each call opens its own session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from models.audit import Actor
from models.db import Database
from models.enums import ReportKind
from models.schema import IssuedDocument
from models.services import register
from reports.content import ReportData, ReportOptions, build_report, period_phrase, resolve_period
from reports.document import AdminDocument
from reports.docx import render_docx
from reports.pdf import render_pdf
from reports.xlsx import render_xlsx

RENDERERS: dict[str, Callable[[AdminDocument, Path], Path]] = {
    "pdf": render_pdf,
    "docx": render_docx,
    "xlsx": render_xlsx,
}

Progress = Callable[[str], None]


@dataclass
class GeneratedReport:
    """Files written for a report and what they contain."""

    paths: dict[str, Path]
    document: AdminDocument
    data: ReportData
    doc_id: int | None = None
    number: int | None = None


def write_all(
    doc: AdminDocument, paths: Mapping[str, Path], *, progress: Progress | None = None
) -> dict[str, Path]:
    """Write ``doc`` in every format named in ``paths`` (pdf, docx, xlsx)."""
    out: dict[str, Path] = {}
    for fmt, path in paths.items():
        if progress:
            progress(fmt)
        out[fmt] = RENDERERS[fmt](doc, path)
    return out


def draft_stem(period_code: str, kind: ReportKind | None) -> str:
    """File name stem of a draft: ``Du-thao-BC-2026-10``."""
    ref = resolve_period(period_code, kind)
    return f"Du-thao-BC-{ref.code}"


def generate_draft(
    db: Database,
    *,
    period_code: str,
    out_dir: Path,
    kind: ReportKind | None = ReportKind.MONTH,
    doc_id: int | None = None,
    options: ReportOptions | None = None,
    narrative_overrides: Mapping[str, str] | None = None,
    formats: tuple[str, ...] = ("pdf", "docx", "xlsx"),
    stem: str | None = None,
    progress: Progress | None = None,
) -> GeneratedReport:
    """Write the files of a draft report (no number) into ``out_dir``.

    With ``doc_id`` the saved draft supplies signer, recipients and edited
    narrative. Reads only; nothing is written to the database.
    """
    with db.session() as session:
        document = register.get_document(session, doc_id) if doc_id is not None else None
        if document is not None and document.period is not None:
            period_code = document.period.code
            kind = document.kind
        doc, data = build_report(
            session,
            period_code=period_code,
            kind=kind,
            document=document,
            options=options,
            narrative_overrides=narrative_overrides,
        )
    name = stem or draft_stem(period_code, kind)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = write_all(doc, {fmt: out_dir / f"{name}.{fmt}" for fmt in formats}, progress=progress)
    return GeneratedReport(paths=paths, document=doc, data=data, doc_id=doc_id)


def _writer(session: object, written: list[Path]) -> register.FileWriter:
    def write(doc: IssuedDocument, paths: Mapping[str, Path]) -> None:
        assert doc.period is not None
        admin, _data = build_report(
            session,  # type: ignore[arg-type]
            period_code=doc.period.code,
            kind=doc.kind,
            document=doc,
        )
        written.extend(paths.values())
        write_all(admin, paths)

    return write


def issue_report(
    db: Database,
    doc_id: int,
    *,
    issued_on: dt.date,
    actor: Actor | None = None,
    replace: bool = False,
    narrative: Mapping[str, str] | None = None,
) -> tuple[int, int, dict[str, Path]]:
    """Issue draft ``doc_id`` (or, with ``replace``, reissue issued document
    ``doc_id``): returns (document id, number, file paths)."""
    written: list[Path] = []
    try:
        with db.transaction(actor=actor) as session:
            writer = _writer(session, written)
            root = register.reports_dir(db.path)
            if replace:
                doc = register.reissue(
                    session,
                    doc_id,
                    issued_on=issued_on,
                    output_root=root,
                    write_files=writer,
                    actor=actor,
                    narrative=narrative,
                )
            else:
                doc = register.issue(
                    session,
                    doc_id,
                    issued_on=issued_on,
                    output_root=root,
                    write_files=writer,
                    actor=actor,
                )
            assert doc.number is not None
            result = (doc.id, doc.number, {f.fmt: Path(f.path) for f in doc.files})
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return result


def summary_of(period_code: str, kind: ReportKind | None) -> str:
    """The generated summary line of a report of this period."""
    from reports import texts

    return texts.SUMMARY.format(period=period_phrase(resolve_period(period_code, kind)))
