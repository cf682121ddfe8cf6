"""The installation's Ed25519 key pair that signs its data bundles.

Each database has its own key pair, kept beside it in ``<db>.keys/``
(``models.paths.companion_dir``): ``signing_key.pem`` (PKCS#8, private; the
file is created with owner-only permissions) and ``signing_key.pub`` (the raw
public key in base64). The pair is made on first use. Copying the database
with its companion folders moves the key; losing the folder makes a new key,
which the province sees as a key change that an administrator must accept.

The fingerprint shown to people is the SHA-256 of the raw 32-byte public key
in upper-case hex, in 16 groups of four: ``3F2A 9C01 ...``.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from models import paths

PRIVATE_NAME = "signing_key.pem"
PUBLIC_NAME = "signing_key.pub"


def raw_public_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint_of(public_raw: bytes) -> str:
    """SHA-256 of the raw public key as 16 space-separated groups of 4 hex digits."""
    digest = hashlib.sha256(public_raw).hexdigest().upper()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def public_key_from_b64(text: str) -> Ed25519PublicKey:
    """Raise ValueError if ``text`` is not a base64 raw Ed25519 public key."""
    raw = base64.b64decode(text.encode("ascii"), validate=True)
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key has 32 bytes")
    return Ed25519PublicKey.from_public_bytes(raw)


def verify(public_key_b64: str, signature_b64: str, message: bytes) -> bool:
    """True if ``signature_b64`` is a valid Ed25519 signature of ``message``."""
    try:
        key = public_key_from_b64(public_key_b64)
        signature = base64.b64decode(signature_b64.strip().encode("ascii"), validate=True)
        key.verify(signature, message)
    except (ValueError, InvalidSignature, UnicodeEncodeError):
        return False
    return True


@dataclass(frozen=True)
class KeyPair:
    """A loaded key pair; ``sign`` returns a base64 signature."""

    private: Ed25519PrivateKey

    @property
    def public_raw(self) -> bytes:
        return raw_public_bytes(self.private.public_key())

    @property
    def public_b64(self) -> str:
        return base64.b64encode(self.public_raw).decode("ascii")

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.public_raw)

    def sign(self, message: bytes) -> str:
        return base64.b64encode(self.private.sign(message)).decode("ascii")

    @classmethod
    def generate(cls) -> KeyPair:
        return cls(Ed25519PrivateKey.generate())


def keys_dir(db_path: Path) -> Path:
    """The key folder of the database file at ``db_path`` (created if missing)."""
    return paths.companion_dir(db_path, "keys")


def _write_private(path: Path, data: bytes) -> None:
    """Write the private key readable by the owner only, atomically."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def load_or_create(folder: Path) -> KeyPair:
    """The key pair stored in ``folder``, made and saved there on first use."""
    folder.mkdir(parents=True, exist_ok=True)
    private_path = folder / PRIVATE_NAME
    if private_path.exists():
        loaded = serialization.load_pem_private_key(private_path.read_bytes(), password=None)
        if not isinstance(loaded, Ed25519PrivateKey):
            raise ValueError(f"{private_path} is not an Ed25519 private key")
        return KeyPair(loaded)
    pair = KeyPair.generate()
    pem = pair.private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    _write_private(private_path, pem)
    (folder / PUBLIC_NAME).write_text(pair.public_b64 + "\n", encoding="ascii")
    return pair


def installation_keys(db_path: Path) -> KeyPair:
    """The signing key pair of the database file at ``db_path``."""
    return load_or_create(keys_dir(db_path))
