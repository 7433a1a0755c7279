"""The app factory: the OpenAPI document served by Connexion's AsyncApp.

Everything the HTTP edge needs is wired here, once: the resolver that finds a
handler per operationId (or the one 501 place), bearer-token security from the
document's scopes, validators that report errors in this API's shape, and the
single mapping from every error to its wire shape.

Operations are served natively on ASGI (Connexion's AsyncApp): the handlers
are plain functions Connexion runs in its thread pool, around each one a
request scope (djinn.api.web.RequestScope) gives them the runtime and a
database session.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import hmac
import importlib
import json
import logging
import re
import sys
import threading
import time
import traceback
from collections.abc import Callable, Coroutine
from typing import Any, NoReturn, Protocol, TypedDict

import connexion
import uvicorn
from connexion.datastructures import MediaTypeDict
from connexion.exceptions import (
    BadRequestProblem,
    OAuthProblem,
    OAuthScopeProblem,
    ProblemException,
    UnsupportedMediaTypeProblem,
)
from connexion.jsonifier import Jsonifier
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from connexion.middleware import MiddlewarePosition
from connexion.operations import openapi as connexion_openapi
from connexion.options import SwaggerUIOptions
from connexion.resolver import Resolution, Resolver
from connexion.security import OAuthSecurityHandler
from connexion.validators import VALIDATOR_MAP
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request as StarletteRequest
from starlette.responses import Response, StreamingResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from djinn.api import web
from djinn.api.oauth_web import PAGE_HEADERS, BrowserSessions, render_error_html, token_response
from djinn.api.server import http_protocol
from djinn.api.spec import METHODS, handler_name, load_spec, operations
from djinn.api.validation import DjinnFormDataValidator, DjinnJSONBodyValidator, DjinnParameterValidator
from djinn.api.web import StreamedBody
from djinn.domain import entities
from djinn.domain.auth.tokens import Caller, TokenCache, authenticate
from djinn.infra.config import Config
from djinn.infra.db.session import Database
from djinn.infra.errors import DjinnError, NotImplementedYet, ValidationFailed
from djinn.infra.runtime import Runtime

log = logging.getLogger(__name__)
NOT_FOUND = {"message": "Not Found"}


def _not_content_type_chatter(record: logging.LogRecord) -> bool:
    # Connexion warns on every request to an operation that takes several
    # content types (uploads, images): the document says so on purpose.
    return not str(record.msg).startswith("this operation accepts multiple content types")


if _not_content_type_chatter not in connexion_openapi.logger.filters:
    connexion_openapi.logger.addFilter(_not_content_type_chatter)


class ErrorLog:
    """Logs internal errors with their traceback, but the same error (type
    and place) once per `window` seconds: a client repeating a request that
    fails does not flood the log with identical tracebacks. The next time it
    is logged says how many were left out."""

    def __init__(self, window: float = 60.0, size: int = 256):
        self.window, self.size = window, size
        self._lock = threading.Lock()
        # (type, file, line) -> [first logged at, left out since]
        self._seen: dict[tuple[str | int | None, ...], list[float]] = {}

    def error(self, exc: BaseException) -> None:
        frame = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
        key = (type(exc).__qualname__, *((frame[0].filename, frame[0].lineno) if frame else ()))
        now = time.monotonic()
        with self._lock:
            entry = self._seen.get(key)
            if entry is not None and now - entry[0] < self.window:
                entry[1] += 1
                return
            left_out = entry[1] if entry is not None else 0
            self._seen.pop(key, None)
            if len(self._seen) >= self.size:
                self._seen.pop(next(iter(self._seen)))
            self._seen[key] = [now, 0]
        if left_out:
            log.error(
                "internal error (the same error %d more times in the last %.0f s, not logged)",
                left_out,
                self.window,
                exc_info=exc,
            )
        else:
            log.error("internal error", exc_info=exc)


_errors = ErrorLog()


def not_implemented(*_args: Any, **_kwargs: Any) -> NoReturn:
    """The one place that answers for operations whose behaviour is not built yet."""
    raise NotImplementedYet()


class HandlerResolver(Resolver):  # type: ignore[misc]  # connexion has no type information
    """operationId `listBuilds` tagged `Builds` -> handlers/builds.py::list_builds.

    A handler module or function that does not exist yet resolves to
    `not_implemented`; an import error inside an existing module is a bug and
    is raised.
    """

    def resolve(self, operation: Any) -> Resolution:  # a connexion operation
        handler = find_handler(operation._operation) or not_implemented
        return Resolution(closing_session(handler), operation.operation_id)


def closing_session(handler: Callable[..., Any]) -> Callable[..., Any]:
    """The handler, closing the request's database session in its own thread
    when it returns (its answer is already rendered), or raises. A streamed
    answer keeps it open: the app closes it when the response is sent."""

    @functools.wraps(handler)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            answer = handler(*args, **kwargs)
        except BaseException:
            web.close_session()
            raise
        if not isinstance(answer, StreamingResponse):
            web.close_session()
        return answer

    return run


def find_handler(operation: dict[str, Any]) -> Callable[..., Any] | None:
    """The handler function of an operation of the document, or None."""
    module_name, function_name = handler_name(operation).rsplit(".", 1)
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as e:
        if e.name != module_name:
            raise
        return None
    handler: Callable[..., Any] | None = getattr(module, function_name, None)
    return handler


def unimplemented_operations(spec: dict[str, Any]) -> set[str]:
    """The operationIds that answer 501 because no handler exists yet."""
    return {op["operationId"] for _method, _path, op in operations(spec) if find_handler(op) is None}


class TokenInfo(TypedDict):
    """What Connexion keeps of a valid token (`token_info`; web.caller reads `caller`)."""

    sub: int
    scope: list[str]
    caller: Caller


def _security_handler(database: Database, cache: TokenCache) -> type:
    """An OAuth2 bearer handler that looks tokens up in this app's database."""

    def info(who: Caller) -> TokenInfo:
        return {"sub": who.user_id, "scope": sorted(who.scopes), "caller": who}

    def look_up(token: str) -> TokenInfo | None:
        with database.engine.connect() as connection:
            who = authenticate(connection, token)
        if who is None:
            return None
        cache.put(token, who)
        return info(who)

    def token_info(token: str) -> TokenInfo | None | Coroutine[Any, Any, TokenInfo | None]:
        # Connexion calls this on the event loop: a token the cache does not
        # hold is looked up in the database from the thread pool (Connexion
        # awaits the coroutine), so that no query blocks the other requests.
        who = cache.get(token)
        if who is None:
            return run_in_threadpool(look_up, token)
        return info(who)

    class BearerTokens(OAuthSecurityHandler):  # type: ignore[misc]  # connexion has no type information
        # Connexion inspects the token function's signature on every request.
        _accepts_kwarg = staticmethod(functools.cache(OAuthSecurityHandler._accepts_kwarg))

        def get_tokeninfo_func(
            self, security_definition: dict[str, Any]
        ) -> Callable[[str], TokenInfo | None | Coroutine[Any, Any, TokenInfo | None]]:
            return token_info

    return BearerTokens


