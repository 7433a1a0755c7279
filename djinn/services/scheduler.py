"""The scheduler: fires due cron schedules, and beside that sweeps builds
that lost their worker and runs the artifact curator.

Any number of schedulers may run (`djinn scheduler` processes, the one
embedded in each `djinn serve`); each due time still fires exactly once:

- due schedules are read in batches (`DJINN_SCHEDULER_BATCH`), oldest due
  first, and each is fired in its own transaction that first claims it with
  a conditional UPDATE (`next_run` moves on only if it is still the due time
  read), so of several schedulers exactly one wins a due time. On PostgreSQL
  the row is first taken `FOR UPDATE SKIP LOCKED`, so schedulers never wait
  on each other; on SQLite the UPDATE comes first, which takes the write lock
  before anything is read.
- the winner submits the build in the same transaction: the claim, the
  build and its CronBuild row commit together or not at all.
- a schedule whose manifest no longer validates for its author (they lost
  access to the namespace, a driver was disabled) is moved to its next time
  anyway and the failure logged, so it neither blocks the others nor fails
  again on every tick.
- `next_run` always moves to the first time after *now*: a scheduler that was
  down for days fires a due schedule once, not once per missed period.
"""

from __future__ import annotations

import datetime as dt
import logging
import signal
import sys
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import Any, TypeVarTuple, Unpack, cast

from sqlalchemy import CursorResult, case, literal, or_, select, update
from sqlalchemy.orm import Session

from djinn.domain import cron as crons
from djinn.infra.config import Config
from djinn.infra.db.models import Build, Cron, Status, utcnow
from djinn.infra.errors import DjinnError, ValidationFailed
from djinn.infra.runtime import Runtime
from djinn.services import curator
from djinn.services.worker import sweep_lost

log = logging.getLogger(__name__)

SWEEP_EVERY = 10.0
Ts = TypeVarTuple("Ts")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _reason(error: DjinnError) -> str:
    if isinstance(error, ValidationFailed):
        return "; ".join(
            f"{field}: {message}" for field, messages in error.errors.items() for message in messages
        )
    return str(error)


class _NotSubmitted(Exception):
    """The claimed schedule's build could not be submitted."""


class Scheduler:
    def __init__(
        self,
        runtime: Runtime,
        clock: Callable[[], dt.datetime] = utc_now,
        batch: int | None = None,
        stopping: threading.Event | None = None,
    ):
        self.runtime = runtime
        self.clock = clock
        self.batch = batch or runtime.config.scheduler_batch
        # Set to make a tick return after the schedule it is firing.
        self.stopping = stopping or threading.Event()

    def tick(self, now: dt.datetime | None = None) -> int:
        """Fire every schedule due at `now` (the clock's time when not given);
        returns how many builds this scheduler submitted."""
        now = now or self.clock()
        fired = 0
        while True:
            due = self._due(now)
            claimed = 0
            for cron_id, due_at in due:
                if self.stopping.is_set():
                    return fired
                outcome = self._fire(cron_id, due_at, now)
                claimed += outcome is not None
                fired += bool(outcome)
            # A short batch held every due schedule; a batch of which this
            # scheduler won nothing is being fired by another one.
            if len(due) < self.batch or not claimed:
                return fired

    def _due(self, now: dt.datetime) -> list[tuple[int, dt.datetime]]:
        with self.runtime.db.session() as session:
            return list(
                session.execute(
                    select(Cron.id, Cron.next_run)
                    .where(Cron.next_run <= now)
                    .order_by(Cron.next_run, Cron.id)
                    .limit(self.batch)
                ).all()
            )

    def _fire(self, cron_id: int, due: dt.datetime, now: dt.datetime) -> bool | None:
        """True: fired; False: claimed but its build could not be submitted;
        None: another scheduler had it (or it changed since it was read)."""
        try:
            with self.runtime.db.transaction() as session:
                cron = self._claim(session, cron_id, due, now)
                if cron is None:
                    return None
                try:
                    build = crons.submit_build(session, self.runtime, cron)
                except Exception as e:
                    raise _NotSubmitted(f"cron {cron.id} ({cron.name!r})") from e
                fired = (cron.id, cron.name, due.isoformat(), build.id)
            log.info("cron %s (%r) due %s submitted build %s", *fired)
            return True
        except _NotSubmitted as e:
            if isinstance(e.__cause__, DjinnError):
                # Refused like any submission (the author may no longer work
                # in the namespace, the manifest no longer validates): why is
                # the whole story, a traceback would only hide it.
                log.warning(
                    "%s is due but its build could not be submitted (%s); it fires again at its next time",
                    e,
                    _reason(e.__cause__),
                )
            else:
                log.warning(
                    "%s is due but its build could not be submitted; it fires again at its next time",
                    e,
                    exc_info=e.__cause__,
                )
        # The submission was rolled back with the claim: move the schedule on alone.
        with self.runtime.db.transaction() as session:
            return False if self._claim(session, cron_id, due, now) is not None else None

    def _claim(self, session: Session, cron_id: int, due: dt.datetime, now: dt.datetime) -> Cron | None:
        """Move the schedule from `due` to its next time after `now`, if it is
        still due at `due`; the schedule, or None when another scheduler won it."""
        if not self.runtime.db.is_sqlite:
            locked = session.execute(
                select(Cron.id)
                .where(Cron.id == cron_id, Cron.next_run == due)
                .with_for_update(skip_locked=True)
            ).scalar_one_or_none()
            if locked is None:
                return None
        # On SQLite the UPDATE must come first: it takes the write lock, and
        # a transaction that read first could not write after another's commit.
        when = Cron.__table__.c.next_run.type
        next_runs = {s: literal(crons.next_run_after(s, now), when) for s in crons.SCHEDULES}
        # An UPDATE's result is a CursorResult (Session.execute says only Result).
        claimed = cast(
            CursorResult[Any],
            session.execute(
                update(Cron)
                .where(Cron.id == cron_id, Cron.next_run == due)
                .values(prev_run=due, next_run=case(next_runs, value=Cron.schedule))
                .execution_options(synchronize_session=False)
            ),
        ).rowcount
        if not claimed:
            return None
        return session.get(Cron, cron_id, populate_existing=True)


