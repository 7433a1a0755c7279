"""The background-work seam: the API and the workers hand work to
`Tasks.submit` and go on at once.

A task is a plain function registered with `@task`; it is called as
`fn(runtime, *args)` with the process's `Runtime` (database, store, secret
box, settings) and JSON-able arguments (ids, strings), so that the same task
runs in a thread of this process (embedded mode, `Tasks`) or in a `djinn
worker` on another machine (distributed mode, `djinn.infra.queue.QueueTasks`, over
Dramatiq). A task that wants another try later submits itself again with a
`delay`; no task relies on the queue's own retries.

Work that a database change causes is submitted with `after_commit`, so the
task never runs before (or without) the change it reads.
"""

from __future__ import annotations

import concurrent.futures
import logging
import threading
from collections.abc import Callable
from typing import Any, ParamSpec, Protocol, cast

from sqlalchemy import event
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

P = ParamSpec("P")


class Task(Protocol[P]):
    """A function registered with `@task`: callable as before, and known by
    its `task_name`."""

    task_name: str

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> object: ...


class Submitter(Protocol):
    """Where tasks are submitted: `Tasks`, or djinn.infra.queue.QueueTasks."""

    def submit(self, fn: Task[...], *args: Any, delay: float = 0) -> None: ...


REGISTRY: dict[str, Task[...]] = {}


def task(fn: Callable[P, object]) -> Task[P]:
    """Register `fn(runtime, *args)` as a task, known by module and name."""
    registered = cast("Task[P]", fn)  # the same function, given its task_name here
    registered.task_name = f"{fn.__module__}.{fn.__name__}"
    REGISTRY[registered.task_name] = registered
    return registered


def lookup(name: str) -> Task[...]:
    """The task registered as `name`; a process that runs tasks by name
    (djinn.services.worker.serve_worker) imports djinn.services.tasklist first."""
    return REGISTRY[name]


class Tasks:
    """Embedded mode: tasks run in a thread pool of this process."""

    def __init__(self, runtime: Any = None, workers: int = 4):
        # `runtime` is what every task is called with: the process's
        # djinn.infra.runtime.Runtime, which holds this object in turn.
        self.runtime = runtime
        self._pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=workers, thread_name_prefix="djinn-task"
        )
        self._timers: set[threading.Timer] = set()
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, fn: Task[...], *args: Any, delay: float = 0) -> None:
        if getattr(fn, "task_name", None) is None:
            raise TypeError(f"{fn!r} is not a registered task")
        if delay > 0:
            timer = threading.Timer(delay, self._fire, args=(fn, args))
            timer.daemon = True
            with self._lock:
                if self._closed:
                    return
                self._timers.add(timer)
            timer.start()
            return
        self._run_soon(fn, args)

    def _fire(self, fn: Task[...], args: tuple[Any, ...]) -> None:
        with self._lock:
            self._timers = {t for t in self._timers if t.is_alive() and t is not threading.current_thread()}
        self._run_soon(fn, args)

    def _run_soon(self, fn: Task[...], args: tuple[Any, ...]) -> None:
        try:
            future = self._pool.submit(fn, self.runtime, *args)
        except RuntimeError:  # shut down
            log.warning("task %s dropped: the task pool is shut down", fn.task_name)
            return
        future.add_done_callback(_log_failure)

    def shutdown(self, wait: bool = True) -> None:
        with self._lock:
            self._closed = True
            timers, self._timers = self._timers, set()
        for timer in timers:
            timer.cancel()
        self._pool.shutdown(wait=wait)


def after_commit(session: Session, tasks: Submitter, fn: Task[...], *args: Any, delay: float = 0) -> None:
    """Submit the task once `session`'s transaction commits; a rollback drops it."""
    on_commit(session, lambda: tasks.submit(fn, *args, delay=delay))


def on_commit(session: Session, callback: Callable[[], None]) -> None:
    """Call `callback()` once `session`'s transaction commits; a rollback drops it."""
    pending = session.info.get(_PENDING)
    if pending is None:
        pending = session.info[_PENDING] = []
        event.listen(session, "after_commit", _run_pending)
        event.listen(session, "after_rollback", _drop_pending)
    pending.append(callback)


_PENDING = "djinn.infra.tasks.pending"


def _run_pending(session: Session) -> None:
    pending, session.info[_PENDING] = session.info.get(_PENDING) or [], []
    for callback in pending:
        try:
            callback()
        except Exception:
            log.exception("an after-commit action failed")


def _drop_pending(session: Session) -> None:
    session.info[_PENDING] = []


def _log_failure(future: concurrent.futures.Future[object]) -> None:
    if not future.cancelled() and future.exception() is not None:
        log.error("background task failed", exc_info=future.exception())
