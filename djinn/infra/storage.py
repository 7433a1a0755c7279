"""The file store: objects, images and build artifacts, kept by kind and id.

One small interface (`put`, `receive`, `open`, `path`, `delete`) over a local
directory. Paths are made from a kind (a fixed word of the code) and an
integer id only, never from a name a user chose, so no name can reach outside
the store. Writes stream in chunks to a temporary file in the same directory,
computing size, MD5 and SHA-256 as they go, and are renamed into place only
when complete: a reader never sees half a file, and a failed or oversized
upload leaves nothing behind.

Receiving is a pipeline, so that a large upload is not limited by one thread
doing everything in turn: the caller's thread only takes the chunks and
counts them, one thread computes the MD5, another the SHA-256 and writes the
file (hashlib and file writes release the GIL), each at most a few chunks
behind. The file goes to the disk as it grows, so the final fsync does not
wait for all of it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pathlib
import queue
import re
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import BinaryIO, Protocol

from djinn.infra.errors import PayloadTooLarge

KINDS = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
HEAD_BYTES = 8192
READ_CHUNK = 1024 * 1024
# Smaller chunks are joined into pieces of at least this size before they are
# handed to the pipeline (a thread handoff per few bytes would cost more than
# the copy).
PIECE = 64 * 1024
# Pieces a stage of the pipeline may lag behind (memory: up to that many pieces).
QUEUED_PIECES = 8
# Bytes written after which the kernel is asked to start writing them out.
WRITE_BEHIND = 8 * 1024 * 1024


@dataclasses.dataclass(frozen=True)
class Digest:
    size: int
    md5: str
    sha256: str


class Upload:
    """A complete file received into the store, not yet given its id."""

    def __init__(self, store: Store, kind: str, temp: pathlib.Path, digest: Digest, head: bytes):
        self.store, self.kind, self.temp, self.digest, self.head = store, kind, temp, digest, head

    def keep(self, id: int) -> Digest:
        """Give the file its place; replaces any file of that kind and id."""
        os.replace(self.temp, self.store.path(self.kind, id))
        return self.digest

    def discard(self) -> None:
        self.temp.unlink(missing_ok=True)


def private_dir(path: pathlib.Path) -> None:
    """Make `path` and any missing parents as directories only this user may
    enter (0700); existing ones are left as they are."""
    path = pathlib.Path(path)
    missing = []
    while not path.exists() and path != path.parent:
        missing.append(path)
        path = path.parent
    for directory in reversed(missing):
        try:
            directory.mkdir(mode=0o700)
        except FileExistsError:
            pass  # made at the same moment by another thread or process


def private_file(path: pathlib.Path) -> None:
    """Create `path` empty, readable by this user only (0600), unless it exists."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


class Store:
    """The files (0600, as mkstemp makes them) live in directories only this
    user may enter (0700): objects and artifacts are private data."""

    def __init__(self, root: pathlib.Path):
        self.root = pathlib.Path(root)

    def _dir(self, kind: str) -> pathlib.Path:
        if not KINDS.match(kind):
            raise ValueError(f"not a store kind: {kind!r}")
        directory = self.root / kind
        if not directory.is_dir():
            private_dir(directory)
        return directory

    def path(self, kind: str, id: int) -> pathlib.Path:
        """Where the file of `kind` and `id` lives (for local use: drivers, send_file)."""
        return self._dir(kind) / str(int(id))

    def receive(self, kind: str, chunks: Iterable[bytes], limit: int) -> Upload:
        """Stream `chunks` into a temporary file of the store.

        More than `limit` bytes raise PayloadTooLarge; that or any other error
        (also one raised by the iterator itself) removes the temporary file.
        """
        fd, name = tempfile.mkstemp(prefix=".upload-", dir=self._dir(kind))
        temp = pathlib.Path(name)
        md5, sha256, size, head = hashlib.md5(usedforsecurity=False), hashlib.sha256(), 0, b""
        writer = _FileWriter(fd, sha256)
        stages: list[_Stage] = []
        try:
            stages += [_Stage(md5.update), _Stage(writer.write)]
            pending: list[bytes] = []
            pending_size = 0
            for chunk in chunks:
                if not chunk:
                    continue
                size += len(chunk)
                if size > limit:
                    raise PayloadTooLarge(f"The file is larger than the limit of {limit} bytes")
                if len(head) < HEAD_BYTES:
                    head += chunk[: HEAD_BYTES - len(head)]
                pending.append(chunk)
                pending_size += len(chunk)
                if pending_size >= PIECE:
                    _put(stages, pending)
                    pending_size = 0
            _put(stages, pending)
            for stage in stages:
                stage.finish()
            writer.sync()
        except BaseException:
            for stage in stages:
                stage.abandon()
            temp.unlink(missing_ok=True)
            raise
        finally:
            os.close(fd)
        return Upload(self, kind, temp, Digest(size, md5.hexdigest(), sha256.hexdigest()), head)

    def put(self, kind: str, id: int, chunks: Iterable[bytes], limit: int) -> Digest:
        """Stream `chunks` into the file of `kind` and `id`, atomically."""
        return self.receive(kind, chunks, limit).keep(id)

    def open(self, kind: str, id: int) -> BinaryIO:
        """The file for reading; FileNotFoundError when there is none."""
        return open(self.path(kind, id), "rb")

    def exists(self, kind: str, id: int) -> bool:
        return self.path(kind, id).is_file()

    def size(self, kind: str, id: int) -> int:
        return self.path(kind, id).stat().st_size

    def delete(self, kind: str, id: int) -> None:
        self.path(kind, id).unlink(missing_ok=True)


