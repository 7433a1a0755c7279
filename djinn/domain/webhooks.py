"""Namespace webhooks: where events are posted. The secret is stored
encrypted and never returned; deliveries are recorded per attempt.

`deliver` is the background task djinn.domain.events queues per hook and event:
it POSTs the exact body through the outbound guard, signs it when the hook
has a secret, records the attempt, and retries a failure later.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import time
from typing import TYPE_CHECKING, Any, TypedDict

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from djinn.domain import namespaces
from djinn.domain.auth.tokens import Caller
from djinn.infra import tasks, urls
from djinn.infra.crypto import SecretBox
from djinn.infra.db.models import Namespace, Webhook, WebhookDelivery
from djinn.infra.errors import Errors, NotFound
from djinn.infra.netguard import Guard, Refused
from djinn.infra.runtime import Runtime

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

SECRET_CONTEXT = "webhook.secret"
USER_AGENT = "Djinn-CI-Hook"
# The part of a receiver's answer kept with the delivery.
RESPONSE_KEPT = 4096


def _check_url(errors: Errors, url: str, ssl: bool) -> None:
    found = urls.problems(url or "", "Payload URL")
    if not found and ssl and not url.lower().startswith("https:"):
        found.append("Payload URL must use https when ssl is true")
    for message in found:
        errors.add("payload_url", message)


def create(
    session: Session, box: SecretBox, namespace: Namespace, author: Caller, body: dict[str, Any]
) -> Webhook:
    errors = Errors()
    ssl = bool(body.get("ssl"))
    _check_url(errors, body.get("payload_url") or "", ssl)
    errors.raise_if_any()
    hook = Webhook(
        author_id=author.user_id,
        user_id=namespace.user_id,
        namespace_id=namespace.id,
        payload_url=body["payload_url"],
        secret_encrypted=box.encrypt(body["secret"], context=SECRET_CONTEXT) if body.get("secret") else None,
        ssl=ssl,
        active=body.get("active", True) is not False,
        events=sorted(set(body.get("events") or [])),
    )
    session.add(hook)
    session.flush()
    return hook


def update(session: Session, box: SecretBox, hook: Webhook, body: dict[str, Any]) -> Webhook:
    """Omitted fields stay as they are, and so do "", null and [] (the Go
    client sends every field, the ones it does not set as zero values)."""
    url = body.get("payload_url") or hook.payload_url
    ssl = hook.ssl if body.get("ssl") is None else bool(body["ssl"])
    errors = Errors()
    _check_url(errors, url, ssl)
    errors.raise_if_any()
    hook.payload_url, hook.ssl = url, ssl
    if body.get("active") is not None:
        hook.active = bool(body["active"])
    if body.get("events"):  # null and [] keep them, as "" keeps the other fields
        hook.events = sorted(set(body["events"]))
    if body.get("remove_secret"):
        hook.secret_encrypted = None
    elif body.get("secret"):
        hook.secret_encrypted = box.encrypt(body["secret"], context=SECRET_CONTEXT)
    session.flush()
    return hook


def load(session: Session, namespace: Namespace, hook_id: int) -> Webhook:
    hook = session.get(Webhook, hook_id)
    if hook is None or hook.namespace_id != namespace.id:
        raise NotFound()
    return hook


def for_namespace(session: Session, namespace: Namespace) -> list[Webhook]:
    return list(
        session.execute(
            select(Webhook).where(Webhook.namespace_id == namespace.id).order_by(Webhook.id)
        ).scalars()
    )


def last_delivery(session: Session, hook: Webhook) -> WebhookDelivery | None:
    return session.execute(
        select(WebhookDelivery)
        .where(WebhookDelivery.webhook_id == hook.id)
        .order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def last_deliveries(session: Session, hooks: list[Webhook]) -> dict[int, WebhookDelivery]:
    """The last delivery of each of `hooks` that has one, by webhook id, in
    one query (what `last_delivery` is for one hook)."""
    if not hooks:
        return {}
    rank = (
        func.row_number()
        .over(
            partition_by=WebhookDelivery.webhook_id,
            order_by=(WebhookDelivery.created_at.desc(), WebhookDelivery.id.desc()),
        )
        .label("rank")
    )
    ranked = (
        select(WebhookDelivery.id, rank)
        .where(WebhookDelivery.webhook_id.in_({hook.id for hook in hooks}))
        .subquery()
    )
    rows = session.execute(
        select(WebhookDelivery).join(ranked, ranked.c.id == WebhookDelivery.id).where(ranked.c.rank == 1)
    ).scalars()
    return {row.webhook_id: row for row in rows}


# ------------------------------------------------------------------ delivery


def signature(secret: str, body: bytes) -> str:
    """The X-Djinn-CI-Signature of `body`: sha256=<hex HMAC-SHA256 with the secret>."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def _read_some(response: httpx.Response, deadline: float) -> bytes:
    """The start of the answer, at most RESPONSE_KEPT bytes, read until the deadline."""
    kept = b""
    for chunk in response.iter_bytes():
        kept += chunk
        if len(kept) >= RESPONSE_KEPT or time.monotonic() > deadline:
            break
    return kept[:RESPONSE_KEPT]


