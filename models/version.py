"""The program's version, read from the installed metadata or pyproject.toml."""

from __future__ import annotations

import sys
import tomllib
from functools import cache
from pathlib import Path


@cache
def program_version() -> str:
    """Version string of this program, e.g. ``0.1.0``."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    pyproject = base / "pyproject.toml"
    if pyproject.is_file():
        with pyproject.open("rb") as fh:
            return str(tomllib.load(fh)["project"]["version"])
    try:
        from importlib.metadata import version

        return version("nq57-tracker")
    except Exception:  # noqa: BLE001 - frozen build without metadata
        return "0.0.0"
