"""`X-Forwarded-For` is believed only from DJINN_TRUSTED_PROXIES: by default
a process on the server's own host cannot pose as other clients and rotate
past the sign-in rate limit. The server runs as `djinn serve` runs it."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import threading
import time

import httpx
import pytest
import uvicorn

from djinn.api.app import create_app, runtime_of, server_config
from djinn.domain.apps import register_app
from djinn.infra.config import Config
from tests.api.test_oauth import REDIRECT_URI, App, Flow
from tests.e2e.conftest import free_port


@pytest.fixture
def serve(config):
    """Serve the app on a free port with `changes` to the test's config; yields a client of it."""
    servers = []

    def start(**changes) -> httpx.Client:
        port = free_port()
        settings = dataclasses.replace(
            config, host="127.0.0.1", port=port, base_url=f"http://127.0.0.1:{port}", **changes
        )
        app = create_app(settings)
        server = uvicorn.Server(server_config(app, settings))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 15
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                pytest.fail("the server did not start")
            time.sleep(0.02)
        client = httpx.Client(base_url=settings.base_url, timeout=10)
        servers.append((server, thread, app, client))
        return client

    yield start
    for server, thread, app, client in servers:
        client.close()
        server.should_exit = True
        thread.join(10)
        runtime_of(app).db.dispose()


@pytest.fixture
def oauth_app(db, make_user) -> App:
    with db.transaction() as session:
        app, secret = register_app(session, make_user("alice"), name="Dashboard", redirect_uri=REDIRECT_URI)
        return App(app.client_id, secret)


def failed_logins(flow: Flow, addresses: list[str]) -> None:
    for n, address in enumerate(addresses):
        flow.client.headers["X-Forwarded-For"] = address
        assert flow.login(username=f"nobody{n}", password="wrong password").status_code == 400


def test_by_default_a_forwarded_address_is_not_believed(serve, oauth_app, make_user):
    flow = Flow(serve(), oauth_app)
    failed_logins(flow, [f"203.0.113.{n}" for n in range(5)])
    make_user("bob")
    flow.client.headers["X-Forwarded-For"] = "203.0.113.99"
    response = flow.login(username="bob")
    assert response.status_code == 429, response.text


def test_a_trusted_proxy_forwards_each_client_address(serve, oauth_app, make_user):
    flow = Flow(serve(trusted_proxies=("127.0.0.0/8",)), oauth_app)
    failed_logins(flow, ["203.0.113.7"] * 5)
    make_user("bob")
    # That client is limited; another behind the same proxy is not.
    assert flow.login(username="bob").status_code == 429
    flow.client.headers["X-Forwarded-For"] = "203.0.113.8"
    assert flow.login(username="bob").status_code == 302


def test_a_malformed_proxy_list_stops_the_server_with_its_reason(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "djinn.cli", "serve"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={
            "DJINN_DATA_DIR": str(tmp_path),
            "DJINN_TRUSTED_PROXIES": "10.0.0.0/8, proxy.internal",
            "PATH": "",
        },
    )
    assert result.returncode == 2
    assert "DJINN_TRUSTED_PROXIES: 'proxy.internal' is not an IP address or CIDR" in result.stderr


def test_the_variable_is_read(tmp_path):
    config = Config.from_env(
        {"DJINN_DATA_DIR": str(tmp_path), "DJINN_TRUSTED_PROXIES": "10.0.0.1, 192.168.0.0/16"}
    )
    assert config.trusted_proxies == ("10.0.0.1", "192.168.0.0/16")
    assert Config.from_env({"DJINN_DATA_DIR": str(tmp_path)}).trusted_proxies == ()
