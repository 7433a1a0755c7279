"""Takes one claimed build through its jobs (BEHAVIOUR.md §2.3): create the
driver, place objects and SSH keys, run the clone jobs and then the stages in
order, collect artifacts after each job, and always destroy the driver.

Job output is written to the database as it is produced (a few times a
second), with every masked variable's value replaced by `xxxxxx`, so a job
can be followed while it runs. The worker decides when a build stops early
(kill, timeout) through `Stop`; the worker also records the final status.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import threading
import time
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.orm import Session

from djinn.domain import builds
from djinn.domain.manifest import KNOWN_DRIVERS, parse_manifest
from djinn.infra.db.models import Artifact, Base, Build, BuildKey, BuildObject, Job, Stage, Status, utcnow
from djinn.infra.db.session import Database
from djinn.infra.storage import read_chunks
from djinn.runner import Context, Driver, DriverError, new_driver, prepare_settings

MASK = "xxxxxx"
FLUSH_INTERVAL = 0.2
OBJECT_KIND = "objects"

# A row's columns to write: (model, id, {column: value}).
Change = tuple[type[Base], int, dict[str, Any]]


def job_script(commands: str) -> str:
    return "#!/bin/sh\nexec 2>&1\nset -ex\n" + commands + "\n"


class Stop:
    """Why a running build must end early ("killed", "timed_out"); set from
    the worker's watcher thread, which also kills what the driver runs."""

    def __init__(self) -> None:
        self.reason: str | None = None
        self.driver: Driver | None = None
        # Row changes ((model, id, values)) the runner leaves for the worker
        # to write in the transaction that finishes the build.
        self.unwritten: list[Change] = []
        self._lock = threading.Lock()

    def requested(self) -> str | None:
        """`reason` as it is now: another thread may set it at any time (a
        call, so that a type checker does not keep an earlier check's answer)."""
        return self.reason

    def request(self, reason: str) -> None:
        with self._lock:
            if self.reason is not None:
                return
            self.reason = reason
            driver = self.driver
        if driver is not None:
            driver.kill()


class JobOutput:
    """A job's output as it grows: decoded, masked, written to its row."""

    def __init__(self, database: Database, job_id: int, masks: list[str]):
        self.database, self.job_id = database, job_id
        self.masks = sorted({m for m in masks if m}, key=len, reverse=True)
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.text = ""
        self.written: str | None = None
        # The first output waits for the flush interval like the rest: a job
        # done within it (most are) has its output written once, at its end.
        self.last_flush = time.monotonic()
        self.finished = False
        self.lock = threading.Lock()

    def __call__(self, chunk: bytes) -> None:
        with self.lock:
            self.text += self.decoder.decode(chunk)
        if time.monotonic() - self.last_flush >= FLUSH_INTERVAL:
            self.flush()

    def follow(self) -> JobOutput:
        """Also flush on a timer, so output written before a quiet spell shows at once."""
        self._closed = threading.Event()

        def tick() -> None:
            while not self._closed.wait(FLUSH_INTERVAL):
                with contextlib.suppress(Exception):
                    self.flush()

        threading.Thread(target=tick, daemon=True, name=f"djinn-output-{self.job_id}").start()
        return self

    def write(self, text: str) -> None:
        self(text.encode())

    def masked(self, final: bool) -> str:
        """The output with masked values replaced. Until the job ends, a tail
        that could be the start of a masked value is held back, so no part
        of a secret is ever stored while the rest is still to come."""
        text = self.text
        if not final:
            hold = 0
            for value in self.masks:
                for n in range(min(len(value) - 1, len(text)), hold, -1):
                    if text.endswith(value[:n]):
                        hold = n
                        break
            text = text[: len(text) - hold]
        for value in self.masks:
            text = text.replace(value, MASK)
        return text

    def flush(self, final: bool = False) -> None:
        """Write the output if it changed."""
        if final and getattr(self, "_closed", None) is not None:
            self._closed.set()
        with self.lock:
            if self.finished:
                return  # a timer tick that lost the race with the final flush
            self.finished = final
            self.last_flush = time.monotonic()
            if final:
                self.text += self.decoder.decode(b"", final=True)
            text = self.masked(final)
            if text != self.written:
                _set(self.database, Job, self.job_id, output=text)
            self.written = text

    def finish(self, pending: list[Change], **job_values: Any) -> None:
        """The job's final output and `job_values` (its status), left in
        `pending`: they are written with the build's next write (the next
        job's start, or the build's finish), which follows at once."""
        if getattr(self, "_closed", None) is not None:
            self._closed.set()
        with self.lock:
            if self.finished:
                return
            self.finished = True
            self.text += self.decoder.decode(b"", final=True)
            text = self.masked(True)
            if text != self.written:
                job_values["output"] = text
            pending.append((Job, self.job_id, job_values))
            self.written = text


def _set(database: Database, model: type[Base], row_id: int, **values: Any) -> None:
    _write(database, (model, row_id, values))


