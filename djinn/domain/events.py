"""Webhook events (BEHAVIOUR.md §6): what happened, emitted inside the
transaction that made it happen, delivered in the background after commit.

`emit` finds the namespace's active hooks that want the event, renders the
payload once to the exact body every hook receives, and queues one
`djinn.domain.webhooks.deliver` task per hook for when the transaction commits (a
rollback sends nothing). Nothing is rendered when no hook wants the event.
The functions below it give each event its payload shape; callers emit
where the change is committed: the handler of the API operation, or, for
builds, `djinn.domain.builds.submit` (API and cron) and the worker.

Payloads are the API's entities, from djinn.domain.entities (the one
serializer per entity), rendered with the runtime's base URL and the
session of the change.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from djinn.domain import namespaces, webhooks
from djinn.infra import tasks
from djinn.infra.db.models import (
    Build,
    BuildTag,
    Cron,
    Image,
    Invite,
    Key,
    Namespace,
    Object,
    User,
    Variable,
    Webhook,
)
from djinn.infra.runtime import Runtime

if TYPE_CHECKING:
    from pydantic import BaseModel

    from djinn.domain import entities
else:

    class _Entities:
        """djinn.domain.entities, imported when a payload is first rendered
        (a hook wants an event): it loads every generated pydantic model,
        which the embedded worker process, emitting build.started and
        build.finished mostly to no hook, otherwise never needs. A deferred
        heavy import, not a hidden cycle: entities does not import events."""

        def __getattr__(self, name: str) -> Any:
            from djinn.domain import entities

            return getattr(entities, name)

    entities = _Entities()

BUILD_SUBMITTED = "build.submitted"
BUILD_STARTED = "build.started"
BUILD_FINISHED = "build.finished"
BUILD_TAGGED = "build.tagged"
BUILD_PINNED = "build.pinned"
BUILD_UNPINNED = "build.unpinned"
INVITE_SENT = "invite.sent"
INVITE_ACCEPTED = "invite.accepted"
INVITE_REJECTED = "invite.rejected"
NAMESPACES = "namespaces"
CRON = "cron"
IMAGES = "images"
OBJECTS = "objects"
VARIABLES = "variables"
SSH_KEYS = "ssh_keys"

# The `action` of a resource event.
CREATED = "created"
UPDATED = "updated"
DELETED = "deleted"


def hooks_for(session: Session, event: str, namespace_ids: Iterable[int | None]) -> list[Webhook]:
    """The active hooks of these namespaces that want `event` (no events listed: all of them)."""
    ids = [i for i in dict.fromkeys(namespace_ids) if i is not None]
    if not ids:
        return []
    rows = session.execute(
        select(Webhook).where(Webhook.namespace_id.in_(ids), Webhook.active.is_(True)).order_by(Webhook.id)
    ).scalars()
    return [hook for hook in rows if not hook.events or event in hook.events]


def emit(
    session: Session,
    runtime: Runtime | None,
    event: str,
    namespace_id: int | Iterable[int | None] | None,
    payload: dict[str, Any] | Callable[[], dict[str, Any]],
    *,
    vanishing: bool = False,
) -> int:
    """Deliver `event` to the hooks of the namespace (or namespaces) once
    `session` commits. `payload` is the JSON object, or a function returning
    it, called only when some hook wants the event. `vanishing`: the hooks
    are deleted by this very change (a namespace's deletion), so each
    delivery carries what it needs of its hook. Returns the number of
    deliveries queued."""
    if runtime is None or runtime.tasks is None or namespace_id is None:
        return 0
    ids = [namespace_id] if isinstance(namespace_id, int) else list(namespace_id)
    hooks = hooks_for(session, event, ids)
    if not hooks:
        return 0
    if callable(payload):
        with entities.rendering(runtime.config.base_url, session):
            payload = payload()
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    for hook in hooks:
        if vanishing and not namespaces.works_in(session, hook.namespace, hook.author_id):
            continue  # no hook will be left to check this, nor to record why it got nothing
        extra = (webhooks.snapshot(hook),) if vanishing else ()
        tasks.after_commit(session, runtime.tasks, webhooks.deliver, hook.id, event, body, 1, *extra)
    return len(hooks)


# ------------------------------------------------------------------ builds


_UNKNOWN = object()


def build_event(
    session: Session,
    runtime: Runtime | None,
    event: str,
    build_id: int,
    *,
    namespace_id: int | None | object = _UNKNOWN,
) -> None:
    """build.submitted, started, finished, pinned, unpinned: the Build entity.
    A caller that knows the build's `namespace_id` saves loading a build
    that is in none (no namespace: no hooks)."""
    if namespace_id is None:
        return
    build = session.get(Build, build_id)
    if build is None or build.namespace_id is None:
        return
    emit(session, runtime, event, build.namespace_id, lambda: entities.dump(entities.build(build)))


def build_tagged(
    session: Session, runtime: Runtime | None, build: Build, user_id: int, tags: Sequence[BuildTag]
) -> None:
    """build.tagged: {build, tags: [{name, url}], url (the build's tags), user (who tagged)}."""
    if not tags:
        return

    def payload() -> dict[str, Any]:
        return {
            "build": entities.dump(entities.build(build)),
            "tags": [{"name": t.name, "url": entities.dump(entities.tag(t))["url"]} for t in tags],
            "url": entities.build_url(build, "/tags"),
            "user": entities.dump(entities.user(session.get_one(User, user_id))),
        }

    emit(session, runtime, BUILD_TAGGED, build.namespace_id, payload)


# ------------------------------------------------------------------ invites


def invite_event(session: Session, runtime: Runtime | None, event: str, invite: Invite) -> None:
    """invite.sent: {invitee, inviter, namespace}; invite.accepted and
    invite.rejected: {invitee, namespace}. Invites live on root namespaces."""

    def payload() -> dict[str, Any]:
        body = entities.dump(entities.accepted_invite(invite))
        if event != INVITE_SENT:
            body.pop("inviter", None)
        return body

    emit(session, runtime, event, invite.namespace_id, payload)


# ------------------------------------------------------------------ resources


# A resource row: its event's serializer takes it.
ResourceRow = Namespace | Cron | Image | Object | Variable | Key


def _resource_kinds() -> dict[str, tuple[str, Callable[[Any], BaseModel]]]:
    """Per event, the payload's key for the entity and its serializer (which
    takes the row of that event's resource)."""
    return {
        NAMESPACES: ("namespace", entities.namespace),
        CRON: ("cron", entities.cron),
        IMAGES: ("image", lambda row: entities.image(row, row.download)),
        OBJECTS: ("object", entities.object_),
        VARIABLES: ("variable", entities.variable),
        SSH_KEYS: ("key", entities.key),
    }


def resource_event(
    session: Session, runtime: Runtime | None, event: str, action: str, row: ResourceRow
) -> None:
    """namespaces, cron, images, objects, variables, ssh_keys: {action, <resource>: entity}.

    Emit `deleted` before the row is deleted (its entity is rendered then).
    A resource outside any namespace has no hooks. A namespace's events go to
    its own hooks and, for a child, to its parent's too (a namespace has no
    hooks yet when it is created); its `deleted` still reaches the hooks it
    had, which go with it.
    """
    if event == NAMESPACES:
        assert isinstance(row, Namespace)
        namespace_ids: list[int | None] = [row.id, row.parent_id]
    else:
        assert not isinstance(row, Namespace)
        namespace_ids = [row.namespace_id]
    key, serialize = _resource_kinds()[event]
    emit(
        session,
        runtime,
        event,
        namespace_ids,
        lambda: {"action": action, key: entities.dump(serialize(row))},
        vanishing=event == NAMESPACES and action == DELETED,
    )
