"""First-run setup: make this database the commune's own.

``create_local_commune`` writes, in the caller's one transaction, the commune
chosen from the official list (with its document identity), its units,
signers, recipients and the first administrator account. Either everything is
saved or nothing (the caller's ``db.transaction()`` rolls back on any error).

The ``default_*``/``standard_*`` helpers give the content a new commune
starts from (header lines from the official name, the usual units of a
post-2025 commune, chairman and vice-chairman signature blocks, upward
recipients named after the province). Qt-free; any thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import auth, geo
from models import texts_catalog as T
from models.enums import DatabaseRole, Role, SigningAuthority, UnitKind
from models.errors import InputError
from models.schema import Commune, Recipient, Setting, Signer, Unit
from models.services.catalog import (
    AgencyInput,
    RecipientInput,
    SignerInput,
    UnitInput,
    _required,
    apply_agency,
    clean_agency,
    clean_recipients,
    clean_signers,
    clean_units,
    local_commune,
)

__all__ = [
    "AdminInput",
    "AgencyInput",
    "RecipientInput",
    "SignerInput",
    "UnitInput",
    "create_local_commune",
    "default_agency",
    "standard_recipients",
    "standard_signers",
    "standard_units",
]


@dataclass(frozen=True)
class AdminInput:
    """The first administrator. ``password_repeat`` (if given) must match."""

    username: str
    full_name: str
    password: str
    password_repeat: str | None = None


def _div(commune: geo.OfficialCommune) -> str:
    return commune.division_type


def default_agency(commune: geo.OfficialCommune) -> AgencyInput:
    """Header lines and place name derived from the official commune name."""
    return AgencyInput(
        agency_line1=T.AGENCY_LINE1,
        agency_line2=commune.agency_line2,
        agency_name=commune.committee_name,
        place_name=commune.short_name,
        report_symbol=T.REPORT_SYMBOL,
        drafting_unit_code=T.DEFAULT_DRAFTING_UNIT,
    )


def standard_units(division_type: str = "xã") -> list[UnitInput]:
    """The usual units of a commune-level People's Committee since July 2025."""
    out: list[UnitInput] = []
    for code, name, kind in T.STANDARD_UNITS:
        if code == "KT" and division_type == "phường":
            code, name, kind = T.WARD_ECONOMY_UNIT
        out.append(UnitInput(code=code, name=name.format(div=division_type), kind=UnitKind(kind)))
    return out


def standard_signers() -> list[SignerInput]:
    """Chairman (TM.) and one vice-chairman (KT.) blocks; names to be typed."""
    return [
        SignerInput(
            full_name="",
            title=T.TITLE_CHAIRMAN,
            authority=SigningAuthority.TM,
            body=T.SIGNER_BODY,
            is_default=True,
        ),
        SignerInput(
            full_name="",
            title=T.TITLE_VICE_CHAIRMAN,
            authority=SigningAuthority.KT,
            body=T.SIGNER_BODY,
            on_behalf_of=T.TITLE_CHAIRMAN,
        ),
    ]


def standard_recipients(commune: geo.OfficialCommune) -> list[RecipientInput]:
    """Upward recipients named after the province, then the usual internal ones."""
    province = commune.province
    level, name = province.level_word, province.short_name
    out = [
        RecipientInput(
            name=T.RECIPIENT_PROVINCE_COMMITTEE.format(level=level, province=name),
            short_name=T.RECIPIENT_PROVINCE_COMMITTEE_SHORT.format(level=level, province=name),
            upward=True,
        ),
        RecipientInput(
            name=T.RECIPIENT_DOST.format(level=level, province=name),
            short_name=T.RECIPIENT_DOST_SHORT,
            upward=True,
        ),
    ]
    for full, short in T.INTERNAL_RECIPIENTS:
        out.append(
            RecipientInput(
                name=full.format(div=_div(commune)), short_name=short.format(div=_div(commune))
            )
        )
    return out


def create_local_commune(
    session: Session,
    *,
    commune_code: int,
    agency: AgencyInput,
    units: Sequence[UnitInput],
    signers: Sequence[SignerInput],
    recipients: Sequence[RecipientInput],
    admin: AdminInput,
) -> Commune:
    """Set this database up for the commune ``commune_code`` (official code).

    Validates everything first (``InputError`` naming the field and row, in
    Vietnamese), then adds the rows; the caller commits. Refused when the
    database already has a local commune.
    """
    existing = local_commune(session)
    if existing is not None:
        raise InputError(T.COMMUNE_ALREADY_SET.format(name=existing.commune_name), field="commune")
    official = geo.commune_by_code(commune_code)
    if session.scalar(select(Commune).where(Commune.commune_code == official.code)) is not None:
        raise InputError(T.COMMUNE_CODE_TAKEN.format(code=official.code), field="commune")
    agency_clean = clean_agency(agency)
    unit_rows = clean_units(units)
    signer_rows = clean_signers(signers)
    recipient_rows = clean_recipients(recipients)
    admin_name = _required(
        admin.full_name, what=T.ADMIN_NAME_WHAT, field="admin_full_name", limit=100
    )
    auth.validate_username(admin.username)
    auth.validate_password(admin.password)
    if admin.password_repeat is not None and admin.password != admin.password_repeat:
        raise InputError(T.PASSWORD_MISMATCH, field="password_repeat")

    for order, u in enumerate(unit_rows, start=1):
        session.add(
            Unit(
                code=u.code,
                name=u.name,
                kind=u.kind,
                reports=u.reports,
                active=u.active,
                sort_order=order,
            )
        )
    session.flush()
    province = official.province
    commune = Commune(
        province_code=province.code,
        province_name=province.name,
        commune_code=official.code,
        commune_name=official.name,
        division_type=official.division_type,
        is_local=True,
        agency_line2=agency_clean.agency_line2,
        agency_name=agency_clean.agency_name,
        place_name=agency_clean.place_name,
    )
    apply_agency(session, commune, agency_clean)
    session.add(commune)
    for order, s in enumerate(signer_rows, start=1):
        session.add(
            Signer(
                full_name=s.full_name,
                authority=s.authority,
                body=s.body,
                on_behalf_of=s.on_behalf_of,
                title=s.title,
                is_default=s.is_default,
                active=s.active,
                sort_order=order,
            )
        )
    for order, r in enumerate(recipient_rows, start=1):
        session.add(
            Recipient(
                name=r.name,
                short_name=r.short_name,
                upward=r.upward,
                default_selected=r.default_selected,
                active=r.active,
                sort_order=order,
            )
        )
    auth.create_user(
        session,
        username=admin.username,
        full_name=admin_name,
        password=admin.password,
        role=Role.ADMIN,
    )
    role = session.get(Setting, "db_role")
    if role is None:
        session.add(Setting(key="db_role", value=DatabaseRole.COMMUNE.value))
    session.flush()
    return commune