def _write(database: Database, *changes: Change) -> None:
    """Rows' columns ((model, id, values) each) in one transaction. Core, not
    the ORM: a build makes a dozen of these, and the ORM's bulk-update
    machinery costs more CPU than the statements."""
    with database.engine.begin() as connection:
        write_changes(connection, changes)


def write_changes(connection: Connection | Session, changes: Iterable[Change]) -> None:
    for model, row_id, values in changes:
        table = model.__table__
        connection.execute(update(table).where(table.c.id == row_id).values(**values))


@dataclasses.dataclass
class _Plan:
    build: Build
    driver_type: str
    driver_settings: dict[str, str]
    env: dict[str, str]
    masks: list[str]
    stages: list[Stage]
    jobs: dict[int, list[Job]]  # by stage id
    objects: list[BuildObject]
    keys: list[tuple[BuildKey, str, str]]  # (row, private key, config)
    artifacts: dict[int, list[Artifact]]  # by job id


def _plan(ctx: Context, build_id: int) -> _Plan:
    with ctx.database.session() as session:
        build = session.get_one(Build, build_id)
        manifest = parse_manifest(build.manifest, KNOWN_DRIVERS)
        variables = [
            (v.key, builds.open_variable(ctx.box, v.value) if v.masked else v.value, v.masked)
            for v in session.execute(builds.variables_of(build)).scalars()
        ]
        env = dict(manifest.env)
        env.update({key: value for key, value, _masked in variables})
        stages = list(
            session.execute(
                select(Stage).where(Stage.build_id == build_id).order_by(Stage.position)
            ).scalars()
        )
        jobs: dict[int, list[Job]] = {stage.id: [] for stage in stages}
        for job in session.execute(builds.jobs_of(build)).scalars():
            jobs[job.stage_id].append(job)
        artifacts: dict[int, list[Artifact]] = {}
        for artifact in session.execute(builds.artifacts_of(build, None)).scalars():
            artifacts.setdefault(artifact.job_id, []).append(artifact)
        key_rows = list(session.execute(builds.keys_of(build)).scalars())
        material = {
            key_id: (private, config)
            for _name, private, config, key_id in (
                builds.keys_for_build(session, ctx.box, builds.submitter_id(session, build), build.namespace)
                if key_rows
                else ()
            )
        }
        keys = [(row, *material[row.key_id]) for row in key_rows if row.key_id in material]
        objects = list(session.execute(builds.objects_of(build, None)).scalars())
        driver_settings = manifest.driver
        # e.g. qemu: the user's Image of that name, found with this session
        driver_settings = prepare_settings(manifest.driver_type, session, ctx.store, build, driver_settings)
        return _Plan(
            build=build,
            driver_type=manifest.driver_type,
            driver_settings=driver_settings,
            env=env,
            masks=[value for _key, value, masked in variables if masked],
            stages=stages,
            jobs=jobs,
            objects=objects,
            keys=keys,
            artifacts=artifacts,
        )


def run_build(ctx: Context, build_id: int, stop: Stop) -> tuple[str, str | None]:
    """Run a build that is `running` and held by the caller; returns its
    final status and, when it failed outside any job, why."""
    plan = _plan(ctx, build_id)
    try:
        driver = new_driver(plan.driver_type, plan.driver_settings, ctx)
    except DriverError as e:
        return Status.FAILED.value, str(e)
    stop.driver = driver
    if stop.reason:  # killed before the driver existed
        driver.kill()
    try:
        return _run(ctx, plan, driver, stop), None
    finally:
        with contextlib.suppress(Exception):
            driver.destroy()


def _run(ctx: Context, plan: _Plan, driver: Driver, stop: Stop) -> str:
    # Each write of the build carries what happened since the last one: a
    # job's start carries the previous job's end and the stage changes in
    # between, and the build's finish (by the worker) carries the last of
    # them; a trivial build makes four writes in all.
    pending: list[Change] = []
    try:
        return _stages(ctx, plan, driver, stop, pending)
    finally:
        stop.unwritten.extend(pending)


def _stages(ctx: Context, plan: _Plan, driver: Driver, stop: Stop, pending: list[Change]) -> str:
    setup, *stages = plan.stages
    setup_jobs = plan.jobs[setup.id]
    pending.append(_started(Stage, setup.id))
    ok = _create(ctx, plan, driver, setup_jobs[0], stop, pending)
    for job in setup_jobs[1:]:
        ok = ok and _job(ctx, plan, driver, job, stop, pending)
    if not ok:
        pending.append(_ended(Stage, setup.id, stop.reason or Status.FAILED.value))
        return stop.reason or Status.FAILED.value
    pending.append(_ended(Stage, setup.id, Status.PASSED.value))

    with_failures = False
    for stage in stages:
        if stop.reason:
            return stop.reason
        pending.append(_started(Stage, stage.id))
        passed = True
        for job in plan.jobs[stage.id]:
            if stop.requested():
                break
            passed = _job(ctx, plan, driver, job, stop, pending) and passed
            if not passed:
                break
        status = stop.requested() or (Status.PASSED.value if passed else Status.FAILED.value)
        pending.append(_ended(Stage, stage.id, status))
        if reason := stop.requested():
            return reason
        if not passed:
            if not stage.can_fail:
                return Status.FAILED.value
            with_failures = True
    return Status.PASSED_WITH_FAILURES.value if with_failures else Status.PASSED.value


