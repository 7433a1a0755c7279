"""The document covers the whole contract: every (method, path) of the Djinn
CI API reference, with the scopes and error responses the API's conventions
require. The endpoint list is copied from the reference's tables."""

import re

import pytest

from djinn.api.spec import load_spec, operations
from djinn.domain.auth.scopes import ALL_SCOPES

REFERENCE_ENDPOINTS = """
GET /
GET /user
GET /builds
POST /builds
GET /b/:username/:number
DELETE /b/:username/:number
PATCH /b/:username/:number/pin
PATCH /b/:username/:number/unpin
GET /b/:username/:number/objects
GET /b/:username/:number/variables
GET /b/:username/:number/keys
GET /b/:username/:number/jobs
GET /b/:username/:number/jobs/:name
GET /b/:username/:number/artifacts
GET /b/:username/:number/artifacts/:name
GET /b/:username/:number/tags
POST /b/:username/:number/tags
GET /b/:username/:number/tags/:name
DELETE /b/:username/:number/tags/:name
GET /namespaces
POST /namespaces
GET /n/:username/:path
PATCH /n/:username/:path
DELETE /n/:username/:path
GET /n/:username/:path/-/badge.svg
GET /n/:username/:path/-/builds
GET /n/:username/:path/-/namespaces
GET /n/:username/:path/-/images
GET /n/:username/:path/-/objects
GET /n/:username/:path/-/variables
GET /n/:username/:path/-/keys
GET /n/:username/:path/-/invites
POST /n/:username/:path/-/invites
GET /n/:username/:path/-/collaborators
DELETE /n/:username/:path/-/collaborators/:collaborator
GET /n/:username/:path/-/webhooks
POST /n/:username/:path/-/webhooks
GET /n/:username/:path/-/webhooks/:id
PATCH /n/:username/:path/-/webhooks/:id
DELETE /n/:username/:path/-/webhooks/:id
GET /invites
PATCH /invites/:id
DELETE /invites/:id
GET /cron
POST /cron
GET /cron/:id
GET /cron/:id/builds
PATCH /cron/:id
DELETE /cron/:id
GET /images
POST /images
GET /images/:id
DELETE /images/:id
GET /keys
POST /keys
GET /keys/:id
PATCH /keys/:id
DELETE /keys/:id
GET /objects
POST /objects
GET /objects/:id
GET /objects/:id/builds
DELETE /objects/:id
GET /variables
POST /variables
GET /variables/:id
DELETE /variables/:id
GET /login/oauth/authorize
POST /login/oauth/token
"""


def _reference():
    for line in REFERENCE_ENDPOINTS.strip().splitlines():
        method, path = line.split(" ", 1)
        yield method.lower(), re.sub(r":(\w+)", r"{\1}", path)


@pytest.mark.parametrize("method, path", list(_reference()))
def test_every_reference_endpoint_is_in_the_document(method, path):
    assert method in load_spec()["paths"].get(path, {}), f"{method.upper()} {path} missing from openapi/"


def test_every_scope_of_the_reference_is_declared():
    scheme = load_spec()["components"]["securitySchemes"]["oauth2"]
    assert set(scheme["flows"]["authorizationCode"]["scopes"]) == ALL_SCOPES


@pytest.mark.parametrize(
    "method, path, operation", operations(load_spec()), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_operation_is_documented_and_secured(method, path, operation):
    assert operation.get("summary") and operation.get("description")
    assert len(operation.get("tags", [])) == 1
    assert "security" in operation, "each operation says what it needs, even when that is nothing"
    security = operation["security"]
    for i, requirement in enumerate(security):
        for scheme, scopes in requirement.items():
            assert scheme in ("oauth2", "bearer")
            assert set(scopes) <= ALL_SCOPES
            if scheme == "bearer":  # the same token, its scopes on the oauth2 requirement just before
                assert scopes == [] and i > 0 and "oauth2" in security[i - 1]
        if "oauth2" in requirement:
            assert security[i + 1] == {"bearer": []}, "every oauth2 requirement has the bearer alternative"
    needs_token = bool(operation["security"]) and {} not in operation["security"]
    if needs_token:
        assert "404" in operation["responses"], (
            "a token-needing operation documents the 404 it answers without one"
        )


@pytest.mark.parametrize("name", sorted(load_spec()["components"]["schemas"]))
def test_every_schema_has_a_description_and_an_example(name):
    schema = load_spec()["components"]["schemas"][name]
    assert schema.get("description"), name
    assert "example" in schema, name


def _request_schemas():
    spec = load_spec()
    for _method, _path, operation in operations(spec):
        for media_type, media in operation.get("requestBody", {}).get("content", {}).items():
            ref = media.get("schema", {}).get("$ref")
            if ref:
                yield (
                    operation["operationId"],
                    media_type,
                    spec["components"]["schemas"][ref.rsplit("/", 1)[1]],
                )


def test_request_bodies_have_no_generator_traps():
    """No `""` or `null` listed in an enum (openapi-python-client makes
    duplicate enum classes of them; `nullable: true` says null, and the
    server accepts both without the document listing them), and no `default`
    on a request property (openapi-typescript makes those required)."""
    for operation_id, _media_type, schema in _request_schemas():
        for name, field in schema.get("properties", {}).items():
            assert not {"", None} & set(field.get("enum", [])), f'{operation_id}: {name} lists "" or null'
            assert "default" not in field, f"{operation_id}: {name} has a default; say it in the description"


def test_uploads_declare_their_real_content_types():
    """Binary uploads list the types a client sends, never `*/*`, which generators drop."""
    for _method, _path, operation in operations(load_spec()):
        for media_type, media in operation.get("requestBody", {}).get("content", {}).items():
            assert media_type != "*/*", operation["operationId"]
            if media.get("schema", {}).get("format") == "binary":
                assert media_type == "application/octet-stream", (operation["operationId"], media_type)


def test_links_name_real_operations_and_all_their_path_parameters():
    spec = load_spec()
    by_id = {
        op["operationId"]: (path, item)
        for path, item in spec["paths"].items()
        for op in item.values()
        if isinstance(op, dict) and "operationId" in op
    }
    creates = set()
    for _method, _path, operation in operations(spec):
        for status, response in operation["responses"].items():
            for link in response.get("links", {}).values():
                path, _item = by_id[link["operationId"]]
                assert set(link["parameters"]) == set(re.findall(r"\{(\w+)\}", path)), link
            if status == "201" and response.get("links"):
                creates.add(operation["operationId"])
    every_create = {op["operationId"] for _m, _p, op in operations(spec) if "201" in op["responses"]}
    assert every_create == creates, "every create links to what can be done with what it created"
