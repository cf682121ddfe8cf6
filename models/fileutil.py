"""Small file helpers shared by the evidence store, backups, bundles and reports."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

CHUNK = 1 << 20


def sha256_file(path: Path) -> tuple[str, int]:
    """SHA-256 (hex) and size in bytes of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def fsync_dir(folder: Path, *, strict: bool = False) -> None:
    """Flush a folder's entries (a rename) to disk.

    POSIX only: Windows cannot open a folder for fsync, and flushes the
    rename with the volume. With ``strict`` an error propagates (a USB stick
    pulled out during export must fail the export); otherwise it is ignored.
    """
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        if strict:
            raise
        return
    try:
        os.fsync(fd)
    except OSError:
        if strict:
            raise
    finally:
        os.close(fd)
