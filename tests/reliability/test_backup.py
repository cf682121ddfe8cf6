"""Backups: round trip identical table by table with evidence files, rotation,
verification of damaged backups, safety backup before a restore, the CLI."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from models import backup as bk
from models.audit import Actor
from models.db import open_database
from models.enums import AuditAction
from models.instance_lock import InstanceLock
from models.schema import AuditEntry, EvidenceFile
from models.services import updates
from tests.reliability.helpers import dump_tables, form_with_change, save_form

REPO = Path(__file__).resolve().parents[2]
PERIOD = "2026-10"


def evidence_state(db_path: Path) -> dict[str, str]:
    """relative path -> sha256 of every file in the evidence folder."""
    root = db_path.with_name(db_path.name + ".evidence")
    if not root.is_dir():
        return {}
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def attach_evidence(db, tmp_path: Path, *, unit: str, name: str, content: bytes, result: str):
    """Save the unit's form with a new evidence file attached to its first task."""
    src = tmp_path / name
    src.write_bytes(content)
    form = form_with_change(db, unit_code=unit, period_code=PERIOD, result=result)
    form.tasks[0].evidence.append(updates.EvidenceItem.from_path(src))
    save_form(db, form, username="tonghop")


@pytest.fixture
def data(demo_db, tmp_path):
    """The demo commune with two evidence files."""
    attach_evidence(demo_db, tmp_path, unit="VHXH", name="Biên bản họp.pdf",
                    content=b"%PDF-1.4 bien ban " * 300, result="Đã họp triển khai")
    attach_evidence(demo_db, tmp_path, unit="KT", name="ảnh hiện trường.jpg",
                    content=os.urandom(50_000), result="Đã khảo sát")
    return demo_db


def test_round_trip_identical_table_by_table_with_evidence(data, tmp_path):
    db = data
    before_tables = dump_tables(db.path)
    before_files = evidence_state(db.path)
    assert len(before_files) == 2
    out = bk.make_backup(db, dest_dir=tmp_path / "usb", reason=bk.BackupKind.MANUAL,
                         actor=Actor(None, "tonghop"))
    assert out.parent == tmp_path / "usb" and out.name.endswith(".nq57-backup.zip")
    info = bk.verify_backup(out)
    assert info.files == 2 and info.commune_name == "Xã Thượng Hồng"
    assert info.missing_evidence == ()

    # Then the data change: a new save with a third file, and a deleted file row
    attach_evidence(db, tmp_path, unit="CA", name="kế hoạch.docx", content=b"PK docx" * 99,
                    result="Sau sao lưu")
    with db.transaction() as s:
        s.delete(s.scalars(select(EvidenceFile)).first())
    assert dump_tables(db.path) != before_tables
    db.close()

    result = bk.restore(db.path, out, actor=Actor(None, "admin"))

    after = dump_tables(db.path)
    # Every table identical, except the audit line that records the restore itself
    # (and the backup's own line, written after its snapshot).
    audit_before = before_tables.pop("audit_log")
    audit_after = after.pop("audit_log")
    assert after == before_tables
    assert set(audit_before) <= set(audit_after)
    extra = [r for r in audit_after if r not in audit_before]
    assert [(r[3], r[4]) for r in extra] == [("admin", "restore")]  # username, action
    assert evidence_state(db.path) == before_files
    assert result.safety_backup is not None and result.safety_backup.exists()


def test_safety_backup_holds_the_data_replaced(data, tmp_path):
    db = data
    out = bk.make_backup(db, dest_dir=tmp_path / "b")
    attach_evidence(db, tmp_path, unit="CA", name="sau.pdf", content=b"sau " * 500,
                    result="Nhập sau khi sao lưu")
    changed_tables = dump_tables(db.path)
    changed_files = evidence_state(db.path)
    db.close()
    result = bk.restore(db.path, out, safety_dir=tmp_path / "safety")
    assert result.safety_backup is not None
    assert result.safety_backup.parent == tmp_path / "safety"
    assert "truoc-phuc-hoi" in result.safety_backup.name
    # Restoring the safety backup elsewhere gives back the replaced data.
    other = tmp_path / "khac" / "demo.db"
    bk.restore(other, result.safety_backup, safety_backup=False)
    got = dump_tables(other)
    got.pop("audit_log")
    changed_tables.pop("audit_log")
    assert got == changed_tables
    assert evidence_state(other) == changed_files


