"""The HTTP edge: the Connexion app, request helpers, body validation, the
OpenAPI document, the uvicorn protocol, and the OAuth pages."""
