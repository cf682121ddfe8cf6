"""Export on the commune side: content, signature key, atomic write, read-back."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from main import main as cli_main
from models.bundle import export as export_mod
from models.bundle import format as fmt
from models.bundle.export import ExportCancelled, export_bundle
from models.bundle.keys import PRIVATE_NAME, installation_keys
from models.bundle.reader import read_bundle
from models.db import Database
from models.enums import AuditAction
from models.errors import BundleError
from models.schema import AuditEntry
from models.services.periods import get_period
from models.services.status import indicator_states, status_counts, task_states

NOW = dt.datetime(2026, 11, 12, 8, 30, tzinfo=dt.UTC)


def _usb(tmp_path: Path) -> Path:
    out = tmp_path / "usb"
    out.mkdir()
    return out


def test_export_writes_a_verified_bundle_with_the_periods_numbers(demo_db: Database, tmp_path: Path) -> None:
    out = _usb(tmp_path)
    path = export_bundle(demo_db, period_code="2026-10", out_dir=out, now=NOW)

    # Then one file, named after the commune and period, and nothing else.
    assert [p.name for p in out.iterdir()] == [path.name]
    assert path.name == "10993_xa-thuong-hong_2026-10_20261112-083000.nq57.zip"
    rb = read_bundle(path)
    assert rb.manifest.created_at == NOW
    assert rb.manifest.fingerprint == installation_keys(demo_db.path).fingerprint  # type: ignore[arg-type]

    # The bundle carries what the commune sees for the period.
    with demo_db.session() as s:
        period = get_period(s, "2026-10")
        own_counts = status_counts(task_states(s, period))
        own_values = {st.code: st for st in indicator_states(s, period)}
    states = [t["state"]["status"] for t in rb.data["tasks"] if t["state"] is not None]
    assert {k.value: v for k, v in own_counts.items()} == {k.value: states.count(k.value) for k in own_counts}
    for ind in rb.data["indicators"]:
        own = own_values[ind["code"]]
        assert ind["state"]["value"] == own.value
        assert ind["state"]["yes"] == own.yes
        assert ind["state"]["evaluation"] == (own.evaluation.value if own.evaluation else None)

    # The CSV holds the same values, one row per indicator and reported task.
    with zipfile.ZipFile(path) as zf:
        lines = zf.read(fmt.DATAVALUES).decode("utf-8-sig").splitlines()
    assert len(lines) - 1 == len(own_values) + sum(own_counts.values())
    first = dict(zip(fmt.CSV_COLUMNS, lines[1].split(","), strict=False))
    assert first["period"] == "2026-10" and first["orgUnit"] == "10993"

    # And the export is in the commune's audit log.
    with demo_db.session() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == AuditAction.EXPORT))
    assert entry is not None and path.name in entry.summary


def test_signing_key_is_made_once_and_kept_private(demo_db: Database, tmp_path: Path) -> None:
    out = _usb(tmp_path)
    a = export_bundle(demo_db, period_code="2026-10", out_dir=out, now=NOW)
    b = export_bundle(demo_db, period_code="2026-09", out_dir=out, now=NOW)
    assert read_bundle(a).manifest.public_key == read_bundle(b).manifest.public_key
    key_file = Path(f"{demo_db.path}.keys") / PRIVATE_NAME
    assert key_file.is_file()
    if os.name == "posix":
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_same_second_exports_get_distinct_names(demo_db: Database, tmp_path: Path) -> None:
    out = _usb(tmp_path)
    a = export_bundle(demo_db, period_code="2026-10", out_dir=out, now=NOW)
    b = export_bundle(demo_db, period_code="2026-10", out_dir=out, now=NOW)
    assert a != b and a.exists() and b.exists()
    assert b.name.endswith("-2" + fmt.FILE_SUFFIX)


def test_stick_pulled_out_during_write_leaves_nothing(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _usb(tmp_path)
    installation_keys(demo_db.path)  # type: ignore[arg-type]  # the key lives on the PC, not the stick
    real_fsync = os.fsync

    def yanked(fd: int) -> None:
        raise OSError(5, "Input/output error")  # EIO: the device went away

    monkeypatch.setattr(export_mod.os, "fsync", yanked)
    with pytest.raises(BundleError) as err:
        export_bundle(demo_db, period_code="2026-10", out_dir=out, now=NOW)
    monkeypatch.setattr(export_mod.os, "fsync", real_fsync)
    assert "USB" in err.value.message
    assert list(out.iterdir()) == []


def test_failed_read_back_removes_the_file(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _usb(tmp_path)
    real_write = export_mod.write_atomically

    def corrupting_write(content: bytes, *, folder: Path, name: str) -> Path:
        final = real_write(content, folder=folder, name=name)
        with open(final, "r+b") as fh:  # the stick silently drops the tail
            fh.truncate(len(content) // 2)
        return final

    monkeypatch.setattr(export_mod, "write_atomically", corrupting_write)
    with pytest.raises(BundleError) as err:
        export_bundle(demo_db, period_code="2026-10", out_dir=out, now=NOW)
    assert "đọc lại không khớp" in err.value.message
    assert list(out.iterdir()) == []


def test_cancel_leaves_nothing(demo_db: Database, tmp_path: Path) -> None:
    out = _usb(tmp_path)
    steps: list[str] = []

    def progress(done: int, total: int, message: str) -> None:
        steps.append(message)

    with pytest.raises(ExportCancelled):
        export_bundle(
            demo_db, period_code="2026-10", out_dir=out, now=NOW,
            progress=progress, cancel=lambda: len(steps) >= 3,
        )
    assert list(out.iterdir()) == []


def test_export_refuses_a_missing_folder_and_an_upper_level_database(
    demo_db: Database, db: Database, tmp_path: Path
) -> None:
    with pytest.raises(BundleError, match="không tồn tại"):
        export_bundle(demo_db, period_code="2026-10", out_dir=tmp_path / "E:")
    from models.bundle.scope import Scope, ensure_upper_level

    ensure_upper_level(db, Scope(31))
    with pytest.raises(BundleError, match="cấp trên"):
        export_bundle(db, period_code="2026-10", out_dir=_usb(tmp_path))


def test_cli_export_prints_the_bundle_path(demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _usb(tmp_path)
    path = demo_db.path
    demo_db.close()
    code = cli_main(["export", "--db", str(path), "--period", "2026-10", "--out", str(out)])
    printed = capsys.readouterr().out.strip()
    assert code == 0
    assert Path(printed).parent == out and Path(printed).is_file()
    assert json.loads(zipfile.ZipFile(printed).read(fmt.MANIFEST))["period"]["code"] == "2026-10"


def test_cli_export_unknown_period_is_a_vietnamese_error(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = demo_db.path
    demo_db.close()
    code = cli_main(["export", "--db", str(path), "--period", "2030-01", "--out", str(_usb(tmp_path))])
    assert code != 0
    assert "Không có kỳ báo cáo 2030-01" in capsys.readouterr().err
