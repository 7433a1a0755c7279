"""Requests no HTTP client library would send, over a socket to the server as
`djinn serve` runs it (issue 14, items 12 and 13): raw non-UTF-8 bytes in the
path or the query, a Content-Length that is no number, chunked JSON bodies.
Each answer is JSON in the contract's shape, never uvicorn's plain text and
never a 500."""

from __future__ import annotations

import json
import socket
import urllib.parse

import pytest

from djinn.api.server import MESSAGE
from tests.conftest import bearer

REQUEST_ERROR = {"request": [MESSAGE]}


@pytest.fixture
def token(make_user, make_token):
    return make_token(make_user("alice"))


def exchange(base_url: str, raw: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send `raw` as it is, read the answer to the end (the server closes or
    says how long it is): status, headers, body."""
    url = urllib.parse.urlsplit(base_url)
    with socket.create_connection((url.hostname, url.port), timeout=20) as conn:
        conn.sendall(raw)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                break
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
        length = int(headers.get("content-length", "-1"))
        while length < 0 or len(body) < length:
            chunk = conn.recv(65536)
            if not chunk:
                break
            body += chunk
    return status, headers, body


def request(method: str, target: bytes, headers: dict[str, str], body: bytes = b"") -> bytes:
    lines = [method.encode() + b" " + target + b" HTTP/1.1", b"Host: 127.0.0.1", b"Connection: close"]
    lines += [f"{k}: {v}".encode() for k, v in headers.items()]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def chunked(body: bytes, size: int) -> bytes:
    out = b""
    for i in range(0, len(body), size):
        piece = body[i : i + size]
        out += f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    return out + b"0\r\n\r\n"


@pytest.mark.parametrize(
    "target", [b"/user/\xff", b"/n/alice/\xc3\x28", b"/namespaces?search=\xff\xfe", b"/\x80"]
)
def test_raw_non_utf8_bytes_in_the_path_or_query_answer_json(live_server, token, target):
    status, headers, body = exchange(live_server, request("GET", target, bearer(token)))
    assert status < 500
    assert headers["content-type"].startswith("application/json"), (status, body)
    answer = json.loads(body)
    if status == 400:
        assert answer == REQUEST_ERROR or all(isinstance(v, list) for v in answer.values()), answer
    else:
        assert "message" in answer or isinstance(answer, list), answer


def test_percent_encoded_bytes_that_are_not_utf8_are_an_unknown_path(live_server, token):
    status, _, body = exchange(live_server, request("GET", b"/user/%ff%fe", bearer(token)))
    assert (status, json.loads(body)) == (404, {"message": "Not Found"})
    status, _, body = exchange(live_server, request("GET", b"/namespaces?search=%ff", bearer(token)))
    assert status == 200, body


@pytest.mark.parametrize("length", ["abc", "-1", "1e3", "0x10"])
def test_a_content_length_that_is_no_number_is_a_json_400(live_server, token, length):
    raw = request(
        "POST",
        b"/namespaces",
        {**bearer(token), "Content-Type": "application/json", "Content-Length": length},
        b'{"name": "x"}',
    )
    status, headers, body = exchange(live_server, raw)
    assert status == 400
    assert headers["content-type"] == "application/json"
    assert json.loads(body) == REQUEST_ERROR


def test_a_chunked_json_body_is_read_up_to_the_limit(live_server, token, config):
    headers = {**bearer(token), "Content-Type": "application/json", "Transfer-Encoding": "chunked"}
    body = json.dumps({"name": "chunky", "description": "sent in pieces"}).encode()
    status, _, answer = exchange(live_server, request("POST", b"/namespaces", headers, chunked(body, 5)))
    assert status == 201, answer
    assert json.loads(answer)["description"] == "sent in pieces"

    headers.pop("Content-Type")  # chunked and without a type: still JSON
    body = json.dumps({"name": "bare", "description": "no type"}).encode()
    status, _, answer = exchange(live_server, request("POST", b"/namespaces", headers, chunked(body, 3)))
    assert status == 201, answer

    big = json.dumps({"name": "big", "description": "x" * config.max_json_body}).encode()
    status, _, answer = exchange(live_server, request("POST", b"/namespaces", headers, chunked(big, 65536)))
    assert status == 413
    assert json.loads(answer) == {"message": f"Request body is larger than {config.max_json_body} bytes"}
