"""A live server on a free 127.0.0.1 port, and a tiny third-party app to
send users back to, for tests that drive the OAuth flow from outside: a real
OAuth client library, and a real browser."""

from __future__ import annotations

import dataclasses
import html.parser
import http.server
import socket
import threading
import time
import urllib.parse

import pytest
import uvicorn

from djinn.api.app import runtime_of

PASSWORD = "correct horse battery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def live_server(app, config):
    """The app on a real port, on the test's database, with its base URL set to that port."""
    from djinn.api.app import create_app
    from djinn.api.server import http_protocol

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    live = create_app(dataclasses.replace(config, base_url=base_url))
    server = uvicorn.Server(
        uvicorn.Config(
            live, host="127.0.0.1", port=port, log_level="warning", lifespan="off", http=http_protocol()
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the live server did not start")
        time.sleep(0.02)
    yield base_url
    server.should_exit = True
    thread.join(10)
    runtime_of(live).db.dispose()


class ThirdPartyApp:
    """The redirect URI of an OAuth app: records the query of each request to it and says thanks."""

    def __init__(self):
        received = self.received = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                url = urllib.parse.urlsplit(self.path)
                if url.path == "/oauth/callback":
                    received.append(dict(urllib.parse.parse_qsl(url.query)))
                body = (
                    b"<!DOCTYPE html><html lang='en'><title>Signed in</title><h1>Back at the app</h1></html>"
                )
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.redirect_uri = f"http://127.0.0.1:{self.server.server_port}/oauth/callback"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def third_party_app():
    app = ThirdPartyApp()
    yield app
    app.close()


@dataclasses.dataclass
class Registered:
    client_id: str
    client_secret: str
    redirect_uri: str


@pytest.fixture
def registered(db, make_user, third_party_app) -> Registered:
    """alice, and an OAuth app of hers whose redirect URI is the third-party app."""
    from djinn.domain.apps import register_app

    alice = make_user("alice")
    with db.transaction() as session:
        app, secret = register_app(
            session,
            alice,
            name="Build dashboard",
            redirect_uri=third_party_app.redirect_uri,
            description="Shows my builds on a wall screen.",
        )
        return Registered(app.client_id, secret, third_party_app.redirect_uri)


class Forms(html.parser.HTMLParser):
    """The forms of a page: action and fields (hidden and text inputs, ticked checkboxes)."""

    def __init__(self, text: str):
        super().__init__()
        self.forms: list[dict] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action"), "fields": []})
        elif (
            tag == "input"
            and self.forms
            and attrs.get("name")
            and (attrs.get("type") != "checkbox" or "checked" in attrs)
        ):
            self.forms[-1]["fields"].append((attrs["name"], attrs.get("value") or ""))
