"""``python main.py restore --db PATH BACKUP [--yes]``: restore a backup.

Asks for confirmation (type ``co``) unless ``--yes``; without a terminal to
ask on and without ``--yes`` it refuses and changes nothing. A safety backup
of the current data is made first.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from models import texts
from models.backup import BackupError, restore, verify_backup
from models.db import resolve_target
from models.errors import AppError


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "restore", parents=[parent], help=texts.RESTORE_HELP, description=texts.RESTORE_HELP
    )
    p.add_argument("backup", metavar="BACKUP", help=texts.RESTORE_BACKUP_HELP)
    p.add_argument("--yes", action="store_true", help=texts.RESTORE_YES_HELP)
    p.set_defaults(handler=run)


def _confirmed(prompt: str) -> bool:
    """Ask on the terminal; False when there is nothing to read from."""
    stdin = sys.stdin
    if stdin is None or stdin.closed:
        raise AppError(texts.RESTORE_NO_CONFIRM)
    print(prompt, end="", flush=True)
    try:
        answer = stdin.readline()
    except (OSError, ValueError) as exc:
        raise AppError(texts.RESTORE_NO_CONFIRM) from exc
    if answer == "":  # end of input: no one to answer
        print()
        raise AppError(texts.RESTORE_NO_CONFIRM)
    from models.textutil import fold

    return fold(answer.strip()) == texts.RESTORE_CONFIRM_WORD


def run(args: argparse.Namespace) -> int:
    url, path = resolve_target(args.db)
    if path is None:
        raise BackupError(
            texts.BACKUP_NOT_SQLITE.format(url=url.render_as_string(hide_password=True))
        )
    backup = Path(args.backup).expanduser()
    info = verify_backup(backup)  # refuse a bad backup before asking anything
    if not args.yes:
        prompt = texts.RESTORE_CONFIRM.format(db=path, when=info.local_time_text)
        if not _confirmed(prompt):
            print(texts.RESTORE_ABORTED)
            return 1
    result = restore(path, backup)
    if result.safety_backup is not None:
        print(texts.RESTORE_DONE.format(db=path, backup=backup, safety=result.safety_backup))
    else:
        print(texts.RESTORE_DONE_NO_SAFETY.format(db=path, backup=backup))
    return 0
