"""Audit log: every change to an audited table, and explicit events.

A session knows who acts through ``session.info["actor"]`` (an ``Actor``).
Before each flush the listener installed by ``install()`` writes one
``AuditEntry`` per inserted, updated or deleted row of ``AUDITED_TABLES``,
with the old and new column values, in the same transaction as the change:
the log line and the change are committed or rolled back together.

Set ``session.info["audit"] = False`` for bulk generation (the demo data)
where logging every row would be noise.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import get_history

from models.enums import AuditAction
from models.schema import AUDITED_TABLES, AuditEntry, new_uuid

SECRET_COLUMNS = frozenset({"password_hash"})


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in user, or the program itself (user_id None)."""

    user_id: int | None
    username: str

    @classmethod
    def system(cls, name: str = "hệ thống") -> Actor:
        return cls(user_id=None, username=name)


def _jsonable(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} byte>"
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def _snapshot(obj: Any, *, which: str) -> dict[str, Any]:
    """Column values of ``obj``: ``which`` is "current" or "committed"."""
    state = inspect(obj)
    out: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in SECRET_COLUMNS:
            out[key] = "***"
            continue
        if which == "current":
            out[key] = _jsonable(getattr(obj, key, None))
        else:
            hist = get_history(obj, key)
            if hist.deleted:
                out[key] = _jsonable(hist.deleted[0])
            elif hist.unchanged:
                out[key] = _jsonable(hist.unchanged[0])
            else:
                out[key] = _jsonable(state.committed_state.get(key, getattr(obj, key, None)))
    return out


def _changes(obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in inspect(obj).mapper.column_attrs:
        hist = get_history(obj, attr.key)
        if not hist.has_changes():
            continue
        secret = attr.key in SECRET_COLUMNS
        before[attr.key] = "***" if secret else _jsonable(hist.deleted[0] if hist.deleted else None)
        after[attr.key] = "***" if secret else _jsonable(hist.added[0] if hist.added else None)
    return before, after


def _actor(session: Session) -> Actor:
    actor = session.info.get("actor")
    return actor if isinstance(actor, Actor) else Actor.system()


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    # Give every new record its stable UUID now, so the log can name it.
    for obj in session.new:
        if hasattr(obj, "uuid") and getattr(obj, "uuid", None) is None:
            obj.uuid = new_uuid()
    if session.info.get("audit") is False:
        return
    actor = _actor(session)
    entries: list[AuditEntry] = []
    for obj in list(session.new):
        table = getattr(obj, "__tablename__", None)
        if table in AUDITED_TABLES:
            entries.append(
                _entry(actor, AuditAction.CREATE, obj, None, _snapshot(obj, which="current"))
            )
    for obj in list(session.dirty):
        table = getattr(obj, "__tablename__", None)
        if table in AUDITED_TABLES and session.is_modified(obj, include_collections=False):
            before, after = _changes(obj)
            if after:
                entries.append(_entry(actor, AuditAction.UPDATE, obj, before, after))
    for obj in list(session.deleted):
        table = getattr(obj, "__tablename__", None)
        if table in AUDITED_TABLES:
            entries.append(
                _entry(actor, AuditAction.DELETE, obj, _snapshot(obj, which="committed"), None)
            )
    session.add_all(entries)


def _entry(
    actor: Actor,
    action: AuditAction,
    obj: Any,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> AuditEntry:
    return AuditEntry(
        at=dt.datetime.now(dt.UTC),
        user_id=actor.user_id,
        username=actor.username,
        action=action,
        entity=obj.__tablename__,
        entity_uuid=getattr(obj, "uuid", None),
        summary=_describe(obj),
        before=before,
        after=after,
    )


def _describe(obj: Any) -> str:
    for attr in ("code", "username", "key", "full_name", "name", "original_name"):
        value = getattr(obj, attr, None)
        if value:
            return str(value)
    return ""


def install(factory: sessionmaker[Session]) -> None:
    """Attach the audit listener to sessions made by ``factory`` (idempotent)."""
    if not event.contains(factory, "before_flush", _before_flush):
        event.listen(factory, "before_flush", _before_flush)


def log_event(
    session: Session,
    action: AuditAction,
    *,
    summary: str,
    entity: str = "",
    entity_uuid: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record an event that is not a row change (login, lock, export...)."""
    actor = _actor(session)
    entry = AuditEntry(
        at=dt.datetime.now(dt.UTC),
        user_id=actor.user_id,
        username=actor.username,
        action=action,
        entity=entity,
        entity_uuid=entity_uuid,
        summary=summary,
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
    )
    session.add(entry)
    return entry
