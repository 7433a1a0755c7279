"""Variables: /variables and /variables/{id}."""

from djinn.api import web
from djinn.domain import entities, events, variables
from handlers import Entity, EntityPage, JsonObject, NoContent


def list_variables(page: int = 1, search: str | None = None, cursor: str | None = None) -> EntityPage:
    result = web.paginate(variables.accessible(web.require_caller(), search), page, cursor)
    return entities.dump_all(entities.variable(v) for v in result.items), 200, result.link_header()


def create_variable(body: JsonObject) -> Entity:
    session = web.db()
    variable = variables.create(session, web.box(), web.require_caller(), body)
    events.resource_event(session, web.state(), events.VARIABLES, events.CREATED, variable)
    session.commit()
    return entities.dump(entities.variable(variable)), 201


def get_variable(id: int) -> Entity:
    return entities.dump(entities.variable(variables.load(web.db(), web.require_caller(), id))), 200


def delete_variable(id: int) -> NoContent:
    session = web.db()
    variable = variables.load(session, web.require_caller(), id)
    events.resource_event(session, web.state(), events.VARIABLES, events.DELETED, variable)
    variables.delete(session, variable)
    session.commit()
    return None, 204
