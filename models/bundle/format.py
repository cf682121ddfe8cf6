"""The data bundle format, version 1 (specification: ``docs/bundle-format.md``).

A bundle is a zip file a commune carries to the province. Members:

``manifest.json``   what the bundle is (format and program version, province,
                    commune, period, creation time, counts, SHA-256 and size
                    of every other member, the signer's public key);
``manifest.sig``    Ed25519 signature of the exact bytes of ``manifest.json``
                    (base64, one line);
``data.json``       the period's data keyed by stable UUIDs and plan codes;
``datavalues.csv``  the same values in a DHIS2 dataValueSets-like layout;
``report/report.pdf``, ``report/report.xlsx``  the issued report, if any.

Compatibility rule: a reader accepts every format version up to its own
``FORMAT_VERSION`` and refuses a newer one (the province must update its
program). Additive changes (new optional keys) keep the version; anything a
version-1 reader would misread bumps it.

Everything here is pure data: no database, no Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

FORMAT_VERSION = 1
"""Version of the bundle format this program writes and the newest it reads."""

FORMAT_NAME = "nq57-bundle"
FILE_SUFFIX = ".nq57.zip"
TEMP_SUFFIX = ".tmp-partial"

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
DATA = "data.json"
DATAVALUES = "datavalues.csv"
REPORT_PDF = "report/report.pdf"
REPORT_XLSX = "report/report.xlsx"

REQUIRED_MEMBERS = frozenset({MANIFEST, SIGNATURE, DATA, DATAVALUES})
OPTIONAL_MEMBERS = frozenset({REPORT_PDF, REPORT_XLSX})
ALLOWED_MEMBERS = REQUIRED_MEMBERS | OPTIONAL_MEMBERS
SIGNED_MEMBERS = ALLOWED_MEMBERS - {MANIFEST, SIGNATURE}
"""Members whose SHA-256 the manifest lists (all but the manifest and its signature)."""

# --- Sane limits (a reader refuses anything beyond them) -------------------
MIB = 1024 * 1024
MAX_BUNDLE_BYTES = 150 * MIB
"""Largest bundle file accepted (compressed, on disk)."""
MAX_MEMBERS = 16
MAX_MANIFEST_BYTES = 1 * MIB
MAX_SIGNATURE_BYTES = 1024
MAX_MEMBER_BYTES = 64 * MIB
"""Largest uncompressed size of any one member."""
MAX_TOTAL_BYTES = 160 * MIB
"""Largest uncompressed size of all members together."""
MAX_RATIO = 100.0
"""Largest uncompressed/compressed ratio of a member (zip bomb guard) ..."""
RATIO_FLOOR_BYTES = 1 * MIB
"""... checked for members that expand beyond this size (small files may compress well)."""

# --- CSV layout (DHIS2 dataValueSets naming) ------------------------------
CSV_COLUMNS = (
    "dataElement",
    "dataElementType",
    "period",
    "orgUnit",
    "categoryOptionCombo",
    "value",
    "storedBy",
    "lastUpdated",
    "comment",
)
ELEMENT_INDICATOR = "indicator"
ELEMENT_TASK = "task"

MANIFEST_KEYS = (
    "format",
    "format_version",
    "program_version",
    "bundle_id",
    "created_at",
    "province",
    "commune",
    "period",
    "counts",
    "members",
    "signing_key",
)


@dataclass(frozen=True)
class MemberInfo:
    """A member's size (bytes, uncompressed) and SHA-256 (hex, lowercase)."""

    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    """The manifest of a bundle, as written to and read from ``manifest.json``.

    ``created_at`` is a timezone-aware UTC instant; ``public_key`` is the raw
    32-byte Ed25519 key in base64 and ``fingerprint`` its display form.
    """

    format_version: int
    program_version: str
    bundle_id: str
    created_at: dt.datetime
    province_code: int
    province_name: str
    commune_code: int
    commune_name: str
    period_code: str
    period_kind: str
    period_start: dt.date
    period_end: dt.date
    period_label: str
    counts: dict[str, int]
    members: dict[str, MemberInfo]
    public_key: str
    fingerprint: str
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT_NAME,
            "format_version": self.format_version,
            "program_version": self.program_version,
            "bundle_id": self.bundle_id,
            "created_at": self.created_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            "province": {"code": self.province_code, "name": self.province_name},
            "commune": {"code": self.commune_code, "name": self.commune_name},
            "period": {
                "code": self.period_code,
                "kind": self.period_kind,
                "start": self.period_start.isoformat(),
                "end": self.period_end.isoformat(),
                "label": self.period_label,
            },
            "counts": dict(self.counts),
            "members": {
                name: {"size": info.size, "sha256": info.sha256}
                for name, info in sorted(self.members.items())
            },
            "signing_key": {
                "algorithm": "Ed25519",
                "public_key": self.public_key,
                "fingerprint": self.fingerprint,
            },
            **self.extra,
        }

    @property
    def summary_json(self) -> dict[str, Any]:
        """The manifest without members, kept with an import's history."""
        out = self.to_json()
        out.pop("members", None)
        return out


__all__ = [
    "ALLOWED_MEMBERS",
    "CSV_COLUMNS",
    "DATA",
    "DATAVALUES",
    "ELEMENT_INDICATOR",
    "ELEMENT_TASK",
    "FILE_SUFFIX",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MANIFEST",
    "MANIFEST_KEYS",
    "MAX_BUNDLE_BYTES",
    "MAX_MANIFEST_BYTES",
    "MAX_MEMBERS",
    "MAX_MEMBER_BYTES",
    "MAX_RATIO",
    "MAX_SIGNATURE_BYTES",
    "MAX_TOTAL_BYTES",
    "Manifest",
    "MemberInfo",
    "OPTIONAL_MEMBERS",
    "RATIO_FLOOR_BYTES",
    "REPORT_PDF",
    "REPORT_XLSX",
    "REQUIRED_MEMBERS",
    "SIGNATURE",
    "SIGNED_MEMBERS",
    "TEMP_SUFFIX",
]
