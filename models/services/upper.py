"""First run of an upper-level (province or national) database.

An upper-level database holds imported bundles and their consolidation; it
has no local commune. Its first run only needs the scope (kept in the
settings by ``models.bundle.scope``) and a first administrator. Qt-free; the
functions may run on any thread (the UI calls them from a worker).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import auth, texts_catalog, texts_upper
from models.bundle.scope import Scope, database_scope, ensure_upper_level
from models.db import Database
from models.enums import Role
from models.errors import InputError
from models.schema import User
from models.services.setup import AdminInput

__all__ = [
    "UpperInfo",
    "check_admin",
    "create_first_admin",
    "scope_title",
    "upper_info",
    "user_count",
]


def scope_title(scope: Scope) -> str:
    """``Cơ sở dữ liệu tổng hợp cấp tỉnh: Thành phố Hải Phòng`` or ``... toàn quốc``."""
    if scope.is_country:
        return texts_upper.UPPER_TITLE_COUNTRY
    return texts_upper.UPPER_TITLE_PROVINCE.format(province=scope.label)


@dataclass(frozen=True)
class UpperInfo:
    """What the first-run flow needs to know about an upper-level database."""

    scope: Scope
    has_users: bool


def user_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(User)) or 0)


def upper_info(session: Session) -> UpperInfo | None:
    """The scope and whether accounts exist; None for a commune or empty database."""
    scope = database_scope(session)
    if scope is None:
        return None
    return UpperInfo(scope=scope, has_users=user_count(session) > 0)


def check_admin(admin: AdminInput) -> str:
    """Validate the first administrator's input; returns the clean user name.

    Raises ``InputError`` naming the field (username, full_name, password,
    password_repeat) with a Vietnamese message.
    """
    name = auth.validate_username(admin.username)
    if not admin.full_name.strip():
        raise InputError(
            texts_catalog.REQUIRED.format(what=texts_catalog.ADMIN_NAME_WHAT), field="full_name"
        )
    auth.validate_password(admin.password)
    if admin.password_repeat is not None and admin.password != admin.password_repeat:
        raise InputError(texts_catalog.PASSWORD_MISMATCH, field="password_repeat")
    return name


def create_first_admin(
    db: Database, session: Session, *, scope: Scope | None, admin: AdminInput
) -> str:
    """Make ``db`` an upper-level database (``scope`` for an empty one; an
    upper-level one keeps its own) and add its first administrator.

    Refused (``InputError``) when the database already has accounts, and
    (``BundleError``) when it is a commune's. The caller commits; returns the
    user name to sign in with.
    """
    name = check_admin(admin)
    if user_count(session) > 0:
        raise InputError(texts_upper.UPPER_HAS_USERS, field="username")
    ensure_upper_level(db, scope, session=session)
    auth.create_user(
        session,
        username=name,
        full_name=admin.full_name,
        password=admin.password,
        role=Role.ADMIN,
    )
    session.flush()
    return name
