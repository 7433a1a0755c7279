"""Distributed mode in one process: the API announces builds and tasks on
Redis through Dramatiq, and a worker consuming the queues (as `djinn worker`
does) runs them; the database decides who runs a build."""

from __future__ import annotations

import secrets
import threading
import time
import uuid

import pytest
from sqlalchemy import select

from djinn.api.app import create_app, runtime_of
from djinn.infra.config import Config
from djinn.infra.db.models import Build
from djinn.infra.tasks import task
from djinn.services.scheduler import reannounce
from djinn.services.worker import Worker
from tests.conftest import BASE_URL, _empty_tables, bearer
from tests.e2e.test_build_runs import FINISHED, _processes_with, wait

TRIVIAL = "driver: {type: os}\nstages: [s]\njobs: [{stage: s, commands: [echo ran on the queue]}]\n"


@pytest.fixture
def cluster(postgres_database, redis_url, redis_prefix, tmp_path):
    """An API app and a worker sharing PostgreSQL and a Redis prefix; the app
    runs no worker of its own."""
    _empty_tables(postgres_database)
    config = Config(
        data_dir=tmp_path,
        database_url=postgres_database,
        base_url=BASE_URL,
        secret_key=secrets.token_urlsafe(32),
        redis_url=redis_url,
        redis_prefix=redis_prefix,
        token_cache_seconds=0,
        workers=2,
        embedded_worker=False,
        drivers=("os", "qemu"),
        download_allow=("127.0.0.1/32",),
    )
    app = create_app(config)
    runtime = runtime_of(app)
    worker = Worker(runtime, drivers=("os",))  # this machine has no QEMU
    consumers = runtime.queue.serve(worker, runtime)
    yield app, runtime
    worker.stop()
    for consumer in consumers:
        consumer.stop(timeout=10_000)
    runtime.close()
    runtime.db.dispose()


@pytest.fixture
def db(cluster):
    """The cluster's database, for the suite's make_user and make_token."""
    return cluster[1].db


@pytest.fixture
def alice(make_user, make_token):
    return bearer(make_token(make_user("alice")))


def test_a_build_submitted_through_the_api_runs_on_the_queue_worker(cluster, alice):
    app, _runtime = cluster
    with app.test_client() as client:
        assert client.post("/builds", json={"manifest": TRIVIAL}, headers=alice).status_code == 201
        build = wait(client, alice, "/b/alice/1", lambda b: b["status"] in FINISHED)
        assert build["status"] == "passed"
        job = client.get("/b/alice/1/jobs/s.1", headers=alice).json()
        assert "ran on the queue" in job["output"]


def test_a_worker_takes_only_builds_of_its_drivers(cluster, alice):
    """A qemu build waits in its own queue; the os-only worker never claims it."""
    app, _runtime = cluster
    with app.test_client() as client:
        qemu = "driver: {type: qemu, image: debian}\nstages: [s]\njobs: [{stage: s, commands: [uname]}]\n"
        assert client.post("/builds", json={"manifest": qemu}, headers=alice).status_code == 201
        client.post("/builds", json={"manifest": TRIVIAL}, headers=alice)
        assert wait(client, alice, "/b/alice/2", lambda b: b["status"] in FINISHED)["status"] == "passed"
        time.sleep(0.5)
        assert client.get("/b/alice/1", headers=alice).json()["status"] == "queued"


def test_kill_reaches_the_worker_running_the_build(cluster, alice):
    app, _runtime = cluster
    marker = f"600.{uuid.uuid4().int % 10**6}"
    manifest = f"driver: {{type: os}}\nstages: [w]\njobs: [{{stage: w, commands: [echo started, 'sleep {marker}']}}]\n"
    with app.test_client() as client:
        client.post("/builds", json={"manifest": manifest}, headers=alice)
        wait(client, alice, "/b/alice/1/jobs/w.1", lambda j: "started" in (j["output"] or ""))
        killed_at = time.monotonic()
        assert client.delete("/b/alice/1", headers=alice).status_code == 204
        build = wait(client, alice, "/b/alice/1", lambda b: b["status"] in FINISHED, timeout=5)
        assert time.monotonic() - killed_at < 5
        assert build["status"] == "killed"
        assert _processes_with(f"sleep {marker}") == []


