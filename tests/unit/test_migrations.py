"""The Alembic revisions build exactly the models, on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
import operator
import os
import secrets
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone

import psycopg
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.orm import Session

from djinn.infra.db import migrate
from djinn.infra.db.models import (
    Base,
    Build,
    BuildTag,
    Job,
    Namespace,
    Stage,
    User,
    UTCDateTime,
    Variable,
)
from djinn.infra.db.session import Database

# The server on which to create throwaway databases; the same variable as
# tests/conftest.py. These tests never skip: the schema must be proven on
# PostgreSQL, not only on SQLite.
POSTGRES_URL = os.environ.get("DJINN_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


# Unlike the suite-wide fixtures of tests/conftest.py, these databases start
# empty: the tests below run the migrations themselves.


@pytest.fixture
def new_sqlite_url(tmp_path) -> Iterator[Callable[[], str]]:
    names = (f"djinn{n}.db" for n in itertools.count())
    yield lambda: f"sqlite:///{tmp_path / next(names)}"


@pytest.fixture
def new_postgres_url() -> Iterator[Callable[[], str]]:
    server = sa.make_url(POSTGRES_URL)
    created: list[str] = []
    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:

        def new() -> str:
            name = f"djinn_test_{secrets.token_hex(6)}"
            admin.execute(f'CREATE DATABASE "{name}"')
            created.append(name)
            url = server.set(drivername="postgresql+psycopg", database=name)
            return url.render_as_string(hide_password=False)

        try:
            yield new
        finally:
            for name in created:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgres"])
def new_url(request) -> Callable[[], str]:
    """Makes a new empty database on the backend under test; returns its URL."""
    return request.getfixturevalue(f"new_{request.param}_url")


@pytest.fixture
def empty_url(new_url) -> str:
    return new_url()


@pytest.fixture
def database(empty_url) -> Iterator[Database]:
    migrate.upgrade(empty_url)
    database = Database(empty_url)
    yield database
    database.dispose()


def test_upgrade_builds_the_models(empty_url):
    assert migrate.current(empty_url) is None

    migrate.upgrade(empty_url)

    assert migrate.current(empty_url) == migrate.head()
    engine = sa.create_engine(empty_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "compare_server_default": True}
            )
            assert compare_metadata(context, Base.metadata) == []
            tables = set(sa.inspect(connection).get_table_names())
    finally:
        engine.dispose()
    assert tables == set(Base.metadata.tables) | {"alembic_version"}


def describe(url: str) -> dict:
    """Everything reflection sees of a database's tables, in a stable order."""
    by_name = operator.itemgetter("name")
    engine = sa.create_engine(url)
    try:
        inspector = sa.inspect(engine)
        return {
            table: {
                # types and SQL clauses do not compare equal by value: compare text
                "columns": [{**c, "type": repr(c["type"])} for c in inspector.get_columns(table)],
                "primary_key": inspector.get_pk_constraint(table),
                "foreign_keys": sorted(inspector.get_foreign_keys(table), key=by_name),
                "unique": sorted(inspector.get_unique_constraints(table), key=by_name),
                "checks": sorted(inspector.get_check_constraints(table), key=by_name),
                "indexes": sorted(
                    (
                        {**i, "dialect_options": {k: str(v) for k, v in i.get("dialect_options", {}).items()}}
                        for i in inspector.get_indexes(table)
                    ),
                    key=by_name,
                ),
            }
            for table in sorted(set(inspector.get_table_names()) - {"alembic_version"})
        }
    finally:
        engine.dispose()


def test_upgrade_builds_what_create_all_builds(new_url):
    """What compare_metadata does not look at: CHECK constraints, the WHERE
    of partial indexes, constraint names, column order."""
    migrated, reference = new_url(), new_url()
    migrate.upgrade(migrated)
    engine = sa.create_engine(reference)
    try:
        Base.metadata.create_all(engine)
    finally:
        engine.dispose()

    migrated_schema, reference_schema = describe(migrated), describe(reference)

    assert migrated_schema.keys() == reference_schema.keys()
    for table in reference_schema:
        assert migrated_schema[table] == reference_schema[table], table
    where = next(i for i in migrated_schema["variables"]["indexes"] if i["name"].endswith("_no_namespace"))
    assert "namespace_id IS NULL" in str(where["dialect_options"]), where


