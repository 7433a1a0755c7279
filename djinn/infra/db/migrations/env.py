"""Alembic environment, configured in code by ``djinn.infra.db.migrate``.

The database comes from ``config.attributes["connection"]`` when given (a
Connection, an Engine or a URL), else from the ``sqlalchemy.url`` option.
"""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import URL, Connection, Engine, create_engine, pool

from djinn.infra.db.models import Base, UTCDateTime

config = context.config
target_metadata = Base.metadata


def render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    # Revisions use plain SQLAlchemy types, never the application's own: a
    # revision must keep working whatever becomes of djinn.infra.db.models.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def configure_and_run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite alters tables by copying them: have autogenerate write batch
        # operations.
        render_as_batch=connection.dialect.name == "sqlite",
        render_item=render_item,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_with_engine(engine: Engine) -> None:
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            # A table copy (DROP of the old table) must not fire ON DELETE
            # actions. Set outside the migration's transaction, and committed
            # so that Alembic begins (and commits) a transaction of its own.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        configure_and_run(connection)


def run_migrations_online() -> None:
    given = config.attributes.get("connection")
    if isinstance(given, Connection):
        configure_and_run(given)
        return
    if isinstance(given, Engine):
        run_with_engine(given)
        return
    url: str | URL | None = given if given is not None else config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database: set attributes['connection'] or sqlalchemy.url")
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        run_with_engine(engine)
    finally:
        engine.dispose()


def run_migrations_offline() -> None:
    url = config.get_main_option("sqlalchemy.url")
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