# ------------------------------------------------------------------ running it


def run(runtime: Runtime, stopping: threading.Event, scheduler: Scheduler | None = None) -> None:
    """Tick every `scheduler_interval` seconds until `stopping` is set; sweep
    lost builds (and, distributed, re-announce builds whose queue message was
    lost) every 10 s, and curate artifacts every `curator_interval` seconds
    (0: never). A failing step is logged and tried again later."""
    config = runtime.config
    scheduler = scheduler or Scheduler(runtime, stopping=stopping)
    last_sweep = last_curation = -float("inf")
    while not stopping.is_set():
        started = time.monotonic()
        _logged("firing due cron schedules", scheduler.tick)
        if started - last_sweep >= SWEEP_EVERY:
            last_sweep = started
            _logged("sweeping builds that lost their worker", sweep_lost, runtime)
            if runtime.queue is not None:
                _logged("re-announcing queued builds", reannounce, runtime, config.reannounce_seconds)
        if config.curator_interval > 0 and started - last_curation >= config.curator_interval:
            last_curation = started
            _logged("curating artifacts", curator.curate, runtime)
        stopping.wait(max(0.0, config.scheduler_interval - (time.monotonic() - started)))


def _logged(what: str, fn: Callable[[Unpack[Ts]], object], *args: *Ts) -> None:
    try:
        fn(*args)
    except Exception:
        log.exception("%s failed", what)


def start_embedded(runtime: Runtime) -> Callable[[], None]:
    """Run the scheduler in a thread of this process (`djinn serve`); returns
    the function that stops it."""
    stopping = threading.Event()
    thread = threading.Thread(target=run, args=(runtime, stopping), name="djinn-scheduler", daemon=True)
    thread.start()

    def stop(timeout: float = 10.0) -> None:
        stopping.set()
        thread.join(timeout)

    return stop


def serve_scheduler(config: Config) -> int:
    """`djinn scheduler`: run until SIGTERM or SIGINT."""
    logging.basicConfig(
        level=logging.DEBUG if config.debug else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    runtime = Runtime.build(config)
    stopping = threading.Event()

    def stop(_signum: int, _frame: FrameType | None) -> None:
        stopping.set()

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, stop)
    print(
        f"djinn scheduler: firing due cron schedules every {config.scheduler_interval:g}s"
        f" (batches of {config.scheduler_batch}), curating artifacts every {config.curator_interval:g}s",
        file=sys.stderr,
        flush=True,
    )
    try:
        run(runtime, stopping)
    finally:
        runtime.close()
        runtime.db.dispose()
    print("djinn scheduler: stopped", file=sys.stderr, flush=True)
    return 0


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
            .where(
                Build.status == Status.QUEUED.value,
                or_(Build.announced_at < cutoff, Build.announced_at.is_(None) & (Build.created_at < cutoff)),
            )
            .order_by(Build.id)
            .limit(1000)
        ).all()
        if stale:
            session.execute(update(Build).where(Build.id.in_([b for b, _ in stale])).values(announced_at=now))
    for build_id, driver in stale:
        runtime.queue.send_build(build_id, driver)
    if stale:
        log.warning("re-announced %d queued builds whose message was lost", len(stale))
    return [build_id for build_id, _ in stale]
