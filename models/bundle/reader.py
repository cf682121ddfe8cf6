"""The hardened bundle reader: everything is checked before the database is touched.

``read_bundle(path)`` returns a ``ReadBundle`` or raises ``BundleRefused`` (a
``BundleError`` with a Vietnamese reason and a stable ``code``). Checks, in
order, each one refusing with its own reason:

1. the file exists, is not empty, not larger than ``MAX_BUNDLE_BYTES``;
2. it is a readable zip (a truncated file has no central directory);
3. member names: none absolute, with a drive letter, a backslash, a ``..``
   component, a control character or empty; no duplicates; no more than
   ``MAX_MEMBERS``; only the allowed set; required members present; no
   encryption, only stored or deflated;
4. declared uncompressed sizes per member and in total, and the compression
   ratio (zip bomb) — and the same limits again while reading, counting the
   bytes actually produced;
5. the manifest: JSON, format name, format version (newer or unknown
   refused), schema;
6. the Ed25519 signature of the exact manifest bytes with the key it names;
7. SHA-256 and size of every member against the manifest, both ways;
8. the period code (``models.periods.parse_period_code``), the commune code
   in the official list and its province;
9. ``data.json``: JSON, names the same commune and period, the shape the
   importer relies on.

Whether the signing key is the one trusted for that commune, and whether the
commune is in the database's scope, are decided by the importer (they need
the database) — also before anything is written.

Pure Python, no Qt; safe on any thread. Holds one bundle in memory at most
(the data and the report files; the CSV is hashed, not kept).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from models import geo, texts
from models.bundle import format as fmt
from models.bundle import keys
from models.errors import AppError, BundleError

CHUNK = 256 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


class BundleRefused(BundleError):
    """A bundle refused for ``reason`` (Vietnamese); ``code`` names the check."""

    def __init__(self, code: str, *, name: str, reason: str, detail: str | None = None) -> None:
        super().__init__(texts.BUNDLE_REFUSED.format(name=name, reason=reason), detail=detail)
        self.code = code
        self.reason = reason
        self.bundle_name = name
        self.old_fingerprint = ""  # a key change: the trusted key's fingerprint


def format_size(size: int) -> str:
    """``65,0 MB`` / ``12 kB`` / ``512 byte`` (Vietnamese decimal comma)."""
    if size >= fmt.MIB:
        return f"{size / fmt.MIB:.1f} MB".replace(".", ",")
    if size >= 1024:
        return f"{size // 1024} kB"
    return f"{size} byte"


@dataclass
class ReadBundle:
    """A bundle that passed every check of ``read_bundle``."""

    path: Path
    sha256: str  # of the whole file: recognises the same bundle imported twice
    size: int
    manifest: fmt.Manifest
    manifest_json: dict[str, Any]
    data: dict[str, Any]
    report_pdf: bytes | None
    report_xlsx: bytes | None
    commune: geo.OfficialCommune

    @property
    def name(self) -> str:
        return self.path.name


class _Checker:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name

    def refuse(self, code: str, reason: str, *, detail: str | None = None) -> BundleRefused:
        return BundleRefused(code, name=self.name, reason=reason, detail=detail)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _check_name(c: _Checker, info: zipfile.ZipInfo) -> None:
    for name in {info.filename, info.orig_filename}:
        if name.startswith(("/", "\\")) or _DRIVE.match(name):
            raise c.refuse("path_absolute", texts.BUNDLE_R_PATH_ABSOLUTE.format(member=name))
        parts = re.split(r"[/\\]", name)
        if ".." in parts:
            raise c.refuse("path_escape", texts.BUNDLE_R_PATH_ESCAPE.format(member=name))
        if "\\" in name or _CONTROL.search(name) or any(p in ("", ".") for p in parts):
            raise c.refuse("path_bad", texts.BUNDLE_R_PATH_BAD.format(member=name))


def _check_members(c: _Checker, zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > fmt.MAX_MEMBERS:
        raise c.refuse(
            "too_many_members",
            texts.BUNDLE_R_TOO_MANY_MEMBERS.format(count=len(infos), limit=fmt.MAX_MEMBERS),
        )
    for info in infos:
        _check_name(c, info)
    seen: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        if info.filename in seen:
            raise c.refuse(
                "duplicate_member", texts.BUNDLE_R_DUPLICATE_MEMBER.format(member=info.filename)
            )
        seen[info.filename] = info
    for name in seen:
        if name not in fmt.ALLOWED_MEMBERS:
            raise c.refuse("unknown_member", texts.BUNDLE_R_UNKNOWN_MEMBER.format(member=name))
    for name in sorted(fmt.REQUIRED_MEMBERS):
        if name not in seen:
            raise c.refuse("missing_member", texts.BUNDLE_R_MISSING_MEMBER.format(member=name))
    total = 0
    for name, info in seen.items():
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise c.refuse("encrypted", texts.BUNDLE_R_ENCRYPTED.format(member=name))
        limit = _member_limit(name)
        if info.file_size > limit:
            raise c.refuse(
                "member_too_big",
                texts.BUNDLE_R_MEMBER_TOO_BIG.format(
                    member=name, size=format_size(info.file_size), limit=format_size(limit)
                ),
            )
        total += info.file_size
        if total > fmt.MAX_TOTAL_BYTES:
            raise c.refuse(
                "total_too_big",
                texts.BUNDLE_R_TOTAL_TOO_BIG.format(
                    size=format_size(total), limit=format_size(fmt.MAX_TOTAL_BYTES)
                ),
            )
        _check_ratio(c, name, info.file_size, info.compress_size)
    return seen


def _member_limit(name: str) -> int:
    if name == fmt.MANIFEST:
        return fmt.MAX_MANIFEST_BYTES
    if name == fmt.SIGNATURE:
        return fmt.MAX_SIGNATURE_BYTES
    return fmt.MAX_MEMBER_BYTES


def _check_ratio(c: _Checker, name: str, size: int, compressed: int) -> None:
    if size <= fmt.RATIO_FLOOR_BYTES:
        return
    ratio = size / max(compressed, 1)
    if ratio > fmt.MAX_RATIO:
        raise c.refuse(
            "ratio",
            texts.BUNDLE_R_RATIO.format(member=name, ratio=f"{ratio:.0f}", limit=f"{fmt.MAX_RATIO:.0f}"),
        )


def _read_member(
    c: _Checker, zf: zipfile.ZipFile, info: zipfile.ZipInfo, *, keep: bool
) -> tuple[str, int, bytes | None]:
    """Stream a member: SHA-256, size counted while reading, bytes if ``keep``.

    The limits are enforced on the bytes actually produced, whatever the
    headers declared.
    """
    limit = _member_limit(info.filename)
    h = hashlib.sha256()
    size = 0
    parts: list[bytes] = []
    try:
        with zf.open(info) as fh:
            stream: IO[bytes] = fh
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise c.refuse(
                        "member_too_big",
                        texts.BUNDLE_R_MEMBER_TOO_BIG.format(
                            member=info.filename, size=format_size(size), limit=format_size(limit)
                        ),
                    )
                _check_ratio(c, info.filename, size, info.compress_size)
                h.update(chunk)
                if keep:
                    parts.append(chunk)
    except BundleRefused:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError) as exc:
        raise c.refuse(
            "damaged", texts.BUNDLE_R_DAMAGED.format(member=info.filename), detail=repr(exc)
        ) from exc
    return h.hexdigest(), size, (b"".join(parts) if keep else None)


# --- Manifest schema ---------------------------------------------------------


def _get(c: _Checker, obj: Any, key: str, kind: type | tuple[type, ...], *, where: str = "") -> Any:
    full = f"{where}.{key}" if where else key
    if not isinstance(obj, dict) or key not in obj:
        raise c.refuse(
            "manifest_bad",
            texts.BUNDLE_R_MANIFEST_BAD.format(reason=texts.BUNDLE_P_MISSING_KEY.format(key=full)),
        )
    value = obj[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise c.refuse(
            "manifest_bad",
            texts.BUNDLE_R_MANIFEST_BAD.format(reason=texts.BUNDLE_P_BAD_VALUE.format(key=full)),
        )
    return value


def _bad_manifest(c: _Checker, key: str) -> BundleRefused:
    return c.refuse(
        "manifest_bad",
        texts.BUNDLE_R_MANIFEST_BAD.format(reason=texts.BUNDLE_P_BAD_VALUE.format(key=key)),
    )


def _parse_datetime(c: _Checker, text: str, key: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise _bad_manifest(c, key) from exc
    if value.tzinfo is None:
        raise _bad_manifest(c, key)
    return value.astimezone(dt.UTC)


def _parse_date(c: _Checker, text: str, key: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise _bad_manifest(c, key) from exc


def check_version(c: _Checker, raw: Any) -> int:
    """The format name and version, before anything else is trusted."""
    if not isinstance(raw, dict) or raw.get("format") != fmt.FORMAT_NAME:
        raise c.refuse("not_a_bundle", texts.BUNDLE_R_NOT_A_BUNDLE)
    version = raw.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise c.refuse("format_unknown", texts.BUNDLE_R_FORMAT_UNKNOWN.format(found=version))
    if version > fmt.FORMAT_VERSION:
        program = raw.get("program_version")
        raise c.refuse(
            "format_newer",
            texts.BUNDLE_R_FORMAT_NEWER.format(
                found=version,
                program=program if isinstance(program, str) else "?",
                known=fmt.FORMAT_VERSION,
            ),
        )
    return version


def parse_manifest(c: _Checker, raw: dict[str, Any]) -> fmt.Manifest:
    """Validate the manifest's schema (version 1) and build a ``Manifest``."""
    version = check_version(c, raw)
    program = _get(c, raw, "program_version", str)
    bundle_id = _get(c, raw, "bundle_id", str)
    if not 8 <= len(bundle_id) <= 36:
        raise _bad_manifest(c, "bundle_id")
    created = _parse_datetime(c, _get(c, raw, "created_at", str), "created_at")
    province = _get(c, raw, "province", dict)
    commune = _get(c, raw, "commune", dict)
    period = _get(c, raw, "period", dict)
    counts = _get(c, raw, "counts", dict)
    members_raw = _get(c, raw, "members", dict)
    key = _get(c, raw, "signing_key", dict)
    if not all(isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) for k, v in counts.items()):
        raise _bad_manifest(c, "counts")
    members: dict[str, fmt.MemberInfo] = {}
    for name, info in members_raw.items():
        size = _get(c, info, "size", int, where=f"members.{name}")
        digest = _get(c, info, "sha256", str, where=f"members.{name}")
        if size < 0 or not _HEX64.match(digest):
            raise _bad_manifest(c, f"members.{name}")
        members[name] = fmt.MemberInfo(size=size, sha256=digest)
    if _get(c, key, "algorithm", str, where="signing_key") != "Ed25519":
        raise _bad_manifest(c, "signing_key.algorithm")
    public_key = _get(c, key, "public_key", str, where="signing_key")
    try:
        raw_key = keys.raw_public_bytes(keys.public_key_from_b64(public_key))
    except (ValueError, UnicodeEncodeError) as exc:
        raise _bad_manifest(c, "signing_key.public_key") from exc
    known = set(fmt.MANIFEST_KEYS)
    return fmt.Manifest(
        format_version=version,
        program_version=program,
        bundle_id=bundle_id,
        created_at=created,
        province_code=_get(c, province, "code", int, where="province"),
        province_name=_get(c, province, "name", str, where="province"),
        commune_code=_get(c, commune, "code", int, where="commune"),
        commune_name=_get(c, commune, "name", str, where="commune"),
        period_code=_get(c, period, "code", str, where="period"),
        period_kind=_get(c, period, "kind", str, where="period"),
        period_start=_parse_date(c, _get(c, period, "start", str, where="period"), "period.start"),
        period_end=_parse_date(c, _get(c, period, "end", str, where="period"), "period.end"),
        period_label=_get(c, period, "label", str, where="period"),
        counts=dict(counts),
        members=members,
        public_key=public_key,
        fingerprint=keys.fingerprint_of(raw_key),
        extra={k: v for k, v in raw.items() if k not in known},
    )


