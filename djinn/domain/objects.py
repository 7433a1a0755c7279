"""Objects: files users upload to have them placed into builds.

An object belongs to its namespace's owner (or to its author when it is in no
namespace) and is read and deleted by that owner and by whoever may work in
its namespace; anyone else gets 404. Its bytes live in the file store under
kind "objects" and its id; its name is only a label in the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import Select, exists, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from djinn.domain import builds, namespaces, resources, uploads
from djinn.domain.auth.tokens import Caller
from djinn.infra.db.models import Build, BuildObject, Namespace, Object
from djinn.infra.errors import Errors, ValidationFailed
from djinn.infra.storage import Store

KIND = resources.STORED_KINDS[Object]
MODEL = Object
# Types that say nothing about the content: the content is sniffed instead.
# (curl sends form-urlencoded for --data-binary unless told otherwise.)
GENERIC_TYPES = {"", "application/octet-stream", "*/*", "application/x-www-form-urlencoded"}
# The original's rule: a name is a label, never a path.
NAME = re.compile(r"[A-Za-z0-9._-]+")
NAME_MESSAGE = "Name can only contain letters, numbers, dots, dashes and underscores"


def media_type(content_type: str | None) -> str:
    """`text/plain; charset=utf-8` -> `text/plain`."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def create(
    session: Session,
    store: Store,
    author: Caller,
    *,
    name: str | None,
    namespace: str | None,
    content_type: str | None,
    content_length: int | None,
    chunks: Iterable[bytes],
    limit: int,
) -> Object:
    """Validates the upload like a form (djinn.domain.uploads: every problem at
    once, from the name, the namespace, the declared size and the first
    bytes), streams the body into the store, then records the object.
    Nothing is kept when anything fails."""
    errors, body = Errors(), uploads.Body(chunks, content_length, limit)
    name_ok = uploads.check_name(errors, name, NAME, NAME_MESSAGE)
    uploads.target(session, author, Object, "Object", name, namespace, errors, name_ok=name_ok)
    body.check(errors)
    errors.raise_if_any()
    # No transaction stays open while the body streams (on SQLite it would
    # hold the write lock for the whole upload).
    session.rollback()
    upload = uploads.receive(store, KIND, body)
    try:
        owner_id, ns = uploads.target(
            session, author, Object, "Object", name, namespace, errors, name_ok=True
        )
        errors.raise_if_any()
        declared = media_type(content_type)
        row = Object(
            author_id=author.user_id,
            user_id=owner_id,
            namespace_id=ns.id if ns else None,
            name=name,
            type=uploads.sniff(upload.head) if declared in GENERIC_TYPES else declared,
            size=upload.digest.size,
            md5=upload.digest.md5,
            sha256=upload.digest.sha256,
        )
        session.add(row)
        try:
            session.flush()
        except IntegrityError:
            session.rollback()
            raise ValidationFailed(name=f"Object {name} already exists") from None
        upload.keep(row.id)
    except BaseException:
        upload.discard()
        raise
    return row


def load(session: Session, caller: Caller, object_id: int) -> Object:
    """The object if `caller` may read and delete it; otherwise 404."""
    return resources.load_accessible(session, Object, caller.user_id, object_id)


def accessible(caller: Caller, search: str | None) -> Select[Object]:
    """The list of /objects: ordered by name, `search` a case-insensitive substring of it."""
    return resources.accessible(Object, caller.user_id, search)


def wants_bytes(row: Object, accept: str | None) -> bool:
    """Whether `Accept` names the object's type exactly, or application/octet-stream."""
    asked = {media_type(part) for part in (accept or "").split(",")}
    return row.type.lower() in asked or "application/octet-stream" in asked


def delete(session: Session, store: Store, row: Object) -> None:
    """Deletes the object; its file goes when the deletion is committed."""
    resources.delete_files_after_commit(session, store, KIND, [row.id])
    session.delete(row)
    session.flush()


def builds_of(row: Object, caller: Caller, **filters: str | None) -> Select[Build]:
    """The builds `row` was placed on that `caller` may see (their own, and
    those in namespaces they may see), newest first."""
    placed = exists().where(BuildObject.build_id == Build.id, BuildObject.object_id == row.id)
    visible = or_(
        Build.user_id == caller.user_id,
        exists().where(Namespace.id == Build.namespace_id, namespaces.visible_clause(caller)),
    )
    return builds.filtered(select(Build).where(placed, visible), **filters)
