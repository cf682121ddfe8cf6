"""Migrations: from an empty database to head, and no drift from the schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from models.db import head_revision, open_database, upgrade
from models.schema import Base


def test_migration_from_empty_database_reaches_head(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    upgrade(engine)
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())


def test_migrations_match_the_schema_exactly(tmp_path: Path) -> None:
    db = open_database(tmp_path / "drift.db")
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], f"schema.py and the migrations differ: {diff}"


def test_pre_migration_copy_is_made_for_an_old_database(tmp_path: Path) -> None:
    """A database at an older revision is copied before it is upgraded."""
    from alembic.script import ScriptDirectory

    from models.db import alembic_config

    revisions = [r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()]
    if len(revisions) < 2:
        # Only the baseline exists: simulate an old database by stamping none
        # and checking that a fresh file gets no copy (nothing to protect).
        db = open_database(tmp_path / "fresh.db")
        assert db.pre_migration_backup is None
        return
    oldest = revisions[-1]
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine, oldest)
    engine.dispose()
    db = open_database(path)
    assert db.migrated_from == oldest
    assert db.pre_migration_backup is not None and db.pre_migration_backup.exists()


SAVED = sorted((Path(__file__).parent / "data" / "db").glob("schema-*.db"))


def _table_counts(path: Path) -> dict[str, int]:
    import sqlite3

    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            " AND name != 'alembic_version'")]
        return {n: conn.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}


def test_a_database_of_every_released_schema_is_kept() -> None:
    assert SAVED, "tests/data/db must hold a database of every released schema version"


@pytest.mark.parametrize("saved", SAVED, ids=[p.name for p in SAVED])
def test_saved_databases_upgrade_with_their_data_intact(saved: Path, tmp_path: Path) -> None:
    import shutil

    from sqlalchemy import func, select

    from models.schema import Indicator, Task, TaskUpdate
    from models.services.periods import local_commune

    copy = tmp_path / saved.name
    shutil.copy2(saved, copy)
    before = _table_counts(copy)
    db = open_database(copy)
    try:
        with db.engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == head_revision()
        after = _table_counts(copy)
        # Every table that existed keeps every row (audit lines may be added).
        for table, count in before.items():
            assert after.get(table, 0) >= count, table
            if table != "audit_log":
                assert after[table] == count, table
        with db.session() as s:
            assert local_commune(s).commune_name == "Xã Thượng Hồng"
            assert s.scalar(select(func.count()).select_from(Indicator)) == 38
            assert s.scalar(select(func.count()).select_from(Task)) > 50
            assert s.scalar(select(func.count()).select_from(TaskUpdate)) > 100
    finally:
        db.close()
