"""`djinn serve` as an operator runs it, its embedded worker SIGKILLed while
builds run: the API answers throughout, a new worker takes over, every
queued build runs, the dead worker's builds end as failed at once, no job
process is left, and SIGTERM stops the server."""

from __future__ import annotations

import os
import pathlib
import signal
import subprocess
import sys
import time
import uuid

import httpx
import pytest

from djinn.services.worker import LOST_WORKER
from tests.e2e.conftest import free_port

FINISHED = {"passed", "failed", "killed", "timed_out"}
# Every request must be answered within this many seconds.
ANSWER_WITHIN = 10


def manifest(seconds: str) -> str:
    return f"driver: {{type: os}}\nstages: [s]\njobs: [{{stage: s, commands: ['sleep {seconds}']}}]\n"


def children(pid: int) -> list[int]:
    found = []
    for proc in pathlib.Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                stat = (proc / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(proc.name))
    return found


def workers_of(pid: int) -> list[int]:
    """The embedded worker processes of server `pid` (its `python -m djinn.services.embedded` children)."""
    return [child for child in children(pid) if b"djinn.services.embedded" in _cmdline(child)]


def processes_with(marker: str) -> list[int]:
    return [
        int(p.name)
        for p in pathlib.Path("/proc").iterdir()
        if p.name.isdigit() and marker.encode() in _cmdline(int(p.name)).replace(b"\0", b" ")
    ]


def _cmdline(pid: int) -> bytes:
    try:
        return pathlib.Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def until(what: str, check, timeout: float):
    deadline = time.monotonic() + timeout
    while not (result := check()):
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {timeout}s")
        time.sleep(0.1)
    return result


def test_the_server_survives_its_worker_killed_mid_build(config, make_user, make_token, tmp_path):
    token = make_token(make_user("alice"))
    seconds = f"3.{uuid.uuid4().int % 10**6:06d}"  # the jobs' marker in the process table
    port = free_port()
    builds_tmp = tmp_path / "tmp"
    builds_tmp.mkdir()
    log_path = tmp_path / "serve.log"
    env = {
        **os.environ,
        "DJINN_DATABASE_URL": config.database_url,
        "DJINN_DATA_DIR": str(tmp_path / "data"),
        "DJINN_SECRET_KEY": config.secret_key,
        "DJINN_PORT": str(port),
        "DJINN_WORKERS": "3",
        "DJINN_DRIVERS": "os",
        "TMPDIR": str(builds_tmp),
    }
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "djinn.cli", "serve"], env=env, stdout=log, stderr=log
        )
    api = httpx.Client(
        base_url=f"http://127.0.0.1:{port}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=ANSWER_WITHIN,
    )
    workers_seen: set[int] = set()
    try:

        def up():
            assert server.poll() is None, log_path.read_text()
            try:
                return api.get("/user").status_code == 200
            except httpx.TransportError:
                return False

        until("the server answers", up, 30)
        first = until("the embedded worker starts", lambda: workers_of(server.pid), 30)
        assert len(first) == 1
        workers_seen.update(first)

        def submit() -> int:
            try:
                response = api.post("/builds", json={"manifest": manifest(seconds)})
            except httpx.TimeoutException:
                pytest.fail(f"POST /builds got no answer within {ANSWER_WITHIN}s")
            assert response.status_code == 201, response.text
            return response.json()["number"]

        def status(number: int) -> dict:
            response = api.get(f"/b/alice/{number}")
            assert response.status_code == 200, response.text
            return response.json()

        # Two builds run; the worker's third thread waits for the next one.
        numbers = [submit() for _ in range(2)]

        def two_running():
            running = [n for n in numbers if status(n)["status"] == "running"]
            return len(running) == 2 and len(processes_with(seconds)) == 2 and running

        running = until("two builds run", two_running, 30)
        time.sleep(0.5)

        os.kill(first[0], signal.SIGKILL)
        # The API answers at once, and takes builds, while the worker is down.
        for _ in range(6):
            numbers.append(submit())
            assert api.get("/user").status_code == 200
        second = until(
            "a new embedded worker starts", lambda: [w for w in workers_of(server.pid) if w not in first], 30
        )
        workers_seen.update(second)

        finished = until(
            "every build finishes",
            lambda: all(status(n)["status"] in FINISHED for n in numbers) and {n: status(n) for n in numbers},
            120,
        )
        lost = {n for n, build in finished.items() if build["status"] == "failed"}
        assert lost == set(running)
        assert all(finished[n]["output"] == LOST_WORKER for n in lost)
        assert all(finished[n]["status"] == "passed" for n in numbers if n not in lost)
        # The dead worker's jobs were ended, and their workspaces removed.
        until("the dead worker's jobs end", lambda: processes_with(seconds) == [], 15)
        assert list(builds_tmp.glob("djinn-builds-*/djinn-build-*")) == []

        server.send_signal(signal.SIGTERM)
        assert server.wait(60) == 0
    finally:
        api.close()
        leftovers = processes_with(seconds)
        if server.poll() is None:
            leftovers += workers_of(server.pid)
            server.kill()
            server.wait()
        for pid in leftovers:  # ours: the server's children, jobs with our marker
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    output = log_path.read_text()
    assert f"the embedded worker (pid {first[0]}) died (killed by signal 9)" in output
    assert f"the embedded worker restarted (pid {second[0]})" in output
    assert not [pid for pid in workers_seen if b"djinn.services.embedded" in _cmdline(pid)], (
        "a worker outlived the server"
    )
