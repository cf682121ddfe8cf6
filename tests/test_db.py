"""The database entry point: creation, pragmas, refusals, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text

from models.audit import Actor
from models.db import current_revision, head_revision, open_database
from models.enums import AuditAction, UnitKind
from models.errors import DatabaseError, NewerDatabaseError
from models.schema import AuditEntry, Unit


def test_new_file_is_created_migrated_and_tuned(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.db")
    assert current_revision(db.engine) == head_revision()
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    db.close()


def test_newer_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = path.read_bytes()
    with pytest.raises(NewerDatabaseError) as err:
        open_database(path)
    assert "phiên bản mới hơn" in err.value.message
    assert path.read_bytes() == before


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER)")
    with pytest.raises(DatabaseError) as err:
        open_database(path)
    assert "không phải cơ sở dữ liệu" in err.value.message


def test_garbage_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(b"this is a word document, not a database" * 10)
    with pytest.raises(DatabaseError):
        open_database(path)
    assert path.read_bytes().startswith(b"this is a word")


def test_missing_file_without_create_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError):
        open_database(tmp_path / "missing.db", create=False)


def test_bad_url_is_a_vietnamese_error() -> None:
    with pytest.raises(DatabaseError) as err:
        open_database("postgresql://")  # no database given: cannot connect
    assert err.value.message


def test_changes_are_audited_with_before_and_after(db) -> None:  # type: ignore[no-untyped-def]
    actor = Actor(user_id=None, username="tester")
    with db.transaction(actor=actor) as s:
        s.add(Unit(code="VHXH", name="Phòng Văn hóa - Xã hội", kind=UnitKind.DEPARTMENT))
    with db.transaction(actor=actor) as s:
        unit = s.scalar(select(Unit).where(Unit.code == "VHXH"))
        unit.name = "Phòng Văn hóa – Xã hội"
    with db.session() as s:
        entries = list(s.scalars(select(AuditEntry).order_by(AuditEntry.id)))
    assert [e.action for e in entries] == [AuditAction.CREATE, AuditAction.UPDATE]
    assert entries[0].username == "tester"
    assert entries[0].entity == "unit" and entries[0].entity_uuid
    assert entries[1].before == {"name": "Phòng Văn hóa - Xã hội"}
    assert entries[1].after == {"name": "Phòng Văn hóa – Xã hội"}
    assert entries[1].at.tzinfo is not None


def test_rolled_back_change_leaves_no_audit_line(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuntimeError), db.transaction() as s:
        s.add(Unit(code="KT", name="Phòng Kinh tế"))
        s.flush()
        raise RuntimeError("boom")
    with db.session() as s:
        assert s.scalar(select(AuditEntry)) is None
        assert s.scalar(select(Unit)) is None
