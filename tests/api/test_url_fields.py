"""The URL fields (webhook payload_url, image download_url, app redirect_uri
and homepage_uri) share one check: a value the server could not serve back
answers 400 under its field and nothing is stored."""

from __future__ import annotations

import pytest
from sqlalchemy import func, insert, select

from djinn.infra.db.models import Image, ImageDownload, OAuthApp, Webhook
from tests.conftest import bearer

# The values contract fuzzing had stored (then failed to serve), and more.
BAD_URLS = [
    "https://a b",
    "http://h:99999/",
    "https://xn--",
    "http://[ca340]:97",
    "http://[ca340]/x",
    "http://[fe80::1%25eth0]/x",
    "http://[fe80::1%eth0]/x",
    "http://a%00b/x",
    "http://user:pw@example.com/x",
    "http://example.com:0/x",
    "http://example.com/a\nb",
    "http://1.2.3.999/x",
]


@pytest.fixture
def owner(client, make_user, make_token):
    headers = bearer(make_token(make_user("owner")))
    assert client.post("/namespaces", json={"name": "hooks"}, headers=headers).status_code == 201
    return headers


def count(db, model) -> int:
    with db.session() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def assert_refused(response, field):
    assert response.status_code == 400, response.text
    body = response.json()
    assert list(body) == [field], body
    [message] = body[field]
    assert "expected format" not in message  # the check's words, not the pattern
    return message


@pytest.mark.parametrize("url", BAD_URLS)
def test_a_webhook_url_is_refused_and_nothing_stored(client, db, owner, url):
    assert_refused(
        client.post("/n/owner/hooks/-/webhooks", json={"payload_url": url}, headers=owner), "payload_url"
    )
    assert count(db, Webhook) == 0
    hook = client.post(
        "/n/owner/hooks/-/webhooks", json={"payload_url": "https://example.com/h"}, headers=owner
    )
    assert hook.status_code == 201
    path = f"/n/owner/hooks/-/webhooks/{hook.json()['id']}"
    assert_refused(client.patch(path, json={"payload_url": url}, headers=owner), "payload_url")
    assert client.get(path, headers=owner).json()["payload_url"] == "https://example.com/h"
    assert client.get("/n/owner/hooks/-/webhooks", headers=owner).status_code == 200


@pytest.mark.parametrize("url", BAD_URLS)
def test_an_image_download_url_is_refused_and_nothing_stored(client, db, owner, url):
    response = client.post("/images", json={"name": "img", "download_url": url}, headers=owner)
    assert_refused(response, "download_url")
    assert count(db, Image) == 0


@pytest.mark.parametrize("field", ["redirect_uri", "homepage_uri"])
@pytest.mark.parametrize("url", BAD_URLS)
def test_an_app_uri_is_refused_and_nothing_stored(client, db, owner, field, url):
    app = {"name": "Dashboard", "redirect_uri": "https://app.example.com/cb", field: url}
    assert_refused(client.post("/user/apps", json=app, headers=owner), field)
    assert count(db, OAuthApp) == 0


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("https://a b", "must not contain spaces"),
        ("http://h:99999/", "port from 1 to 65535"),
        ("https://xn--", "invalid host name"),
        ("http://[ca340]:97", "invalid IPv6 address"),
        ("http://[fe80::1%25eth0]/", "zone id"),
        ("http://u:p@h/", "user name or password"),
        ("http://h/#f", "cannot have a fragment"),
        ("ftp://h/", "absolute http or https URL"),
    ],
)
def test_the_message_says_what_is_wrong(client, owner, url, why):
    for response, field in [
        (client.post("/n/owner/hooks/-/webhooks", json={"payload_url": url}, headers=owner), "payload_url"),
        (client.post("/images", json={"name": "img", "download_url": url}, headers=owner), "download_url"),
        (client.post("/user/apps", json={"name": "a", "redirect_uri": url}, headers=owner), "redirect_uri"),
    ]:
        assert why in assert_refused(response, field)


def test_a_punycode_host_must_be_valid_idna(client, db, owner):
    """What the document's pattern cannot say, the server's check does."""
    for url in ("http://xn--a.example/x", "http://xn--zz-zz.example/x"):
        response = client.post("/n/owner/hooks/-/webhooks", json={"payload_url": url}, headers=owner)
        assert "invalid host name" in assert_refused(response, "payload_url")
    good = client.post(
        "/n/owner/hooks/-/webhooks", json={"payload_url": "http://xn--bcher-kva.example/h"}, headers=owner
    )
    assert good.status_code == 201, good.text
    assert count(db, Webhook) == 1


def test_rows_stored_before_the_check_do_not_break_the_lists(client, db, owner):
    """Webhooks and image downloads stored by an older version with a URL
    the check now refuses are still listed, shown and deletable."""
    hook = client.post(
        "/n/owner/hooks/-/webhooks", json={"payload_url": "https://example.com/h"}, headers=owner
    ).json()
    with db.transaction() as session:
        session.execute(Webhook.__table__.update().values(payload_url="http://[ca340]:97"))
        image = session.execute(
            insert(Image)
            .values(author_id=hook["author_id"], user_id=hook["user_id"], driver="qemu", name="old")
            .returning(Image.id)
        ).scalar_one()
        session.execute(insert(ImageDownload).values(image_id=image, source="https://a b"))
    listed = client.get("/n/owner/hooks/-/webhooks", headers=owner)
    assert listed.status_code == 200, listed.text
    assert [h["payload_url"] for h in listed.json()] == ["http://[ca340]:97"]
    images = client.get("/images", headers=owner)
    assert images.status_code == 200, images.text
    assert client.get(f"/images/{image}", headers=owner).json()["download"]["source"] == "https://a b"
    assert client.delete(f"/n/owner/hooks/-/webhooks/{hook['id']}", headers=owner).status_code == 204
