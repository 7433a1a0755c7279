"""Objects: upload, download, list, delete, and who may do what."""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import json
import random
import zlib

import pytest

from djinn.api.app import runtime_of
from djinn.infra.db.models import Collaborator, Namespace, Object
from tests.conftest import bearer

NOT_FOUND = {"message": "Not Found"}


def png_bytes() -> bytes:
    """A valid 1x1 PNG, made here."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    header = (1).to_bytes(4, "big") + (1).to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def limit(app):
    """A small upload limit for the test, restored after."""
    state = runtime_of(app)
    original = state.config
    state.config = dataclasses.replace(original, max_upload_bytes=64 * 1024)
    yield 64 * 1024
    state.config = original


@pytest.fixture
def store(app):
    return runtime_of(app).store


def stored_files(store, kind="objects"):
    directory = store.root / kind
    return sorted(p.name for p in directory.iterdir()) if directory.exists() else []


@pytest.fixture
def alice(make_user, make_token):
    user = make_user("alice")
    return user, bearer(make_token(user))


def upload(client, headers, name, content, content_type="application/octet-stream", namespace=None):
    params = {"name": name}
    if namespace is not None:
        params["namespace"] = namespace
    return client.post(
        "/objects", params=params, content=content, headers={**headers, "Content-Type": content_type}
    )


def test_upload_and_download_round_trip(client, alice, store):
    _user, headers = alice
    content = bytes(range(256)) * 4096 + b"tail"
    response = upload(client, headers, "data.bin", content)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["name"] == "data.bin"
    assert body["size"] == len(content)
    assert body["sha256"] == hashlib.sha256(content).hexdigest()
    assert body["md5"] == hashlib.md5(content).hexdigest()
    assert body["namespace_id"] is None
    assert body["url"] == f"http://djinn.test/objects/{body['id']}"

    got = client.get(f"/objects/{body['id']}", headers={**headers, "Accept": "application/octet-stream"})
    assert got.status_code == 200
    assert hashlib.sha256(got.content).hexdigest() == body["sha256"]
    assert got.headers["content-length"] == str(len(content))

    entity = client.get(f"/objects/{body['id']}", headers={**headers, "Accept": "application/json"})
    assert entity.json() == body


def test_a_streamed_upload_without_length_is_kept_whole(client, alice):
    _user, headers = alice
    parts = [b"x" * 70_000, b"y" * 70_000, b"z"]
    response = upload(client, headers, "chunked.txt", iter(parts), content_type="text/plain")
    assert response.status_code == 201, response.text
    assert response.json()["size"] == 140_001
    assert response.json()["sha256"] == hashlib.sha256(b"".join(parts)).hexdigest()


def asgi_upload(
    app,
    headers: dict,
    name: str,
    messages: list[dict],
    length: int | None = None,
    content_type: str = "application/octet-stream",
    query: str | None = None,
) -> tuple[int, dict]:
    """POST /objects straight to the ASGI app, its body arriving as the given
    `receive` messages (the test client sends a body as one message), as a
    server hands over a body that comes off the socket piece by piece."""
    head = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    head.append((b"content-type", content_type.encode()))
    head.append(
        (b"content-length", str(length).encode())
        if length is not None
        else (b"transfer-encoding", b"chunked")
    )
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/objects",
        "raw_path": b"/objects",
        "root_path": "",
        "query_string": (query if query is not None else f"name={name}").encode(),
        "headers": head,
        "server": ("testserver", 80),
        "client": ("127.0.0.1", 50000),
    }
    pending = list(messages)
    answered = asyncio.Event()
    response: dict = {"body": b""}

    async def receive():
        if pending:
            return pending.pop(0)
        await answered.wait()
        return {"type": "http.disconnect"}

    async def send(message):
        if message["type"] == "http.response.start":
            response["status"] = message["status"]
        else:
            response["body"] += message.get("body", b"")
            if not message.get("more_body", False):
                answered.set()

    async def call():
        await asyncio.wait_for(app(scope, receive, send), timeout=30)

    asyncio.run(call())
    return response["status"], json.loads(response["body"])


def test_an_upload_in_many_small_pieces_is_kept_whole(app, client, alice, store):
    _user, headers = alice
    rng = random.Random(4)
    content = rng.randbytes(6 * 1024 * 1024 + 17)
    pieces, at = [], 0
    while at < len(content):
        step = rng.randint(1, 20_000)
        pieces.append(content[at : at + step])
        at += step
    messages = [{"type": "http.request", "body": piece, "more_body": True} for piece in pieces]
    messages.append({"type": "http.request", "body": b"", "more_body": False})
    for length in (len(content), None):
        status, body = asgi_upload(app, headers, f"pieces-{length}.bin", messages, length)
        assert status == 201, body
        assert body["size"] == len(content)
        assert body["md5"] == hashlib.md5(content).hexdigest()
        assert body["sha256"] == hashlib.sha256(content).hexdigest()
        assert (
            client.get(
                f"/objects/{body['id']}", headers={**headers, "Accept": "application/octet-stream"}
            ).content
            == content
        )


@pytest.mark.parametrize(
    "content_type", ["application/x-www-form-urlencoded", "multipart/form-data; boundary=b"]
)
def test_a_form_typed_upload_is_kept_as_sent(app, client, alice, content_type):
    """The framework parses form bodies on its own; an upload's body still
    goes, unparsed and whole, to the object (and the request never waits for
    a body someone else took)."""
    _user, headers = alice
    content = b"--b\r\nContent-Disposition: form-data; name=a\r\n\r\nx=1&y=2\r\n--b--\r\n"
    messages = [{"type": "http.request", "body": content, "more_body": False}]
    status, body = asgi_upload(app, headers, "form.bin", messages, len(content), content_type)
    assert status == 201, body
    assert body["sha256"] == hashlib.sha256(content).hexdigest()
    download = client.get(f"/objects/{body['id']}", headers={**headers, "Accept": "application/octet-stream"})
    assert download.content == content


def test_an_upload_cut_off_by_a_disconnect_keeps_nothing(app, alice, store, db):
    _user, headers = alice
    before = stored_files(store)
    messages = [{"type": "http.request", "body": b"a" * 100_000, "more_body": True}] * 3
    messages.append({"type": "http.disconnect"})
    for length in (1_000_000, None):
        status, body = asgi_upload(app, headers, "cut.bin", messages, length)
        assert status == 400
        assert set(body) == {"file"}
    with db.transaction() as session:
        assert session.query(Object).count() == 0
    assert stored_files(store) == before


def test_the_type_is_sniffed_when_the_client_sends_a_generic_one(client, alice):
    _user, headers = alice
    png = upload(client, headers, "pixel.png", png_bytes()).json()
    assert png["type"] == "image/png"
    text = upload(client, headers, "notes", b"hello, world\n", content_type="*/*").json()
    assert text["type"] == "text/plain"
    kept = upload(client, headers, "data.json", b'{"a": 1}', content_type="application/json").json()
    assert kept["type"] == "application/json"
    assert kept["size"] == 8

    got = client.get(f"/objects/{png['id']}", headers={**headers, "Accept": "image/png"})
    assert got.status_code == 200
    assert got.headers["content-type"] == "image/png"
    assert got.content == png_bytes()


def test_an_upload_over_the_limit_is_400_on_file_and_leaves_nothing(client, alice, limit, store, db):
    _user, headers = alice
    before = stored_files(store)
    too_big = b"a" * (limit + 1)
    response = upload(client, headers, "big.bin", too_big)
    assert response.status_code == 400
    assert response.json() == {"file": [f"File cannot be larger than {limit} bytes"]}
    # The same body without a declared length is refused while it streams.
    response = upload(client, headers, "big.bin", iter([too_big[:40_000], too_big[40_000:]]))
    assert response.status_code == 400
    assert response.json() == {"file": [f"File cannot be larger than {limit} bytes"]}
    with db.transaction() as session:
        assert session.query(Object).count() == 0
    assert stored_files(store) == before
    assert upload(client, headers, "fits.bin", b"a" * limit).status_code == 201


def test_names_are_labels_and_never_paths(client, alice, store):
    _user, headers = alice
    refused = upload(client, headers, "../../etc/passwd", b"root:x:0:0\n", content_type="text/plain")
    assert refused.status_code == 400
    assert refused.json() == {
        "name": ["Name can only contain letters, numbers, dots, dashes and underscores"]
    }
    response = upload(client, headers, "..", b"root:x:0:0\n", content_type="text/plain")
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == ".."
    assert (store.root / "objects" / str(body["id"])).read_bytes() == b"root:x:0:0\n"
    got = client.get(f"/objects/{body['id']}", headers={**headers, "Accept": "text/plain"})
    assert got.content == b"root:x:0:0\n"


def test_name_is_unique_per_owner_and_namespace(client, alice):
    _user, headers = alice
    assert upload(client, headers, "a.txt", b"1").status_code == 201
    again = upload(client, headers, "a.txt", b"2")
    assert again.status_code == 400
    assert list(again.json()) == ["name"]
    assert upload(client, headers, "a.txt", b"3", namespace="proj").status_code == 201
    assert upload(client, headers, "", b"4").status_code == 400


def test_list_search_and_delete(client, alice, store):
    _user, headers = alice
    ids = [upload(client, headers, name, name.encode()).json()["id"] for name in ("beta", "alpha", "gamma")]
    listed = client.get("/objects", headers=headers).json()
    assert [o["name"] for o in listed] == ["alpha", "beta", "gamma"]
    assert [o["name"] for o in client.get("/objects?search=AMM", headers=headers).json()] == ["gamma"]

    assert client.delete(f"/objects/{ids[0]}", headers=headers).status_code == 204
    assert client.get(f"/objects/{ids[0]}", headers=headers).status_code == 404
    assert not (store.root / "objects" / str(ids[0])).exists()
    assert client.get(f"/objects/{ids[0]}/builds", headers=headers).status_code == 404
    assert client.get(f"/objects/{ids[1]}/builds", headers=headers).json() == []


def test_deleting_a_namespace_removes_its_files(client, alice, store):
    _user, headers = alice
    inside = upload(client, headers, "in.txt", b"in", namespace="proj/child").json()
    outside = upload(client, headers, "out.txt", b"out").json()
    assert client.delete("/n/alice/proj", headers=headers).status_code == 204
    assert not (store.root / "objects" / str(inside["id"])).exists()
    assert (store.root / "objects" / str(outside["id"])).exists()


@pytest.fixture
def team(db, make_user, make_token):
    owner, collaborator, stranger = make_user("olive"), make_user("cole"), make_user("sam")
    with db.transaction() as session:
        ns = Namespace(user_id=owner.id, name="team", path="team", visibility="internal", level=1)
        session.add(ns)
        session.flush()
        ns.root_id = ns.id
        session.add(Collaborator(namespace_id=ns.id, user_id=collaborator.id))
    return {
        name: bearer(make_token(user))
        for name, user in (("owner", owner), ("collaborator", collaborator), ("stranger", stranger))
    }


def test_collaborators_upload_into_the_owners_namespace(client, team):
    response = upload(client, team["collaborator"], "shared.txt", b"shared", namespace="team@olive")
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["user"]["username"] == "olive"
    assert body["author"]["username"] == "cole"
    refused = upload(client, team["stranger"], "mine.txt", b"x", namespace="team@olive")
    assert refused.status_code == 422
    assert set(refused.json()) == {"message"}


@pytest.mark.parametrize(
    "who, status", [("owner", 200), ("collaborator", 200), ("stranger", 404), ("anonymous", 404)]
)
def test_who_may_read_an_object(client, team, who, status):
    created = upload(client, team["owner"], "t.txt", b"t", namespace="team").json()
    headers = team.get(who, {})
    assert client.get(f"/objects/{created['id']}", headers=headers).status_code == status
    names = [o["name"] for o in client.get("/objects", headers=headers).json()] if status == 200 else []
    assert names == (["t.txt"] if status == 200 else [])
    if status == 404:
        assert client.get(f"/objects/{created['id']}", headers=headers).json() == NOT_FOUND
        assert client.delete(f"/objects/{created['id']}", headers=headers).status_code == 404


def test_a_token_without_the_scope_sees_nothing(client, make_user, make_token, alice):
    user, headers = alice
    created = upload(client, headers, "s.txt", b"s").json()
    read_only = bearer(make_token(user, scope="object:read", name="ro"))
    assert upload(client, read_only, "t.txt", b"t").status_code == 404
    assert client.delete(f"/objects/{created['id']}", headers=read_only).status_code == 404
    assert client.get(f"/objects/{created['id']}", headers=read_only).status_code == 200


def test_a_missing_body_is_400_on_file(client, alice):
    _user, headers = alice
    response = client.post("/objects", params={"name": "empty"}, headers=headers)
    assert response.status_code == 400
    assert response.json() == {"file": ["File is required"]}


@pytest.mark.parametrize(
    "query, messages, fields",
    [
        ("name=&namespace=", [], {"name", "file"}),
        ("namespace=", [], {"name", "file"}),
        ("name=a%20b&namespace=", [b"x"], {"name"}),
        ("name=ok&namespace=", [], {"file"}),
        ("name=ok&namespace=", [b"", b""], {"file"}),
        ("name=&namespace=", [b"x"], {"name"}),
        ("name=a/b&namespace=", [], {"name", "file"}),
        ("name=ok&namespace=bad%20path", [], {"namespace", "file"}),
    ],
)
def test_an_upload_reports_every_problem_at_once(app, alice, store, db, query, messages, fields):
    """As the original's form: name, namespace and file problems in one 400,
    whether the body is declared empty or turns out to be (chunked)."""
    _user, headers = alice
    before = stored_files(store)
    for length in (sum(len(m) for m in messages), None):
        body = [{"type": "http.request", "body": m, "more_body": True} for m in messages]
        body.append({"type": "http.request", "body": b"", "more_body": False})
        status, answer = asgi_upload(app, headers, "", body, length, query=query)
        assert status == 400, answer
        assert set(answer) == fields, answer
    with db.transaction() as session:
        assert session.query(Object).count() == 0
        assert session.query(Namespace).count() == 0
    assert stored_files(store) == before
