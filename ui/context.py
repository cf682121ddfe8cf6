"""What every page gets: the open database, the signed-in user, the commune and
the current working period, plus the permission rule.

``AppContext`` lives on the UI thread. Pages read ``ctx.period_code`` and
listen to ``period_changed``; after saving they emit ``data_changed(area)``
so other pages refresh ("units", "tasks", "indicators", "updates", "catalog",
"commune", "settings", "periods"...). Work functions running in a worker get
``ctx.db`` and ``ctx.actor`` (plain values), never the context itself.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models.audit import Actor
from models.db import Database
from models.enums import PeriodConvention, PeriodKind, Role
from models.periods import (
    PeriodRef,
    containing_period,
    months_between,
    parse_period_code,
    period_label,
)
from models.permissions import Permission, allowed
from models.schema import Commune, Period, User
from ui.prefs import ui_settings  # noqa: F401 - re-exported for the pages

# --- Permissions -------------------------------------------------------------
# The rule itself lives in ``models.permissions`` (shared with the services);
# these names are what pages pass to ``AppContext.can``.
VIEW = Permission.VIEW.value
EDIT_PLAN = Permission.EDIT_PLAN.value  # tasks, indicators, plan import
EDIT_UPDATES = Permission.EDIT_UNIT_DATA.value  # unit-scoped: progress, values, evidence
SUBMIT_UNIT = Permission.SUBMIT_UNIT.value  # unit-scoped
LOCK_PERIOD = Permission.LOCK_PERIOD.value
ISSUE_REPORT = Permission.ISSUE_REPORT.value
APPROVE = Permission.APPROVE.value
EXPORT_BUNDLE = Permission.EXPORT_BUNDLE.value
IMPORT_BUNDLE = Permission.IMPORT_BUNDLE.value
EDIT_CATALOG = Permission.MANAGE_CATALOG.value
MANAGE_USERS = Permission.MANAGE_USERS.value
EDIT_SETTINGS = Permission.EDIT_SETTINGS.value
VIEW_AUDIT = Permission.VIEW_AUDIT.value
BACKUP = Permission.BACKUP.value


# --- Snapshots ---------------------------------------------------------------


@dataclass(frozen=True)
class CommuneInfo:
    """A read-only copy of the local commune's row (safe to pass anywhere)."""

    id: int
    commune_code: int
    commune_name: str
    province_code: int
    province_name: str
    division_type: str
    agency_line1: str
    agency_line2: str
    agency_name: str
    place_name: str
    report_symbol: str
    drafting_unit_code: str | None
    period_convention: PeriodConvention
    unit_deadline_day: int
    report_deadline_day: int

    @classmethod
    def of(cls, c: Commune) -> CommuneInfo:
        return cls(
            id=c.id,
            commune_code=c.commune_code,
            commune_name=c.commune_name,
            province_code=c.province_code,
            province_name=c.province_name,
            division_type=c.division_type,
            agency_line1=c.agency_line1,
            agency_line2=c.agency_line2,
            agency_name=c.agency_name,
            place_name=c.place_name,
            report_symbol=c.report_symbol,
            drafting_unit_code=c.drafting_unit_code,
            period_convention=c.period_convention,
            unit_deadline_day=c.unit_deadline_day,
            report_deadline_day=c.report_deadline_day,
        )

    @property
    def display_name(self) -> str:
        """``Xã Thượng Hồng, Thành phố Hải Phòng``."""
        return f"{self.commune_name}, {self.province_name}"


def load_commune(session: Session) -> CommuneInfo | None:
    commune = session.scalar(select(Commune).where(Commune.is_local.is_(True)))
    return CommuneInfo.of(commune) if commune is not None else None


def load_user(session: Session, user_id: int) -> User:
    """The account as a detached copy (its unit loaded) for the context."""
    user = session.scalar(select(User).options(selectinload(User.unit)).where(User.id == user_id))
    if user is None:
        raise LookupError(user_id)
    session.expunge(user)
    return user


# --- Periods -----------------------------------------------------------------


@dataclass(frozen=True)
class PeriodChoice:
    code: str
    label: str
    locked: bool


def default_period_code(
    session: Session, *, convention: PeriodConvention, today: dt.date | None = None
) -> str:
    """The latest monthly period that has ended, or the current month if none has."""
    day = today or dt.date.today()
    ended = session.scalar(
        select(Period.code)
        .where(Period.kind == PeriodKind.MONTH, Period.end_date < day)
        .order_by(Period.end_date.desc())
        .limit(1)
    )
    if ended:
        return str(ended)
    return containing_period(day, PeriodKind.MONTH, convention).code


