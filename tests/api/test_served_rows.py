"""The check after every API test (tests/api/conftest.py) sees every table
and catches a row the API cannot serve."""

from __future__ import annotations

from sqlalchemy import update

from djinn.infra.db import models
from tests.api.conftest import NEVER_SERVED, SERVED, SERVED_WITHIN, unservable_rows
from tests.conftest import bearer


def test_every_table_is_considered():
    mapped = {mapper.class_ for mapper in models.Base.registry.mappers}
    assert mapped - NEVER_SERVED - set(SERVED_WITHIN) - set(SERVED) - {models.Webhook} == set()


def test_a_row_the_api_cannot_serve_is_caught(app, client, db, make_user, make_token):
    headers = bearer(make_token(make_user("owner")))
    assert client.post("/namespaces", json={"name": "hooks"}, headers=headers).status_code == 201
    hook = client.post(
        "/n/owner/hooks/-/webhooks", json={"payload_url": "https://example.com/h"}, headers=headers
    )
    assert hook.status_code == 201
    assert unservable_rows(app) == []
    with db.transaction() as session:
        session.execute(update(models.Webhook).values(events=["build.exploded"]))
    [failure] = unservable_rows(app)
    assert failure.startswith(f"Webhook {hook.json()['id']}: ValidationError")
    with db.transaction() as session:  # leave the database servable for the check after this test
        session.execute(update(models.Webhook).values(events=[]))
