"""Fuzz: raw JSON bodies no schema-driven generator sends, to every operation
of the document that takes JSON, on SQLite and PostgreSQL; no answer may be
a 5xx (issue 14, "done when").

The operations are read from openapi/djinn.yaml, so a new one is covered
without touching this file. Each body starts from the operation's own
example (a body the handler takes) and gets some of: integers longer than
Python converts, arrays and objects nested past the limit, strings holding
NUL or lone surrogates (in values and in keys), NaN, a body that is not an
object; it is sent with `Content-Type: application/json`, with a charset, or
with no Content-Type at all, and with a Content-Length or chunked. Schemathesis
(tests/contract) covers the schema-shaped bodies; these are the bytes it
cannot produce.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from djinn.api.spec import load_spec, operations
from tests.conftest import bearer


def _schema(spec: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def json_operations() -> list[tuple[str, str, str, dict]]:
    """(operationId, method, path, body schema) of every operation taking JSON."""
    spec = load_spec()
    found = []
    for method, path, operation in operations(spec):
        content = operation.get("requestBody", {}).get("content", {})
        if "application/json" in content:
            found.append(
                (
                    operation["operationId"],
                    method.upper(),
                    path,
                    _schema(spec, content["application/json"].get("schema", {})),
                )
            )
    return found


OPERATIONS = json_operations()
# A body the server takes but that would make it fetch from the network.
LEAVE_OUT = {"createImage": {"download_url"}}

# Raw JSON fragments: the values no JSON library writes for you.
huge_integers = st.integers(4301, 6000).map(lambda n: "9" * n)
deep_nesting = st.tuples(st.integers(65, 3000), st.sampled_from(["[]", "{}"])).map(
    lambda d: ("[" * d[0] + "]" * d[0]) if d[1] == "[]" else ('{"a":' * d[0] + "1" + "}" * d[0])
)
nasty_text = st.lists(
    st.sampled_from(["a", " ", "\x00", "\ud800", "\udfff", "\udc00", "é", "\\", '"', "\n"]),
    min_size=1,
    max_size=8,
).map("".join)
nasty_strings = nasty_text.map(json.dumps)  # ensure_ascii: lone surrogates become \ud800 escapes
plain = st.one_of(
    st.just("null"), st.just("true"), st.just('"x"'), st.just("1"), st.just("[]"), st.just("{}")
)
nasty = st.one_of(huge_integers, deep_nesting, nasty_strings, st.just("NaN"), st.just("-Infinity"))
fragments = st.one_of(
    nasty, plain, st.lists(nasty, min_size=1, max_size=3).map(lambda xs: "[" + ",".join(xs) + "]")
)


@st.composite
def bodies(draw, example, properties: list[str]) -> bytes:
    """The example (or nothing), with some fields replaced by fragments and
    maybe a key holding NUL or a surrogate; or a fragment as the whole body."""
    shape = draw(st.sampled_from(["fields", "fields", "fields", "whole", "example"]))
    if shape == "whole" or not isinstance(example, dict):
        return draw(st.one_of(nasty, plain)).encode() if shape != "example" else json.dumps(example).encode()
    fields = {key: json.dumps(value) for key, value in example.items()}
    if shape == "fields":
        keys = st.sampled_from(properties or ["body"])
        for key in draw(st.lists(keys, min_size=1, max_size=3)):
            fields[key] = draw(fragments)
        if draw(st.booleans()):
            fields[draw(nasty_text)] = draw(plain)
    return ("{" + ",".join(f"{json.dumps(k)}:{v}" for k, v in fields.items()) + "}").encode()


CONTENT_TYPES = [
    {"Content-Type": "application/json"},
    {"Content-Type": "application/json; charset=utf-8"},
    {},
]


@pytest.fixture
def world(client, make_user, make_token):
    """alice with a namespace, a build, a cron schedule and a key,
    so that the operations' paths name things that exist."""
    from tests.sshkeys import private_key

    headers = bearer(make_token(make_user("alice")))
    manifest = "namespace: ns\ndriver: {type: os}\nstages: [a]\njobs: [{stage: a, commands: [x]}]\n"

    def create(path, body) -> int | None:
        response = client.post(path, json=body, headers=headers)
        assert response.status_code == 201, (path, response.text)
        return response.json().get("id") if isinstance(response.json(), dict) else None

    create("/namespaces", {"name": "ns"})
    ids = {
        "Builds": create("/builds", {"manifest": manifest}) and 1,
        "Cron": create("/cron", {"name": "nightly", "manifest": manifest}),
        "Keys": create("/keys", {"name": "deploy", "key": private_key()}),
    }
    # No webhook: its deliveries would go out to the network. updateWebhook
    # reads its body before it looks for the webhook, so a 404 is fine there.
    return headers, ids


def fill(path: str, tag: str, ids: dict) -> str:
    return (
        path.replace("{username}", "alice")
        .replace("{path}", "ns")
        .replace("{number}", "1")
        .replace("{id}", str(ids.get(tag) or 1))
    )


def chunks(raw: bytes):
    yield from (raw[i : i + 4096] for i in range(0, len(raw), 4096)) if raw else iter([b""])


@pytest.mark.parametrize("operation_id, method, path, schema", OPERATIONS, ids=[op[0] for op in OPERATIONS])
def test_no_json_body_is_a_server_error(client, world, operation_id, method, path, schema):
    headers, ids = world
    spec_operation = next(op for _m, _p, op in operations(load_spec()) if op["operationId"] == operation_id)
    target = fill(path, spec_operation["tags"][0], ids)
    example = schema.get("example")
    if isinstance(example, dict):
        example = {k: v for k, v in example.items() if k not in LEAVE_OUT.get(operation_id, set())}
    properties = sorted(schema.get("properties", {}))

    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )
    @given(
        raw=bodies(example, properties), content_type=st.sampled_from(CONTENT_TYPES), chunked=st.booleans()
    )
    def send(raw: bytes, content_type: dict, chunked: bool):
        response = client.request(
            method, target, content=chunks(raw) if chunked else raw, headers={**headers, **content_type}
        )
        assert response.status_code < 500, (
            operation_id,
            raw[:200],
            content_type,
            chunked,
            response.text[:300],
        )
        assert response.headers["content-type"].startswith("application/json"), response.headers
        body = response.json()
        if response.status_code == 400:
            assert isinstance(body, dict) and all(
                isinstance(v, list) and all(isinstance(m, str) for m in v) for v in body.values()
            ), body
        elif response.status_code >= 400:
            assert isinstance(body, dict) and isinstance(body.get("message"), str), body

    send()


def test_every_json_operation_is_fuzzed():
    # The operations come from the document: at least the ones there were
    # when this test was written, and createImage's JSON form.
    assert {op[0] for op in OPERATIONS} >= {
        "createBuild",
        "createBuildTags",
        "createCron",
        "updateCron",
        "createImage",
        "createKey",
        "updateKey",
        "createNamespace",
        "updateNamespace",
        "createInvite",
        "createWebhook",
        "updateWebhook",
        "createApp",
        "createVariable",
    }
