"""Images: QCOW2 uploads, server-side downloads (and their SSRF guard), access."""

from __future__ import annotations

import hashlib
import http.server
import json
import struct
import threading
import time

import pytest

from djinn.api.app import runtime_of
from djinn.infra.db.models import Image
from tests.api.test_objects import team  # noqa: F401  (the shared owner/collaborator/stranger fixture)
from tests.conftest import bearer

QEMU = "application/x-qemu-disk"


def qcow2(
    *, backing_file: bool = False, external_data_file: bool = False, version: int = 3, size: int = 4096
) -> bytes:
    """A minimal QCOW2 image header (see qemu's docs/interop/qcow2.txt), padded to `size` bytes."""
    header = struct.pack(
        ">4sIQIIQIIQQIIQQQQII",
        b"QFI\xfb",
        version,
        512 if backing_file else 0,
        9 if backing_file else 0,  # backing_file_offset, backing_file_size
        16,
        1024 * 1024,  # cluster_bits, size
        0,
        1,
        0x30000,
        0x10000,
        1,
        0,
        0,  # crypt_method, l1_size, l1_table_offset, refcount_table_offset/clusters, snapshots
        4 if external_data_file else 0,
        0,
        0,  # incompatible, compatible, autoclear features
        4,
        104,  # refcount_order, header_length
    )
    body = header + (b"\x00" * (size - len(header)))
    if backing_file:
        body = body[:512] + b"/etc/shadow" + body[523:]
    return body


@pytest.fixture
def alice(make_user, make_token):
    user = make_user("alice")
    return user, bearer(make_token(user))


def upload(client, headers, name, content, namespace=None, content_type=QEMU):
    params = {"name": name, **({"namespace": namespace} if namespace is not None else {})}
    return client.post(
        "/images", params=params, content=content, headers={**headers, "Content-Type": content_type}
    )


def files(app):
    directory = runtime_of(app).store.root / "images"
    return sorted(p.name for p in directory.iterdir()) if directory.exists() else []


def test_upload_and_download_a_qcow2_image(client, alice, app):
    _user, headers = alice
    image = qcow2(size=300_000)
    response = upload(client, headers, "alpine", image)
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["name"], body["driver"], body["namespace_id"]) == ("alpine", "qemu", None)
    assert "download" not in body
    got = client.get(f"/images/{body['id']}", headers={**headers, "Accept": QEMU})
    assert got.status_code == 200
    assert got.headers["content-type"] == QEMU
    assert hashlib.sha256(got.content).hexdigest() == hashlib.sha256(image).hexdigest()
    assert client.get(f"/images/{body['id']}", headers=headers).json() == body
    assert [i["name"] for i in client.get("/images", headers=headers).json()] == ["alpine"]

    assert client.delete(f"/images/{body['id']}", headers=headers).status_code == 204
    assert str(body["id"]) not in files(app)
    assert client.get(f"/images/{body['id']}", headers=headers).status_code == 404


@pytest.mark.parametrize(
    "content, message",
    [
        (b"not an image at all" * 100, "not a QCOW2 image"),
        (b"\x00" * 5, "not a QCOW2 image"),
        (qcow2(backing_file=True), "backing file"),
        (qcow2(backing_file=True)[:16], "backing file"),
        (qcow2(external_data_file=True), "external data file"),
        (qcow2(external_data_file=True)[:80], "external data file"),
        (qcow2(version=1), "version 1"),
    ],
    ids=[
        "text",
        "zeros",
        "backing-file",
        "backing-file-16-bytes",
        "external-data-file",
        "external-data-file-80-bytes",
        "version-1",
    ],
)
def test_unacceptable_images_are_400_on_file_and_leave_nothing(client, alice, app, db, content, message):
    _user, headers = alice
    response = upload(client, headers, "bad", content, content_type="application/octet-stream")
    assert response.status_code == 400
    assert list(response.json()) == ["file"]
    assert message in response.json()["file"][0]
    with db.transaction() as session:
        assert session.query(Image).count() == 0
    assert files(app) == []


