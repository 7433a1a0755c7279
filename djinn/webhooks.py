"""Namespace webhooks: where events are posted. The secret is stored
encrypted and never returned; deliveries are recorded per attempt."""

from __future__ import annotations

import urllib.parse

from sqlalchemy import select
from sqlalchemy.orm import Session

from djinn.auth.tokens import Caller
from djinn.crypto import SecretBox
from djinn.db.models import Namespace, Webhook, WebhookDelivery
from djinn.errors import Errors, NotFound

SECRET_CONTEXT = "webhook.secret"


def _check_url(errors: Errors, url: str, ssl: bool) -> None:
    parts = urllib.parse.urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        errors.add("payload_url", "Payload URL must be an absolute http or https URL")
    elif ssl and parts.scheme != "https":
        errors.add("payload_url", "Payload URL must use https when ssl is true")
    if parts.fragment:
        errors.add("payload_url", "Payload URL cannot have a fragment")


def create(session: Session, box: SecretBox, namespace: Namespace, author: Caller, body: dict) -> Webhook:
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


def update(session: Session, box: SecretBox, hook: Webhook, body: dict) -> Webhook:
    """Omitted fields stay as they are (the Go client sends "" and null for them)."""
    url = body.get("payload_url") or hook.payload_url
    ssl = hook.ssl if body.get("ssl") is None else bool(body["ssl"])
    errors = Errors()
    _check_url(errors, url, ssl)
    errors.raise_if_any()
    hook.payload_url, hook.ssl = url, ssl
    if body.get("active") is not None:
        hook.active = bool(body["active"])
    if body.get("events") is not None:
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
        session.execute(select(Webhook).where(Webhook.namespace_id == namespace.id).order_by(Webhook.id)).scalars()
    )


def last_delivery(session: Session, hook: Webhook) -> WebhookDelivery | None:
    return session.execute(
        select(WebhookDelivery)
        .where(WebhookDelivery.webhook_id == hook.id)
        .order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id.desc())
        .limit(1)
    ).scalar_one_or_none()
