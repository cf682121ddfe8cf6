"""The commune's catalogues: document identity, units, signers, recipients, accounts.

Rules:
- every text is stored NFC with whitespace runs collapsed (``normalize_spaces``);
- unit codes are unique ignoring case, unit names unique ignoring case and
  accents; recipient names likewise;
- a unit used by tasks, indicators, accounts or submissions is never deleted:
  the caller gets an ``InputError`` explaining to deactivate it instead
  (``set_unit_active``); a signer that signed a registered document likewise;
- deactivating oneself or the last active administrator is refused;
- every function that writes first checks the acting user, read from the
  session's audit actor (``models.permissions.require_in``): the commune,
  units, signers and recipients need ``MANAGE_CATALOG`` (administrators and
  compiling officers), accounts need ``MANAGE_USERS`` (administrators only);
  a session without an actor is the program itself (``SYSTEM``). A refusal
  is a Vietnamese ``PermissionDenied`` raised before anything is written.

Functions take a ``Session`` and flush but never commit: the caller's
``db.transaction(actor=...)`` commits the change together with its audit lines
(written automatically by ``models.audit``). Qt-free; any thread.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import auth
from models import texts_catalog as T
from models.enums import PeriodConvention, Role, SigningAuthority, UnitKind
from models.errors import InputError, NotFoundError
from models.permissions import (
    Permission,
    Principal,
    allowed,
    require_in,
    session_principal,
)
from models.schema import (
    Commune,
    Indicator,
    IndicatorUnit,
    IssuedDocument,
    Recipient,
    Signer,
    Task,
    TaskUnit,
    Unit,
    UnitSubmission,
    User,
)
from models.textutil import fold, normalize_spaces

_UNIT_CODE = re.compile(r"[^\W_][\w.\-]{0,19}")
_SYMBOL = re.compile(r"[^\W_][\w\-]{0,39}")


# ---------------------------------------------------------------------------
# Input records (plain data: the UI and the tests build these)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AgencyInput:
    """The document identity of the commune (header lines, place, symbol...)."""

    agency_line1: str
    agency_line2: str
    agency_name: str
    place_name: str
    report_symbol: str = T.REPORT_SYMBOL
    superior_line: str | None = None
    drafting_unit_code: str | None = None
    period_convention: PeriodConvention = PeriodConvention.CALENDAR
    unit_deadline_day: int = 15
    report_deadline_day: int = 18


@dataclass(frozen=True)
class UnitInput:
    code: str
    name: str
    kind: UnitKind = UnitKind.OTHER
    reports: bool = True
    active: bool = True


@dataclass(frozen=True)
class SignerInput:
    """A signer: ``TM.`` + body + title, or ``KT.`` + body + on_behalf_of + title."""

    full_name: str
    title: str
    authority: SigningAuthority = SigningAuthority.TM
    body: str = T.SIGNER_BODY
    on_behalf_of: str | None = None
    is_default: bool = False
    active: bool = True


@dataclass(frozen=True)
class RecipientInput:
    name: str
    short_name: str = ""
    upward: bool = False
    default_selected: bool = True
    active: bool = True


# ---------------------------------------------------------------------------
# Cleaning and validation (pure functions)
# ---------------------------------------------------------------------------


def _row_prefix(row: int | None) -> str:
    return T.ROW_PREFIX.format(row=row) if row is not None else ""


def _required(
    value: str | None, *, what: str, field: str, limit: int, row: int | None = None
) -> str:
    text = normalize_spaces(value or "")
    if not text:
        raise InputError(_row_prefix(row) + T.REQUIRED.format(what=what), field=field, row=row)
    if len(text) > limit:
        raise InputError(
            _row_prefix(row) + T.TOO_LONG.format(what=what[0].upper() + what[1:], n=limit),
            field=field,
            row=row,
        )
    return text


def _optional(value: str | None, *, what: str, field: str, limit: int) -> str | None:
    text = normalize_spaces(value or "")
    if not text:
        return None
    return _required(text, what=what, field=field, limit=limit)


def clean_agency(data: AgencyInput) -> AgencyInput:
    """Return ``data`` normalised, or raise ``InputError`` naming the field."""
    symbol = _required(
        data.report_symbol, what=T.REPORT_SYMBOL_WHAT, field="report_symbol", limit=40
    )
    if not _SYMBOL.fullmatch(symbol):
        raise InputError(T.REPORT_SYMBOL_BAD.format(symbol=symbol), field="report_symbol")
    for day, what, field in (
        (data.unit_deadline_day, T.DEADLINE_UNIT_WHAT, "unit_deadline_day"),
        (data.report_deadline_day, T.DEADLINE_REPORT_WHAT, "report_deadline_day"),
    ):
        if not isinstance(day, int) or not 1 <= day <= 28:
            raise InputError(T.DEADLINE_DAY_BAD.format(what=what), field=field)
    if data.report_deadline_day <= data.unit_deadline_day:
        raise InputError(
            T.DEADLINE_ORDER.format(report=data.report_deadline_day, unit=data.unit_deadline_day),
            field="report_deadline_day",
        )
    drafting = normalize_spaces(data.drafting_unit_code or "").upper() or None
    return AgencyInput(
        agency_line1=_required(
            data.agency_line1, what=T.AGENCY_LINE1_WHAT, field="agency_line1", limit=200
        ),
        agency_line2=_required(
            data.agency_line2, what=T.AGENCY_LINE2_WHAT, field="agency_line2", limit=200
        ),
        agency_name=_required(
            data.agency_name, what=T.AGENCY_NAME_WHAT, field="agency_name", limit=200
        ),
        place_name=_required(
            data.place_name, what=T.PLACE_NAME_WHAT, field="place_name", limit=100
        ),
        report_symbol=symbol.upper(),
        superior_line=_optional(
            data.superior_line, what=T.SUPERIOR_LINE_WHAT, field="superior_line", limit=200
        ),
        drafting_unit_code=drafting,
        period_convention=PeriodConvention(data.period_convention),
        unit_deadline_day=data.unit_deadline_day,
        report_deadline_day=data.report_deadline_day,
    )


def clean_unit(data: UnitInput, *, row: int | None = None) -> UnitInput:
    code = _required(data.code, what=T.UNIT_CODE_WHAT, field="code", limit=20, row=row)
    code = code.upper()
    if not _UNIT_CODE.fullmatch(code):
        raise InputError(
            _row_prefix(row) + T.UNIT_CODE_BAD.format(code=code), field="code", row=row
        )
    name = _required(data.name, what=T.UNIT_NAME_WHAT, field="name", limit=200, row=row)
    return replace(data, code=code, name=name, kind=UnitKind(data.kind))


def clean_units(rows: Sequence[UnitInput]) -> list[UnitInput]:
    """Clean a whole list (setup): at least one, codes and names unique."""
    if not rows:
        raise InputError(T.UNITS_EMPTY, field="units")
    out: list[UnitInput] = []
    codes: dict[str, str] = {}
    names: set[str] = set()
    for i, raw in enumerate(rows, start=1):
        unit = clean_unit(raw, row=i)
        if unit.code.casefold() in codes:
            raise InputError(
                _row_prefix(i)
                + T.UNIT_CODE_DUP.format(code=unit.code, other=codes[unit.code.casefold()]),
                field="code",
                row=i,
            )
        if fold(unit.name) in names:
            raise InputError(
                _row_prefix(i) + T.UNIT_NAME_DUP.format(name=unit.name), field="name", row=i
            )
        codes[unit.code.casefold()] = unit.name
        names.add(fold(unit.name))
        out.append(unit)
    return out


def clean_signer(data: SignerInput, *, row: int | None = None) -> SignerInput:
    full_name = _required(
        data.full_name, what=T.SIGNER_NAME_WHAT, field="full_name", limit=100, row=row
    )
    title = _required(data.title, what=T.SIGNER_TITLE_WHAT, field="title", limit=100, row=row)
    body = _required(data.body, what=T.SIGNER_BODY_WHAT, field="body", limit=100, row=row)
    authority = SigningAuthority(data.authority)
    on_behalf = normalize_spaces(data.on_behalf_of or "") or None
    if authority is SigningAuthority.KT and not on_behalf:
        raise InputError(
            _row_prefix(row) + T.SIGNER_KT_NEEDS_PRINCIPAL, field="on_behalf_of", row=row
        )
    if authority is SigningAuthority.TM:
        on_behalf = None
    return replace(
        data,
        full_name=full_name,
        title=title.upper(),
        body=body.upper(),
        authority=authority,
        on_behalf_of=on_behalf.upper() if on_behalf else None,
    )


def clean_signers(rows: Sequence[SignerInput]) -> list[SignerInput]:
    """At least one signer; exactly one default (the first if none is marked)."""
    if not rows:
        raise InputError(T.SIGNERS_EMPTY, field="signers")
    out = [clean_signer(s, row=i) for i, s in enumerate(rows, start=1)]
    default_index = next((i for i, s in enumerate(out) if s.is_default), 0)
    return [replace(s, is_default=(i == default_index)) for i, s in enumerate(out)]


def clean_recipient(data: RecipientInput, *, row: int | None = None) -> RecipientInput:
    name = _required(data.name, what=T.RECIPIENT_NAME_WHAT, field="name", limit=300, row=row)
    short = normalize_spaces(data.short_name or "") or name
    if len(short) > 300:
        short = short[:300]
    return replace(data, name=name, short_name=short)


def clean_recipients(rows: Sequence[RecipientInput]) -> list[RecipientInput]:
    out: list[RecipientInput] = []
    seen: set[str] = set()
    for i, raw in enumerate(rows, start=1):
        rec = clean_recipient(raw, row=i)
        if fold(rec.name) in seen:
            raise InputError(
                _row_prefix(i) + T.RECIPIENT_DUP.format(name=rec.name), field="name", row=i
            )
        seen.add(fold(rec.name))
        out.append(rec)
    return out


# ---------------------------------------------------------------------------
# The commune's identity
# ---------------------------------------------------------------------------


def local_commune(session: Session) -> Commune | None:
    """The commune that owns this database, or None before first-run setup."""
    return session.scalar(select(Commune).where(Commune.is_local.is_(True)))


def require_local_commune(session: Session) -> Commune:
    commune = local_commune(session)
    if commune is None:
        raise NotFoundError(T.COMMUNE_NOT_SET)
    return commune


def agency_of(commune: Commune) -> AgencyInput:
    """The editable identity of ``commune`` as an ``AgencyInput``."""
    return AgencyInput(
        agency_line1=commune.agency_line1,
        agency_line2=commune.agency_line2,
        agency_name=commune.agency_name,
        place_name=commune.place_name,
        report_symbol=commune.report_symbol,
        superior_line=commune.superior_line,
        drafting_unit_code=commune.drafting_unit_code,
        period_convention=commune.period_convention,
        unit_deadline_day=commune.unit_deadline_day,
        report_deadline_day=commune.report_deadline_day,
    )


def apply_agency(session: Session, commune: Commune, data: AgencyInput) -> None:
    """Write a cleaned ``AgencyInput`` into ``commune`` (drafting unit must exist).

    A building block without a permission check: first-run setup (before any
    account exists) and ``update_commune_info`` (which checks) call it.
    """
    if data.drafting_unit_code is not None:
        unit = _unit_by_code(session, data.drafting_unit_code)
        if unit is None:
            raise InputError(
                T.DRAFTING_UNIT_UNKNOWN.format(code=data.drafting_unit_code),
                field="drafting_unit_code",
            )
        data = replace(data, drafting_unit_code=unit.code)
    commune.agency_line1 = data.agency_line1
    commune.agency_line2 = data.agency_line2
    commune.agency_name = data.agency_name
    commune.place_name = data.place_name
    commune.report_symbol = data.report_symbol
    commune.superior_line = data.superior_line
    commune.drafting_unit_code = data.drafting_unit_code
    commune.period_convention = data.period_convention
    commune.unit_deadline_day = data.unit_deadline_day
    commune.report_deadline_day = data.report_deadline_day


def update_commune_info(session: Session, data: AgencyInput) -> Commune:
    """Change the local commune's document identity and reporting rules."""
    require_in(session, Permission.MANAGE_CATALOG)
    commune = require_local_commune(session)
    apply_agency(session, commune, clean_agency(data))
    session.flush()
    return commune


