"""``python main.py demo``: build the demo commune database."""

from __future__ import annotations

import argparse
import shutil
import time

from models import texts
from models.db import open_database, resolve_target
from models.demo import DEFAULT_COMMUNE_CODE, build_demo
from models.errors import AppError
from models.geo import commune_by_code


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("demo", parents=[parent], help=texts.DEMO_HELP, description=texts.DEMO_HELP)
    p.add_argument(
        "--commune-code", type=int, default=DEFAULT_COMMUNE_CODE, metavar="CODE",
        help=texts.DEMO_CODE_HELP,
    )
    p.add_argument("--force", action="store_true", help=texts.DEMO_FORCE_HELP)
    p.set_defaults(handler=run)


def _has_data(target: str | None) -> bool:
    url, path = resolve_target(target)
    if path is not None:
        return path.exists() and path.stat().st_size > 0
    db = open_database(target)
    try:
        from sqlalchemy import func, select

        from models.schema import Commune

        with db.session() as s:
            return bool(s.scalar(select(func.count()).select_from(Commune)))
    finally:
        db.close()


def _remove_sqlite(target: str | None) -> None:
    url, path = resolve_target(target)
    if path is None:
        raise AppError(texts.DEMO_NOT_FILE.format(url=url.render_as_string(hide_password=True)))
    for extra in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + extra).unlink(missing_ok=True)
    for companion in path.parent.glob(path.name + ".*"):
        if companion.is_dir() and companion.name.endswith((".evidence", ".keys", ".reports")):
            shutil.rmtree(companion)


def run(args: argparse.Namespace) -> int:
    commune_by_code(args.commune_code)  # Vietnamese error for an unknown code
    if _has_data(args.db):
        if not args.force:
            _url, path = resolve_target(args.db)
            raise AppError(texts.DEMO_EXISTS.format(path=path or args.db))
        _remove_sqlite(args.db)
    started = time.perf_counter()
    db = open_database(args.db)
    try:
        summary = build_demo(db, commune_code=args.commune_code)
    finally:
        db.close()
    _url, path = resolve_target(args.db)
    print(
        texts.DEMO_DONE.format(
            commune=summary.commune_name, province=summary.province_name,
            path=path or args.db, tasks=summary.tasks, indicators=summary.indicators,
            periods=summary.periods,
        )
        + f" ({time.perf_counter() - started:.1f} s)"
    )
    return 0
