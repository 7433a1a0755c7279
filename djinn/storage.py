"""The file store: objects, images and build artifacts, kept by kind and id.

One small interface (`put`, `receive`, `open`, `path`, `delete`) over a local
directory. Paths are made from a kind (a fixed word of the code) and an
integer id only, never from a name a user chose, so no name can reach outside
the store. Writes stream in chunks to a temporary file in the same directory,
computing size, MD5 and SHA-256 as they go, and are renamed into place only
when complete: a reader never sees half a file, and a failed or oversized
upload leaves nothing behind.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pathlib
import re
import tempfile
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from djinn.errors import PayloadTooLarge

KINDS = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
HEAD_BYTES = 8192
READ_CHUNK = 1024 * 1024


@dataclasses.dataclass(frozen=True)
class Digest:
    size: int
    md5: str
    sha256: str


class Upload:
    """A complete file received into the store, not yet given its id."""

    def __init__(self, store: "Store", kind: str, temp: pathlib.Path, digest: Digest, head: bytes):
        self.store, self.kind, self.temp, self.digest, self.head = store, kind, temp, digest, head

    def keep(self, id: int) -> Digest:
        """Give the file its place; replaces any file of that kind and id."""
        os.replace(self.temp, self.store.path(self.kind, id))
        return self.digest

    def discard(self) -> None:
        self.temp.unlink(missing_ok=True)


class Store:
    def __init__(self, root: pathlib.Path):
        self.root = pathlib.Path(root)

    def _dir(self, kind: str) -> pathlib.Path:
        if not KINDS.match(kind):
            raise ValueError(f"not a store kind: {kind!r}")
        directory = self.root / kind
        directory.mkdir(parents=True, exist_ok=True)
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
        try:
            with os.fdopen(fd, "wb") as f:
                for chunk in chunks:
                    if not chunk:
                        continue
                    size += len(chunk)
                    if size > limit:
                        raise PayloadTooLarge(f"The file is larger than the limit of {limit} bytes")
                    if len(head) < HEAD_BYTES:
                        head += chunk[: HEAD_BYTES - len(head)]
                    md5.update(chunk)
                    sha256.update(chunk)
                    f.write(chunk)
                f.flush()
                os.fsync(f.fileno())
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
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


def read_chunks(stream: BinaryIO, chunk_size: int = READ_CHUNK) -> Iterator[bytes]:
    """A binary stream as chunks, closed when read to the end (or abandoned)."""
    with stream:
        while chunk := stream.read(chunk_size):
            yield chunk
