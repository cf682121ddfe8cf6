"""Where the program keeps its data, backups, evidence files and logs.

The one place that decides folders. Defaults come from platformdirs (on
Windows ``%LOCALAPPDATA%\\nq57\\nq57-tracker``); the environment variable
``NQ57_DATA_DIR`` or a command-line ``--db`` path overrides them. Folders are
created on first use. The program folder itself is never written to, so an
update replaces the program and keeps the data.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from models import APP_AUTHOR, APP_NAME

ENV_DATA_DIR = "NQ57_DATA_DIR"
DEFAULT_DB_NAME = "nq57.db"


def data_dir() -> Path:
    """The user's data folder (created if missing)."""
    override = os.environ.get(ENV_DATA_DIR)
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / DEFAULT_DB_NAME


def companion_dir(db_path: Path, name: str) -> Path:
    """A folder that belongs to one database file: ``<db>.<name>/``.

    Evidence files, keys and migration copies live beside the database they
    belong to, so copying a database with its folders moves everything.
    """
    path = db_path.with_name(f"{db_path.name}.{name}")
    path.mkdir(parents=True, exist_ok=True)
    return path


def evidence_dir(db_path: Path) -> Path:
    """Managed store of evidence files of the database at ``db_path``."""
    return companion_dir(db_path, "evidence")


def backup_dir(db_path: Path) -> Path:
    """Default backup folder of a database (the user may choose another)."""
    return companion_dir(db_path, "backups")


def log_dir() -> Path:
    path = Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
    if os.environ.get(ENV_DATA_DIR):
        path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def resources_dir() -> Path:
    """The program's read-only resources (plans, fonts, icons)."""
    import sys

    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    return base / "resources"
