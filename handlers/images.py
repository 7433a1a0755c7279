"""Images: /images and /images/{id}."""

from starlette.responses import StreamingResponse

from djinn.api import web
from djinn.domain import entities, events, images
from djinn.infra import tasks
from djinn.infra.db.models import Image
from djinn.infra.errors import NotFound
from handlers import Entity, EntityPage, EntityWithHeaders, Headers, JsonObject, NoContent

JSON: Headers = {"Content-Type": "application/json"}


def _entity(row: Image) -> JsonObject:
    return entities.dump(entities.image(row, row.download))


def list_images(page: int = 1, search: str | None = None, cursor: str | None = None) -> EntityPage:
    result = web.paginate(images.accessible(web.require_caller(), search), page, cursor)
    return entities.dump_all(entities.image(i, i.download) for i in result.items), 200, result.link_header()


def create_image(name: str | None = None, namespace: str | None = None) -> Entity:
    session, caller = web.db(), web.require_caller()
    if web.mimetype() == "application/json":
        # A download request: the JSON body was validated against ImageCreate.
        row = images.create_download(session, web.state().guard, caller, web.json_body())
        tasks.after_commit(session, web.tasks(), images.download, row.id)
        events.resource_event(session, web.state(), events.IMAGES, events.CREATED, row)
        session.commit()
        return _entity(row), 201
    return upload_image(name, namespace)


def upload_image(name: str | None = None, namespace: str | None = None) -> Entity:
    session, caller, config = web.db(), web.require_caller(), web.state().config
    row = images.upload(
        session,
        web.store(),
        caller,
        name=name,
        namespace=namespace,
        content_length=web.content_length(),
        chunks=web.upload_stream(),
        limit=config.max_upload_bytes,
    )
    events.resource_event(session, web.state(), events.IMAGES, events.CREATED, row)
    session.commit()
    return _entity(row), 201


def get_image(id: int) -> EntityWithHeaders | StreamingResponse:
    row = images.load(web.db(), web.require_caller(), id)
    if images.wants_bytes(web.headers().get("Accept")):
        if not images.ready(row):
            raise NotFound()
        return web.file_response(images.KIND, row.id, images.MEDIA_TYPE, images.file_name(row))
    return _entity(row), 200, JSON


def download_image(id: int) -> StreamingResponse:
    row = images.load(web.db(), web.require_caller(), id)
    if not images.ready(row):
        raise NotFound()
    return web.file_response(images.KIND, row.id, web.OCTET_STREAM, images.file_name(row))


def delete_image(id: int) -> NoContent:
    session = web.db()
    row = images.load(session, web.require_caller(), id)
    events.resource_event(session, web.state(), events.IMAGES, events.DELETED, row)
    images.delete(session, web.store(), row)
    session.commit()
    return None, 204
