"""The app factory: the OpenAPI document routed by Connexion onto Flask.

Everything the HTTP edge needs is wired here, once: the resolver that finds a
handler per operationId (or the one 501 place), bearer-token security from the
document's scopes, validators that report errors in this API's shape, and the
single mapping from every error to its wire shape.
"""

from __future__ import annotations

import copy
import importlib
import json
import logging
import re
import traceback

import connexion
import flask
import werkzeug.exceptions
from connexion.exceptions import (
    BadRequestProblem,
    OAuthProblem,
    OAuthScopeProblem,
    ProblemException,
    UnsupportedMediaTypeProblem,
)
from connexion.lifecycle import ConnexionResponse
from connexion.options import SwaggerUIOptions
from connexion.resolver import Resolution, Resolver
from connexion.security import OAuthSecurityHandler
from connexion.validators import VALIDATOR_MAP
from connexion.datastructures import MediaTypeDict
from starlette.exceptions import HTTPException as StarletteHTTPException

from djinn.auth.tokens import authenticate
from djinn.config import Config
from djinn.db.session import Database
from djinn.errors import DjinnError, NotImplementedYet
from djinn.spec import METHODS, handler_name, load_spec
from djinn.validation import DjinnJSONBodyValidator, DjinnParameterValidator
from djinn.web import EXTENSION, AppState

log = logging.getLogger(__name__)
NOT_FOUND = {"message": "Not Found"}


def not_implemented(*_args, **_kwargs):
    """The one place that answers for operations whose behaviour is not built yet."""
    raise NotImplementedYet()


class HandlerResolver(Resolver):
    """operationId `listBuilds` tagged `Builds` -> handlers/builds.py::list_builds.

    A handler module or function that does not exist yet resolves to
    `not_implemented` and is recorded in `unimplemented`; an import error
    inside an existing module is a bug and is raised.
    """

    def __init__(self) -> None:
        super().__init__()
        self.unimplemented: set[str] = set()

    def resolve(self, operation) -> Resolution:
        dotted = handler_name(operation._operation)
        module_name, function_name = dotted.rsplit(".", 1)
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as e:
            if e.name != module_name:
                raise
            module = None
        function = getattr(module, function_name, None) if module else None
        if function is None:
            self.unimplemented.add(operation.operation_id)
            function = not_implemented
        return Resolution(function, operation.operation_id)


def _security_handler(database: Database):
    """An OAuth2 bearer handler that looks tokens up in this app's database."""

    def token_info(token: str):
        with database.session() as session:
            who = authenticate(session, token)
        if who is None:
            return None
        return {"sub": who.user_id, "scope": sorted(who.scopes), "caller": who}

    class BearerTokens(OAuthSecurityHandler):
        def get_tokeninfo_func(self, security_definition):
            return token_info

    return BearerTokens


def _json(status: int, body: dict, headers: dict | None = None) -> ConnexionResponse:
    return ConnexionResponse(
        status_code=status,
        mimetype="application/json",
        content_type="application/json",
        body=json.dumps(body),
        headers=headers or {},
    )


def create_app(config: Config) -> connexion.FlaskApp:
    config = config.with_secret_key()
    database = Database(config.database_url)
    resolver = HandlerResolver()
    DjinnJSONBodyValidator.max_body = config.max_json_body
    validator_map = {
        "parameter": DjinnParameterValidator,
        "body": MediaTypeDict({**VALIDATOR_MAP["body"], "*/*json": DjinnJSONBodyValidator}),
    }
    app = connexion.FlaskApp(
        __name__,
        validator_map=validator_map,
        security_map={"oauth2": _security_handler(database)},
        swagger_ui_options=SwaggerUIOptions(swagger_ui_path="/docs"),
    )
    app.add_api(
        copy.deepcopy(load_spec()),
        resolver=resolver,
        validate_responses=config.validate_responses,
        strict_validation=False,
    )
    app.app.extensions[EXTENSION] = AppState(config=config, db=database)
    app.app.extensions["djinn.unimplemented"] = resolver.unimplemented
    app.app.config["MAX_CONTENT_LENGTH"] = None
    app.app.json.sort_keys = False
    app.app.json.compact = True

    @app.app.teardown_request
    def _close_session(_exc):
        session = flask.g.pop("db", None)
        if session is not None:
            session.close()

    # Flask's own routing errors (unknown path, wrong method) answer here,
    # before Connexion would turn them into problem+json and drop `Allow`.
    @app.app.errorhandler(werkzeug.exceptions.HTTPException)
    def _flask_http_error(exc: werkzeug.exceptions.HTTPException):
        status = exc.code or 500
        body = NOT_FOUND if status == 404 else {"message": exc.description or exc.name}
        headers = {k: v for k, v in exc.get_headers() if k.lower() == "allow"}
        return flask.Response(json.dumps(body), status=status, headers=headers, mimetype="application/json")

    allowed = _allowed_methods(load_spec())

    def error_response(request, exc: Exception) -> ConnexionResponse:
        response = _error_response(exc, debug=config.debug)
        if response.status_code == 405:
            # Starlette names only the first route that matched the path; the
            # spec knows every method the path has.
            response.headers["Allow"] = ", ".join(allowed(request.url.path))
        return response

    for exc_class in (DjinnError, ProblemException, StarletteHTTPException, Exception):
        app.add_error_handler(exc_class, error_response)
    return app


def _allowed_methods(spec: dict):
    """path -> the methods the document declares for it, for the `Allow` header."""
    routes = []
    for path, item in spec["paths"].items():
        pattern = ""
        for literal, name in re.findall(r"([^{]*)(?:\{([^}]+)\})?", path):
            pattern += re.escape(literal)
            if name:
                pattern += ".+" if name == "path" else "[^/]+"
        methods = sorted(m.upper() for m in METHODS if m in item)
        routes.append((re.compile(pattern + "$"), methods))

    def allowed(path: str) -> list[str]:
        return sorted({m for regex, methods in routes if regex.match(path) for m in methods})

    return allowed


def _error_response(exc: Exception, *, debug: bool) -> ConnexionResponse:
    """The single mapping from any error to the wire shapes of API.md."""
    if isinstance(exc, DjinnError):
        return _json(exc.status, exc.body())
    # Missing, invalid, expired or revoked token, or a missing scope: 404, never 401/403.
    if isinstance(exc, (OAuthProblem, OAuthScopeProblem)):
        return _json(404, NOT_FOUND)
    if isinstance(exc, BadRequestProblem):
        return _json(400, {"body": [exc.detail or "Bad request"]})
    if isinstance(exc, UnsupportedMediaTypeProblem):
        return _json(415, {"message": exc.detail or "Unsupported media type"})
    if isinstance(exc, ProblemException) and exc.status < 500:
        if exc.status == 404:
            return _json(404, NOT_FOUND)
        return _json(exc.status, {"message": exc.detail or exc.title or "Error"})
    if isinstance(exc, StarletteHTTPException) and exc.status_code < 500:
        if exc.status_code == 404:
            return _json(404, NOT_FOUND)
        headers = {k: v for k, v in (exc.headers or {}).items() if k.lower() == "allow"}
        return _json(exc.status_code, {"message": exc.detail or "Error"}, headers)
    log.error("internal error", exc_info=exc)
    body = {"message": "Internal Server Error"}
    if debug:
        body["stack"] = "".join(traceback.format_exception(exc))
    return _json(500, body)
