"""Helpers of the monthly-cycle UI tests: a signed-in context on a database."""

from __future__ import annotations

from sqlalchemy import select

from models.schema import Unit, User


def make_ctx(db: object, username: str, period_code: str) -> object:
    """An ``AppContext`` signed in as ``username`` on ``period_code``."""
    from ui.context import AppContext, load_commune, load_user

    with db.session() as s:  # type: ignore[attr-defined]
        user_id = s.scalar(select(User.id).where(User.username == username))
        assert user_id is not None, username
        user = load_user(s, user_id)
        commune = load_commune(s)
    return AppContext(db, user, commune=commune, period_code=period_code)  # type: ignore[arg-type]


def unit_id(db: object, code: str) -> int:
    with db.session() as s:  # type: ignore[attr-defined]
        found = s.scalar(select(Unit.id).where(Unit.code == code))
    assert found is not None, code
    return int(found)
