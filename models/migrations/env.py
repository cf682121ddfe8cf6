"""Alembic environment: runs on the connection handed over by models.db.

Run from the repository with ``alembic -c alembic.ini ...`` for development
(autogenerate against ``sqlite:///dev.db``); the program itself always calls
``models.db.upgrade`` with an open connection.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from models.schema import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection):  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        transaction_per_migration=True,
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = config.get_main_option("sqlalchemy.url") or "sqlite:///dev.db"
    engine = create_engine(url)
    with engine.begin() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
