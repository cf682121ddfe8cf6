"""Accounts: password hashing and sign-in.

Passwords are hashed with scrypt (memory-hard, Python standard library):
``scrypt$<n>$<r>$<p>$<salt b64>$<hash b64>``. A password is never stored,
logged or put in an audit record in clear (the audit listener masks
``password_hash``).

Repeated wrong passwords slow down: after ``FREE_ATTEMPTS`` failures in a row
an account is closed for a wait that doubles with each further failure (up to
``MAX_DELAY_SECONDS``), recorded in the account row (``failed_logins``,
``locked_until``) so a restart does not reset it. Nothing sleeps: a refused
attempt raises ``LoginThrottled`` carrying ``wait_seconds`` and the UI shows
the countdown. A successful sign-in clears the counter. Administrators reset
passwords (``reset_password``, the user must then choose a new one);
everyone changes their own (``change_password``). Qt-free; any thread; the
caller commits so that refused attempts are recorded too.
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

from models import audit, texts
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


FREE_ATTEMPTS = 3
"""Wrong passwords in a row before the account starts to wait."""
BASE_DELAY_SECONDS = 5
MAX_DELAY_SECONDS = 300

_DUMMY_HASH = (
    "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
)


class LoginThrottled(PermissionDenied):
    """Too many wrong passwords: try again after ``wait_seconds``."""

    def __init__(self, message: str, *, wait_seconds: int) -> None:
        super().__init__(message)
        self.wait_seconds = wait_seconds


def delay_after(failures: int) -> int:
    """Seconds an account waits after ``failures`` wrong passwords in a row.

    0 for the first ``FREE_ATTEMPTS - 1`` failures, then 5, 10, 20, 40...
    seconds, never more than ``MAX_DELAY_SECONDS``.
    """
    if failures < FREE_ATTEMPTS:
        return 0
    return int(min(BASE_DELAY_SECONDS * 2 ** min(failures - FREE_ATTEMPTS, 16), MAX_DELAY_SECONDS))


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _remaining(user: User, now: dt.datetime) -> int:
    until = _utc(user.locked_until)
    if until is None or until <= now:
        return 0
    return max(1, int((until - now).total_seconds() + 0.999))


def _find(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username.strip().lower()))


def login_wait_seconds(session: Session, username: str, *, now: dt.datetime | None = None) -> int:
    """Seconds before ``username`` may try again (0: now). Reads only."""
    user = _find(session, username)
    if user is None:
        return 0
    return _remaining(user, now or dt.datetime.now(dt.UTC))


def _safe_name(username: str) -> str:
    """What of a typed user name goes into the log (never something that could be a password)."""
    name = username.strip().lower()
    import re

    return name if re.fullmatch(r"[a-z0-9._-]{1,64}", name) else "(tên đăng nhập không hợp lệ)"


def _throttled(wait: int, *, prefix: str = "") -> LoginThrottled:
    return LoginThrottled(prefix + texts.AUTH_WAIT.format(seconds=wait), wait_seconds=wait)


def _check_password(
    session: Session, user: User | None, password: str, *, typed_name: str, now: dt.datetime
) -> User:
    """The password check shared by sign-in and unlocking an idle session."""
    if user is not None:
        wait = _remaining(user, now)
        if wait:
            audit.log_event(
                session, AuditAction.LOGIN_FAILED, summary=user.username,
                entity="user_account", entity_uuid=user.uuid,
            )
            raise _throttled(wait)
    if user is None:
        verify_password(password, _DUMMY_HASH)  # same time whether the account exists or not
        audit.log_event(
            session, AuditAction.LOGIN_FAILED, summary=_safe_name(typed_name), entity="user_account"
        )
        raise PermissionDenied(MSG_BAD_LOGIN)
    if not verify_password(password, user.password_hash):
        user.failed_logins = (user.failed_logins or 0) + 1
        wait = delay_after(user.failed_logins)
        summary = user.username
        if wait:
            user.locked_until = now + dt.timedelta(seconds=wait)
            summary = texts.AUTH_LOCKED_SUMMARY.format(
                username=user.username, count=user.failed_logins, seconds=wait
            )
        audit.log_event(
            session, AuditAction.LOGIN_FAILED, summary=summary, entity="user_account",
            entity_uuid=user.uuid,
        )
        if wait:
            raise _throttled(wait, prefix=MSG_BAD_LOGIN + " ")
        raise PermissionDenied(MSG_BAD_LOGIN)
    if not user.active:
        raise PermissionDenied(MSG_INACTIVE)
    if user.failed_logins:
        user.failed_logins = 0
    if user.locked_until is not None:
        user.locked_until = None
    return user


def authenticate(
    session: Session, username: str, password: str, *, now: dt.datetime | None = None
) -> User:
    """Check a sign-in and log it; raises ``PermissionDenied`` when refused.

    ``LoginThrottled`` (a ``PermissionDenied``) when the account must wait:
    the password is then not even checked. The caller commits (so failed
    attempts and the wait are recorded too).
    """
    when = now or dt.datetime.now(dt.UTC)
    user = _check_password(session, _find(session, username), password, typed_name=username, now=when)
    user.last_login_at = when
    session.info["actor"] = audit.Actor(user.id, user.username)
    audit.log_event(
        session, AuditAction.LOGIN, summary=user.username, entity="user_account",
        entity_uuid=user.uuid,
    )
    return user


def unlock_session(
    session: Session, *, user_id: int, password: str, now: dt.datetime | None = None
) -> User:
    """Check the password of the signed-in user after the idle lock; logged.

    Same throttling as ``authenticate``. The caller commits.
    """
    user = session.get(User, user_id)
    when = now or dt.datetime.now(dt.UTC)
    user = _check_password(
        session, user, password, typed_name=user.username if user else "", now=when
    )
    session.info["actor"] = audit.Actor(user.id, user.username)
    audit.log_event(
        session, AuditAction.LOGIN, summary=texts.AUTH_UNLOCK_SESSION, entity="user_account",
        entity_uuid=user.uuid,
    )
    return user


def change_password(
    session: Session,
    *,
    user_id: int,
    old_password: str | None,
    new_password: str,
    repeat: str | None = None,
) -> User:
    """A user chooses a new password; clears ``must_change_password``.

    ``old_password`` is required except right after an administrator's reset
    (``must_change_password``), where the sign-in just checked it. The new
    password must differ from the old one. The caller commits.
    """
    user = session.get(User, user_id)
    if user is None:
        raise PermissionDenied(MSG_BAD_LOGIN)
    if repeat is not None and new_password != repeat:
        raise InputError(texts.AUTH_PASSWORD_MISMATCH, field="password_repeat")
    if old_password is not None or not user.must_change_password:
        if old_password is None or not verify_password(old_password, user.password_hash):
            raise InputError(texts.AUTH_WRONG_PASSWORD, field="old_password")
    validate_password(new_password)
    if verify_password(new_password, user.password_hash):
        raise InputError(texts.AUTH_SAME_PASSWORD, field="password")
    user.password_hash = hash_password(new_password)
    user.must_change_password = False
    audit.log_event(
        session, AuditAction.UPDATE,
        summary=texts.AUTH_PASSWORD_CHANGED.format(username=user.username),
        entity="user_account", entity_uuid=user.uuid,
    )
    return user


def reset_password(
    session: Session,
    *,
    user_id: int,
    new_password: str,
    by: object | None,
) -> User:
    """An administrator sets a new password; the user must change it at next sign-in.

    ``by`` is the acting principal (``models.permissions``): only
    administrators may (``PermissionDenied``). Clears the wait after wrong
    passwords. Logged as PASSWORD_RESET. The caller commits.
    """
    from models.permissions import Permission, require

    require(by, Permission.MANAGE_USERS)  # type: ignore[arg-type]
    user = session.get(User, user_id)
    if user is None:
        raise InputError(MSG_BAD_LOGIN)
    validate_password(new_password)
    user.password_hash = hash_password(new_password)
    user.must_change_password = True
    user.failed_logins = 0
    user.locked_until = None
    audit.log_event(
        session, AuditAction.PASSWORD_RESET,
        summary=texts.AUTH_PASSWORD_RESET.format(username=user.username),
        entity="user_account", entity_uuid=user.uuid,
    )
    return user
