"""Shared fixtures: isolated data folder, fresh databases, the demo commune.

Every test gets its own ``NQ57_DATA_DIR`` so nothing touches the user's
real data. ``db`` is a fresh migrated SQLite file; ``demo_db`` is a copy of
a demo commune built once per test session (building it takes seconds).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO.parent / "shared" / "samples" / "plans"
DEMO_TODAY = dt.date(2026, 11, 21)  # fixed "today" so demo data is stable


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("NQ57_DATA_DIR", str(data))
    return data


@pytest.fixture
def db(tmp_path: Path) -> Iterator[object]:
    from models.db import open_database

    database = open_database(tmp_path / "test.db")
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo commune database built once per session (do not modify it)."""
    from models.db import open_database
    from models.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = open_database(path)
    build_demo(database, commune_code=10993, today=DEMO_TODAY)
    database.close()
    return path


def copy_database(src: Path, dest: Path) -> Path:
    """Copy a closed SQLite database with its companion folders."""
    shutil.copy2(src, dest)
    for companion in src.parent.glob(src.name + ".*"):
        if companion.is_dir():
            shutil.copytree(companion, dest.parent / (dest.name + companion.name[len(src.name):]))
    return dest


@pytest.fixture
def demo_db(demo_db_file: Path, tmp_path: Path) -> Iterator[object]:
    """A private, writable copy of the demo commune database."""
    from models.db import open_database

    path = copy_database(demo_db_file, tmp_path / "demo.db")
    database = open_database(path)
    yield database
    database.close()
