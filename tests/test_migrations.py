"""Migrations: from an empty database to head, and no drift from the schema."""

from __future__ import annotations

from pathlib import Path

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
