"""Connexion validators that report every problem at once in this API's shape.

Connexion's own validators stop at the first problem and raise a
problem+json `detail` string. The contract wants `{field: [messages]}` with
all problems, so these subclasses walk every jsonschema error and raise
`ValidationFailed`. Messages never echo the submitted value: it may be a
secret.
"""

from __future__ import annotations

import json
import re
import sys
import typing as t
from collections.abc import Callable

from connexion.json_schema import Draft4RequestValidator
from connexion.lifecycle import ConnexionRequest
from connexion.utils import is_null, is_nullable
from connexion.validators import FormDataValidator, JSONRequestBodyValidator, ParameterValidator
from jsonschema import Draft4Validator, ValidationError
from jsonschema.protocols import Validator
from starlette.datastructures import Headers, QueryParams
from starlette.types import Message, Receive, Scope

from djinn.infra import urls
from djinn.infra.errors import PayloadTooLarge, ValidationFailed
from djinn.infra.text import text_problem

TYPE_WORDS = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "an object",
}


def describe(error: ValidationError, label: str) -> str:
    """A message for one jsonschema error about the field called `label`."""
    kind = error.validator
    expected: t.Any = error.validator_value  # the schema's value for that keyword: JSON
    if kind == "type":
        types: list[str] = expected if isinstance(expected, list) else [expected]
        return f"{label} must be {' or '.join(TYPE_WORDS.get(x, x) for x in types)}"
    if kind == "enum":
        return f"{label} must be one of {', '.join(json.dumps(v) for v in expected)}"
    if kind == "maxLength":
        return f"{label} must be at most {expected} characters"
    if kind == "minLength":
        return (
            f"{label} must be at least {expected} characters"
            if expected > 1
            else f"{label} must not be empty"
        )
    if kind == "pattern":
        if expected in (urls.PATTERN, urls.PATTERN_OR_EMPTY) and isinstance(error.instance, str):
            # The URL fields: the check's own words, not a page of regex.
            return (urls.problems(error.instance, label) or [f"{label} is not a valid URL"])[0]
        return f"{label} is not in the expected format ({expected})"
    if kind == "minimum":
        return f"{label} must be at least {expected}"
    if kind == "maximum":
        return f"{label} must be at most {expected}"
    if kind == "maxItems":
        return f"{label} must have at most {expected} items"
    if kind == "minItems":
        return f"{label} must have at least {expected} items"
    if kind == "format":
        return f"{label} must be a valid {expected}"
    if kind == "required":
        return f"{label} is required"
    return f"{label} is invalid"


