"""Helpers shared by the reliability tests: users, forms, table dumps."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import select

from models.audit import Actor
from models.enums import Progress
from models.schema import Unit, User
from models.services import updates


def actor_of(db: Any, username: str) -> Actor:
    with db.session() as s:
        user = s.scalar(select(User).where(User.username == username))
        assert user is not None, username
        return Actor(user.id, user.username)


def unit_id(db: Any, code: str) -> int:
    with db.session() as s:
        uid = s.scalar(select(Unit.id).where(Unit.code == code))
        assert uid is not None, code
        return int(uid)


def form_with_change(
    db: Any, *, unit_code: str, period_code: str, result: str
) -> updates.UnitForm:
    """The unit's form with its first task marked in progress and ``result`` typed."""
    with db.session() as s:
        form = updates.load_unit_form(s, unit_id=unit_id(db, unit_code), period_code=period_code)
    assert form.tasks, unit_code
    row = form.tasks[0]
    row.progress = Progress.IN_PROGRESS
    row.percent_text = "40"
    row.completed_text = ""
    row.result = result
    return form


def save_form(db: Any, form: updates.UnitForm, *, username: str | None) -> updates.SaveResult:
    """Save ``form`` as ``username`` (None: the program itself)."""
    actor = actor_of(db, username) if username else Actor.system()
    with db.session(actor=actor) as s:
        return updates.save_unit_form(
            s, form, actor=actor, evidence_dir=db.evidence_dir, mark_submitted=False
        )


def dump_tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the SQLite file, sorted (for equality checks)."""
    con = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        names = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        out: dict[str, list[tuple[Any, ...]]] = {}
        for name in sorted(names):
            rows = con.execute(f'SELECT * FROM "{name}"').fetchall()
            out[name] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def dump_db(db: Any) -> dict[str, list[tuple[Any, ...]]]:
    assert db.path is not None
    return dump_tables(db.path)
