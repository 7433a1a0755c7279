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
import struct
from collections.abc import Iterable, Iterator

import httpx
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from djinn import namespaces, resources
from djinn.auth.tokens import Caller
from djinn.db.models import Image, ImageDownload, Namespace
from djinn.errors import PayloadTooLarge, ValidationFailed
from djinn.netguard import Guard, Refused
from djinn.objects import check_length, media_type
from djinn.runtime import Runtime
from djinn.storage import Store
from djinn.tasks import task

log = logging.getLogger(__name__)

KIND = "images"
MODEL = Image
MEDIA_TYPE = "application/x-qemu-disk"
QCOW2_MAGIC = b"QFI\xfb"
# Version 3 headers are at least 104 bytes; version 2 headers are 72.
HEADER_BYTES = 104
EXTERNAL_DATA_FILE = 1 << 2  # incompatible_features bit 2 (qemu docs/interop/qcow2.txt)


class NotQcow2(ValidationFailed):
    def __init__(self, message: str):
        super().__init__(image=message)


def qcow2_problem(head: bytes) -> str | None:
    """Why a file starting with `head` is not an acceptable QCOW2 image, or None."""
    if len(head) < 72 or head[:4] != QCOW2_MAGIC:
        return "The file is not a QCOW2 image"
    version, backing_file_offset = struct.unpack(">IQ", head[4:16])
    if version not in (2, 3):
        return f"QCOW2 version {version} is not supported"
    if backing_file_offset:
        return "QCOW2 images with a backing file are not accepted"
    if version == 3:
        if len(head) < HEADER_BYTES:
            return "The file is not a QCOW2 image (its header is cut short)"
        (incompatible,) = struct.unpack(">Q", head[72:80])
        if incompatible & EXTERNAL_DATA_FILE:
            return "QCOW2 images with an external data file are not accepted"
    return None


def checked(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """`chunks`, passed on once their first bytes are an acceptable QCOW2
    header; NotQcow2 (400 under `image`) as soon as they are not."""
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


def _target(session: Session, author: Caller, name: str, namespace_path: str | None) -> tuple[int, Namespace | None]:
    namespace = namespaces.resolve_for_work(session, author, namespace_path) if namespace_path else None
    owner_id = namespace.user_id if namespace is not None else author.user_id
    if resources.name_taken(session, Image, owner_id, namespace.id if namespace else None, name):
        where = f" in namespace {namespace.path}" if namespace is not None else ""
        raise ValidationFailed(name=f"Image {name} already exists{where}")
    return owner_id, namespace


def _insert(session: Session, author: Caller, name: str, owner_id: int, namespace: Namespace | None) -> Image:
    row = Image(
        author_id=author.user_id, user_id=owner_id, namespace_id=namespace.id if namespace else None,
        driver="qemu", name=name,
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise ValidationFailed(name=f"Image {name} already exists") from None
    return row


def upload(
    session: Session, store: Store, author: Caller, *, name: str | None, namespace: str | None,
    content_length: int | None, chunks: Iterable[bytes], limit: int,
) -> Image:
    """A direct upload: checked before a byte is read (name, namespace,
    declared size), streamed into the store while its header is checked,
    then recorded. Nothing is kept when anything fails."""
    if not name:
        raise ValidationFailed(name="Name is required")
    check_length(content_length, limit)
    _target(session, author, name, namespace)
    session.rollback()  # no transaction stays open while the body streams
    received = store.receive(KIND, checked(chunks), limit)
    try:
        owner_id, ns = _target(session, author, name, namespace)
        row = _insert(session, author, name, owner_id, ns)
        received.keep(row.id)
    except BaseException:
        received.discard()
        raise
    return row


def create_download(session: Session, guard: Guard, author: Caller, body: dict) -> Image:
    """An image to be downloaded from `download_url` in the background (see
    `download`); the URL is refused at once when it cannot be fetched safely."""
    name, url = body["name"], body["download_url"]
    if not name:
        raise ValidationFailed(name="Name is required")
    try:
        guard.check(url)
    except Refused as e:
        raise ValidationFailed(download_url=str(e)) from None
    owner_id, ns = _target(session, author, name, body.get("namespace") or None)
    row = _insert(session, author, name, owner_id, ns)
    session.add(ImageDownload(image_id=row.id, source=url))
    session.flush()
    session.refresh(row)
    return row


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


@task
def download(runtime: Runtime, image_id: int) -> None:
    """The background half of `create_download`: fetch, check, store, and
    record started_at, finished_at and the error (if any) on the download."""
    database, store, guard, limit = runtime.db, runtime.store, runtime.guard, runtime.config.max_upload_bytes
    with database.transaction() as session:
        record = session.execute(select(ImageDownload).where(ImageDownload.image_id == image_id)).scalar_one_or_none()
        if record is None:
            return
        record.started_at = _now()
        source = record.source
    error = None
    try:
        with guard.stream(source) as response:
            if response.status_code != 200:
                raise Refused(f"download failed: {response.status_code} {response.reason_phrase}")
            length = response.headers.get("content-length")
            check_length(int(length) if length and length.isdigit() else None, limit)
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
        record = session.execute(select(ImageDownload).where(ImageDownload.image_id == image_id)).scalar_one_or_none()
        if record is None:  # the image was deleted meanwhile
            store.delete(KIND, image_id)
            return
        record.finished_at = _now()
        record.error = error


def load(session: Session, caller: Caller, image_id: int) -> Image:
    """The image if `caller` may read and delete it; otherwise 404."""
    return resources.load_accessible(session, Image, caller.user_id, image_id)


def accessible(caller: Caller, search: str | None):
    """The list of /images: ordered by name, `search` a case-insensitive substring of it."""
    return resources.accessible(Image, caller.user_id, search)


def wants_bytes(accept: str | None) -> bool:
    return MEDIA_TYPE in {media_type(part) for part in (accept or "").split(",")}


def ready(row: Image) -> bool:
    """Whether the image's file is there: uploaded, or downloaded without error."""
    return row.download is None or (row.download.finished_at is not None and row.download.error is None)


def delete(session: Session, store: Store, row: Image) -> None:
    """Deletes the image; its file goes when the deletion is committed."""
    resources.delete_files_after_commit(session, store, KIND, [row.id])
    session.delete(row)
    session.flush()
