"""The one serializer per entity: database rows -> JSON-ready dicts of the
generated models of the OpenAPI document. Nested entities go one level
deep: a nested entity carries no nested entities of its own, but for a
nested namespace's owner `user`, which clients dereference without a nil
check.

The entities are built as plain dicts, not validated models: a page of 25
builds is 100 nested entities, and validating each on every request was
most of its serialization time (bench/entities.py). The generated models
stay the contract: each dict has their fields in their order, with their
JSON forms (RFC 3339 times ending in `Z`, URLs as pydantic's `AnyUrl`
writes them), optional nested entities that are not there left out (never
null); after every API test each row left in the database is rendered here
and checked against its model (`models.X.model_validate(dict)` dumps to the
same JSON, tests/api/conftest.py).

The same entities are the API's responses and the webhook payloads, so they
live here, below both: they need only the public base URL and a database
session, which whoever renders them provides with `rendering()` (the API for
each request, djinn.domain.events for a payload).
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import functools
import re
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any, Protocol

from pydantic import AnyUrl, AwareDatetime, BaseModel, TypeAdapter
from sqlalchemy.orm import Session

from djinn.domain.namespaces import latest_build
from djinn.infra.db import models as db
from generated import models

MASK = "xxxxxx"

Json = dict[str, Any]


@dataclasses.dataclass(frozen=True)
class Rendering:
    """What entities are rendered with: the public base URL of the API and
    the database session (a function, so that a request opens none unless
    an entity needs one)."""

    base_url: str
    session: Callable[[], Session]
    # Whether `base_url` + a plain path is already the URL `AnyUrl` writes.
    canonical: bool = False


_rendering: contextvars.ContextVar[Rendering | None] = contextvars.ContextVar("djinn_rendering", default=None)


@contextlib.contextmanager
def rendering(base_url: str, session: Session | Callable[[], Session]) -> Iterator[None]:
    """Within the block, entities are rendered with `base_url` and `session`."""
    token = begin_rendering(base_url, session)
    try:
        yield
    finally:
        _rendering.reset(token)


def begin_rendering(
    base_url: str, session: Session | Callable[[], Session]
) -> contextvars.Token[Rendering | None]:
    """`rendering()` for a span that is not one block (a request): end it
    with `end_rendering(token)`."""
    opener = session if callable(session) else (lambda: session)
    return _rendering.set(Rendering(base_url=base_url, session=opener, canonical=_canonical_base(base_url)))


def end_rendering(token: contextvars.Token[Rendering | None]) -> None:
    _rendering.reset(token)


def _current() -> Rendering:
    current = _rendering.get()
    if current is None:
        raise RuntimeError("an entity was rendered outside entities.rendering()")
    return current


class Rendered(BaseModel):
    """An entity rendered to its JSON-ready dict (`data`), which `dump`
    returns as it is: what the entity functions return."""

    data: Json


def _rendered(data: Json) -> Rendered:
    return Rendered.model_construct(data=data)


def dump(entity: BaseModel) -> Json:
    """JSON-ready dict of an entity (or of any generated model); optional
    nested entities that were not given are left out rather than sent as
    null."""
    if type(entity) is Rendered:
        return entity.data
    return entity.model_dump(mode="json", exclude_unset=True)


def dump_all(entities: Iterable[BaseModel]) -> list[Json]:
    return [dump(e) for e in entities]


# ------------------------------------------------------------- JSON forms

_DATETIME: TypeAdapter[datetime] = TypeAdapter(AwareDatetime)


def _time(value: datetime) -> str:
    """An aware datetime as pydantic writes it: RFC 3339, `Z` for UTC (the
    database's times are all UTC)."""
    text = value.isoformat()
    if text.endswith("+00:00"):
        return text[:-6] + "Z"
    # Another offset, or naive (refused, as the model refuses it).
    return str(_DATETIME.dump_python(_DATETIME.validate_python(value), mode="json"))


def _time_or_none(value: datetime | None) -> str | None:
    return None if value is None else _time(value)


# A path the URL parser leaves as it is: no character it percent-encodes,
# no escape other than an upper-case `%XX`, no dot segment (`.`, `..`, or
# spelled `%2E`) it would resolve.
_PLAIN_PATH = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})*\Z")


