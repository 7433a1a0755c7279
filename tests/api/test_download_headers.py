"""Every file download (objects, images, artifacts) is an attachment the
browser may not sniff: a stored HTML or SVG file never runs as a page of the
server."""

from __future__ import annotations

import json
import shutil
import urllib.parse

import pytest
from sqlalchemy import update

from djinn.api.app import runtime_of
from djinn.domain.builds import ARTIFACT_KIND
from djinn.infra.db.models import Artifact
from tests.api.test_images import qcow2
from tests.conftest import bearer

OCTETS = {"Accept": "application/octet-stream"}
HTML = b"<!doctype html><script>alert(document.cookie)</script>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.fixture(autouse=True)
def empty_store(app):
    shutil.rmtree(runtime_of(app).store.root, ignore_errors=True)


@pytest.fixture
def headers(make_user, make_token):
    return bearer(make_token(make_user("alice")))


def upload_object(client, headers, name, content, content_type):
    response = client.post(
        "/objects", params={"name": name}, content=content, headers={**headers, "Content-Type": content_type}
    )
    assert response.status_code == 201, response.text
    return response.json()


@pytest.mark.parametrize(
    ("name", "content", "content_type", "disposition"),
    [
        ("page.html", HTML, "text/html", 'attachment; filename="page.html"'),
        ("logo.svg", SVG, "image/svg+xml", 'attachment; filename="logo.svg"'),
    ],
)
def test_an_object_downloads_as_an_attachment_never_sniffed(
    client, headers, name, content, content_type, disposition
):
    body = upload_object(client, headers, name, content, content_type)
    got = client.get(f"/objects/{body['id']}", headers={**headers, **OCTETS})
    assert got.status_code == 200
    assert got.content == content
    assert got.headers["x-content-type-options"] == "nosniff"
    assert got.headers["content-disposition"] == disposition
    # The entity itself is JSON, not a download.
    entity = client.get(f"/objects/{body['id']}", headers=headers)
    assert "content-disposition" not in entity.headers


def test_an_image_downloads_as_a_qcow2_attachment(client, headers):
    response = client.post(
        "/images",
        params={"name": "alpine"},
        content=qcow2(),
        headers={**headers, "Content-Type": "application/x-qemu-disk"},
    )
    assert response.status_code == 201, response.text
    got = client.get(
        f"/images/{response.json()['id']}", headers={**headers, "Accept": "application/x-qemu-disk"}
    )
    assert got.status_code == 200
    assert got.headers["x-content-type-options"] == "nosniff"
    assert got.headers["content-disposition"] == 'attachment; filename="alpine.qcow2"'


@pytest.mark.parametrize(
    ("name", "disposition"),
    [
        ("index.html", 'attachment; filename="index.html"'),
        # Quotes, backslashes and non-ASCII never reach the quoted name as
        # they are; the exact name is in filename*.
        (
            'say "hi"\\.html',
            "attachment; filename=\"say _hi__.html\"; filename*=UTF-8''say%20%22hi%22%5C.html",
        ),
        (
            "résumé €.html",
            "attachment; filename=\"r_sum_ _.html\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%E2%82%AC.html",
        ),
    ],
)
def test_an_artifact_downloads_as_an_attachment(client, db, app, headers, name, disposition):
    manifest = {
        "driver": {"type": "os"},
        "stages": ["s"],
        "jobs": [{"stage": "s", "commands": ["true"], "artifacts": [f"out/index.html => {name}"]}],
    }
    build = client.post("/builds", json={"manifest": json.dumps(manifest)}, headers=headers)
    assert build.status_code == 201, build.text
    [artifact] = client.get("/b/alice/1/artifacts", headers=headers).json()
    assert artifact["name"] == name
    digest = runtime_of(app).store.put(ARTIFACT_KIND, artifact["id"], [HTML], limit=len(HTML))
    with db.transaction() as session:
        session.execute(
            update(Artifact)
            .where(Artifact.id == artifact["id"])
            .values(size=digest.size, md5=digest.md5, sha256=digest.sha256)
        )
    got = client.get(
        f"/b/alice/1/artifacts/{urllib.parse.quote(name, safe='')}", headers={**headers, **OCTETS}
    )
    assert got.status_code == 200, got.text
    assert got.content == HTML
    assert got.headers["content-type"].startswith("text/html")
    assert got.headers["x-content-type-options"] == "nosniff"
    assert got.headers["content-disposition"] == disposition