def test_downgrade_to_base_and_back(empty_url):
    migrate.upgrade(empty_url)
    migrate.downgrade(empty_url, "base")

    engine = sa.create_engine(empty_url)
    try:
        assert set(sa.inspect(engine).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()
    assert migrate.current(empty_url) is None

    migrate.upgrade(empty_url)
    assert migrate.current(empty_url) == migrate.head()


def add_user(session: Session, username: str = "alice") -> User:
    user = User(username=username, email=f"{username}@example.com", password_hash="x")
    session.add(user)
    return user


def add_namespace(session: Session, user: User, name: str, parent=None) -> Namespace:
    namespace = Namespace(
        user=user,
        name=name,
        path=f"{parent.path}/{name}" if parent else name,
        parent=parent,
        level=parent.level + 1 if parent else 1,
    )
    namespace.root = parent.root if parent else namespace
    session.add(namespace)
    return namespace


def test_round_trip(database):
    started_at = datetime(2026, 11, 27, 13, 0, 0, 123456, tzinfo=timezone(timedelta(hours=1)))
    with database.session() as session:
        user = add_user(session)
        namespace = add_namespace(session, user, "djinn")
        build = Build(
            user=user,
            namespace=namespace,
            number=1,
            manifest="driver:\n  type: os\n",
            trigger_data={"author": "alice"},
            started_at=started_at,
        )
        stage = Stage(build=build, name="setup - #1", position=0)
        Job(build=build, stage=stage, name="create-driver", commands="", position=0)
        session.add(build)
        session.commit()
        build_id, created_at = build.id, build.created_at

    with database.session() as session:
        build = session.get(Build, build_id)
        assert build.created_at == created_at
        assert build.created_at.tzinfo is UTC
        assert build.started_at == started_at
        assert build.started_at.tzinfo is UTC
        assert build.started_at.hour == 12
        assert build.status == "queued"
        assert build.pinned is False
        assert build.trigger_type == "manual"
        assert build.trigger_data == {"author": "alice"}
        assert build.namespace.path == "djinn"
        assert build.namespace.root_id == build.namespace.id
        assert build.namespace.visibility == "private"
        assert [job.name for job in build.jobs] == ["create-driver"]
        assert build.jobs[0].stage.name == "setup - #1"
        assert build.jobs[0].created_at.tzinfo is UTC
        assert build.user.username == "alice"


def test_namespace_deletion_keeps_builds(database):
    with database.session() as session:
        user = add_user(session)
        root = add_namespace(session, user, "djinn")
        child = add_namespace(session, user, "child", parent=root)
        session.add(Variable(author=user, user=user, namespace=child, key="K", value="v"))
        build = Build(user=user, namespace=child, number=1, manifest="m")
        stage = Stage(build=build, name="s", position=0)
        Job(build=build, stage=stage, name="j", position=0)
        session.add(build)
        session.commit()
        build_id, root_id = build.id, root.id

    with database.session() as session:
        session.execute(sa.delete(Namespace).where(Namespace.id == root_id))
        session.commit()
        assert session.scalars(sa.select(Namespace)).all() == []
        assert session.scalars(sa.select(Variable)).all() == []
        build = session.get(Build, build_id)
        assert build.namespace_id is None
        assert len(build.jobs) == 1

        session.delete(build)
        session.commit()
        assert session.scalars(sa.select(Job)).all() == []
        assert session.scalars(sa.select(Stage)).all() == []


def test_names_are_unique_outside_namespaces_too(database):
    with database.session() as session:
        user = add_user(session)
        namespace = add_namespace(session, user, "djinn")
        session.add(Variable(author=user, user=user, key="K", value="1"))
        session.add(Variable(author=user, user=user, namespace=namespace, key="K", value="2"))
        session.commit()

        session.add(Variable(author=user, user=user, key="K", value="3"))
        with pytest.raises(sa.exc.IntegrityError):
            session.commit()
        session.rollback()

        session.add(Variable(author=user, user=user, namespace=namespace, key="K", value="4"))
        with pytest.raises(sa.exc.IntegrityError):
            session.commit()


def test_naive_datetimes_are_refused():
    column_type = UTCDateTime()
    dialect = sa.create_engine("sqlite://").dialect
    with pytest.raises(ValueError, match="naive"):
        column_type.process_bind_param(datetime(2026, 1, 1), dialect)


def test_processes_starting_together_migrate_a_new_postgresql_database_once(new_postgres_url):
    """API servers, workers and schedulers each migrate at start; started
    together on a new database, they must not trip over each other."""
    import concurrent.futures

    url = new_postgres_url()
    with concurrent.futures.ProcessPoolExecutor(4) as pool:
        for future in [pool.submit(migrate.upgrade, url) for _ in range(4)]:
            future.result()
    assert migrate.current(url) == migrate.head()


def test_children_take_their_roots_visibility(empty_url):
    """0005: a child less visible than its root (allowed before) gets the root's."""
    migrate.upgrade(empty_url, "0004")
    engine = sa.create_engine(empty_url, poolclass=sa.pool.NullPool)
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO users (id, email, username, password_hash, created_at, build_counter) "
                "VALUES (1, 'a@example.com', 'a', 'x', :now, 0)"
            ),
            {"now": datetime.now(UTC)},
        )
        for id_, root, parent, path, visibility in (
            (1, 1, None, "top", "public"),
            (2, 1, 1, "top/kid", "private"),
            (3, 1, 2, "top/kid/leaf", "internal"),
            (4, 4, None, "other", "private"),
        ):
            connection.execute(
                sa.text(
                    "INSERT INTO namespaces (id, user_id, root_id, parent_id, name, path, description, visibility, level,"
                    " created_at) VALUES (:id, 1, :root, :parent, :name, :path, '', :vis, 1, :now)"
                ),
                {
                    "id": id_,
                    "root": root,
                    "parent": parent,
                    "name": path.rsplit("/", 1)[-1],
                    "path": path,
                    "vis": visibility,
                    "now": datetime.now(UTC),
                },
            )
    migrate.upgrade(empty_url)
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT path, visibility FROM namespaces ORDER BY id")).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [
        ("top", "public"),
        ("top/kid", "public"),
        ("top/kid/leaf", "public"),
        ("other", "private"),
    ]


