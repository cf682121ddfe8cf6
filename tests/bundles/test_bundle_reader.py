"""The hardened reader: the committed broken samples stay refused, each for its own reason."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from make_samples import EXPECTED, VALID

from models.bundle import format as fmt
from models.bundle.reader import BundleRefused, read_bundle
from models.errors import BundleError

DATA = Path(__file__).resolve().parent / "data"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_committed_broken_sample_is_refused_with_its_reason(name: str) -> None:
    code, words = EXPECTED[name]
    with pytest.raises(BundleRefused) as err:
        read_bundle(DATA / name)
    assert err.value.code == code
    assert words in err.value.reason
    # What a user reads: the file named, in Vietnamese.
    assert err.value.message.startswith(f"Gói {name} bị từ chối: ")
    assert isinstance(err.value, BundleError)


@pytest.mark.parametrize("name", VALID)
def test_committed_valid_samples_are_read(name: str) -> None:
    rb = read_bundle(DATA / name)
    assert rb.manifest.format_version == fmt.FORMAT_VERSION
    assert rb.manifest.period_code == "2026-10"
    assert rb.sha256 == hashlib.sha256((DATA / name).read_bytes()).hexdigest()
    assert len(rb.manifest.fingerprint.split()) == 16


def test_good_sample_content_matches_its_manifest() -> None:
    rb = read_bundle(DATA / "good.nq57.zip")
    m = rb.manifest
    assert (m.province_code, m.commune_code, m.commune_name) == (31, 10993, "Xã Thượng Hồng")
    assert m.period_label == "Tháng 10/2026"
    assert m.counts["indicators"] == len(rb.data["indicators"]) == 38
    assert m.counts["tasks"] == len(rb.data["tasks"])
    with zipfile.ZipFile(DATA / "good.nq57.zip") as zf:
        rows = zf.read(fmt.DATAVALUES).decode("utf-8-sig").splitlines()
    assert rows[0].split(",") == list(fmt.CSV_COLUMNS)
    assert len(rows) - 1 == m.counts["data_values"]


# --- More defects, crafted on the fly ---------------------------------------------------


def _good_members() -> dict[str, bytes]:
    with zipfile.ZipFile(DATA / "good.nq57.zip") as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _write(path: Path, entries: list[tuple[str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, content in entries:
            zf.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), content)
    return path


def _refused(path: Path) -> BundleRefused:
    with pytest.raises(BundleRefused) as err:
        read_bundle(path)
    return err.value


@pytest.mark.parametrize(
    ("member", "code"),
    [
        ("C:/Windows/evil.dll", "path_absolute"),
        ("\\\\server\\share\\evil", "path_absolute"),
        ("report\\..\\..\\evil", "path_escape"),
        ("report\\report.pdf", "path_bad"),
        ("report//report.pdf", "path_bad"),
        ("./data.json", "path_bad"),
        ("report/evil\x01.pdf", "path_bad"),
    ],
)
def test_member_name_tricks_are_refused(tmp_path: Path, member: str, code: str) -> None:
    entries = list(_good_members().items()) + [(member, b"x")]
    assert _refused(_write(tmp_path / "b.nq57.zip", entries)).code == code


def test_duplicate_member_is_refused(tmp_path: Path) -> None:
    members = _good_members()
    entries = list(members.items()) + [(fmt.DATA, members[fmt.DATA])]
    with pytest.warns(UserWarning):  # zipfile itself warns about the duplicate name
        path = _write(tmp_path / "dup.nq57.zip", entries)
    assert _refused(path).code == "duplicate_member"


@pytest.mark.parametrize("missing", [fmt.SIGNATURE, fmt.MANIFEST, fmt.DATA])
def test_missing_required_member_is_refused(tmp_path: Path, missing: str) -> None:
    entries = [(n, b) for n, b in _good_members().items() if n != missing]
    err = _refused(_write(tmp_path / "m.nq57.zip", entries))
    assert err.code == "missing_member"
    assert missing in err.reason


def test_member_missing_from_the_manifest_is_refused(tmp_path: Path) -> None:
    entries = list(_good_members().items()) + [(fmt.REPORT_XLSX, b"PK not listed")]
    assert _refused(_write(tmp_path / "x.nq57.zip", entries)).code == "not_listed"


def test_listed_member_missing_from_the_zip_is_refused(tmp_path: Path) -> None:
    from make_samples import rebuild

    from models.bundle.keys import KeyPair

    def list_a_report(m: dict[str, object]) -> None:
        m["members"][fmt.REPORT_PDF] = {"size": 10, "sha256": "0" * 64}  # type: ignore[index]

    path = tmp_path / "l.nq57.zip"
    rebuild(DATA / "good.nq57.zip", path, key=KeyPair.generate(), edit_manifest=list_a_report)
    err = _refused(path)
    assert err.code == "listed_missing"
    assert fmt.REPORT_PDF in err.reason


def test_empty_and_non_zip_files_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.nq57.zip"
    empty.write_bytes(b"")
    assert _refused(empty).code == "empty"
    text = tmp_path / "notes.nq57.zip"
    text.write_text("Báo cáo tháng 10", encoding="utf-8")
    assert _refused(text).code == "not_zip"
    assert _refused(tmp_path / "absent.nq57.zip").code == "not_found"


def test_manifest_that_is_not_json_is_refused(tmp_path: Path) -> None:
    members = _good_members()
    members[fmt.MANIFEST] = b"\xff\xfe not json"
    assert _refused(_write(tmp_path / "j.nq57.zip", list(members.items()))).code == "manifest_bad"


def test_foreign_zip_is_not_a_bundle(tmp_path: Path) -> None:
    members = _good_members()
    members[fmt.MANIFEST] = json.dumps({"format": "something-else"}).encode()
    assert _refused(_write(tmp_path / "f.nq57.zip", list(members.items()))).code == "not_a_bundle"


def test_corrupted_compressed_data_is_refused_as_damaged(tmp_path: Path) -> None:
    raw = bytearray((DATA / "good.nq57.zip").read_bytes())
    with zipfile.ZipFile(DATA / "good.nq57.zip") as zf:
        info = zf.getinfo(fmt.DATA)
    # Flip bytes in the middle of data.json's compressed stream (headers intact).
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    mid = start + info.compress_size // 2
    for i in range(mid, mid + 16):
        raw[i] ^= 0x5A
    path = tmp_path / "damaged.nq57.zip"
    path.write_bytes(bytes(raw))
    assert _refused(path).code in {"damaged", "checksum"}


def test_declared_size_lie_is_caught_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a limit smaller than data.json, the reader counts the bytes it
    # actually inflates and refuses, even if the headers were to lie.
    import models.bundle.reader as reader

    real_check = reader._check_members

    def lying_check(c: object, zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
        infos = real_check(c, zf)  # type: ignore[arg-type]
        monkeypatch.setattr(fmt, "MAX_MEMBER_BYTES", 1000)
        return infos

    monkeypatch.setattr(reader, "_check_members", lying_check)
    err = _refused(DATA / "good.nq57.zip")
    assert err.code == "member_too_big"


def test_each_broken_sample_exercises_a_different_check() -> None:
    # Every committed broken sample is refused for a different check.
    codes = {EXPECTED[n][0] for n in EXPECTED}
    assert len(codes) == len(EXPECTED)


@pytest.mark.parametrize("version", [0, "1", None])
def test_unknown_format_version_is_refused(tmp_path: Path, version: object) -> None:
    from make_samples import rebuild

    from models.bundle.keys import KeyPair

    def set_version(m: dict[str, object]) -> None:
        m["format_version"] = version

    path = tmp_path / "v.nq57.zip"
    rebuild(DATA / "good.nq57.zip", path, key=KeyPair.generate(), edit_manifest=set_version)
    err = _refused(path)
    assert err.code == "format_unknown"
    assert "không xác định" in err.reason


def test_a_bundle_signed_by_any_valid_key_passes_the_reader(tmp_path: Path) -> None:
    # The reader checks the signature against the key the manifest names; whether
    # that key is the commune's trusted one is the importer's decision (TOFU).
    from make_samples import rebuild

    from models.bundle.keys import KeyPair

    key = KeyPair.generate()
    path = tmp_path / "k.nq57.zip"
    rebuild(DATA / "good.nq57.zip", path, key=key)
    assert read_bundle(path).manifest.fingerprint == key.fingerprint