def author_gone(hook: Webhook) -> str:
    return (
        f"Not delivered: {hook.author.username}, who made this webhook, can no longer work in this namespace"
    )


class Snapshot(TypedDict):
    """A hook being deleted, as its deliveries carry it (see `snapshot`)."""

    payload_url: str
    secret: str | None  # base64 of the encrypted secret


def snapshot(hook: Webhook) -> Snapshot:
    """What a delivery needs of a hook that is being deleted (with its
    namespace): its URL and its secret, still encrypted."""
    secret = base64.b64encode(hook.secret_encrypted).decode("ascii") if hook.secret_encrypted else None
    return {"payload_url": hook.payload_url, "secret": secret}


@tasks.task
def deliver(
    runtime: Runtime, hook_id: int, event: str, body: str, attempt: int, gone: Snapshot | None = None
) -> None:
    """POST `body` to the hook as `event`: attempt number `attempt`. A 2xx
    answer is a delivery; anything else is tried again after a delay that
    doubles each time, up to the configured number of attempts, except a
    URL the guard refuses. Every attempt is recorded.

    A hook that was deleted or made inactive since gets nothing, unless the
    event is its namespace's deletion: then `gone` (see `snapshot`) says
    where to deliver, and there is no hook left to record the attempts on.
    A hook whose author no longer works in its namespace (a collaborator
    removed) gets nothing either: the attempt is recorded, saying why."""
    config = runtime.config
    with runtime.db.transaction() as session:
        hook = session.get(Webhook, hook_id)
        if hook is not None:
            if not hook.active:
                return
            if not namespaces.works_in(session, hook.namespace, hook.author_id):
                session.add(
                    WebhookDelivery(
                        webhook_id=hook_id,
                        event=event,
                        payload=body,
                        response_code=None,
                        duration_ns=0,
                        error=author_gone(hook),
                        attempt=attempt,
                    )
                )
                return
            url, sealed = hook.payload_url, hook.secret_encrypted
        elif gone is not None:
            url, sealed = gone["payload_url"], base64.b64decode(gone["secret"]) if gone["secret"] else None
        else:
            return
    secret = runtime.box.decrypt(sealed, context=SECRET_CONTEXT) if sealed else None
    content = body.encode("utf-8")
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "X-Djinn-CI-Event": event,
        "X-Djinn-CI-Hook-ID": str(hook_id),
    }
    if secret:
        headers["X-Djinn-CI-Signature"] = signature(secret, content)

    # Deferred: httpx is loaded by the first delivery or download, not by every
    # process that imports this module for its tasks (the embedded worker).
    import httpx

    code = answer = error = None
    retry = True
    started, clock = time.perf_counter_ns(), time.monotonic()
    try:
        with Guard(config.download_allow, timeout=config.webhook_timeout).post(
            url, content, headers
        ) as response:
            code = response.status_code
            answer = _read_some(response, clock + config.webhook_timeout).decode("utf-8", errors="replace")
    except Refused as e:
        error, retry = str(e), False
    except httpx.TimeoutException:
        error = f"No answer within {config.webhook_timeout:g} seconds"
    except httpx.HTTPError as e:
        error = f"Delivery failed: {e}"
    except Exception:
        log.exception("delivering %s to webhook %s failed", event, hook_id)
        error = "Delivery failed: internal error"
    duration = time.perf_counter_ns() - started
    delivered = code is not None and 200 <= code < 300

    try:
        with runtime.db.transaction() as session:
            if session.get(Webhook, hook_id) is not None:
                session.add(
                    WebhookDelivery(
                        webhook_id=hook_id,
                        event=event,
                        payload=body,
                        response_code=code,
                        response_body=answer,
                        duration_ns=duration,
                        error=error,
                        attempt=attempt,
                    )
                )
            elif gone is None:  # deleted meanwhile
                return
    except IntegrityError:  # deleted while this was recorded
        return
    if not delivered and retry and attempt < config.webhook_attempts:
        delay = config.webhook_backoff * 2 ** (attempt - 1)
        extra = (gone,) if gone is not None else ()
        assert runtime.tasks is not None  # whoever queued this task gave the runtime its tasks
        runtime.tasks.submit(deliver, hook_id, event, body, attempt + 1, *extra, delay=delay)