def _started(model: type[Base], row_id: int) -> Change:
    return (model, row_id, {"status": Status.RUNNING.value, "started_at": utcnow()})


def _start_job(ctx: Context, job: Job, pending: list[Change]) -> None:
    """The job is running, written with the stage changes waiting to be."""
    _write(
        ctx.database,
        *pending,
        (Job, job.id, {"status": Status.RUNNING.value, "started_at": utcnow(), "output": ""}),
    )
    pending.clear()


def _create(ctx: Context, plan: _Plan, driver: Driver, job: Job, stop: Stop, pending: list[Change]) -> bool:
    """The create-driver job: the driver's creation log, then objects and keys placed."""
    _start_job(ctx, job, pending)
    out = JobOutput(ctx.database, job.id, plan.masks).follow()
    failure: list[BaseException] = []

    def create() -> None:
        try:
            driver.create(out)
        except Exception as e:  # noqa: BLE001  (any failure of a driver fails the build, with its reason)
            failure.append(e)

    creator = threading.Thread(target=create, daemon=True, name=f"djinn-create-{job.build_id}")
    creator.start()
    creator.join(ctx.create_timeout)
    if creator.is_alive():
        out.write(f"Creating the driver took longer than {ctx.create_timeout:g} s\n")
        stop.request(Status.TIMED_OUT.value)
    elif failure:
        out.write(f"Creating the driver failed: {failure[0]}\n")
    if creator.is_alive() or failure:
        out.finish(pending, status=stop.reason or Status.FAILED.value, finished_at=utcnow())
        return False
    for placed in plan.objects:
        try:
            if placed.object_id is None:  # the object was deleted after the build was submitted
                raise FileNotFoundError("the object no longer exists")
            with ctx.store.open(OBJECT_KIND, placed.object_id) as source:
                where = driver.place(placed.name, source)
            _set(ctx.database, BuildObject, placed.id, placed=True)
            out.write(f"Placed object {placed.source} at {where}\n")
        except (OSError, DriverError, TypeError) as e:
            out.write(f"Could not place object {placed.source} at {placed.name}: {e}\n")
    if plan.keys:
        import io

        config = []
        for row, private, key_config in plan.keys:
            try:
                where = driver.place(f"{driver.home}/.ssh/{row.name}", io.BytesIO(private.encode()), 0o600)
                out.write(f"Placed SSH key {row.name} at {where}\n")
                if key_config.strip():
                    config.append(key_config.strip() + "\n")
            except DriverError as e:
                out.write(f"Could not place SSH key {row.name}: {e}\n")
        with contextlib.suppress(DriverError):
            driver.place(f"{driver.home}/.ssh/config", io.BytesIO("\n".join(config).encode()), 0o600)
    out.finish(pending, status=stop.reason or Status.PASSED.value, finished_at=utcnow())
    return stop.reason is None


def _ended(model: type[Base], row_id: int, status: str) -> Change:
    return (model, row_id, {"status": status, "finished_at": utcnow()})


def _job(ctx: Context, plan: _Plan, driver: Driver, job: Job, stop: Stop, pending: list[Change]) -> bool:
    _start_job(ctx, job, pending)
    out = JobOutput(ctx.database, job.id, plan.masks).follow()
    try:
        code = driver.execute(job_script(job.commands), plan.env, out)
    except Exception as e:  # noqa: BLE001
        out.write(f"\nThe driver failed to run the job: {e}\n")
        code = -1
    if not stop.reason:
        _collect(ctx, driver, plan.artifacts.get(job.id, []), out)
    if code != 0 and not stop.reason:
        out.write(f"\nexit status {code}\n")
    status = stop.reason or (Status.PASSED.value if code == 0 else Status.FAILED.value)
    out.finish(pending, status=status, finished_at=utcnow())
    return status == Status.PASSED.value


def _collect(ctx: Context, driver: Driver, artifacts: list[Artifact], out: JobOutput) -> None:
    for artifact in artifacts:
        try:
            digest = ctx.store.put(
                builds.ARTIFACT_KIND,
                artifact.id,
                read_chunks(driver.collect(artifact.source)),
                ctx.artifact_limit,
            )
        except (DriverError, OSError) as e:
            out.write(f"artifact {artifact.source}: {e}; not collected\n")
            continue
        except Exception as e:  # noqa: BLE001  (too large, ...)
            out.write(f"artifact {artifact.source}: {e}; not collected\n")
            continue
        _set(ctx.database, Artifact, artifact.id, size=digest.size, md5=digest.md5, sha256=digest.sha256)
        out.write(f"collected artifact {artifact.source} as {artifact.name} ({digest.size} bytes)\n")
