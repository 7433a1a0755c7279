"""Objects: /objects, /objects/{id} and the builds an object was placed on."""

from starlette.responses import StreamingResponse

from djinn.api import web
from djinn.domain import entities, events, objects
from handlers import Entity, EntityPage, EntityWithHeaders, NoContent


def list_objects(page: int = 1, search: str | None = None, cursor: str | None = None) -> EntityPage:
    result = web.paginate(objects.accessible(web.require_caller(), search), page, cursor)
    return entities.dump_all(entities.object_(o) for o in result.items), 200, result.link_header()


def create_object(name: str | None = None, namespace: str | None = None) -> Entity:
    session = web.db()
    row = objects.create(
        session,
        web.store(),
        web.require_caller(),
        name=name,
        namespace=namespace,
        content_type=web.headers().get("Content-Type"),
        content_length=web.content_length(),
        chunks=web.upload_stream(),
        limit=web.state().config.max_upload_bytes,
    )
    events.resource_event(session, web.state(), events.OBJECTS, events.CREATED, row)
    session.commit()
    return entities.dump(entities.object_(row)), 201


def get_object(id: int) -> EntityWithHeaders | StreamingResponse:
    row = objects.load(web.db(), web.require_caller(), id)
    if objects.wants_bytes(row, web.headers().get("Accept")):
        return web.file_response(objects.KIND, row.id, row.type, row.name)
    return entities.dump(entities.object_(row)), 200, {"Content-Type": "application/json"}


def download_object(id: int) -> StreamingResponse:
    row = objects.load(web.db(), web.require_caller(), id)
    return web.file_response(objects.KIND, row.id, web.OCTET_STREAM, row.name)


def delete_object(id: int) -> NoContent:
    session = web.db()
    row = objects.load(session, web.require_caller(), id)
    events.resource_event(session, web.state(), events.OBJECTS, events.DELETED, row)
    objects.delete(session, web.store(), row)
    session.commit()
    return None, 204


def list_object_builds(
    id: int,
    page: int = 1,
    tag: str | None = None,
    search: str | None = None,
    status: str | None = None,
    cursor: str | None = None,
) -> EntityPage:
    caller = web.require_caller()
    row = objects.load(web.db(), caller, id)
    result = web.paginate(
        objects.builds_of(row, caller, tag=tag, search=search, status=status), page, cursor, cursor_links=True
    )
    return entities.dump_all(entities.build(b) for b in result.items), 200, result.link_header()
