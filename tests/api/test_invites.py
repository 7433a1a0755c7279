"""Invites: the owner invites, the invitee accepts or rejects, the owner revokes."""

import pytest

from tests.conftest import bearer


@pytest.fixture
def people(client, make_user, make_token):
    users = {name: make_user(name) for name in ("owner", "guest", "third")}
    headers = {name: bearer(make_token(user)) for name, user in users.items()}
    assert client.post("/namespaces", json={"name": "team"}, headers=headers["owner"]).status_code == 201
    assert (
        client.post(
            "/namespaces", json={"name": "sub", "parent": "team"}, headers=headers["owner"]
        ).status_code
        == 201
    )
    return users, headers


def invite(client, headers, handle, path="team"):
    return client.post(f"/n/owner/{path}/-/invites", json={"handle": handle}, headers=headers)


def test_invite_accept_then_collaborate_through_the_api_alone(client, people):
    _users, h = people
    sent = invite(client, h["owner"], "guest@example.com")  # by email
    assert sent.status_code == 201
    assert sent.json()["invitee"]["username"] == "guest"
    # Before accepting, the guest cannot see the private namespace.
    assert client.get("/n/owner/team", headers=h["guest"]).status_code == 404
    received = client.get("/invites", headers=h["guest"]).json()
    assert [i["id"] for i in received] == [sent.json()["id"]]
    assert client.get("/invites", headers=h["third"]).json() == []

    accepted = client.patch(f"/invites/{sent.json()['id']}", headers=h["guest"])
    assert accepted.status_code == 200
    assert set(accepted.json()) == {"invitee", "inviter", "namespace"}
    assert accepted.json()["namespace"]["path"] == "team"

    # A collaborator of the root works in its children too.
    assert client.get("/n/owner/team/sub", headers=h["guest"]).status_code == 200
    hook = client.post(
        "/n/owner/team/sub/-/webhooks", json={"payload_url": "https://example.com/h"}, headers=h["guest"]
    )
    assert hook.status_code == 201 and hook.json()["author_id"] != hook.json()["user_id"]
    collaborators = client.get("/n/owner/team/-/collaborators", headers=h["owner"]).json()
    assert [(c["username"], c["email"]) for c in collaborators] == [("guest", "guest@example.com")]
    assert client.get("/invites", headers=h["guest"]).json() == []
    # The guest's namespace list now holds the owner's namespaces.
    assert {n["path"] for n in client.get("/namespaces", headers=h["guest"]).json()} == {"team", "team/sub"}

    # Removing the collaborator takes the access away again.
    assert client.delete("/n/owner/team/-/collaborators/guest", headers=h["owner"]).status_code == 204
    assert client.get("/n/owner/team/sub", headers=h["guest"]).status_code == 404
    assert client.delete("/n/owner/team/-/collaborators/guest", headers=h["owner"]).status_code == 404


def test_an_invite_on_a_child_belongs_to_the_root(client, people):
    _users, h = people
    sent = invite(client, h["owner"], "guest", path="team/sub")
    assert sent.status_code == 201 and sent.json()["namespace"]["path"] == "team"
    listed = client.get("/n/owner/team/-/invites", headers=h["owner"]).json()
    assert [i["id"] for i in listed] == [sent.json()["id"]]


@pytest.mark.parametrize(
    "handle, message",
    [
        ("nobody", "No user has this username or email"),
        ("owner", "You cannot invite yourself"),
        ("", "handle must not be empty"),
        ("   ", "Handle is required: a username or an email"),
    ],
)
def test_bad_handles_are_400_on_handle(client, people, handle, message):
    _users, h = people
    response = invite(client, h["owner"], handle)
    assert response.status_code == 400
    assert response.json() == {"handle": [message]}


def test_duplicate_invites_and_existing_collaborators_are_400(client, people):
    _users, h = people
    first = invite(client, h["owner"], "guest")
    assert first.status_code == 201
    again = invite(client, h["owner"], "guest")
    assert again.status_code == 400 and again.json() == {"handle": ["guest is already invited to team"]}
    client.patch(f"/invites/{first.json()['id']}", headers=h["guest"])
    member = invite(client, h["owner"], "guest")
    assert member.status_code == 400 and member.json() == {"handle": ["guest already collaborates in team"]}


def test_reject_revoke_and_strangers(client, people):
    _users, h = people
    one = invite(client, h["owner"], "guest").json()["id"]
    # Only the invitee accepts; nobody else learns the invite exists.
    for who in ("owner", "third"):
        response = client.patch(f"/invites/{one}", headers=h[who])
        assert response.status_code == 404 and response.json() == {"message": "Not Found"}
    assert client.delete(f"/invites/{one}", headers=h["third"]).status_code == 404
    assert client.delete(f"/invites/{one}", headers=h["guest"]).status_code == 204  # rejected
    assert client.get("/invites", headers=h["guest"]).json() == []
    two = invite(client, h["owner"], "guest").json()["id"]
    assert client.delete(f"/invites/{two}", headers=h["owner"]).status_code == 204  # revoked
    assert client.patch(f"/invites/{two}", headers=h["guest"]).status_code == 404


def test_collaborators_are_listed_to_the_owner_only(client, db, people):
    _users, h = people
    client.patch("/n/owner/team", json={"visibility": "public"}, headers=h["owner"])
    invite_id = invite(client, h["owner"], "guest").json()["id"]
    client.patch(f"/invites/{invite_id}", headers=h["guest"])
    as_owner = client.get("/n/owner/team/-/collaborators", headers=h["owner"]).json()
    assert [(c["username"], c["email"]) for c in as_owner] == [("guest", "guest@example.com")]
    # Anyone else, the collaborator included, gets 404 as the original answers.
    for headers in (h["guest"], h["third"], {}):
        response = client.get("/n/owner/team/-/collaborators", headers=headers)
        assert (response.status_code, response.json()) == (404, {"message": "Not Found"})


def test_a_collaborator_submits_a_build_into_the_owners_namespace(client, people):
    _users, h = people
    manifest = "namespace: team/sub@owner\ndriver:\n  type: os\nstages: [test]\njobs:\n  - stage: test\n    commands: [true]\n"
    # Before the invite is accepted, the namespace is not the guest's to work in.
    refused = client.post("/builds", json={"manifest": manifest}, headers=h["guest"])
    assert refused.status_code == 422 and refused.json()["message"]
    invite_id = invite(client, h["owner"], "guest").json()["id"]
    assert client.patch(f"/invites/{invite_id}", headers=h["guest"]).status_code == 200
    submitted = client.post("/builds", json={"manifest": manifest}, headers=h["guest"])
    assert submitted.status_code == 201, submitted.text
    build = submitted.json()
    assert build["namespace"]["path"] == "team/sub" and build["user"]["username"] == "owner"
    assert build["trigger"]["data"]["username"] == "guest"
    listed = client.get("/n/owner/team/sub/-/builds", headers=h["owner"]).json()
    assert [b["id"] for b in listed] == [build["id"]]
    # A third user, who does not collaborate, still cannot.
    assert client.post("/builds", json={"manifest": manifest}, headers=h["third"]).status_code == 422
