"""The database schema: SQLAlchemy 2.x typed mappings.

Rules every table follows:
- an integer primary key for joins, and a ``uuid`` (text, unique, never
  changed) on every record that can travel in a data bundle;
- enums are stored as their string ``value`` (``models.enums``), dates as
  ``DATE``, instants as timezone-aware UTC ``DATETIME``;
- text is Unicode NFC (``models.textutil.nfc`` is applied by the services).

The same schema serves a commune database (one row in ``commune`` with
``is_local``) and an upper-level database (province or whole country), which
additionally fills the ``bundle_*`` and ``consolidated_*`` tables. Changes go
through Alembic migrations in ``models/migrations``.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_mod
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from models.enums import (
    AuditAction,
    Comparator,
    DatabaseRole,
    DocumentStatus,
    MeasureUnit,
    PeriodConvention,
    PeriodKind,
    Progress,
    Recurrence,
    ReportKind,
    Role,
    SigningAuthority,
    UnitKind,
    UnitRole,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uuid() -> str:
    return str(uuid_mod.uuid4())


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _enum(cls: type) -> Enum:
    """Store an enum by value as VARCHAR (no native enum: portable, migratable)."""
    return Enum(
        cls,
        values_callable=lambda e: [m.value for m in e],
        native_enum=False,
        validate_strings=True,
        length=32,
    )


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC instant on every engine.

    SQLite keeps no zone, so values are converted to UTC on the way in and
    marked UTC on the way out; PostgreSQL stores ``timestamptz``.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dt.datetime: UTCDateTime}


class UuidMixin:
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)


# ---------------------------------------------------------------------------
# Settings and the commune
# ---------------------------------------------------------------------------


class Setting(Base):
    """Key/value settings of this database (JSON values).

    Known keys: ``db_role`` (DatabaseRole), ``scope_province_code`` (int or
    null for the whole country), ``installation_id``, ``backup_dir``,
    ``backup_keep_daily``, ``backup_keep_monthly``, ``idle_lock_minutes``.
    """

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)


class Commune(UuidMixin, Base):
    """A commune-level unit (xã, phường, đặc khu) with its document identity.

    In a commune database exactly one row has ``is_local`` set: the commune
    that owns the database. Codes and names come from the official list
    (package ``vietnam-provinces``).
    """

    __tablename__ = "commune"
    id: Mapped[int] = mapped_column(primary_key=True)
    province_code: Mapped[int] = mapped_column(Integer, index=True)
    province_name: Mapped[str] = mapped_column(String(100))  # "Thành phố Hải Phòng"
    commune_code: Mapped[int] = mapped_column(Integer, unique=True)
    commune_name: Mapped[str] = mapped_column(String(100))  # "Xã Thượng Hồng"
    division_type: Mapped[str] = mapped_column(String(20), default="xã")  # xã/phường/đặc khu
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)
    # Document identity (Decree 30): header lines, date-line place, symbol.
    superior_line: Mapped[str | None] = mapped_column(String(200), nullable=True)
    agency_line1: Mapped[str] = mapped_column(String(200), default="ỦY BAN NHÂN DÂN")
    agency_line2: Mapped[str] = mapped_column(String(200))  # "XÃ THƯỢNG HỒNG"
    agency_name: Mapped[str] = mapped_column(String(200))  # "Ủy ban nhân dân xã Thượng Hồng"
    place_name: Mapped[str] = mapped_column(String(100))  # "Thượng Hồng"
    report_symbol: Mapped[str] = mapped_column(String(40), default="BC-UBND")
    drafting_unit_code: Mapped[str | None] = mapped_column(String(20), nullable=True)
    # Reporting rules of the plan's organisation part.
    period_convention: Mapped[PeriodConvention] = mapped_column(
        _enum(PeriodConvention), default=PeriodConvention.CALENDAR
    )
    unit_deadline_day: Mapped[int] = mapped_column(Integer, default=15)
    report_deadline_day: Mapped[int] = mapped_column(Integer, default=18)


# ---------------------------------------------------------------------------
# Units, people, recipients, users
# ---------------------------------------------------------------------------


class Unit(UuidMixin, Base):
    """An organisational unit that leads or cooperates on tasks and indicators."""

    __tablename__ = "unit"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)  # "VHXH", used in "Lưu: VT, VHXH."
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[UnitKind] = mapped_column(_enum(UnitKind), default=UnitKind.OTHER)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    reports: Mapped[bool] = mapped_column(Boolean, default=True)  # counted in completeness


class Signer(UuidMixin, Base):
    """A person who signs reports, with the authority prefix of the block."""

    __tablename__ = "signer"
    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(100))
    authority: Mapped[SigningAuthority] = mapped_column(
        _enum(SigningAuthority), default=SigningAuthority.TM
    )
    # Lines of the signature block after the authority line, e.g.
    # TM: body "ỦY BAN NHÂN DÂN", title "CHỦ TỊCH";
    # KT: body "ỦY BAN NHÂN DÂN", on_behalf_of "CHỦ TỊCH", title "PHÓ CHỦ TỊCH".
    body: Mapped[str] = mapped_column(String(100), default="ỦY BAN NHÂN DÂN")
    on_behalf_of: Mapped[str | None] = mapped_column(String(100), nullable=True)
    title: Mapped[str] = mapped_column(String(100))
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Recipient(UuidMixin, Base):
    """An entry of the recipient catalogue ("Kính gửi" and "Nơi nhận")."""

    __tablename__ = "recipient"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))  # full name for "Kính gửi"
    short_name: Mapped[str] = mapped_column(String(300))  # form used in "Nơi nhận"
    upward: Mapped[bool] = mapped_column(Boolean, default=False)  # goes to "Kính gửi"
    default_selected: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class User(UuidMixin, Base):
    """An account. ``password_hash`` is a memory-hard hash (see models.auth)."""

    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[Role] = mapped_column(_enum(Role))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    unit: Mapped[Unit | None] = relationship()


# ---------------------------------------------------------------------------
# The plan: tasks and indicators
# ---------------------------------------------------------------------------


class Plan(UuidMixin, Base):
    """A plan (Kế hoạch) implementing NQ57: the root of tasks and indicators."""

    __tablename__ = "plan"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(60), default="")  # "10/KH-UBND"
    issued_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    issuer: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(Text, default="")  # trích yếu
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    tasks: Mapped[list[Task]] = relationship(back_populates="plan", order_by="Task.sort_order")
    indicators: Mapped[list[Indicator]] = relationship(
        back_populates="plan", order_by="Indicator.sort_order"
    )


class TaskUnit(Base):
    """A unit on a task besides the primary lead (co-lead or cooperating)."""

    __tablename__ = "task_unit"
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), primary_key=True)
    role: Mapped[UnitRole] = mapped_column(_enum(UnitRole), default=UnitRole.COOPERATING)
    unit: Mapped[Unit] = relationship()


class Task(UuidMixin, Base):
    """A node of the plan's task tree (group headers are tasks with children).

    ``timeframe_text`` is what the plan says; ``deadline``/``recurrence`` are
    what ``models.timeframe.parse_timeframe`` understood of it, and
    ``timeframe_flagged`` marks text that was kept but not understood.
    """

    __tablename__ = "task"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("task.id", ondelete="CASCADE"), nullable=True, index=True
    )
    code: Mapped[str] = mapped_column(String(30))  # "3.11"
    title: Mapped[str] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text, default="")
    group_name: Mapped[str] = mapped_column(String(300), default="")
    lead_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), nullable=True, index=True)
    expected_output: Mapped[str] = mapped_column(Text, default="")
    timeframe_text: Mapped[str] = mapped_column(String(300), default="")
    start_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    deadline: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    recurrence: Mapped[Recurrence] = mapped_column(_enum(Recurrence), default=Recurrence.NONE)
    timeframe_flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    is_group: Mapped[bool] = mapped_column(Boolean, default=False)  # header, not reported on
    source: Mapped[str] = mapped_column(String(60), default="")  # e.g. "Phụ lục III"
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    plan: Mapped[Plan] = relationship(back_populates="tasks")
    parent: Mapped[Task | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Task]] = relationship(
        back_populates="parent", order_by="Task.sort_order", cascade="all, delete-orphan"
    )
    lead_unit: Mapped[Unit | None] = relationship()
    other_units: Mapped[list[TaskUnit]] = relationship(cascade="all, delete-orphan")
    updates: Mapped[list[TaskUpdate]] = relationship(
        back_populates="task", cascade="all, delete-orphan"
    )

    __table_args__ = (UniqueConstraint("plan_id", "code", name="uq_task_plan_code"),)


class IndicatorUnit(Base):
    """A unit on an indicator besides the primary lead."""

    __tablename__ = "indicator_unit"
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicator.id", ondelete="CASCADE"), primary_key=True
    )
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), primary_key=True)
    role: Mapped[UnitRole] = mapped_column(_enum(UnitRole), default=UnitRole.COOPERATING)
    unit: Mapped[Unit] = relationship()


class Indicator(UuidMixin, Base):
    """An objective of the plan measured by a value each period."""

    __tablename__ = "indicator"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(30))  # "V.1"
    name: Mapped[str] = mapped_column(Text)
    group_name: Mapped[str] = mapped_column(String(300), default="")
    measure_unit: Mapped[MeasureUnit] = mapped_column(_enum(MeasureUnit), default=MeasureUnit.PERCENT)
    unit_label: Mapped[str] = mapped_column(String(40), default="%")  # as printed
    comparator: Mapped[Comparator] = mapped_column(_enum(Comparator), default=Comparator.GE)
    baseline: Mapped[float | None] = mapped_column(Float, nullable=True)
    baseline_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    lead_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), nullable=True, index=True)
    cumulative: Mapped[bool] = mapped_column(Boolean, default=False)  # counts add up over a year
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    plan: Mapped[Plan] = relationship(back_populates="indicators")
    lead_unit: Mapped[Unit | None] = relationship()
    other_units: Mapped[list[IndicatorUnit]] = relationship(cascade="all, delete-orphan")
    targets: Mapped[list[IndicatorTarget]] = relationship(
        back_populates="indicator", order_by="IndicatorTarget.year", cascade="all, delete-orphan"
    )
    values: Mapped[list[IndicatorValue]] = relationship(
        back_populates="indicator", cascade="all, delete-orphan"
    )

    __table_args__ = (UniqueConstraint("plan_id", "code", name="uq_indicator_plan_code"),)


class IndicatorTarget(UuidMixin, Base):
    """Target of an indicator for one milestone year (2025, 2030, ...)."""

    __tablename__ = "indicator_target"
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicator.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    comparator: Mapped[Comparator] = mapped_column(_enum(Comparator), default=Comparator.GE)
    value: Mapped[float | None] = mapped_column(Float, nullable=True)  # None for yes/no
    raw_text: Mapped[str] = mapped_column(String(60), default="")  # "≥30%"

    indicator: Mapped[Indicator] = relationship(back_populates="targets")
    __table_args__ = (UniqueConstraint("indicator_id", "year", name="uq_indicator_target_year"),)


# ---------------------------------------------------------------------------
# Periods, updates, values, evidence
# ---------------------------------------------------------------------------


class Period(UuidMixin, Base):
    """A reporting period. ``code`` is "2026-10", "2026-Q3", "2026-H1" or "2026".

    A locked period (đã chốt số liệu) is read-only everywhere until unlocked;
    both are logged in the audit log.
    """

    __tablename__ = "period"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), unique=True)
    kind: Mapped[PeriodKind] = mapped_column(_enum(PeriodKind))
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date, index=True)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    locked_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    locked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)

    __table_args__ = (UniqueConstraint("kind", "year", "number", name="uq_period_kind_year_number"),)


class TaskUpdate(UuidMixin, Base):
    """What a unit reported on one task for one period."""

    __tablename__ = "task_update"
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id"), index=True)
    progress: Mapped[Progress] = mapped_column(_enum(Progress), default=Progress.NOT_STARTED)
    percent: Mapped[float | None] = mapped_column(Float, nullable=True)
    completed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    result: Mapped[str] = mapped_column(Text, default="")  # kết quả
    difficulties: Mapped[str] = mapped_column(Text, default="")  # khó khăn, vướng mắc
    proposals: Mapped[str] = mapped_column(Text, default="")  # kiến nghị
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    updated_by_name: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    task: Mapped[Task] = relationship(back_populates="updates")
    period: Mapped[Period] = relationship()
    evidence: Mapped[list[EvidenceFile]] = relationship(
        back_populates="task_update", cascade="all, delete-orphan"
    )
    __table_args__ = (UniqueConstraint("task_id", "period_id", name="uq_task_update_task_period"),)


class IndicatorValue(UuidMixin, Base):
    """The value an indicator reached in a period (a number or yes/no)."""

    __tablename__ = "indicator_value"
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicator.id", ondelete="CASCADE"), index=True
    )
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id"), index=True)
    value: Mapped[float | None] = mapped_column(Float, nullable=True)
    yes: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    updated_by_name: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    indicator: Mapped[Indicator] = relationship(back_populates="values")
    period: Mapped[Period] = relationship()
    evidence: Mapped[list[EvidenceFile]] = relationship(
        back_populates="indicator_value", cascade="all, delete-orphan"
    )
    __table_args__ = (
        UniqueConstraint("indicator_id", "period_id", name="uq_indicator_value_indicator_period"),
    )


class EvidenceFile(UuidMixin, Base):
    """A file attached to an update or a value, kept in the managed store.

    ``stored_name`` is relative to the evidence folder of the database
    (``models.paths.evidence_dir``); ``sha256`` is checked on export and backup.
    """

    __tablename__ = "evidence_file"
    id: Mapped[int] = mapped_column(primary_key=True)
    task_update_id: Mapped[int | None] = mapped_column(
        ForeignKey("task_update.id", ondelete="CASCADE"), nullable=True, index=True
    )
    indicator_value_id: Mapped[int | None] = mapped_column(
        ForeignKey("indicator_value.id", ondelete="CASCADE"), nullable=True, index=True
    )
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    added_by_name: Mapped[str] = mapped_column(String(100), default="")

    task_update: Mapped[TaskUpdate | None] = relationship(back_populates="evidence")
    indicator_value: Mapped[IndicatorValue | None] = relationship(back_populates="evidence")


class UnitSubmission(UuidMixin, Base):
    """A unit declared its report for a period complete (for completeness)."""

    __tablename__ = "unit_submission"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id"), index=True)
    submitted_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    submitted_by_name: Mapped[str] = mapped_column(String(100), default="")

    unit: Mapped[Unit] = relationship()
    period: Mapped[Period] = relationship()
    __table_args__ = (
        UniqueConstraint("unit_id", "period_id", name="uq_unit_submission_unit_period"),
    )


# ---------------------------------------------------------------------------
# Document register
# ---------------------------------------------------------------------------


class IssuedDocument(UuidMixin, Base):
    """A report in the register: a draft (no number) or an issued document.

    Numbers run per calendar year from 01 (``year``, ``number``); a number is
    never reused: a reissue makes a new row that ``replaces_id`` the old one,
    which becomes SUPERSEDED; a cancel keeps the number with CANCELLED.
    """

    __tablename__ = "issued_document"
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    symbol: Mapped[str] = mapped_column(String(40), default="BC-UBND")
    kind: Mapped[ReportKind] = mapped_column(_enum(ReportKind), default=ReportKind.MONTH)
    status: Mapped[DocumentStatus] = mapped_column(
        _enum(DocumentStatus), default=DocumentStatus.DRAFT
    )
    period_id: Mapped[int | None] = mapped_column(ForeignKey("period.id"), nullable=True)
    summary: Mapped[str] = mapped_column(Text, default="")  # trích yếu
    issued_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    signer_id: Mapped[int | None] = mapped_column(ForeignKey("signer.id"), nullable=True)
    signer_snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    recipients: Mapped[list[Any]] = mapped_column(JSON, default=list)  # snapshot of names
    narrative: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # edited sections
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("issued_document.id"), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by_name: Mapped[str] = mapped_column(String(100), default="")

    period: Mapped[Period | None] = relationship()
    signer: Mapped[Signer | None] = relationship()
    files: Mapped[list[DocumentFile]] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )
    __table_args__ = (
        UniqueConstraint("year", "symbol", "number", name="uq_issued_document_year_symbol_number"),
    )


class DocumentFile(Base):
    """An output file of a document (pdf, docx, xlsx) and its hash."""

    __tablename__ = "document_file"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("issued_document.id", ondelete="CASCADE"), index=True
    )
    fmt: Mapped[str] = mapped_column(String(10))  # pdf | docx | xlsx
    path: Mapped[str] = mapped_column(String(1000))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    document: Mapped[IssuedDocument] = relationship(back_populates="files")


# ---------------------------------------------------------------------------
# Audit
# ---------------------------------------------------------------------------


class AuditEntry(Base):
    """One line of the audit log. Written by the program, never edited by it."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # no FK: survives deletes
    username: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[AuditAction] = mapped_column(_enum(AuditAction), index=True)
    entity: Mapped[str] = mapped_column(String(64), default="")  # table name
    entity_uuid: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    summary: Mapped[str] = mapped_column(Text, default="")  # human-readable, Vietnamese
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