def _put(stages: list[_Stage], pending: list[bytes]) -> None:
    """Hands the pending chunks, as one piece, to every stage; empties `pending`."""
    if pending:
        piece = pending[0] if len(pending) == 1 else b"".join(pending)
        pending.clear()
        for stage in stages:
            stage.put(piece)


class _Stage:
    """Calls `work` on each piece put, in order, in a thread of its own, at
    most QUEUED_PIECES behind. An error in `work` stops it and is raised in
    the caller's thread by the next `put` or by `finish`."""

    def __init__(self, work: Callable[[bytes], object]):
        self.work = work
        self.queue: queue.Queue[bytes | None] = queue.Queue(QUEUED_PIECES)
        self.error: BaseException | None = None
        self.abandoned = False
        self.thread = threading.Thread(target=self._run, name="djinn-store", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (piece := self.queue.get()) is not None:
            if self.error is None and not self.abandoned:
                try:
                    self.work(piece)
                except BaseException as e:  # noqa: BLE001 - raised in the caller's thread
                    self.error = e

    def put(self, piece: bytes) -> None:
        self._check()
        self.queue.put(piece)

    def finish(self) -> None:
        """Waits until every piece put is done."""
        self.queue.put(None)
        self.thread.join()
        self._check()

    def abandon(self) -> None:
        """Skips the pieces not done yet and ends the thread."""
        self.abandoned = True
        if self.thread.is_alive():
            self.queue.put(None)
            self.thread.join()

    def _check(self) -> None:
        if self.error is not None:
            raise self.error


class _Digest(Protocol):
    """A hashlib hash object, as far as _FileWriter uses it."""

    def update(self, data: bytes, /) -> None: ...


class _FileWriter:
    """Hashes and writes pieces to a file, asking the kernel to start writing
    each WRITE_BEHIND bytes out to the disk as soon as they are written: left
    dirty in the page cache until the final fsync, a large file made that
    fsync as long as the whole write."""

    def __init__(self, fd: int, digest: _Digest):
        self.fd, self.digest = fd, digest
        self.written = self.flushed = 0

    def write(self, piece: bytes) -> None:
        self.digest.update(piece)
        view = memoryview(piece)
        while view:
            view = view[os.write(self.fd, view) :]
        self.written += len(piece)
        if self.written - self.flushed >= WRITE_BEHIND and hasattr(os, "posix_fadvise"):
            # On Linux this starts the writeback of dirty pages without waiting for it.
            os.posix_fadvise(self.fd, self.flushed, self.written - self.flushed, os.POSIX_FADV_DONTNEED)
            self.flushed = self.written

    def sync(self) -> None:
        os.fsync(self.fd)


class Readable(Protocol):
    """A binary stream as `read_chunks` reads it: a file, or one that is not
    an `io` object (paramiko's SFTPFile)."""

    def read(self, size: int, /) -> bytes: ...

    def __enter__(self) -> object: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
        /,
    ) -> object: ...


def read_chunks(stream: Readable, chunk_size: int = READ_CHUNK) -> Iterator[bytes]:
    """A binary stream as chunks, closed when read to the end (or abandoned)."""
    with stream:
        while chunk := stream.read(chunk_size):
            yield chunk
