"""The status badge of a namespace's latest build."""

import xml.etree.ElementTree as ET

import pytest

from djinn.infra.db.models import Build
from tests.conftest import bearer

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def owner(client, make_user, make_token):
    user = make_user("owner")
    headers = bearer(make_token(user))
    client.post("/namespaces", json={"name": "pub", "visibility": "public"}, headers=headers)
    client.post("/namespaces", json={"name": "priv"}, headers=headers)
    return user, headers


def _texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)  # a well-formed SVG document
    assert root.tag == f"{SVG}svg"
    return [t.text for t in root.iter(f"{SVG}text")]


def test_unknown_until_a_build_then_the_latest_status(client, db, owner):
    user, _headers = owner
    response = client.get("/n/owner/pub/-/badge.svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert response.headers["cache-control"] == "no-cache"
    assert "unknown" in _texts(response.text)
    ns_id = client.get("/n/owner/pub").json()["id"]
    for number, status, shown in [
        (1, "running", "running"),
        (2, "passed_with_failures", "passed with failures"),
    ]:
        with db.transaction() as session:
            session.add(
                Build(user_id=user.id, namespace_id=ns_id, number=number, manifest="m", status=status)
            )
        response = client.get("/n/owner/pub/-/badge.svg")
        assert shown in _texts(response.text)
        assert "Djinn CI" in _texts(response.text)


def test_etag_lets_caches_revalidate(client, owner):
    first = client.get("/n/owner/pub/-/badge.svg")
    etag = first.headers["etag"]
    again = client.get("/n/owner/pub/-/badge.svg", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    other = client.get("/n/owner/pub/-/badge.svg", headers={"If-None-Match": '"passed"'})
    assert other.status_code == 200


def test_private_namespaces_have_no_badge_even_for_the_owner(client, owner):
    _user, headers = owner
    for request_headers in ({}, headers):
        response = client.get("/n/owner/priv/-/badge.svg", headers=request_headers)
        assert response.status_code == 404 and response.json() == {"message": "Not Found"}
    assert client.get("/n/owner/missing/-/badge.svg").status_code == 404


@pytest.mark.parametrize(
    "status",
    ["queued", "running", "passed", "passed_with_failures", "failed", "killed", "timed_out", "unknown"],
)
def test_every_status_renders_as_valid_svg(status):
    from djinn.domain.badges import render_badge

    texts = _texts(render_badge(status))
    assert status.replace("_", " ") in texts