def test_tags_get_their_builds_creation_time(empty_url):
    """0007: existing tags get build_created_at from their build, and down again."""
    migrate.upgrade(empty_url, "0006")
    database = Database(empty_url)
    try:
        with database.session() as session:
            user = add_user(session)
            old = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)
            made = [
                Build(
                    user=user, number=n, manifest="driver: {type: os}\n", created_at=old + timedelta(days=n)
                )
                for n in (1, 2)
            ]
            session.add_all(made)
            session.commit()
            ids = {build.id: build.created_at for build in made}
        with database.engine.begin() as connection:
            for build_id in ids:
                for name in ("release", "nightly"):
                    connection.execute(
                        sa.text(
                            "INSERT INTO build_tags (build_id, user_id, name, created_at) "
                            "VALUES (:build, :user, :name, :now)"
                        ),
                        {"build": build_id, "user": user.id, "name": name, "now": datetime.now(UTC)},
                    )
        migrate.upgrade(empty_url)
        with database.session() as session:
            rows = session.execute(sa.select(BuildTag.build_id, BuildTag.build_created_at)).all()
        assert len(rows) == 4 and all(created == ids[build_id] for build_id, created in rows)
        migrate.downgrade(empty_url, "0006")
        assert migrate.current(empty_url) == "0006"
    finally:
        database.dispose()
