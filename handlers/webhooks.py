"""Webhooks of a namespace: managed by those who work in it."""

from djinn.api import web
from djinn.domain import entities, namespaces, webhooks
from djinn.infra.db.models import Webhook
from generated import models
from handlers import Entities, Entity, JsonObject, NoContent


def _entity(hook: Webhook) -> models.Webhook:
    return entities.webhook(hook, webhooks.last_delivery(web.db(), hook))


def list_webhooks(username: str, path: str) -> Entities:
    namespace = namespaces.load_for_members(web.db(), username, path, web.caller())
    hooks = webhooks.for_namespace(web.db(), namespace)
    last = webhooks.last_deliveries(web.db(), hooks)
    return entities.dump_all(entities.webhook(h, last.get(h.id)) for h in hooks), 200


def create_webhook(username: str, path: str, body: JsonObject) -> Entity:
    session, caller = web.db(), web.require_caller()
    namespace = namespaces.load_for_work(session, username, path, caller)
    hook = webhooks.create(session, web.box(), namespace, caller, body)
    session.commit()
    return entities.dump(_entity(hook)), 201


def get_webhook(username: str, path: str, id: int) -> Entity:
    namespace = namespaces.load_for_members(web.db(), username, path, web.caller())
    return entities.dump(_entity(webhooks.load(web.db(), namespace, id))), 200


def update_webhook(username: str, path: str, id: int, body: JsonObject | None = None) -> Entity:
    session = web.db()
    namespace = namespaces.load_for_work(session, username, path, web.caller())
    hook = webhooks.update(session, web.box(), webhooks.load(session, namespace, id), body or {})
    session.commit()
    return entities.dump(_entity(hook)), 200


def delete_webhook(username: str, path: str, id: int) -> NoContent:
    session = web.db()
    namespace = namespaces.load_for_work(session, username, path, web.caller())
    session.delete(webhooks.load(session, namespace, id))
    session.commit()
    return None, 204
