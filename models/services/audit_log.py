"""Reading the audit log (Nhật ký): filters, pages, readable changes.

The log is written only by ``models.audit`` (in the same transaction as the
change it records); nothing here writes, edits or deletes a line. The log
can grow to hundreds of thousands of lines, so lines are read a page at a
time, newest first, with keyset paging on the id (``before_id``), never the
whole table.

``changes(session, entry)`` turns an entry's before/after values into
``FieldChange`` rows for display: references to other records (task,
period, unit, indicator, user) are resolved to their codes and names, enum
values to their Vietnamese labels, dates to ``dd/mm/yyyy``; the labels of
fields and tables come from the caller (``ui.texts.audit``) so this module
stays free of UI text.

Qt-free; any thread.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, and_, cast, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from models import texts
from models.enums import (
    AuditAction,
    Comparator,
    MeasureUnit,
    PeriodConvention,
    PeriodKind,
    Progress,
    Recurrence,
    Role,
    UnitKind,
)
from models.schema import AuditEntry, Indicator, Period, Task, Unit, User
from models.textutil import fold

PAGE_SIZE = 200


@dataclass(frozen=True)
class AuditFilter:
    """What the user narrowed the log to (every part optional)."""

    username: str | None = None
    action: AuditAction | None = None
    entity: str | None = None
    date_from: dt.date | None = None  # local dates, inclusive
    date_to: dt.date | None = None
    text: str = ""


@dataclass(frozen=True)
class AuditRow:
    """One line of the log, detached from the session."""

    id: int
    at: dt.datetime  # aware UTC
    username: str
    action: AuditAction
    entity: str
    entity_uuid: str | None
    summary: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @property
    def local_time(self) -> dt.datetime:
        at = self.at if self.at.tzinfo else self.at.replace(tzinfo=dt.UTC)
        return at.astimezone()


@dataclass(frozen=True)
class FieldChange:
    """One field of a change, ready to show: label, value before, value after."""

    key: str
    label: str
    before: str
    after: str
    changed: bool


def _local_midnight_utc(day: dt.date) -> dt.datetime:
    local = dt.datetime.combine(day, dt.time.min).astimezone()
    return local.astimezone(dt.UTC)


def _is_sqlite(session: Session) -> bool:
    bind = session.get_bind()
    return bind.dialect.name == "sqlite"


def _conditions(session: Session, flt: AuditFilter) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if flt.username:
        conds.append(AuditEntry.username == flt.username)
    if flt.action is not None:
        conds.append(AuditEntry.action == flt.action)
    if flt.entity:
        conds.append(AuditEntry.entity == flt.entity)
    if flt.date_from is not None:
        conds.append(AuditEntry.at >= _local_midnight_utc(flt.date_from))
    if flt.date_to is not None:
        conds.append(AuditEntry.at < _local_midnight_utc(flt.date_to + dt.timedelta(days=1)))
    needle = flt.text.strip()
    if needle:
        plain = [AuditEntry.summary, AuditEntry.username, AuditEntry.entity]
        json_cols = [cast(AuditEntry.before, String), cast(AuditEntry.after, String)]
        if _is_sqlite(session):
            # nq57_fold / nq57_fold_json are registered on every SQLite connection
            # (models.db): accent- and case-insensitive, JSON escapes undone.
            pattern = f"%{_escape(fold(needle))}%"
            parts = [func.nq57_fold(c).like(pattern, escape="\\") for c in plain]
            parts += [func.nq57_fold_json(c).like(pattern, escape="\\") for c in json_cols]
        else:
            pattern = f"%{_escape(needle.lower())}%"
            parts = [func.lower(c).like(pattern, escape="\\") for c in plain + json_cols]
        # The action's Vietnamese name ("chốt số liệu") finds its lines too.
        actions = [a for a in AuditAction if fold(needle) in fold(texts.label(a))]
        if actions:
            parts.append(AuditEntry.action.in_(actions))
        conds.append(or_(*parts))
    return conds


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _row(e: AuditEntry) -> AuditRow:
    return AuditRow(
        id=e.id, at=e.at, username=e.username, action=e.action, entity=e.entity,
        entity_uuid=e.entity_uuid, summary=e.summary, before=e.before, after=e.after,
    )


def fallback_summary(row: AuditRow, names: Names) -> str:
    """What a line is about when the log wrote no summary (rows without a code,
    such as a task update): the task or indicator, the unit and the period."""
    values = dict(row.before or {}) | dict(row.after or {})
    if row.entity_uuid and not any(k in values for k in ("task_id", "indicator_id")):
        values = names.record(row.entity, row.entity_uuid) | values
    parts = []
    for key in ("task_id", "indicator_id", "unit_id", "period_id"):
        named = names.get(key, values.get(key))
        if named:
            parts.append(texts.AUDIT_PERIOD_PART.format(code=named) if key == "period_id" else named)
    return ", ".join(parts)


def count_entries(session: Session, flt: AuditFilter) -> int:
    """How many lines match ``flt``."""
    query = select(func.count()).select_from(AuditEntry)
    conds = _conditions(session, flt)
    if conds:
        query = query.where(and_(*conds))
    return int(session.scalar(query) or 0)


def fetch_entries(
    session: Session, flt: AuditFilter, *, before_id: int | None = None, limit: int = PAGE_SIZE
) -> list[AuditRow]:
    """The next ``limit`` lines matching ``flt``, newest first, older than ``before_id``."""
    query = select(AuditEntry)
    conds = _conditions(session, flt)
    if before_id is not None:
        conds.append(AuditEntry.id < before_id)
    if conds:
        query = query.where(and_(*conds))
    query = query.order_by(AuditEntry.id.desc()).limit(limit)
    rows = [_row(e) for e in session.scalars(query)]
    if any(not r.summary for r in rows):
        names = Names(session)
        rows = [
            r if r.summary else dataclasses.replace(r, summary=fallback_summary(r, names))
            for r in rows
        ]
    return rows


def iter_entries(session: Session, flt: AuditFilter, *, chunk: int = 1000) -> Iterator[AuditRow]:
    """Every matching line, newest first, read ``chunk`` at a time (export)."""
    before: int | None = None
    while True:
        rows = fetch_entries(session, flt, before_id=before, limit=chunk)
        if not rows:
            return
        yield from rows
        before = rows[-1].id


def usernames(session: Session) -> list[str]:
    """Every user name that appears in the log, sorted."""
    names = session.scalars(select(AuditEntry.username).distinct())
    return sorted({n for n in names if n}, key=fold)


def entities(session: Session) -> list[str]:
    """Every table/object name that appears in the log."""
    return sorted({e for e in session.scalars(select(AuditEntry.entity).distinct()) if e})


# ---------------------------------------------------------------------------
# Readable changes
# ---------------------------------------------------------------------------

_ENUM_FIELDS: dict[str, type[enum.Enum]] = {
    "progress": Progress,
    "role": Role,
    "recurrence": Recurrence,
    "comparator": Comparator,
    "measure_unit": MeasureUnit,
    "period_convention": PeriodConvention,
}
_ENUM_BY_ENTITY: dict[tuple[str, str], type[enum.Enum]] = {
    ("unit", "kind"): UnitKind,
    ("period", "kind"): PeriodKind,
}
HIDDEN_FIELDS = frozenset({"id"})


class Names:
    """Names of the records that ``*_id`` fields point to, read once per kind.

    Commune tables are small (hundreds of rows), so each kind is loaded whole
    the first time it is needed; keep one ``Names`` for a whole export.
    """

    _KINDS: dict[str, tuple[Any, Any]] = {
        "task": (Task, lambda t: f"{t.code} {t.title}".strip()),
        "period": (Period, lambda p: p.code),
        "unit": (Unit, lambda u: u.name),
        "indicator": (Indicator, lambda i: f"{i.code} {i.name}".strip()),
        "user": (User, lambda u: f"{u.full_name} ({u.username})"),
    }
    KEYS: dict[str, str] = {
        "task_id": "task",
        "parent_id": "task",
        "period_id": "period",
        "unit_id": "unit",
        "lead_unit_id": "unit",
        "indicator_id": "indicator",
        "updated_by_id": "user",
        "locked_by_id": "user",
    }

    def __init__(self, session: Session) -> None:
        self.session = session
        self._loaded: dict[str, dict[int, str]] = {}

    def record(self, entity: str, uuid: str) -> dict[str, Any]:
        """The reference columns of the record ``uuid`` of table ``entity`` ({} if gone)."""
        from models.schema import AUDITED_TABLES, Base

        if entity not in AUDITED_TABLES:
            return {}
        table = Base.metadata.tables[entity]
        if "uuid" not in table.c:
            return {}
        cols = [c for c in table.c if c.name in self.KEYS]
        if not cols:
            return {}
        found = self.session.execute(select(*cols).where(table.c.uuid == uuid)).first()
        return dict(found._mapping) if found is not None else {}

    def get(self, key: str, value: Any) -> str | None:
        kind = self.KEYS.get(key)
        if kind is None or not isinstance(value, int) or isinstance(value, bool):
            return None
        if kind not in self._loaded:
            model, fmt = self._KINDS[kind]
            self._loaded[kind] = {o.id: fmt(o) for o in self.session.scalars(select(model))}
        return self._loaded[kind].get(value)


def _format(
    entity: str, key: str, value: Any, names: Names, *, empty: str, yes: str, no: str
) -> str:
    if value is None or value == "":
        return empty
    if key == "password_hash":
        return "***"
    named = names.get(key, value)
    if named is not None:
        return named
    enum_cls = _ENUM_BY_ENTITY.get((entity, key)) or _ENUM_FIELDS.get(key)
    if enum_cls is not None:
        try:
            return texts.label(enum_cls(value))
        except ValueError:
            pass
    if isinstance(value, bool):
        return yes if value else no
    if isinstance(value, float):
        from models.numbers import format_number

        return format_number(value)
    if isinstance(value, str):
        if len(value) == 10 and value[4] == "-" and value[7] == "-":
            try:
                return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
            except ValueError:
                return value
        if len(value) >= 19 and value[4] == "-" and "T" in value:
            try:
                moment = dt.datetime.fromisoformat(value)
                if moment.tzinfo is None:
                    moment = moment.replace(tzinfo=dt.UTC)
                return moment.astimezone().strftime("%d/%m/%Y %H:%M:%S")
            except ValueError:
                return value
        return value
    if isinstance(value, list | dict):
        import json

        return json.dumps(value, ensure_ascii=False)
    return str(value)


def changes(
    session: Session,
    row: AuditRow,
    *,
    field_labels: Mapping[str, str],
    names: Names | None = None,
    empty: str = "(trống)",
    yes: str = "Có",
    no: str = "Không",
) -> list[FieldChange]:
    """The fields of ``row`` as label / before / after, changed fields first.

    Pass one ``names`` for many rows (an export) so names are read once.
    """
    before = row.before or {}
    after = row.after or {}
    refs = names if names is not None else Names(session)
    keys = [k for k in dict.fromkeys([*before, *after]) if k not in HIDDEN_FIELDS]
    out: list[FieldChange] = []
    for key in keys:
        b = before.get(key)
        a = after.get(key)
        has_before = key in before
        has_after = key in after
        out.append(
            FieldChange(
                key=key,
                label=field_labels.get(key, key),
                before=_format(row.entity, key, b, refs, empty=empty, yes=yes, no=no)
                if has_before else "",
                after=_format(row.entity, key, a, refs, empty=empty, yes=yes, no=no)
                if has_after else "",
                changed=(has_before and has_after and a != b)
                or (has_before != has_after and (a if has_after else b) not in (None, "")),
            )
        )
    out.sort(key=lambda c: not c.changed)
    return out


__all__ = [
    "AuditFilter",
    "AuditRow",
    "FieldChange",
    "Names",
    "PAGE_SIZE",
    "changes",
    "count_entries",
    "entities",
    "fetch_entries",
    "iter_entries",
    "usernames",
]
