"""The build worker: the database is the queue and the source of truth.

- A build is claimed atomically: one conditional UPDATE from `queued` to
  `running` (on PostgreSQL the candidate row is picked with
  `FOR UPDATE SKIP LOCKED`, so claimers never wait on each other); exactly
  one worker wins.
- While it runs, the worker holds a lease (`worker_id`, `lease_expires_at`)
  which it renews; its watcher also notices a kill request and the build
  timeout, and then ends the build's processes.
- A build is finished exactly once: a conditional UPDATE from `running`,
  by the worker holding it.
- A build whose lease expired lost its worker (a crash, a restart): any
  worker finishes it as `failed` with a message saying so, at start and then
  periodically, so no build stays `running` forever.

`Worker` runs `concurrency` builds at a time in threads of this process.
Embedded, it takes builds itself: the runtime's `wakeup` (set when a build
is queued; by `djinn serve`'s API through a pipe) starts one at once, and
polling catches builds queued by other processes. Distributed (`djinn
worker`), Dramatiq hands it build ids from the queues of its drivers
(djinn.infra.queue) and it claims each one by id; the database still decides who
runs it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import pickle
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Sequence

from sqlalchemy import ScalarSelect, select, update

from djinn.domain import events
from djinn.infra.config import Config
from djinn.infra.db.models import Build, Job, Stage, Status, utcnow
from djinn.infra.runtime import Runtime
from djinn.runner import Context
from djinn.runner.runner import Change, Stop, run_build, write_changes
from djinn.services import tasklist  # noqa: F401  (every task, known by name before a message arrives)

log = logging.getLogger(__name__)
# The worker's statements on builds are Core, not ORM: they run for every
# build and every watch tick, and the ORM's bulk-update path costs more CPU.
BUILDS = Build.__table__

RENEW_EVERY = 5.0
WATCH_EVERY = 0.2
POLL_EVERY = 2.0
SWEEP_EVERY = 10.0
LOST_WORKER = "The worker running this build stopped (crash or restart) before it finished."
# A dead embedded worker is started again after RESTART_MIN seconds, the wait
# doubling up to RESTART_MAX while it keeps dying within RESTART_STABLE.
RESTART_MIN = 1.0
RESTART_MAX = 60.0
RESTART_STABLE = 30.0


def format_worker_id(pid: int, token: str) -> str:
    """A worker's id in `builds.worker_id`: host, process and a random token."""
    return f"{socket.gethostname()}:{pid}:{token}"


