"""Parse the command line and run a command or the desktop program."""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from collections.abc import Callable, Sequence

from cli import argparse_vi
from cli.commands import COMMAND_MODULES
from models import texts
from models.errors import AppError
from models.version import program_version

Handler = Callable[[argparse.Namespace], int]


def common_parent() -> argparse.ArgumentParser:
    """Options every command takes: ``--db`` and ``--debug``."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--db", metavar="PATH_OR_URL", default=None, help=texts.CLI_DB_HELP)
    parent.add_argument("--debug", action="store_true", default=False, help=texts.CLI_DEBUG_HELP)
    return parent


def program_invocation() -> str:
    """How the user started us: ``nq57-cli`` in the built program, else ``python main.py``."""
    if getattr(sys, "frozen", False):
        from pathlib import Path

        return Path(sys.executable).stem
    return "python main.py"


def build_parser() -> argparse.ArgumentParser:
    argparse_vi.install()
    parent = common_parent()
    parser = argparse.ArgumentParser(
        prog=program_invocation(),
        description=texts.CLI_DESCRIPTION,
        parents=[parent],
        epilog="Không có lệnh: mở chương trình trên máy tính (giao diện).",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {program_version()}",
        help=texts.CLI_VERSION_HELP,
    )
    sub = parser.add_subparsers(dest="command", title="lệnh", metavar="LỆNH")
    for name in COMMAND_MODULES:
        importlib.import_module(f"cli.commands.{name}").register(sub, parent)
    return parser


def run_gui(args: argparse.Namespace) -> int:
    try:
        from ui.app import run
    except ImportError as exc:
        print(texts.CLI_NO_GUI.format(reason=exc), file=sys.stderr)
        return 1
    return int(run(db=args.db, debug=args.debug))


def main(argv: Sequence[str] | None = None) -> int:
    # Fast path to the desktop program: with only --db/--debug there is no
    # command, so the command modules (reports, openpyxl...) are not imported
    # and the window comes up sooner.
    args, rest = common_parent().parse_known_args(argv)
    if not rest:
        return _run(args, None)
    args = build_parser().parse_args(argv)
    return _run(args, getattr(args, "handler", None))


def _run(args: argparse.Namespace, handler: Handler | None) -> int:
    try:
        if handler is None:
            return run_gui(args)
        return int(handler(args))
    except AppError as err:
        if args.debug:
            traceback.print_exc()
        print(texts.CLI_ERROR_PREFIX + err.message, file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print(texts.CLI_INTERRUPTED, file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - last resort: one line, no traceback
        if args.debug:
            traceback.print_exc()
        print(texts.CLI_UNEXPECTED.format(reason=exc.__class__.__name__ + ": " + str(exc)), file=sys.stderr)
        return 1
