"""Accounts: password hashing and sign-in.

Passwords are hashed with scrypt (memory-hard, Python standard library):
``scrypt$<n>$<r>$<p>$<salt b64>$<hash b64>``. A password is never stored,
logged or put in an audit record in clear (the audit listener masks
``password_hash``).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import audit
from models.enums import AuditAction, Role
from models.errors import InputError, PermissionDenied
from models.schema import User

SCRYPT_N = 2**14


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


SCRYPT_R = 8
SCRYPT_P = 1
MIN_PASSWORD_LENGTH = 6

MSG_BAD_LOGIN = "Tên đăng nhập hoặc mật khẩu không đúng."
MSG_INACTIVE = "Tài khoản đã bị khóa. Hãy liên hệ quản trị viên."
MSG_TOO_SHORT = "Mật khẩu phải có ít nhất {n} ký tự."
MSG_USERNAME = "Tên đăng nhập chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch nối (3-64 ký tự)."
MSG_USERNAME_TAKEN = "Tên đăng nhập \"{username}\" đã có."
MSG_UNIT_REQUIRED = "Tài khoản cán bộ đơn vị phải gắn với một đơn vị."


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        nfc(password).encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
        maxmem=64 * 1024 * 1024, dklen=32,
    )
    return "$".join(
        [
            "scrypt",
            str(SCRYPT_N),
            str(SCRYPT_R),
            str(SCRYPT_P),
            base64.b64encode(salt).decode(),
            base64.b64encode(digest).decode(),
        ]
    )


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(
            nfc(password).encode("utf-8"), salt=base64.b64decode(salt_b64),
            n=int(n), r=int(r), p=int(p), maxmem=64 * 1024 * 1024, dklen=32,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, base64.b64decode(digest_b64))


def validate_username(username: str) -> str:
    import re

    name = username.strip().lower()
    if not re.fullmatch(r"[a-z0-9._-]{3,64}", name):
        raise InputError(MSG_USERNAME, field="username")
    return name


def validate_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(MSG_TOO_SHORT.format(n=MIN_PASSWORD_LENGTH), field="password")


def create_user(
    session: Session,
    *,
    username: str,
    full_name: str,
    password: str,
    role: Role,
    unit_id: int | None = None,
) -> User:
    """Add an account (caller commits). Unit staff must name their unit."""
    name = validate_username(username)
    validate_password(password)
    if role is Role.UNIT_STAFF and unit_id is None:
        raise InputError(MSG_UNIT_REQUIRED, field="unit")
    if session.scalar(select(User).where(User.username == name)) is not None:
        raise InputError(MSG_USERNAME_TAKEN.format(username=name), field="username")
    user = User(
        username=name,
        full_name=nfc(full_name.strip()),
        password_hash=hash_password(password),
        role=role,
        unit_id=unit_id,
    )
    session.add(user)
    return user


def authenticate(session: Session, username: str, password: str) -> User:
    """Check a sign-in and log it; raises ``PermissionDenied`` when refused.

    The caller commits (so failed attempts are recorded too).
    """
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    now = dt.datetime.now(dt.UTC)
    if user is None or not verify_password(password, user.password_hash):
        if user is not None:
            user.failed_logins += 1
        audit.log_event(
            session, AuditAction.LOGIN_FAILED, summary=username.strip()[:64], entity="user_account"
        )
        raise PermissionDenied(MSG_BAD_LOGIN)
    if not user.active:
        raise PermissionDenied(MSG_INACTIVE)
    user.failed_logins = 0
    user.last_login_at = now
    session.info["actor"] = audit.Actor(user.id, user.username)
    audit.log_event(
        session, AuditAction.LOGIN, summary=user.username, entity="user_account",
        entity_uuid=user.uuid,
    )
    return user
