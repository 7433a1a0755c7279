"""Cron schedules: /cron and /cron/{id}."""

from djinn.api import web
from djinn.domain import cron, entities, events
from handlers import Entity, EntityPage, JsonObject, NoContent


def list_cron(page: int = 1, search: str | None = None, cursor: str | None = None) -> EntityPage:
    result = web.paginate(cron.accessible(web.require_caller(), search), page, cursor)
    return entities.dump_all(entities.cron(c) for c in result.items), 200, result.link_header()


def create_cron(body: JsonObject) -> Entity:
    session = web.db()
    created = cron.create(session, web.require_caller(), body, enabled_drivers=web.state().config.drivers)
    events.resource_event(session, web.state(), events.CRON, events.CREATED, created)
    session.commit()
    return entities.dump(entities.cron(created)), 201


def get_cron(id: int) -> Entity:
    return entities.dump(entities.cron(cron.load(web.db(), web.require_caller(), id))), 200


def update_cron(id: int, body: JsonObject | None = None) -> Entity:
    session, caller = web.db(), web.require_caller()
    updated = cron.update(
        session,
        caller,
        cron.load(session, caller, id),
        body or {},
        enabled_drivers=web.state().config.drivers,
    )
    events.resource_event(session, web.state(), events.CRON, events.UPDATED, updated)
    session.commit()
    return entities.dump(entities.cron(updated)), 200


def delete_cron(id: int) -> NoContent:
    session = web.db()
    schedule = cron.load(session, web.require_caller(), id)
    events.resource_event(session, web.state(), events.CRON, events.DELETED, schedule)
    session.delete(schedule)
    session.commit()
    return None, 204


def list_cron_builds(
    id: int,
    page: int = 1,
    tag: str | None = None,
    search: str | None = None,
    status: str | None = None,
    cursor: str | None = None,
) -> EntityPage:
    schedule = cron.load(web.db(), web.require_caller(), id)
    result = web.paginate(
        cron.builds_of(schedule, tag=tag, search=search, status=status), page, cursor, cursor_links=True
    )
    return entities.dump_all(entities.build(b) for b in result.items), 200, result.link_header()
