"""Issue 12 point 5: visibility belongs to the top-level namespace (the
original's Test_NamespaceParentCreate and Test_NamespaceUpdate)."""

from __future__ import annotations

from tests.compat.client import Manifest


def test_a_child_has_its_roots_visibility_whatever_it_asks(djinn):
    alice = djinn("alice")
    root = alice.create_namespace("parent", visibility="private")
    child = alice.create_namespace("child", parent=root.path, visibility="public")
    assert (child.root_id, child.parent_id, child.visibility) == (root.id, root.id, "private")
    internal = alice.create_namespace("lobby", visibility="internal")
    # The Go client sends its zero Visibility, "private", when none is set: the child still gets its root's.
    assert alice.create_namespace("hall", parent="lobby").visibility == "internal"
    grandchild = alice.create_namespace("deep", parent="lobby/hall", visibility="public")
    assert (grandchild.root_id, grandchild.visibility) == (internal.id, "internal")


def test_updating_a_root_sets_every_namespace_below_it_up_or_down(djinn):
    alice = djinn("alice")
    root = alice.create_namespace("tree", visibility="private")
    child = alice.create_namespace("child", parent="tree")
    grandchild = alice.create_namespace("leaf", parent="tree/child")
    assert alice.update_namespace(root, visibility="public").visibility == "public"
    assert alice.refresh_namespace(child).visibility == "public"
    assert alice.refresh_namespace(grandchild).visibility == "public"
    alice.update_namespace(root, visibility="internal")
    assert [alice.refresh_namespace(n).visibility for n in (child, grandchild)] == ["internal", "internal"]


def test_a_visibility_given_for_a_child_is_ignored(djinn):
    alice, bob = djinn("alice"), djinn("bob")
    root = alice.create_namespace("tree", visibility="internal")
    child = alice.create_namespace("child", parent="tree")
    for visibility in ("public", "private"):
        updated = alice.update_namespace(child, description=f"tried {visibility}", visibility=visibility)
        assert (updated.description, updated.visibility) == (f"tried {visibility}", "internal")
    assert bob.get_namespace("alice", "tree/child").visibility == "internal"
    assert alice.refresh_namespace(root).visibility == "internal"


def test_namespaces_created_on_the_fly_take_their_roots_visibility(djinn):
    alice = djinn("alice")
    alice.create_namespace("site", visibility="public")
    build = alice.submit_build(Manifest(namespace="site/docs/api", driver={"type": "os"}))
    assert build.namespace.visibility == "public"
    assert alice.get_namespace("alice", "site/docs").visibility == "public"
