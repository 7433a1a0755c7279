"""Webhooks of a namespace: managed by those who work in it."""

from djinn.api import web
from djinn.domain import entities, namespaces, webhooks


def _entity(hook):
    return entities.webhook(hook, webhooks.last_delivery(web.db(), hook))


def list_webhooks(username, path):
    namespace = namespaces.load_for_members(web.db(), username, path, web.caller())
    return entities.dump_all(_entity(h) for h in webhooks.for_namespace(web.db(), namespace)), 200


def create_webhook(username, path, body):
    session, caller = web.db(), web.require_caller()
    namespace = namespaces.load_for_work(session, username, path, caller)
    hook = webhooks.create(session, web.box(), namespace, caller, body)
    session.commit()
    return entities.dump(_entity(hook)), 201


def get_webhook(username, path, id):
    namespace = namespaces.load_for_members(web.db(), username, path, web.caller())
    return entities.dump(_entity(webhooks.load(web.db(), namespace, id))), 200


def update_webhook(username, path, id, body=None):
    session = web.db()
    namespace = namespaces.load_for_work(session, username, path, web.caller())
    hook = webhooks.update(session, web.box(), webhooks.load(session, namespace, id), body or {})
    session.commit()
    return entities.dump(_entity(hook)), 200


def delete_webhook(username, path, id):
    session = web.db()
    namespace = namespaces.load_for_work(session, username, path, web.caller())
    session.delete(webhooks.load(session, namespace, id))
    session.commit()
    return None, 204