# ---------------------------------------------------------------------------
# Units
# ---------------------------------------------------------------------------


def _unit_by_code(session: Session, code: str) -> Unit | None:
    return session.scalar(select(Unit).where(func.upper(Unit.code) == code.upper()))


def list_units(session: Session, *, include_inactive: bool = True) -> list[Unit]:
    stmt = select(Unit).order_by(Unit.sort_order, Unit.id)
    if not include_inactive:
        stmt = stmt.where(Unit.active.is_(True))
    return list(session.scalars(stmt))


def _get_unit(session: Session, unit_id: int) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFoundError(T.UNIT_NOT_FOUND)
    return unit


def _check_unit_unique(session: Session, data: UnitInput, *, exclude_id: int | None) -> None:
    for other in session.scalars(select(Unit)):
        if other.id == exclude_id:
            continue
        if other.code.casefold() == data.code.casefold():
            raise InputError(T.UNIT_CODE_DUP.format(code=data.code, other=other.name), field="code")
        if fold(other.name) == fold(data.name):
            raise InputError(T.UNIT_NAME_DUP.format(name=data.name), field="name")


def add_unit(session: Session, data: UnitInput) -> Unit:
    """Add a unit at the end of the list."""
    require_in(session, Permission.MANAGE_CATALOG)
    clean = clean_unit(data)
    _check_unit_unique(session, clean, exclude_id=None)
    last = session.scalar(select(func.max(Unit.sort_order))) or 0
    unit = Unit(
        code=clean.code,
        name=clean.name,
        kind=clean.kind,
        reports=clean.reports,
        active=clean.active,
        sort_order=last + 1,
    )
    session.add(unit)
    session.flush()
    return unit


