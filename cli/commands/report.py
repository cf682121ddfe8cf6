"""``python main.py report --period 2026-10 --out DIR``: draft report files.

Writes the PDF, Word and Excel files of a draft report (no number, nothing
recorded in the register) and prints their paths on standard output, one
per line, so a script can pick them up.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from models import texts_register as texts
from models.db import open_database
from models.enums import ReportKind
from models.errors import InputError
from models.numbers import parse_date_vi
from reports.content import ReportOptions
from reports.issuing import RENDERERS, generate_draft


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "report", parents=[parent], help=texts.REPORT_HELP, description=texts.REPORT_HELP
    )
    p.add_argument("--period", required=True, metavar="KỲ", help=texts.REPORT_PERIOD_HELP)
    p.add_argument(
        "--kind",
        choices=[k.value for k in ReportKind],
        default=None,
        metavar="LOẠI",
        help=texts.REPORT_KIND_HELP,
    )
    p.add_argument("--out", required=True, metavar="THƯ_MỤC", type=Path, help=texts.REPORT_OUT_HELP)
    p.add_argument("--date", default=None, metavar="NGÀY", help=texts.REPORT_DATE_HELP)
    p.add_argument("--blank-date", action="store_true", help=texts.REPORT_BLANK_DATE_HELP)
    p.add_argument(
        "--formats", default="pdf,docx,xlsx", metavar="DẠNG", help=texts.REPORT_FORMATS_HELP
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    formats = tuple(f.strip().lower() for f in args.formats.split(",") if f.strip())
    for fmt in formats:
        if fmt not in RENDERERS:
            raise InputError(texts.REPORT_BAD_FORMAT.format(fmt=fmt), field="formats")
    if args.out.exists() and not args.out.is_dir():
        raise InputError(texts.REPORT_OUT_NOT_DIR.format(path=args.out), field="out")
    date = parse_date_vi(args.date, field="--date") if args.date else None
    options = ReportOptions(date=date, blank_date=bool(args.blank_date))
    kind = ReportKind(args.kind) if args.kind else None
    db = open_database(args.db, create=False)
    try:
        result = generate_draft(
            db,
            period_code=args.period,
            kind=kind,
            out_dir=args.out,
            options=options,
            formats=formats or tuple(RENDERERS),
        )
    finally:
        db.close()
    for fmt in formats or tuple(RENDERERS):
        print(result.paths[fmt])
    return 0