def _plain(path: str) -> bool:
    if _PLAIN_PATH.match(path) is None or "%2E" in path:
        return False
    return "/." not in path or not any(segment in (".", "..") for segment in path.split("/"))


@functools.lru_cache(maxsize=16)
def _canonical_base(base_url: str) -> bool:
    """Whether `base_url` followed by a plain path is written by `AnyUrl`
    unchanged (a lower-case host, no default port, no trailing slash ...)."""
    probe = base_url + "/x"
    try:
        return str(AnyUrl(probe)) == probe
    except ValueError:
        return False


def _url(current: Rendering, path: str) -> str:
    """The absolute URL of `path`, as `AnyUrl` writes it (and refuses it)."""
    if current.canonical and _plain(path):
        return current.base_url + path
    return str(AnyUrl(current.base_url + path))


def url(path: str) -> str:
    """An absolute API URL."""
    return _current().base_url + path


def namespace_url(row: db.Namespace, suffix: str = "") -> str:
    return url(f"/n/{row.user.username}/{row.path}{suffix}")


def build_url(row: db.Build, suffix: str = "") -> str:
    return url(f"/b/{row.user.username}/{row.number}{suffix}")


class _Urls:
    """The URLs under one entity's path: the path is checked once, its
    constant suffixes need not be."""

    __slots__ = ("current", "path", "plain", "prefix")

    def __init__(self, current: Rendering, path: str) -> None:
        self.current = current
        self.path = path
        self.plain = current.canonical and _plain(path)
        self.prefix = current.base_url + path

    def at(self, suffix: str = "") -> str:
        """`suffix` is plain (a constant of this module)."""
        if self.plain:
            return self.prefix + suffix
        return _url(self.current, self.path + suffix)

    def named(self, collection: str, name: str) -> str:
        """The URL of a named item: `/collection/<name, quoted>`."""
        return _url(self.current, f"{self.path}{collection}/{_quoted(name)}")


def _quoted(name: str) -> str:
    return urllib.parse.quote(name, safe="")


# ------------------------------------------------------------- entities
# Each `_x(current, row)` builds the dict of models.X, its fields in the
# model's order; the public `x(row)` wraps it for `dump`.


class _Values(Protocol):
    def __getitem__(self, name: str, /) -> Any: ...


class _Attributes:
    """A row's attributes by name, read (and loaded) as attributes."""

    __slots__ = ("row",)

    def __init__(self, row: object) -> None:
        self.row = row

    def __getitem__(self, name: str) -> Any:
        return getattr(self.row, name)


def _loaded(row: object, names: frozenset[str]) -> _Values:
    """The attributes of `row` by name: its `__dict__` when all of `names`
    are loaded in it (where SQLAlchemy reads a loaded attribute from; ten
    times as fast for the rows of a list), else the attributes themselves
    (loading what has expired or was not loaded)."""
    values: dict[str, Any] = row.__dict__
    if values.keys() >= names:
        return values
    return _Attributes(row)


_USER = frozenset({"id", "email", "username", "created_at"})


def _user(row: db.User) -> Json:
    v = _loaded(row, _USER)
    return {
        "id": v["id"],
        "email": v["email"],
        "username": v["username"],
        "created_at": _time(v["created_at"]),
    }


def user(row: db.User) -> Rendered:
    return _rendered(_user(row))


_NAMESPACE = frozenset(
    {
        "id",
        "user_id",
        "root_id",
        "parent_id",
        "name",
        "path",
        "description",
        "visibility",
        "created_at",
        "user",
    }
)


def _namespace(current: Rendering, row: db.Namespace, *, nested: bool) -> Json:
    v = _loaded(row, _NAMESPACE)
    owner = v["user"]
    urls = _Urls(current, f"/n/{owner.username}/{v['path']}")
    fields: Json = {
        "id": v["id"],
        "user_id": v["user_id"],
        "root_id": v["root_id"],
        "parent_id": v["parent_id"],
        "name": v["name"],
        "path": v["path"],
        "description": v["description"],
        "visibility": v["visibility"],
        "created_at": _time(v["created_at"]),
        "url": urls.at(),
        "builds_url": urls.at("/-/builds"),
        "namespaces_url": urls.at("/-/namespaces"),
        "images_url": urls.at("/-/images"),
        "objects_url": urls.at("/-/objects"),
        "variables_url": urls.at("/-/variables"),
        "keys_url": urls.at("/-/keys"),
        "collaborators_url": urls.at("/-/collaborators"),
        "webhooks_url": urls.at("/-/webhooks"),
        "invites_url": urls.at("/-/invites"),
        # Always, also nested: clients dereference `namespace.user` without a nil check.
        "user": _user(owner),
    }
    if not nested:
        if row.parent is not None:
            fields["parent"] = _namespace(current, row.parent, nested=True)
        last = latest_build(current.session(), row)
        if last is not None:
            fields["build"] = _build(current, last, nested=True)
    return fields


