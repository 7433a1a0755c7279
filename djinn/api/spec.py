"""The OpenAPI document the app serves, and what the code derives from it."""

from __future__ import annotations

import functools
import pathlib
import re
from typing import Any

import yaml

SPEC_PATH = pathlib.Path(__file__).resolve().parents[2] / "openapi" / "djinn.yaml"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@functools.cache
def _load(path: pathlib.Path) -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open() as f:
        document: dict[str, Any] = yaml.load(f, Loader=loader)
    return document


def load_spec(path: pathlib.Path = SPEC_PATH) -> dict[str, Any]:
    """The parsed document. Callers must not mutate it: the app copies what it changes."""
    return _load(path)


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """Every (method, path, operation) of the document, in document order."""
    return [
        (method, path, item[method])
        for path, item in spec["paths"].items()
        for method in METHODS
        if method in item
    ]


def handler_name(operation: dict[str, Any]) -> str:
    """Where the handler of an operation lives: handlers/<first tag>.py::<operationId in snake_case>."""
    tag = operation["tags"][0].lower()
    return f"handlers.{tag}.{snake_case(operation['operationId'])}"


def snake_case(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def scope_descriptions() -> dict[str, str]:
    """`resource:perm` -> what it allows, in words, from the document's oauth2 scheme."""
    scheme = load_spec()["components"]["securitySchemes"]["oauth2"]
    return dict(scheme["flows"]["authorizationCode"]["scopes"])
