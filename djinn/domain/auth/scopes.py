"""Token scopes: `<resource>:<perm>[,<perm>...]` items separated by spaces.

`parse_scope` turns a scope string into the set of `resource:perm` strings the
OpenAPI document lists per operation; anything malformed raises ScopeError
with a message a user can act on. It never raises anything else, whatever the
input.
"""

from __future__ import annotations

RESOURCES = ("build", "cron", "image", "invite", "key", "namespace", "object", "variable", "webhook")
PERMISSIONS = ("read", "write", "delete")
MAX_SCOPE_LENGTH = 1024


class ScopeError(ValueError):
    pass


def parse_scope(text: str | None) -> frozenset[str]:
    if text is None:
        return frozenset()
    if not isinstance(text, str):
        raise ScopeError("scope must be a string")
    if len(text) > MAX_SCOPE_LENGTH:
        raise ScopeError(f"scope is longer than {MAX_SCOPE_LENGTH} characters")
    granted: set[str] = set()
    for item in text.split():
        resource, sep, perms = item.partition(":")
        if not sep or not resource or not perms:
            raise ScopeError(f"malformed scope item {item!r}: expected <resource>:<perm>[,<perm>...]")
        if resource not in RESOURCES:
            raise ScopeError(
                f"unknown resource {resource!r} in scope: expected one of {', '.join(RESOURCES)}"
            )
        for perm in perms.split(","):
            if perm not in PERMISSIONS:
                raise ScopeError(
                    f"unknown permission {perm!r} for {resource}: expected one of {', '.join(PERMISSIONS)}"
                )
            granted.add(f"{resource}:{perm}")
    return frozenset(granted)


def format_scope(scopes: frozenset[str] | set[str]) -> str:
    """The canonical text of a set of scopes: resources and permissions in a fixed order."""
    items = []
    for resource in RESOURCES:
        perms = [p for p in PERMISSIONS if f"{resource}:{p}" in scopes]
        if perms:
            items.append(f"{resource}:{','.join(perms)}")
    return " ".join(items)


ALL_SCOPES = frozenset(f"{r}:{p}" for r in RESOURCES for p in PERMISSIONS)