# ---------------------------------------------------------------------------
# Upper level: keys, bundle imports, consolidated data values
# ---------------------------------------------------------------------------


class TrustedKey(Base):
    """A commune's bundle-signing public key, trusted on first use."""

    __tablename__ = "trusted_key"
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_code: Mapped[int] = mapped_column(Integer, index=True)
    public_key: Mapped[str] = mapped_column(String(200))  # base64 raw Ed25519
    fingerprint: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    first_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    accepted_by: Mapped[str] = mapped_column(String(64), default="")  # "" = first use


class BundleImport(UuidMixin, Base):
    """One imported bundle (kept as history even when superseded)."""

    __tablename__ = "bundle_import"
    id: Mapped[int] = mapped_column(primary_key=True)
    bundle_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    bundle_id: Mapped[str] = mapped_column(String(36), index=True)  # manifest's own uuid
    commune_code: Mapped[int] = mapped_column(Integer, index=True)
    province_code: Mapped[int] = mapped_column(Integer, index=True)
    commune_name: Mapped[str] = mapped_column(String(100))
    period_code: Mapped[str] = mapped_column(String(10), index=True)
    created_at: Mapped[dt.datetime] = mapped_column()  # when the commune made it
    imported_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(64), default="")
    format_version: Mapped[int] = mapped_column(Integer)
    program_version: Mapped[str] = mapped_column(String(30), default="")
    key_fingerprint: Mapped[str] = mapped_column(String(100), default="")
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    superseded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("bundle_import.id"), nullable=True
    )
    manifest: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    report_pdf: Mapped[bytes | None] = mapped_column(nullable=True)
    report_xlsx: Mapped[bytes | None] = mapped_column(nullable=True)

    __table_args__ = (Index("ix_bundle_import_commune_period", "commune_code", "period_code"),)


