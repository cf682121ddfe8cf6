"""Fixtures of the bundle tests: sample files, commune databases, upper-level databases.

``upper_db`` is parametrized over the engines: a fresh SQLite file always,
and PostgreSQL when ``NQ57_TEST_PG_URL`` names a server (for example
``postgresql://postgres:postgres@127.0.0.1:5432/postgres``). One fresh
PostgreSQL database is created per test run (and dropped after it); each
test starts from empty tables.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
PG_ENV = "NQ57_TEST_PG_URL"
E2E_COMMUNES = (10993, 11560, 11311)  # Xã Thượng Hồng, Phường Thuỷ Nguyên, Phường Hồng Bàng
E2E_PERIOD = "2026-10"
DEMO_TODAY = dt.date(2026, 11, 21)
# Bundles made before (two) and after (one) the default deadline of 18/11/2026.
E2E_CREATED = {
    10993: dt.datetime(2026, 11, 10, 2, 0, tzinfo=dt.UTC),
    11560: dt.datetime(2026, 11, 18, 16, 30, tzinfo=dt.UTC),  # 23:30 on the 18th in Vietnam
    11311: dt.datetime(2026, 11, 18, 17, 30, tzinfo=dt.UTC),  # 00:30 on the 19th in Vietnam: late
}


@pytest.fixture
def sample() -> Iterator[object]:
    def path(name: str) -> Path:
        p = DATA / name
        assert p.is_file(), f"missing sample {p}; run tests/bundles/make_samples.py"
        return p

    yield path


# --- PostgreSQL ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test run (skips without a server)."""
    server = os.environ.get(PG_ENV)
    if not server:
        pytest.skip(f"{PG_ENV} is not set: no PostgreSQL server for this run")
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(server)
    name = f"nq57_test_{uuid.uuid4().hex[:10]}"
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _empty_upper_tables(db: object) -> None:
    from sqlalchemy import text

    with db.engine.begin() as conn:  # type: ignore[attr-defined]
        conn.execute(
            text("TRUNCATE consolidated_value, bundle_import, trusted_key, audit_log, setting RESTART IDENTITY CASCADE")
        )


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def upper_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    """An empty database to import into, on each engine."""
    from models.db import open_database

    if request.param == "sqlite":
        db = open_database(tmp_path / "tinh.db")
    else:
        db = open_database(request.getfixturevalue("pg_url"))
        _empty_upper_tables(db)
    yield db
    db.close()


# --- Three demo communes of Hải Phòng, exported -----------------------------------------


@dataclass
class CommuneExport:
    code: int
    name: str
    db_path: Path
    bundle: Path
    status_counts: dict[str, int]
    indicators: dict[str, dict[str, object]]  # code -> value, yes, evaluation, measure_unit


@pytest.fixture(scope="session")
def e2e_exports(tmp_path_factory: pytest.TempPathFactory) -> list[CommuneExport]:
    """Three demo communes of province 31, each exported for 2026-10 with its own numbers."""
    from models.bundle.export import export_bundle
    from models.db import open_database
    from models.demo import build_demo
    from models.services.periods import get_period
    from models.services.status import indicator_states, status_counts, task_states

    base = tmp_path_factory.mktemp("e2e")
    out = base / "usb"
    out.mkdir()
    result: list[CommuneExport] = []
    for code in E2E_COMMUNES:
        path = base / f"xa-{code}.db"
        db = open_database(path)
        summary = build_demo(db, commune_code=code, today=DEMO_TODAY)
        bundle = export_bundle(db, period_code=E2E_PERIOD, out_dir=out, now=E2E_CREATED[code])
        with db.session() as s:
            period = get_period(s, E2E_PERIOD)
            counts = {k.value: v for k, v in status_counts(task_states(s, period)).items()}
            inds = {
                st.code: {
                    "value": st.value,
                    "yes": st.yes,
                    "evaluation": st.evaluation.value if st.evaluation else None,
                    "measure_unit": st.measure_unit.value,
                }
                for st in indicator_states(s, period)
            }
        db.close()
        result.append(CommuneExport(code, summary.commune_name, path, bundle, counts, inds))
    return result