class Worker:
    def __init__(
        self,
        runtime: Runtime,
        *,
        concurrency: int | None = None,
        build_timeout: float | None = None,
        drivers: tuple[str, ...] | None = None,
        token: str | None = None,
    ):
        config = runtime.config
        if runtime.store is None:  # Runtime.build always makes one
            raise RuntimeError("this process's runtime has no file store")
        # The worker's own process wakes it with an event (a WakeupPipe
        # wakes the embedded worker's process from the API's).
        if not isinstance(runtime.wakeup, threading.Event):
            raise TypeError("a worker is woken by a threading.Event of its process")
        self.runtime = runtime
        self.database = runtime.db
        self.context = Context(
            database=runtime.db,
            box=runtime.box,
            store=runtime.store,
            artifact_limit=config.max_upload_bytes,
            config=config,
        )
        self.wakeup = runtime.wakeup
        self.concurrency = config.workers if concurrency is None else concurrency
        self.build_timeout = config.build_timeout if build_timeout is None else build_timeout
        self.lease_seconds = config.lease_seconds
        self.drivers = tuple(drivers or config.drivers)
        self.id = format_worker_id(os.getpid(), token or uuid.uuid4().hex[:8])
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._running: dict[int, Stop] = {}
        self._lock = threading.Lock()
        self._last_sweep = 0.0

    # ------------------------------------------------------------ lifecycle

    def start(self) -> Worker:
        """Take builds from the database in `concurrency` threads (embedded mode)."""
        self.sweep_lost()
        for n in range(self.concurrency):
            thread = threading.Thread(target=self._loop, name=f"djinn-worker-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Stop taking builds; builds still running are killed."""
        self._stopping.set()
        self.wakeup.set()
        with self._lock:
            running = list(self._running.values())
        for stop in running:
            stop.request(Status.KILLED.value)
        for thread in self._threads:
            thread.join(timeout)

    def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                if time.monotonic() - self._last_sweep > SWEEP_EVERY:
                    self._last_sweep = time.monotonic()
                    self.sweep_lost()
                build_id = self.claim()
            except Exception:
                log.exception("claiming a build failed")
                build_id = None
                time.sleep(1)
            if build_id is None:
                self.wakeup.wait(POLL_EVERY)
                self.wakeup.clear()
                continue
            self.run(build_id)

    # ------------------------------------------------------------ the queue

    def _lease(self) -> dt.datetime:
        return utcnow() + dt.timedelta(seconds=self.lease_seconds)

    def claim(self, build_id: int | None = None) -> int | None:
        """Take build `build_id` if it is still queued, or else (no id given) the
        oldest queued build of this worker's drivers; None when there is none.
        Exactly one claimer wins a build."""
        target: ScalarSelect[int] | int
        if build_id is None:
            candidate = (
                select(Build.id)
                .where(Build.status == Status.QUEUED.value, Build.driver.in_(self.drivers))
                .order_by(Build.created_at, Build.id)
                .limit(1)
            )
            if not self.database.is_sqlite:
                candidate = candidate.with_for_update(skip_locked=True)
            target = candidate.scalar_subquery()
        else:
            target = build_id
        with self.database.transaction() as session:
            claimed = session.execute(
                update(BUILDS)
                .where(
                    BUILDS.c.id == target,
                    BUILDS.c.status == Status.QUEUED.value,
                    BUILDS.c.driver.in_(self.drivers),
                )
                .values(
                    status=Status.RUNNING.value,
                    worker_id=self.id,
                    lease_expires_at=self._lease(),
                    started_at=utcnow(),
                )
                .returning(BUILDS.c.id, BUILDS.c.namespace_id)
            ).one_or_none()
            if claimed is None:
                return None
            events.build_event(
                session, self.runtime, events.BUILD_STARTED, claimed.id, namespace_id=claimed.namespace_id
            )
            claimed_id: int = claimed.id
            return claimed_id

    def run_queued(self, build_id: int) -> bool:
        """Claim and run build `build_id` (a queue message's work); False when
        another worker had it, it is no longer queued, or this worker stops."""
        if self._stopping.is_set() or self.claim(build_id) is None:
            return False
        self.run(build_id)
        return True

    def sweep_lost(self) -> list[int]:
        return sweep_lost(self.runtime)

    def finish(
        self, build_id: int, status: str, output: str | None = None, changes: Sequence[Change] = ()
    ) -> bool:
        """Record the final status, once, and only by the worker holding the
        build, with the runner's last row `changes` (a stage's end)."""
        now = utcnow()
        values = {"status": status, "finished_at": now, "lease_expires_at": None}
        if output:
            values["output"] = output
        with self.database.transaction() as session:
            done = session.execute(
                update(BUILDS)
                .where(
                    BUILDS.c.id == build_id,
                    BUILDS.c.status == Status.RUNNING.value,
                    BUILDS.c.worker_id == self.id,
                )
                .values(**values)
                .returning(BUILDS.c.namespace_id)
            ).one_or_none()
            if done is None:
                return False
            if changes:
                write_changes(session, changes)
            if status in (Status.KILLED.value, Status.TIMED_OUT.value):
                for model in (Job, Stage):
                    session.execute(
                        update(model)
                        .where(
                            model.build_id == build_id,
                            model.status.in_([Status.QUEUED.value, Status.RUNNING.value]),
                        )
                        .values(status=status, finished_at=now)
                    )
            events.build_event(
                session, self.runtime, events.BUILD_FINISHED, build_id, namespace_id=done.namespace_id
            )
        return True

    # ------------------------------------------------------------ one build

    def run(self, build_id: int) -> None:
        stop = Stop()
        with self._lock:
            self._running[build_id] = stop
        done = threading.Event()
        watcher = threading.Thread(target=self._watch, args=(build_id, stop, done), daemon=True)
        watcher.start()
        try:
            status, output = run_build(self.context, build_id, stop)
        except Exception as e:
            log.exception("build %s failed in the runner", build_id)
            status, output = Status.FAILED.value, f"The worker failed: {e}"
        finally:
            done.set()
            watcher.join()
            with self._lock:
                self._running.pop(build_id, None)
        self.finish(build_id, stop.reason or status, output, changes=stop.unwritten)

    def _watch(self, build_id: int, stop: Stop, done: threading.Event) -> None:
        """Renew the lease; end the build on a kill request or at its timeout."""
        started = time.monotonic()
        renewed = started
        while not done.wait(WATCH_EVERY):
            try:
                with self.database.transaction() as session:
                    if time.monotonic() - renewed >= RENEW_EVERY:
                        session.execute(
                            update(BUILDS)
                            .where(BUILDS.c.id == build_id, BUILDS.c.worker_id == self.id)
                            .values(lease_expires_at=self._lease())
                        )
                        renewed = time.monotonic()
                    kill = session.execute(
                        select(BUILDS.c.kill_requested).where(BUILDS.c.id == build_id)
                    ).scalar_one()
            except Exception:
                log.exception("watching build %s failed", build_id)
                continue
            if kill:
                stop.request(Status.KILLED.value)
            elif time.monotonic() - started > self.build_timeout:
                stop.request(Status.TIMED_OUT.value)


class WakeupPipe:
    """The API's end of the embedded worker's wake-up: `set()` writes a byte
    to a pipe the worker reads, and never blocks. (A shared
    `multiprocessing.Event` did: its `set()` waits for every sleeper to
    acknowledge, and one that was killed never does, so after the worker died
    each submission hung.) A full pipe already holds a wake-up; a worker that
    starts later reads what is there. With `djinn serve --processes N` every
    API process inherits the writing end (`writer`) and wakes the one worker
    through it (`PipeWakeup`)."""

    def __init__(self) -> None:
        self.reader, self.writer = os.pipe()
        os.set_blocking(self.writer, False)

    def set(self) -> None:
        with contextlib.suppress(OSError):
            os.write(self.writer, b"\0")

    def close(self) -> None:
        for fd in (self.reader, self.writer):
            with contextlib.suppress(OSError):
                os.close(fd)


class PipeWakeup:
    """The wake-up of an API process that inherited the writing end of the
    worker's pipe (`djinn serve --processes N`)."""

    def __init__(self, writer: int):
        self.writer = writer

    def set(self) -> None:
        with contextlib.suppress(OSError):
            os.write(self.writer, b"\0")


def _relay(reader: int, wakeup: threading.Event) -> None:
    """In the worker: turn each byte from the API into a set of this process's event."""
    while True:
        try:
            if not os.read(reader, 4096):
                return  # every API process is gone
        except OSError:
            return
        wakeup.set()


class EmbeddedWorker:
    """The worker of `djinn serve`, in a child process of its own: builds
    then never wait for the API's interpreter lock, nor the API for theirs,
    and the two use both cores. The API wakes it through a pipe the moment a
    build is queued, and never waits on it. A supervising thread restarts it
    should it die (its running builds then end as failed at once, their
    processes ended by their watchdog); it stops with the server (SIGTERM:
    its running builds are killed), and on its own if the server dies.

    The child is `python -m djinn.services.embedded`, started with
    subprocess, not multiprocessing: a spawned multiprocessing child re-imports
    the parent's main module (the `djinn` command, and with it the HTTP edge)
    and comes with a resource tracker process; this one imports only what
    running builds needs. Its configuration reaches it pickled on stdin (the
    secret key stays out of its command line and environment)."""

    def __init__(self, runtime: Runtime):
        self.runtime = runtime
        self.wakeup = WakeupPipe()
        runtime.wakeup = self.wakeup
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self.process, self.worker_id = self._start()
        self._supervisor = threading.Thread(
            target=self._supervise, name="djinn-worker-supervisor", daemon=True
        )
        self._supervisor.start()

    def _start(self) -> tuple[subprocess.Popen[bytes], str]:
        token = uuid.uuid4().hex[:8]
        argv = [
            sys.executable,
            "-m",
            "djinn.services.embedded",
            str(self.wakeup.reader),
            str(os.getpid()),
            token,
        ]
        process = subprocess.Popen(argv, stdin=subprocess.PIPE, pass_fds=(self.wakeup.reader,))
        assert process.stdin is not None  # stdin=PIPE
        with contextlib.suppress(BrokenPipeError):  # it died at once: the supervisor sees it
            process.stdin.write(pickle.dumps(self.runtime.config))
        with contextlib.suppress(BrokenPipeError):
            process.stdin.close()
        return process, format_worker_id(process.pid, token)

    def _supervise(self) -> None:
        backoff = RESTART_MIN
        while not self._stopping.is_set():
            started = time.monotonic()
            code = self.process.wait()
            if self._stopping.is_set():
                return
            how = f"killed by signal {-code}" if code < 0 else f"exit status {code}"
            lost = []
            try:
                lost = sweep_lost(self.runtime, worker_id=self.worker_id)
            except Exception:
                log.exception("failing the builds of the dead embedded worker failed")
            quick = time.monotonic() - started < RESTART_STABLE
            delay = backoff if quick else RESTART_MIN
            backoff = min(delay * 2, RESTART_MAX) if quick else RESTART_MIN
            log.error(
                "the embedded worker (pid %s) died (%s) with %d builds running; restarting it in %gs",
                self.process.pid,
                how,
                len(lost),
                delay,
            )
            if self._stopping.wait(delay):
                return
            with self._lock:
                if self._stopping.is_set():
                    return
                self.process, self.worker_id = self._start()
                log.warning("the embedded worker restarted (pid %s)", self.process.pid)

    def stop(self, timeout: float = 15.0) -> None:
        with self._lock:
            self._stopping.set()
        if self.process.poll() is None:
            self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._supervisor.join(timeout)
        self.wakeup.close()


def run_embedded(config: Config, reader: int, parent_pid: int, token: str) -> None:
    """The embedded worker process (djinn.services.embedded): run builds
    until SIGTERM, or until the server that started it is gone."""
    runtime = Runtime.build(config)
    runtime.wakeup = threading.Event()
    threading.Thread(target=_relay, args=(reader, runtime.wakeup), name="djinn-wakeup", daemon=True).start()
    worker = Worker(runtime, token=token).start()
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the server, which stops us
    while not stopping.wait(1.0):
        if os.getppid() != parent_pid:  # the server died without stopping us
            break
    worker.stop()
    runtime.close()
    runtime.db.dispose()


def embedded(runtime: Runtime) -> EmbeddedWorker | None:
    """The worker `djinn serve` runs beside the API, on the API's runtime;
    None when configured with no embedded worker."""
    config = runtime.config
    if config.workers <= 0 or not config.embedded_worker:
        return None
    return EmbeddedWorker(runtime)


def sweep_lost(runtime: Runtime, *, worker_id: str | None = None) -> list[int]:
    """Finish as failed the running builds whose worker's lease expired (the
    worker died or lost the database): run by every worker now and then and
    by the scheduler, so a build is never left `running`. With `worker_id`:
    that worker's builds, lease or not (it is known to be dead)."""
    now = utcnow()
    lost_clause = Build.lease_expires_at < now if worker_id is None else Build.worker_id == worker_id
    with runtime.db.transaction() as session:
        lost = list(
            session.execute(
                update(Build)
                .where(Build.status == Status.RUNNING.value, lost_clause)
                .values(
                    status=Status.FAILED.value, finished_at=now, output=LOST_WORKER, lease_expires_at=None
                )
                .returning(Build.id)
            ).scalars()
        )
        if lost:
            for model in (Job, Stage):
                session.execute(
                    update(model)
                    .where(
                        model.build_id.in_(lost),
                        model.status.in_([Status.QUEUED.value, Status.RUNNING.value]),
                    )
                    .values(status=Status.FAILED.value, finished_at=now)
                )
        for build_id in lost:
            events.build_event(session, runtime, events.BUILD_FINISHED, build_id)
    for build_id in lost:
        log.warning("build %s lost its worker; finished as failed", build_id)
    return lost


def serve_worker(config: Config, *, tasks: bool = True) -> int:
    """`djinn worker`: run builds of this machine's drivers from the queues
    until SIGTERM or SIGINT; builds still running then are killed."""
    runtime = Runtime.build(config)
    if runtime.queue is None:  # `djinn worker` checks DJINN_REDIS_URL first
        raise RuntimeError("a djinn worker needs DJINN_REDIS_URL")
    worker = Worker(runtime)
    sweep_lost(runtime)
    consumers = runtime.queue.serve(worker, runtime, tasks=tasks)
    log.warning(
        "djinn worker %s: %d builds at once, drivers %s",
        worker.id,
        worker.concurrency,
        ", ".join(worker.drivers),
    )
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