def namespace(row: db.Namespace, *, nested: bool = False) -> Rendered:
    return _rendered(_namespace(_current(), row, nested=nested))


def _build_urls(current: Rendering, row: db.Build) -> _Urls:
    return _Urls(current, f"/b/{row.user.username}/{row.number}")


_BUILD = frozenset(
    {
        "id",
        "user_id",
        "namespace_id",
        "number",
        "manifest",
        "status",
        "output",
        "tags",
        "pinned",
        "created_at",
        "started_at",
        "finished_at",
        "user",
        "trigger_type",
        "trigger_comment",
        "trigger_data",
    }
)


def _build(current: Rendering, row: db.Build, *, nested: bool) -> Json:
    v = _loaded(row, _BUILD)
    author = v["user"]
    urls = _Urls(current, f"/b/{author.username}/{v['number']}")
    fields: Json = {
        "id": v["id"],
        "user_id": v["user_id"],
        "namespace_id": v["namespace_id"],
        "number": v["number"],
        "manifest": v["manifest"],
        "status": v["status"],
        "output": v["output"],
        "tags": [tag.name for tag in v["tags"]],
        "pinned": v["pinned"],
        "created_at": _time(v["created_at"]),
        "started_at": _time_or_none(v["started_at"]),
        "finished_at": _time_or_none(v["finished_at"]),
        "url": urls.at(),
        "objects_url": urls.at("/objects"),
        "variables_url": urls.at("/variables"),
        "jobs_url": urls.at("/jobs"),
        "artifacts_url": urls.at("/artifacts"),
        "tags_url": urls.at("/tags"),
    }
    if not nested:
        fields["user"] = _user(author)
        if row.namespace is not None:
            fields["namespace"] = _namespace(current, row.namespace, nested=True)
    fields["trigger"] = {
        "type": v["trigger_type"],
        "comment": v["trigger_comment"],
        "data": dict(v["trigger_data"] or {}),
    }
    return fields


def build(row: db.Build, *, nested: bool = False) -> Rendered:
    return _rendered(_build(_current(), row, nested=nested))


# The resources with an author, an owner and maybe a namespace.
Owned = db.Image | db.Object | db.Variable | db.Key | db.Cron


def _owned(current: Rendering, row: Owned, fields: Json, *, nested: bool) -> Json:
    """Adds the author/user/namespace triple shared by resources."""
    if not nested:
        fields["author"] = _user(row.author)
        fields["user"] = _user(row.user)
        if row.namespace is not None:
            fields["namespace"] = _namespace(current, row.namespace, nested=True)
    return fields


def image(row: db.Image, download: db.ImageDownload | None = None, *, nested: bool = False) -> Rendered:
    current = _current()
    fields: Json = {
        "id": row.id,
        "author_id": row.author_id,
        "user_id": row.user_id,
        "namespace_id": row.namespace_id,
        "driver": row.driver,
        "name": row.name,
        "created_at": _time(row.created_at),
        "url": _url(current, f"/images/{row.id}"),
    }
    _owned(current, row, fields, nested=nested)
    if download is not None:
        fields["download"] = {
            "source": download.source,
            "error": download.error,
            "created_at": _time(download.created_at),
            "started_at": _time_or_none(download.started_at),
            "finished_at": _time_or_none(download.finished_at),
        }
    return _rendered(fields)