def _json(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> ConnexionResponse:
    return ConnexionResponse(
        status_code=status,
        mimetype="application/json",
        content_type="application/json",
        body=json.dumps(body),
        headers=headers or {},
    )


class _UnbufferedBody:
    """A request body the document declares as binary (an upload) is left
    unread here: the handler streams it (web.StreamedBody, web.upload_stream).
    Connexion's validators would read it whole into memory, and its JSON
    validator would parse an upload that happens to be sent as
    application/json. A missing or empty body is the handler's to report, with
    the upload's other problems (djinn.domain.uploads)."""

    def __init__(self, **_kwargs: Any) -> None:
        pass

    async def wrap_receive(self, receive: Receive, *, scope: Scope) -> tuple[StreamedBody, Scope]:
        length = Headers(scope=scope).get("content-length")
        if length is not None and not length.isdigit():
            raise ValidationFailed(body=["Content-Length is invalid"])
        return StreamedBody(receive), scope


class BodyValidator(Protocol):
    """What Connexion asks of a request body validator."""

    async def wrap_receive(self, receive: Receive, *, scope: Scope) -> tuple[Receive, Scope]: ...


class BinaryBodiesStream(MediaTypeDict):  # type: ignore[misc]  # connexion has no type information
    """Body validators by media type, except for binary bodies (see _UnbufferedBody)."""

    def __getitem__(self, media_type: str) -> Callable[..., BodyValidator]:
        # Media types without a validator (application/octet-stream) still
        # get the required-body check of _UnbufferedBody.
        validator: Callable[..., BodyValidator] | None  # a connexion validator class
        try:
            validator = super().__getitem__(media_type)
        except KeyError:
            validator = None

        def choose(*, schema: dict[str, Any], **kwargs: Any) -> BodyValidator:
            if schema.get("type") == "string" and schema.get("format") == "binary":
                return _UnbufferedBody(**kwargs)
            if validator is None:
                return _UnbufferedBody()
            return validator(schema=schema, **kwargs)

        return choose


class DjinnApp(connexion.AsyncApp):  # type: ignore[misc]  # connexion has no type information
    """Connexion's AsyncApp, with this server's runtime (runtime_of)."""

    runtime: Runtime


def runtime_of(app: DjinnApp) -> Runtime:
    """The app's runtime: its configuration, database, store, tasks."""
    return app.runtime


class RequestScopes:
    """ASGI middleware around everything else: each request gets its scope
    (web.request_scope: the runtime and a session opened on first use),
    renders entities with it (entities.begin_rendering), and has the session
    closed when it ends (normally already by closing_session)."""

    def __init__(self, app: ASGIApp, runtime: Runtime) -> None:
        self.app = app
        self.runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with web.request_scope(self.runtime) as request:
            rendering = entities.begin_rendering(self.runtime.config.base_url, web.db)
            try:
                await self.app(scope, receive, send)
            finally:
                entities.end_rendering(rendering)
                if request.session is not None:
                    await run_in_threadpool(request.close)


def create_app(config: Config) -> DjinnApp:
    config = config.with_secret_key()
    database = Database(config.database_url)
    resolver = HandlerResolver()
    DjinnJSONBodyValidator.max_body = config.max_json_body
    validator_map = {
        "parameter": DjinnParameterValidator,
        "body": BinaryBodiesStream(
            {
                **VALIDATOR_MAP["body"],
                "*/*json": DjinnJSONBodyValidator,
                "application/x-www-form-urlencoded": DjinnFormDataValidator,
            }
        ),
    }
    app = DjinnApp(
        __name__,
        jsonifier=Jsonifier(json, separators=(",", ":")),
        validator_map=validator_map,
        security_map={"oauth2": _security_handler(database, TokenCache(config.token_cache_seconds))},
        # Connexion would serve its ref-resolved copy of the document, which
        # the recursive schemas (Namespace.build.namespace) make unserialisable;
        # the raw document is served below instead.
        swagger_ui_options=SwaggerUIOptions(swagger_ui_path="/docs", serve_spec=False),
    )
    routes = RouteTable(load_spec())
    app.runtime = runtime = Runtime.build(config, database)
    app.add_middleware(RequestScopes, position=MiddlewarePosition.BEFORE_EXCEPTION, runtime=runtime)
    app.add_middleware(
        BrowserSessions,
        position=MiddlewarePosition.BEFORE_EXCEPTION,
        # A key of its own, derived from the server's secret key, so that the
        # cookie signatures and the encryption of secrets at rest never share one.
        secret_key=hmac.new(config.secret_key.encode(), b"djinn browser session", hashlib.sha256).hexdigest(),
        cookie_name="djinn_session",
        secure=config.base_url.startswith("https://"),
    )
    app.add_middleware(
        RouteGuard,
        position=MiddlewarePosition.BEFORE_ROUTING,
        routes=routes,
        passthrough=frozenset({"/openapi.json"}),
    )
    app.add_api(
        enforced_document(load_spec()),
        resolver=resolver,
        validate_responses=config.validate_responses,
        strict_validation=False,
    )
    document = copy.deepcopy(load_spec())
    document["servers"] = [{"url": config.base_url, "description": "This server."}]
    document_json = json.dumps(document).encode()

    async def openapi_json(_request: StarletteRequest) -> Response:
        return Response(document_json, media_type="application/json")

    app.add_url_rule("/openapi.json", "openapi_json", openapi_json, methods=["GET"])

    shapes = error_shapes(load_spec())

    def error_response(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        operation_id = routes.operation_id(request.method, request.url.path)
        shape = shapes.get(operation_id) if operation_id is not None else None
        if shape is not None and _is_client_error(exc):
            return _shaped_error(shape, exc, request.headers.get("accept"))
        response = _error_response(exc, debug=config.debug)
        if response.status_code == 405:
            # Starlette names only the first route that matched the path; the
            # document knows every method the path has.
            response.headers["Allow"] = ", ".join(sorted(routes.methods(request.url.path)))
        return response

    for exc_class in (DjinnError, ProblemException, StarletteHTTPException, Exception):
        app.add_error_handler(exc_class, error_response)
    return app


def enforced_document(spec: dict[str, Any]) -> dict[str, Any]:
    """The copy of the served document Connexion routes, validates and
    secures requests by. It differs in two ways, both kept out of the served
    document so generated clients stay simple:

    - the `bearer` requirements `make bundle` lists beside each `oauth2` one
      are left out, so every token is checked by the oauth2 handler against
      the operation's scopes (an http bearer requirement carries no scopes);
    - a nullable enum of a request body also accepts `null` and `""`, as
      "not given": the served document lists neither (openapi-python-client
      makes three identical enum classes of an enum listing them), its
      `nullable: true` says `null`, and each such field's description says
      `""` (the original Go client sends it for fields it does not set);
    - a binary upload also accepts the media types its request body lists
      under `x-also-accepts` (generators know only application/octet-stream
      as binary, so the document's `content` lists only that).
    """
    document = copy.deepcopy(spec)
    schemas = document["components"]["schemas"]
    for _method, _path, operation in operations(document):
        if "security" in operation:
            operation["security"] = [r for r in operation["security"] if "bearer" not in r]
        request_body = operation.get("requestBody", {})
        for media_type in request_body.get("x-also-accepts", []):
            request_body["content"][media_type] = copy.deepcopy(
                request_body["content"]["application/octet-stream"]
            )
        for media in request_body.get("content", {}).values():
            ref = media.get("schema", {}).get("$ref", "")
            body = schemas.get(ref.rsplit("/", 1)[-1]) if ref.startswith("#/components/schemas/") else None
            for field in (body or {}).get("properties", {}).values():
                if field.get("nullable") and "enum" in field:
                    field["enum"] += [v for v in (None, "") if v not in field["enum"]]
    document["components"]["securitySchemes"].pop("bearer", None)
    return document


def server_config(app: DjinnApp, config: Config, **options: Any) -> uvicorn.Config:
    """How `djinn serve` serves the app (`options`: more uvicorn settings). `X-Forwarded-For` and
    `X-Forwarded-Proto` are believed only from the proxies the configuration
    names: uvicorn's default believes 127.0.0.1, so any process on the host
    could claim any client address (and rotate past the sign-in limit). A
    request uvicorn cannot parse answers the API's 400 shape (djinn.api.server)."""
    return uvicorn.Config(
        app,
        host=config.host,
        port=config.port,
        log_level="info" if config.debug else "warning",
        proxy_headers=bool(config.trusted_proxies),
        forwarded_allow_ips=list(config.trusted_proxies),
        http=http_protocol(),
        **options,
    )


def error_shapes(spec: dict[str, Any]) -> dict[str, str]:
    """operationId -> "html" or "oauth", for the operations whose client
    errors are not this API's JSON field errors, as their 400 response in the
    document says: the OAuth pages answer an HTML page, the token endpoint an
    RFC 6749 error."""
    shapes: dict[str, str] = {}
    for _method, _path, operation in operations(spec):
        content = operation.get("responses", {}).get("400", {}).get("content", {})
        if "text/html" in content:
            shapes[operation["operationId"]] = "html"
        elif content.get("application/json", {}).get("schema", {}).get("$ref", "").endswith("/OAuthError"):
            shapes[operation["operationId"]] = "oauth"
    return shapes


def _is_client_error(exc: Exception) -> bool:
    if isinstance(exc, DjinnError):
        return 400 <= exc.status < 500
    if isinstance(exc, ProblemException):
        status: int = exc.status
        return 400 <= status < 500
    return isinstance(exc, StarletteHTTPException) and 400 <= exc.status_code < 500


def _shaped_error(shape: str, exc: Exception, accept: str | None) -> ConnexionResponse:
    """A request the validators refused, on an operation with its own error shape: always a 400."""
    if isinstance(exc, ValidationFailed):
        messages = [m for field_messages in exc.errors.values() for m in field_messages]
    else:
        messages = [getattr(exc, "detail", None) or str(exc) or "The request is invalid."]
    if shape == "html":
        return ConnexionResponse(
            status_code=400,
            mimetype="text/html",
            content_type="text/html; charset=utf-8",
            body=render_error_html(messages),
            headers=dict(PAGE_HEADERS),
        )
    fields = {"error": "invalid_request", "error_description": " ".join(messages)}
    body, content_type, headers = token_response(400, fields, accept)
    return ConnexionResponse(
        status_code=400, mimetype=content_type, content_type=content_type, body=body, headers=headers
    )


class RouteTable:
    """The document's paths as strict patterns, matched before routing.

    Integer path parameters match digits only, and a namespace `{path}` spans
    segments but never a `-` segment, so `/n/u/a/-/badge.svg` is the badge
    route and not a namespace called `a/-/badge.svg` (Starlette's own path
    converter would swallow it and route the request to another operation).
    """

    SEGMENT = r"[^/]+"
    # No longer than Python converts to an int (Starlette's router would fail
    # with a 500 on it): a longer "number" names nothing, like a word does.
    INTEGER = rf"[0-9]{{1,{sys.get_int_max_str_digits()}}}"
    NAMESPACE_PATH = r"(?!-(?:/|$))[^/]+(?:/(?!-(?:/|$))[^/]+)*"

    def __init__(self, spec: dict[str, Any]) -> None:
        self.routes: list[tuple[re.Pattern[str], dict[str, str]]] = []
        # The routes by their path's first segment (every request is matched
        # against only those that can match it), and those whose first segment
        # is a parameter, matched against every path.
        self._by_first: dict[str, list[tuple[re.Pattern[str], dict[str, str]]]] = {}
        self._any_first: list[tuple[re.Pattern[str], dict[str, str]]] = []
        for path, item in spec["paths"].items():
            types = self._path_parameter_types(spec, item)
            pattern = ""
            for literal, name in re.findall(r"([^{]*)(?:\{([^}]+)\})?", path):
                pattern += re.escape(literal)
                if name == "path":
                    pattern += self.NAMESPACE_PATH
                elif name:
                    pattern += self.INTEGER if types.get(name) == "integer" else self.SEGMENT
            operation_ids = {m.upper(): item[m]["operationId"] for m in METHODS if m in item}
            route = (re.compile(pattern + "$"), operation_ids)
            self.routes.append(route)
            first = self._first_segment(path)
            if "{" in first:
                self._any_first.append(route)
            else:
                self._by_first.setdefault(first, []).append(route)

    @staticmethod
    def _first_segment(path: str) -> str:
        return path.split("/", 2)[1] if path.startswith("/") else path

    def _candidates(self, path: str) -> list[tuple[re.Pattern[str], dict[str, str]]]:
        return self._by_first.get(self._first_segment(path), []) + self._any_first

    @staticmethod
    def _path_parameter_types(spec: dict[str, Any], item: dict[str, Any]) -> dict[str, str]:
        types: dict[str, str] = {}
        parameters = list(item.get("parameters", []))
        for method in METHODS:
            parameters += item.get(method, {}).get("parameters", [])
        for parameter in parameters:
            if "$ref" in parameter:
                parameter = spec["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[1]]
            if parameter.get("in") == "path":
                types[parameter["name"]] = parameter.get("schema", {}).get("type", "string")
        return types

    def methods(self, path: str) -> frozenset[str]:
        """Every method the document declares for this path; empty when no path matches."""
        found: set[str] = set()
        for regex, operation_ids in self._candidates(path):
            if regex.match(path):
                found |= operation_ids.keys()
        return frozenset(found)

    def operation_id(self, method: str, path: str) -> str | None:
        """The operation a request is for, or None."""
        for regex, operation_ids in self._candidates(path):
            if method in operation_ids and regex.match(path):
                return operation_ids[method]
        return None


CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


class RouteGuard:
    """ASGI middleware in front of Connexion's routing: a path the document
    does not have is 404, and a known path asked with a method it lacks is
    405, so no other operation's security or validation answers for them.
    Paths the app serves outside the document (`passthrough`) go on."""

    def __init__(self, app: ASGIApp, routes: RouteTable, passthrough: frozenset[str]) -> None:
        self.app = app
        self.routes = routes
        self.passthrough = passthrough

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] not in self.passthrough:
            methods = self.routes.methods(scope["path"])
            method = scope["method"]
            if not methods or CONTROL_CHARACTERS.search(scope["path"]):
                raise StarletteHTTPException(404, "Not Found")
            if method not in methods and not (method == "HEAD" and "GET" in methods):
                raise StarletteHTTPException(405, "Method Not Allowed")
        await self.app(scope, receive, send)


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
    _errors.error(exc)
    body = {"message": "Internal Server Error"}
    if debug:
        body["stack"] = "".join(traceback.format_exception(exc))
    return _json(500, body)
