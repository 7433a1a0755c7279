"""A container engine for the docker driver's tests: podman serving the
Docker Engine API on a unix socket in a temporary directory, with a storage
of its own (nothing of the machine's podman is touched), and one image: a
busybox root filesystem imported as localhost/busybox:test (no registry is
needed). Started once per test session; stopped and removed at its end.

podman runs with runc and the cgroupfs manager, and without default ulimits
(/work/shared/recipes/container-engine.md: crun and setrlimit fail here).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pathlib
import shutil
import signal
import subprocess
import tarfile
import tempfile
import time

import docker
import pytest

from tests.drivers.conftest import engine_missing

IMAGE = "localhost/busybox:test"
LABEL = "djinn.build"
START_TIMEOUT = 30.0

CONTAINERS_CONF = """\
[containers]
default_ulimits = []
[engine]
cgroup_manager = "cgroupfs"
runtime = "runc"
"""


@dataclasses.dataclass
class Engine:
    url: str
    image: str
    client: docker.DockerClient

    def leftovers(self) -> list[str]:
        """What the docker driver made and did not remove: containers and volumes with its label."""
        only_ours = {"label": LABEL}
        return [f"container {c.name}" for c in self.client.containers.list(all=True, filters=only_ours)] + [
            f"volume {v.name}" for v in self.client.volumes.list(filters=only_ours)
        ]


def _busybox_root(root: pathlib.Path, busybox: str) -> None:
    (root / "bin").mkdir(parents=True)
    shutil.copy(busybox, root / "bin" / "busybox")
    applets = subprocess.run([busybox, "--list"], capture_output=True, text=True, check=True).stdout.split()
    for applet in applets:
        if applet != "busybox":
            (root / "bin" / applet).symlink_to("busybox")
    (root / "etc").mkdir()
    (root / "etc" / "passwd").write_text("root:x:0:0:root:/root:/bin/sh\n")
    (root / "etc" / "group").write_text("root:x:0:\n")
    (root / "root").mkdir(mode=0o700)
    (root / "tmp").mkdir()
    (root / "tmp").chmod(0o1777)


@pytest.fixture(scope="session")
def podman():
    missing = [tool for tool in ("podman", "runc", "busybox") if shutil.which(tool) is None]
    if missing:
        engine_missing(
            f"the docker driver's tests need podman, runc and busybox-static: {', '.join(missing)} missing"
        )
    base = pathlib.Path(tempfile.mkdtemp(prefix="djinn-podman-"))
    (base / "containers.conf").write_text(CONTAINERS_CONF)
    env = {**os.environ, "CONTAINERS_CONF": str(base / "containers.conf")}
    command = [
        "podman",
        "--root",
        str(base / "storage"),
        "--runroot",
        str(base / "run"),
        "--tmpdir",
        str(base / "tmp"),
    ]
    socket = base / "podman.sock"
    service = None
    try:
        _busybox_root(base / "rootfs", shutil.which("busybox"))
        with tarfile.open(base / "rootfs.tar", "w") as archive:
            archive.add(base / "rootfs", arcname=".")
        imported = subprocess.run(
            [*command, "import", str(base / "rootfs.tar"), IMAGE],
            check=False,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if imported.returncode != 0:
            engine_missing(f"podman could not import the busybox image: {imported.stderr.strip()}")
        log = open(base / "service.log", "wb")  # noqa: SIM115  (the service's, closed after it)
        service = subprocess.Popen(
            [*command, "system", "service", "--time=0", f"unix://{socket}"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            cwd=base,
        )  # conmon writes `oom` files in its cwd
        log.close()
        client = _connect(socket, service, base)
        yield Engine(url=f"unix://{socket}", image=IMAGE, client=client)
        client.close()
    finally:
        if service is not None:
            _stop(service)
        for leftovers in (
            ["rm", "--all", "--force", "--time", "0"],
            ["volume", "rm", "--all", "--force"],
            ["rmi", "--all", "--force"],
        ):
            subprocess.run([*command, *leftovers], check=False, env=env, capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


def _connect(socket: pathlib.Path, service: subprocess.Popen, base: pathlib.Path) -> docker.DockerClient:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and service.poll() is None:
        if socket.exists():
            client = docker.DockerClient(base_url=f"unix://{socket}", timeout=30)
            with contextlib.suppress(docker.errors.DockerException, OSError):
                client.ping()
                return client
            client.close()
        time.sleep(0.1)
    output = (base / "service.log").read_text(errors="replace").strip()
    engine_missing(f"podman's Docker API service did not start within {START_TIMEOUT:g} s: {output}")


def _stop(service: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(service.pid, signal.SIGTERM)
    try:
        service.wait(10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(service.pid, signal.SIGKILL)
        service.wait(10)
