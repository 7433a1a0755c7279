"""The HTTP edge: one module per resource, one function per operationId.

Handlers read their arguments, call the domain in `djinn`, and return an
entity built from the generated models with a status. Connexion finds them
through `djinn.api.app.HandlerResolver`.
"""
