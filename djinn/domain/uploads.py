"""Uploads (objects and images), validated as the original validates its forms.

Every problem is reported at once, under the original's keys: `name`
(missing, not matching the resource's name rule, or taken), `namespace` (a
malformed path) and `file` (no body, an empty one, one over the size limit,
or one whose first bytes the resource refuses). A namespace the author may
not work in is still a 422 (djinn.domain.namespaces.resolve_for_work), before any
400.

What can be checked before the body is read is (its declared length); then
the head of the body is read, to know that there is one and what it starts
with. Only an upload with no problem is streamed into the store. A body over
the limit that declared no length is found out while it streams: a 400 under
`file` all the same, and nothing is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

import puremagic
from sqlalchemy.orm import Session

from djinn.domain import namespaces, resources
from djinn.domain.auth.tokens import Caller
from djinn.infra.db.models import Namespace
from djinn.infra.errors import Errors, PayloadTooLarge, ValidationFailed
from djinn.infra.storage import Store, Upload

FILE_REQUIRED = "File is required"


def too_large(limit: int) -> str:
    return f"File cannot be larger than {limit} bytes"


def check_name(errors: Errors, name: str | None, rule: re.Pattern[str], rule_message: str) -> bool:
    """Whether `name` is given and follows `rule`; adds what is wrong under `name`."""
    if not name:
        errors.add("name", "Name is required")
        return False
    if not rule.fullmatch(name):
        errors.add("name", rule_message)
        return False
    return True


def target(
    session: Session,
    author: Caller,
    model: type[resources.Resource],
    label: str,
    name: str | None,
    namespace_path: str | None,
    errors: Errors,
    *,
    name_ok: bool,
) -> tuple[int, Namespace | None]:
    """(owner id, namespace) of a new `model` named `name`: the namespace's
    owner, or the author when there is none. NamespacePermission (422) on a
    namespace the author may not work in; a malformed path is added under
    `namespace`, a name already taken under `name`."""
    namespace = None
    if namespace_path:
        try:
            namespace = namespaces.resolve_for_work(session, author, namespace_path)
        except ValidationFailed as e:
            for field, messages in e.errors.items():
                for message in messages:
                    errors.add(field, message)
            return author.user_id, None
    owner_id = namespace.user_id if namespace is not None else author.user_id
    # `name_ok` says that check_name found a name.
    if (
        name_ok
        and name is not None
        and resources.name_taken(session, model, owner_id, namespace.id if namespace else None, name)
    ):
        where = f" in namespace {namespace.path}" if namespace is not None else ""
        errors.add("name", f"{label} {name} already exists{where}")
    return owner_id, namespace


class Body:
    """An upload's body, of which `check` reads only the head."""

    def __init__(self, chunks: Iterable[bytes], content_length: int | None, limit: int):
        self._chunks = iter(chunks)
        self.content_length = content_length
        self.limit = limit
        self.head = b""

    def check(
        self, errors: Errors, head_size: int = 1, head_problem: Callable[[bytes], str | None] | None = None
    ) -> None:
        """Adds under `file` what is wrong with the body as far as its declared
        length and its first `head_size` bytes tell (`head_problem` says what
        is wrong with those, if anything)."""
        if self.content_length is not None and self.content_length > self.limit:
            errors.add("file", too_large(self.limit))
            return
        if self.content_length == 0:
            errors.add("file", FILE_REQUIRED)
            return
        for chunk in self._chunks:
            self.head += chunk
            if len(self.head) >= head_size:
                break
        if not self.head:
            errors.add("file", FILE_REQUIRED)
            return
        problem = head_problem(self.head) if head_problem is not None else None
        if problem:
            errors.add("file", problem)

    def chunks(self) -> Iterator[bytes]:
        """The whole body: the head read by `check`, then the rest as it arrives."""
        if self.head:
            yield self.head
        yield from self._chunks


def receive(store: Store, kind: str, body: Body) -> Upload:
    """`body` streamed into a temporary file of the store (see Store.receive);
    a body over the limit is a 400 under `file`, and nothing is kept."""
    try:
        return store.receive(kind, body.chunks(), body.limit)
    except PayloadTooLarge:
        raise ValidationFailed(file=too_large(body.limit)) from None


def sniff(head: bytes) -> str:
    """The MIME type of content starting with `head`."""
    if head:
        try:
            found = puremagic.from_string(head, mime=True)
        except (puremagic.PureError, ValueError):
            found = ""
        if found:
            return found
        try:
            head.decode("utf-8")
            return "text/plain"
        except UnicodeDecodeError as e:
            # A multi-byte character cut at the end of the head is still text.
            if e.start >= len(head) - 3 and e.reason == "unexpected end of data":
                return "text/plain"
    return "application/octet-stream"
