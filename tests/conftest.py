"""Fixtures shared by the whole suite.

Every API test runs twice: on SQLite (a file in a temporary directory) and on
PostgreSQL (a fresh database on DJINN_TEST_POSTGRES_URL's server, created for
the session and dropped after). The schema is built by the Alembic migrations,
never by create_all; between tests the tables are emptied.
"""

from __future__ import annotations

import dataclasses
import os
import secrets
import shutil
import uuid

import psycopg
import pytest
from sqlalchemy import text

from djinn.api.app import create_app, runtime_of
from djinn.infra.config import Config
from djinn.infra.db import models
from djinn.infra.db.migrate import upgrade
from djinn.infra.db.session import Database

POSTGRES_URL = os.environ.get("DJINN_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REQUIRE_POSTGRES = os.environ.get("DJINN_TEST_REQUIRE_POSTGRES") == "1"
BASE_URL = "http://djinn.test"


def _postgres_available() -> bool:
    try:
        psycopg.connect(POSTGRES_URL, connect_timeout=3).close()
        return True
    except psycopg.Error:
        return False


@pytest.fixture(scope="session")
def postgres_database():
    if not _postgres_available():
        if REQUIRE_POSTGRES:
            pytest.fail(
                f"PostgreSQL is required (DJINN_TEST_REQUIRE_POSTGRES=1) but {POSTGRES_URL} is unreachable"
            )
        pytest.skip(
            f"PostgreSQL not reachable at {POSTGRES_URL}; set DJINN_TEST_POSTGRES_URL to run this half"
        )
    name = f"djinn_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_URL.rsplit("/", 1)[0]
    url = f"postgresql+psycopg://{base.split('://', 1)[1]}/{name}"
    upgrade(url)
    yield url
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def sqlite_database(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'djinn.db'}"
    upgrade(url)
    return url


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request):
    return request.getfixturevalue(f"{request.param}_database")


def _empty_tables(url: str) -> None:
    database = Database(url)
    tables = [t.name for t in reversed(models.Base.metadata.sorted_tables)]
    with database.engine.begin() as conn:
        if database.is_sqlite:
            for table in tables:
                conn.execute(text(f'DELETE FROM "{table}"'))
        else:
            conn.execute(
                text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")
            )
    database.dispose()


@pytest.fixture(scope="session")
def _apps(tmp_path_factory):
    """One app per database for the whole session: building the Connexion app
    from the document takes about a second, so tests share it and start from
    empty tables instead."""
    apps: dict[str, object] = {}
    yield apps, tmp_path_factory
    for app in apps.values():
        runtime_of(app).db.dispose()


@pytest.fixture
def app(_apps, database_url):
    apps, tmp_path_factory = _apps
    if database_url not in apps:
        apps[database_url] = create_app(
            Config(
                data_dir=tmp_path_factory.mktemp("data"),
                database_url=database_url,
                base_url=BASE_URL,
                secret_key=secrets.token_urlsafe(32),
                validate_responses=True,
                token_cache_seconds=0,
            )
        )
    _empty_tables(database_url)
    # The store outlives a test too, and ids start again from 1 in emptied
    # tables: files other tests stored must not answer for this one's.
    shutil.rmtree(runtime_of(apps[database_url]).store.root, ignore_errors=True)
    return apps[database_url]


@pytest.fixture
def config(app) -> Config:
    return runtime_of(app).config


@pytest.fixture
def settings(app):
    """Change the app's settings for one test (the allow-list, retries, ...)."""
    state = runtime_of(app)
    original = state.config

    def change(**fields):
        state.config = dataclasses.replace(original, **fields)

    yield change
    state.config = original


@pytest.fixture
def client(app):
    with app.test_client() as client:
        yield client


@pytest.fixture
def db(config):
    database = Database(config.database_url)
    yield database
    database.dispose()


DEFAULT_PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def _default_password_hash():
    from djinn.domain.auth.passwords import hash_password

    return hash_password(DEFAULT_PASSWORD)


@pytest.fixture
def make_user(db, _default_password_hash):
    """Users through the domain's create_user; the default password's argon2
    hash is computed once per session, as hashing is slow on purpose."""
    from djinn.domain.users import create_user

    counter = iter(range(1, 10_000))

    def make(username: str | None = None, email: str | None = None, password: str = DEFAULT_PASSWORD):
        n = next(counter)
        username = username or f"user{n}"
        known_hash = _default_password_hash if password == DEFAULT_PASSWORD else None
        with db.transaction() as session:
            return create_user(
                session,
                username=username,
                email=email or f"{username}@example.com",
                password=password,
                password_hash=known_hash,
            )

    return make


@pytest.fixture
def make_token(db):
    from djinn.domain.auth.tokens import create_token

    def make(user, scope: str = "all", name: str = "test", **kwargs) -> str:
        from djinn.domain.auth.scopes import ALL_SCOPES, format_scope

        scope = format_scope(ALL_SCOPES) if scope == "all" else scope
        with db.transaction() as session:
            _token, plaintext = create_token(session, user, name=name, scope=scope, **kwargs)
        return plaintext

    return make


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
