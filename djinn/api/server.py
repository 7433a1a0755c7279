"""The HTTP server `djinn serve` runs the app in: uvicorn, except that its own
answer to a request it cannot parse (raw non-ASCII bytes in the path or the
query, `Content-Length: abc`, a malformed request line or header) is the
API's 400 shape, `{"request": [message]}` as JSON, instead of plain text.
Everything the server can parse reaches the app, which answers for itself."""

from __future__ import annotations

import asyncio
import json

MESSAGE = "The request is not valid HTTP: its request line, a header or its Content-Length cannot be read"


def _answers_400_as_json(protocol: type[asyncio.Protocol]) -> type[asyncio.Protocol]:
    # A base class chosen at run time, which mypy cannot check: inside, the
    # attributes of uvicorn's protocols (server_state, transport) are unchecked.
    class JSONBadRequest(protocol):  # type: ignore[misc,valid-type]  # dynamic base class
        def send_400_response(self, msg: str) -> None:
            body = json.dumps({"request": [MESSAGE]}).encode()
            head = [b"HTTP/1.1 400 Bad Request\r\n"]
            head += [name + b": " + value + b"\r\n" for name, value in self.server_state.default_headers]
            head += [
                b"content-type: application/json\r\n",
                b"content-length: " + str(len(body)).encode() + b"\r\n",
                b"connection: close\r\n\r\n",
            ]
            # The connection is closed after this answer: the protocol's
            # parser (h11's state machine too) is not used again.
            self.transport.write(b"".join(head) + body)
            self.transport.close()

    JSONBadRequest.__name__ = JSONBadRequest.__qualname__ = f"JSONBadRequest{protocol.__name__}"
    return JSONBadRequest


def http_protocol() -> type[asyncio.Protocol]:
    """The HTTP protocol class to give uvicorn (`http=`): the one uvicorn
    would pick itself (httptools when installed, else h11), answering 400 as JSON."""
    protocol: type[asyncio.Protocol]
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

        protocol = HttpToolsProtocol
    except ImportError:  # pragma: no cover (httptools is a dependency)
        from uvicorn.protocols.http.h11_impl import H11Protocol

        protocol = H11Protocol
    return _answers_400_as_json(protocol)