def update_unit(session: Session, unit_id: int, data: UnitInput) -> Unit:
    """Change a unit; a code change also follows the commune's drafting unit."""
    require_in(session, Permission.MANAGE_CATALOG)
    unit = _get_unit(session, unit_id)
    clean = clean_unit(data)
    _check_unit_unique(session, clean, exclude_id=unit_id)
    commune = local_commune(session)
    if (
        commune is not None
        and commune.drafting_unit_code
        and commune.drafting_unit_code.casefold() == unit.code.casefold()
    ):
        commune.drafting_unit_code = clean.code
    unit.code = clean.code
    unit.name = clean.name
    unit.kind = clean.kind
    unit.reports = clean.reports
    unit.active = clean.active
    session.flush()
    return unit


@dataclass(frozen=True)
class UnitUsage:
    tasks: int
    indicators: int
    users: int
    submissions: int
    drafting: bool

    @property
    def in_use(self) -> bool:
        return bool(
            self.tasks or self.indicators or self.users or self.submissions or self.drafting
        )

    def describe(self) -> str:
        parts = []
        if self.tasks:
            parts.append(T.UNIT_USAGE_TASKS.format(n=self.tasks))
        if self.indicators:
            parts.append(T.UNIT_USAGE_INDICATORS.format(n=self.indicators))
        if self.users:
            parts.append(T.UNIT_USAGE_USERS.format(n=self.users))
        if self.submissions:
            parts.append(T.UNIT_USAGE_SUBMISSIONS.format(n=self.submissions))
        if self.drafting:
            parts.append(T.UNIT_USAGE_DRAFTING)
        return ", ".join(parts)


