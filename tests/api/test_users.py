"""GET / and GET /user, and who gets what without a valid token."""

import datetime as dt

from djinn.api.app import runtime_of
from tests.conftest import BASE_URL, bearer


def test_index_lists_absolute_resource_urls_without_a_token(client):
    response = client.get("/")
    assert response.status_code == 200
    body = response.json()
    assert body["builds_url"] == f"{BASE_URL}/builds"
    assert body["namespaces_url"] == f"{BASE_URL}/namespaces"
    assert body["cron_url"] == f"{BASE_URL}/cron"
    assert body["variables_url"] == f"{BASE_URL}/variables"


def test_user_answers_the_token_owner(client, make_user, make_token):
    alice = make_user("alice")
    make_user("bob")
    response = client.get("/user", headers=bearer(make_token(alice)))
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == alice.id
    assert body["username"] == "alice"
    assert body["email"] == "alice@example.com"
    created = dt.datetime.fromisoformat(body["created_at"])
    assert created.tzinfo is not None and created.utcoffset() == dt.timedelta(0)


def test_user_needs_no_particular_scope(client, make_user, make_token):
    alice = make_user("alice")
    response = client.get("/user", headers=bearer(make_token(alice, scope="")))
    assert response.status_code == 200
    assert response.json()["username"] == "alice"


def test_without_a_token_user_is_not_found(client):
    response = client.get("/user")
    assert response.status_code == 404
    assert response.json() == {"message": "Not Found"}


def test_invalid_token_is_not_found(client, make_user, make_token):
    make_token(make_user())
    for header in ("Bearer djinn_nonsense", "Bearer ", "Basic dXNlcjpwYXNz", "token", "Bearer " + "x" * 5000):
        response = client.get("/user", headers={"Authorization": header})
        assert response.status_code == 404, header
        assert response.json() == {"message": "Not Found"}


def test_expired_token_is_not_found(client, make_user, make_token):
    token = make_token(make_user(), expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
    response = client.get("/user", headers=bearer(token))
    assert response.status_code == 404
    assert response.json() == {"message": "Not Found"}


def test_revoked_token_is_not_found(client, db, make_user, make_token):
    from sqlalchemy import select

    from djinn.domain.auth.tokens import hash_token, revoke_token
    from djinn.infra.db.models import Token

    token = make_token(make_user())
    assert client.get("/user", headers=bearer(token)).status_code == 200
    with db.transaction() as session:
        revoke_token(
            session, session.execute(select(Token).where(Token.token_hash == hash_token(token))).scalar_one()
        )
    response = client.get("/user", headers=bearer(token))
    assert response.status_code == 404
    assert response.json() == {"message": "Not Found"}


def test_token_lacking_the_scope_gets_not_found_before_anything_else(client, make_user, make_token):
    token = make_token(make_user(), scope="namespace:read")
    # Even an invalid body does not reveal the operation exists.
    response = client.post("/builds", json={}, headers=bearer(token))
    assert response.status_code == 404
    assert response.json() == {"message": "Not Found"}
    response = client.get("/builds", headers=bearer(token))
    assert response.status_code == 404


def test_with_the_token_cache_a_revoked_token_stops_working_within_its_ttl(config, db, make_user, make_token):
    import dataclasses
    import time

    from sqlalchemy import select

    from djinn.api.app import create_app
    from djinn.domain.auth.tokens import hash_token, revoke_token
    from djinn.infra.db.models import Token

    token = make_token(make_user())
    app = create_app(dataclasses.replace(config, token_cache_seconds=0.5))
    try:
        with app.test_client() as client:
            assert client.get("/user", headers=bearer(token)).status_code == 200
            with db.transaction() as session:
                row = session.execute(select(Token).where(Token.token_hash == hash_token(token))).scalar_one()
                revoke_token(session, row)
            # Documented trade-off: the cached token works until its entry expires...
            assert client.get("/user", headers=bearer(token)).status_code == 200
            time.sleep(0.6)
            response = client.get("/user", headers=bearer(token))
            assert response.status_code == 404
            assert response.json() == {"message": "Not Found"}
    finally:
        runtime_of(app).db.dispose()
