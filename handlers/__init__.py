"""The API's operations: one module per resource, one function per operationId.

Handlers read their arguments, call the domain (`djinn.domain`), and return
an entity from `djinn.domain.entities` with a status. Connexion finds them
through `djinn.api.app.HandlerResolver`.
"""
