"""Reporting periods in the database, and the local commune."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import texts
from models.enums import PeriodConvention, PeriodKind
from models.errors import NotFoundError, PeriodLockedError
from models.periods import parse_period_code, period_bounds, period_label
from models.schema import Commune, Period


def local_commune(session: Session) -> Commune:
    """The commune that owns this database (raises NotFoundError if none)."""
    commune = session.scalar(select(Commune).where(Commune.is_local.is_(True)))
    if commune is None:
        raise NotFoundError("Cơ sở dữ liệu chưa được thiết lập thông tin xã/phường.")
    return commune


def local_commune_or_none(session: Session) -> Commune | None:
    return session.scalar(select(Commune).where(Commune.is_local.is_(True)))


def convention_of(session: Session) -> PeriodConvention:
    commune = local_commune_or_none(session)
    return commune.period_convention if commune is not None else PeriodConvention.CALENDAR


def get_period(session: Session, code: str) -> Period:
    """The period with ``code`` ("2026-10", "2026-Q3", "2026-H1", "2026")."""
    ref = parse_period_code(code)
    period = session.scalar(select(Period).where(Period.code == ref.code))
    if period is None:
        raise NotFoundError(texts.PERIOD_NOT_FOUND.format(code=ref.code))
    return period


def ensure_period(
    session: Session, code: str, *, convention: PeriodConvention | None = None
) -> Period:
    """The period with ``code``, created (open) with its bounds if missing."""
    ref = parse_period_code(code)
    period = session.scalar(select(Period).where(Period.code == ref.code))
    if period is not None:
        return period
    conv = convention if convention is not None else convention_of(session)
    start, end = period_bounds(ref, conv)
    period = Period(
        code=ref.code,
        kind=ref.kind,
        year=ref.year,
        number=ref.number,
        start_date=start,
        end_date=end,
    )
    session.add(period)
    session.flush()
    return period


def list_periods(session: Session, kind: PeriodKind | None = None) -> list[Period]:
    """Periods, most recent first."""
    stmt = select(Period).order_by(Period.end_date.desc(), Period.kind)
    if kind is not None:
        stmt = stmt.where(Period.kind == kind)
    return list(session.scalars(stmt))


def check_open(period: Period) -> None:
    """Raise PeriodLockedError if the period is locked (đã chốt số liệu)."""
    if period.locked:
        raise PeriodLockedError(texts.PERIOD_LOCKED.format(period=label_of(period)))


def label_of(period: Period) -> str:
    return period_label(parse_period_code(period.code))