def unit_usage(session: Session, unit_id: int) -> UnitUsage:
    """How many records refer to the unit (decides whether it may be deleted)."""
    unit = _get_unit(session, unit_id)

    def count(stmt: object) -> int:
        return int(session.scalar(stmt) or 0)  # type: ignore[call-overload]

    task_ids = (
        select(Task.id)
        .where(Task.lead_unit_id == unit_id)
        .union(select(TaskUnit.task_id).where(TaskUnit.unit_id == unit_id))
    )
    indicator_ids = (
        select(Indicator.id)
        .where(Indicator.lead_unit_id == unit_id)
        .union(select(IndicatorUnit.indicator_id).where(IndicatorUnit.unit_id == unit_id))
    )
    commune = local_commune(session)
    return UnitUsage(
        tasks=count(select(func.count()).select_from(task_ids.subquery())),
        indicators=count(select(func.count()).select_from(indicator_ids.subquery())),
        users=count(select(func.count()).select_from(User).where(User.unit_id == unit_id)),
        submissions=count(
            select(func.count())
            .select_from(UnitSubmission)
            .where(UnitSubmission.unit_id == unit_id)
        ),
        drafting=bool(
            commune is not None
            and commune.drafting_unit_code
            and commune.drafting_unit_code.casefold() == unit.code.casefold()
        ),
    )


