"""Benchmark: what each build driver (os, ssh, docker, qemu) adds to a build.

What is measured
    One app is built in this process (djinn.api.app.create_app on a temporary
    SQLite database, migrated by Alembic) with one user and token. For each
    driver whose engine is here, the engine the driver tests use is started
    (tests/drivers/sshd.py's sshd on loopback, tests/drivers/podman.py's
    podman service with its busybox image, tests/drivers/qemu/build-image.sh's
    cached image booted under QEMU), a Worker (concurrency 1) with that
    driver enabled is started, and `--builds` trivial builds (one job: `true`)
    are submitted through the API one after another, each waited for before
    the next; then one build whose job writes a 10 MiB file collected as an
    artifact. The times come from the API (server clock): submit -> running
    is the build's `started_at - created_at`; create-driver and job are those
    jobs' `finished_at - started_at`; submit -> finished is the build's
    `finished_at - created_at`. Each engine is stopped and its files removed
    before the next driver runs.

How to read the figures
    Per driver: median and max over the trivial builds. `x os` is the
    driver's median submit -> finished over the os driver's, measured in the
    same run: what choosing that driver costs a short build. create-driver is
    where the engines differ (an SSH login and workspace, a container, a VM's
    boot: qemu runs under software emulation (tcg) unless
    DJINN_BENCH_QEMU_ACCEL says e.g. kvm, so its boot is several seconds).
    The artifact line shows the 10 MiB build's job (the file written and
    collected) and submit -> finished. A driver whose engine is absent is
    skipped with the reason; a build that does not finish within its bound
    is reported and ends that driver's run. The script always exits 0.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import os
import pathlib
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from djinn.api.app import runtime_of

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pytest  # engine_missing (tests/drivers) skips by raising its outcomes

from djinn.api.app import create_app
from djinn.domain.auth.passwords import hash_password
from djinn.domain.auth.scopes import ALL_SCOPES, format_scope
from djinn.domain.auth.tokens import create_token
from djinn.domain.users import create_user
from djinn.infra.config import Config
from djinn.infra.db.migrate import upgrade
from djinn.infra.db.session import Database
from djinn.services.worker import Worker

FINISHED = {"passed", "passed_with_failures", "failed", "killed", "timed_out"}
JOBS = "stages: [s]\njobs: [{stage: s, commands: ['true']}]\n"
ARTIFACT_BYTES = 10 * 1024 * 1024
ARTIFACT_JOBS = (
    f"stages: [s]\njobs: [{{stage: s, commands: ['head -c {ARTIFACT_BYTES} /dev/zero > blob.bin'], "
    "artifacts: [blob.bin]}]\n"
)
BUILD_IMAGE = ROOT / "tests" / "drivers" / "qemu" / "build-image.sh"
# The longest one build may take, per driver (qemu boots a VM under emulation).
BOUND = {"os": 30.0, "ssh": 60.0, "docker": 120.0, "qemu": 180.0}
SKIPPED = (pytest.skip.Exception, pytest.fail.Exception)


class Skip(Exception):
    """The driver's engine is not here: the message says why."""


def parse(ts: str) -> dt.datetime:
    return dt.datetime.fromisoformat(ts)


def seconds(start: str | None, end: str | None) -> float | None:
    return (parse(end) - parse(start)).total_seconds() if start and end else None


# Engines: each yields (the app's settings for the driver, the manifest's driver line).


@contextlib.contextmanager
def os_engine(_scratch: pathlib.Path):
    yield {"drivers": ("os",)}, "driver: {type: os}\n"


@contextlib.contextmanager
def ssh_engine(scratch: pathlib.Path):
    from tests.drivers import sshd

    why = sshd.missing()
    if why:
        raise Skip(why)
    directory = scratch / "sshd"
    directory.mkdir()
    with sshd.Sshd(directory) as server:
        yield (
            {
                "drivers": ("os", "ssh"),
                "ssh_key": server.client_key,
                "ssh_allow": ("127.0.0.1/32",),
                "ssh_timeout": 10.0,
            },
            f"driver: {{type: ssh, address: '127.0.0.1:{server.port}'}}\n",
        )


