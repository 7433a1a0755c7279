"""Issue 12 point 4: a build a collaborator submits into `path@owner` is
the owner's (numbered in the owner's sequence, at /b/<owner>/<n>), and goes
out of the collaborator's reach with the collaboration."""

from __future__ import annotations

import pytest

from tests.compat.client import DjinnError, Manifest

NOT_FOUND = {"message": "Not Found"}


@pytest.fixture
def shared(djinn):
    me, you = djinn("me"), djinn("you")
    namespace = me.create_namespace("shared", visibility="private")
    you.accept_invite(me.invite(namespace, "you"))
    return me, you, namespace


def submit(cli, namespace=""):
    return cli.submit_build(
        Manifest(namespace=namespace, driver={"type": "os"}), comment="from you", tags=["ci"]
    )


def test_the_build_is_the_owners(shared):
    me, you, namespace = shared
    assert submit(me, "shared").number == 1
    build = submit(you, "shared@me")
    assert build.url.path == "/b/me/2" and build.number == 2
    assert (build.user.username, build.user_id, build.namespace.user.username) == ("me", me.user.id, "me")
    # The submitter stays visible: the trigger's author.
    assert (build.trigger.type, build.trigger.data["username"]) == ("manual", "you")
    assert me.get_build("me", 2).id == build.id
    # The collaborator's own sequence is untouched.
    assert submit(you).url.path == "/b/you/1"
    assert [b["number"] for b in me.expect(me.get(namespace.builds_url.path), 200).decode("builds")] == [2, 1]


def test_a_removed_collaborator_loses_the_build(shared):
    me, you, _namespace = shared
    build = submit(you, "shared@me")
    # While collaborating they read, tag and pin it.
    assert you.get_build("me", build.number).id == build.id
    assert [t.name for t in you.tag_build(build, "mine")] == ["mine"]
    assert you.pin_build(build).raw["pinned"] is True
    assert [b["number"] for b in you.expect(you.get("/builds"), 200).decode("builds")] == [build.number]

    me.delete_collaborator(me.get_namespace("me", "shared"), "you")
    for response in (
        you.get(build.url.path),
        you.post(build.tags_url.path, "application/json; charset=utf-8", b'["again"]\n'),
        you.patch(build.url.path + "/pin", "application/json; charset=utf-8", None),
        you.patch(build.url.path + "/unpin", "application/json; charset=utf-8", None),
        you.delete(build.url.path),  # kill
        you.delete(build.tags_url.path + "/mine"),
    ):
        assert (response.status, response.decode("404")) == (404, NOT_FOUND)
    with pytest.raises(DjinnError) as gone:
        you.get_build("me", build.number)
    assert gone.value.status == 404
    assert you.expect(you.get("/builds"), 200).decode("builds") == []
    # The owner keeps full control.
    assert me.refresh_build(build).tags == ["ci", "mine"]
    assert me.delete(build.url.path).status == 204
    assert me.refresh_build(build).status == "killed"
