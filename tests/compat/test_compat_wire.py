"""The compat client itself: it sends what the original Go client sends, and
refuses what the Go client cannot decode. (The flows are in the other
test_*.py files of this directory.)"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.compat.client import (
    JSON,
    Build,
    DecodeError,
    DjinnError,
    GoPanic,
    Job,
    Manifest,
    Namespace,
    Response,
    go_json,
    parse_time,
)

EMPTY_MANIFEST = (
    'namespace: ""\ndriver: {}\nenv: []\nobjects: []\nsources: []\nstages: []\nallow_failures: []\njobs: []\n'
)


def test_a_manifest_is_the_yaml_of_the_whole_struct():
    assert Manifest().yaml() == EMPTY_MANIFEST
    manifest = Manifest(
        driver={"type": "docker", "image": "golang", "workspace": "/go"},
        stages=["test"],
        jobs=[Job(stage="test", commands=["go test ./..."])],
    )
    assert manifest.yaml() == (
        'namespace: ""\n'
        "driver:\n  image: golang\n  type: docker\n  workspace: /go\n"
        "env: []\nobjects: []\nsources: []\n"
        "stages:\n- test\n"
        "allow_failures: []\n"
        'jobs:\n- stage: test\n  name: ""\n  commands:\n  - go test ./...\n  artifacts: []\n'
    )


def test_bodies_are_encoded_like_go():
    assert go_json({"comment": "<b>&", "tags": None, "ok": False}) == (
        b'{"comment":"\\u003cb\\u003e\\u0026","tags":null,"ok":false}\n'
    )


def test_what_goes_on_the_wire(djinn):
    alice = djinn("alice")
    alice.create_namespace("wire")
    request = alice.sent[-1]
    assert request.method == "POST" and request.url.path == "/namespaces"
    assert request.content == b'{"parent":"","name":"wire","description":"","visibility":"private"}\n'
    assert request.headers["content-type"] == JSON
    assert request.headers["authorization"] == "Bearer " + alice.token
    assert request.headers["user-agent"] == "Go-http-client/1.1"
    assert "accept" not in request.headers
    alice.get_namespace("alice", "wire")
    assert alice.sent[-1].headers["accept"] == JSON and "content-type" not in alice.sent[-1].headers
    image = b"QFI\xfb" + b"\0" * 508
    try:
        alice.create_image("disk", image=image)
    except DjinnError:
        pass  # what the server makes of it is not this test's business
    request = alice.sent[-1]
    assert request.url.raw_path == b"/images?name=disk&namespace="
    assert request.headers["content-type"] == "application/x-qemu-disk" and request.content == image


def test_errors_are_decoded_by_status(djinn):
    alice = djinn("alice")
    with pytest.raises(DjinnError) as invalid:
        alice.create_namespace("")
    assert invalid.value.status == 400 and "name" in invalid.value.params
    with pytest.raises(DjinnError) as missing:
        alice.get_namespace("alice", "nowhere")
    assert (missing.value.status, missing.value.message) == (404, "Not Found")
    # A 400 that is not map[string][]string is a decoding failure, not an error it can read.
    with pytest.raises(DecodeError):
        alice.err(Response(400, {}, b'{"message": "Bad Request"}'))


def test_decoding_is_as_strict_as_go():
    assert parse_time("2024-01-02T03:04:05.123456789Z", "t") == dt.datetime(
        2024, 1, 2, 3, 4, 5, 123456, tzinfo=dt.UTC
    )
    assert parse_time("2024-01-02T03:04:05+02:00", "t").utcoffset() == dt.timedelta(hours=2)
    for bad in ("2024-01-02 03:04:05Z", "2024-01-02T03:04:05", None, 1704164645):
        with pytest.raises(DecodeError):
            parse_time(bad, "t")
    with pytest.raises(DecodeError):
        Build.decode({"status": "waiting"})
    with pytest.raises(DecodeError):
        Build.decode({"id": "1"})
    build = Build.decode({"id": 1})
    assert build.tags is None and build.namespace_id is None
    with pytest.raises(GoPanic):
        build.namespace.user  # noqa: B018 (the dereference is the test)
    with pytest.raises(GoPanic):
        build.url.path  # noqa: B018
    namespace = Namespace.decode({"id": 1, "user": None})
    with pytest.raises(GoPanic):
        namespace.user.username  # noqa: B018
