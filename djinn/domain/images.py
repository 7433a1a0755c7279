"""Images: QCOW2 disks for the qemu driver, uploaded or downloaded by the server.

Access is that of objects: the owner, and whoever may work in the image's
namespace; anyone else gets 404. The bytes live in the file store under kind
"images" and the image's id. Every image is checked to be QCOW2 and to name
no backing file and no external data file: either would let a build's VM
read a file of the host.
"""

from __future__ import annotations

import datetime
import logging
import re
import struct
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from djinn.domain import resources, uploads
from djinn.domain.auth.tokens import Caller
from djinn.domain.objects import media_type
from djinn.infra import urls
from djinn.infra.db.models import Image, ImageDownload, Namespace
from djinn.infra.errors import Errors, PayloadTooLarge, ValidationFailed
from djinn.infra.netguard import Guard, Refused
from djinn.infra.runtime import Runtime
from djinn.infra.storage import Store
from djinn.infra.tasks import task

log = logging.getLogger(__name__)

KIND = resources.STORED_KINDS[Image]
MODEL = Image
MEDIA_TYPE = "application/x-qemu-disk"
QCOW2_MAGIC = b"QFI\xfb"
# Version 3 headers are at least 104 bytes; version 2 headers are 72.
HEADER_BYTES = 104
# The original's rule for image names (what a manifest's driver.image names).
NAME = re.compile(r"[A-Za-z0-9_-]+")
NAME_MESSAGE = "Name can only contain letters, numbers, dashes and underscores"
EXTERNAL_DATA_FILE = 1 << 2  # incompatible_features bit 2 (qemu docs/interop/qcow2.txt)


class NotQcow2(ValidationFailed):
    def __init__(self, message: str):
        super().__init__(file=message)


def qcow2_problem(head: bytes) -> str | None:
    """Why a file starting with `head` is not an acceptable QCOW2 image, or None.

    The magic makes a QCOW2 image, whatever the length. Each field after it
    is checked when the file is long enough to hold it: a file that ends
    before the backing-file field (or the feature bits) cannot name a backing
    file (or an external data file)."""
    if head[:4] != QCOW2_MAGIC:
        return "File is not a QCOW2 image"
    if len(head) >= 8:
        (version,) = struct.unpack(">I", head[4:8])
        if version not in (2, 3):
            return f"File is a QCOW2 image of version {version}, which is not supported"
    if len(head) >= 16:
        (backing_file_offset,) = struct.unpack(">Q", head[8:16])
        if backing_file_offset:
            return "QCOW2 images with a backing file are not accepted"
    if len(head) >= 80 and version == 3:
        (incompatible,) = struct.unpack(">Q", head[72:80])
        if incompatible & EXTERNAL_DATA_FILE:
            return "QCOW2 images with an external data file are not accepted"
    return None