def period_choices(
    session: Session,
    *,
    convention: PeriodConvention,
    today: dt.date | None = None,
    months_back: int = 12,
) -> list[PeriodChoice]:
    """Periods offered in the selector, most recent first.

    Every month from the earliest month in the database (at least
    ``months_back`` months back) to the current month, then the quarters,
    half years and years the database has.
    """
    day = today or dt.date.today()
    current = containing_period(day, PeriodKind.MONTH, convention)
    rows = {p.code: p for p in session.scalars(select(Period))}
    start_year, start_month = current.year, current.number - months_back + 1
    while start_month < 1:
        start_year, start_month = start_year - 1, start_month + 12
    start = PeriodRef(PeriodKind.MONTH, start_year, start_month)
    db_months = [parse_period_code(c) for c, p in rows.items() if p.kind is PeriodKind.MONTH]
    if db_months:
        earliest = min(db_months, key=lambda r: (r.year, r.number))
        if (earliest.year, earliest.number) < (start.year, start.number):
            start = earliest
    latest = current
    for ref in db_months:
        if (ref.year, ref.number) > (latest.year, latest.number):
            latest = ref
    months = list(months_between(start, latest))
    months.reverse()
    out = [
        PeriodChoice(
            ref.code, period_label(ref), bool(rows[ref.code].locked) if ref.code in rows else False
        )
        for ref in months
    ]
    others = sorted(
        (p for p in rows.values() if p.kind is not PeriodKind.MONTH),
        key=lambda p: (p.end_date, p.kind.value),
        reverse=True,
    )
    out.extend(
        PeriodChoice(p.code, period_label(parse_period_code(p.code)), p.locked) for p in others
    )
    return out


# --- The context -------------------------------------------------------------


class AppContext(QObject):
    """Database, user, commune and working period shared by the pages (UI thread)."""

    period_changed = Signal(str)
    data_changed = Signal(str)
    commune_changed = Signal()

    def __init__(
        self,
        db: Database,
        user: User,
        *,
        commune: CommuneInfo | None = None,
        period_code: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user
        self.commune = commune
        if period_code is None:
            with db.session() as s:
                period_code = default_period_code(s, convention=self.convention)
        self._period_code = parse_period_code(period_code).code
        self.signed_in_at = dt.datetime.now()

    # -- identity ---------------------------------------------------------------
    @property
    def actor(self) -> Actor:
        return Actor(self.user.id, self.user.username)

    @property
    def role(self) -> Role:
        return self.user.role

    @property
    def unit_id(self) -> int | None:
        return self.user.unit_id

    @property
    def convention(self) -> PeriodConvention:
        return self.commune.period_convention if self.commune else PeriodConvention.CALENDAR

    def can(self, permission: str, *, unit_id: int | None = None) -> bool:
        """Whether the signed-in user may do ``permission`` (for ``unit_id`` when
        unit-scoped); the rule is ``models.permissions.allowed``."""
        if self.db.read_only and permission not in (VIEW, VIEW_AUDIT):
            return False  # a second copy of the program, or a read-only medium: look only
        return allowed(self.user, permission, unit_id=unit_id)

    # -- database -----------------------------------------------------------------
    def session(self) -> Session:
        """A session whose changes are logged as the signed-in user."""
        return self.db.session(actor=self.actor)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One transaction as the signed-in user: commit on success, else roll back."""
        with self.db.transaction(actor=self.actor) as s:
            yield s

    def reload_commune(self) -> None:
        """Re-read the commune after the catalogue changed it."""
        with self.db.session() as s:
            self.commune = load_commune(s)
        self.commune_changed.emit()

    # -- period -------------------------------------------------------------------
    @property
    def period_code(self) -> str:
        return self._period_code

    @period_code.setter
    def period_code(self, code: str) -> None:
        self.set_period(code)

    def set_period(self, code: str) -> None:
        canonical = parse_period_code(code).code
        if canonical != self._period_code:
            self._period_code = canonical
            self.period_changed.emit(canonical)

    @property
    def period_ref(self) -> PeriodRef:
        return parse_period_code(self._period_code)

    @property
    def period_label(self) -> str:
        return period_label(self.period_ref)

    def notify(self, area: str) -> None:
        """Tell the other pages that ``area`` changed (they refresh lazily)."""
        self.data_changed.emit(area)
