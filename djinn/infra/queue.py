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

import threading
from collections.abc import Callable, Sequence
from typing import Any, ParamSpec, Protocol

import dramatiq
from dramatiq.brokers.redis import RedisBroker

from djinn.infra.config import Config
from djinn.infra.tasks import Task, lookup

P = ParamSpec("P")


class BuildRunner(Protocol):
    """What consumes the build queues: djinn.services.worker.Worker."""

    @property
    def drivers(self) -> Sequence[str]: ...

    @property
    def concurrency(self) -> int: ...

    def run_queued(self, build_id: int) -> object: ...


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

    def __init__(self, config: Config):
        self.config = config
        self.broker = self._broker()
        self.worker: BuildRunner | None = None
        # What task functions are called with: the runtime of the consuming process.
        self.task_context: Any = None
        self._build_actors: dict[str, dramatiq.Actor[[int], None]] = {}
        self._actors_lock = threading.Lock()
        self._task_actor = _actor(self.broker, self._run_task, "task", TASK_QUEUE)

    def _build_actor(self, driver: str) -> dramatiq.Actor[[int], None]:
        with self._actors_lock:
            actor = self._build_actors.get(driver)
            if actor is None:
                actor = self._build_actors[driver] = _actor(
                    self.broker, self._run_build, f"build_{driver}", build_queue(driver)
                )
            return actor

    def _broker(self) -> RedisBroker:
        return RedisBroker(  # type: ignore[no-untyped-call]  # dramatiq leaves RedisBroker.__init__ unannotated
            url=self.config.redis_url,
            namespace=self.config.redis_prefix,
            middleware=[],
            heartbeat_timeout=HEARTBEAT_MS,
        )

    # ------------------------------------------------------------ sending

    def send_build(self, build_id: int, driver: str) -> None:
        self._build_actor(driver).send(build_id)

    def send_task(self, name: str, args: list[Any], delay: float = 0) -> None:
        self._task_actor.send_with_options(args=(name, args), delay=int(delay * 1000) if delay > 0 else None)

    # ------------------------------------------------------------ consuming

    def _run_build(self, build_id: int) -> None:
        if self.worker is None:
            raise RuntimeError("this process takes no builds")
        self.worker.run_queued(build_id)

    def _run_task(self, name: str, args: list[Any]) -> None:
        lookup(name)(self.task_context, *args)

    def serve(self, worker: BuildRunner, task_context: Any, *, tasks: bool = True) -> list[dramatiq.Worker]:
        """Consume the queues of `worker`'s drivers (and, with `tasks`, the
        task queue, calling each task with `task_context`), in threads of
        this process; returns the Dramatiq workers to stop."""
        self.worker = worker
        self.task_context = task_context
        for driver in worker.drivers:
            self._build_actor(driver)  # declared before its queue is consumed
        builds = dramatiq.Worker(
            self.broker,
            queues={build_queue(d) for d in worker.drivers},
            worker_threads=worker.concurrency,
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
            consumers.append(
                dramatiq.Worker(
                    task_broker, queues={TASK_QUEUE}, worker_threads=TASK_THREADS, worker_timeout=POLL_MS
                )
            )
        for consumer in consumers:
            consumer.start()
        return consumers

    def close(self) -> None:
        self.broker.close()


def _actor(broker: RedisBroker, fn: Callable[P, None], name: str, queue: str) -> dramatiq.Actor[P, None]:
    return dramatiq.Actor(fn, broker=broker, actor_name=name, queue_name=queue, priority=0, options={})


class QueueTasks:
    """`Tasks` for distributed mode: submissions become Dramatiq messages on
    the task queue, run by whichever `djinn worker` takes them."""

    def __init__(self, queue: Queue):
        self.queue = queue

    def submit(self, fn: Task[...], *args: Any, delay: float = 0) -> None:
        name = getattr(fn, "task_name", None)
        if name is None:
            raise TypeError(f"{fn!r} is not a registered task")
        self.queue.send_task(name, list(args), delay)

    def shutdown(self, wait: bool = True) -> None:
        pass
