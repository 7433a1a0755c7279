"""The API's operations: one module per resource, one function per operationId.

Handlers read their arguments, call the domain (`djinn.domain`), and return
an entity from `djinn.domain.entities` with a status. Connexion finds them
through `djinn.api.app.HandlerResolver`.
"""

from typing import Any, TypeAlias

# What handlers answer: Connexion serializes the body and sends it with the
# status (and the headers, when given). Handlers that stream or render a page
# answer a Starlette response instead.

JsonObject: TypeAlias = dict[str, Any]
"""An entity dumped to JSON (`entities.dump`), or a JSON request body."""

Headers: TypeAlias = dict[str, str]

Entity: TypeAlias = tuple[JsonObject, int]
"""One entity and the status."""

EntityWithHeaders: TypeAlias = tuple[JsonObject, int, Headers]
"""One entity, the status and headers (a `Content-Type` for content negotiation)."""

Entities: TypeAlias = tuple[list[JsonObject], int]
"""A whole list of entities and the status."""

EntityPage: TypeAlias = tuple[list[JsonObject], int, Headers]
"""One page of a list, the status and the page's `Link` header."""

NoContent: TypeAlias = tuple[None, int]
"""No body, and the status (204)."""
