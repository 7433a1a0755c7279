"""A real `djinn serve` for the SDK flows: its own data directory (SQLite),
a free 127.0.0.1 port, every other setting the default. A user, a token and
an OAuth app are made with the CLI, as an operator would."""

from __future__ import annotations

import dataclasses
import os
import pathlib
import signal
import socket
import subprocess
import sys
import time
import urllib.parse

import httpx
import pytest

from tests.e2e.conftest import PASSWORD, Forms

DJINN = pathlib.Path(sys.executable).parent / "djinn"
REDIRECT_URI = "http://127.0.0.1:9/callback"  # never followed: the code is read from the redirect


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclasses.dataclass
class LiveServer:
    base_url: str
    token: str
    client_id: str
    client_secret: str
    username: str = "alice"

    def authorization_code(self, scope: str) -> str:
        """Sign in and approve the app, as the user's browser would; the code
        the app gets back. (A scope the user approved before is granted
        without asking again: the server then redirects straight back.)"""
        with httpx.Client(base_url=self.base_url, timeout=30) as browser:
            query = {
                "client_id": self.client_id,
                "response_type": "code",
                "scope": scope,
                "redirect_uri": REDIRECT_URI,
                "state": "sdk",
            }
            page = self._on_server(browser, browser.get("/login/oauth/authorize", params=query))
            while not isinstance(page, str):
                form = Forms(page.text).forms[0]
                fields = dict(form["fields"])
                if "password" in fields:  # the sign-in page
                    fields |= {"username": self.username, "password": PASSWORD}
                    body = urllib.parse.urlencode(fields)
                else:  # the consent page
                    body = urllib.parse.urlencode(form["fields"] + [("decision", "authorize")])
                page = self._on_server(
                    browser,
                    browser.post(
                        urllib.parse.urljoin(str(page.url), form["action"]),
                        content=body,
                        headers={"Content-Type": "application/x-www-form-urlencoded"},
                    ),
                )
            return page

    def _on_server(self, browser: httpx.Client, response: httpx.Response) -> httpx.Response | str:
        """Follows redirects within the server; the code, once one leads back to the app."""
        while response.is_redirect:
            location = urllib.parse.urljoin(str(response.url), response.headers["location"])
            if location.startswith(REDIRECT_URI):
                return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))["code"]
            response = browser.get(location)
        assert response.status_code == 200, response.text
        return response


def _cli(env: dict, *args: str, stdin: str = "") -> str:
    done = subprocess.run(
        [str(DJINN), *args], env=env, input=stdin, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="session")
def live_djinn(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("sdk-server")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJINN_")}
    env |= {"DJINN_DATA_DIR": str(data_dir), "DJINN_PORT": str(port)}
    _cli(env, "user", "create", "alice", "--email", "alice@example.com", stdin=PASSWORD + "\n")
    token = _cli(env, "token", "create", "alice", "--name", "sdk", "--scope", "all").strip()
    app = dict(
        line.split(": ", 1)
        for line in _cli(
            env,
            "app",
            "create",
            "alice",
            "--name",
            "SDK flow",
            "--redirect-uri",
            REDIRECT_URI,
        ).splitlines()
    )
    log = (data_dir / "serve.log").open("w")
    server = subprocess.Popen(
        [str(DJINN), "serve"], env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base_url + "/", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"djinn serve did not start: {(data_dir / 'serve.log').read_text()}")
            time.sleep(0.1)
        yield LiveServer(base_url, token, app["client_id"], app["client_secret"])
    finally:
        # The server and its embedded worker share the session started above.
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(10)
        log.close()
