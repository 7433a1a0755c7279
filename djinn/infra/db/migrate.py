"""Run the schema migrations, without an alembic.ini.

from djinn.infra.db.migrate import upgrade
upgrade("postgresql+psycopg://djinn@localhost/djinn")
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import URL, create_engine, pool, text

from djinn.infra.db.session import make_sqlite_file

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _url_string(url: str | URL) -> str:
    if isinstance(url, URL):
        return url.render_as_string(hide_password=False)
    return url


def make_config(url: str | URL | None = None) -> Config:
    """An Alembic config for this package's migrations and ``url``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        # The option goes through ConfigParser interpolation: escape the
        # percent signs of URL-encoded passwords.
        config.set_main_option("sqlalchemy.url", _url_string(url).replace("%", "%%"))
    return config


# Any constant: the key of the PostgreSQL advisory lock migrations hold.
MIGRATION_LOCK = 0x646A696E6E  # "djinn"


def upgrade(url: str | URL, revision: str = "head") -> None:
    """Migrate the database at ``url`` up to ``revision``. On PostgreSQL,
    processes starting together (API servers, workers, schedulers) take turns
    under an advisory lock, so each finds the schema migrated or migrates it."""
    if not _url_string(url).startswith("postgresql"):
        make_sqlite_file(_url_string(url))
        command.upgrade(make_config(url), revision)
        return
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK})
            try:
                command.upgrade(make_config(url), revision)
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK})
    finally:
        engine.dispose()


def downgrade(url: str | URL, revision: str) -> None:
    """Migrate the database at ``url`` down to ``revision`` (``"base"``: empty)."""
    command.downgrade(make_config(url), revision)


def current(url: str | URL) -> str | None:
    """The revision the database at ``url`` is at; None when unmigrated."""
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def head() -> str:
    """The latest revision in this package."""
    revision = ScriptDirectory.from_config(make_config()).get_current_head()
    assert revision is not None
    return revision
