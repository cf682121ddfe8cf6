"""Make the sample bundles kept in ``tests/bundles/data/`` (run once, commit the output).

    python tests/bundles/make_samples.py

Valid bundles are real exports of a demo commune (Xã Thượng Hồng, Hải Phòng,
code 10993, period 2026-10); the broken ones are rebuilt from the valid one,
each with exactly one defect, and re-signed with the commune's key where the
defect is inside the signed manifest (so that the reader reaches the check
the sample is about). ``EXPECTED`` lists what the reader must say of each.
The tests read the committed files; re-running this script changes their
bytes (new keys and bundle ids), not their meaning.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sqlite3
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from models.bundle import format as fmt  # noqa: E402
from models.bundle.keys import KeyPair, installation_keys  # noqa: E402

DATA_DIR = Path(__file__).resolve().parent / "data"
COMMUNE = 10993
PERIOD = "2026-10"
TODAY = dt.date(2026, 11, 21)
OTHER_PROVINCE_COMMUNE = 70  # Phường Hoàn Kiếm, Hà Nội (province 1)

# file name -> (reader/importer reason code, words the Vietnamese reason contains)
EXPECTED: dict[str, tuple[str, str]] = {
    "bad_checksum.nq57.zip": ("checksum", "SHA-256"),
    "bad_signature.nq57.zip": ("signature_bad", "chữ ký số không hợp lệ"),
    "truncated.nq57.zip": ("not_zip", "cắt cụt"),
    "path_escape.nq57.zip": ("path_escape", "trỏ ra ngoài gói"),
    "path_absolute.nq57.zip": ("path_absolute", "đường dẫn tuyệt đối"),
    "zip_bomb.nq57.zip": ("ratio", "tỷ lệ nén bất thường"),
    "oversize.nq57.zip": ("member_too_big", "vượt giới hạn"),
    "unknown_member.nq57.zip": ("unknown_member", "thành phần lạ"),
    "newer_format.nq57.zip": ("format_newer", "phiên bản 2"),
    "bad_period.nq57.zip": ("period_bad", "kỳ báo cáo \"2026-13\" không hợp lệ"),
    "wrong_commune.nq57.zip": ("commune_unknown", "mã xã/phường 99999"),
}
VALID = ("good.nq57.zip", "newer.nq57.zip", "key_change.nq57.zip", "out_of_scope.nq57.zip")


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _write_zip(dest: Path, entries: list[tuple[str, bytes]]) -> None:
    with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, content)


def rebuild(
    src: Path,
    dest: Path,
    *,
    key: KeyPair | None,
    edit_manifest: Callable[[dict[str, Any]], None] | None = None,
    edit_data: Callable[[dict[str, Any]], None] | None = None,
    members: dict[str, bytes] | None = None,
    extra: list[tuple[str, bytes]] | None = None,
    tamper: Callable[[dict[str, bytes]], None] | None = None,
) -> None:
    """Copy ``src`` to ``dest`` with edits; re-hash and re-sign with ``key`` (None: keep the old signature)."""
    content = _members(src)
    manifest = json.loads(content.pop(fmt.MANIFEST))
    signature = content.pop(fmt.SIGNATURE)
    if edit_data is not None:
        data = json.loads(content[fmt.DATA])
        edit_data(data)
        content[fmt.DATA] = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    content.update(members or {})
    manifest["members"] = {
        name: {"size": len(b), "sha256": hashlib.sha256(b).hexdigest()} for name, b in sorted(content.items())
    }
    if key is not None:
        manifest["signing_key"] = {
            "algorithm": "Ed25519",
            "public_key": key.public_b64,
            "fingerprint": key.fingerprint,
        }
    if edit_manifest is not None:
        edit_manifest(manifest)
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
    if key is not None:
        signature = (key.sign(manifest_bytes) + "\n").encode()
    if tamper is not None:
        tamper(content)
    entries = [(fmt.MANIFEST, manifest_bytes), (fmt.SIGNATURE, signature)]
    entries += sorted(content.items()) + list(extra or [])
    _write_zip(dest, entries)


def _set_commune(code: int) -> tuple[Callable[[dict[str, Any]], None], Callable[[dict[str, Any]], None]]:
    from models import geo

    def manifest(m: dict[str, Any]) -> None:
        m["commune"]["code"] = code
        try:
            c = geo.commune_by_code(code)
            m["commune"]["name"] = c.name
            m["province"] = {"code": c.province_code, "name": c.province.name}
        except Exception:  # noqa: BLE001 - a code outside the official list
            m["commune"]["name"] = "Xã Không Có"
        m["bundle_id"] = f"0d0c3b2a-0000-4000-8000-{code:012d}"

    def data(d: dict[str, Any]) -> None:
        d["commune"]["code"] = code

    return manifest, data


def main() -> None:
    from models.db import open_database
    from models.demo import build_demo
    from models.schema import Indicator, IndicatorValue, Period

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    for old in DATA_DIR.glob("*.nq57.zip"):
        old.unlink()
    from models.bundle.export import export_bundle

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        out = tmp / "out"
        out.mkdir()
        db_path = tmp / "xa.db"
        db = open_database(db_path)
        build_demo(db, commune_code=COMMUNE, today=TODAY)
        good = export_bundle(db, period_code=PERIOD, out_dir=out, now=dt.datetime(2026, 11, 5, 3, 0, tzinfo=dt.UTC))
        shutil.copy(good, DATA_DIR / "good.nq57.zip")

        # A corrected re-export: I.1 changes to 88.8.
        from sqlalchemy import select

        with db.transaction() as s:
            val = s.scalar(
                select(IndicatorValue)
                .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
                .join(Period, Period.id == IndicatorValue.period_id)
                .where(Indicator.code == "I.1", Period.code == PERIOD)
            )
            assert val is not None
            val.value = 88.8
        newer = export_bundle(db, period_code=PERIOD, out_dir=out, now=dt.datetime(2026, 11, 10, 3, 0, tzinfo=dt.UTC))
        shutil.copy(newer, DATA_DIR / "newer.nq57.zip")
        db.close()

        # The same commune on a reinstalled PC: a new key pair.
        other = tmp / "xa-cai-lai.db"
        src = sqlite3.connect(db_path)
        dst = sqlite3.connect(other)
        src.backup(dst)
        src.close()
        dst.close()
        db2 = open_database(other)
        changed = export_bundle(db2, period_code=PERIOD, out_dir=out, now=dt.datetime(2026, 11, 12, 3, 0, tzinfo=dt.UTC))
        db2.close()
        shutil.copy(changed, DATA_DIR / "key_change.nq57.zip")

        key = installation_keys(db_path)
        g = DATA_DIR / "good.nq57.zip"

        def flip_value(content: dict[str, bytes]) -> None:
            data = content[fmt.DATA]
            marker = b'"value":2'
            assert marker in data
            content[fmt.DATA] = data.replace(marker, b'"value":9', 1)  # same size, other digest

        rebuild(g, DATA_DIR / "bad_checksum.nq57.zip", key=key, tamper=flip_value)

        def more_values(m: dict[str, Any]) -> None:
            m["counts"]["data_values"] += 1

        rebuild(g, DATA_DIR / "bad_signature.nq57.zip", key=None, edit_manifest=more_values)

        raw = g.read_bytes()
        (DATA_DIR / "truncated.nq57.zip").write_bytes(raw[: int(len(raw) * 0.6)])

        rebuild(g, DATA_DIR / "path_escape.nq57.zip", key=key, extra=[("../../evil.txt", b"owned\n")])
        rebuild(g, DATA_DIR / "path_absolute.nq57.zip", key=key, extra=[("/tmp/evil.txt", b"owned\n")])
        rebuild(
            g, DATA_DIR / "zip_bomb.nq57.zip", key=key, members={fmt.REPORT_PDF: b"\0" * (8 * fmt.MIB)}
        )
        rebuild(
            g,
            DATA_DIR / "oversize.nq57.zip",
            key=key,
            members={fmt.REPORT_PDF: b"%PDF-1.4\n" + b" " * (fmt.MAX_MEMBER_BYTES + fmt.MIB)},
        )
        rebuild(g, DATA_DIR / "unknown_member.nq57.zip", key=key, extra=[("setup.exe", b"MZ\x90\0")])

        def newer_format(m: dict[str, Any]) -> None:
            m["format_version"] = 2
            m["program_version"] = "9.0.0"

        rebuild(g, DATA_DIR / "newer_format.nq57.zip", key=key, edit_manifest=newer_format)

        def bad_period_m(m: dict[str, Any]) -> None:
            m["period"]["code"] = "2026-13"

        def bad_period_d(d: dict[str, Any]) -> None:
            d["period"]["code"] = "2026-13"

        rebuild(g, DATA_DIR / "bad_period.nq57.zip", key=key, edit_manifest=bad_period_m, edit_data=bad_period_d)

        wm, wd = _set_commune(99999)
        rebuild(g, DATA_DIR / "wrong_commune.nq57.zip", key=key, edit_manifest=wm, edit_data=wd)

        om, od = _set_commune(OTHER_PROVINCE_COMMUNE)
        rebuild(g, DATA_DIR / "out_of_scope.nq57.zip", key=KeyPair.generate(), edit_manifest=om, edit_data=od)

    for path in sorted(DATA_DIR.glob("*.nq57.zip")):
        print(f"{path.name}: {path.stat().st_size} byte")


if __name__ == "__main__":
    main()