def delete_unit(session: Session, unit_id: int) -> None:
    """Delete an unused unit; a unit in use is refused (deactivate it instead)."""
    require_in(session, Permission.MANAGE_CATALOG)
    unit = _get_unit(session, unit_id)
    usage = unit_usage(session, unit_id)
    if usage.in_use:
        raise InputError(T.UNIT_IN_USE.format(name=unit.name, usage=usage.describe()), field="unit")
    session.delete(unit)
    session.flush()


def set_unit_active(session: Session, unit_id: int, active: bool) -> Unit:
    """Deactivate (keep its history, hide it from new work) or reactivate a unit."""
    require_in(session, Permission.MANAGE_CATALOG)
    unit = _get_unit(session, unit_id)
    unit.active = active
    session.flush()
    return unit


def move_unit(session: Session, unit_id: int, step: int) -> None:
    """Move a unit up (step -1) or down (+1) in the list order."""
    require_in(session, Permission.MANAGE_CATALOG)
    units = list_units(session)
    index = next((i for i, u in enumerate(units) if u.id == unit_id), None)
    if index is None:
        raise NotFoundError(T.UNIT_NOT_FOUND)
    target = index + step
    if not 0 <= target < len(units):
        return
    units[index], units[target] = units[target], units[index]
    for order, unit in enumerate(units, start=1):
        if unit.sort_order != order:
            unit.sort_order = order
    session.flush()


# ---------------------------------------------------------------------------
# Signers
# ---------------------------------------------------------------------------


def list_signers(session: Session, *, include_inactive: bool = True) -> list[Signer]:
    stmt = select(Signer).order_by(Signer.sort_order, Signer.id)
    if not include_inactive:
        stmt = stmt.where(Signer.active.is_(True))
    return list(session.scalars(stmt))


def _get_signer(session: Session, signer_id: int) -> Signer:
    signer = session.get(Signer, signer_id)
    if signer is None:
        raise NotFoundError(T.SIGNER_NOT_FOUND)
    return signer


def _apply_signer(signer: Signer, data: SignerInput) -> None:
    signer.full_name = data.full_name
    signer.authority = data.authority
    signer.body = data.body
    signer.on_behalf_of = data.on_behalf_of
    signer.title = data.title
    signer.active = data.active


def _make_default(session: Session, signer: Signer) -> None:
    for other in session.scalars(select(Signer).where(Signer.is_default.is_(True))):
        if other is not signer:
            other.is_default = False
    signer.is_default = True


