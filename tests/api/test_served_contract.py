"""The check after every API test (tests/api/conftest.py) holds the
serializer, which builds plain dicts unvalidated, to the generated models:
a row it renders otherwise than its model would is caught."""

from __future__ import annotations

from sqlalchemy import update

from djinn.infra.db import models
from generated import models as contract
from tests.api.conftest import drift, unservable_rows
from tests.conftest import bearer


def test_a_row_rendered_against_its_model_is_caught(app, client, db, make_user, make_token):
    headers = bearer(make_token(make_user("owner")))
    created = client.post("/variables", json={"key": "TOKEN", "value": "v"}, headers=headers)
    assert created.status_code == 201, created.text
    assert unservable_rows(app) == []
    with db.transaction() as session:  # a key out of the model's pattern, served unvalidated
        session.execute(update(models.Variable).values(key="1-not-a-name"))
    [failure] = unservable_rows(app)
    assert failure.startswith(f"Variable {created.json()['id']}: ValidationError")
    with db.transaction() as session:  # leave the database servable for the check after this test
        session.execute(update(models.Variable).values(key="TOKEN"))


def test_drift_is_field_order_types_and_json_forms():
    user = {"id": 1, "email": "a@example.com", "username": "a", "created_at": "2026-01-01T00:00:00Z"}
    assert drift(user, contract.User) is None
    assert drift(dict(reversed(user.items())), contract.User) is not None  # order
    assert drift({**user, "created_at": "2026-01-01T00:00:00+00:00"}, contract.User) is not None
    assert drift({**user, "id": True}, contract.User) is not None  # a bool is no id
    assert drift({**user, "extra": 1}, contract.User) is not None  # a field out of the schema
