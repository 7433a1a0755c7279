"""Variables: environment variables set in builds.

A variable belongs to its namespace's owner (or to its author when it is in
no namespace), and is read and deleted by that owner and by whoever may work
in its namespace. A masked value is stored encrypted and never leaves the
server through the API: only `for_build` decrypts it, for the runner.
"""

from __future__ import annotations

import base64
import re
from typing import Any

from sqlalchemy import Select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from djinn.domain import namespaces, resources
from djinn.domain.auth.tokens import Caller
from djinn.infra.crypto import SecretBox
from djinn.infra.db.models import Namespace, Variable
from djinn.infra.errors import Errors

KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
MIN_MASKED_LENGTH = 6
VALUE_CONTEXT = "variable.value"


def create(session: Session, box: SecretBox, author: Caller, body: dict[str, Any]) -> Variable:
    """Validates everything at once (400), then resolves the namespace (422
    when it is not the author's to work in) and stores the variable."""
    key, value, masked = body.get("key") or "", body.get("value") or "", bool(body.get("mask"))
    errors = Errors()
    if not KEY.match(key):
        errors.add("key", "Key must start with a letter or '_' and contain only letters, digits and '_'")
    if masked and len(value) < MIN_MASKED_LENGTH:
        # The original's words: clients compare them.
        errors.add("value", f"Value cannot be shorter than {MIN_MASKED_LENGTH} characters in length")
    errors.raise_if_any()

    namespace = (
        namespaces.resolve_for_work(session, author, body["namespace"]) if body.get("namespace") else None
    )
    owner_id = namespace.user_id if namespace is not None else author.user_id
    namespace_id = namespace.id if namespace is not None else None
    if resources.name_taken(session, Variable, owner_id, namespace_id, key):
        errors.add(
            "key", f"Variable {key} already exists" + (f" in namespace {namespace.path}" if namespace else "")
        )
        errors.raise_if_any()

    variable = Variable(
        author_id=author.user_id,
        user_id=owner_id,
        namespace_id=namespace_id,
        key=key,
        value=_seal(box, value) if masked else value,
        masked=masked,
    )
    session.add(variable)
    try:
        session.flush()
    except IntegrityError:
        # Another request took the key between the check and the insert.
        session.rollback()
        errors.add("key", f"Variable {key} already exists")
        errors.raise_if_any()
    return variable


def _seal(box: SecretBox, value: str) -> str:
    # The column is text on both databases: the ciphertext is stored base64-encoded.
    return base64.b64encode(box.encrypt(value, context=VALUE_CONTEXT)).decode("ascii")


def _open(box: SecretBox, stored: str) -> str:
    return box.decrypt(base64.b64decode(stored), context=VALUE_CONTEXT)


# ------------------------------------------------------------------ access


def load(session: Session, caller: Caller, variable_id: int) -> Variable:
    """The variable if `caller` may read and delete it; otherwise 404."""
    return resources.load_accessible(session, Variable, caller.user_id, variable_id)


def accessible(caller: Caller, search: str | None) -> Select[Variable]:
    """The list of /variables: ordered by key, `search` a case-insensitive substring of it."""
    return resources.accessible(Variable, caller.user_id, search)


def delete(session: Session, variable: Variable) -> None:
    session.delete(variable)
    session.flush()


# ------------------------------------------------------------------ builds


def for_build(
    session: Session, box: SecretBox, user_id: int, namespace: Namespace | None
) -> list[tuple[str, str, bool, int]]:
    """The variables a build of `user_id` in `namespace` gets, decrypted, as
    (key, value, masked, variable_id) ordered by key: the user's variables
    outside any namespace, and those of the build's namespace, which win when
    both have the same key."""
    return [
        (v.key, _open(box, v.value) if v.masked else v.value, v.masked, v.id)
        for v in resources.for_build(session, Variable, user_id, namespace)
    ]
