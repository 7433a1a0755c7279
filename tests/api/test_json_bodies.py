"""JSON request bodies at the edge: whatever the bytes, a 4xx in the
contract's shape, never a 500 (issue 14, items 6-9 and 12). The fuzz test
(tests/api/test_fuzz_bodies.py) sends the same kinds of bodies to every
operation; these pin the exact answers."""

import json
import sys

import pytest

from tests.conftest import bearer

JSON = {"Content-Type": "application/json"}


@pytest.fixture
def headers(make_user, make_token):
    return bearer(make_token(make_user("alice")))


def post_raw(client, path, raw: bytes, headers, method="POST"):
    return client.request(method, path, content=raw, headers=headers)


def test_an_integer_longer_than_python_converts_is_400(client, headers):
    digits = sys.get_int_max_str_digits() + 1
    for path, raw in (
        ("/namespaces", b'{"name": "space", "visibility": ' + b"7" * digits + b"}"),
        ("/builds", b'{"manifest": "x", "tags": [[' + b"1" * 5000 + b"]]}"),
        ("/variables", b"1" * 5000),
    ):
        response = post_raw(client, path, raw, {**headers, **JSON})
        assert response.status_code == 400, (path, response.text)
        assert response.json() == {
            "body": [f"Request body holds an integer of more than {sys.get_int_max_str_digits()} digits"]
        }


def test_json_nested_deeper_than_the_limit_is_400(client, headers):
    from djinn.api.validation import MAX_DEPTH

    for depth in (MAX_DEPTH + 1, 500, 100_000):
        raw = b'{"name": "x", "description": ' + b"[" * depth + b"]" * depth + b"}"
        response = post_raw(client, "/namespaces", raw, {**headers, **JSON})
        assert response.status_code == 400, (depth, response.text)
        assert response.json() == {"body": [f"Request body is nested more than {MAX_DEPTH} levels deep"]}
    # At the limit, the body is read, and its fields are validated as usual.
    raw = b'{"name": "x", "description": ' + b"[" * (MAX_DEPTH - 1) + b"]" * (MAX_DEPTH - 1) + b"}"
    response = post_raw(client, "/namespaces", raw, {**headers, **JSON})
    assert response.status_code == 400
    assert response.json() == {"description": ["description must be a string"]}


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "a\\udc00b"])
def test_lone_surrogates_are_refused_where_nul_is(client, headers, escape):
    message = "{} must not contain lone surrogates (\\ud800-\\udfff)"
    cases = [
        ("POST", "/namespaces", {"name": "space", "description": "@"}, "description"),
        ("POST", "/variables", {"key": "K", "value": "@"}, "value"),
        ("POST", "/builds", {"manifest": "driver:\n  type: os\n# @\n", "comment": "@", "tags": ["@"]}, None),
        ("POST", "/cron", {"name": "@", "manifest": "driver: {type: os}"}, "name"),
        ("POST", "/keys", {"name": "k", "key": "x", "config": "@"}, "config"),
        ("POST", "/namespaces", {"name": "space", "@": "x"}, "body"),
    ]
    for method, path, body, field in cases:
        raw = json.dumps(body).replace("@", escape).encode()
        response = post_raw(client, path, raw, {**headers, **JSON}, method)
        assert response.status_code == 400, (path, response.text)
        fields = [field] if field else ["manifest", "comment", "tags"]
        for name in fields:
            assert message.format(name) in response.json()[name], (path, response.json())


def test_nul_in_a_form_is_refused(client):
    for value in ("a%00b", "%00"):
        response = client.post(
            "/login/oauth/token",
            content=f"grant_type=authorization_code&code={value}&client_id=x".encode(),
            headers={"Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded"},
        )
        assert response.status_code == 400, response.text
        assert response.json()["error"] == "invalid_request"


def test_nan_and_infinity_are_not_json(client, headers):
    for constant in (b"NaN", b"Infinity", b"-Infinity"):
        raw = b'{"name": "space", "visibility": ' + constant + b"}"
        response = post_raw(client, "/namespaces", raw, {**headers, **JSON})
        assert response.status_code == 400
        assert response.json() == {
            "body": [f"Request body is not valid JSON: {constant.decode()} is not a JSON value"]
        }


def test_a_json_body_without_content_type_is_read_as_json(client, headers):
    raw = json.dumps({"name": "plain", "description": "sent bare"}).encode()
    response = post_raw(client, "/namespaces", raw, headers)
    assert response.status_code == 201, response.text
    assert response.json()["description"] == "sent bare"
    response = post_raw(
        client,
        "/n/alice/plain",
        json.dumps({"description": "patched bare"}).encode(),
        headers,
        method="PATCH",
    )
    assert response.status_code == 200, response.text
    assert response.json()["description"] == "patched bare"
    # Validated like any JSON body.
    response = post_raw(client, "/namespaces", b'{"name": 5}', headers)
    assert response.status_code == 400
    assert response.json() == {"name": ["name must be a string"]}


def test_a_body_of_another_type_is_415(client, headers):
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "application/xml"):
        response = post_raw(
            client, "/namespaces", b'{"name": "typed"}', {**headers, "Content-Type": content_type}
        )
        assert response.status_code == 415, content_type
        assert response.json()["message"]


def test_a_chunked_json_body_is_accepted_up_to_the_limit(client, headers, config):
    def chunks(raw: bytes, size: int = 7):
        yield from (raw[i : i + size] for i in range(0, len(raw), size))

    raw = json.dumps({"name": "chunked", "description": "in pieces"}).encode()
    response = client.post("/namespaces", content=chunks(raw), headers={**headers, **JSON})
    assert response.request.headers.get("transfer-encoding") == "chunked"
    assert response.status_code == 201, response.text
    assert response.json()["description"] == "in pieces"

    big = json.dumps({"name": "big", "description": "x" * config.max_json_body}).encode()
    response = client.post("/namespaces", content=chunks(big, 64 * 1024), headers={**headers, **JSON})
    assert response.status_code == 413
    assert response.json() == {"message": f"Request body is larger than {config.max_json_body} bytes"}

    response = client.post("/namespaces", content=chunks(b""), headers={**headers, **JSON})
    assert response.status_code == 400
    assert response.json() == {"body": ["Request body is required"]}


def test_an_integer_in_the_path_longer_than_python_converts_names_nothing(client, headers):
    digits = "9" * (sys.get_int_max_str_digits() + 1)
    for path in (f"/cron/{digits}", f"/keys/{digits}", f"/b/alice/{digits}", f"/b/alice/{digits}/jobs"):
        response = client.get(path, headers=headers)
        assert response.status_code == 404, (path[:20], response.text)
        assert response.json() == {"message": "Not Found"}
    response = client.get("/cron/" + "9" * 25, headers=headers)
    assert response.status_code == 400
    assert response.json() == {"id": ["id must be at most 9223372036854775807"]}
