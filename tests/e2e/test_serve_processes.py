"""`djinn serve --processes 2` as an operator runs it: two API processes
answer requests on the one port (each alone, while the other is stopped),
one embedded worker runs the builds either of them takes, no second worker
or scheduler runs, and SIGTERM stops every process it started."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import httpx
import pytest

from tests.e2e.conftest import free_port
from tests.e2e.test_worker_faults import _cmdline, children, until

MANIFEST = "driver: {type: os}\nstages: [s]\njobs: [{stage: s, commands: ['echo hello']}]\n"


def roles(pid: int) -> dict[str, list[int]]:
    """The children of server `pid` by what they run."""
    found: dict[str, list[int]] = {}
    for child in children(pid):
        cmdline = _cmdline(child).replace(b"\0", b" ")
        if b"djinn.cli.api_process" in cmdline:
            role = "api"
        elif b"djinn.services.embedded" in cmdline:
            role = "worker"
        else:
            role = cmdline.decode(errors="replace")
        found.setdefault(role, []).append(child)
    return found


def test_two_api_processes_one_worker(config, make_user, make_token, tmp_path):
    token = make_token(make_user("alice"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    headers = {"Authorization": f"Bearer {token}"}
    log_path = tmp_path / "serve.log"
    env = {
        **os.environ,
        "DJINN_DATABASE_URL": config.database_url,
        "DJINN_DATA_DIR": str(tmp_path / "data"),
        "DJINN_SECRET_KEY": config.secret_key,
        "DJINN_DRIVERS": "os",
    }
    argv = [sys.executable, "-m", "djinn.cli", "serve", "--port", str(port), "--processes", "2"]
    with open(log_path, "w") as log:
        server = subprocess.Popen(argv, env=env, stdout=log, stderr=log)
    started: set[int] = set()
    stopped: list[int] = []

    def answers() -> bool:
        # A new connection each time: one kept alive would stay with its process.
        try:
            return httpx.get(base + "/user", headers=headers, timeout=5).status_code == 200
        except httpx.TransportError:
            return False

    try:

        def up():
            assert server.poll() is None, log_path.read_text()
            return answers() and len(roles(server.pid).get("api", [])) == 2

        until("the server answers", up, 60)
        family = roles(server.pid)
        started.update(pid for pids in family.values() for pid in pids)
        assert sorted(family) == ["api", "worker"], family
        assert len(family["api"]) == 2 and len(family["worker"]) == 1

        # Each API process serves the port alone while the other is stopped.
        for alone, other in (family["api"], reversed(family["api"])):
            os.kill(other, signal.SIGSTOP)
            stopped.append(other)
            assert all(answers() for _ in range(5)), f"API process {alone} alone did not answer"
            os.kill(other, signal.SIGCONT)
            stopped.remove(other)

        # A build taken by either API process runs on the one worker.
        with httpx.Client(base_url=base, headers=headers, timeout=10) as api:
            response = api.post("/builds", json={"manifest": MANIFEST})
            assert response.status_code == 201, response.text
            number = response.json()["number"]
            build = until(
                "the build finishes",
                lambda: (
                    (b := api.get(f"/b/alice/{number}").json())["status"] not in ("queued", "running") and b
                ),
                60,
            )
            assert build["status"] == "passed", build
        assert roles(server.pid) == family  # nothing died or was added

        server.send_signal(signal.SIGTERM)
        assert server.wait(60) == 0
        leftovers = [pid for pid in started if _cmdline(pid)]
        assert not leftovers, f"processes outlived the server: {leftovers}"
    finally:
        for pid in stopped:
            os.kill(pid, signal.SIGCONT)
        if server.poll() is None:
            started.update(children(server.pid))
            server.kill()
            server.wait()
        for pid in started:  # ours: the server's children
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    assert "in 2 processes" in log_path.read_text()


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_processes_must_be_a_positive_number(value, tmp_path):
    env = {**os.environ, "DJINN_DATA_DIR": str(tmp_path), "DJINN_PROCESSES": value}
    result = subprocess.run(
        [sys.executable, "-m", "djinn.cli", "serve"],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "DJINN_PROCESSES" in result.stderr