def object_(row: db.Object, *, nested: bool = False) -> Rendered:
    current = _current()
    fields: Json = {
        "id": row.id,
        "author_id": row.author_id,
        "user_id": row.user_id,
        "namespace_id": row.namespace_id,
        "name": row.name,
        "type": row.type,
        "size": row.size,
        "md5": row.md5,
        "sha256": row.sha256,
        "created_at": _time(row.created_at),
        "url": _url(current, f"/objects/{row.id}"),
        "builds_url": _url(current, f"/objects/{row.id}/builds"),
    }
    return _rendered(_owned(current, row, fields, nested=nested))


def variable(row: db.Variable, *, nested: bool = False) -> Rendered:
    current = _current()
    fields: Json = {
        "id": row.id,
        "author_id": row.author_id,
        "user_id": row.user_id,
        "namespace_id": row.namespace_id,
        "key": row.key,
        "value": MASK if row.masked else row.value,
        "masked": row.masked,
        "created_at": _time(row.created_at),
        "url": _url(current, f"/variables/{row.id}"),
    }
    return _rendered(_owned(current, row, fields, nested=nested))


def key(row: db.Key, *, nested: bool = False) -> Rendered:
    current = _current()
    fields: Json = {
        "id": row.id,
        "author_id": row.author_id,
        "user_id": row.user_id,
        "namespace_id": row.namespace_id,
        "name": row.name,
        "config": row.config,
        "created_at": _time(row.created_at),
        "updated_at": _time(row.updated_at),
        "url": _url(current, f"/keys/{row.id}"),
    }
    return _rendered(_owned(current, row, fields, nested=nested))


def collaborator(collaboration: db.Collaborator, member: db.User, *, show_email: bool) -> Rendered:
    current = _current()
    space = collaboration.namespace
    return _rendered(
        {
            "id": member.id,
            "email": member.email if show_email else "",
            "username": member.username,
            "created_at": _time(collaboration.created_at),
            "url": _url(current, f"/n/{space.user.username}/{space.path}/-/collaborators/{member.username}"),
        }
    )


def _invite_parties(current: Rendering, row: db.Invite) -> Json:
    return {
        "invitee": _user(row.invitee),
        "inviter": _user(row.inviter),
        "namespace": _namespace(current, row.namespace, nested=True),
    }


def invite(row: db.Invite) -> Rendered:
    current = _current()
    fields: Json = {
        "id": row.id,
        "namespace_id": row.namespace_id,
        "invitee_id": row.invitee_id,
        "inviter_id": row.inviter_id,
        "url": _url(current, f"/invites/{row.id}"),
    }
    fields.update(_invite_parties(current, row))
    return _rendered(fields)


def accepted_invite(row: db.Invite) -> Rendered:
    return _rendered(_invite_parties(_current(), row))


def webhook(row: db.Webhook, last: db.WebhookDelivery | None) -> models.Webhook:
    """A webhook: a validated model still (a rare answer, typed so by its
    handlers); `dump` writes it."""
    current = _current()
    space = row.namespace
    fields: Json = {
        "id": row.id,
        "author_id": row.author_id,
        "user_id": row.user_id,
        "namespace_id": row.namespace_id,
        "payload_url": row.payload_url,
        "ssl": row.ssl,
        "active": row.active,
        "events": list(row.events or []),
        "url": _url(current, f"/n/{space.user.username}/{space.path}/-/webhooks/{row.id}"),
        "namespace": _namespace(current, space, nested=True),
    }
    if last is not None:
        fields["last_response"] = {
            "code": last.response_code or 0,
            "duration": last.duration_ns or 0,
            "error": last.error,
            "created_at": _time(last.created_at),
        }
    return models.Webhook.model_validate(fields)


# ------------------------------------------------------------- a build's parts


def _job(current: Rendering, row: db.Job, *, nested: bool) -> Json:
    fields: Json = {
        "id": row.id,
        "build_id": row.build_id,
        "stage": row.stage.name,
        "name": row.name,
        "commands": row.commands,
        "status": row.status,
        "output": row.output,
        "created_at": _time_or_none(row.created_at),
        "started_at": _time_or_none(row.started_at),
        "finished_at": _time_or_none(row.finished_at),
        "url": _build_urls(current, row.build).named("/jobs", row.name),
    }
    if not nested:
        fields["build"] = _build(current, row.build, nested=True)
    return fields


def job(row: db.Job, *, nested: bool = False) -> Rendered:
    return _rendered(_job(_current(), row, nested=nested))


