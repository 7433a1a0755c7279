"""Variables: /variables, masking, namespaces and who may see what, and the
variables a build gets (`variables.for_build`)."""

from __future__ import annotations

import base64

import pytest
from sqlalchemy import select

from djinn.api.app import runtime_of
from djinn.domain import variables
from djinn.infra.db.models import Namespace, Variable
from tests.conftest import bearer

SECRET = "s3cr3t-t0ken-9f2b"
NOT_FOUND = {"message": "Not Found"}


@pytest.fixture
def people(client, make_user, make_token):
    """alice owns `shared`, bob collaborates in it, carol is a stranger."""
    users = {name: make_user(name) for name in ("alice", "bob", "carol")}
    headers = {name: bearer(make_token(user)) for name, user in users.items()}
    assert client.post("/namespaces", json={"name": "shared"}, headers=headers["alice"]).status_code == 201
    invite = client.post("/n/alice/shared/-/invites", json={"handle": "bob"}, headers=headers["alice"]).json()
    assert client.patch(f"/invites/{invite['id']}", headers=headers["bob"]).status_code == 200
    return users, headers


def create(client, headers, **body):
    return client.post("/variables", json=body, headers=headers)


def keys_of(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [v["key"] for v in response.json()]


def test_create_and_get_an_unmasked_variable(client, people):
    users, h = people
    created = create(client, h["alice"], key="GOFLAGS", value="-mod=vendor")
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["key"] == "GOFLAGS" and body["value"] == "-mod=vendor" and body["masked"] is False
    assert body["author_id"] == body["user_id"] == users["alice"].id and body["namespace_id"] is None
    assert body["url"] == f"http://djinn.test/variables/{body['id']}"
    assert body["author"]["username"] == body["user"]["username"] == "alice" and "namespace" not in body
    fetched = client.get(f"/variables/{body['id']}", headers=h["alice"])
    assert fetched.status_code == 200 and fetched.json() == body


def test_go_client_zero_values_mean_no_namespace_and_no_mask(client, db, people):
    _users, h = people
    body = create(client, h["alice"], key="PLAIN", value="", mask=False, namespace="").json()
    assert (body["namespace_id"], body["masked"], body["value"]) == (None, False, "")
    body = create(client, h["alice"], key="NULLS", value="v", mask=None, namespace=None).json()
    assert (body["namespace_id"], body["masked"]) == (None, False)
    with db.session() as session:
        assert session.execute(select(Namespace.path)).scalars().all() == ["shared"]


def test_a_masked_value_is_never_returned_and_is_encrypted_at_rest(client, db, app, people):
    _users, h = people
    created = create(client, h["alice"], key="API_TOKEN", value=SECRET, mask=True, namespace="shared")
    assert created.status_code == 201
    assert created.json()["value"] == "xxxxxx" and created.json()["masked"] is True
    variable_id = created.json()["id"]
    responses = [
        created,
        client.get(f"/variables/{variable_id}", headers=h["alice"]),
        client.get(f"/variables/{variable_id}", headers=h["bob"]),
        client.get("/variables", headers=h["alice"]),
        client.get("/variables?search=api", headers=h["bob"]),
        client.get("/n/alice/shared/-/variables", headers=h["alice"]),
        client.get("/n/alice/shared/-/variables", headers=h["bob"]),
    ]
    encoded = base64.b64encode(SECRET.encode()).decode()
    for response in responses:
        assert response.status_code in (200, 201), response.text
        assert SECRET not in response.text and encoded not in response.text
        assert "xxxxxx" in response.text
    with db.session() as session:
        stored = session.execute(select(Variable.value)).scalar_one()
    assert SECRET not in stored and encoded not in stored
    box = runtime_of(app).box
    assert box.decrypt(base64.b64decode(stored), context="variable.value") == SECRET


@pytest.mark.parametrize("value", ["", "12345"])
def test_a_masked_value_needs_six_characters(client, db, people, value):
    _users, h = people
    response = create(client, h["alice"], key="SHORT", value=value, mask=True, namespace="brand-new")
    assert response.status_code == 400
    assert response.json() == {"value": ["Value cannot be shorter than 6 characters in length"]}
    assert value == "" or value not in response.text
    with db.session() as session:  # nothing was kept, not even the namespace
        assert session.execute(select(Variable)).first() is None
        assert session.execute(select(Namespace.path)).scalars().all() == ["shared"]
    assert create(client, h["alice"], key="SHORT", value="123456", mask=True).status_code == 201


@pytest.mark.parametrize("key", ["1ABC", "WITH-DASH", "with space", "", "ÄPFEL"])
def test_invalid_keys_are_400_on_key(client, people, key):
    _users, h = people
    response = create(client, h["alice"], key=key, value="v")
    assert response.status_code == 400 and list(response.json()) == ["key"], response.text


def test_keys_are_unique_per_owner_and_namespace(client, people):
    _users, h = people
    assert create(client, h["alice"], key="DUP", value="1").status_code == 201
    taken = create(client, h["alice"], key="DUP", value="2")
    assert taken.status_code == 400 and taken.json() == {"key": ["Variable DUP already exists"]}
    assert create(client, h["alice"], key="DUP", value="3", namespace="shared").status_code == 201
    # bob's variable in alice's namespace belongs to alice: the key is taken there.
    in_shared = create(client, h["bob"], key="DUP", value="4", namespace="shared@alice")
    assert in_shared.status_code == 400 and list(in_shared.json()) == ["key"]
    assert create(client, h["bob"], key="DUP", value="5").status_code == 201
    assert create(client, h["alice"], key="dup", value="6").status_code == 201  # keys are case-sensitive
    assert keys_of(client.get("/variables", headers=h["alice"])) == ["DUP", "DUP", "dup"]


def test_own_missing_namespaces_are_created_private(client, db, people):
    users, h = people
    body = create(client, h["carol"], key="K", value="v", namespace="proj/sub").json()
    assert body["namespace"]["path"] == "proj/sub" and body["namespace"]["visibility"] == "private"
    assert body["user_id"] == users["carol"].id
    with db.session() as session:
        paths = session.execute(
            select(Namespace.path).where(Namespace.user_id == users["carol"].id)
        ).scalars()
        assert sorted(paths) == ["proj", "proj/sub"]


def test_collaborator_works_in_the_namespace_stranger_gets_422(client, db, people):
    users, h = people
    made = create(client, h["bob"], key="FROM_BOB", value="v", namespace="shared@alice")
    assert made.status_code == 201
    body = made.json()
    assert (body["author_id"], body["user_id"]) == (users["bob"].id, users["alice"].id)
    assert body["namespace"]["path"] == "shared" and body["user"]["username"] == "alice"
    for reference in ("shared@alice", "missing@alice", "shared@nobody"):
        refused = create(client, h["carol"], key="FROM_CAROL", value="v", namespace=reference)
        assert refused.status_code == 422 and list(refused.json()) == ["message"]
    with db.session() as session:
        assert session.execute(select(Variable.key)).scalars().all() == ["FROM_BOB"]
        assert session.execute(select(Namespace.path)).scalars().all() == ["shared"]


def test_who_may_read_and_delete(client, people):
    _users, h = people
    own = create(client, h["alice"], key="ALICE_ONLY", value="v").json()["id"]
    shared = create(client, h["alice"], key="IN_SHARED", value="v", namespace="shared").json()["id"]
    expected = {
        ("alice", own): 200,
        ("alice", shared): 200,
        ("bob", own): 404,
        ("bob", shared): 200,
        ("carol", own): 404,
        ("carol", shared): 404,
    }
    for (who, variable_id), status in expected.items():
        response = client.get(f"/variables/{variable_id}", headers=h[who])
        assert response.status_code == status, (who, variable_id)
        if status == 404:
            assert response.json() == NOT_FOUND
            assert client.delete(f"/variables/{variable_id}", headers=h[who]).status_code == 404
    assert client.get(f"/variables/{own}").status_code == 404
    assert client.get("/variables/999999", headers=h["alice"]).status_code == 404
    # The collaborator may delete a variable of the namespace; then it is gone for all.
    assert client.delete(f"/variables/{shared}", headers=h["bob"]).status_code == 204
    assert client.get(f"/variables/{shared}", headers=h["alice"]).status_code == 404
    assert client.delete(f"/variables/{own}", headers=h["alice"]).status_code == 204
    assert keys_of(client.get("/variables", headers=h["alice"])) == []


def test_a_removed_collaborator_loses_access(client, people):
    _users, h = people
    made = create(client, h["bob"], key="BOBS", value="v", namespace="shared@alice").json()["id"]
    assert client.delete("/n/alice/shared/-/collaborators/bob", headers=h["alice"]).status_code == 204
    assert client.get(f"/variables/{made}", headers=h["bob"]).status_code == 404
    assert keys_of(client.get("/variables", headers=h["bob"])) == []
    assert keys_of(client.get("/variables", headers=h["alice"])) == ["BOBS"]


def test_list_is_own_and_workable_namespaces_searched_by_key(client, people, make_user, make_token):
    _users, h = people
    create(client, h["alice"], key="B_ALICE", value="v")
    create(client, h["alice"], key="A_SHARED", value="v", namespace="shared")
    create(client, h["bob"], key="C_BOB", value="v")
    create(client, h["carol"], key="D_CAROL", value="v")
    create(client, h["carol"], key="CAROLXNS", value="v", namespace="hers")
    assert keys_of(client.get("/variables", headers=h["alice"])) == ["A_SHARED", "B_ALICE"]
    assert keys_of(client.get("/variables", headers=h["bob"])) == ["A_SHARED", "C_BOB"]
    assert keys_of(client.get("/variables", headers=h["carol"])) == ["CAROLXNS", "D_CAROL"]
    assert keys_of(client.get("/variables?search=shar", headers=h["bob"])) == ["A_SHARED"]
    # LIKE wildcards are literal: `_` matches an underscore, not any character.
    assert keys_of(client.get("/variables?search=l_", headers=h["carol"])) == []
    assert keys_of(client.get("/variables?search=%25", headers=h["carol"])) == []
    assert keys_of(client.get("/variables?search=D_c", headers=h["carol"])) == ["D_CAROL"]
    assert client.get("/variables").status_code == 404
    narrow = bearer(make_token(make_user("dave"), scope="variable:write"))
    assert client.get("/variables", headers=narrow).status_code == 404


def test_list_is_paged_with_link(client, people):
    _users, h = people
    for n in range(27):
        assert create(client, h["alice"], key=f"V{n:02}", value="v").status_code == 201
    first = client.get("/variables", headers=h["alice"])
    assert keys_of(first) == [f"V{n:02}" for n in range(25)]
    assert first.headers["Link"] == '<http://djinn.test/variables?page=2>; rel="next"'
    second = client.get("/variables?page=2&search=v", headers=h["alice"])
    assert keys_of(second) == ["V25", "V26"]
    assert second.headers["Link"] == '<http://djinn.test/variables?search=v&page=1>; rel="prev"'


# ------------------------------------------------------------------ builds


def test_for_build_gives_decrypted_values_namespace_ones_winning(client, db, app, people):
    users, h = people
    create(client, h["bob"], key="GOFLAGS", value="-mod=mod")
    create(client, h["bob"], key="BOB_TOKEN", value="bob-secret-1", mask=True)
    create(client, h["alice"], key="GOFLAGS", value="-mod=vendor", namespace="shared")
    create(client, h["alice"], key="DEPLOY", value="deploy-secret", mask=True, namespace="shared")
    create(client, h["alice"], key="ALICE_OWN", value="not for bob's builds")
    create(client, h["alice"], key="OTHER_NS", value="elsewhere", namespace="other")
    box = runtime_of(app).box
    with db.session() as session:
        shared = session.execute(select(Namespace).where(Namespace.path == "shared")).scalar_one()
        in_shared = variables.for_build(session, box, users["bob"].id, shared)
        alone = variables.for_build(session, box, users["bob"].id, None)
        ids = dict(session.execute(select(Variable.value, Variable.id).where(~Variable.masked)).all())
    assert [(k, v, m) for k, v, m, _id in in_shared] == [
        ("BOB_TOKEN", "bob-secret-1", True),
        ("DEPLOY", "deploy-secret", True),
        ("GOFLAGS", "-mod=vendor", False),
    ]
    assert {k: i for k, _v, _m, i in in_shared}["GOFLAGS"] == ids["-mod=vendor"]
    assert [(k, v) for k, v, _m, _id in alone] == [("BOB_TOKEN", "bob-secret-1"), ("GOFLAGS", "-mod=mod")]
