"""SSH keys: private keys placed into builds under `~/.ssh/<name>`.

A key belongs to its namespace's owner (or to its author when it is in no
namespace), and is read, changed and deleted by that owner and by whoever may
work in its namespace. The private key is checked to be one, stored
encrypted, and never leaves the server through the API: only `for_build`
decrypts it, for the runner.
"""

from __future__ import annotations

import re
from typing import Any

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed25519, rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from sqlalchemy import Select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from djinn.domain import namespaces, resources
from djinn.domain.auth.tokens import Caller
from djinn.infra.crypto import SecretBox
from djinn.infra.db.models import Key, Namespace, utcnow
from djinn.infra.errors import Errors, ValidationFailed

PRIVATE_CONTEXT = "key.private"
NOT_A_NAME_CHARACTER = re.compile(r"[^A-Za-z0-9._-]+")
# Names that would not be a key file of their own in ~/.ssh/.
RESERVED_NAMES = {".", "..", "config"}
SSH_KEY_TYPES = (rsa.RSAPrivateKey, dsa.DSAPrivateKey, ec.EllipticCurvePrivateKey, ed25519.Ed25519PrivateKey)


def normalise_name(name: str) -> str:
    """`my deploy key` -> `my_deploy_key`."""
    return NOT_A_NAME_CHARACTER.sub("_", name or "")


def _check_name(errors: Errors, name: str) -> None:
    if not name:
        errors.add("name", "Name is required")
    elif name in RESERVED_NAMES:
        errors.add("name", f"Name cannot be {name!r}")


def private_key_problem(text: str) -> str | None:
    """Why `text` is not an unencrypted SSH private key, or None. The message
    never quotes the key."""
    data = (text or "").strip().encode("utf-8", "replace") + b"\n"
    parsed: PrivateKeyTypes
    try:
        if b"-----BEGIN OPENSSH PRIVATE KEY-----" in data:
            parsed = serialization.load_ssh_private_key(data, password=None)
        else:
            parsed = serialization.load_pem_private_key(data, password=None)
    except TypeError:
        # cryptography's way of saying the key needs a password.
        return "Key is encrypted with a passphrase; only unencrypted private keys can be used in builds"
    except (ValueError, UnsupportedAlgorithm):
        return "Key is not an SSH private key in OpenSSH or PEM format"
    if not isinstance(parsed, SSH_KEY_TYPES):
        return "Key is not an RSA, DSA, ECDSA or Ed25519 private key"
    return None


def _taken_message(name: str, namespace: Namespace | None) -> str:
    return f"Key {name} already exists" + (f" in namespace {namespace.path}" if namespace is not None else "")


def _flush(session: Session, name: str) -> None:
    try:
        session.flush()
    except IntegrityError:
        # Another request took the name between the check and the write.
        session.rollback()
        raise ValidationFailed(name=f"Key {name} already exists") from None


def create(session: Session, box: SecretBox, author: Caller, body: dict[str, Any]) -> Key:
    """Validates everything at once (400), then resolves the namespace (422
    when it is not the author's to work in) and stores the key encrypted."""
    name = normalise_name(body.get("name") or "")
    private_key = body.get("key") or ""
    errors = Errors()
    _check_name(errors, name)
    problem = private_key_problem(private_key)
    if problem:
        errors.add("key", problem)
    errors.raise_if_any()

    namespace = (
        namespaces.resolve_for_work(session, author, body["namespace"]) if body.get("namespace") else None
    )
    owner_id = namespace.user_id if namespace is not None else author.user_id
    namespace_id = namespace.id if namespace is not None else None
    if resources.name_taken(session, Key, owner_id, namespace_id, name):
        raise ValidationFailed(name=_taken_message(name, namespace))
    now = utcnow()
    key = Key(
        author_id=author.user_id,
        user_id=owner_id,
        namespace_id=namespace_id,
        name=name,
        # OpenSSH refuses a key file without its final newline.
        key_encrypted=box.encrypt(private_key.strip() + "\n", context=PRIVATE_CONTEXT),
        config=body.get("config") or "",
        created_at=now,
        updated_at=now,
    )
    session.add(key)
    _flush(session, name)
    return key


def update(session: Session, caller: Caller, key: Key, body: dict[str, Any]) -> Key:
    """Fields left out, null or "" stay as they are (the Go client sends ""
    for the fields it does not set), so a key never leaves its namespace."""
    errors = Errors()
    name = normalise_name(body["name"]) if body.get("name") else key.name
    _check_name(errors, name)
    errors.raise_if_any()
    namespace = key.namespace
    if body.get("namespace"):
        namespace = namespaces.resolve_for_work(session, caller, body["namespace"])
    owner_id = namespace.user_id if namespace is not None else key.user_id
    namespace_id = namespace.id if namespace is not None else None
    if resources.name_taken(session, Key, owner_id, namespace_id, name, besides=key.id):
        raise ValidationFailed(name=_taken_message(name, namespace))
    key.name, key.user_id, key.namespace_id = name, owner_id, namespace_id
    key.namespace = namespace
    if body.get("config"):
        key.config = body["config"]
    _flush(session, name)
    return key


# ------------------------------------------------------------------ access


def load(session: Session, caller: Caller, key_id: int) -> Key:
    """The key if `caller` may read, change and delete it; otherwise 404."""
    return resources.load_accessible(session, Key, caller.user_id, key_id)


def accessible(caller: Caller, search: str | None) -> Select[Key]:
    """The list of /keys: ordered by name, `search` a case-insensitive substring of it."""
    return resources.accessible(Key, caller.user_id, search)


def delete(session: Session, key: Key) -> None:
    session.delete(key)
    session.flush()


# ------------------------------------------------------------------ builds


def for_build(
    session: Session, box: SecretBox, user_id: int, namespace: Namespace | None
) -> list[tuple[str, str, str, int]]:
    """The SSH keys a build of `user_id` in `namespace` gets, decrypted, as
    (name, private key, config, key_id) ordered by name: the user's keys
    outside any namespace, and those of the build's namespace, which win when
    both have the same name."""
    return [
        (k.name, box.decrypt(k.key_encrypted, context=PRIVATE_CONTEXT), k.config, k.id)
        for k in resources.for_build(session, Key, user_id, namespace)
    ]