@pytest.mark.parametrize(
    "content",
    [
        b"QFI\xfb",
        qcow2()[:8],
        qcow2(backing_file=True)[:15],
        qcow2(external_data_file=True)[:79],
        qcow2(version=2),
    ],
    ids=[
        "magic-only",
        "magic-and-version",
        "short-of-the-backing-file-field",
        "short-of-the-feature-bits",
        "version-2",
    ],
)
def test_a_qcow2_image_is_known_by_its_magic_whatever_its_length(client, alice, content):
    """A file too short to hold a field cannot say what it would: only the
    fields the file holds are checked."""
    _user, headers = alice
    response = upload(client, headers, "short", content)
    assert response.status_code == 201, response.text
    got = client.get(f"/images/{response.json()['id']}", headers={**headers, "Accept": QEMU})
    assert got.content == content


@pytest.mark.parametrize(
    "name, content, fields",
    [
        ("", b"", {"name", "file"}),
        (None, b"", {"name", "file"}),
        ("!!!!!", b"", {"name", "file"}),
        ("!!!!!", b"\x00" * 5, {"name", "file"}),
        ("a.b", qcow2(), {"name"}),
        ("ok", b"", {"file"}),
        ("ok", b"\x00" * 5, {"file"}),
    ],
    ids=[
        "empty-name",
        "no-name",
        "bad-name",
        "bad-name-not-qcow2",
        "name-with-a-dot",
        "no-file",
        "not-qcow2",
    ],
)
def test_an_upload_reports_every_problem_at_once(client, alice, app, db, name, content, fields):
    _user, headers = alice
    params = {"namespace": "", **({"name": name} if name is not None else {})}
    response = client.post(
        "/images", params=params, content=content, headers={**headers, "Content-Type": QEMU}
    )
    assert response.status_code == 400
    assert set(response.json()) == fields
    with db.transaction() as session:
        assert session.query(Image).count() == 0
    assert files(app) == []


@pytest.mark.parametrize(
    "body, fields",
    [
        ({"namespace": "", "name": "", "download_url": ""}, {"name", "file"}),
        ({"name": "!!!!!", "download_url": ""}, {"name", "file"}),
        ({"name": "ok", "download_url": ""}, {"file"}),
        ({"name": "ok", "download_url": None}, {"file"}),
        ({"name": "ok"}, {"file"}),
        ({}, {"name", "file"}),
        ({"name": "ok", "download_url": "ssh://root:secret@example.com"}, {"download_url"}),
        ({"name": "", "download_url": "ssh://root:secret@example.com"}, {"name", "download_url"}),
    ],
)
def test_a_json_request_without_a_download_url_is_one_without_a_file(client, alice, db, body, fields):
    _user, headers = alice
    response = client.post(
        "/images",
        content=json.dumps(body),
        headers={**headers, "Content-Type": "application/json; charset=utf-8"},
    )
    assert response.status_code == 400, response.text
    assert set(response.json()) == fields
    with db.transaction() as session:
        assert session.query(Image).count() == 0


def test_upload_rules(client, alice, settings, app, db):
    _user, headers = alice
    assert upload(client, headers, "", qcow2()).status_code == 400
    assert list(upload(client, headers, "", qcow2()).json()) == ["name"]
    assert upload(client, headers, "one", qcow2()).status_code == 201
    assert list(upload(client, headers, "one", qcow2()).json()) == ["name"]
    settings(max_upload_bytes=8192)
    # Over the limit: a 400 under `file` like any other problem, whether the
    # length is declared or only found out while the body streams.
    too_big = upload(client, headers, "big", qcow2(size=8193))
    assert too_big.status_code == 400
    assert too_big.json() == {"file": ["File cannot be larger than 8192 bytes"]}
    streamed = upload(client, headers, "big", iter([qcow2(size=8193)[:5000], b"\x00" * 3193]))
    assert streamed.status_code == 400
    assert streamed.json() == {"file": ["File cannot be larger than 8192 bytes"]}
    both = upload(client, headers, "one", qcow2(size=8193))
    assert both.status_code == 400 and set(both.json()) == {"name", "file"}
    assert len(files(app)) == 1
    with db.transaction() as session:
        assert [i.name for i in session.query(Image)] == ["one"]


