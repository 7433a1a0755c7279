"""/user/apps and /user/authorizations: a user's OAuth apps and the tokens
the user granted to apps."""

import hashlib

import pytest
from sqlalchemy import select

from tests.conftest import BASE_URL, bearer

APP = {
    "name": "Build dashboard",
    "redirect_uri": "https://dashboard.example.com/oauth/callback",
    "homepage_uri": "https://dashboard.example.com",
    "description": "Shows my builds on a wall screen.",
}


@pytest.fixture
def alice(make_user):
    return make_user("alice")


@pytest.fixture
def alice_token(alice, make_token):
    return make_token(alice, scope="")


def issue_app_token(db, user, client_id: str, scope: str = "build:read") -> tuple[int, str]:
    """A token as the OAuth flow would issue it to the app (the flow itself is tested in test_oauth)."""
    from djinn.domain.apps import find_app
    from djinn.domain.auth.tokens import create_token

    with db.transaction() as session:
        app = find_app(session, client_id)
        token, plaintext = create_token(session, user, name=app.name, scope=scope, app_id=app.id)
        return token.id, plaintext


def test_create_answers_the_secret_once_and_stores_only_its_hash(client, db, alice_token):
    from djinn.infra.db.models import OAuthApp

    response = client.post("/user/apps", json=APP, headers=bearer(alice_token))
    assert response.status_code == 201
    created = response.json()
    assert {k: created[k] for k in APP} == APP
    assert created["url"] == f"{BASE_URL}/user/apps/{created['client_id']}"
    secret = created["client_secret"]
    assert len(secret) == 64

    with db.session() as session:
        row = session.execute(select(OAuthApp)).scalar_one()
    assert row.client_secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in row.client_secret_hash

    for response in (
        client.get("/user/apps", headers=bearer(alice_token)),
        client.get(f"/user/apps/{created['client_id']}", headers=bearer(alice_token)),
    ):
        assert response.status_code == 200
        assert "client_secret" not in response.text and secret not in response.text
    listed = client.get("/user/apps", headers=bearer(alice_token)).json()
    assert [a["client_id"] for a in listed] == [created["client_id"]]
    assert client.get(f"/user/apps/{created['client_id']}", headers=bearer(alice_token)).json() == listed[0]


def test_optional_fields_may_be_empty_or_null(client, alice_token):
    body = {
        "name": "Minimal",
        "redirect_uri": "http://127.0.0.1:9000/cb",
        "homepage_uri": "",
        "description": None,
    }
    response = client.post("/user/apps", json=body, headers=bearer(alice_token))
    assert response.status_code == 201, response.text
    assert response.json()["homepage_uri"] == "" and response.json()["description"] == ""


@pytest.mark.parametrize(
    "field, value",
    [
        ("redirect_uri", "https://app.example.com/cb#fragment"),
        ("redirect_uri", "/relative/callback"),
        ("redirect_uri", "ftp://app.example.com/cb"),
        ("redirect_uri", "javascript:alert(1)"),
        ("redirect_uri", "https:///no-host"),
        ("homepage_uri", "not a url"),
        ("name", "   "),
    ],
)
def test_invalid_fields_are_reported_by_name(client, alice_token, field, value):
    response = client.post("/user/apps", json={**APP, field: value}, headers=bearer(alice_token))
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_missing_fields_are_reported_at_once(client, alice_token):
    response = client.post("/user/apps", json={}, headers=bearer(alice_token))
    assert response.status_code == 400
    assert set(response.json()) == {"name", "redirect_uri"}


def test_apps_are_their_owners_only(client, alice_token, make_user, make_token):
    bob_token = make_token(make_user("bob"))
    client_id = client.post("/user/apps", json=APP, headers=bearer(alice_token)).json()["client_id"]
    assert client.get("/user/apps", headers=bearer(bob_token)).json() == []
    for method in ("get", "delete"):
        response = getattr(client, method)(f"/user/apps/{client_id}", headers=bearer(bob_token))
        assert response.status_code == 404
        assert response.json() == {"message": "Not Found"}
    assert client.get(f"/user/apps/{client_id}", headers=bearer(alice_token)).status_code == 200


