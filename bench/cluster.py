"""A djinn cluster of real processes on this machine, for the distributed
test and the dispatch benchmark: one API server (`djinn serve` with no
embedded worker or scheduler), any number of `djinn worker` and `djinn
scheduler` processes, a fresh PostgreSQL database and a fresh Redis key
prefix, all removed on close.

    with Cluster(workers=3, schedulers=2, env={"DJINN_LEASE_SECONDS": "4"}) as c:
        c.http.post("/builds", json={"manifest": ...})
"""

from __future__ import annotations

import os
import pathlib
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from typing import Self

import httpx
import psycopg
import redis

POSTGRES_URL = os.environ.get("DJINN_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("DJINN_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
FINISHED = {"passed", "passed_with_failures", "failed", "killed", "timed_out"}
DJINN = str(pathlib.Path(sys.executable).parent / "djinn")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(
        self, *, workers: int = 1, schedulers: int = 0, concurrency: int = 2, env: dict | None = None
    ):
        self.name = f"djinn_cluster_{uuid.uuid4().hex[:10]}"
        self.prefix = self.name
        self.data = tempfile.TemporaryDirectory(prefix="djinn-cluster-")
        self.port = free_port()
        base = POSTGRES_URL.rsplit("/", 1)[0]
        self.database_url = f"{base}/{self.name}"
        self.env = {
            **os.environ,
            "DJINN_DATABASE_URL": self.database_url,
            "DJINN_REDIS_URL": REDIS_URL,
            "DJINN_REDIS_PREFIX": self.prefix,
            "DJINN_SECRET_KEY": secrets.token_urlsafe(32),
            "DJINN_DATA_DIR": self.data.name,  # the shared file store
            "DJINN_DRIVERS": "os",
            "DJINN_PORT": str(self.port),
            "DJINN_EMBEDDED_WORKER": "0",
            "DJINN_EMBEDDED_SCHEDULER": "0",
            "DJINN_TOKEN_CACHE_SECONDS": "30",
            **(env or {}),
        }
        self.worker_count, self.scheduler_count, self.concurrency = workers, schedulers, concurrency
        self.processes: dict[str, subprocess.Popen] = {}
        self.http: httpx.Client | None = None

    # ------------------------------------------------------------ lifecycle

    def __enter__(self) -> Self:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        try:
            self._run("migrate")
            self._run(
                "user", "create", "bench", "--email", "bench@example.com", stdin="correct horse battery\n"
            )
            token = self._run("token", "create", "bench", "--name", "cluster", "--scope", "all").strip()
            self.start("api", "serve")
            for n in range(self.worker_count):
                self.start(f"worker-{n}", "worker", "--concurrency", str(self.concurrency))
            for n in range(self.scheduler_count):
                self.start(f"scheduler-{n}", "scheduler")
            self.http = httpx.Client(
                base_url=f"http://127.0.0.1:{self.port}",
                headers={"Authorization": f"Bearer {token}"},
                timeout=30,
            )
            self._wait_for_api()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.http is not None:
            self.http.close()
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        client = redis.Redis.from_url(REDIS_URL)
        keys = list(client.scan_iter(f"{self.prefix}*"))
        if keys:
            client.delete(*keys)
        self.data.cleanup()

    def _run(self, *args: str, stdin: str | None = None) -> str:
        return subprocess.run(
            [DJINN, *args], env=self.env, input=stdin, capture_output=True, text=True, check=True
        ).stdout

    def start(self, name: str, *args: str) -> subprocess.Popen:
        log = open(pathlib.Path(self.data.name) / f"{name}.log", "wb")  # noqa: SIM115 (kept open by the child)
        self.processes[name] = subprocess.Popen(
            [DJINN, *args], env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        return self.processes[name]

    def log(self, name: str) -> str:
        return (pathlib.Path(self.data.name) / f"{name}.log").read_text(errors="replace")

    def _wait_for_api(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.processes["api"].poll() is not None:
                raise RuntimeError(f"the API server exited:\n{self.log('api')}")
            try:
                if self.http.get("/user").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise TimeoutError(f"the API server did not answer in {timeout}s:\n{self.log('api')[-3000:]}")

    # ------------------------------------------------------------ builds

    def submit(self, manifest: str) -> int:
        response = self.http.post("/builds", json={"manifest": manifest})
        response.raise_for_status()
        return response.json()["number"]

    def builds(self) -> list[dict]:
        """Every build of the user, through the paged API."""
        found, page = [], 1
        while True:
            response = self.http.get("/builds", params={"page": page})
            response.raise_for_status()
            found.extend(response.json())
            if 'rel="next"' not in response.headers.get("link", ""):
                return found
            page += 1

    def wait_finished(self, count: int, timeout: float) -> list[dict]:
        deadline = time.monotonic() + timeout
        while True:
            builds = self.builds()
            if len(builds) >= count and all(b["status"] in FINISHED for b in builds):
                return builds
            if time.monotonic() > deadline:
                left = sorted((b["number"], b["status"]) for b in builds if b["status"] not in FINISHED)
                raise TimeoutError(f"{len(left)} builds not finished after {timeout}s: {left[:20]}")
            time.sleep(0.5)

    def sql(self, query: str, *params) -> list[tuple]:
        with psycopg.connect(self.database_url) as conn:
            return conn.execute(query, params).fetchall()
