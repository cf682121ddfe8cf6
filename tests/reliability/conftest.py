"""Fixtures of the reliability tests that show widgets (offscreen, synchronous workers)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def qt_sync(qapp: object) -> Iterator[object]:
    """The Qt application configured as the program does; jobs run synchronously."""
    from ui import worker
    from ui.app import configure_application

    configure_application(qapp)  # type: ignore[arg-type]
    worker.set_synchronous(True)
    yield qapp
    worker.set_synchronous(False)
    assert worker.wait_for_all(10)


@pytest.fixture
def no_modal(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Record message boxes (and say yes to questions) instead of blocking."""
    from ui import dialogs

    shown: list[tuple[str, str]] = []

    def record(kind: str):  # noqa: ANN202
        def show(_parent: object, text: str, **_kw: object) -> None:
            shown.append((kind, text))

        return show

    monkeypatch.setattr(dialogs, "info", record("info"))
    monkeypatch.setattr(dialogs, "warn", record("warn"))
    monkeypatch.setattr(dialogs, "error", record("error"))
    monkeypatch.setattr(
        dialogs, "confirm", lambda _p, _title, text, **_k: shown.append(("confirm", text)) or True
    )
    return shown


def make_ctx(db: object, username: str) -> object:
    """An ``AppContext`` signed in as ``username`` on the demo period 2026-10."""
    from sqlalchemy import select

    from models.schema import User
    from ui.context import AppContext, load_commune, load_user

    with db.session() as s:  # type: ignore[attr-defined]
        uid = s.scalar(select(User.id).where(User.username == username))
        user = load_user(s, uid)
        commune = load_commune(s)
    return AppContext(db, user, commune=commune, period_code="2026-10")  # type: ignore[arg-type]