def test_without_a_token_everything_is_not_found(client, alice_token):
    client_id = client.post("/user/apps", json=APP, headers=bearer(alice_token)).json()["client_id"]
    for method, path in (
        ("get", "/user/apps"),
        ("get", f"/user/apps/{client_id}"),
        ("delete", f"/user/apps/{client_id}"),
        ("get", "/user/authorizations"),
        ("delete", "/user/authorizations/1"),
    ):
        response = getattr(client, method)(path)
        assert response.status_code == 404, path
    assert client.post("/user/apps", json=APP).status_code == 404


def test_a_token_issued_to_an_app_cannot_manage_apps_or_grants(client, db, alice, alice_token):
    client_id = client.post("/user/apps", json=APP, headers=bearer(alice_token)).json()["client_id"]
    token_id, app_token = issue_app_token(db, alice, client_id, scope="build:read,write,delete")
    assert client.get("/user", headers=bearer(app_token)).status_code == 200
    for method, path, kwargs in (
        ("get", "/user/apps", {}),
        ("post", "/user/apps", {"json": APP}),
        ("get", f"/user/apps/{client_id}", {}),
        ("delete", f"/user/apps/{client_id}", {}),
        ("get", "/user/authorizations", {}),
        ("delete", f"/user/authorizations/{token_id}", {}),
    ):
        response = getattr(client, method)(path, headers=bearer(app_token), **kwargs)
        assert response.status_code == 404, (method, path)
    assert client.get(f"/user/apps/{client_id}", headers=bearer(alice_token)).status_code == 200


def test_deleting_an_app_ends_its_tokens(client, db, alice, alice_token):
    client_id = client.post("/user/apps", json=APP, headers=bearer(alice_token)).json()["client_id"]
    _id, app_token = issue_app_token(db, alice, client_id)
    assert client.get("/user", headers=bearer(app_token)).status_code == 200
    assert client.delete(f"/user/apps/{client_id}", headers=bearer(alice_token)).status_code == 204
    assert client.get("/user", headers=bearer(app_token)).status_code == 404
    assert client.get(f"/user/apps/{client_id}", headers=bearer(alice_token)).status_code == 404
    assert client.delete(f"/user/apps/{client_id}", headers=bearer(alice_token)).status_code == 404


def test_authorizations_list_the_working_app_tokens_of_the_caller(client, db, alice, alice_token, make_user):
    bob = make_user("bob")
    client_id = client.post("/user/apps", json=APP, headers=bearer(alice_token)).json()["client_id"]
    first_id, _ = issue_app_token(db, alice, client_id, scope="build:read")
    second_id, _ = issue_app_token(db, alice, client_id, scope="namespace:read,write")
    issue_app_token(db, bob, client_id)  # bob's grant is bob's business

    response = client.get("/user/authorizations", headers=bearer(alice_token))
    assert response.status_code == 200
    listed = response.json()
    assert [a["id"] for a in listed] == [second_id, first_id]  # newest first; no personal token
    assert listed[0]["app_name"] == APP["name"]
    assert listed[0]["client_id"] == client_id
    assert listed[0]["scope"] == "namespace:read,write"
    assert listed[0]["url"] == f"{BASE_URL}/user/authorizations/{second_id}"


def test_revoking_an_authorization_ends_that_token_only(
    client, db, alice, alice_token, make_user, make_token
):
    client_id = client.post("/user/apps", json=APP, headers=bearer(alice_token)).json()["client_id"]
    first_id, first = issue_app_token(db, alice, client_id)
    _second_id, second = issue_app_token(db, alice, client_id)

    assert client.delete(f"/user/authorizations/{first_id}", headers=bearer(alice_token)).status_code == 204
    assert client.get("/user", headers=bearer(first)).status_code == 404
    assert client.get("/user", headers=bearer(second)).status_code == 200
    assert [a["id"] for a in client.get("/user/authorizations", headers=bearer(alice_token)).json()] == [
        _second_id
    ]
    # Gone now; and nobody else's, nor a personal token, can be revoked here.
    assert client.delete(f"/user/authorizations/{first_id}", headers=bearer(alice_token)).status_code == 404
    bob_token = make_token(make_user("bob"))
    assert client.delete(f"/user/authorizations/{_second_id}", headers=bearer(bob_token)).status_code == 404
    from djinn.domain.auth.tokens import authenticate

    with db.session() as session:
        personal_id = authenticate(session, alice_token).token_id
    assert (
        client.delete(f"/user/authorizations/{personal_id}", headers=bearer(alice_token)).status_code == 404
    )
    assert client.get("/user", headers=bearer(alice_token)).status_code == 200