def test_corrupted_backup_is_detected_and_skipped(data, tmp_path):
    folder = tmp_path / "b"
    good = bk.make_backup(data, dest_dir=folder, now=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    newest = bk.make_backup(data, dest_dir=folder, now=dt.datetime(2026, 11, 2, tzinfo=dt.UTC))
    # Flip a byte in the middle of the newest backup (inside the database member).
    raw = bytearray(newest.read_bytes())
    with zipfile.ZipFile(newest) as zf:
        info = zf.getinfo("database.sqlite")
    middle = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    raw[middle] ^= 0xFF
    newest.write_bytes(bytes(raw))
    with pytest.raises(bk.BackupError) as err:
        bk.verify_backup(newest)
    assert "không dùng được" in err.value.message
    assert "database.sqlite" in err.value.message
    # The latest good one is the older backup.
    latest = bk.latest_good_backup(data.path, folders=[folder])
    assert latest is not None and latest.path == good


@pytest.mark.parametrize("damage", ["truncate", "extra", "manifest_hash", "not_zip", "evil_path"])
def test_every_kind_of_damage_is_refused_in_vietnamese(data, tmp_path, damage):
    out = bk.make_backup(data, dest_dir=tmp_path / "b")
    raw = out.read_bytes()
    bad = tmp_path / "hong.nq57-backup.zip"
    if damage == "truncate":
        bad.write_bytes(raw[: len(raw) // 2])
    elif damage == "not_zip":
        bad.write_bytes(b"day khong phai zip")
    else:
        with zipfile.ZipFile(out) as src, zipfile.ZipFile(bad, "w") as dst:
            manifest = json.loads(src.read("manifest.json"))
            for item in src.infolist():
                if item.filename != "manifest.json":
                    dst.writestr(item, src.read(item))
            if damage == "extra":
                dst.writestr("evidence/la.exe", b"MZ")
            if damage == "evil_path":
                dst.writestr("../../ngoai.txt", b"x")
                manifest["members"]["../../ngoai.txt"] = {"sha256": "0", "size": 1}
            if damage == "manifest_hash":
                manifest["members"]["database.sqlite"]["sha256"] = "0" * 64
            dst.writestr("manifest.json", json.dumps(manifest))
    with pytest.raises(bk.BackupError) as err:
        bk.verify_backup(bad)
    assert err.value.message.startswith("Bản sao lưu hong.nq57-backup.zip không dùng được: ")
    # And restoring it changes nothing.
    before = dump_tables(data.path)
    data.close()
    with pytest.raises(bk.BackupError):
        bk.restore(data.path, bad)
    assert dump_tables(data.path) == before
    assert not list(tmp_path.glob("b/*truoc-phuc-hoi*"))  # no safety backup needed


def test_rotation_keeps_daily_monthly_and_manual(tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    made = []
    start = dt.datetime(2025, 1, 1, 8, 0)
    for day in range(0, 400, 1):  # one backup a day for 400 days, two on some days
        when = start + dt.timedelta(days=day)
        for hour in (0, 5) if day % 50 == 0 else (0,):
            t = when + dt.timedelta(hours=hour)
            p = folder / f"nq57-{t:%Y%m%d-%H%M%S}-hang-ngay.nq57-backup.zip"
            p.write_bytes(b"x")
            made.append(p)
    manual = folder / "nq57-20250105-120000-thu-cong.nq57-backup.zip"
    manual.write_bytes(b"x")
    other_db = folder / "khac-20250105-120000-hang-ngay.nq57-backup.zip"
    other_db.write_bytes(b"x")
    unrelated = folder / "ghi-chu.txt"
    unrelated.write_text("giữ nguyên")

    bk.rotate(folder, keep_daily=14, keep_monthly=12, stem="nq57")

    left = sorted(p.name for p in folder.iterdir())
    assert manual.name in left and other_db.name in left and unrelated.name in left
    kept = [bk.parse_backup_name(folder / n) for n in left]
    kept = [b for b in kept if b and b.stem == "nq57" and b.kind is bk.BackupKind.DAILY]
    last = start + dt.timedelta(days=399)
    days = {b.stamp.date() for b in kept}
    # The last 14 days are all there, one backup each (the newest of the day).
    assert {(last - dt.timedelta(days=i)).date() for i in range(14)} <= days
    # One per month for the 12 most recent months, and nothing older.
    months = sorted({(b.stamp.year, b.stamp.month) for b in kept})
    assert len(months) == 12
    assert len(kept) == len(days)
    assert len(kept) <= 14 + 12


def test_start_of_day_backup_once_a_day_and_rotated(data, tmp_path):
    with data.transaction() as s:
        from models.services.settings import set_backup_folder

        set_backup_folder(s, tmp_path / "usb")
    first = bk.backup_at_start_of_day(data, today=dt.date.today())
    assert first is not None and first.parent == tmp_path / "usb"
    assert bk.backup_at_start_of_day(data, today=dt.date.today()) is None
    with data.session() as s:
        logged = s.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.BACKUP)).all()
        assert len(logged) == 1 and "sao lưu đầu ngày" in logged[0].summary


def test_start_of_day_falls_back_when_usb_missing(data, tmp_path):
    blocker = tmp_path / "usb-rut-ra"
    blocker.write_text("không phải thư mục")
    with data.transaction() as s:
        from models.schema import Setting

        s.add(Setting(key="backup_dir", value=str(blocker / "sao-luu")))
    made = bk.backup_at_start_of_day(data, today=dt.date.today())
    assert made is not None and made.parent == data.path.with_name("demo.db.backups")


def test_unwritable_folder_leaves_nothing(data, tmp_path):
    blocker = tmp_path / "tep"
    blocker.write_text("x")
    with pytest.raises(bk.BackupError) as err:
        bk.make_backup(data, dest_dir=blocker / "con")
    assert err.value.message.startswith("Không ghi được bản sao lưu vào")
    assert "dữ liệu hiện tại không bị ảnh hưởng" in err.value.message


def test_disk_full_while_writing_removes_the_part(data, tmp_path, monkeypatch):
    import errno

    real_write = zipfile.ZipFile.write

    def full(self, *a, **k):
        if str(a[1]).startswith("evidence/"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(self, *a, **k)

    monkeypatch.setattr(zipfile.ZipFile, "write", full)
    folder = tmp_path / "b"
    with pytest.raises(bk.BackupError) as err:
        bk.make_backup(data, dest_dir=folder)
    assert "ổ đĩa đã đầy" in err.value.message
    assert list(folder.iterdir()) == []


def test_restore_refused_while_another_copy_has_the_database(data, tmp_path):
    out = bk.make_backup(data, dest_dir=tmp_path / "b")
    data.close()
    other = InstanceLock(data.path)
    other.acquire()
    try:
        with pytest.raises(bk.BackupError) as err:
            bk.restore(data.path, out)
        assert "đang được mở bởi một cửa sổ chương trình khác" in err.value.message
    finally:
        other.release()


def test_restore_of_a_damaged_database_keeps_a_raw_copy(data, tmp_path):
    out = bk.make_backup(data, dest_dir=tmp_path / "b")
    expected = dump_tables(data.path)
    data.close()
    raw = bytearray(data.path.read_bytes())
    for i in range(4096 * 3, len(raw), 4096):
        raw[i + 100 : i + 200] = b"\xde\xad" * 50
    data.path.write_bytes(bytes(raw))
    result = bk.restore(data.path, out, safety_dir=tmp_path / "s")
    assert result.damaged_copy and result.safety_backup and "ban-hong" in result.safety_backup.name
    got = dump_tables(data.path)
    got.pop("audit_log"), expected.pop("audit_log")
    assert got == expected


# --- Command line ----------------------------------------------------------------


def run_cli(*args: str, stdin: str | None = None, env_dir: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NQ57_DATA_DIR=str(env_dir), PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args],
        input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
    )


def test_cli_backup_and_restore_with_and_without_yes(data, tmp_path):
    db_path = data.path
    snapshot = dump_tables(db_path)
    data.close()
    # backup prints the path of the verified backup
    res = run_cli("backup", "--db", str(db_path), "--out", str(tmp_path / "usb"), env_dir=tmp_path)
    assert res.returncode == 0, res.stderr
    backup = Path(res.stdout.strip().splitlines()[-1])
    assert backup.is_file() and backup.parent == tmp_path / "usb"
    listing = run_cli("backup", "--db", str(db_path), "--out", str(tmp_path / "usb"), "--list",
                      env_dir=tmp_path)
    assert backup.name in listing.stdout and "thủ công" in listing.stdout

    # change the data after the backup
    db = open_database(db_path)
    attach_evidence(db, tmp_path, unit="CA", name="moi.pdf", content=b"moi" * 100, result="Mới")
    db.close()
    changed = dump_tables(db_path)

    # no stdin and no --yes: refused, nothing changed
    res = run_cli("restore", "--db", str(db_path), str(backup), env_dir=tmp_path)
    assert res.returncode != 0
    assert "Không có xác nhận" in res.stderr and "Traceback" not in res.stderr
    assert dump_tables(db_path) == changed

    # answering something else: not restored
    res = run_cli("restore", "--db", str(db_path), str(backup), stdin="khong\n", env_dir=tmp_path)
    assert res.returncode == 1 and "Chưa phục hồi" in res.stdout
    assert dump_tables(db_path) == changed

    # answering 'co': restored
    res = run_cli("restore", "--db", str(db_path), str(backup), stdin="co\n", env_dir=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "Gõ 'co' để tiếp tục" in res.stdout and "Đã phục hồi" in res.stdout
    got = dump_tables(db_path)
    # the backup's own audit line and the restore line aside, the data is the snapshot
    for t in (got, snapshot):
        t.pop("audit_log")
    assert got == snapshot

    # --yes for scripts
    res = run_cli("restore", "--db", str(db_path), str(backup), "--yes", env_dir=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "Gõ 'co'" not in res.stdout


def test_cli_refuses_a_bad_backup_in_one_line(data, tmp_path):
    bad = tmp_path / "x.nq57-backup.zip"
    bad.write_bytes(b"PK\x03\x04 hong")
    data.close()
    res = run_cli("restore", "--db", str(data.path), str(bad), "--yes", env_dir=tmp_path)
    assert res.returncode != 0
    assert res.stderr.strip().startswith("Lỗi: Bản sao lưu x.nq57-backup.zip không dùng được")
    assert "Traceback" not in res.stderr


def test_pre_migration_backup_is_a_verified_backup(data, monkeypatch):
    """Before a schema step the program makes a full backup (with evidence)."""
    import models.db as dbmod

    path = data.path
    data.close()
    # Given a program whose schema is one step ahead of the file
    monkeypatch.setattr(dbmod, "head_revision", lambda: "9999_next")
    db = open_database(path)
    try:
        assert db.migrated_from == "0001"
        made = db.pre_migration_backup
        assert made is not None and "truoc-nang-cap" in made.name
        info = bk.verify_backup(made)
        assert info.kind is bk.BackupKind.MIGRATION and info.files == 2
    finally:
        db.close()


def test_round_trip_in_a_folder_with_awkward_name(demo_db, tmp_path):
    """Spaces, accents, '#' and '?' in the path (a USB stick named by a user)."""
    odd = tmp_path / "Dữ liệu #1 ? xã"
    odd.mkdir()
    path = demo_db.path
    demo_db.close()
    from tests.conftest import copy_database

    db_path = copy_database(path, odd / "xã mẫu.db")
    before = dump_tables(db_path)
    made = bk.make_backup(db_path, dest_dir=odd / "sao lưu #2")
    assert bk.verify_backup(made).commune_name == "Xã Thượng Hồng"
    bk.restore(db_path, made)
    after = dump_tables(db_path)
    after.pop("audit_log"), before.pop("audit_log")
    assert after == before