def test_a_build_whose_message_was_lost_is_announced_again(cluster, alice):
    app, runtime = cluster
    with app.test_client() as client:
        client.post("/builds", json={"manifest": TRIVIAL}, headers=alice)
        wait(client, alice, "/b/alice/1", lambda b: b["status"] in FINISHED)
        # A build queued while its message went nowhere (say Redis lost it).
        with runtime.db.transaction() as session:
            session.execute(
                Build.__table__.update().values(
                    status="queued",
                    started_at=None,
                    finished_at=None,
                    announced_at=None,
                    worker_id=None,
                )
            )
        assert reannounce(runtime, older_than=3600) == []  # not stale yet
        assert reannounce(runtime, older_than=0) == [1]
        build = wait(client, alice, "/b/alice/1", lambda b: b["status"] in FINISHED)
        assert build["status"] == "passed"


RAN: list = []
RAN_EVENT = threading.Event()


@task
def _remember(runtime, value):
    RAN.append((value, runtime.config.redis_prefix))
    RAN_EVENT.set()


def test_a_task_runs_on_the_worker_after_its_delay(cluster):
    _app, runtime = cluster
    RAN.clear()
    RAN_EVENT.clear()
    sent = time.monotonic()
    runtime.tasks.submit(_remember, "hello", delay=0.5)
    assert RAN_EVENT.wait(10)
    assert time.monotonic() - sent >= 0.5
    assert RAN == [("hello", runtime.config.redis_prefix)]


def test_the_claim_is_by_id_and_happens_once(cluster, alice):
    """Two deliveries of one build's message (Redis redelivers after a
    worker's heartbeat lapses): the build runs once."""
    app, runtime = cluster
    with app.test_client() as client:
        client.post("/builds", json={"manifest": TRIVIAL}, headers=alice)
        build_id = 1
        runtime.announce(build_id, "os")
        runtime.announce(build_id, "os")
        wait(client, alice, "/b/alice/1", lambda b: b["status"] in FINISHED)
        time.sleep(0.5)
        job = client.get("/b/alice/1/jobs/s.1", headers=alice).json()
        assert job["output"].splitlines().count("ran on the queue") == 1
    with runtime.db.transaction() as session:
        assert session.execute(select(Build.status)).scalars().all() == ["passed"]


def test_webhook_events_travel_through_the_task_queue(cluster, alice):
    """build.submitted (sent by the API), started and finished (sent by the
    worker) are delivered by the worker's task consumer, signed."""
    import hashlib
    import hmac

    from tests.api.test_webhook_deliveries import Receiver

    app, _runtime = cluster
    receiver = Receiver()
    try:
        with app.test_client() as client:
            assert client.post("/namespaces", json={"name": "proj"}, headers=alice).status_code == 201
            hook = {"payload_url": f"{receiver.url}/hook", "secret": "s3cret-s3cret"}
            assert client.post("/n/alice/proj/-/webhooks", json=hook, headers=alice).status_code == 201
            manifest = "namespace: proj\n" + TRIVIAL
            assert client.post("/builds", json={"manifest": manifest}, headers=alice).status_code == 201
            received = receiver.wait("/hook", 3, seconds=20)
            build = wait(client, alice, "/b/alice/1", lambda b: b["status"] in FINISHED)
    finally:
        receiver.close()
    by_event = {r.event: r for r in received}
    assert set(by_event) == {"build.submitted", "build.started", "build.finished"}
    assert by_event["build.finished"].payload == build
    for delivery in received:
        expected = hmac.new(b"s3cret-s3cret", delivery.body, hashlib.sha256).hexdigest()
        assert delivery.headers["X-Djinn-CI-Signature"] == f"sha256={expected}"