def build_object(row: db.BuildObject) -> Rendered:
    current = _current()
    return _rendered(
        {
            "id": row.id,
            "build_id": row.build_id,
            "source": row.source,
            "name": row.name,
            "type": row.type,
            "md5": row.md5,
            "sha256": row.sha256,
            "placed": row.placed,
            "object_url": _url(current, f"/objects/{row.object_id or 0}"),
            "build": _build(current, row.build, nested=True),
        }
    )


def build_variable(row: db.BuildVariable) -> Rendered:
    current = _current()
    return _rendered(
        {
            "id": row.id,
            "build_id": row.build_id,
            "key": row.key,
            "value": MASK if row.masked else row.value,
            "masked": row.masked,
            "variable_url": _url(current, f"/variables/{row.variable_id or 0}"),
            "build": _build(current, row.build, nested=True),
        }
    )


def build_key(row: db.BuildKey) -> Rendered:
    current = _current()
    return _rendered(
        {
            "id": row.id,
            "build_id": row.build_id,
            "key_id": row.key_id,
            "name": row.name,
            "location": row.location,
            "key_url": _url(current, f"/keys/{row.key_id}") if row.key_id is not None else None,
            "build": _build(current, row.build, nested=True),
        }
    )


def artifact(row: db.Artifact, *, nested: bool = False) -> Rendered:
    current = _current()
    fields: Json = {
        "id": row.id,
        "build_id": row.build_id,
        "job_id": row.job_id,
        "source": row.source,
        "name": row.name,
        "size": row.size,
        "md5": row.md5,
        "sha256": row.sha256,
        "created_at": _time(row.created_at),
        "deleted_at": _time_or_none(row.deleted_at),
        "url": _build_urls(current, row.build).named("/artifacts", row.name),
    }
    if not nested:
        fields["user"] = _user(row.user)
        fields["build"] = _build(current, row.build, nested=True)
        fields["job"] = _job(current, row.job, nested=True)
    return _rendered(fields)


def tag(row: db.BuildTag) -> Rendered:
    current = _current()
    return _rendered(
        {
            "user_id": row.user_id,
            "build_id": row.build_id,
            "name": row.name,
            "created_at": _time(row.created_at),
            "url": _build_urls(current, row.build).named("/tags", row.name),
            "user": _user(row.user),
            "build": _build(current, row.build, nested=True),
        }
    )


def cron(row: db.Cron, *, nested: bool = False) -> Rendered:
    current = _current()
    fields: Json = {
        "id": row.id,
        "author_id": row.author_id,
        "user_id": row.user_id,
        "namespace_id": row.namespace_id,
        "name": row.name,
        "schedule": row.schedule,
        "manifest": row.manifest,
        "prev_run": _time_or_none(row.prev_run),
        "next_run": _time(row.next_run),
        "created_at": _time(row.created_at),
        "url": _url(current, f"/cron/{row.id}"),
    }
    return _rendered(_owned(current, row, fields, nested=nested))


# ------------------------------------------------------------- OAuth


def oauth_app(row: db.OAuthApp) -> Rendered:
    return _rendered(_oauth_app_fields(row))


def oauth_app_with_secret(row: db.OAuthApp, secret: str) -> Rendered:
    """An app as it is registered: the only time its client secret is shown."""
    fields = _oauth_app_fields(row)
    fields["client_secret"] = secret
    return _rendered(fields)


def _oauth_app_fields(row: db.OAuthApp) -> Json:
    return {
        "id": row.id,
        "client_id": row.client_id,
        "name": row.name,
        "description": row.description,
        "homepage_uri": row.homepage_uri,
        "redirect_uri": row.redirect_uri,
        "created_at": _time(row.created_at),
        "url": _url(_current(), f"/user/apps/{row.client_id}"),
    }


def authorization(token: db.Token) -> Rendered:
    """A token the user granted to an app."""
    if token.app is None:
        raise ValueError(f"token {token.id} was not granted to an app")
    return _rendered(
        {
            "id": token.id,
            "app_name": token.app.name,
            "client_id": token.app.client_id,
            "scope": token.scope,
            "created_at": _time(token.created_at),
            "url": _url(_current(), f"/user/authorizations/{token.id}"),
        }
    )