# --- data.json shape -------------------------------------------------------------


def _data_bad(c: _Checker, reason: str) -> BundleRefused:
    return c.refuse("data_bad", texts.BUNDLE_R_DATA_BAD.format(reason=reason))


def _data_get(c: _Checker, obj: Any, key: str, kind: type | tuple[type, ...], *, where: str) -> Any:
    full = f"{where}.{key}" if where else key
    if not isinstance(obj, dict) or key not in obj:
        raise _data_bad(c, texts.BUNDLE_P_MISSING_KEY.format(key=full))
    value = obj[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _data_bad(c, texts.BUNDLE_P_BAD_VALUE.format(key=full))
    return value


_NUM = (int, float, type(None))


def check_data(c: _Checker, data: Any, manifest: fmt.Manifest) -> None:
    """The parts of ``data.json`` the importer reads, and that it names the manifest's commune and period."""
    commune = _data_get(c, data, "commune", dict, where="")
    period = _data_get(c, data, "period", dict, where="")
    code = _data_get(c, commune, "code", int, where="commune")
    if code != manifest.commune_code:
        raise c.refuse(
            "data_mismatch",
            texts.BUNDLE_R_DATA_MISMATCH.format(what="mã xã", found=code, expected=manifest.commune_code),
        )
    pcode = _data_get(c, period, "code", str, where="period")
    if pcode != manifest.period_code:
        raise c.refuse(
            "data_mismatch",
            texts.BUNDLE_R_DATA_MISMATCH.format(what="kỳ báo cáo", found=pcode, expected=manifest.period_code),
        )
    for i, task in enumerate(_data_get(c, data, "tasks", list, where="")):
        where = f"tasks[{i}]"
        _data_get(c, task, "uuid", str, where=where)
        _data_get(c, task, "code", str, where=where)
        _data_get(c, task, "title", str, where=where)
        state = _data_get(c, task, "state", (dict, type(None)), where=where)
        if state is not None:
            _data_get(c, state, "status", str, where=f"{where}.state")
            _data_get(c, state, "percent", _NUM, where=f"{where}.state")
    for i, ind in enumerate(_data_get(c, data, "indicators", list, where="")):
        where = f"indicators[{i}]"
        _data_get(c, ind, "uuid", str, where=where)
        _data_get(c, ind, "code", str, where=where)
        _data_get(c, ind, "name", str, where=where)
        _data_get(c, ind, "measure_unit", str, where=where)
        state = _data_get(c, ind, "state", dict, where=where)
        _data_get(c, state, "value", _NUM, where=f"{where}.state")
        _data_get(c, state, "yes", (bool, type(None)), where=f"{where}.state")
        _data_get(c, state, "target_value", _NUM, where=f"{where}.state")
        _data_get(c, state, "evaluation", (str, type(None)), where=f"{where}.state")


# --- The reader -------------------------------------------------------------------


def _open_zip(c: _Checker) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(c.path)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise c.refuse("not_zip", texts.BUNDLE_R_NOT_ZIP, detail=repr(exc)) from exc


def read_bundle(path: Path, *, sha256: str | None = None) -> ReadBundle:
    """Check the bundle at ``path`` completely and return its content.

    Raises ``BundleRefused`` with a specific Vietnamese reason; never returns
    a partially checked bundle. ``sha256`` may pass the file's digest when
    the caller already computed it.
    """
    from models.periods import parse_period_code  # landed with the period module

    path = Path(path)
    c = _Checker(path)
    try:
        st = path.stat()
    except OSError as exc:
        raise c.refuse("not_found", texts.BUNDLE_R_NOT_FOUND, detail=repr(exc)) from exc
    if not stat.S_ISREG(st.st_mode):
        raise c.refuse("not_found", texts.BUNDLE_R_NOT_FOUND)
    if st.st_size == 0:
        raise c.refuse("empty", texts.BUNDLE_R_EMPTY)
    if st.st_size > fmt.MAX_BUNDLE_BYTES:
        raise c.refuse(
            "too_big",
            texts.BUNDLE_R_TOO_BIG.format(
                size=format_size(st.st_size), limit=format_size(fmt.MAX_BUNDLE_BYTES)
            ),
        )
    digest = sha256 or file_sha256(path)
    with _open_zip(c) as zf:
        infos = _check_members(c, zf)

        # Manifest: version first (a newer format may have another schema).
        _, _, manifest_bytes = _read_member(c, zf, infos[fmt.MANIFEST], keep=True)
        assert manifest_bytes is not None
        try:
            raw = json.loads(manifest_bytes.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise c.refuse(
                "manifest_bad", texts.BUNDLE_R_MANIFEST_BAD.format(reason=texts.BUNDLE_P_NOT_JSON)
            ) from exc
        check_version(c, raw)
        manifest = parse_manifest(c, raw)

        # Signature over the exact manifest bytes.
        _, _, sig_bytes = _read_member(c, zf, infos[fmt.SIGNATURE], keep=True)
        assert sig_bytes is not None
        try:
            sig_text = sig_bytes.decode("ascii")
        except UnicodeDecodeError:
            sig_text = ""
        if not keys.verify(manifest.public_key, sig_text, manifest_bytes):
            raise c.refuse("signature_bad", texts.BUNDLE_R_SIGNATURE_BAD)

        # Every member against the manifest, both ways.
        present = set(infos) - {fmt.MANIFEST, fmt.SIGNATURE}
        for name in sorted(present):
            if name not in manifest.members:
                raise c.refuse("not_listed", texts.BUNDLE_R_NOT_LISTED.format(member=name))
        for name in sorted(manifest.members):
            if name not in present:
                raise c.refuse("listed_missing", texts.BUNDLE_R_LISTED_MISSING.format(member=name))
        kept: dict[str, bytes] = {}
        for name in sorted(present):
            expected = manifest.members[name]
            digest_m, size, content = _read_member(c, zf, infos[name], keep=name != fmt.DATAVALUES)
            if size != expected.size:
                raise c.refuse("size_mismatch", texts.BUNDLE_R_SIZE_MISMATCH.format(member=name))
            if digest_m != expected.sha256:
                raise c.refuse("checksum", texts.BUNDLE_R_CHECKSUM.format(member=name))
            if content is not None:
                kept[name] = content

    # Period, commune, province.
    try:
        ref = parse_period_code(manifest.period_code)
    except AppError as exc:
        raise c.refuse(
            "period_bad", texts.BUNDLE_R_PERIOD_BAD.format(code=manifest.period_code)
        ) from exc
    if ref.code != manifest.period_code or manifest.period_start > manifest.period_end:
        raise c.refuse("period_bad", texts.BUNDLE_R_PERIOD_BAD.format(code=manifest.period_code))
    try:
        official = geo.commune_by_code(manifest.commune_code)
    except AppError as exc:
        raise c.refuse(
            "commune_unknown", texts.BUNDLE_R_COMMUNE_UNKNOWN.format(code=manifest.commune_code)
        ) from exc
    if official.province_code != manifest.province_code:
        raise c.refuse(
            "province_mismatch",
            texts.BUNDLE_R_PROVINCE_MISMATCH.format(
                commune=official.name,
                code=official.code,
                official=official.province.name,
                declared=manifest.province_code,
            ),
        )

    try:
        data = json.loads(kept.pop(fmt.DATA).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _data_bad(c, texts.BUNDLE_P_NOT_JSON) from exc
    check_data(c, data, manifest)
    return ReadBundle(
        path=path,
        sha256=digest,
        size=st.st_size,
        manifest=manifest,
        manifest_json=raw,
        data=data,
        report_pdf=kept.get(fmt.REPORT_PDF),
        report_xlsx=kept.get(fmt.REPORT_XLSX),
        commune=official,
    )