def _field_errors(validator: Validator, instance: t.Any, schema: dict[str, t.Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for error in validator.iter_errors(instance):
        path = [p for p in error.absolute_path]
        if error.validator == "required":
            # "'name' is a required property": the field is the missing one.
            # Every error iter_errors yields has its validator_value (here the required names).
            required = t.cast(list[str], error.validator_value)
            missing = [name for name in required if not _has(error.instance, name)]
            for name in missing:
                title = (schema.get("properties", {}).get(name) or {}).get("title") or name
                errors.setdefault(name, []).append(describe(error, title))
            continue
        if path and isinstance(path[0], str):
            field = path[0]
            title = (schema.get("properties", {}).get(field) or {}).get("title") or field
            label = (
                title
                if len(path) == 1
                else f"{field}{''.join(f'[{p}]' if isinstance(p, int) else f'.{p}' for p in path[1:])}"
            )
        else:
            field, label = "body", "Request body"
        message = describe(error, label)
        if message not in errors.get(field, []):
            errors.setdefault(field, []).append(message)
    return errors


# How deep a JSON body may nest: no body of this API needs more than a few
# levels, and far deeper ones exhaust Python's stack in the code that reads them.
MAX_DEPTH = 64
TOO_DEEP_MESSAGE = f"Request body is nested more than {MAX_DEPTH} levels deep"


def scan_json(body: t.Any) -> dict[str, list[str]]:
    """What no schema says about a parsed JSON body: nesting deeper than
    MAX_DEPTH (raised at once), and strings that cannot be stored as text,
    reported under their top-level field (or `body`). Iterative, so that no
    depth of nesting can exhaust the stack."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str | None) -> None:
        if message is not None and message not in errors.setdefault(field, []):
            errors[field].append(message)

    top = isinstance(body, dict)
    stack: list[tuple[t.Any, int, str]] = [(body, 0, "body")]
    while stack:
        value, depth, field = stack.pop()
        if isinstance(value, str):
            add(field, text_problem(value, field))
        elif isinstance(value, (dict, list)):
            if depth >= MAX_DEPTH:
                raise ValidationFailed(body=[TOO_DEEP_MESSAGE])
            if isinstance(value, list):
                stack.extend((item, depth + 1, field) for item in value)
                continue
            for key, item in value.items():
                child = field
                if top and depth == 0:
                    child = key if text_problem(key, key) is None else "body"
                add(child, text_problem(key, child))
                stack.append((item, depth + 1, child))
    return {field: messages for field, messages in errors.items() if messages}


def _has(instance: t.Any, name: str) -> bool:
    return isinstance(instance, dict) and name in instance


class DjinnJSONBodyValidator(JSONRequestBodyValidator):  # type: ignore[misc]  # connexion has no type information
    """Reads, parses and validates a JSON body whole, up to `max_body` bytes
    (413 beyond), whether it comes with a Content-Length or chunked; then
    hands it on to the handler as the JSON it validated, with its length and
    `Content-Type: application/json`, so that a body sent without a
    Content-Type, chunked or in another charset reaches the handler parsed,
    never as bytes."""

    max_body: int = 1024 * 1024

    async def wrap_receive(self, receive: Receive, *, scope: Scope) -> tuple[Receive, Scope]:
        headers = Headers(scope=scope)
        length = headers.get("content-length")
        if length is not None:
            if not length.isdigit():
                raise ValidationFailed(body=["Content-Length is invalid"])
            if int(length) > self.max_body:
                raise self._too_large()
        chunked = "chunked" in headers.get("transfer-encoding", "").lower()
        if not int(length or 0) and not chunked:
            raw = b""
        else:
            raw = await self._read(receive)
        body = self._decode(raw)
        if body is None and self._schema.get("default") is not None:
            body = self._schema["default"]
        if body is None:
            # An absent body is an error only where the document requires one.
            if self._required:
                raise ValidationFailed(body=["Request body is required"])
            return self._replay(receive, scope, b"")
        self._validate(body)
        return self._replay(receive, scope, json.dumps(body).encode())

    def _too_large(self) -> PayloadTooLarge:
        return PayloadTooLarge(f"Request body is larger than {self.max_body} bytes")

    async def _read(self, receive: Receive) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                raise ValidationFailed(
                    body=["The request body ended before it was complete (the client disconnected)"]
                )
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                raise self._too_large()
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    def _decode(self, raw: bytes) -> t.Any:
        """The parsed body; None when it is empty."""
        try:
            text = raw.decode(self._encoding or "utf-8")
        except (UnicodeDecodeError, LookupError):
            raise ValidationFailed(body=[f"Request body is not valid {self._encoding or 'utf-8'}"]) from None
        if not text.strip():
            return None
        try:
            return json.loads(text, parse_constant=_no_constant)
        except json.JSONDecodeError as e:
            raise ValidationFailed(
                body=[f"Request body is not valid JSON: {e.msg} at line {e.lineno} column {e.colno}"]
            ) from None
        except RecursionError:
            raise ValidationFailed(body=[TOO_DEEP_MESSAGE]) from None
        except ValueError:
            # The only other error of json.loads: an integer longer than
            # Python converts (sys.set_int_max_str_digits).
            raise ValidationFailed(
                body=[f"Request body holds an integer of more than {sys.get_int_max_str_digits()} digits"]
            ) from None

    @staticmethod
    def _replay(receive: Receive, scope: Scope, raw: bytes) -> tuple[Receive, Scope]:
        """`receive` and `scope` for the app behind: the body is `raw`, as JSON."""
        scope = dict(scope)
        scope["headers"] = [
            (name, value)
            for name, value in scope["headers"]
            if name.lower() not in (b"content-length", b"content-type", b"transfer-encoding")
        ] + [(b"content-length", str(len(raw)).encode()), (b"content-type", b"application/json")]
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": raw, "more_body": False}
            return await receive()

        return replay, scope

    def _validate(self, body: t.Any) -> None:
        problems = scan_json(body)  # first: it raises for a body nested too deep
        errors = _field_errors(
            Draft4RequestValidator(self._schema, format_checker=Draft4Validator.FORMAT_CHECKER),
            body,
            self._schema,
        )
        for field, messages in problems.items():
            errors.setdefault(field, []).extend(messages)
        if errors:
            raise ValidationFailed(errors)


def _no_constant(name: str) -> t.NoReturn:
    # Python's json reads NaN and Infinity, which JSON does not have.
    raise ValidationFailed(body=[f"Request body is not valid JSON: {name} is not a JSON value"])


class DjinnFormDataValidator(FormDataValidator):  # type: ignore[misc]  # connexion has no type information
    """Form bodies (the OAuth endpoints): every problem, by field, like JSON bodies."""

    def _validate(self, body: t.Any) -> None:
        if not isinstance(body, dict):
            raise ValidationFailed(body=["Request body must be a form"])
        errors = _field_errors(self._validator, body, self._schema)
        for field, messages in scan_json(body).items():
            errors.setdefault(field, []).extend(messages)
        if errors:
            raise ValidationFailed(errors)


NUMERIC = {"integer": re.compile(r"-?[0-9]+"), "number": re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")}


class DjinnParameterValidator(ParameterValidator):  # type: ignore[misc]  # connexion has no type information
    def validate_request(self, request: ConnexionRequest) -> None:
        errors: dict[str, list[str]] = {}
        if self.strict_validation:
            for name in sorted(self.validate_query_parameter_list(request, self.security_query_params)):
                errors.setdefault(name, []).append(f"{name} is not a known query parameter")
        # Connexion coerces a query value with int()/float(), which takes
        # " 8", "+8" or "1_0" as numbers: such a value is not one in a URL.
        raw_query = QueryParams(request.scope.get("query_string", b""))
        for param in self.parameters.get("query", []):
            raw = raw_query.get(param["name"])
            kind = param.get("schema", param).get("type")
            if raw is not None and kind in NUMERIC and not NUMERIC[kind].fullmatch(raw):
                errors.setdefault(param["name"], []).append(f"{param['name']} must be {TYPE_WORDS[kind]}")
        sources: dict[str, Callable[[dict[str, t.Any]], t.Any]] = {
            "query": lambda p: request.query_params.get(p["name"]),
            "path": lambda p: request.path_params.get(p["name"].replace("-", "_")),
            "header": lambda p: request.headers.get(p["name"]),
            "cookie": lambda p: request.cookies.get(p["name"]),
        }
        for where, get in sources.items():
            for param in self.parameters.get(where, []):
                if where == "query" and param["name"] in errors:
                    continue
                for message in self._check(param, get(param)):
                    errors.setdefault(param["name"], []).append(message)
        if errors:
            raise ValidationFailed(errors)

    @staticmethod
    def _check(param: dict[str, t.Any], value: t.Any) -> list[str]:
        name = param["name"]
        if value is None:
            return [f"{name} is required"] if param.get("required") else []
        if isinstance(value, str) and (problem := text_problem(value, name)):
            return [problem]
        if is_nullable(param) and is_null(value):
            return []
        schema = param.get("schema", param)
        validator = Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)
        return [describe(error, name) for error in validator.iter_errors(value)]