class _Server:
    """A local HTTP server: GET /image.qcow2 answers the image, /elsewhere
    redirects to 127.0.0.2, anything else 404."""

    def __init__(self, image: bytes):
        image_bytes = image

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/image.qcow2":
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(image_bytes)))
                    self.end_headers()
                    self.wfile.write(image_bytes)
                elif self.path == "/elsewhere":
                    self.send_response(302)
                    self.send_header("Location", f"http://127.0.0.2:{self.server.server_port}/image.qcow2")
                    self.end_headers()
                else:
                    self.send_error(404)

            def log_message(self, *_args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    image = qcow2(size=200_000)
    s = _Server(image)
    s.image = image
    yield s
    s.close()


def wait_finished(client, headers, image_id, seconds=10.0) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = client.get(f"/images/{image_id}", headers=headers).json()
        if body["download"]["finished_at"] is not None:
            return body
        time.sleep(0.05)
    raise AssertionError(f"download of image {image_id} did not finish in {seconds}s")


def test_a_loopback_url_is_refused_unless_allow_listed(client, alice, server, settings):
    _user, headers = alice
    response = client.post(
        "/images", json={"name": "local", "download_url": f"{server.url}/image.qcow2"}, headers=headers
    )
    assert response.status_code == 400
    assert "loopback" in response.json()["download_url"][0]
    for url in ("ftp://example.com/x.qcow2", "http://169.254.169.254/latest/meta-data/"):
        refused = client.post("/images", json={"name": "x", "download_url": url}, headers=headers)
        assert refused.status_code == 400
        assert list(refused.json()) == ["download_url"]


def test_an_allow_listed_download_completes_and_is_downloadable(client, alice, server, settings):
    _user, headers = alice
    settings(download_allow=("127.0.0.1/32",))
    response = client.post(
        "/images",
        json={"name": "debian", "namespace": "proj", "download_url": f"{server.url}/image.qcow2"},
        headers=headers,
    )
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["download"]["source"] == f"{server.url}/image.qcow2"
    assert created["download"]["error"] is None
    assert created["namespace"]["path"] == "proj"
    done = wait_finished(client, headers, created["id"])
    assert done["download"]["error"] is None
    assert done["download"]["started_at"] is not None
    got = client.get(f"/images/{created['id']}", headers={**headers, "Accept": QEMU})
    assert got.status_code == 200
    assert got.content == server.image


@pytest.mark.parametrize(
    "path, why",
    [
        ("/elsewhere", "127.0.0.2 is a loopback address"),  # a redirect off the allow-list
        ("/missing", "404"),
    ],
)
def test_a_failed_download_says_why_and_is_not_downloadable(client, alice, server, settings, app, path, why):
    _user, headers = alice
    settings(download_allow=("127.0.0.1/32",))
    created = client.post(
        "/images", json={"name": "x", "download_url": server.url + path}, headers=headers
    ).json()
    done = wait_finished(client, headers, created["id"])
    assert why in done["download"]["error"]
    assert client.get(f"/images/{created['id']}", headers={**headers, "Accept": QEMU}).status_code == 404
    assert files(app) == []


def test_a_downloaded_file_must_be_an_acceptable_qcow2_within_the_limit(client, alice, server, settings, app):
    _user, headers = alice
    settings(download_allow=("127.0.0.1/32",), max_upload_bytes=100_000)
    created = client.post(
        "/images", json={"name": "big", "download_url": f"{server.url}/image.qcow2"}, headers=headers
    ).json()
    assert "larger than the limit" in wait_finished(client, headers, created["id"])["download"]["error"]
    assert files(app) == []


@pytest.mark.parametrize(
    "who, status", [("owner", 200), ("collaborator", 200), ("stranger", 404), ("anonymous", 404)]
)
def test_who_may_read_an_image(client, team, who, status):  # noqa: F811
    created = upload(client, team["owner"], "team-image", qcow2(), namespace="team").json()
    headers = team.get(who, {})
    assert client.get(f"/images/{created['id']}", headers=headers).status_code == status
    assert client.get(f"/images/{created['id']}", headers={**headers, "Accept": QEMU}).status_code == status
    if status == 404:
        assert client.delete(f"/images/{created['id']}", headers=headers).status_code == 404
    refused = upload(client, team["stranger"], "mine", qcow2(), namespace="team@olive")
    assert refused.status_code == 422
