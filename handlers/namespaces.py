"""Namespaces: /namespaces and /n/{username}/{path} with its lists."""

from collections.abc import Callable
from typing import TypeVar

from pydantic import BaseModel
from sqlalchemy import Select
from starlette.responses import Response

from djinn.api import web
from djinn.domain import builds, entities, events, namespaces, resources
from djinn.domain.badges import render_badge
from djinn.infra.db.models import Image, Key, Object, Variable
from handlers import Entity, EntityPage, JsonObject, NoContent

Row = TypeVar("Row")
# The resources listed under a namespace.
Listed = TypeVar("Listed", Image, Key, Object, Variable)


def list_namespaces(page: int = 1, search: str | None = None, cursor: str | None = None) -> EntityPage:
    result = web.paginate(
        namespaces.owned_or_collaborated(web.db(), web.require_caller(), search), page, cursor
    )
    namespaces.preload_latest_builds(web.db(), result.items)
    return entities.dump_all(entities.namespace(ns) for ns in result.items), 200, result.link_header()


def create_namespace(body: JsonObject) -> Entity:
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


def get_namespace(username: str, path: str) -> Entity:
    namespace = namespaces.load_visible(web.db(), username, path, web.caller())
    return entities.dump(entities.namespace(namespace)), 200


def update_namespace(username: str, path: str, body: JsonObject | None = None) -> Entity:
    session = web.db()
    namespace = namespaces.load_for_owner(session, username, path, web.caller())
    body = body or {}
    namespaces.update(
        session, namespace, description=body.get("description"), visibility=body.get("visibility")
    )
    events.resource_event(session, web.state(), events.NAMESPACES, events.UPDATED, namespace)
    session.commit()
    return entities.dump(entities.namespace(namespace)), 200


def delete_namespace(username: str, path: str) -> NoContent:
    session = web.db()
    namespace = namespaces.load_for_owner(session, username, path, web.caller())
    events.resource_event(session, web.state(), events.NAMESPACES, events.DELETED, namespace)
    resources.delete_namespace(session, namespace, web.store())
    session.commit()
    return None, 204


def get_namespace_badge(username: str, path: str) -> Response:
    # Badges are embedded where no token is sent: public namespaces only.
    namespace = namespaces.load_visible(web.db(), username, path, None)
    last = namespaces.latest_build(web.db(), namespace)
    status = last.status if last is not None else "unknown"
    etag = f'"{status}"'
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if etag in [t.strip() for t in web.headers().get("If-None-Match", "").split(",")]:
        return Response(status_code=304, headers=headers)
    headers["Content-Type"] = web.content_type(_badge_type())
    return Response(render_badge(status), status_code=200, headers=headers)


def _badge_type() -> str:
    """image/svg+xml, or application/octet-stream when `Accept` prefers it."""
    accept = web.accept()
    if accept["application/octet-stream"] > accept["image/svg+xml"]:
        return web.OCTET_STREAM
    return "image/svg+xml"


def _list(
    statement: Select[Row],
    page: int,
    cursor: str | None,
    serialize: Callable[[Row], BaseModel],
    *,
    cursor_links: bool = False,
) -> EntityPage:
    result = web.paginate(statement, page, cursor, cursor_links=cursor_links)
    return entities.dump_all(serialize(row) for row in result.items), 200, result.link_header()


def list_namespace_builds(
    username: str,
    path: str,
    page: int = 1,
    tag: str | None = None,
    search: str | None = None,
    status: str | None = None,
    cursor: str | None = None,
) -> EntityPage:
    namespace = namespaces.load_visible(web.db(), username, path, web.caller())
    statement = builds.in_namespace(namespace, tag=tag, search=search, status=status)
    return _list(statement, page, cursor, entities.build, cursor_links=True)


def list_namespace_children(
    username: str, path: str, page: int = 1, search: str | None = None, cursor: str | None = None
) -> EntityPage:
    caller = web.caller()
    namespace = namespaces.load_visible(web.db(), username, path, caller)
    result = web.paginate(namespaces.children(namespace, caller, search), page, cursor)
    namespaces.preload_latest_builds(web.db(), result.items)
    return entities.dump_all(entities.namespace(ns) for ns in result.items), 200, result.link_header()


def _resources(
    model: type[Listed],
    serialize: Callable[[Listed], BaseModel],
    username: str,
    path: str,
    page: int,
    search: str | None,
    cursor: str | None,
) -> EntityPage:
    namespace = namespaces.load_visible(web.db(), username, path, web.caller())
    return _list(resources.in_namespace(model, namespace, search), page, cursor, serialize)


def list_namespace_images(
    username: str, path: str, page: int = 1, search: str | None = None, cursor: str | None = None
) -> EntityPage:
    return _resources(Image, entities.image, username, path, page, search, cursor)


def list_namespace_objects(
    username: str, path: str, page: int = 1, search: str | None = None, cursor: str | None = None
) -> EntityPage:
    return _resources(Object, entities.object_, username, path, page, search, cursor)


def list_namespace_variables(
    username: str, path: str, page: int = 1, search: str | None = None, cursor: str | None = None
) -> EntityPage:
    return _resources(Variable, entities.variable, username, path, page, search, cursor)


def list_namespace_keys(
    username: str, path: str, page: int = 1, search: str | None = None, cursor: str | None = None
) -> EntityPage:
    return _resources(Key, entities.key, username, path, page, search, cursor)
