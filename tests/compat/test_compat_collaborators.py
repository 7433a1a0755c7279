"""Namespaces with collaborators and invites, as the original's
Test_CollaboratorFlow drives them, and issue 12 point 6: the owner-only
operations answer 404 {"message": "Not Found"} to everyone else."""

from __future__ import annotations

import pytest

from tests.compat.client import JSON, DjinnError, go_json

NOT_FOUND = {"message": "Not Found"}


def status_of(call, *args, **kwargs) -> int:
    with pytest.raises(DjinnError) as refused:
        call(*args, **kwargs)
    return refused.value.status


def test_collaborator_flow(djinn):
    me, you = djinn("me"), djinn("you")
    conclave = me.create_namespace("conclave", visibility="private")
    assert status_of(you.get_namespace, "me", "conclave") == 404

    with pytest.raises(DjinnError) as yourself:
        me.invite(conclave, "me")
    assert yourself.value.status == 400 and list(yourself.value.params) == ["handle"]
    invite = me.invite(conclave, "you")
    assert (invite.invitee.username, invite.inviter.username) == ("you", "me")
    assert [i.id for i in you.list_invites()] == [invite.id]
    assert status_of(me.accept_invite, invite) == 404  # only the invitee accepts
    you.accept_invite(invite)

    assert you.get_namespace("me", "conclave").path == "conclave"
    variable = you.create_variable("TOKEN", "1a2b3c4d", namespace="conclave@me")
    assert variable.user_id == me.user.id and variable.author_id == you.user.id
    listed = you.expect(you.get(conclave.variables_url.path + "?search=TOKEN"), 200).decode("variables")
    assert [v["key"] for v in listed] == ["TOKEN"]
    me.delete_variable(variable)

    # What only the owner may do: 404 to the collaborator, as to anyone.
    assert status_of(you.delete_collaborator, conclave, "you") == 404
    assert status_of(you.update_namespace, conclave, description="mine now") == 404
    assert status_of(you.invite, conclave, "them") == 404
    assert status_of(you.list_collaborators, conclave) == 404
    assert status_of(you.delete_namespace, conclave) == 404
    assert you.delete(conclave.url.path).decode("404") == NOT_FOUND
    assert [u.username for u in me.list_collaborators(conclave)] == ["you"]
    assert me.get_namespace("me", "conclave").description == ""

    me.delete_collaborator(conclave, "you")
    assert status_of(you.get_namespace, "me", "conclave") == 404
    # Submitting data into a namespace one may not work in stays the seed's 422.
    assert status_of(you.create_variable, "TOKEN", "1a2b3c4d", namespace="conclave@me") == 422


@pytest.mark.parametrize("visibility", ["internal", "public"])
def test_owner_only_operations_are_404_even_where_others_can_read(djinn, visibility):
    me, other = djinn("me"), djinn("other")
    djinn("them")
    namespace = me.create_namespace("open", visibility=visibility)
    assert other.get_namespace("me", "open").visibility == visibility
    for response in (
        other.patch(
            namespace.url.path,
            JSON,
            go_json({"parent": "", "name": "", "description": "x", "visibility": "private"}),
        ),
        other.delete(namespace.url.path),
        other.post(namespace.invites_url.path, JSON, go_json({"handle": "them"})),
        other.get(namespace.collaborators_url.path),
        other.delete(namespace.collaborators_url.path + "/them"),
    ):
        assert (response.status, response.decode("404")) == (404, NOT_FOUND)
    assert me.get_namespace("me", "open").visibility == visibility


def test_invites_can_be_rejected(djinn):
    me, you = djinn("me"), djinn("you")
    conclave = me.create_namespace("conclave")
    you.reject_invite(me.invite(conclave, "you"))
    assert you.list_invites() == []
    assert status_of(you.get_namespace, "me", "conclave") == 404