@contextlib.contextmanager
def docker_engine(_scratch: pathlib.Path):
    from tests.drivers import podman

    service = contextlib.contextmanager(podman.podman.__wrapped__)()
    try:
        engine = service.__enter__()
    except SKIPPED as skipped:
        raise Skip(str(skipped)) from None
    try:
        yield (
            {"drivers": ("os", "docker"), "docker_host": engine.url, "docker_pull": False},
            f"driver: {{type: docker, image: {engine.image}, workspace: /workspace}}\n",
        )
    finally:
        service.__exit__(None, None, None)


@contextlib.contextmanager
def qemu_engine(scratch: pathlib.Path):
    for tool in ("qemu-system-x86_64", "qemu-img"):
        if shutil.which(tool) is None:
            raise Skip(f"{tool} is not installed (apt-get install qemu-system-x86 qemu-utils)")
    try:
        built = subprocess.run(
            ["bash", str(BUILD_IMAGE)], check=False, capture_output=True, text=True, timeout=600
        )
    except subprocess.TimeoutExpired:
        raise Skip(f"{BUILD_IMAGE} did not finish within 600 s") from None
    if built.returncode != 0:
        raise Skip(f"{BUILD_IMAGE} failed: {built.stderr.strip()[-500:]}")
    image = pathlib.Path(built.stdout.strip().splitlines()[-1])
    images = scratch / "qemu-images"
    (images / "x86_64" / "test").mkdir(parents=True)
    shutil.copy(image / "base.qcow2", images / "x86_64" / "test" / "tiny.qcow2")
    yield (
        {
            "drivers": ("os", "qemu"),
            "ssh_key": image / "id_ed25519",
            "qemu_images": images,
            "qemu_memory": 256,
            "qemu_accel": os.environ.get("DJINN_BENCH_QEMU_ACCEL", "tcg"),
            "ssh_timeout": 60.0,
        },
        "driver: {type: qemu, image: test/tiny}\n",
    )


ENGINES = {"os": os_engine, "ssh": ssh_engine, "docker": docker_engine, "qemu": qemu_engine}


@dataclasses.dataclass
class Result:
    running: list[float] = dataclasses.field(default_factory=list)
    create: list[float] = dataclasses.field(default_factory=list)
    job: list[float] = dataclasses.field(default_factory=list)
    total: list[float] = dataclasses.field(default_factory=list)
    artifact: str = ""
    problem: str = ""


class Bench:
    def __init__(self, app, client, headers):
        self.app = app
        self.client = client
        self.headers = headers
        self.state = runtime_of(app)
        self.original = self.state.config

    def build(self, manifest: str, bound: float) -> tuple[dict, dict[str, dict]]:
        """Submit one build and wait (at most `bound` s) until it finished: the build and its jobs."""
        response = self.client.post("/builds", json={"manifest": manifest}, headers=self.headers)
        if response.status_code != 201:
            raise RuntimeError(f"submit refused ({response.status_code}): {response.text}")
        path = f"/b/bench/{response.json()['number']}"
        deadline = time.monotonic() + bound
        while True:
            build = self.client.get(path, headers=self.headers).json()
            if build["status"] in FINISHED:
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"{path} did not finish within {bound:g} s (status {build['status']})")
            time.sleep(0.02)
        jobs = {j["name"]: j for j in self.client.get(f"{path}/jobs", headers=self.headers).json()}
        if build["status"] != "passed":
            outputs = "\n".join(
                f"[{name}] {j['status']}: {(j['output'] or '')[-300:]}" for name, j in jobs.items()
            )
            raise RuntimeError(f"{path} ended {build['status']}:\n{outputs}")
        return build, jobs

    def run(self, name: str, count: int, scratch: pathlib.Path) -> Result:
        result = Result()
        with ENGINES[name](scratch) as (settings, driver):
            self.state.config = dataclasses.replace(self.original, **settings)
            worker = Worker(self.state, concurrency=1).start()
            try:
                for _ in range(count):
                    build, jobs = self.build(driver + JOBS, BOUND[name])
                    result.running.append(seconds(build["created_at"], build["started_at"]))
                    result.create.append(
                        seconds(jobs["create-driver"]["started_at"], jobs["create-driver"]["finished_at"])
                    )
                    result.job.append(seconds(jobs["s.1"]["started_at"], jobs["s.1"]["finished_at"]))
                    result.total.append(seconds(build["created_at"], build["finished_at"]))
                build, jobs = self.build(driver + ARTIFACT_JOBS, BOUND[name])
                path = f"/b/bench/{build['number']}/artifacts"
                sizes = {a["name"]: a["size"] for a in self.client.get(path, headers=self.headers).json()}
                collected = (
                    "collected" if sizes.get("blob.bin") == ARTIFACT_BYTES else f"NOT collected ({sizes})"
                )
                result.artifact = (
                    f"10 MiB artifact {collected}: job {seconds(jobs['s.1']['started_at'], jobs['s.1']['finished_at']):.2f} s, "
                    f"submit -> finished {seconds(build['created_at'], build['finished_at']):.2f} s"
                )
            except RuntimeError as error:
                result.problem = str(error)
            finally:
                worker.stop()
                self.state.config = self.original
        return result