def add_signer(session: Session, data: SignerInput) -> Signer:
    """Add a signer at the end; the first signer (or one marked so) is the default."""
    require_in(session, Permission.MANAGE_CATALOG)
    clean = clean_signer(data)
    last = session.scalar(select(func.max(Signer.sort_order))) or 0
    signer = Signer(sort_order=last + 1, is_default=False)
    _apply_signer(signer, clean)
    session.add(signer)
    has_default = session.scalar(select(Signer.id).where(Signer.is_default.is_(True)).limit(1))
    if clean.is_default or has_default is None:
        _make_default(session, signer)
    session.flush()
    return signer


def update_signer(session: Session, signer_id: int, data: SignerInput) -> Signer:
    """Change a signer; marking it default unmarks the others."""
    require_in(session, Permission.MANAGE_CATALOG)
    signer = _get_signer(session, signer_id)
    clean = clean_signer(data)
    _apply_signer(signer, clean)
    if clean.is_default:
        _make_default(session, signer)
    session.flush()
    return signer


def delete_signer(session: Session, signer_id: int) -> None:
    """Delete a signer who signed nothing registered; otherwise refuse."""
    require_in(session, Permission.MANAGE_CATALOG)
    signer = _get_signer(session, signer_id)
    used = int(
        session.scalar(
            select(func.count())
            .select_from(IssuedDocument)
            .where(IssuedDocument.signer_id == signer_id)
        )
        or 0
    )
    if used:
        raise InputError(T.SIGNER_IN_USE.format(name=signer.full_name, n=used), field="signer")
    was_default = signer.is_default
    session.delete(signer)
    session.flush()
    if was_default:
        nxt = session.scalar(
            select(Signer).where(Signer.active.is_(True)).order_by(Signer.sort_order, Signer.id)
        )
        if nxt is not None:
            nxt.is_default = True
            session.flush()


# ---------------------------------------------------------------------------
# Recipients
# ---------------------------------------------------------------------------


def list_recipients(session: Session, *, include_inactive: bool = True) -> list[Recipient]:
    stmt = select(Recipient).order_by(Recipient.sort_order, Recipient.id)
    if not include_inactive:
        stmt = stmt.where(Recipient.active.is_(True))
    return list(session.scalars(stmt))


def _get_recipient(session: Session, recipient_id: int) -> Recipient:
    rec = session.get(Recipient, recipient_id)
    if rec is None:
        raise NotFoundError(T.RECIPIENT_NOT_FOUND)
    return rec


def _check_recipient_unique(session: Session, name: str, *, exclude_id: int | None) -> None:
    for other in session.scalars(select(Recipient)):
        if other.id != exclude_id and fold(other.name) == fold(name):
            raise InputError(T.RECIPIENT_DUP.format(name=name), field="name")


def _apply_recipient(rec: Recipient, data: RecipientInput) -> None:
    rec.name = data.name
    rec.short_name = data.short_name
    rec.upward = data.upward
    rec.default_selected = data.default_selected
    rec.active = data.active


def add_recipient(session: Session, data: RecipientInput) -> Recipient:
    """Add a recipient at the end (names unique ignoring case and accents)."""
    require_in(session, Permission.MANAGE_CATALOG)
    clean = clean_recipient(data)
    _check_recipient_unique(session, clean.name, exclude_id=None)
    last = session.scalar(select(func.max(Recipient.sort_order))) or 0
    rec = Recipient(sort_order=last + 1)
    _apply_recipient(rec, clean)
    session.add(rec)
    session.flush()
    return rec


def update_recipient(session: Session, recipient_id: int, data: RecipientInput) -> Recipient:
    """Change a recipient (names unique ignoring case and accents)."""
    require_in(session, Permission.MANAGE_CATALOG)
    rec = _get_recipient(session, recipient_id)
    clean = clean_recipient(data)
    _check_recipient_unique(session, clean.name, exclude_id=recipient_id)
    _apply_recipient(rec, clean)
    session.flush()
    return rec


def delete_recipient(session: Session, recipient_id: int) -> None:
    """Delete a recipient (issued documents keep their own copy of the names)."""
    require_in(session, Permission.MANAGE_CATALOG)
    session.delete(_get_recipient(session, recipient_id))
    session.flush()