class ConsolidatedValue(Base):
    """One data value of an imported bundle (DHIS2 dataValueSets style).

    ``element_kind`` is "indicator" or "task"; ``element_code`` the plan code;
    for indicators ``numeric``/``yes`` hold the value and ``evaluation`` its
    evaluation; for tasks ``status`` holds the TaskStatus value and
    ``numeric`` the percent done.
    """

    __tablename__ = "consolidated_value"
    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(
        ForeignKey("bundle_import.id", ondelete="CASCADE"), index=True
    )
    commune_code: Mapped[int] = mapped_column(Integer)
    period_code: Mapped[str] = mapped_column(String(10))
    element_kind: Mapped[str] = mapped_column(String(10))
    element_code: Mapped[str] = mapped_column(String(30))
    element_name: Mapped[str] = mapped_column(Text, default="")
    unit_label: Mapped[str] = mapped_column(String(40), default="")
    # MeasureUnit value of an indicator: decides sum/mean/count-of-yes upstairs.
    measure_unit: Mapped[str | None] = mapped_column(String(20), nullable=True)
    numeric: Mapped[float | None] = mapped_column(Float, nullable=True)
    yes: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    target: Mapped[float | None] = mapped_column(Float, nullable=True)
    comparator: Mapped[str | None] = mapped_column(String(10), nullable=True)
    evaluation: Mapped[str | None] = mapped_column(String(20), nullable=True)
    status: Mapped[str | None] = mapped_column(String(32), nullable=True)
    comment: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_consolidated_value_period_element", "period_code", "element_kind", "element_code"),
        Index("ix_consolidated_value_commune_period", "commune_code", "period_code"),
    )


AUDITED_TABLES = frozenset(
    {
        "commune",
        "unit",
        "signer",
        "recipient",
        "user_account",
        "plan",
        "task",
        "task_unit",
        "indicator",
        "indicator_unit",
        "indicator_target",
        "period",
        "task_update",
        "indicator_value",
        "evidence_file",
        "unit_submission",
        "issued_document",
        "setting",
        "trusted_key",
    }
)
"""Tables whose every insert, update and delete is written to the audit log."""

__all__ = [
    "AUDITED_TABLES",
    "AuditEntry",
    "Base",
    "BundleImport",
    "Commune",
    "ConsolidatedValue",
    "DatabaseRole",
    "DocumentFile",
    "EvidenceFile",
    "Indicator",
    "IndicatorTarget",
    "IndicatorUnit",
    "IndicatorValue",
    "IssuedDocument",
    "Period",
    "Plan",
    "Recipient",
    "Setting",
    "Signer",
    "Task",
    "TaskUnit",
    "TaskUpdate",
    "TrustedKey",
    "Unit",
    "UnitSubmission",
    "User",
]
