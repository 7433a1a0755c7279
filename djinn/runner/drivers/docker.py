"""The `docker` driver: each job runs in a new container of the build's
image (`driver.image`), and what a build keeps between jobs lives in two
volumes made for it: the workspace (`driver.workspace`, each job's working
directory) and `/root/.ssh` (its SSH keys). Jobs run as root, unprivileged,
with no host path mounted: only the two volumes.

It talks to any engine with the Docker Engine API (Docker, or podman's
`system service`) through the Docker SDK: `docker_host` in the server's
settings, else the SDK's defaults (DOCKER_HOST, the local socket). A missing
image is pulled when `docker_pull` is on, and is an error otherwise.

A job's container is kept, stopped, until the next job starts (or the build
ends): its artifacts are collected from it, where the job put them, by the
path the manifest writes (relative to the workspace, or absolute in the
container).

Everything it makes carries the label `djinn.build=<a token of its own>`,
and `destroy` removes whatever has it. The build's environment (its masked
variables too) goes only into each job container's environment, never into
a name, a label or a file.

The server's settings limit each job container: its memory (`docker_memory`,
MiB, swap included), CPUs (`docker_cpus`), processes (`docker_pids`, 1024 by
default: a fork bomb stays in its container) and network (`docker_network`:
`bridge`, or `none` for no network at all).
"""

from __future__ import annotations

import contextlib
import io
import posixpath
import signal
import tarfile
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Generator, Iterator
from typing import TYPE_CHECKING, BinaryIO, TypedDict, TypeVar, cast

import docker
import docker.errors
import docker.utils
import requests.exceptions
from docker.models.containers import Container
from docker.models.images import Image
from docker.types import CancellableStream

from djinn.runner import Context, Driver, DriverError, Output, register

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

T = TypeVar("T")

LABEL = "djinn.build"
# Where each job's script goes, in its own container (not in a volume: it
# goes with the container).
SCRIPT = "/.djinn-job.sh"
# Files placed are spooled into a tar archive; up to this size in memory.
SPOOL_IN_MEMORY = 1024 * 1024
# Seconds to wait for a job container's exit status once its output ended.
EXIT_TIMEOUT = 30.0
# Seconds a job's output may go on after its container exited, and each wait
# of the watcher that makes sure it does not go on forever.
EXIT_GRACE = 5.0
EXIT_POLL = 60
# The smallest memory limit Docker accepts (MiB), and the fewest CPUs.
MIN_MEMORY = 6
MIN_CPUS = 0.01
NETWORKS = ("bridge", "none")
# What the SDK and the engine raise when a request fails.
ENGINE_ERRORS = (docker.errors.DockerException, requests.exceptions.RequestException)


class _Limits(TypedDict, total=False):
    """The job containers' limits, as `containers.create` takes them."""

    mem_limit: int
    memswap_limit: int
    nano_cpus: int
    pids_limit: int
    network_mode: str


