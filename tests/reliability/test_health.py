"""Start-up health, and the database's behaviour on a full or read-only disk."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event, select, text

from models import backup as bk
from models.db import open_database
from models.errors import DatabaseError
from models.health import HealthError, after_open, check_file, startup_check
from models.schema import Setting
from tests.reliability.helpers import dump_tables

REPO = Path(__file__).resolve().parents[2]


def damage_middle(path: Path) -> None:
    """Overwrite pages in the middle of the file, as a failing disk would."""
    raw = bytearray(path.read_bytes())
    page = 4096
    first = len(raw) // page // 2
    for p in range(first, min(first + 4, len(raw) // page)):
        raw[p * page : p * page + 512] = os.urandom(512)
    path.write_bytes(bytes(raw))


@pytest.fixture
def damaged(demo_db, tmp_path):
    """A demo database with one good backup, then damaged in the middle."""
    good = bk.make_backup(demo_db, reason=bk.BackupKind.DAILY)
    demo_db.close()
    damage_middle(demo_db.path)
    return demo_db.path, good


def test_healthy_database_passes_and_takes_the_lock(demo_db):
    path = demo_db.path
    demo_db.close()
    check = startup_check(path)
    try:
        assert check.lock is not None and check.lock.held and not check.read_only
        assert check.messages == []
    finally:
        check.lock.release()


def test_damaged_database_explained_in_vietnamese_with_latest_good_backup(damaged):
    path, good = damaged
    size = path.stat().st_size
    with pytest.raises(HealthError) as err:
        startup_check(path)
    e = err.value
    assert isinstance(e, DatabaseError)
    assert e.kind == "corrupt"
    assert e.message.startswith(f"Cơ sở dữ liệu {path} bị hỏng (kiểm tra toàn vẹn không đạt)")
    assert f"Bản sao lưu tốt gần nhất: {good}" in e.message
    assert e.backup is not None and e.backup.path == good
    # Nothing was created or overwritten in place of the damaged file.
    assert path.stat().st_size == size


def test_restoring_the_offered_backup_brings_the_database_back(damaged):
    path, good = damaged
    with pytest.raises(HealthError) as err:
        check_file(path)
    bk.restore(path, err.value.backup.path)
    check_file(path)  # healthy again
    db = open_database(path)
    try:
        with db.session() as s:
            assert s.execute(text("SELECT count(*) FROM task")).scalar() > 50
    finally:
        db.close()


def test_damaged_without_backup_says_so(demo_db):
    path = demo_db.path
    demo_db.close()
    damage_middle(path)
    with pytest.raises(HealthError) as err:
        check_file(path)
    assert err.value.backup is None
    assert "Không tìm thấy bản sao lưu nào dùng được" in err.value.message


def test_header_destroyed_is_damage_not_a_new_database(damaged):
    path, _good = damaged
    raw = bytearray(path.read_bytes())
    raw[:16] = b"\x00" * 16
    path.write_bytes(bytes(raw))
    with pytest.raises(HealthError) as err:
        check_file(path)
    assert err.value.kind == "corrupt" and err.value.backup is not None


def test_missing_database_with_backups_is_not_silently_recreated(demo_db):
    path = demo_db.path
    bk.make_backup(demo_db)
    demo_db.close()
    path.unlink()
    for extra in ("-wal", "-shm"):
        path.with_name(path.name + extra).unlink(missing_ok=True)
    with pytest.raises(HealthError) as err:
        startup_check(path)
    assert err.value.kind == "missing"
    assert "không tự tạo một cơ sở dữ liệu trống" in err.value.message
    assert not path.exists()


def test_first_run_without_anything_is_fine(tmp_path):
    check = startup_check(tmp_path / "moi.db")
    assert check.lock is not None
    check.lock.release()


def test_fresh_process_on_damaged_file_prints_message_no_traceback(damaged, tmp_path):
    """A fresh process checking a damaged file: Vietnamese message, no traceback, file kept."""
    path, good = damaged
    before = path.read_bytes()
    code = (
        f"import sys; sys.path.insert(0, {str(REPO)!r})\n"
        "from models.health import startup_check\n"
        "from models.errors import AppError\n"
        f"try:\n    startup_check({str(path)!r})\n"
        "except AppError as e:\n    print(e.message); sys.exit(e.exit_code)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         encoding="utf-8", env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    assert res.returncode == 2
    assert "bị hỏng" in res.stdout and good.name in res.stdout
    assert "Traceback" not in res.stderr
    assert path.read_bytes() == before


# --- Full and read-only disks -----------------------------------------------------


def test_full_disk_refused_in_vietnamese_and_nothing_saved_is_lost(db):
    with db.transaction() as s:
        s.add(Setting(key="truoc", value="đã lưu"))
    before = dump_tables(db.path)
    with db.engine.connect() as conn:
        pages = conn.execute(text("PRAGMA page_count")).scalar()

    @event.listens_for(db.engine, "connect")
    def _tiny(dbapi_conn, _rec):  # the disk "fills up" two pages later
        dbapi_conn.execute(f"PRAGMA max_page_count={pages + 2}")

    db.engine.dispose()
    with pytest.raises(DatabaseError) as err, db.transaction() as s:
        for i in range(300):
            s.add(Setting(key=f"lon{i}", value="x" * 4000))
    assert err.value.message == (
        "Ổ đĩa đã đầy, không ghi được dữ liệu. Những gì đã lưu trước đó vẫn được giữ nguyên."
    )
    event.remove(db.engine, "connect", _tiny)
    db.engine.dispose()
    assert dump_tables(db.path) == before
    with db.session() as s:
        assert s.get(Setting, "truoc").value == "đã lưu"


def test_read_only_database_refuses_writes_in_vietnamese(db):
    path = db.path
    with db.transaction() as s:
        s.add(Setting(key="a", value=1))
    db.close()
    ro = open_database(path, read_only=True)
    try:
        with pytest.raises(DatabaseError) as err, ro.transaction() as s:
            s.add(Setting(key="b", value=2))
        assert err.value.message.startswith("Cơ sở dữ liệu đang ở chế độ chỉ đọc:")
        assert "những gì đã lưu trước đó vẫn được giữ nguyên" in err.value.message
        with ro.session() as s:
            assert s.scalar(select(Setting.value).where(Setting.key == "a")) == 1
    finally:
        ro.close()


def test_after_open_makes_the_daily_backup_and_warns_instead_of_failing(demo_db, tmp_path):
    assert after_open(demo_db) == []
    assert bk.list_backups(demo_db.path.with_name("demo.db.backups"))
    # A second database whose backup folder cannot be written: a warning, not a crash.
    other = tmp_path / "khac"
    other.mkdir()
    path = other / "x.db"
    db2 = open_database(path)
    try:
        (other / "x.db.backups").write_text("không phải thư mục")
        with db2.transaction() as s:
            s.add(Setting(key="backup_dir", value=str(other / "x.db.backups" / "con")))
        warnings = after_open(db2)
        assert len(warnings) == 1 and warnings[0].startswith("Chưa sao lưu được dữ liệu đầu ngày")
    finally:
        db2.close()


def test_reading_a_damaged_file_without_the_check_gives_our_message(damaged):
    """Code that skips the start-up check (a command) still gets a Vietnamese error."""
    from sqlalchemy import inspect as sa_inspect

    path, _good = damaged
    errors = []
    try:
        db = open_database(path, migrate=False)
    except DatabaseError as exc:
        errors.append(exc)
    else:
        try:
            for table in sa_inspect(db.engine).get_table_names():
                try:
                    with db.session() as s:
                        s.execute(text(f'SELECT * FROM "{table}"')).fetchall()
                except DatabaseError as exc:
                    errors.append(exc)
        finally:
            db.close()
    assert errors, "the damage must be noticed"
    for exc in errors:
        assert "bị hỏng" in exc.message or "không phải cơ sở dữ liệu" in exc.message, exc.message
