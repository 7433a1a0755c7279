"""Request-scoped helpers for the HTTP edge: the database session, the caller,
absolute URLs and paging. Handlers use these; the domain never does."""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import os
import urllib.parse
from collections.abc import Iterator

import flask
from connexion import context as connexion_context
from sqlalchemy.orm import Session

from djinn.auth.tokens import Caller
from djinn.crypto import SecretBox
from djinn.errors import NotFound
from djinn.runtime import Runtime
from djinn.storage import Store, read_chunks
from djinn.tasks import Tasks

PAGE_SIZE = 25
EXTENSION = "djinn"


# The app's Runtime (djinn.runtime): one per process, in Flask's extensions.
AppState = Runtime


# Outside a request (a worker, the scheduler, a task) there is no Flask app:
# `background` names the runtime and session that state(), db() and url()
# stand for, so that the entity serializers run there too (webhook payloads).
_background: contextvars.ContextVar[tuple[Runtime, Session] | None] = contextvars.ContextVar(
    "djinn_web_background", default=None
)


@contextlib.contextmanager
def background(runtime: Runtime, session: Session) -> Iterator[None]:
    """Within the block, state() is `runtime` and db() is `session`, with or without a request."""
    token = _background.set((runtime, session))
    try:
        yield
    finally:
        _background.reset(token)


def state() -> Runtime:
    outside = _background.get()
    if outside is not None:
        return outside[0]
    return flask.current_app.extensions[EXTENSION]


def db() -> Session:
    """The request's session, opened on first use and closed when the request ends."""
    outside = _background.get()
    if outside is not None:
        return outside[1]
    session = flask.g.get("db")
    if session is None:
        session = flask.g.db = state().db.session()
    return session


def box() -> SecretBox:
    return state().box


def store() -> Store:
    return state().store


def tasks() -> Tasks:
    return state().tasks


def upload_stream():
    """The request body as chunks, read as it arrives (never whole)."""
    request = flask.request
    # Without Content-Length (chunked), Werkzeug's stream would be empty:
    # the server's input ends where the body does.
    stream = request.stream if request.content_length is not None else request.environ["wsgi.input"]
    while chunk := stream.read(1024 * 1024):
        yield chunk


def file_response(kind: str, id: int, mimetype: str) -> flask.Response:
    """A stored file, streamed in chunks, with its length; 404 when it is missing."""
    try:
        stream = store().open(kind, id)
    except FileNotFoundError:
        raise NotFound() from None
    size = os.fstat(stream.fileno()).st_size
    return flask.Response(
        read_chunks(stream), status=200, mimetype=mimetype, headers={"Content-Length": str(size)},
        direct_passthrough=True,
    )


def caller() -> Caller | None:
    """The authenticated caller, or None for an anonymous request."""
    info = connexion_context.context.get("token_info") or {}
    return info.get("caller")


def require_caller() -> Caller:
    who = caller()
    if who is None:
        raise NotFound()
    return who


def url(path: str) -> str:
    """An absolute API URL built from the configured public base URL."""
    return state().config.base_url + path


@dataclasses.dataclass(frozen=True)
class Page:
    number: int
    items: list
    has_next: bool

    def link_header(self) -> dict[str, str]:
        """The `Link` header for this page, keeping the request's other query parameters."""
        request = flask.request
        base = url(request.path)
        links = []
        for rel, number in (("prev", self.number - 1), ("next", self.number + 1)):
            if (rel == "prev" and number >= 1) or (rel == "next" and self.has_next):
                query = [(k, v) for k, v in request.args.items(multi=True) if k != "page"]
                query.append(("page", str(number)))
                links.append(f'<{base}?{urllib.parse.urlencode(query)}>; rel="{rel}"')
        return {"Link": ", ".join(links)} if links else {}


def paginate(statement, page: int | None) -> Page:
    """Run a select for one page, fetching one extra row to know if a next page exists."""
    number = page or 1
    rows = db().execute(statement.limit(PAGE_SIZE + 1).offset((number - 1) * PAGE_SIZE)).scalars().all()
    return Page(number=number, items=list(rows[:PAGE_SIZE]), has_next=len(rows) > PAGE_SIZE)
