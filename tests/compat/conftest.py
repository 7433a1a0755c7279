"""Fixtures of the compat tests: users, each with an all-scope token and a
`tests.compat.client.Client` speaking as the original Go client.

By default the client talks to the app in process, through the Connexion
test client the API tests use (on SQLite and on PostgreSQL, like them). With
`DJINN_COMPAT_LIVE=1` it talks HTTP to the app served by uvicorn on a free
127.0.0.1 port (the e2e tests' `live_server`), on the same databases.
"""

from __future__ import annotations

import os

import httpx
import pytest

from tests.compat.client import Client
from tests.e2e.conftest import live_server  # noqa: F401 (a fixture, used through `transport`)

LIVE = os.environ.get("DJINN_COMPAT_LIVE") == "1"


@pytest.fixture
def transport(request, client):
    """(an httpx-style client, the endpoint the Go client is given)."""
    if not LIVE:
        yield client, ""
        return
    base_url = request.getfixturevalue("live_server")
    with httpx.Client(base_url=base_url, timeout=30) as http_client:
        yield http_client, base_url


@pytest.fixture
def djinn(transport, make_user, make_token):
    """`djinn("alice")`: a new user alice and a Client with her token."""
    http_client, endpoint = transport

    def make(username: str, scope: str = "all") -> Client:
        user = make_user(username)
        cli = Client(http_client, make_token(user, scope=scope), endpoint)
        cli.user = user
        return cli

    return make