@register("docker")
class DockerDriver(Driver):
    home = "/root"

    def __init__(self, settings: dict[str, str], context: Context | None = None):
        config = context.config if context is not None else None
        self.image = settings.get("image", "")
        self.workspace = settings.get("workspace", "")
        self.docker_host = config.docker_host if config is not None else None
        self.pull = config.docker_pull if config is not None else True
        self.memory = config.docker_memory if config is not None else None
        self.cpus = config.docker_cpus if config is not None else None
        self.pids = config.docker_pids if config is not None else 1024
        self.network = config.docker_network if config is not None else "bridge"
        self.token = uuid.uuid4().hex
        self.labels = {LABEL: self.token}
        self.client: docker.DockerClient | None = None
        self.mounts: dict[str, dict[str, str]] = {}
        # The job containers' limits, as the SDK takes them (see _limits).
        self.limits: _Limits = {}
        # A container of the image with the volumes, created and never
        # started: files are placed and collected through it.
        self.helper: Container | None = None
        self._container: Container | None = None
        # The last job's container, stopped: its artifacts are collected from it.
        self._finished: Container | None = None
        self._lock = threading.Lock()
        self._killed = threading.Event()

    @property
    def ssh_dir(self) -> str:
        return f"{self.home}/.ssh"

    # ------------------------------------------------------------ create

    def create(self, log: Output) -> None:
        workspace = self.workspace
        if not posixpath.isabs(workspace):
            raise DriverError(f"driver.workspace must be an absolute path (it is {workspace!r})")
        self.workspace = workspace = posixpath.normpath(workspace)
        if workspace == "/" or _within(workspace, self.ssh_dir):
            raise DriverError(
                f"driver.workspace cannot be {workspace}: choose a directory of its own, like /workspace"
            )
        self.limits = self._limits()
        try:
            self._create(log)
        except ENGINE_ERRORS as e:
            raise DriverError(f"the container engine failed: {_reason(e)}") from e

    def _create(self, log: Output) -> None:
        where = self.docker_host or "its default address (DOCKER_HOST or the local socket)"
        try:
            self.client = (
                docker.DockerClient(base_url=self.docker_host) if self.docker_host else docker.from_env()
            )
            self.client.ping()
        except ENGINE_ERRORS as e:
            raise DriverError(f"cannot reach the container engine at {where}: {_reason(e)}") from e
        image = self._image(log)
        log(f"Image {self.image} ({image.id})\n".encode())
        self._stop_if_killed()
        for name, path in (
            (f"djinn-{self.token}-workspace", self.workspace),
            (f"djinn-{self.token}-ssh", self.ssh_dir),
        ):
            self.client.volumes.create(name=name, labels=self.labels)
            self.mounts[name] = {"bind": path, "mode": "rw"}
            log(f"Created volume {name} for {path}\n".encode())
            self._stop_if_killed()
        self.helper = self.client.containers.create(
            self.image,
            ["/bin/sh"],
            labels=self.labels,
            volumes=self.mounts,
            network_disabled=True,
        )
        # Keys are for root's eyes only.
        self.helper.put_archive(self.ssh_dir, _archive(_directory(".", 0o700)))
        log(
            f"Each job runs as root in a new container of {self.image}, in {self.workspace}, "
            f"with {self._described_limits()}\n".encode()
        )

    def _limits(self) -> _Limits:
        """The server's limits for job containers, checked (DriverError when
        one makes no sense: every build says so until it is fixed)."""
        limits: _Limits = {}
        if self.memory is not None:
            if self.memory < MIN_MEMORY:
                raise DriverError(
                    f"the server's DJINN_DOCKER_MEMORY is {self.memory} (MiB): "
                    f"it must be at least {MIN_MEMORY}, or unset"
                )
            # Swap included: a job gets this much memory, not twice as much.
            limits["mem_limit"] = limits["memswap_limit"] = self.memory * 1024 * 1024
        if self.cpus is not None:
            if not MIN_CPUS <= self.cpus < float("inf"):
                raise DriverError(
                    f"the server's DJINN_DOCKER_CPUS is {self.cpus:g}: "
                    f"it must be at least {MIN_CPUS:g}, or unset"
                )
            limits["nano_cpus"] = round(self.cpus * 1e9)
        if self.pids < 0:
            raise DriverError(
                f"the server's DJINN_DOCKER_PIDS is {self.pids}: it must be 0 (no limit) or more"
            )
        # -1: none at all (0 would leave the engine's own default).
        limits["pids_limit"] = self.pids or -1
        if self.network not in NETWORKS:
            raise DriverError(
                f"the server's DJINN_DOCKER_NETWORK is {self.network!r}: it must be bridge or none"
            )
        limits["network_mode"] = self.network
        return limits

    def _described_limits(self) -> str:
        # Memory and CPUs unset: whatever the engine gives, not said.
        return ", ".join(
            limit
            for limit in (
                f"{self.memory} MiB of memory" if self.memory is not None else "",
                f"{self.cpus:g} CPUs" if self.cpus is not None else "",
                f"at most {self.pids} processes" if self.pids else "no process limit",
                "no network" if self.network == "none" else "the bridge network",
            )
            if limit
        )

    def _image(self, log: Output) -> Image:
        assert self.client is not None
        try:
            return self.client.images.get(self.image)
        except docker.errors.ImageNotFound:
            if not self.pull:
                raise DriverError(
                    f"image {self.image} is not on this worker's container engine, and pulling images is "
                    "turned off (DJINN_DOCKER_PULL)"
                ) from None
        log(f"Pulling image {self.image}\n".encode())
        repository, tag = docker.utils.parse_repository_tag(self.image)
        for event in self.client.api.pull(repository, tag=tag or "latest", stream=True, decode=True):
            if isinstance(event, dict) and event.get("error"):
                raise DriverError(f"could not pull image {self.image}: {event['error']}")
        try:
            return self.client.images.get(self.image)
        except docker.errors.ImageNotFound:
            raise DriverError(f"could not pull image {self.image}") from None

    def _stop_if_killed(self) -> None:
        if self._killed.is_set():
            raise DriverError("stopped while the driver was being created")

    # ------------------------------------------------------------ files

    def _path(self, path: str, roots: tuple[str, ...]) -> tuple[str, str]:
        """`path` (relative paths in the workspace) as (one of `roots`, the
        path below it); DriverError when it is in none of them."""
        target = posixpath.normpath(posixpath.join(self.workspace, path))
        for root in roots:
            if _within(target, root) and target != root:
                return root, posixpath.relpath(target, root)
        raise DriverError(f"{path}: outside the {' and '.join(roots)}")

    def place(self, destination: str, source: BinaryIO, mode: int = 0o644) -> str:
        # Only the volumes outlive a job: anywhere else a file would be lost.
        root, name = self._path(destination, (self.workspace, self.ssh_dir))
        with tempfile.SpooledTemporaryFile(SPOOL_IN_MEMORY) as spool:
            with tarfile.open(fileobj=spool, mode="w") as archive:
                parent = posixpath.dirname(name)
                parents: list[str] = []
                while parent:
                    parents.insert(0, parent)
                    parent = posixpath.dirname(parent)
                for directory in parents:
                    archive.addfile(_directory(directory, 0o755))
                info = tarfile.TarInfo(name)
                info.mode, info.mtime = mode, time.time()
                info.size = _size(source)
                archive.addfile(info, source)
            spool.truncate(archive.offset)  # see _archive
            spool.seek(0)
            helper = self.helper
            if helper is None:
                raise DriverError("the driver was not created")
            self._files(lambda: helper.put_archive(root, spool), destination)
        return posixpath.join(root, name)

    def collect(self, path: str) -> BinaryIO:
        # Where the job put it: the workspace volume (through the helper, as
        # the volumes are not the container's own), or anywhere else in the
        # last job's container.
        target = posixpath.normpath(posixpath.join(self.workspace, path))
        if _within(target, self.workspace) or _within(target, self.ssh_dir) or self._finished is None:
            source = self.helper
        else:
            source = self._finished
        if source is None:
            raise DriverError("the driver was not created")
        archived, _stat = self._files(lambda: source.get_archive(target), path)
        # A generator (types-docker says only Iterator): closing it ends the request.
        chunks = cast(Generator[bytes, None, None], archived)
        try:
            # Closed by the stream returned (or below).
            archive = tarfile.open(fileobj=io.BufferedReader(_Chunks(chunks)), mode="r|")  # noqa: SIM115
            member = archive.next()
        except (tarfile.TarError, *ENGINE_ERRORS) as e:
            chunks.close()
            raise DriverError(f"{path}: could not read it from the container engine: {e}") from e
        if member is None or not member.isfile():
            archive.close()
            chunks.close()
            raise DriverError(f"{path}: not a regular file")
        # A regular file's member: tarfile's ExFileObject, a BufferedReader (typeshed says IO[bytes] | None).
        file = cast(io.BufferedReader, archive.extractfile(member))
        return io.BufferedReader(_Member(archive, file, chunks))

    def _files(self, call: Callable[[], T], path: str) -> T:
        if self.helper is None:
            raise DriverError("the driver was not created")
        try:
            return call()
        except docker.errors.NotFound:
            raise DriverError(f"{path}: no such file") from None
        except ENGINE_ERRORS as e:
            raise DriverError(f"{path}: {_reason(e)}") from e

    # ------------------------------------------------------------ jobs

    def execute(self, script: str, env: dict[str, str], output: Output) -> int:
        assert self.client is not None
        self._remove_finished()
        with self._lock:
            if self._killed.is_set():
                return -signal.SIGKILL
            container = self._container = self.client.containers.create(
                self.image,
                [SCRIPT],
                entrypoint=["/bin/sh"],
                user="0",
                working_dir=self.workspace,
                environment=env,
                labels=self.labels,
                volumes=self.mounts,
                **self.limits,
            )
        try:
            info = tarfile.TarInfo(SCRIPT.lstrip("/"))
            data = script.encode()
            info.size, info.mode, info.mtime = len(data), 0o755, time.time()
            container.put_archive("/", _archive(info, data))
            # Attached before it starts, so no output is missed (following
            # its logs instead can miss the end of a short job, and hang).
            stream = container.attach(stdout=True, stderr=True, stream=True, logs=True)
            with self._lock:
                if self._killed.is_set():
                    stream.close()
                    return -signal.SIGKILL
                container.start()
            streamed = threading.Event()
            threading.Thread(
                target=_close_after_exit, args=(container, stream, streamed), daemon=True
            ).start()
            try:
                for chunk in stream:
                    output(chunk)
            except (OSError, *ENGINE_ERRORS):
                pass  # the stream was cut (closed by the watcher): the exit status tells
            finally:
                streamed.set()
            return container.wait(timeout=EXIT_TIMEOUT)["StatusCode"]
        finally:
            with self._lock:
                self._container = None
                # Kept until the next job (or destroy): artifacts come from it.
                self._finished = container

    def _remove_finished(self) -> None:
        with self._lock:
            container, self._finished = self._finished, None
        if container is not None:
            with contextlib.suppress(*ENGINE_ERRORS):
                container.remove(force=True)

    def kill(self) -> None:
        with self._lock:
            self._killed.set()
            container = self._container
        if container is not None:
            # Not started yet, or already gone: nothing to kill.
            with contextlib.suppress(*ENGINE_ERRORS):
                container.kill()

    def destroy(self) -> None:
        self.kill()
        client = self.client
        if client is None:
            return
        only_ours: dict[str, str | list[str] | bool] = {"label": f"{LABEL}={self.token}"}
        with contextlib.suppress(*ENGINE_ERRORS):
            for container in client.containers.list(all=True, filters=only_ours):
                with contextlib.suppress(*ENGINE_ERRORS):
                    container.remove(force=True, v=False)
        for name in self.mounts:
            with contextlib.suppress(*ENGINE_ERRORS):
                client.volumes.get(name).remove(force=True)
        with contextlib.suppress(*ENGINE_ERRORS):
            for volume in client.volumes.list(filters=only_ours):
                with contextlib.suppress(*ENGINE_ERRORS):
                    volume.remove(force=True)
        with contextlib.suppress(Exception):
            client.close()


