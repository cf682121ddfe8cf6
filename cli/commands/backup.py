"""``python main.py backup --db PATH [--out DIR]``: back up a database now."""

from __future__ import annotations

import argparse
from pathlib import Path

from models import texts
from models.backup import KIND_LABELS, BackupKind, list_backups, make_backup
from models.backup import configured_backup_dir as _configured
from models.db import open_database, resolve_target
from models.errors import AppError


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "backup", parents=[parent], help=texts.BACKUP_HELP, description=texts.BACKUP_HELP
    )
    p.add_argument("--out", metavar="DIR", default=None, help=texts.BACKUP_OUT_HELP)
    p.add_argument("--list", action="store_true", help=texts.BACKUP_LIST_HELP)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    url, path = resolve_target(args.db)
    if path is None:
        from models.backup import BackupError

        raise BackupError(
            texts.BACKUP_NOT_SQLITE.format(url=url.render_as_string(hide_password=True))
        )
    if not path.is_file():
        raise AppError(texts.BACKUP_NO_DB.format(path=path))
    if args.list:
        folder = _folder(args.out, path)
        found = list_backups(folder, stem=path.stem)
        if not found:
            print(texts.BACKUP_LIST_EMPTY.format(folder=folder))
        for b in found:
            kind = KIND_LABELS.get(b.kind, "?") if b.kind else "?"
            print(texts.BACKUP_LIST_LINE.format(
                when=b.stamp.strftime("%d/%m/%Y %H:%M:%S"), kind=kind,
                size=f"{b.size:,}".replace(",", "."), path=b.path,
            ))
        return 0
    # Open (and migrate if needed) so the backup is logged in the audit log.
    db = open_database(path, create=False)
    try:
        out = make_backup(
            db, dest_dir=_folder(args.out, path) if args.out else None, reason=BackupKind.MANUAL
        )
    finally:
        db.close()
    print(out)
    return 0


def _folder(out: str | None, path: Path) -> Path:
    return Path(out).expanduser() if out else _configured(path)
