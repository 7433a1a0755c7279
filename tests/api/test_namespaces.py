"""Namespaces through the API: create, paths and children, update, delete,
lists and paging, and the namespace resolution other resources use."""

import pytest
from sqlalchemy import select

from djinn.infra.db.models import Build, Namespace, Variable
from tests.conftest import BASE_URL, bearer


@pytest.fixture
def alice(make_user, make_token):
    user = make_user("alice")
    return user, bearer(make_token(user))


def create(client, headers, **body):
    return client.post("/namespaces", json=body, headers=headers)


def test_create_a_root_and_a_child(client, alice):
    _user, headers = alice
    root = create(client, headers, name="djinn", description="CI things", visibility="internal")
    assert root.status_code == 201
    body = root.json()
    assert body["path"] == "djinn" and body["parent_id"] is None and body["root_id"] == body["id"]
    assert body["visibility"] == "internal" and body["description"] == "CI things"
    assert body["url"] == f"{BASE_URL}/n/alice/djinn"
    assert body["builds_url"] == f"{BASE_URL}/n/alice/djinn/-/builds"
    assert body["user"]["username"] == "alice"
    assert "parent" not in body and "build" not in body

    child = create(client, headers, name="child", parent="djinn")
    assert child.status_code == 201
    c = child.json()
    assert c["path"] == "djinn/child" and c["parent_id"] == body["id"] and c["root_id"] == body["id"]
    assert c["visibility"] == "internal"  # its root's, always
    assert c["parent"]["path"] == "djinn" and c["parent"]["user"]["username"] == "alice"

    fetched = client.get("/n/alice/djinn/child", headers=headers)
    assert fetched.status_code == 200 and fetched.json()["id"] == c["id"]
    children = client.get("/n/alice/djinn/-/namespaces", headers=headers)
    assert [n["path"] for n in children.json()] == ["djinn/child"]


def test_go_client_zero_values_mean_not_given(client, alice):
    _user, headers = alice
    response = create(client, headers, name="zero", parent="", description="", visibility="")
    assert response.status_code == 201
    assert response.json()["visibility"] == "private" and response.json()["parent_id"] is None


def test_a_child_has_its_roots_visibility(client, alice):
    _user, headers = alice
    create(client, headers, name="top", visibility="internal")
    child = create(client, headers, name="kid", parent="top", visibility="public")
    assert child.json()["visibility"] == "internal"
    ignored = client.patch("/n/alice/top/kid", json={"visibility": "private"}, headers=headers)
    assert ignored.status_code == 200 and ignored.json()["visibility"] == "internal"
    raised = client.patch("/n/alice/top", json={"visibility": "public"}, headers=headers)
    assert raised.json()["visibility"] == "public"
    assert client.get("/n/alice/top/kid").json()["visibility"] == "public"
    create(client, headers, name="open", visibility="public")
    create(client, headers, name="kid", parent="open", visibility="public")
    lowered = client.patch("/n/alice/open", json={"visibility": "private"}, headers=headers)
    assert lowered.status_code == 200 and lowered.json()["visibility"] == "private"
    assert client.get("/n/alice/open/kid", headers=headers).json()["visibility"] == "private"
    assert client.get("/n/alice/open/kid").status_code == 404


@pytest.mark.parametrize(
    "body, field, fragment",
    [
        ({"name": "has space"}, "name", "format"),
        ({"name": "-"}, "name", "cannot be '-'"),
        ({"name": "x" * 33}, "name", "at most 32"),
        ({"name": "orphan", "parent": "missing"}, "parent", "no namespace 'missing'"),
        ({"name": "bad", "visibility": "secret"}, "visibility", "one of"),
        ({}, "name", "required"),
    ],
)
def test_invalid_namespaces_are_400_on_the_field(client, alice, body, field, fragment):
    _user, headers = alice
    response = create(client, headers, **body)
    assert response.status_code == 400, response.text
    messages = response.json()[field]
    assert any(fragment in m for m in messages), messages


def test_duplicate_path_is_400_on_name(client, alice):
    _user, headers = alice
    assert create(client, headers, name="dup").status_code == 201
    response = create(client, headers, name="dup")
    assert response.status_code == 400
    assert response.json() == {"name": ["You already have a namespace 'dup'"]}


