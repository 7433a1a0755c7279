"""Builds in the compat flows: the embedded worker (the `os` driver) as a
fixture, and the Go client's way of waiting for a build, `Build.Get` until
it is no longer queued or running."""

from __future__ import annotations

import time

import pytest

from djinn.api.app import runtime_of
from djinn.services.worker import Worker
from tests.compat.client import Build

FINISHED = {"passed", "passed_with_failures", "failed", "killed", "timed_out"}


@pytest.fixture
def worker(app):
    worker = Worker(runtime_of(app), concurrency=2).start()
    yield worker
    worker.stop()


def wait_finished(cli, build: Build, timeout: float = 30.0) -> Build:
    deadline = time.monotonic() + timeout
    while build.status not in FINISHED:
        assert time.monotonic() < deadline, f"build {build.number} still {build.status} after {timeout}s"
        time.sleep(0.1)
        build = cli.refresh_build(build)
    return build
