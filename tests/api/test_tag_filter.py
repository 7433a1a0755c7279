"""`GET /builds?tag=` stays right whichever way a tag was written or a build
moved: tags given at submit, added and removed later, a namespace deleted.
The list is in the builds' order (newest build first), not the tags'."""

from __future__ import annotations

from sqlalchemy import select

from djinn.infra.db.models import Build, BuildTag, Collaborator, Namespace
from tests.conftest import bearer

MANIFEST = "driver: {type: os}\nstages: [s]\njobs: [{stage: s, commands: ['true']}]\n"


def submit(client, headers, namespace=None, **fields):
    manifest = (f"namespace: {namespace}\n" if namespace else "") + MANIFEST
    response = client.post("/builds", json={"manifest": manifest, **fields}, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()["number"]


def tagged(client, headers, tag):
    response = client.get(f"/builds?tag={tag}", headers=headers)
    assert response.status_code == 200, response.text
    return [(b["user"]["username"], b["number"]) for b in response.json()]


def test_tags_from_submit_and_added_later_list_newest_build_first(client, make_user, make_token):
    alice = make_user("alice")
    headers = bearer(make_token(alice))
    first = submit(client, headers)
    second = submit(client, headers, tags=["release"])
    third = submit(client, headers, tags=["nightly"])
    assert tagged(client, headers, "release") == [("alice", second)]
    # Tagging the oldest build now puts it after the newer one: build order.
    assert client.post(f"/b/alice/{first}/tags", json=["release"], headers=headers).status_code == 201
    assert client.post(f"/b/alice/{third}/tags", json=["release"], headers=headers).status_code == 201
    assert tagged(client, headers, "release") == [("alice", third), ("alice", second), ("alice", first)]
    assert tagged(client, headers, "nightly") == [("alice", third)]


def test_a_removed_tag_leaves_the_list_and_a_retag_puts_the_build_back_in_place(
    client, make_user, make_token
):
    alice = make_user("alice")
    headers = bearer(make_token(alice))
    numbers = [submit(client, headers, tags=["release"]) for _ in range(3)]
    assert client.delete(f"/b/alice/{numbers[1]}/tags/release", headers=headers).status_code == 204
    assert tagged(client, headers, "release") == [("alice", numbers[2]), ("alice", numbers[0])]
    assert client.post(f"/b/alice/{numbers[1]}/tags", json=["release"], headers=headers).status_code == 201
    assert tagged(client, headers, "release") == [("alice", n) for n in reversed(numbers)]


def test_tag_filter_follows_namespace_membership_and_deletion(client, db, make_user, make_token):
    alice, bob = make_user("alice"), make_user("bob")
    ha, hb = bearer(make_token(alice)), bearer(make_token(bob))
    in_team = submit(client, ha, "team", tags=["release"])
    outside = submit(client, ha, tags=["release"])
    mine = submit(client, hb, tags=["release"])
    assert tagged(client, hb, "release") == [("bob", mine)]
    with db.transaction() as session:
        team = session.execute(select(Namespace).where(Namespace.path == "team")).scalar_one()
        session.add(Collaborator(namespace_id=team.id, user_id=bob.id))
    # bob collaborates in alice's `team`: its build, not her others.
    assert tagged(client, hb, "release") == [("bob", mine), ("alice", in_team)]
    assert tagged(client, ha, "release") == [("alice", outside), ("alice", in_team)]
    assert client.delete("/n/alice/team", headers=ha).status_code == 204
    # The build is detached: still alice's, no longer bob's to see.
    assert tagged(client, hb, "release") == [("bob", mine)]
    assert tagged(client, ha, "release") == [("alice", outside), ("alice", in_team)]


def test_every_tag_carries_its_builds_creation_time(client, db, make_user, make_token):
    alice = make_user("alice")
    headers = bearer(make_token(alice))
    number = submit(client, headers, tags=["a"])
    assert client.post(f"/b/alice/{number}/tags", json=["b"], headers=headers).status_code == 201
    with db.transaction() as session:
        build = session.execute(select(Build).where(Build.number == number)).scalar_one()
        # A tag written by any other path gets it too.
        session.add(BuildTag(build_id=build.id, user_id=alice.id, name="c"))
        session.flush()
        tags = session.execute(select(BuildTag).where(BuildTag.build_id == build.id)).scalars().all()
        assert sorted(t.name for t in tags) == ["a", "b", "c"]
        assert {t.build_created_at for t in tags} == {build.created_at}


def test_tag_combines_with_search_status_and_cursor(client, make_user, make_token):
    """`?tag=` with `?search=` (another tag's text) and `?status=`, by page and
    by the `Link: next` cursor: the builds that match every filter, newest first."""
    alice = make_user("alice")
    headers = bearer(make_token(alice))
    numbers = [
        submit(client, headers, tags=["release", f"deploy-{i}" if i % 2 else "other"]) for i in range(6)
    ]
    submit(client, headers, tags=["deploy-x"])  # not a release
    wanted = [("alice", n) for n in reversed(numbers[1::2])]
    response = client.get("/builds?tag=release&search=deploy&status=queued", headers=headers)
    assert response.status_code == 200, response.text
    assert [(b["user"]["username"], b["number"]) for b in response.json()] == wanted
    assert client.get("/builds?tag=release&search=deploy&status=passed", headers=headers).json() == []
    # A cursor past the newest of them: the rest, in order.
    first = client.get("/builds?tag=release&search=deploy&cursor=", headers=headers)
    assert first.status_code == 200, first.text
    assert [b["number"] for b in first.json()] == [n for _, n in wanted]
