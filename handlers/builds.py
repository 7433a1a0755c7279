"""Builds: /builds and /b/{username}/{number} with its parts."""

from collections.abc import Callable
from typing import TypeVar

from pydantic import BaseModel
from sqlalchemy import Select
from starlette.responses import StreamingResponse

from djinn.api import web
from djinn.domain import builds, entities, events, paging
from djinn.infra.db.models import Build, BuildTag
from handlers import Entities, Entity, EntityPage, EntityWithHeaders, JsonObject, NoContent

Row = TypeVar("Row")


def _list(
    statement: Select[Row] | paging.Listing[Row],
    page: int,
    cursor: str | None,
    serialize: Callable[[Row], BaseModel],
) -> EntityPage:
    result = web.paginate(statement, page, cursor, cursor_links=True)
    return entities.dump_all(serialize(row) for row in result.items), 200, result.link_header()


def _all(statement: Select[Row], serialize: Callable[[Row], BaseModel]) -> Entities:
    return entities.dump_all(serialize(row) for row in web.db().execute(statement).scalars()), 200


def _visible(username: str, number: int) -> Build:
    return builds.load_visible(web.db(), username, number, web.caller())


def _for_work(username: str, number: int) -> Build:
    return builds.load_for_work(web.db(), username, number, web.require_caller())


def list_builds(
    page: int = 1,
    tag: str | None = None,
    search: str | None = None,
    status: str | None = None,
    cursor: str | None = None,
) -> EntityPage:
    statement = builds.of_member(web.require_caller(), tag=tag, search=search, status=status)
    return _list(statement, page, cursor, entities.build)


def create_build(body: JsonObject) -> Entity:
    session = web.db()
    state = web.state()
    build = builds.submit(
        session,
        state,
        web.require_caller(),
        manifest_text=body["manifest"],
        comment=body.get("comment"),
        tags=body.get("tags"),
    )
    state.build_queued(session, build.id, build.driver)
    session.commit()
    return entities.dump(entities.build(build)), 201


def get_build(username: str, number: int) -> Entity:
    return entities.dump(entities.build(_visible(username, number))), 200


def kill_build(username: str, number: int) -> NoContent:
    session = web.db()
    builds.kill(session, _for_work(username, number))
    session.commit()
    return None, 204


def _pin(username: str, number: int, pinned: bool) -> Entity:
    session = web.db()
    build = builds.set_pinned(session, _for_work(username, number), pinned)
    events.build_event(
        session, web.state(), events.BUILD_PINNED if pinned else events.BUILD_UNPINNED, build.id
    )
    session.commit()
    return entities.dump(entities.build(build)), 200


def pin_build(username: str, number: int) -> Entity:
    return _pin(username, number, True)


def unpin_build(username: str, number: int) -> Entity:
    return _pin(username, number, False)


def list_build_objects(username: str, number: int, search: str | None = None) -> Entities:
    return _all(builds.objects_of(_visible(username, number), search), entities.build_object)


def list_build_variables(username: str, number: int) -> Entities:
    return _all(builds.variables_of(_visible(username, number)), entities.build_variable)


def list_build_keys(username: str, number: int) -> Entities:
    return _all(builds.keys_of(_visible(username, number)), entities.build_key)


def list_build_jobs(username: str, number: int) -> Entities:
    return _all(builds.jobs_of(_visible(username, number)), entities.job)


def get_build_job(username: str, number: int, name: str) -> Entity:
    return entities.dump(entities.job(builds.job(web.db(), _visible(username, number), name))), 200


def get_build_job_output(username: str, number: int, name: str) -> StreamingResponse:
    job = builds.job(web.db(), _visible(username, number), name)
    chunks = builds.follow_output(web.state().db, job.id)
    return StreamingResponse(
        chunks,
        status_code=200,
        headers={
            "Content-Type": web.content_type("text/plain"),
            "Cache-Control": "no-cache",
            "X-Accel-Buffering": "no",
        },
    )


def list_build_artifacts(username: str, number: int, search: str | None = None) -> Entities:
    return _all(builds.artifacts_of(_visible(username, number), search), entities.artifact)


def get_build_artifact(username: str, number: int, name: str) -> EntityWithHeaders | StreamingResponse:
    artifact = builds.artifact(web.db(), _visible(username, number), name)
    if not _wants_bytes():
        return entities.dump(entities.artifact(artifact)), 200, {"Content-Type": "application/json"}
    return web.file_response(
        builds.ARTIFACT_KIND, artifact.id, builds.artifact_type(web.store(), artifact), artifact.name
    )


def download_build_artifact(username: str, number: int, name: str) -> StreamingResponse:
    artifact = builds.artifact(web.db(), _visible(username, number), name)
    return web.file_response(builds.ARTIFACT_KIND, artifact.id, web.OCTET_STREAM, artifact.name)


def _wants_bytes() -> bool:
    accept = web.accept()
    return accept.best_match(
        ["application/json", "application/octet-stream"]
    ) == "application/octet-stream" and (accept["application/octet-stream"] > accept["application/json"])


def list_build_tags(username: str, number: int) -> Entities:
    return _all(builds.tags_of(_visible(username, number)), entities.tag)


def create_build_tags(username: str, number: int, body: list[str]) -> Entities:
    session = web.db()
    caller = web.require_caller()
    build = _for_work(username, number)
    created = builds.add_tags(session, build, caller.user_id, body)
    events.build_tagged(session, web.state(), build, caller.user_id, created)
    session.commit()
    return entities.dump_all(entities.tag(row) for row in created), 201


def get_build_tag(username: str, number: int, name: str) -> Entity:
    row: BuildTag = builds.tag(_visible(username, number), name)
    return entities.dump(entities.tag(row)), 200


def delete_build_tag(username: str, number: int, name: str) -> NoContent:
    session = web.db()
    builds.remove_tag(session, _for_work(username, number), name)
    session.commit()
    return None, 204