# ---------------------------------------------------------------------------
# Accounts
# ---------------------------------------------------------------------------


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def _get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFoundError(T.USER_NOT_FOUND)
    return user


def _active_admins(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(User)
            .where(User.role == Role.ADMIN, User.active.is_(True))
        )
        or 0
    )


def add_user(
    session: Session,
    *,
    username: str,
    full_name: str,
    password: str,
    role: Role,
    unit_id: int | None = None,
    password_repeat: str | None = None,
) -> User:
    """Create an account (administrators only); unit staff must name their unit."""
    require_in(session, Permission.MANAGE_USERS)
    name = _required(full_name, what=T.FULL_NAME_WHAT, field="full_name", limit=100)
    if password_repeat is not None and password != password_repeat:
        raise InputError(T.PASSWORD_MISMATCH, field="password_repeat")
    if unit_id is not None:
        _get_unit(session, unit_id)
    user = auth.create_user(
        session,
        username=username,
        full_name=name,
        password=password,
        role=Role(role),
        unit_id=unit_id,
    )
    session.flush()
    return user


def update_user(
    session: Session,
    user_id: int,
    *,
    full_name: str,
    role: Role,
    unit_id: int | None,
) -> User:
    """Change name, role or unit (administrators only); the last active
    administrator keeps the role."""
    require_in(session, Permission.MANAGE_USERS)
    user = _get_user(session, user_id)
    name = _required(full_name, what=T.FULL_NAME_WHAT, field="full_name", limit=100)
    role = Role(role)
    if role is Role.UNIT_STAFF and unit_id is None:
        raise InputError(auth.MSG_UNIT_REQUIRED, field="unit")
    if unit_id is not None:
        _get_unit(session, unit_id)
    if (
        user.role is Role.ADMIN
        and role is not Role.ADMIN
        and user.active
        and _active_admins(session) <= 1
    ):
        raise InputError(T.USER_LAST_ADMIN, field="role")
    user.full_name = name
    user.role = role
    user.unit_id = unit_id
    session.flush()
    return user


_SESSION_ACTOR = object()  # ``reset_password(by=...)`` not given: the session's actor


def reset_password(
    session: Session,
    user_id: int,
    *,
    new_password: str,
    by: Principal | None | object = _SESSION_ACTOR,
    password_repeat: str | None = None,
) -> User:
    """An administrator sets a new password; the user must change it at next
    sign-in. Delegates to ``models.auth.reset_password`` (logged), whose
    ``MANAGE_USERS`` check decides: ``by`` is the acting principal, by default
    the session's actor (``session_principal``); ``None`` is nobody (refused).
    """
    who = session_principal(session) if by is _SESSION_ACTOR else by
    if allowed(who, Permission.MANAGE_USERS):  # type: ignore[arg-type]
        _get_user(session, user_id)
        if password_repeat is not None and new_password != password_repeat:
            raise InputError(T.PASSWORD_MISMATCH, field="password_repeat")
    # Refused or not, the rule is applied by auth.reset_password itself.
    user = auth.reset_password(session, user_id=user_id, new_password=new_password, by=who)
    session.flush()
    return user


def set_user_active(
    session: Session, user_id: int, active: bool, *, acting_user_id: int | None = None
) -> User:
    """Lock or unlock an account (administrators only); never oneself, never
    the last administrator. ``acting_user_id`` defaults to the session's actor."""
    require_in(session, Permission.MANAGE_USERS)
    if acting_user_id is None:
        actor = session.info.get("actor")
        acting_user_id = getattr(actor, "user_id", None)
    user = _get_user(session, user_id)
    if not active:
        if acting_user_id is not None and user.id == acting_user_id:
            raise InputError(T.USER_SELF_DEACTIVATE, field="active")
        if user.role is Role.ADMIN and user.active and _active_admins(session) <= 1:
            raise InputError(T.USER_LAST_ADMIN, field="active")
    user.active = active
    session.flush()
    return user
