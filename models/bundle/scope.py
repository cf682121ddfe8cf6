"""The role and scope of a database: a commune's own, or an upper level's.

Settings (table ``setting``): ``db_role`` (``DatabaseRole`` value) and, for
an upper-level database, ``scope_province_code`` (the province's official
code, or null for the whole country). A commune database has ``db_role`` =
commune or a local commune row; bundles are never imported into it. An
empty database becomes an upper-level one on the first import with a scope.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import geo, texts
from models.db import Database
from models.enums import DatabaseRole
from models.errors import AppError, BundleError, InputError
from models.schema import Commune, Setting

DB_ROLE = "db_role"
SCOPE_PROVINCE = "scope_province_code"


@dataclass(frozen=True)
class Scope:
    """One province (``province_code``) or the whole country (``None``)."""

    province_code: int | None

    @property
    def is_country(self) -> bool:
        return self.province_code is None

    @property
    def role(self) -> DatabaseRole:
        return DatabaseRole.NATIONAL if self.is_country else DatabaseRole.PROVINCE

    @property
    def label(self) -> str:
        if self.province_code is None:
            return texts.SCOPE_COUNTRY
        return texts.SCOPE_PROVINCE.format(province=geo.province_by_code(self.province_code).name)

    def contains(self, commune: geo.OfficialCommune) -> bool:
        return self.province_code is None or commune.province_code == self.province_code

    def communes(self) -> list[geo.OfficialCommune]:
        """The official communes of the scope, in the official order."""
        if self.province_code is None:
            return list(geo.communes())
        return geo.communes_of(self.province_code)


def parse_scope(text: str | int) -> Scope:
    """``"31"`` → Hải Phòng; ``"all"`` / ``"toàn quốc"`` → the whole country."""
    raw = str(text).strip().lower()
    if raw in ("all", "toàn quốc", "toan quoc", "vn"):
        return Scope(None)
    try:
        code = int(raw)
        geo.province_by_code(code)
    except (ValueError, AppError) as exc:
        raise InputError(texts.SCOPE_BAD.format(scope=text), field="scope") from exc
    return Scope(code)


def _setting(session: Session, key: str) -> object:
    row = session.get(Setting, key)
    return None if row is None else row.value


def database_role(session: Session) -> DatabaseRole | None:
    """The role written in the settings, or commune if a local commune exists."""
    value = _setting(session, DB_ROLE)
    if isinstance(value, str):
        try:
            return DatabaseRole(value)
        except ValueError:
            pass
    if session.scalar(select(Commune.id).where(Commune.is_local.is_(True)).limit(1)) is not None:
        return DatabaseRole.COMMUNE
    return None


def database_scope(session: Session) -> Scope | None:
    """The scope of an upper-level database, None if not (yet) one."""
    role = database_role(session)
    if role not in (DatabaseRole.PROVINCE, DatabaseRole.NATIONAL):
        return None
    code = _setting(session, SCOPE_PROVINCE)
    if role is DatabaseRole.NATIONAL or code is None:
        return Scope(None)
    return Scope(int(code))  # type: ignore[call-overload]


def _where(db: Database) -> str:
    return str(db.path) if db.path is not None else db.url.render_as_string(hide_password=True)


def ensure_upper_level(
    db: Database, scope: Scope | None, *, session: Session | None = None, write: bool = True
) -> Scope:
    """Make sure ``db`` is an upper-level database and return its scope.

    An empty database takes ``scope`` (required then; written to the settings
    unless ``write`` is False, as in a dry run); an upper-level one keeps its
    own scope (``scope`` must agree or be None); a commune database is
    refused with ``BundleError``.
    """
    def work(s: Session) -> Scope:
        role = database_role(s)
        if role is DatabaseRole.COMMUNE:
            local = s.scalar(select(Commune).where(Commune.is_local.is_(True)))
            raise BundleError(
                texts.IMPORT_INTO_COMMUNE.format(
                    db=_where(db), commune=local.commune_name if local is not None else "một xã"
                )
            )
        current = database_scope(s)
        if current is not None:
            if scope is not None and scope != current:
                raise BundleError(
                    texts.SCOPE_CONFLICT.format(db=_where(db), current=current.label, asked=scope.label)
                )
            return current
        if scope is None:
            raise BundleError(texts.SCOPE_MISSING.format(db=_where(db)))
        if not write:
            return scope
        for key, value in ((DB_ROLE, scope.role.value), (SCOPE_PROVINCE, scope.province_code)):
            row = s.get(Setting, key)
            if row is None:
                s.add(Setting(key=key, value=value))
            else:
                row.value = value
        s.flush()
        return scope

    if session is not None:
        return work(session)
    with db.transaction() as s:
        return work(s)