def figures(values: list[float]) -> str:
    if not values:
        return f"{'-':>15}"
    return f"{statistics.median(values):7.2f} {max(values):7.2f}"


def report(results: dict[str, Result | str]) -> None:
    os_total = results.get("os")
    base = statistics.median(os_total.total) if isinstance(os_total, Result) and os_total.total else None
    print(
        f"{'':8}{'submit->running':>16}{'create-driver':>16}{'job (true)':>16}{'submit->finished':>17}{'x os':>8}"
    )
    print(f"{'driver':8}" + f"{'median     max':>16}" * 3 + f"{'median     max':>17}{'median':>8}")
    for name, result in results.items():
        if isinstance(result, str):
            print(f"{name:8}skipped: {result}")
            continue
        ratio = f"{statistics.median(result.total) / base:8.1f}" if base and result.total else f"{'-':>8}"
        print(
            f"{name:8} {figures(result.running)} {figures(result.create)} {figures(result.job)}  "
            f"{figures(result.total)}{ratio}   (n={len(result.total)})"
        )
    print()
    for name, result in results.items():
        if isinstance(result, Result):
            if result.artifact:
                print(f"{name:8}{result.artifact}")
            if result.problem:
                print(f"{name:8}PROBLEM: {result.problem}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--builds", type=int, default=5, help="trivial builds per driver")
    parser.add_argument(
        "--drivers", default=",".join(ENGINES), help="comma-separated, from os,ssh,docker,qemu"
    )
    args = parser.parse_args()
    names = [n.strip() for n in args.drivers.split(",") if n.strip() in ENGINES]
    if "os" not in names:
        names.insert(0, "os")  # the reference the ratios are taken against

    results: dict[str, Result | str] = {}
    with tempfile.TemporaryDirectory(prefix="djinn-bench-drivers-") as scratch:
        scratch = pathlib.Path(scratch)
        url = f"sqlite:///{scratch / 'djinn.db'}"
        upgrade(url)
        app = create_app(
            Config(
                data_dir=scratch / "data",
                database_url=url,
                base_url="http://djinn.bench",
                secret_key=secrets.token_urlsafe(32),
                token_cache_seconds=30,
            )
        )
        database = Database(url)
        with database.transaction() as session:
            user = create_user(
                session,
                username="bench",
                email="bench@example.com",
                password="correct horse battery",
                password_hash=hash_password("correct horse battery"),
            )
            _token, token = create_token(session, user, name="bench", scope=format_scope(ALL_SCOPES))
        database.dispose()
        with app.test_client() as client:
            bench = Bench(app, client, {"Authorization": f"Bearer {token}"})
            for name in names:
                started = time.monotonic()
                print(f"{name}: running...", file=sys.stderr, flush=True)
                directory = scratch / name
                directory.mkdir()
                try:
                    results[name] = bench.run(name, args.builds, directory)
                except Skip as why:
                    results[name] = str(why)
                print(f"{name}: {time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)
        runtime_of(app).db.dispose()
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
