"""Who may do what: the one permission table of the program.

Four roles (``models.enums.Role``):

- administrator (Quản trị hệ thống): everything, and the only one who manages
  accounts, restores a backup and accepts a commune's new signing key;
- compiling officer (Cán bộ tổng hợp): enters data for every unit, edits the
  plan and catalogue, locks and unlocks periods, issues reports, exports and
  imports bundles, makes backups, reads the audit log;
- unit staff (Cán bộ đơn vị): reads, and enters/submits the monthly update of
  their own unit only;
- leader (Lãnh đạo): reads everything (including the audit log) and approves
  reports; enters nothing.

Services call ``require(principal, Permission.X, unit_id=...)`` (or
``require_in(session, Permission.X)`` for the session's actor) before they
write; the UI asks ``allowed(...)`` (through ``AppContext.can``) to enable or
hide actions. Both read ``ROLE_PERMISSIONS`` and nothing else.

A *principal* is anything with ``role``, ``unit_id`` and ``active`` (a
``User`` row, detached or not). ``SYSTEM`` is the program itself (the
command line run by the person at the computer, start-of-day backups,
tests): it may do everything. ``None`` means nobody is signed in and is
refused. ``principal_of(session, actor)`` turns an audit ``Actor`` into a
principal (``SYSTEM`` when the actor has no user id).

Qt-free; any thread.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from models import texts
from models.audit import Actor
from models.enums import Role
from models.errors import PermissionDenied
from models.schema import User


class Permission(enum.StrEnum):
    """What a user may be allowed to do (values are stable identifiers)."""

    VIEW = "view"
    EDIT_PLAN = "plan.edit"  # tasks, indicators, plan import
    EDIT_UNIT_DATA = "updates.edit"  # unit-scoped: progress, values, evidence
    SUBMIT_UNIT = "updates.submit"  # unit-scoped: declare the unit's report complete
    LOCK_PERIOD = "period.lock"  # lock and unlock
    ISSUE_REPORT = "report.issue"  # number, reissue, cancel reports
    APPROVE = "report.approve"
    EXPORT_BUNDLE = "bundle.export"
    IMPORT_BUNDLE = "bundle.import"
    ACCEPT_KEY_CHANGE = "bundle.accept_key"
    MANAGE_CATALOG = "catalog.edit"  # commune, units, signers, recipients
    MANAGE_USERS = "users.manage"
    EDIT_SETTINGS = "settings.edit"
    VIEW_AUDIT = "audit.view"
    BACKUP = "backup"
    RESTORE = "restore"


P = Permission

#: Permissions whose meaning depends on the unit concerned.
UNIT_SCOPED: frozenset[Permission] = frozenset({P.EDIT_UNIT_DATA, P.SUBMIT_UNIT})

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.OFFICER: frozenset(Permission) - {P.MANAGE_USERS, P.RESTORE, P.ACCEPT_KEY_CHANGE},
    Role.LEADER: frozenset({P.VIEW, P.APPROVE, P.VIEW_AUDIT}),
    Role.UNIT_STAFF: frozenset({P.VIEW, P.EDIT_UNIT_DATA, P.SUBMIT_UNIT}),
}


class Principal(Protocol):
    """Who acts: a ``User`` row or ``SYSTEM``."""

    @property
    def role(self) -> Role: ...

    @property
    def unit_id(self) -> int | None: ...

    @property
    def active(self) -> bool: ...


@dataclass(frozen=True)
class _System:
    """The program itself: command line, scheduled backups, tests."""

    role: Role = Role.ADMIN
    unit_id: int | None = None
    active: bool = True
    username: str = "hệ thống"


SYSTEM: Principal = _System()


def _as_permission(permission: Permission | str) -> Permission | None:
    try:
        return Permission(permission)
    except ValueError:
        return None


def role_allows(
    role: Role,
    permission: Permission | str,
    *,
    own_unit_id: int | None,
    unit_id: int | None = None,
) -> bool:
    """The rule itself, from a role and the user's own unit.

    For unit-scoped permissions ``unit_id`` names the unit concerned; without
    it the question is "for some unit", which for unit staff means their own
    (so a unit staff account without a unit may edit nothing).
    """
    perm = _as_permission(permission)
    if perm is None or perm not in ROLE_PERMISSIONS.get(Role(role), frozenset()):
        return False
    if Role(role) is Role.UNIT_STAFF and perm in UNIT_SCOPED:
        if own_unit_id is None:
            return False
        return unit_id is None or unit_id == own_unit_id
    return True


def allowed(
    user: Principal | None, permission: Permission | str, *, unit_id: int | None = None
) -> bool:
    """Whether ``user`` may do ``permission`` (for ``unit_id`` when unit-scoped).

    Nobody signed in (``None``) and deactivated accounts may do nothing.
    """
    if user is None or not getattr(user, "active", True):
        return False
    return role_allows(user.role, permission, own_unit_id=user.unit_id, unit_id=unit_id)


def require(
    user: Principal | None, permission: Permission | str, *, unit_id: int | None = None
) -> None:
    """Raise ``PermissionDenied`` (Vietnamese message) unless ``allowed``."""
    if allowed(user, permission, unit_id=unit_id):
        return
    if user is None:
        raise PermissionDenied(texts.PERM_NOT_SIGNED_IN)
    if not getattr(user, "active", True):
        raise PermissionDenied(texts.PERM_INACTIVE)
    perm = _as_permission(permission)
    what = texts.PERMISSION_LABELS.get(perm, str(permission)) if perm else str(permission)
    role_label = texts.label(Role(user.role))
    if perm in UNIT_SCOPED and Role(user.role) is Role.UNIT_STAFF:
        raise PermissionDenied(texts.PERM_OTHER_UNIT.format(what=what))
    raise PermissionDenied(texts.PERM_DENIED.format(role=role_label, what=what))


def principal_of(session: Session, actor: Actor | None) -> Principal | None:
    """The principal behind an audit ``Actor``.

    No actor, or an actor without a user id (``Actor.system()``): ``SYSTEM``.
    An actor whose account no longer exists: ``None`` (refused).
    """
    if actor is None or actor.user_id is None:
        return SYSTEM
    return session.get(User, actor.user_id)


def session_principal(session: Session) -> Principal | None:
    """The principal acting in ``session``: its ``session.info["actor"]``
    (set by ``Database.session(actor=...)``/``transaction(actor=...)``).

    A session without an actor is the program itself (``SYSTEM``), as in
    ``principal_of``; an actor whose account no longer exists is ``None``.
    The account is read in ``session``, so a role or ``active`` changed since
    sign-in counts.
    """
    actor = session.info.get("actor")
    return principal_of(session, actor if isinstance(actor, Actor) else None)


def require_in(
    session: Session, permission: Permission | str, *, unit_id: int | None = None
) -> None:
    """``require`` for the principal acting in ``session`` (``session_principal``).

    Services that take only a session call this first, before they write.
    """
    require(session_principal(session), permission, unit_id=unit_id)


def permissions_of(user: Principal | None) -> frozenset[Permission]:
    """Every permission ``user`` has for their own unit (for menus, tests)."""
    return frozenset(p for p in Permission if allowed(user, p))


__all__ = [
    "P",
    "Permission",
    "Principal",
    "ROLE_PERMISSIONS",
    "SYSTEM",
    "UNIT_SCOPED",
    "allowed",
    "permissions_of",
    "principal_of",
    "require",
    "require_in",
    "role_allows",
    "session_principal",
]
