"""The operations that exist so generated clients type bytes as bytes: the
downloads (a stored file as application/octet-stream, whatever `Accept`
says), the badge as binary, and the image upload whose only body is the
image. The content-negotiated operations they sit beside keep working."""

from __future__ import annotations

import pytest

from djinn.api.app import runtime_of
from tests.api.test_curator import MANIFEST, collected_build
from tests.api.test_images import qcow2
from tests.conftest import bearer

OCTETS = "application/octet-stream"


@pytest.fixture
def alice(make_user, make_token):
    return bearer(make_token(make_user("alice")))


@pytest.fixture
def bob(make_user, make_token):
    return bearer(make_token(make_user("bob")))


@pytest.mark.parametrize("accept", [None, "application/json", "text/plain", "*/*"])
def test_an_object_downloads_as_octets_whatever_accept_says(client, alice, bob, accept):
    content = b"<html>not rendered</html>"
    created = client.post(
        "/objects",
        params={"name": "page.html"},
        content=content,
        headers={**alice, "Content-Type": "text/html"},
    ).json()
    headers = {**alice, **({"Accept": accept} if accept else {})}
    got = client.get(f"/objects/{created['id']}/download", headers=headers)
    assert got.status_code == 200
    assert got.headers["content-type"] == OCTETS
    assert got.content == content
    assert got.headers["content-length"] == str(len(content))
    # The entity and the negotiated download are unchanged.
    assert client.get(f"/objects/{created['id']}", headers=alice).json() == created
    negotiated = client.get(f"/objects/{created['id']}", headers={**alice, "Accept": "text/html"})
    assert negotiated.headers["content-type"].startswith("text/html") and negotiated.content == content
    # Someone else's object, or none: 404.
    assert client.get(f"/objects/{created['id']}/download", headers=bob).json() == {"message": "Not Found"}
    assert client.get(f"/objects/{created['id'] + 1000}/download", headers=alice).status_code == 404
    assert client.get(f"/objects/{created['id']}/download").status_code == 404


def test_an_image_downloads_as_octets(client, alice, bob):
    image = qcow2(size=8192)
    created = client.post(
        "/images",
        params={"name": "alpine"},
        content=image,
        headers={**alice, "Content-Type": "application/x-qemu-disk"},
    ).json()
    got = client.get(f"/images/{created['id']}/download", headers=alice)
    assert got.status_code == 200
    assert got.headers["content-type"] == OCTETS
    assert got.content == image
    assert (
        client.get(f"/images/{created['id']}", headers={**alice, "Accept": "application/x-qemu-disk"}).content
        == image
    )
    assert client.get(f"/images/{created['id']}/download", headers=bob).status_code == 404


def test_an_image_not_downloaded_is_not_found(client, alice, settings):
    settings(download_allow=("127.0.0.1/32",))
    # Nothing listens on port 9: the download fails, so there are no bytes to serve.
    created = client.post(
        "/images", json={"name": "x", "download_url": "http://127.0.0.1:9/x.qcow2"}, headers=alice
    )
    assert created.status_code == 201, created.text
    assert client.get(f"/images/{created.json()['id']}/download", headers=alice).status_code == 404


def test_an_artifact_downloads_as_octets_once_collected(client, db, app, alice, bob):
    runtime = runtime_of(app)
    collected_build(client, db, runtime, alice)
    got = client.get("/b/alice/1/artifacts/report.txt/download", headers=alice)
    assert got.status_code == 200
    assert got.headers["content-type"] == OCTETS
    assert got.content == b"x" * 100
    assert client.get("/b/alice/1/artifacts/report.txt/download", headers=bob).status_code == 404
    # Declared but not collected: 404, like the negotiated download.
    client.post("/builds", json={"manifest": MANIFEST}, headers=alice)
    assert client.get("/b/alice/2/artifacts/report.txt", headers=alice).status_code == 200
    assert client.get("/b/alice/2/artifacts/report.txt/download", headers=alice).json() == {
        "message": "Not Found"
    }


def test_the_badge_is_svg_or_the_same_bytes_as_octets(client, alice):
    client.post("/namespaces", json={"name": "pub", "visibility": "public"}, headers=alice)
    svg = client.get("/n/alice/pub/-/badge.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    octets = client.get("/n/alice/pub/-/badge.svg", headers={"Accept": OCTETS})
    assert octets.status_code == 200
    assert octets.headers["content-type"] == OCTETS
    assert octets.content == svg.content and octets.headers["etag"] == svg.headers["etag"]
    assert (
        client.get("/n/alice/pub/-/badge.svg", headers={"Accept": "*/*"})
        .headers["content-type"]
        .startswith("image/svg+xml")
    )


@pytest.mark.parametrize("content_type", [OCTETS, "application/x-qemu-disk"])
def test_an_image_uploads_through_its_binary_only_operation(client, alice, content_type):
    image = qcow2(size=8192)
    created = client.post(
        "/images/upload",
        params={"name": "alpine", "namespace": "imgs"},
        content=image,
        headers={**alice, "Content-Type": content_type},
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["name"], body["driver"]) == ("alpine", "qemu") and body["namespace"]["path"] == "imgs"
    assert client.get(f"/images/{body['id']}/download", headers=alice).content == image
    # The same rules as createImage's direct upload.
    not_qcow2 = client.post(
        "/images/upload",
        params={"name": "x"},
        content=b"not an image" * 100,
        headers={**alice, "Content-Type": content_type},
    )
    assert not_qcow2.status_code == 400 and list(not_qcow2.json()) == ["file"]
    duplicate = client.post(
        "/images/upload",
        params={"name": "alpine", "namespace": "imgs"},
        content=image,
        headers={**alice, "Content-Type": content_type},
    )
    assert duplicate.status_code == 400 and list(duplicate.json()) == ["name"]
    both = client.post("/images/upload", content=b"", headers={**alice, "Content-Type": content_type})
    assert both.status_code == 400 and sorted(both.json()) == ["file", "name"]
    assert (
        client.post(
            "/images/upload", params={"name": "y"}, content=image, headers={"Content-Type": content_type}
        ).status_code
        == 404
    )
