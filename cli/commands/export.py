"""``python main.py export --period 2026-10 --out DIR``: export a commune's data bundle.

Prints the path of the verified bundle on standard output (one line), so a
script can pick it up; messages go to standard error.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from models import texts
from models.audit import Actor
from models.bundle.export import export_bundle
from models.db import open_database

CLI_ACTOR = "dòng lệnh"


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("export", parents=[parent], help=texts.EXPORT_HELP, description=texts.EXPORT_HELP)
    p.add_argument("--period", required=True, metavar="KỲ", help=texts.EXPORT_PERIOD_HELP)
    p.add_argument("--out", required=True, metavar="THƯ_MỤC", type=Path, help=texts.EXPORT_OUT_HELP)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    db = open_database(args.db, create=False)
    try:
        path = export_bundle(
            db, period_code=args.period, out_dir=args.out, actor=Actor.system(CLI_ACTOR)
        )
    finally:
        db.close()
    print(path)
    return 0