def test_depth_is_at_most_20(client, alice):
    _user, headers = alice
    parent = None
    for level in range(1, 21):
        response = create(client, headers, name=f"l{level}", parent=parent)
        assert response.status_code == 201, (level, response.text)
        parent = response.json()["path"]
    too_deep = create(client, headers, name="l21", parent=parent)
    assert too_deep.status_code == 400
    assert too_deep.json() == {"parent": ["Namespaces nest at most 20 deep"]}
    assert client.get(f"/n/alice/{parent}", headers=headers).status_code == 200


def test_list_is_owned_and_collaborated_with_search_and_paging(client, db, make_user, make_token, alice):
    _user, headers = alice
    for i in range(30):
        create(client, headers, name=f"proj{i:02d}")
    create(client, headers, name="other")
    first = client.get("/namespaces?search=PROJ", headers=headers)
    assert first.status_code == 200 and len(first.json()) == 25
    assert first.headers["link"] == f'<{BASE_URL}/namespaces?search=PROJ&page=2>; rel="next"'
    second = client.get("/namespaces?search=PROJ&page=2", headers=headers)
    assert [n["name"] for n in second.json()] == [f"proj{i}" for i in range(25, 30)]
    assert second.headers["link"] == f'<{BASE_URL}/namespaces?search=PROJ&page=1>; rel="prev"'
    # A stranger's list holds none of alice's namespaces, whatever their visibility.
    stranger = bearer(make_token(make_user("stranger")))
    assert client.get("/namespaces", headers=stranger).json() == []
    # A search with LIKE wildcards matches them literally.
    assert client.get("/namespaces?search=%25", headers=headers).json() == []


def test_delete_takes_children_and_resources_and_detaches_builds(client, db, alice):
    user, headers = alice
    root = create(client, headers, name="gone").json()
    child = create(client, headers, name="kid", parent="gone").json()
    with db.transaction() as session:
        session.add(
            Variable(author_id=user.id, user_id=user.id, namespace_id=child["id"], key="K", value="v")
        )
        session.add(Build(user_id=user.id, namespace_id=root["id"], number=1, manifest="driver: {type: os}"))
    assert client.delete("/n/alice/gone", headers=headers).status_code == 204
    assert client.get("/n/alice/gone", headers=headers).status_code == 404
    assert client.get("/n/alice/gone/kid", headers=headers).status_code == 404
    with db.session() as session:
        assert session.execute(select(Namespace)).scalars().all() == []
        assert session.execute(select(Variable)).scalars().all() == []
        build = session.execute(select(Build)).scalar_one()
        assert build.namespace_id is None and build.manifest == "driver: {type: os}"


def test_namespace_shows_its_latest_build(client, db, alice):
    user, headers = alice
    ns = create(client, headers, name="withbuild").json()
    with db.transaction() as session:
        session.add(Build(user_id=user.id, namespace_id=ns["id"], number=1, manifest="a", status="failed"))
    with db.transaction() as session:
        session.add(Build(user_id=user.id, namespace_id=ns["id"], number=2, manifest="b", status="passed"))
    body = client.get("/n/alice/withbuild", headers=headers).json()
    assert body["build"]["number"] == 2 and body["build"]["status"] == "passed"
    assert "namespace" not in body["build"] and "user" not in body["build"]
    builds = client.get("/n/alice/withbuild/-/builds?status=failed", headers=headers).json()
    assert [b["number"] for b in builds] == [1]


def test_update_with_empty_body_changes_nothing(client, alice):
    _user, headers = alice
    before = create(client, headers, name="same", description="keep", visibility="public").json()
    after = client.patch("/n/alice/same", json={}, headers=headers)
    assert after.status_code == 200
    assert after.json()["description"] == "keep" and after.json()["visibility"] == "public"
    assert after.json()["id"] == before["id"]
    zeros = client.patch(
        "/n/alice/same", json={"parent": "", "name": "", "description": "", "visibility": ""}, headers=headers
    )
    assert zeros.json()["description"] == "keep" and zeros.json()["visibility"] == "public"
