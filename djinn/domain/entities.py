"""The one serializer per entity: database rows -> the generated models of the
OpenAPI document -> JSON. Nested entities go one level deep: a nested
entity carries no nested entities of its own, but for a nested namespace's
owner `user`, which clients dereference without a nil check.

The same entities are the API's responses and the webhook payloads, so they
live here, below both: they need only the public base URL and a database
session, which whoever renders them provides with `rendering()` (the API for
each request, djinn.domain.events for a payload).
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from djinn.domain.namespaces import latest_build
from djinn.infra.db import models as db
from generated import models

MASK = "xxxxxx"


@dataclasses.dataclass(frozen=True)
class Rendering:
    """What entities are rendered with: the public base URL of the API and
    the database session (a function, so that a request opens none unless
    an entity needs one)."""

    base_url: str
    session: Callable[[], Session]


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
    return _rendering.set(Rendering(base_url=base_url, session=opener))


def end_rendering(token: contextvars.Token[Rendering | None]) -> None:
    _rendering.reset(token)


def _current() -> Rendering:
    current = _rendering.get()
    if current is None:
        raise RuntimeError("an entity was rendered outside entities.rendering()")
    return current


def url(path: str) -> str:
    """An absolute API URL."""
    return _current().base_url + path


def dump(entity: BaseModel) -> dict[str, Any]:
    """JSON-ready dict of a generated model; optional nested entities that
    were not given are left out rather than sent as null."""
    return entity.model_dump(mode="json", exclude_unset=True)


def dump_all(entities: Iterable[BaseModel]) -> list[dict[str, Any]]:
    return [dump(e) for e in entities]


def user(row: db.User) -> models.User:
    return models.User(id=row.id, email=row.email, username=row.username, created_at=row.created_at)


def namespace_url(row: db.Namespace, suffix: str = "") -> str:
    return url(f"/n/{row.user.username}/{row.path}{suffix}")


def namespace(row: db.Namespace, *, nested: bool = False) -> models.Namespace:
    fields: dict[str, Any] = {
        "id": row.id,
        "user_id": row.user_id,
        "root_id": row.root_id,
        "parent_id": row.parent_id,
        "name": row.name,
        "path": row.path,
        "description": row.description,
        "visibility": row.visibility,
        "created_at": row.created_at,
        "url": namespace_url(row),
        "builds_url": namespace_url(row, "/-/builds"),
        "namespaces_url": namespace_url(row, "/-/namespaces"),
        "images_url": namespace_url(row, "/-/images"),
        "objects_url": namespace_url(row, "/-/objects"),
        "variables_url": namespace_url(row, "/-/variables"),
        "keys_url": namespace_url(row, "/-/keys"),
        "collaborators_url": namespace_url(row, "/-/collaborators"),
        "webhooks_url": namespace_url(row, "/-/webhooks"),
        "invites_url": namespace_url(row, "/-/invites"),
        # Always, also nested: clients dereference `namespace.user` without a nil check.
        "user": user(row.user),
    }
    if not nested:
        if row.parent is not None:
            fields["parent"] = namespace(row.parent, nested=True)
        last = latest_build(_current().session(), row)
        if last is not None:
            fields["build"] = build(last, nested=True)
    return models.Namespace(**fields)


def build_url(row: db.Build, suffix: str = "") -> str:
    return url(f"/b/{row.user.username}/{row.number}{suffix}")


def build(row: db.Build, *, nested: bool = False) -> models.Build:
    fields: dict[str, Any] = {
        "id": row.id,
        "user_id": row.user_id,
        "namespace_id": row.namespace_id,
        "number": row.number,
        "manifest": row.manifest,
        "status": row.status,
        "output": row.output,
        "tags": [tag.name for tag in row.tags],
        "pinned": row.pinned,
        "created_at": row.created_at,
        "started_at": row.started_at,
        "finished_at": row.finished_at,
        "url": build_url(row),
        "objects_url": build_url(row, "/objects"),
        "variables_url": build_url(row, "/variables"),
        "jobs_url": build_url(row, "/jobs"),
        "artifacts_url": build_url(row, "/artifacts"),
        "tags_url": build_url(row, "/tags"),
        "trigger": models.Trigger(
            type=row.trigger_type, comment=row.trigger_comment, data=row.trigger_data or {}
        ),
    }
    if not nested:
        fields["user"] = user(row.user)
        if row.namespace is not None:
            fields["namespace"] = namespace(row.namespace, nested=True)
    return models.Build(**fields)


# The resources with an author, an owner and maybe a namespace.
Owned = db.Image | db.Object | db.Variable | db.Key | db.Cron


def _owned(row: Owned, *, nested: bool) -> dict[str, Any]:
    """The author/user/namespace triple shared by resources."""
    if nested:
        return {}
    fields: dict[str, Any] = {"author": user(row.author), "user": user(row.user)}
    if row.namespace is not None:
        fields["namespace"] = namespace(row.namespace, nested=True)
    return fields


def image(row: db.Image, download: db.ImageDownload | None = None, *, nested: bool = False) -> models.Image:
    fields = dict(
        id=row.id,
        author_id=row.author_id,
        user_id=row.user_id,
        namespace_id=row.namespace_id,
        driver=row.driver,
        name=row.name,
        created_at=row.created_at,
        url=url(f"/images/{row.id}"),
        **_owned(row, nested=nested),
    )
    if download is not None:
        fields["download"] = models.ImageDownload(
            source=download.source,
            error=download.error,
            created_at=download.created_at,
            started_at=download.started_at,
            finished_at=download.finished_at,
        )
    return models.Image(**fields)


def object_(row: db.Object, *, nested: bool = False) -> models.Object:
    return models.Object(
        id=row.id,
        author_id=row.author_id,
        user_id=row.user_id,
        namespace_id=row.namespace_id,
        name=row.name,
        type=row.type,
        size=row.size,
        md5=row.md5,
        sha256=row.sha256,
        created_at=row.created_at,
        url=url(f"/objects/{row.id}"),
        builds_url=url(f"/objects/{row.id}/builds"),
        **_owned(row, nested=nested),
    )


def variable(row: db.Variable, *, nested: bool = False) -> models.Variable:
    return models.Variable(
        id=row.id,
        author_id=row.author_id,
        user_id=row.user_id,
        namespace_id=row.namespace_id,
        key=row.key,
        value=MASK if row.masked else row.value,
        masked=row.masked,
        created_at=row.created_at,
        url=url(f"/variables/{row.id}"),
        **_owned(row, nested=nested),
    )


def key(row: db.Key, *, nested: bool = False) -> models.Key:
    return models.Key(
        id=row.id,
        author_id=row.author_id,
        user_id=row.user_id,
        namespace_id=row.namespace_id,
        name=row.name,
        config=row.config,
        created_at=row.created_at,
        updated_at=row.updated_at,
        url=url(f"/keys/{row.id}"),
        **_owned(row, nested=nested),
    )


def collaborator(collaboration: db.Collaborator, member: db.User, *, show_email: bool) -> models.Collaborator:
    return models.Collaborator(
        id=member.id,
        email=member.email if show_email else "",
        username=member.username,
        created_at=collaboration.created_at,
        url=namespace_url(collaboration.namespace, f"/-/collaborators/{member.username}"),
    )


def invite(row: db.Invite) -> models.Invite:
    return models.Invite(
        id=row.id,
        namespace_id=row.namespace_id,
        invitee_id=row.invitee_id,
        inviter_id=row.inviter_id,
        url=url(f"/invites/{row.id}"),
        invitee=user(row.invitee),
        inviter=user(row.inviter),
        namespace=namespace(row.namespace, nested=True),
    )


def accepted_invite(row: db.Invite) -> models.AcceptedInvite:
    return models.AcceptedInvite(
        invitee=user(row.invitee), inviter=user(row.inviter), namespace=namespace(row.namespace, nested=True)
    )


def webhook(row: db.Webhook, last: db.WebhookDelivery | None) -> models.Webhook:
    fields: dict[str, Any] = {
        "id": row.id,
        "author_id": row.author_id,
        "user_id": row.user_id,
        "namespace_id": row.namespace_id,
        "payload_url": row.payload_url,
        "ssl": row.ssl,
        "active": row.active,
        "events": list(row.events or []),
        "url": namespace_url(row.namespace, f"/-/webhooks/{row.id}"),
        "namespace": namespace(row.namespace, nested=True),
    }
    if last is not None:
        fields["last_response"] = models.WebhookResponse(
            code=last.response_code or 0,
            duration=last.duration_ns or 0,
            error=last.error,
            created_at=last.created_at,
        )
    return models.Webhook(**fields)


# ------------------------------------------------------------- a build's parts


def _quoted(name: str) -> str:
    return urllib.parse.quote(name, safe="")


def job(row: db.Job, *, nested: bool = False) -> models.Job:
    fields: dict[str, Any] = {
        "id": row.id,
        "build_id": row.build_id,
        "stage": row.stage.name,
        "name": row.name,
        "commands": row.commands,
        "status": row.status,
        "output": row.output,
        "created_at": row.created_at,
        "started_at": row.started_at,
        "finished_at": row.finished_at,
        "url": build_url(row.build, f"/jobs/{_quoted(row.name)}"),
    }
    if not nested:
        fields["build"] = build(row.build, nested=True)
    return models.Job(**fields)


def build_object(row: db.BuildObject) -> models.BuildObject:
    return models.BuildObject(
        id=row.id,
        build_id=row.build_id,
        source=row.source,
        name=row.name,
        type=row.type,
        md5=row.md5,
        sha256=row.sha256,
        placed=row.placed,
        object_url=url(f"/objects/{row.object_id or 0}"),
        build=build(row.build, nested=True),
    )


def build_variable(row: db.BuildVariable) -> models.BuildVariable:
    return models.BuildVariable(
        id=row.id,
        build_id=row.build_id,
        key=row.key,
        value=MASK if row.masked else row.value,
        masked=row.masked,
        variable_url=url(f"/variables/{row.variable_id or 0}"),
        build=build(row.build, nested=True),
    )


def build_key(row: db.BuildKey) -> models.BuildKey:
    return models.BuildKey(
        id=row.id,
        build_id=row.build_id,
        key_id=row.key_id,
        name=row.name,
        location=row.location,
        key_url=url(f"/keys/{row.key_id}") if row.key_id is not None else None,
        build=build(row.build, nested=True),
    )


def artifact(row: db.Artifact, *, nested: bool = False) -> models.Artifact:
    fields: dict[str, Any] = {
        "id": row.id,
        "build_id": row.build_id,
        "job_id": row.job_id,
        "source": row.source,
        "name": row.name,
        "size": row.size,
        "md5": row.md5,
        "sha256": row.sha256,
        "created_at": row.created_at,
        "deleted_at": row.deleted_at,
        "url": build_url(row.build, f"/artifacts/{_quoted(row.name)}"),
    }
    if not nested:
        fields.update(user=user(row.user), build=build(row.build, nested=True), job=job(row.job, nested=True))
    return models.Artifact(**fields)


def tag(row: db.BuildTag) -> models.Tag:
    return models.Tag(
        user_id=row.user_id,
        build_id=row.build_id,
        name=row.name,
        created_at=row.created_at,
        url=build_url(row.build, f"/tags/{_quoted(row.name)}"),
        user=user(row.user),
        build=build(row.build, nested=True),
    )


def cron(row: db.Cron, *, nested: bool = False) -> models.Cron:
    return models.Cron(
        id=row.id,
        author_id=row.author_id,
        user_id=row.user_id,
        namespace_id=row.namespace_id,
        name=row.name,
        schedule=row.schedule,
        manifest=row.manifest,
        prev_run=row.prev_run,
        next_run=row.next_run,
        created_at=row.created_at,
        url=url(f"/cron/{row.id}"),
        **_owned(row, nested=nested),
    )


# ------------------------------------------------------------- OAuth


def oauth_app(row: db.OAuthApp) -> models.OAuthApp:
    return models.OAuthApp(**_oauth_app_fields(row))


def oauth_app_with_secret(row: db.OAuthApp, secret: str) -> models.OAuthAppWithSecret:
    """An app as it is registered: the only time its client secret is shown."""
    return models.OAuthAppWithSecret(**_oauth_app_fields(row), client_secret=secret)


def _oauth_app_fields(row: db.OAuthApp) -> dict[str, Any]:
    return {
        "id": row.id,
        "client_id": row.client_id,
        "name": row.name,
        "description": row.description,
        "homepage_uri": row.homepage_uri,
        "redirect_uri": row.redirect_uri,
        "created_at": row.created_at,
        "url": url(f"/user/apps/{row.client_id}"),
    }


def authorization(token: db.Token) -> models.OAuthAuthorization:
    """A token the user granted to an app."""
    if token.app is None:
        raise ValueError(f"token {token.id} was not granted to an app")
    return models.OAuthAuthorization(
        id=token.id,
        app_name=token.app.name,
        client_id=token.app.client_id,
        scope=token.scope,
        created_at=token.created_at,
        url=url(f"/user/authorizations/{token.id}"),
    )
