"""Webhooks of a namespace: the secret is write-only and encrypted at rest."""

import pytest
from sqlalchemy import select, text

from djinn.infra.db.models import Webhook
from tests.conftest import bearer

SECRET = "wh-secret-4f9a2c"


@pytest.fixture
def owner(client, make_user, make_token):
    headers = bearer(make_token(make_user("owner")))
    client.post("/namespaces", json={"name": "hooks"}, headers=headers)
    return headers


def test_secret_is_never_returned_and_stored_encrypted(client, db, owner):
    created = client.post(
        "/n/owner/hooks/-/webhooks",
        json={
            "payload_url": "https://example.com/hook",
            "secret": SECRET,
            "events": ["build.finished", "cron"],
        },
        headers=owner,
    )
    assert created.status_code == 201
    body = created.json()
    assert SECRET not in created.text and "secret" not in body
    assert (
        body["events"] == ["build.finished", "cron"]
        and body["active"] is True
        and "last_response" not in body
    )
    for response in (
        client.get("/n/owner/hooks/-/webhooks", headers=owner),
        client.get(f"/n/owner/hooks/-/webhooks/{body['id']}", headers=owner),
    ):
        assert response.status_code == 200 and SECRET not in response.text
    with db.session() as session:
        raw = session.execute(text("SELECT secret_encrypted FROM webhooks")).scalar_one()
    assert raw and SECRET.encode() not in bytes(raw)


def test_update_keeps_omitted_fields_and_can_remove_the_secret(client, db, owner):
    hook = client.post(
        "/n/owner/hooks/-/webhooks",
        json={"payload_url": "https://example.com/a", "secret": SECRET},
        headers=owner,
    ).json()
    url = f"/n/owner/hooks/-/webhooks/{hook['id']}"
    updated = client.patch(url, json={"payload_url": "", "events": None, "active": False}, headers=owner)
    assert updated.status_code == 200
    assert updated.json()["payload_url"] == "https://example.com/a" and updated.json()["active"] is False
    with db.session() as session:
        assert session.execute(select(Webhook.secret_encrypted)).scalar_one() is not None
    assert client.patch(url, json={"events": ["cron"]}, headers=owner).json()["events"] == ["cron"]
    kept = client.patch(url, json={"payload_url": "", "events": [], "active": False}, headers=owner)
    assert kept.json()["events"] == ["cron"]  # [] is a zero value: kept, like "" and null
    client.patch(url, json={"remove_secret": True}, headers=owner)
    with db.session() as session:
        assert session.execute(select(Webhook.secret_encrypted)).scalar_one() is None
    assert client.delete(url, headers=owner).status_code == 204
    assert client.get(url, headers=owner).status_code == 404


@pytest.mark.parametrize(
    "body, message",
    [
        ({"payload_url": "http://example.com/h", "ssl": True}, "Payload URL must use https when ssl is true"),
        ({"payload_url": "ftp://example.com/h"}, None),
        ({"payload_url": "/relative"}, None),
        ({"payload_url": "https://example.com/h#frag"}, "Payload URL cannot have a fragment"),
    ],
)
def test_payload_url_rules(client, owner, body, message):
    response = client.post("/n/owner/hooks/-/webhooks", json=body, headers=owner)
    assert response.status_code == 400
    assert list(response.json()) == ["payload_url"]
    if message:
        assert message in response.json()["payload_url"]


def test_unknown_event_is_400(client, owner):
    response = client.post(
        "/n/owner/hooks/-/webhooks",
        json={"payload_url": "https://e.com/h", "events": ["build.exploded"]},
        headers=owner,
    )
    assert response.status_code == 400 and "events" in response.json()


def test_a_webhook_of_another_namespace_is_not_found(client, owner):
    client.post("/namespaces", json={"name": "second"}, headers=owner)
    hook = client.post(
        "/n/owner/hooks/-/webhooks", json={"payload_url": "https://e.com/h"}, headers=owner
    ).json()
    assert client.get(f"/n/owner/second/-/webhooks/{hook['id']}", headers=owner).status_code == 404
