"""Distributed mode: builds and background tasks travel through Redis, by
Dramatiq (docs/architecture.md says why Dramatiq).

Queues (all keys under the `DJINN_REDIS_PREFIX` namespace):

- `builds.<driver>`, one per driver: a message carries a build id. A `djinn
  worker` consumes only the queues of the drivers it has, and claims the
  build in the database before it runs it (djinn.services.worker): the database
  decides, so a duplicate or late message is harmless.
- `tasks`: background tasks (djinn.infra.tasks), e.g. webhook deliveries and image
  downloads, with their delayed retries.

Messages are acknowledged when the work ends. Dramatiq's own retries and time
limits are off: a build's timeout, kill and lease are the worker's business,
and a task that wants another try submits itself again with a delay. A message
lost with a dead worker is made up for by the scheduler, which re-announces
builds queued too long (`reannounce`) and fails builds whose lease expired.
"""

from __future__ import annotations

import datetime as dt
import logging
import signal
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from sqlalchemy import or_, select, update

from djinn.infra.config import Config
from djinn.infra.db.models import Build, Status, utcnow
from djinn.domain.manifest import KNOWN_DRIVERS

if TYPE_CHECKING:
    from djinn.infra.runtime import Runtime
    from djinn.services.worker import Worker

log = logging.getLogger(__name__)

TASK_QUEUE = "tasks"
TASK_THREADS = 4
# Redis considers a consumer dead after this long without a heartbeat and
# hands its unacknowledged messages to others.
HEARTBEAT_MS = 30_000
# A consumer with nothing to take polls Redis again after at most this long
# (Dramatiq's default, 1 s, would leave a freed build slot idle that long).
POLL_MS = 100


def build_queue(driver: str) -> str:
    return f"builds.{driver}"


class Queue:
    """The Dramatiq broker and actors of one process. Every process can send;
    `serve` consumes (djinn worker)."""

    def __init__(self, config: Config, runtime: Runtime):
        self.config = config
        self.runtime = runtime
        self.broker = self._broker()
        self.worker: Worker | None = None
        self._build_actors = {
            driver: _actor(self.broker, self._run_build, f"build_{driver}", build_queue(driver))
            for driver in KNOWN_DRIVERS
        }
        self._task_actor = _actor(self.broker, self._run_task, "task", TASK_QUEUE)

    def _broker(self) -> RedisBroker:
        return RedisBroker(
            url=self.config.redis_url, namespace=self.config.redis_prefix, middleware=[],
            heartbeat_timeout=HEARTBEAT_MS,
        )

    # ------------------------------------------------------------ sending

    def send_build(self, build_id: int, driver: str) -> None:
        actor = self._build_actors.get(driver)
        if actor is None:
            log.error("build %s names driver %r, which has no queue", build_id, driver)
            return
        actor.send(build_id)

    def send_task(self, name: str, args: list, delay: float = 0) -> None:
        self._task_actor.send_with_options(args=(name, args), delay=int(delay * 1000) if delay > 0 else None)

    # ------------------------------------------------------------ consuming

    def _run_build(self, build_id: int) -> None:
        if self.worker is None:
            raise RuntimeError("this process takes no builds")
        self.worker.run_queued(build_id)

    def _run_task(self, name: str, args: list) -> None:
        from djinn.infra.tasks import lookup

        lookup(name)(self.runtime, *args)

    def serve(self, worker: Worker, *, tasks: bool = True) -> list[dramatiq.Worker]:
        """Consume the queues of `worker`'s drivers (and the task queue), in
        threads of this process; returns the Dramatiq workers to stop."""
        self.worker = worker
        builds = dramatiq.Worker(
            self.broker, queues={build_queue(d) for d in worker.drivers}, worker_threads=worker.concurrency,
            worker_timeout=POLL_MS,
        )
        # Take no more messages than can run: a busy worker leaves the rest
        # to idle ones, and a killed one strands at most what it was running.
        builds.queue_prefetch = worker.concurrency
        consumers = [builds]
        if tasks:
            # A broker of its own, so that long builds never hold up deliveries.
            task_broker = self._broker()
            _actor(task_broker, self._run_task, "task", TASK_QUEUE)
            consumers.append(dramatiq.Worker(
                task_broker, queues={TASK_QUEUE}, worker_threads=TASK_THREADS, worker_timeout=POLL_MS
            ))
        for consumer in consumers:
            consumer.start()
        return consumers

    def close(self) -> None:
        self.broker.close()


def _actor(broker: RedisBroker, fn: Callable, name: str, queue: str) -> dramatiq.Actor:
    return dramatiq.Actor(fn, broker=broker, actor_name=name, queue_name=queue, priority=0, options={})


class QueueTasks:
    """`Tasks` for distributed mode: submissions become Dramatiq messages on
    the task queue, run by whichever `djinn worker` takes them."""

    def __init__(self, queue: Queue):
        self.queue = queue

    def submit(self, fn: Callable, *args, delay: float = 0) -> None:
        name = getattr(fn, "task_name", None)
        if name is None:
            raise TypeError(f"{fn!r} is not a registered task")
        self.queue.send_task(name, list(args), delay)

    def shutdown(self, wait: bool = True) -> None:
        pass


def reannounce(runtime: Runtime, older_than: float) -> list[int]:
    """Send again the builds still queued whose last message is older than
    `older_than` seconds (a message can die with a worker, or be lost with a
    Redis restart); the claim makes a duplicate harmless."""
    if runtime.queue is None:
        return []
    now = utcnow()
    cutoff = now - dt.timedelta(seconds=older_than)
    with runtime.db.transaction() as session:
        stale = session.execute(
            select(Build.id, Build.driver)
            .where(Build.status == Status.QUEUED.value,
                   or_(Build.announced_at < cutoff, Build.announced_at.is_(None) & (Build.created_at < cutoff)))
            .order_by(Build.id).limit(1000)
        ).all()
        if stale:
            session.execute(
                update(Build).where(Build.id.in_([b for b, _ in stale])).values(announced_at=now)
            )
    for build_id, driver in stale:
        runtime.queue.send_build(build_id, driver)
    if stale:
        log.warning("re-announced %d queued builds whose message was lost", len(stale))
    return [build_id for build_id, _ in stale]


def serve_worker(config: Config, *, tasks: bool = True) -> int:
    """`djinn worker`: run builds of this machine's drivers from the queues
    until SIGTERM or SIGINT; builds still running then are killed."""
    from djinn.infra.runtime import Runtime
    from djinn.services.worker import SWEEP_EVERY, Worker, sweep_lost

    runtime = Runtime.build(config)
    worker = Worker(runtime)
    sweep_lost(runtime)
    consumers = runtime.queue.serve(worker, tasks=tasks)
    log.warning("djinn worker %s: %d builds at once, drivers %s", worker.id, worker.concurrency,
                ", ".join(worker.drivers))
    stopping = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stopping.set())
    while not stopping.wait(SWEEP_EVERY):
        try:
            sweep_lost(runtime)
        except Exception:
            log.exception("sweeping lost builds failed")
    worker.stop()
    for consumer in consumers:
        consumer.stop(timeout=10_000)
    runtime.close()
    return 0