def checked(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """`chunks`, passed on once their first bytes are an acceptable QCOW2
    header; NotQcow2 (400 under `file`) as soon as they are not."""
    head = b""
    iterator = iter(chunks)
    for chunk in iterator:
        head += chunk
        if len(head) >= HEADER_BYTES:
            break
    problem = qcow2_problem(head)
    if problem:
        raise NotQcow2(problem)
    yield head
    yield from iterator


def _validate(
    session: Session, author: Caller, errors: Errors, name: str | None, namespace_path: str | None
) -> tuple[int, Namespace | None]:
    name_ok = uploads.check_name(errors, name, NAME, NAME_MESSAGE)
    return uploads.target(session, author, Image, "Image", name, namespace_path, errors, name_ok=name_ok)


def _insert(session: Session, author: Caller, name: str, owner_id: int, namespace: Namespace | None) -> Image:
    row = Image(
        author_id=author.user_id,
        user_id=owner_id,
        namespace_id=namespace.id if namespace else None,
        driver="qemu",
        name=name,
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise ValidationFailed(name=f"Image {name} already exists") from None
    return row


def upload(
    session: Session,
    store: Store,
    author: Caller,
    *,
    name: str | None,
    namespace: str | None,
    content_length: int | None,
    chunks: Iterable[bytes],
    limit: int,
) -> Image:
    """A direct upload, validated like a form (djinn.domain.uploads: every problem
    at once, from the name, the namespace, the declared size and the QCOW2
    header), streamed into the store, then recorded. Nothing is kept when
    anything fails."""
    errors, body = Errors(), uploads.Body(chunks, content_length, limit)
    _validate(session, author, errors, name, namespace)
    body.check(errors, HEADER_BYTES, qcow2_problem)
    errors.raise_if_any()
    session.rollback()  # no transaction stays open while the body streams
    received = uploads.receive(store, KIND, body)
    try:
        owner_id, ns = _validate(session, author, errors, name, namespace)
        errors.raise_if_any()
        assert name is not None  # _validate refused a missing name
        row = _insert(session, author, name, owner_id, ns)
        received.keep(row.id)
    except BaseException:
        received.discard()
        raise
    return row


def create_download(session: Session, guard: Guard, author: Caller, body: dict[str, Any]) -> Image:
    """An image to be downloaded from `download_url` in the background (see
    `download`); the URL is refused at once when it cannot be fetched safely.
    A request without a `download_url` (or with `""`) is one without a file."""
    name, url = body.get("name"), body.get("download_url")
    errors = Errors()
    owner_id, ns = _validate(session, author, errors, name, body.get("namespace") or None)
    if not url:
        errors.add("file", f"{uploads.FILE_REQUIRED}: send the image as the body, or a download_url")
    elif found := urls.problems(url, "Download URL"):
        for message in found:
            errors.add("download_url", message)
    else:
        try:
            guard.check(url)
        except Refused as e:
            errors.add("download_url", str(e))
    errors.raise_if_any()
    assert name is not None  # _validate refused a missing name
    row = _insert(session, author, name, owner_id, ns)
    session.add(ImageDownload(image_id=row.id, source=url))
    session.flush()
    session.refresh(row)
    return row


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


@task
def download(runtime: Runtime, image_id: int) -> None:
    """The background half of `create_download`: fetch, check, store, and
    record started_at, finished_at and the error (if any) on the download."""
    database, store, guard, limit = runtime.db, runtime.store, runtime.guard, runtime.config.max_upload_bytes
    assert store is not None  # Runtime.build always gives the runtime a store
    with database.transaction() as session:
        record = session.execute(
            select(ImageDownload).where(ImageDownload.image_id == image_id)
        ).scalar_one_or_none()
        if record is None:
            return
        record.started_at = _now()
        source = record.source
    # Deferred: httpx is loaded by the first delivery or download, not by every
    # process that imports this module for its tasks (the embedded worker).
    import httpx

    error = None
    try:
        with guard.stream(source) as response:
            if response.status_code != 200:
                raise Refused(f"download failed: {response.status_code} {response.reason_phrase}")
            length = response.headers.get("content-length")
            if length and length.isdigit() and int(length) > limit:
                raise PayloadTooLarge(f"The file is larger than the limit of {limit} bytes")
            store.put(KIND, image_id, checked(response.iter_bytes(1024 * 1024)), limit)
    except (Refused, PayloadTooLarge) as e:
        error = str(e)
    except ValidationFailed as e:
        error = "; ".join(m for messages in e.errors.values() for m in messages)
    except httpx.HTTPError as e:
        error = f"download failed: {e}"
    except Exception:
        log.exception("image download %s failed", image_id)
        error = "download failed: internal error"
    with database.transaction() as session:
        record = session.execute(
            select(ImageDownload).where(ImageDownload.image_id == image_id)
        ).scalar_one_or_none()
        if record is None:  # the image was deleted meanwhile
            store.delete(KIND, image_id)
            return
        record.finished_at = _now()
        record.error = error


def load(session: Session, caller: Caller, image_id: int) -> Image:
    """The image if `caller` may read and delete it; otherwise 404."""
    return resources.load_accessible(session, Image, caller.user_id, image_id)


def accessible(caller: Caller, search: str | None) -> Select[Image]:
    """The list of /images: ordered by name, `search` a case-insensitive substring of it."""
    return resources.accessible(Image, caller.user_id, search).options(selectinload(Image.download))


def wants_bytes(accept: str | None) -> bool:
    return MEDIA_TYPE in {media_type(part) for part in (accept or "").split(",")}


def ready(row: Image) -> bool:
    """Whether the image's file is there: uploaded, or downloaded without error."""
    return row.download is None or (row.download.finished_at is not None and row.download.error is None)


def file_name(row: Image) -> str:
    """The name a downloaded image's file is saved under."""
    return row.name if row.name.endswith(".qcow2") else f"{row.name}.qcow2"


def delete(session: Session, store: Store, row: Image) -> None:
    """Deletes the image; its file goes when the deletion is committed."""
    resources.delete_files_after_commit(session, store, KIND, [row.id])
    session.delete(row)
    session.flush()
