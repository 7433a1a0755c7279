"""Issue 12 point 3: the Go client dereferences nested entities without a
nil check, so a nested namespace always carries its owner `user`."""

from __future__ import annotations

from tests.compat.client import Manifest, Namespace


def test_a_builds_namespace_leads_back_to_the_namespace(djinn):
    """The original's Test_BuildSubmitToNamespace."""
    alice = djinn("alice")
    build = alice.submit_build(Manifest(namespace="submit/to/namespace", driver={"type": "os"}))
    assert build.namespace.user.username == "alice"
    namespace = alice.get_namespace(build.namespace.user.username, build.namespace.path)
    assert namespace.path == "submit/to/namespace" and namespace.parent.user.username == "alice"
    # Nesting stays one level deep otherwise: the nested namespace has no parent or build of its own.
    assert "parent" not in build.raw["namespace"] and "build" not in build.raw["namespace"]
    assert set(build.raw["namespace"]["user"]) == {"id", "email", "username", "created_at"}


def test_every_nested_namespace_has_its_user(djinn):
    alice, bob = djinn("alice"), djinn("bob")
    root = alice.create_namespace("shared")
    child = alice.create_namespace("child", parent="shared")
    assert child.parent.user.username == "alice"
    alice.refresh_namespace(child)  # `Namespace.Get` goes through n.User.Username
    invite = alice.invite(root, "bob")
    assert invite.namespace.user.username == "alice"
    assert [i.namespace.user.username for i in bob.list_invites()] == ["alice"]
    bob.accept_invite(invite)
    variable = bob.create_variable("TOKEN", "1a2b3c4d", namespace="shared/child@alice")
    hook = alice.create_webhook(root, "https://hooks.example.com/h")
    cron = bob.create_cron("nightly", Manifest(namespace="shared@alice", driver={"type": "os"}))
    for entity in (variable, hook, cron):
        assert Namespace.decode(entity.raw["namespace"]).user.username == "alice"
