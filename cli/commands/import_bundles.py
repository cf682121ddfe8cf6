"""``python main.py import BUNDLE_OR_DIR... [--scope 31|all] [--dry-run]``.

Imports communes' bundles into an upper-level database, creating it with the
given scope if missing. Prints one summary per bundle (Vietnamese) and a
total; exits with 4 if any bundle was refused.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from models import texts
from models.audit import Actor
from models.bundle.import_ import expand_paths, import_bundles, summary_line
from models.bundle.scope import ensure_upper_level, parse_scope
from models.db import open_database, resolve_target
from models.errors import BundleError

CLI_ACTOR = "dòng lệnh"


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("import", parents=[parent], help=texts.IMPORT_HELP, description=texts.IMPORT_HELP)
    p.add_argument("paths", nargs="+", metavar="GÓI_HOẶC_THƯ_MỤC", type=Path, help=texts.IMPORT_PATHS_HELP)
    p.add_argument("--scope", default=None, metavar="MÃ_TỈNH|all", help=texts.IMPORT_SCOPE_HELP)
    p.add_argument("--dry-run", action="store_true", help=texts.IMPORT_DRY_RUN_HELP)
    p.add_argument("--accept-key-change", action="store_true", help=texts.IMPORT_ACCEPT_KEY_HELP)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    scope = parse_scope(args.scope) if args.scope is not None else None
    files = expand_paths(args.paths)
    if not files:
        raise BundleError(texts.IMPORT_NO_BUNDLES.format(paths=", ".join(str(p) for p in args.paths)))
    _url, path = resolve_target(args.db)
    missing = path is not None and (not path.exists() or path.stat().st_size == 0)
    with tempfile.TemporaryDirectory(prefix="nq57-dry-") as tmp:
        # A dry run against a database that does not exist yet checks against an
        # empty throw-away one, so that nothing is created.
        target = Path(tmp) / "dry.db" if args.dry_run and missing else args.db
        db = open_database(target)
        try:
            if args.dry_run:
                print(texts.IMPORT_DRY_RUN_HEADER)
            elif missing:
                created = ensure_upper_level(db, scope)
                print(texts.IMPORT_CREATED_DB.format(db=path, scope=created.label))
            results = import_bundles(
                db,
                files,
                scope=scope,
                actor=Actor.system(CLI_ACTOR),
                dry_run=args.dry_run,
                accept_key_change=args.accept_key_change,
            )
        finally:
            db.close()
    for r in results:
        for line in r.lines():
            print(line)
    print(summary_line(results))
    return BundleError.exit_code if any(r.refused for r in results) else 0
