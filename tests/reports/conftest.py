"""The demo report, generated once per test module in its three formats.

``issued_report``: report of October 2026 of the demo commune as issued
(number 05, dated 05/11/2026, signed by a vice-chairman "KT. CHỦ TỊCH",
two upward recipients in "Kính gửi"). ``draft_report``: the same period as
a draft (blank number and date, the chairman signs, one upward recipient).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from models.db import open_database
from models.schema import Recipient, Signer
from models.services.register import recipients_snapshot, signer_snapshot
from reports.content import ReportData, ReportOptions
from reports.document import AdminDocument
from reports.issuing import generate_draft

ISSUED_NUMBER = 5
ISSUED_DATE = dt.date(2026, 11, 5)
PERIOD = "2026-10"


@dataclass
class ReportFiles:
    pdf: Path
    docx: Path
    xlsx: Path
    document: AdminDocument
    data: ReportData


def _generate(db_file: Path, out: Path, *, issued: bool) -> ReportFiles:
    db = open_database(db_file)
    try:
        with db.session() as s:
            signers = list(s.scalars(select(Signer).order_by(Signer.id)))
            recipients = list(
                s.scalars(select(Recipient).order_by(Recipient.sort_order, Recipient.id))
            )
            if issued:
                signer = next(x for x in signers if x.on_behalf_of)  # a vice-chairman
                chosen = [r for r in recipients if r.default_selected]
                options = ReportOptions(
                    signer=signer_snapshot(signer),
                    recipients=recipients_snapshot(chosen),
                    number=ISSUED_NUMBER,
                    date=ISSUED_DATE,
                    year=ISSUED_DATE.year,
                )
            else:
                signer = next(x for x in signers if x.is_default)
                upward = [r for r in recipients if r.upward][:1]
                others = [r for r in recipients if not r.upward and r.default_selected]
                options = ReportOptions(
                    signer=signer_snapshot(signer),
                    recipients=recipients_snapshot(upward + others),
                    blank_date=True,
                    year=2026,
                )
        result = generate_draft(
            db, period_code=PERIOD, out_dir=out, options=options, stem="bao-cao"
        )
    finally:
        db.close()
    return ReportFiles(
        pdf=result.paths["pdf"],
        docx=result.paths["docx"],
        xlsx=result.paths["xlsx"],
        document=result.document,
        data=result.data,
    )


@pytest.fixture(scope="module")
def issued_report(
    demo_db_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ReportFiles]:
    yield _generate(demo_db_file, tmp_path_factory.mktemp("issued"), issued=True)


@pytest.fixture(scope="module")
def draft_report(
    demo_db_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ReportFiles]:
    yield _generate(demo_db_file, tmp_path_factory.mktemp("draft"), issued=False)
