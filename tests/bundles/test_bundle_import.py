"""Import at the upper level: refusals change nothing, duplicates, replacement, trust on first use, dry run."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from make_samples import EXPECTED
from sqlalchemy import func, select

from main import main as cli_main
from models.audit import Actor
from models.bundle.import_ import KeyEvent, Outcome, import_bundles
from models.bundle.scope import Scope
from models.db import Database, open_database
from models.enums import AuditAction
from models.errors import BundleError
from models.schema import AuditEntry, BundleImport, ConsolidatedValue, Setting, TrustedKey

ADMIN = Actor(user_id=None, username="admin")  # the program itself (no account in this database)
HP = Scope(31)
Sample = Callable[[str], Path]


def _counts(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {
            t.__tablename__: s.scalar(select(func.count()).select_from(t)) or 0
            for t in (BundleImport, ConsolidatedValue, TrustedKey, AuditEntry)
        }


def _i1(db: Database) -> list[tuple[float | None, bool]]:
    with db.session() as s:
        return list(
            s.execute(
                select(ConsolidatedValue.numeric, BundleImport.current)
                .join(BundleImport, BundleImport.id == ConsolidatedValue.import_id)
                .where(ConsolidatedValue.element_code == "I.1")
                .order_by(BundleImport.created_at)
            ).all()
        )


def _good_i1(sample: Sample) -> float:
    from models.bundle.reader import read_bundle

    rb = read_bundle(sample("good.nq57.zip"))
    return next(i["state"]["value"] for i in rb.data["indicators"] if i["code"] == "I.1")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_refusal_changes_nothing(upper_db: Database, sample: Sample, name: str) -> None:
    import_bundles(upper_db, [sample("good.nq57.zip")], scope=HP, actor=ADMIN)
    before = _counts(upper_db)
    [result] = import_bundles(upper_db, [sample(name)], scope=HP, actor=ADMIN)
    assert result.outcome is Outcome.REFUSED
    assert result.reason_code == EXPECTED[name][0]
    assert EXPECTED[name][1] in result.reason
    assert _counts(upper_db) == before


def test_commune_outside_the_scope_is_refused(upper_db: Database, sample: Sample) -> None:
    [r] = import_bundles(upper_db, [sample("out_of_scope.nq57.zip")], scope=HP, actor=ADMIN)
    assert r.outcome is Outcome.REFUSED and r.reason_code == "out_of_scope"
    assert "Phường Hoàn Kiếm thuộc Thành phố Hà Nội" in r.reason
    assert "Thành phố Hải Phòng" in r.reason
    assert _counts(upper_db)["bundle_import"] == 0


def test_whole_country_scope_takes_every_province(upper_db: Database, sample: Sample) -> None:
    results = import_bundles(
        upper_db, [sample("out_of_scope.nq57.zip"), sample("good.nq57.zip")], scope=Scope(None), actor=ADMIN
    )
    assert [r.outcome for r in results] == [Outcome.NEW, Outcome.NEW]
    with upper_db.session() as s:
        assert s.get(Setting, "db_role").value == "national"  # type: ignore[union-attr]


def test_same_bundle_twice_is_skipped(upper_db: Database, sample: Sample, tmp_path: Path) -> None:
    [first] = import_bundles(upper_db, [sample("good.nq57.zip")], scope=HP, actor=ADMIN)
    assert first.outcome is Outcome.NEW and first.values == 92
    after_first = _counts(upper_db)
    # Same file again, and a copy under another name in a folder.
    folder = tmp_path / "usb"
    folder.mkdir()
    shutil.copy(sample("good.nq57.zip"), folder / "ban-sao.nq57.zip")
    results = import_bundles(upper_db, [sample("good.nq57.zip"), folder], scope=HP, actor=ADMIN)
    assert [r.outcome for r in results] == [Outcome.DUPLICATE, Outcome.DUPLICATE]
    assert "đã nhập trước đó" in results[0].message
    assert _counts(upper_db) == after_first


def test_newer_bundle_replaces_and_keeps_history(upper_db: Database, sample: Sample) -> None:
    import_bundles(upper_db, [sample("good.nq57.zip")], scope=HP, actor=ADMIN)
    [r] = import_bundles(upper_db, [sample("newer.nq57.zip")], scope=HP, actor=ADMIN)
    assert r.outcome is Outcome.REPLACED
    assert "thay cho gói lập lúc 10:00 05/11/2026" in r.message
    # Both imports are kept; only the newer one is in use (I.1 corrected to 88.8).
    assert [tuple(r) for r in _i1(upper_db)] == [(_good_i1(sample), False), (88.8, True)]
    with upper_db.session() as s:
        old, new = s.scalars(select(BundleImport).order_by(BundleImport.created_at)).all()
    assert old.superseded_by_id == new.id and new.superseded_by_id is None


def test_older_bundle_arriving_late_is_history_only(upper_db: Database, sample: Sample) -> None:
    import_bundles(upper_db, [sample("newer.nq57.zip")], scope=HP, actor=ADMIN)
    [r] = import_bundles(upper_db, [sample("good.nq57.zip")], scope=HP, actor=ADMIN)
    assert r.outcome is Outcome.OLDER
    assert "cũ hơn gói đang dùng" in r.message
    assert [tuple(r) for r in _i1(upper_db)] == [(_good_i1(sample), False), (88.8, True)]


def test_trust_on_first_use_then_refuse_another_key(upper_db: Database, sample: Sample) -> None:
    [first] = import_bundles(upper_db, [sample("good.nq57.zip")], scope=HP, actor=ADMIN)
    assert first.key_event is KeyEvent.FIRST_USE
    assert f"dấu vân tay: {first.fingerprint}" in first.message
    before = _counts(upper_db)

    [r] = import_bundles(upper_db, [sample("key_change.nq57.zip")], scope=HP, actor=ADMIN)
    assert r.outcome is Outcome.REFUSED and r.key_change_refused
    # The user sees both fingerprints to compare with the commune.
    assert first.fingerprint in r.reason and r.fingerprint in r.reason
    assert r.fingerprint != first.fingerprint
    assert r.old_fingerprint == first.fingerprint
    assert _counts(upper_db) == before


def test_administrator_accepts_a_key_change_and_it_is_logged(upper_db: Database, sample: Sample) -> None:
    [first] = import_bundles(upper_db, [sample("good.nq57.zip")], scope=HP, actor=ADMIN)
    [r] = import_bundles(
        upper_db, [sample("key_change.nq57.zip")], scope=HP, actor=ADMIN, accept_key_change=True
    )
    assert r.outcome is Outcome.REPLACED and r.key_event is KeyEvent.ACCEPTED_CHANGE
    assert r.old_fingerprint == first.fingerprint
    with upper_db.session() as s:
        keys = s.scalars(select(TrustedKey).order_by(TrustedKey.id)).all()
        assert [(k.fingerprint, k.active, k.accepted_by) for k in keys] == [
            (first.fingerprint, False, ""),
            (r.fingerprint, True, "admin"),
        ]
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == AuditAction.KEY_CHANGE_ACCEPTED))
    assert entry is not None and entry.username == "admin"
    assert first.fingerprint in entry.summary and r.fingerprint in entry.summary
    # From now on the new key is the trusted one: the old key is refused.
    [again] = import_bundles(upper_db, [sample("newer.nq57.zip")], scope=HP, actor=ADMIN)
    assert again.key_change_refused


def test_dry_run_reports_and_changes_nothing(upper_db: Database, sample: Sample) -> None:
    import_bundles(upper_db, [sample("good.nq57.zip")], scope=HP, actor=ADMIN)
    before = _counts(upper_db)
    results = import_bundles(
        upper_db,
        [sample("good.nq57.zip"), sample("newer.nq57.zip"), sample("key_change.nq57.zip"), sample("truncated.nq57.zip")],
        scope=HP,
        actor=ADMIN,
        dry_run=True,
    )
    assert [r.outcome for r in results] == [Outcome.DUPLICATE, Outcome.REPLACED, Outcome.REFUSED, Outcome.REFUSED]
    assert results[1].message.startswith("newer.nq57.zip: sẽ nhập")
    assert results[2].key_change_refused
    assert _counts(upper_db) == before


def test_dry_run_counts_earlier_bundles_of_the_same_run(upper_db: Database, sample: Sample) -> None:
    results = import_bundles(
        upper_db, [sample("good.nq57.zip"), sample("newer.nq57.zip")], scope=HP, actor=ADMIN, dry_run=True
    )
    assert [r.outcome for r in results] == [Outcome.NEW, Outcome.REPLACED]
    assert results[0].key_event is KeyEvent.FIRST_USE and results[1].key_event is None
    with upper_db.session() as s:
        assert s.get(Setting, "db_role") is None  # not even the scope was written


def test_commune_database_refuses_imports(demo_db: Database, sample: Sample) -> None:
    with pytest.raises(BundleError, match="là cơ sở dữ liệu của Xã Thượng Hồng"):
        import_bundles(demo_db, [sample("good.nq57.zip")], scope=HP, actor=ADMIN)


def test_scope_is_kept_and_conflicts_are_refused(db: Database, sample: Sample) -> None:
    import_bundles(db, [sample("good.nq57.zip")], scope=HP, actor=ADMIN)
    with pytest.raises(BundleError, match="đã có phạm vi Thành phố Hải Phòng"):
        import_bundles(db, [sample("newer.nq57.zip")], scope=Scope(1), actor=ADMIN)
    [r] = import_bundles(db, [sample("newer.nq57.zip")], scope=None, actor=ADMIN)
    assert r.outcome is Outcome.REPLACED


def test_fresh_database_without_scope_is_refused(db: Database, sample: Sample) -> None:
    with pytest.raises(BundleError, match="--scope"):
        import_bundles(db, [sample("good.nq57.zip")], scope=None, actor=ADMIN)


def test_cancel_stops_between_bundles(upper_db: Database, sample: Sample) -> None:
    seen: list[int] = []
    results = import_bundles(
        upper_db,
        [sample("good.nq57.zip"), sample("newer.nq57.zip")],
        scope=HP,
        actor=ADMIN,
        progress=lambda done, total, msg: seen.append(done),
        cancel=lambda: len(seen) >= 1,
    )
    assert [r.outcome for r in results] == [Outcome.NEW]
    assert _counts(upper_db)["bundle_import"] == 1


# --- The command line -------------------------------------------------------------------


def test_cli_import_creates_the_province_database_and_reports_each_bundle(
    tmp_path: Path, sample: Sample, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    for name in ("good.nq57.zip", "newer.nq57.zip", "bad_checksum.nq57.zip"):
        shutil.copy(sample(name), folder / name)
    target = tmp_path / "tinh.db"

    code = cli_main(["import", "--db", str(target), str(folder), "--scope", "31", "--dry-run"])
    out = capsys.readouterr().out
    assert code == 4 and not target.exists()
    assert "Chạy thử" in out

    code = cli_main(["import", "--db", str(target), str(folder), "--scope", "31"])
    out = capsys.readouterr().out
    assert code == 4  # one bundle was refused
    assert "Đã tạo cơ sở dữ liệu cấp trên" in out and "Thành phố Hải Phòng" in out
    assert "bad_checksum.nq57.zip: BỊ TỪ CHỐI" in out
    assert "good.nq57.zip: nhập mới Xã Thượng Hồng, kỳ Tháng 10/2026 (92 số liệu)." in out
    assert "newer.nq57.zip: nhập Xã Thượng Hồng" in out
    assert "Tổng cộng 3 gói: 1 nhập mới, 1 thay gói cũ, 0 lưu lịch sử, 0 trùng bỏ qua, 1 bị từ chối." in out

    code = cli_main(["import", "--db", str(target), str(folder / "good.nq57.zip")])
    assert code == 0
    assert "bỏ qua" in capsys.readouterr().out
    db = open_database(target)
    try:
        assert _counts(db)["bundle_import"] == 2
    finally:
        db.close()


def test_cli_import_bad_scope_and_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli_main(["import", "--db", str(tmp_path / "t.db"), str(empty), "--scope", "31"]) != 0
    assert "Không tìm thấy gói dữ liệu" in capsys.readouterr().err
    assert cli_main(["import", "--db", str(tmp_path / "t.db"), str(empty), "--scope", "99"]) != 0
    assert "Phạm vi \"99\" không hợp lệ" in capsys.readouterr().err
