"""The data model: one declarative class per table.

The Alembic revisions in ``djinn/db/migrations`` are the schema; these classes
must stay identical to what they build (``tests/unit/test_migrations.py``
checks it on SQLite and PostgreSQL).

ON DELETE, in short:

- a user's own rows (tokens, apps, namespaces, builds, resources) go with the
  user (CASCADE);
- ``author_id`` columns have no ON DELETE action: a user who created resources
  in another user's namespace cannot be deleted until those rows are deleted or
  given another author (their own rows cascade away through ``user_id``, which
  is checked before the end of the statement);
- a namespace's children, collaborators, invites, webhooks and resources
  (images, objects, variables, keys, cron) are deleted with it: resources are
  deleted rather than detached so that a namespace's variables and keys never
  silently become the owner's global ones. The files behind objects, images
  and artifacts are not in the database: whoever deletes the rows removes them;
- builds survive the deletion of their namespace (``namespace_id`` SET NULL)
  and keep what they recorded about the objects, variables and keys they got
  (those links SET NULL).

SQLite enforces none of this unless ``PRAGMA foreign_keys=ON`` is set on every
connection, as :class:`djinn.infra.db.session.Database` does.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    event,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Connection
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column, relationship

# Deterministic constraint names, so later revisions can address them by name
# on both backends.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# BIGINT on PostgreSQL; INTEGER on SQLite, where only "INTEGER PRIMARY KEY"
# is an alias of the rowid and so gets ids assigned automatically.
Id = BigInteger().with_variant(Integer(), "sqlite")

# JSONB on PostgreSQL (indexable, compact), JSON text elsewhere.
Json = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime, whatever the backend.

    PostgreSQL stores ``timestamptz``; SQLite, which has no time zones, stores
    the naive UTC wall time. Values read back are always aware and in UTC.
    Naive datetimes are refused on the way in: their zone is a guess.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(DateTime())
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: give it a time zone (UTC)")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Status(enum.StrEnum):
    """Status of a build, a stage or a job."""

    QUEUED = "queued"
    RUNNING = "running"
    PASSED = "passed"
    PASSED_WITH_FAILURES = "passed_with_failures"
    FAILED = "failed"
    KILLED = "killed"
    TIMED_OUT = "timed_out"


class Visibility(enum.StrEnum):
    PRIVATE = "private"
    INTERNAL = "internal"
    PUBLIC = "public"


class TriggerType(enum.StrEnum):
    MANUAL = "manual"
    PUSH = "push"
    PULL = "pull"
    SCHEDULE = "schedule"


class Schedule(enum.StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"


def _one_of(column: str, values: type[enum.StrEnum]) -> str:
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    # Every model names its __tablename__, so its __table__ is a Table
    # (DeclarativeBase promises only a FromClause); Core updates need a Table.
    __table__: ClassVar[Table]


def _pk() -> Mapped[int]:
    return mapped_column(Id, primary_key=True)


def _fk(target: str, ondelete: str | None = None, **kwargs: Any) -> Mapped[Any]:
    return mapped_column(Id, ForeignKey(target, ondelete=ondelete), **kwargs)


def _created_at() -> Mapped[datetime]:
    return mapped_column(UTCDateTime(), default=utcnow)


def _unique_per_owner(table: str, name: str) -> tuple[UniqueConstraint, Index]:
    """Unique (user_id, namespace_id, <name>), also when namespace_id IS NULL.

    NULLs are distinct in a unique constraint on both backends, so rows outside
    any namespace need a partial unique index of their own.
    """
    where = text("namespace_id IS NULL")
    return (
        UniqueConstraint("user_id", "namespace_id", name),
        Index(
            f"uq_{table}_user_id_{name}_no_namespace",
            "user_id",
            name,
            unique=True,
            sqlite_where=where,
            postgresql_where=where,
        ),
    )


# --------------------------------------------------------------------- users


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = _pk()
    username: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = _created_at()
    # The number of the user's last build; see revision 0003.
    build_counter: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Token(Base):
    """An API token: personal, or issued to an OAuth app. Only its hash is kept."""

    __tablename__ = "tokens"

    id: Mapped[int] = _pk()
    user_id: Mapped[int] = _fk("users.id", "CASCADE", index=True)
    app_id: Mapped[int | None] = _fk("oauth_apps.id", "CASCADE", index=True)
    name: Mapped[str] = mapped_column(String(255))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex
    token_prefix: Mapped[str] = mapped_column(String(8))  # for display only
    scope: Mapped[str] = mapped_column(Text, default="")
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = _created_at()

    user: Mapped[User] = relationship()
    app: Mapped[OAuthApp | None] = relationship()


class OAuthApp(Base):
    __tablename__ = "oauth_apps"

    id: Mapped[int] = _pk()
    user_id: Mapped[int] = _fk("users.id", "CASCADE", index=True)
    client_id: Mapped[str] = mapped_column(String(64), unique=True)
    client_secret_hash: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    homepage_uri: Mapped[str] = mapped_column(Text, default="")
    redirect_uri: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = _created_at()

    user: Mapped[User] = relationship()


class OAuthCode(Base):
    """An authorization code: valid until ``expires_at``, used at most once."""

    __tablename__ = "oauth_codes"

    id: Mapped[int] = _pk()
    app_id: Mapped[int] = _fk("oauth_apps.id", "CASCADE", index=True)
    user_id: Mapped[int] = _fk("users.id", "CASCADE", index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scope: Mapped[str] = mapped_column(Text, default="")
    redirect_uri: Mapped[str] = mapped_column(Text)
    code_challenge: Mapped[str | None] = mapped_column(String(128))
    code_challenge_method: Mapped[str | None] = mapped_column(String(16))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = _created_at()
    # The token the code was exchanged for: revoked if the code is presented
    # again (RFC 6749, 4.1.2). Added by revision 0002, hence last.
    token_id: Mapped[int | None] = _fk("tokens.id", "SET NULL", index=True)

    app: Mapped[OAuthApp] = relationship()
    user: Mapped[User] = relationship()


class LoginFailure(Base):
    """A failed sign-in on the OAuth login page, counted to rate-limit
    password guessing per account and per client address."""

    __tablename__ = "login_failures"
    __table_args__ = (
        Index("ix_login_failures_account_created_at", "account", "created_at"),
        Index("ix_login_failures_address_created_at", "address", "created_at"),
    )

    id: Mapped[int] = _pk()
    account: Mapped[str] = mapped_column(String(320))  # "user:<id>", or "name:<what was typed>"
    address: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = _created_at()


# ---------------------------------------------------------------- namespaces


class Namespace(Base):
    """A namespace. ``root_id`` is the top-level ancestor (itself for a root);
    it is NULL only between the insert of a root and its first flush, which
    the ``root`` relationship (post_update) fills in."""

    __tablename__ = "namespaces"
    __table_args__ = (
        UniqueConstraint("user_id", "path"),
        CheckConstraint(_one_of("visibility", Visibility), name="visibility"),
    )

    id: Mapped[int] = _pk()
    user_id: Mapped[int] = _fk("users.id", "CASCADE")
    root_id: Mapped[int | None] = _fk("namespaces.id", "CASCADE", index=True)
    parent_id: Mapped[int | None] = _fk("namespaces.id", "CASCADE", index=True)
    name: Mapped[str] = mapped_column(String(255))
    path: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    visibility: Mapped[str] = mapped_column(String(16), default=Visibility.PRIVATE.value)
    level: Mapped[int] = mapped_column(Integer)  # depth: a root is 1
    created_at: Mapped[datetime] = _created_at()

    user: Mapped[User] = relationship()
    root: Mapped[Namespace | None] = relationship(remote_side=[id], foreign_keys=[root_id], post_update=True)
    parent: Mapped[Namespace | None] = relationship(
        remote_side=[id], foreign_keys=[parent_id], back_populates="children"
    )
    children: Mapped[list[Namespace]] = relationship(
        foreign_keys=[parent_id], back_populates="parent", passive_deletes=True
    )


class Collaborator(Base):
    """A user who works in a root namespace (and so in all its children)."""

    __tablename__ = "collaborators"
    __table_args__ = (UniqueConstraint("namespace_id", "user_id"),)

    id: Mapped[int] = _pk()
    namespace_id: Mapped[int] = _fk("namespaces.id", "CASCADE")
    user_id: Mapped[int] = _fk("users.id", "CASCADE", index=True)
    created_at: Mapped[datetime] = _created_at()

    namespace: Mapped[Namespace] = relationship()
    user: Mapped[User] = relationship()


class Invite(Base):
    __tablename__ = "invites"
    __table_args__ = (UniqueConstraint("namespace_id", "invitee_id"),)

    id: Mapped[int] = _pk()
    namespace_id: Mapped[int] = _fk("namespaces.id", "CASCADE")
    invitee_id: Mapped[int] = _fk("users.id", "CASCADE", index=True)
    inviter_id: Mapped[int] = _fk("users.id", "CASCADE", index=True)
    created_at: Mapped[datetime] = _created_at()

    namespace: Mapped[Namespace] = relationship()
    invitee: Mapped[User] = relationship(foreign_keys=[invitee_id])
    inviter: Mapped[User] = relationship(foreign_keys=[inviter_id])


# -------------------------------------------------------------------- builds


class Build(Base):
    __tablename__ = "builds"
    __table_args__ = (
        UniqueConstraint("user_id", "number"),
        # The lists of builds (djinn.domain.builds.VisibleBuilds; migration 0006).
        Index("ix_builds_user_id_created_at_id", "user_id", "created_at", "id"),
        Index("ix_builds_namespace_id_created_at_id", "namespace_id", "created_at", "id"),
        Index("ix_builds_user_id_status_created_at_id", "user_id", "status", "created_at", "id"),
        Index("ix_builds_namespace_id_status_created_at_id", "namespace_id", "status", "created_at", "id"),
        Index("ix_builds_status_driver_created_at", "status", "driver", "created_at"),
        CheckConstraint(_one_of("status", Status), name="status"),
        CheckConstraint(_one_of("trigger_type", TriggerType), name="trigger_type"),
    )

    id: Mapped[int] = _pk()
    user_id: Mapped[int] = _fk("users.id", "CASCADE")
    namespace_id: Mapped[int | None] = _fk("namespaces.id", "SET NULL")
    number: Mapped[int] = mapped_column(Integer)  # per-user sequence from 1
    manifest: Mapped[str] = mapped_column(Text)  # as submitted
    status: Mapped[str] = mapped_column(String(32), default=Status.QUEUED.value, index=True)
    output: Mapped[str | None] = mapped_column(Text)
    secret: Mapped[str | None] = mapped_column(Text)  # for the driver's use
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    trigger_type: Mapped[str] = mapped_column(String(16), default=TriggerType.MANUAL.value)
    trigger_comment: Mapped[str] = mapped_column(Text, default="")
    trigger_data: Mapped[dict[str, str]] = mapped_column(Json, default=dict)
    # The worker running the build holds a lease it renews; a build whose lease
    # expired while running lost its worker.
    worker_id: Mapped[str | None] = mapped_column(String(255))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    kill_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = _created_at()
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    driver: Mapped[str] = mapped_column(
        String(16), default="os", server_default="os"
    )  # the manifest's driver.type
    # When a queue message for the queued build was last sent (distributed mode).
    announced_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()
    namespace: Mapped[Namespace | None] = relationship()
    stages: Mapped[list[Stage]] = relationship(
        back_populates="build",
        order_by="Stage.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    jobs: Mapped[list[Job]] = relationship(
        back_populates="build",
        order_by="Job.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    tags: Mapped[list[BuildTag]] = relationship(
        back_populates="build",
        order_by="BuildTag.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class BuildTag(Base):
    __tablename__ = "build_tags"
    __table_args__ = (
        UniqueConstraint("build_id", "name"),
        Index("ix_build_tags_name_build_id", "name", "build_id"),
        Index("ix_build_tags_name_build_created_at_build_id", "name", "build_created_at", "build_id"),
    )

    id: Mapped[int] = _pk()
    build_id: Mapped[int] = _fk("builds.id", "CASCADE")
    user_id: Mapped[int] = _fk("users.id", "CASCADE", index=True)
    name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = _created_at()
    # The tagged build's created_at (which never changes), so that `?tag=`
    # reads a tag's builds newest first from one index.
    build_created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    build: Mapped[Build] = relationship(back_populates="tags")
    user: Mapped[User] = relationship()


@event.listens_for(BuildTag, "before_insert")
def _copy_build_created_at(_mapper: Mapper[BuildTag], connection: Connection, target: BuildTag) -> None:
    """A tag inserted without its build's created_at gets it from the build
    (djinn.domain.builds sets it; this keeps any other writer right)."""
    given: datetime | None = target.build_created_at
    if given is None:
        target.build_created_at = connection.execute(
            select(Build.created_at).where(Build.id == target.build_id)
        ).scalar_one()


class Stage(Base):
    __tablename__ = "build_stages"
    __table_args__ = (CheckConstraint(_one_of("status", Status), name="status"),)

    id: Mapped[int] = _pk()
    build_id: Mapped[int] = _fk("builds.id", "CASCADE", index=True)
    name: Mapped[str] = mapped_column(String(255))
    can_fail: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(32), default=Status.QUEUED.value)
    created_at: Mapped[datetime] = _created_at()
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    build: Mapped[Build] = relationship(back_populates="stages")
    jobs: Mapped[list[Job]] = relationship(
        back_populates="stage", order_by="Job.position", passive_deletes=True
    )


class Job(Base):
    __tablename__ = "build_jobs"
    __table_args__ = (
        UniqueConstraint("build_id", "name"),
        CheckConstraint(_one_of("status", Status), name="status"),
    )

    id: Mapped[int] = _pk()
    build_id: Mapped[int] = _fk("builds.id", "CASCADE")
    stage_id: Mapped[int] = _fk("build_stages.id", "CASCADE", index=True)
    name: Mapped[str] = mapped_column(String(255))
    commands: Mapped[str] = mapped_column(Text, default="")  # newline-joined
    status: Mapped[str] = mapped_column(String(32), default=Status.QUEUED.value)
    output: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)  # order within the build
    created_at: Mapped[datetime] = _created_at()
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    build: Mapped[Build] = relationship(back_populates="jobs")
    stage: Mapped[Stage] = relationship(back_populates="jobs")


class Artifact(Base):
    """A file a job collects. size and hashes are NULL until collected;
    ``deleted_at`` is set when the curator removed the file."""

    __tablename__ = "build_artifacts"
    __table_args__ = (Index("ix_build_artifacts_user_id_created_at", "user_id", "created_at"),)

    id: Mapped[int] = _pk()
    build_id: Mapped[int] = _fk("builds.id", "CASCADE", index=True)
    job_id: Mapped[int] = _fk("build_jobs.id", "CASCADE", index=True)
    user_id: Mapped[int] = _fk("users.id", "CASCADE")
    source: Mapped[str] = mapped_column(Text)  # path in the build environment
    name: Mapped[str] = mapped_column(Text)  # collected-as name
    size: Mapped[int | None] = mapped_column(BigInteger)
    md5: Mapped[str | None] = mapped_column(String(32))
    sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = _created_at()
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    build: Mapped[Build] = relationship()
    job: Mapped[Job] = relationship()
    user: Mapped[User] = relationship()


class BuildObject(Base):
    """An object as placed on a build (a snapshot taken at submit time)."""

    __tablename__ = "build_objects"

    id: Mapped[int] = _pk()
    build_id: Mapped[int] = _fk("builds.id", "CASCADE", index=True)
    object_id: Mapped[int | None] = _fk("objects.id", "SET NULL", index=True)
    source: Mapped[str] = mapped_column(Text)  # the object's name
    name: Mapped[str] = mapped_column(Text)  # placed-as path
    type: Mapped[str | None] = mapped_column(String(255))
    md5: Mapped[str | None] = mapped_column(String(32))
    sha256: Mapped[str | None] = mapped_column(String(64))
    placed: Mapped[bool] = mapped_column(Boolean, default=False)

    build: Mapped[Build] = relationship()
    object: Mapped[Object | None] = relationship()


class BuildVariable(Base):
    """A variable as given to a build. ``value`` is ciphertext when masked."""

    __tablename__ = "build_variables"

    id: Mapped[int] = _pk()
    build_id: Mapped[int] = _fk("builds.id", "CASCADE", index=True)
    variable_id: Mapped[int | None] = _fk("variables.id", "SET NULL", index=True)
    key: Mapped[str] = mapped_column(String(255))
    value: Mapped[str] = mapped_column(Text)
    masked: Mapped[bool] = mapped_column(Boolean, default=False)

    build: Mapped[Build] = relationship()


class BuildKey(Base):
    """An SSH key placed on a build; the key material stays in ``keys``."""

    __tablename__ = "build_keys"

    id: Mapped[int] = _pk()
    build_id: Mapped[int] = _fk("builds.id", "CASCADE", index=True)
    key_id: Mapped[int | None] = _fk("keys.id", "SET NULL", index=True)
    name: Mapped[str] = mapped_column(String(255))
    location: Mapped[str] = mapped_column(Text)

    build: Mapped[Build] = relationship()
    key: Mapped[Key | None] = relationship()


# ----------------------------------------------------------------- resources


class Object(Base):
    __tablename__ = "objects"
    __table_args__ = _unique_per_owner("objects", "name")

    id: Mapped[int] = _pk()
    author_id: Mapped[int] = _fk("users.id", index=True)
    user_id: Mapped[int] = _fk("users.id", "CASCADE")
    namespace_id: Mapped[int | None] = _fk("namespaces.id", "CASCADE", index=True)
    name: Mapped[str] = mapped_column(String(255))
    type: Mapped[str] = mapped_column(String(255))  # MIME
    size: Mapped[int] = mapped_column(BigInteger)
    md5: Mapped[str] = mapped_column(String(32))
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = _created_at()

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    namespace: Mapped[Namespace | None] = relationship()


class Image(Base):
    __tablename__ = "images"
    __table_args__ = _unique_per_owner("images", "name")

    id: Mapped[int] = _pk()
    author_id: Mapped[int] = _fk("users.id", index=True)
    user_id: Mapped[int] = _fk("users.id", "CASCADE")
    namespace_id: Mapped[int | None] = _fk("namespaces.id", "CASCADE", index=True)
    driver: Mapped[str] = mapped_column(String(16), default="qemu")
    name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = _created_at()

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    namespace: Mapped[Namespace | None] = relationship()
    download: Mapped[ImageDownload | None] = relationship(back_populates="image", passive_deletes=True)


class ImageDownload(Base):
    """The server-side download of an image created from a ``download_url``."""

    __tablename__ = "image_downloads"

    id: Mapped[int] = _pk()
    image_id: Mapped[int] = _fk("images.id", "CASCADE", unique=True)
    source: Mapped[str] = mapped_column(Text)  # the URL
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = _created_at()
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    image: Mapped[Image] = relationship(back_populates="download")


class Variable(Base):
    """``value`` is ciphertext when ``masked``."""

    __tablename__ = "variables"
    __table_args__ = _unique_per_owner("variables", "key")

    id: Mapped[int] = _pk()
    author_id: Mapped[int] = _fk("users.id", index=True)
    user_id: Mapped[int] = _fk("users.id", "CASCADE")
    namespace_id: Mapped[int | None] = _fk("namespaces.id", "CASCADE", index=True)
    key: Mapped[str] = mapped_column(String(255))
    value: Mapped[str] = mapped_column(Text)
    masked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = _created_at()

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    namespace: Mapped[Namespace | None] = relationship()


class Key(Base):
    """An SSH private key, encrypted at rest."""

    __tablename__ = "keys"
    __table_args__ = _unique_per_owner("keys", "name")

    id: Mapped[int] = _pk()
    author_id: Mapped[int] = _fk("users.id", index=True)
    user_id: Mapped[int] = _fk("users.id", "CASCADE")
    namespace_id: Mapped[int | None] = _fk("namespaces.id", "CASCADE", index=True)
    name: Mapped[str] = mapped_column(String(255))
    key_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    config: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = _created_at()
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    namespace: Mapped[Namespace | None] = relationship()


class Cron(Base):
    __tablename__ = "crons"
    __table_args__ = (
        *_unique_per_owner("crons", "name"),
        CheckConstraint(_one_of("schedule", Schedule), name="schedule"),
    )

    id: Mapped[int] = _pk()
    author_id: Mapped[int] = _fk("users.id", index=True)
    user_id: Mapped[int] = _fk("users.id", "CASCADE")
    namespace_id: Mapped[int | None] = _fk("namespaces.id", "CASCADE", index=True)
    name: Mapped[str] = mapped_column(String(255))
    schedule: Mapped[str] = mapped_column(String(16), default=Schedule.DAILY.value)
    manifest: Mapped[str] = mapped_column(Text)
    prev_run: Mapped[datetime | None] = mapped_column(UTCDateTime())
    next_run: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    created_at: Mapped[datetime] = _created_at()

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    namespace: Mapped[Namespace | None] = relationship()


class CronBuild(Base):
    """A build a cron submitted. A build comes from at most one cron."""

    __tablename__ = "cron_builds"

    id: Mapped[int] = _pk()
    cron_id: Mapped[int] = _fk("crons.id", "CASCADE", index=True)
    build_id: Mapped[int] = _fk("builds.id", "CASCADE", unique=True)

    cron: Mapped[Cron] = relationship()
    build: Mapped[Build] = relationship()


# ------------------------------------------------------------------ webhooks


class Webhook(Base):
    """``events`` is a JSON list of event names; empty means all events."""

    __tablename__ = "webhooks"

    id: Mapped[int] = _pk()
    author_id: Mapped[int] = _fk("users.id", index=True)
    user_id: Mapped[int] = _fk("users.id", "CASCADE", index=True)
    namespace_id: Mapped[int] = _fk("namespaces.id", "CASCADE", index=True)
    payload_url: Mapped[str] = mapped_column(Text)
    secret_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    ssl: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    events: Mapped[list[str]] = mapped_column(Json, default=list)
    created_at: Mapped[datetime] = _created_at()

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    namespace: Mapped[Namespace] = relationship()


class WebhookDelivery(Base):
    """One attempt to deliver one event; the latest is a hook's last_response."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (Index("ix_webhook_deliveries_webhook_id_created_at", "webhook_id", "created_at"),)

    id: Mapped[int] = _pk()
    webhook_id: Mapped[int] = _fk("webhooks.id", "CASCADE")
    event: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)  # the exact body sent
    response_code: Mapped[int | None] = mapped_column(Integer)
    response_body: Mapped[str | None] = mapped_column(Text)
    duration_ns: Mapped[int | None] = mapped_column(BigInteger)
    error: Mapped[str | None] = mapped_column(Text)
    attempt: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = _created_at()

    webhook: Mapped[Webhook] = relationship()
