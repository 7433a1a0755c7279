"""SSH keys: /keys and /keys/{id}. The private key is never returned."""

from djinn.api import web
from djinn.domain import entities, events, keys
from handlers import Entity, EntityPage, JsonObject, NoContent


def list_keys(page: int = 1, search: str | None = None, cursor: str | None = None) -> EntityPage:
    result = web.paginate(keys.accessible(web.require_caller(), search), page, cursor)
    return entities.dump_all(entities.key(k) for k in result.items), 200, result.link_header()


def create_key(body: JsonObject) -> Entity:
    session = web.db()
    key = keys.create(session, web.box(), web.require_caller(), body)
    events.resource_event(session, web.state(), events.SSH_KEYS, events.CREATED, key)
    session.commit()
    return entities.dump(entities.key(key)), 201


def get_key(id: int) -> Entity:
    return entities.dump(entities.key(keys.load(web.db(), web.require_caller(), id))), 200


def update_key(id: int, body: JsonObject | None = None) -> Entity:
    session, caller = web.db(), web.require_caller()
    key = keys.update(session, caller, keys.load(session, caller, id), body or {})
    events.resource_event(session, web.state(), events.SSH_KEYS, events.UPDATED, key)
    session.commit()
    return entities.dump(entities.key(key)), 200


def delete_key(id: int) -> NoContent:
    session = web.db()
    key = keys.load(session, web.require_caller(), id)
    events.resource_event(session, web.state(), events.SSH_KEYS, events.DELETED, key)
    keys.delete(session, key)
    session.commit()
    return None, 204
