"""Namespaces: /namespaces and /n/{username}/{path} with its lists."""

import flask

from djinn.api import web
from djinn.domain import builds, entities, events, namespaces, resources
from djinn.domain.badges import render_badge
from djinn.infra.db.models import Image, Key, Object, Variable


def list_namespaces(page=1, search=None):
    result = web.paginate(namespaces.owned_or_collaborated(web.db(), web.require_caller(), search), page)
    return entities.dump_all(entities.namespace(ns) for ns in result.items), 200, result.link_header()


def create_namespace(body):
    session = web.db()
    namespace = namespaces.create(
        session,
        web.require_caller(),
        name=body["name"],
        parent=body.get("parent"),
        description=body.get("description"),
        visibility=body.get("visibility"),
    )
    events.resource_event(session, web.state(), events.NAMESPACES, events.CREATED, namespace)
    session.commit()
    return entities.dump(entities.namespace(namespace)), 201


def get_namespace(username, path):
    namespace = namespaces.load_visible(web.db(), username, path, web.caller())
    return entities.dump(entities.namespace(namespace)), 200


def update_namespace(username, path, body=None):
    session = web.db()
    namespace = namespaces.load_for_owner(session, username, path, web.caller())
    body = body or {}
    namespaces.update(
        session, namespace, description=body.get("description"), visibility=body.get("visibility")
    )
    events.resource_event(session, web.state(), events.NAMESPACES, events.UPDATED, namespace)
    session.commit()
    return entities.dump(entities.namespace(namespace)), 200


def delete_namespace(username, path):
    session = web.db()
    namespace = namespaces.load_for_owner(session, username, path, web.caller())
    events.resource_event(session, web.state(), events.NAMESPACES, events.DELETED, namespace)
    resources.delete_namespace(session, namespace, web.store())
    session.commit()
    return None, 204


def get_namespace_badge(username, path):
    # Badges are embedded where no token is sent: public namespaces only.
    namespace = namespaces.load_visible(web.db(), username, path, None)
    last = namespaces.latest_build(web.db(), namespace)
    status = last.status if last is not None else "unknown"
    etag = f'"{status}"'
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if etag in [t.strip() for t in flask.request.headers.get("If-None-Match", "").split(",")]:
        return flask.Response(status=304, headers=headers)
    return flask.Response(render_badge(status), status=200, headers=headers, mimetype=_badge_type())


def _badge_type() -> str:
    """image/svg+xml, or application/octet-stream when `Accept` prefers it."""
    accept = flask.request.accept_mimetypes
    if accept["application/octet-stream"] > accept["image/svg+xml"]:
        return web.OCTET_STREAM
    return "image/svg+xml"


def _list(statement, page, serialize):
    result = web.paginate(statement, page)
    return entities.dump_all(serialize(row) for row in result.items), 200, result.link_header()


def list_namespace_builds(username, path, page=1, tag=None, search=None, status=None):
    namespace = namespaces.load_visible(web.db(), username, path, web.caller())
    return _list(builds.in_namespace(namespace, tag=tag, search=search, status=status), page, entities.build)


def list_namespace_children(username, path, page=1, search=None):
    caller = web.caller()
    namespace = namespaces.load_visible(web.db(), username, path, caller)
    return _list(namespaces.children(namespace, caller, search), page, entities.namespace)


def _resources(model, serialize, username, path, page, search):
    namespace = namespaces.load_visible(web.db(), username, path, web.caller())
    return _list(resources.in_namespace(model, namespace, search), page, serialize)


def list_namespace_images(username, path, page=1, search=None):
    return _resources(Image, entities.image, username, path, page, search)


def list_namespace_objects(username, path, page=1, search=None):
    return _resources(Object, entities.object_, username, path, page, search)


def list_namespace_variables(username, path, page=1, search=None):
    return _resources(Variable, entities.variable, username, path, page, search)


def list_namespace_keys(username, path, page=1, search=None):
    return _resources(Key, entities.key, username, path, page, search)
