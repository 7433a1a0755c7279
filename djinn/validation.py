"""Connexion validators that report every problem at once in this API's shape.

Connexion's own validators stop at the first problem and raise a
problem+json `detail` string. The contract wants `{field: [messages]}` with
all problems, so these subclasses walk every jsonschema error and raise
`ValidationFailed`. Messages never echo the submitted value: it may be a
secret.
"""

from __future__ import annotations

import json
import typing as t

from connexion.json_schema import Draft4RequestValidator
from connexion.utils import is_null, is_nullable
from connexion.validators import FormDataValidator, JSONRequestBodyValidator, ParameterValidator
from jsonschema import Draft4Validator, ValidationError
from starlette.datastructures import Headers

from djinn.errors import PayloadTooLarge, ValidationFailed

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
    kind, expected = error.validator, error.validator_value
    if kind == "type":
        types = expected if isinstance(expected, list) else [expected]
        return f"{label} must be {' or '.join(TYPE_WORDS.get(x, x) for x in types)}"
    if kind == "enum":
        return f"{label} must be one of {', '.join(json.dumps(v) for v in expected)}"
    if kind == "maxLength":
        return f"{label} must be at most {expected} characters"
    if kind == "minLength":
        return f"{label} must be at least {expected} characters" if expected > 1 else f"{label} must not be empty"
    if kind == "pattern":
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


def _field_errors(validator, instance, schema: dict) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for error in validator.iter_errors(instance):
        path = [p for p in error.absolute_path]
        if error.validator == "required":
            # "'name' is a required property": the field is the missing one.
            missing = [name for name in error.validator_value if not _has(error.instance, name)]
            for name in missing:
                title = (schema.get("properties", {}).get(name) or {}).get("title") or name
                errors.setdefault(name, []).append(describe(error, title))
            continue
        if path and isinstance(path[0], str):
            field = path[0]
            title = (schema.get("properties", {}).get(field) or {}).get("title") or field
            label = title if len(path) == 1 else f"{field}{''.join(f'[{p}]' if isinstance(p, int) else f'.{p}' for p in path[1:])}"
        else:
            field, label = "body", "Request body"
        message = describe(error, label)
        if message not in errors.get(field, []):
            errors.setdefault(field, []).append(message)
    return errors


# No database stores a NUL character in text (PostgreSQL refuses it), and no
# field of this API needs one.
NUL_MESSAGE = "{} must not contain NUL characters"


def _fields_with_nul(body) -> list[str]:
    """Top-level fields (or `body`) whose value holds a NUL character anywhere."""
    def has_nul(value) -> bool:
        if isinstance(value, str):
            return "\x00" in value
        if isinstance(value, dict):
            return any(has_nul(k) or has_nul(v) for k, v in value.items())
        if isinstance(value, list):
            return any(has_nul(v) for v in value)
        return False

    if isinstance(body, dict):
        return [str(k) if "\x00" not in str(k) else "body" for k, v in body.items() if has_nul(k) or has_nul(v)]
    return ["body"] if has_nul(body) else []


def _has(instance, name) -> bool:
    return isinstance(instance, dict) and name in instance


class DjinnJSONBodyValidator(JSONRequestBodyValidator):
    max_body: int = 1024 * 1024

    async def wrap_receive(self, receive, *, scope):
        length = Headers(scope=scope).get("content-length")
        if length is not None:
            if not length.isdigit():
                raise ValidationFailed(body=["Content-Length is invalid"])
            if int(length) > self.max_body:
                raise PayloadTooLarge(f"Request body is larger than {self.max_body} bytes")
        if not int(length or 0) and self._required and self._schema.get("default") is None:
            raise ValidationFailed(body=["Request body is required"])
        return await super().wrap_receive(receive, scope=scope)

    async def _parse(self, stream: t.AsyncGenerator[bytes, None], scope) -> t.Any:
        chunks, size = [], 0
        async for chunk in stream:
            size += len(chunk)
            if size > self.max_body:
                raise PayloadTooLarge(f"Request body is larger than {self.max_body} bytes")
            chunks.append(chunk)
        raw = b"".join(chunks)
        try:
            text = raw.decode(self._encoding or "utf-8")
        except (UnicodeDecodeError, LookupError):
            raise ValidationFailed(body=[f"Request body is not valid {self._encoding or 'utf-8'}"]) from None
        if not text.strip():
            return None
        try:
            return json.loads(text)
        except json.JSONDecodeError as e:
            raise ValidationFailed(body=[f"Request body is not valid JSON: {e.msg} at line {e.lineno} column {e.colno}"]) from None

    def _validate(self, body: t.Any) -> None:
        if body is None:
            # An absent body is an error only where the document requires one
            # (Connexion also rejects it for optional bodies).
            if self._required and not self._nullable:
                raise ValidationFailed(body=["Request body is required"])
            return
        validator = Draft4RequestValidator(self._schema, format_checker=Draft4Validator.FORMAT_CHECKER)
        errors = _field_errors(validator, body, self._schema)
        for field in _fields_with_nul(body):
            errors.setdefault(field, []).append(NUL_MESSAGE.format(field))
        if errors:
            raise ValidationFailed(errors)


class DjinnFormDataValidator(FormDataValidator):
    """Form bodies (the OAuth endpoints): every problem, by field, like JSON bodies."""

    def _validate(self, body: t.Any) -> None:
        if not isinstance(body, dict):
            raise ValidationFailed(body=["Request body must be a form"])
        errors = _field_errors(self._validator, body, self._schema)
        if errors:
            raise ValidationFailed(errors)


class DjinnParameterValidator(ParameterValidator):
    def validate_request(self, request) -> None:
        errors: dict[str, list[str]] = {}
        if self.strict_validation:
            for name in sorted(self.validate_query_parameter_list(request, self.security_query_params)):
                errors.setdefault(name, []).append(f"{name} is not a known query parameter")
        sources = {
            "query": lambda p: request.query_params.get(p["name"]),
            "path": lambda p: request.path_params.get(p["name"].replace("-", "_")),
            "header": lambda p: request.headers.get(p["name"]),
            "cookie": lambda p: request.cookies.get(p["name"]),
        }
        for where, get in sources.items():
            for param in self.parameters.get(where, []):
                for message in self._check(param, get(param)):
                    errors.setdefault(param["name"], []).append(message)
        if errors:
            raise ValidationFailed(errors)

    @staticmethod
    def _check(param: dict, value) -> list[str]:
        name = param["name"]
        if value is None:
            return [f"{name} is required"] if param.get("required") else []
        if isinstance(value, str) and "\x00" in value:
            return [NUL_MESSAGE.format(name)]
        if is_nullable(param) and is_null(value):
            return []
        schema = param.get("schema", param)
        validator = Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)
        return [describe(error, name) for error in validator.iter_errors(value)]
