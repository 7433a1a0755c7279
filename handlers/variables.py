"""Variables: /variables and /variables/{id}."""

from djinn import variables, web
from handlers import entities


def list_variables(page=1, search=None):
    result = web.paginate(variables.accessible(web.require_caller(), search), page)
    return entities.dump_all(entities.variable(v) for v in result.items), 200, result.link_header()


def create_variable(body):
    session = web.db()
    variable = variables.create(session, web.box(), web.require_caller(), body)
    session.commit()
    return entities.dump(entities.variable(variable)), 201


def get_variable(id):
    return entities.dump(entities.variable(variables.load(web.db(), web.require_caller(), id))), 200


def delete_variable(id):
    session = web.db()
    variables.delete(session, variables.load(session, web.require_caller(), id))
    session.commit()
    return None, 204