def _close_after_exit(
    container: Container, stream: CancellableStream[bytes], streamed: threading.Event
) -> None:
    """A safety net: the output stream of a container that has exited ends
    within seconds, whatever the engine does with it."""
    while not streamed.is_set():
        try:
            container.wait(timeout=EXIT_POLL)
            break
        except docker.errors.NotFound:
            break
        except ENGINE_ERRORS:
            streamed.wait(1)  # the wait timed out (a long job), or the engine hiccuped
    if not streamed.wait(EXIT_GRACE):
        stream.close()


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def _reason(error: Exception) -> str:
    explanation = getattr(error, "explanation", None)
    return str(explanation or error)


def _size(source: BinaryIO) -> int:
    with contextlib.suppress(OSError, AttributeError, io.UnsupportedOperation):
        if source.seekable():
            start = source.tell()
            end = source.seek(0, io.SEEK_END)
            source.seek(start)
            return end - start
    raise DriverError("cannot place a file whose size is not known")


def _directory(name: str, mode: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.mode, info.mtime = tarfile.DIRTYPE, mode, time.time()
    return info


def _archive(info: tarfile.TarInfo, data: bytes | None = None) -> bytes:
    """A tar archive of one entry, ending right after its end-of-archive
    blocks: podman stops reading there, and the padding tarfile adds after
    them (to a 10 KiB record) can then fail the upload with a broken pipe
    (containers/buildah#6573)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        archive.addfile(info, io.BytesIO(data) if data is not None else None)
    return buffer.getvalue()[: archive.offset]


class _Chunks(io.RawIOBase):
    """An iterator of byte strings (an archive from the engine) read as a stream."""

    def __init__(self, chunks: Iterator[bytes]):
        self.chunks = chunks
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        while not self.pending:
            self.pending = next(self.chunks, b"")
            if not self.pending:
                return 0
        view = memoryview(buffer)
        n = min(len(view), len(self.pending))
        view[:n] = self.pending[:n]
        self.pending = self.pending[n:]
        return n


class _Member(io.RawIOBase):
    """One file of an archive being streamed; closing it ends the stream."""

    def __init__(
        self, archive: tarfile.TarFile, file: io.BufferedReader, chunks: Generator[bytes, None, None]
    ):
        self.archive, self.file, self.chunks = archive, file, chunks

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        return self.file.readinto(buffer)

    def close(self) -> None:
        if not self.closed:
            for end in (self.file.close, self.archive.close, self.chunks.close):
                with contextlib.suppress(Exception):
                    end()
        super().close()
