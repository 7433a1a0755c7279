"""Request-scoped helpers for the HTTP edge: the database session, the caller,
absolute URLs and paging. Handlers use these; the domain never does.

The app (djinn.api.app) is Connexion's AsyncApp: handlers run in its thread
pool, and a request's scope (RequestScope: the runtime and the session) is a
context variable the app sets around each request, which the handler's
thread inherits."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import contextvars
import dataclasses
import os
import threading
import urllib.parse
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import anyio.from_thread
from connexion import context as connexion_context
from connexion.lifecycle import ConnexionRequest
from sqlalchemy import Select
from sqlalchemy.orm import Session
from starlette.datastructures import Headers
from starlette.responses import StreamingResponse
from starlette.types import Message, Receive
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header
from werkzeug.utils import get_content_type

from djinn.domain import paging
from djinn.domain.auth.tokens import Caller
from djinn.infra.crypto import SecretBox
from djinn.infra.errors import NotFound, ValidationFailed
from djinn.infra.runtime import Runtime
from djinn.infra.storage import Store, read_chunks
from djinn.infra.tasks import Tasks

if TYPE_CHECKING:
    from djinn.infra.queue import QueueTasks

PAGE_SIZE = 25


class RequestScope:
    """What one request's handlers share: the app's runtime, and the database
    session, opened on first use (in the handler's thread) and closed by the
    app when the request ends."""

    __slots__ = ("runtime", "session")

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.session: Session | None = None

    def close(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            session.close()


_request_scope: contextvars.ContextVar[RequestScope | None] = contextvars.ContextVar(
    "djinn_web_request", default=None
)


@contextlib.contextmanager
def request_scope(runtime: Runtime) -> Iterator[RequestScope]:
    """Within the block, state() is `runtime` and db() the request's session (closed by the caller)."""
    scope = RequestScope(runtime)
    token = _request_scope.set(scope)
    try:
        yield scope
    finally:
        _request_scope.reset(token)


def state() -> Runtime:
    return _scope().runtime


def close_session() -> None:
    """Close the request's session now, if one was opened (the next db() opens another)."""
    scope = _request_scope.get()
    if scope is not None:
        scope.close()


def _scope() -> RequestScope:
    scope = _request_scope.get()
    if scope is None:
        raise RuntimeError("outside a request")
    return scope


def db() -> Session:
    """The request's session, opened on first use and closed when the request ends."""
    scope = _scope()
    session = scope.session
    if session is None:
        session = scope.session = scope.runtime.db.session()
    return session


def request() -> ConnexionRequest:
    """The request being answered (Connexion's, over Starlette's)."""
    current: ConnexionRequest = connexion_context.request
    return current


def headers() -> Headers:
    """The request's headers."""
    found: Headers = request().headers
    return found


def content_length() -> int | None:
    """The request's Content-Length, or None (absent, or not a number)."""
    value = headers().get("content-length")
    return int(value) if value is not None and value.isdigit() else None


def mimetype() -> str:
    """The request's media type without parameters, lower case ("" without a Content-Type)."""
    return headers().get("content-type", "").split(";", 1)[0].strip().lower()


def json_body() -> Any:
    """The request's JSON body, read from the handler's thread."""
    return anyio.from_thread.run(request().json)


def accept() -> MIMEAccept:
    """The request's `Accept` header, parsed."""
    return parse_accept_header(headers().get("accept"), MIMEAccept)


def content_type(mimetype: str) -> str:
    """A response's Content-Type for a media type: with `charset=utf-8` for
    text, JSON and XML types, as Werkzeug writes it."""
    return get_content_type(mimetype, "utf-8")


def remote_addr() -> str:
    """The client's address ("" when the server does not know it)."""
    client = request().scope.get("client")
    return str(client[0]) if client else ""


def box() -> SecretBox:
    return state().box


def store() -> Store:
    found = state().store
    if found is None:  # Runtime.build always makes one
        raise RuntimeError("this process's runtime has no file store")
    return found


def tasks() -> Tasks | QueueTasks:
    found = state().tasks
    if found is None:  # Runtime.build always makes them
        raise RuntimeError("this process's runtime has no background tasks")
    return found


def upload_stream() -> Iterator[bytes]:
    """The request body as chunks, read as it arrives (never whole)."""
    body = streamed_body()
    if body is None:  # every binary request body is a StreamedBody (djinn.api.app)
        raise RuntimeError("this request's body is not streamed")
    yield from body.chunks()


def streamed_body() -> StreamedBody | None:
    """The request's StreamedBody, when its body is an upload the handler streams."""
    try:
        body = connexion_context.receive._get_current_object()
    except RuntimeError:  # outside an operation
        return None
    return body if isinstance(body, StreamedBody) else None


def _cut_off() -> ValidationFailed:
    # Only uploads stream their body: what was cut off is the file.
    return ValidationFailed(file=["The file ended before it was complete (the client disconnected)"])


class StreamedBody:
    """The ASGI `receive` of a request whose body the handler streams (an
    upload), which also hands the body to the handler's thread as it arrives.

    Fetching each piece of the body from the handler's thread would cost a
    round trip to the event loop per piece; for a large upload that cost more
    than hashing and writing it. Here the event loop reads ahead, up to READ_AHEAD bytes, into
    a queue the handler's thread takes the server's own chunks from: no round
    trip while data is queued, and no copy. A disconnect before the end of
    the body is an error, never a short body.
    """

    READ_AHEAD = 4 * 1024 * 1024

    def __init__(self, receive: Receive):
        self._receive = receive
        self._loop = asyncio.get_running_loop()
        self._lock = threading.Condition()
        self._queue: collections.deque[bytes] = collections.deque()
        self._queued = 0
        self._reading = False
        self._ended = False
        self._error: BaseException | None = None
        self._task: asyncio.Task[None] | None = None

    async def __call__(self) -> Message:
        """What Connexion reads: an empty body. The body belongs to `chunks`;
        were Connexion given it too (it parses a form-encoded body when it
        gathers the operation's arguments), the two would race for it, and
        the stream could wait forever for a message already taken."""
        return {"type": "http.request", "body": b"", "more_body": False}

    def chunks(self) -> Iterator[bytes]:
        """The body, chunk by chunk; call from a thread other than the event loop's."""
        while True:
            with self._lock:
                self._read_ahead()
                while not self._queue and not self._ended:
                    self._lock.wait()
                if not self._queue:
                    if self._error is not None:
                        raise self._error
                    return
                chunk = self._queue.popleft()
                self._queued -= len(chunk)
            yield chunk

    def _read_ahead(self) -> None:
        # Under the lock. Restarting at half the limit keeps the round trips few.
        if not self._reading and not self._ended and self._queued <= self.READ_AHEAD // 2:
            self._reading = True
            self._loop.call_soon_threadsafe(self._start)

    def _start(self) -> None:
        self._task = self._loop.create_task(self._read())

    async def _read(self) -> None:
        try:
            while True:
                message = await self._receive()
                with self._lock:
                    if message["type"] != "http.request":
                        self._error = _cut_off()
                        self._ended = True
                    elif body := message.get("body", b""):
                        self._queue.append(body)
                        self._queued += len(body)
                    if not message.get("more_body", False):
                        self._ended = True
                    self._lock.notify()
                    if self._ended or self._queued >= self.READ_AHEAD:
                        self._reading = False
                        return
        except BaseException as e:
            # Raised in the handler's thread; a cancelled read (the server
            # shutting down) also ends the task.
            with self._lock:
                self._error = e if isinstance(e, Exception) else _cut_off()
                self._ended, self._reading = True, False
                self._lock.notify()
            if not isinstance(e, Exception):
                raise


OCTET_STREAM = "application/octet-stream"


def file_response(kind: str, id: int, mimetype: str, filename: str) -> StreamingResponse:
    """A stored file, streamed in chunks, with its length; 404 when it is missing.

    Always an attachment, never sniffed: a stored HTML or SVG file must not
    run as a page of this server in the browser of whoever downloads it."""
    try:
        stream = store().open(kind, id)
    except FileNotFoundError:
        raise NotFound() from None
    size = os.fstat(stream.fileno()).st_size
    headers = {
        "Content-Length": str(size),
        "Content-Disposition": attachment(filename),
        "X-Content-Type-Options": "nosniff",
    }
    headers["Content-Type"] = content_type(mimetype)
    return StreamingResponse(read_chunks(stream), status_code=200, headers=headers)


def attachment(filename: str) -> str:
    """`Content-Disposition: attachment` naming the file (its last path part):
    a quoted printable-ASCII `filename` for every client and, when that had to
    change the name, the exact name as UTF-8 in `filename*` (RFC 6266, 8187)."""
    name = filename.rsplit("/", 1)[-1] or "download"
    fallback = "".join(c if " " <= c <= "~" and c not in '"\\' else "_" for c in name)
    value = f'attachment; filename="{fallback}"'
    if fallback != name:
        encoded = urllib.parse.quote(name.encode("utf-8", "replace"), safe="!#$&+-.^_`|~")
        value += f"; filename*=UTF-8''{encoded}"
    return value


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


T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list (djinn.domain.paging.Page) and its `Link` header.

    `next` is the keyset cursor of the page's last row (`?cursor=`) when the
    request came by cursor or the list asks for cursor links (the lists of
    builds, which grow to millions); else `?page=N+1`, as it always was.
    `prev` (`?page=N-1`) only on a page asked by number."""

    number: int | None
    items: list[T]
    has_next: bool
    next_cursor: str | None = None
    cursor_links: bool = False

    def link_header(self) -> dict[str, str]:
        """The `Link` header for this page, keeping the request's other query parameters."""
        current = request()
        base = url(current.scope["path"])
        kept = [(k, v) for k, v in current.query_params.multi_items() if k not in ("page", "cursor")]
        links = []
        if self.number is not None and self.number > 1:
            query = [*kept, ("page", str(self.number - 1))]
            links.append(f'<{base}?{urllib.parse.urlencode(query)}>; rel="prev"')
        if self.has_next:
            if self.number is not None and not self.cursor_links:
                query = [*kept, ("page", str(self.number + 1))]
            else:
                query = [*kept, ("cursor", self.next_cursor or "")]
            links.append(f'<{base}?{urllib.parse.urlencode(query)}>; rel="next"')
        return {"Link": ", ".join(links)} if links else {}


def paginate(
    statement: Select[T] | paging.Listing[T],
    page: int | None,
    cursor: str | None = None,
    *,
    cursor_links: bool = False,
) -> Page[T]:
    """One page of a list: by `cursor` when given, else by number (see djinn.domain.paging)."""
    found = paging.paginate(db(), statement, page, cursor, PAGE_SIZE)
    return Page(found.number, found.items, found.has_next, found.next_cursor, cursor_links)
