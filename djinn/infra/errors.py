"""The one error vocabulary of the core, and its mapping to the wire shapes of
API.md. Domain code raises these; the app turns them (and Connexion's own
problems) into responses in exactly one place, `djinn.api.app._error_response`.
"""

from __future__ import annotations

from typing import Any


class DjinnError(Exception):
    status = 500

    def body(self) -> dict[str, Any]:
        return {"message": str(self) or "Internal Server Error"}


class NotFound(DjinnError):
    """The resource does not exist, or the caller may not see it, or the token
    does not allow the operation: all answer the same, so nothing leaks."""

    status = 404

    def __init__(self, message: str = "Not Found"):
        super().__init__(message)


class ValidationFailed(DjinnError):
    """400 with `{field: [messages]}`; every problem found is reported at once."""

    status = 400

    def __init__(self, errors: dict[str, list[str]] | None = None, **fields: str | list[str]):
        merged: dict[str, list[str]] = {k: list(v) for k, v in (errors or {}).items()}
        for field, messages in fields.items():
            merged.setdefault(field, []).extend([messages] if isinstance(messages, str) else messages)
        super().__init__(merged)
        self.errors = merged

    def body(self) -> dict[str, Any]:
        return self.errors


class NamespacePermission(DjinnError):
    """422: the caller named a namespace they may not work in."""

    status = 422


class Conflict(DjinnError):
    status = 409


class PayloadTooLarge(DjinnError):
    status = 413

    def __init__(self, message: str = "Request body too large"):
        super().__init__(message)


class NotImplementedYet(DjinnError):
    status = 501

    def __init__(self, message: str = "Not implemented"):
        super().__init__(message)


class Errors:
    """Collects field errors while validating, then raises them all at once."""

    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.fields.setdefault(field, []).append(message)

    def __bool__(self) -> bool:
        return bool(self.fields)

    def raise_if_any(self) -> None:
        if self.fields:
            raise ValidationFailed(self.fields)
