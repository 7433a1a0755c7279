"""resolve_for_work: the `path` / `path@owner` notation of manifests and
resource creation, used by builds, variables, keys, objects, images, cron."""

import pytest
from sqlalchemy import select

from djinn import namespaces
from djinn.auth.tokens import authenticate
from djinn.db.models import Collaborator, Namespace
from djinn.errors import NamespacePermission, ValidationFailed


@pytest.fixture
def callers(db, make_user, make_token):
    users = {name: make_user(name) for name in ("ann", "ben", "cat")}
    with db.session() as session:
        return users, {name: authenticate(session, make_token(user)) for name, user in users.items()}


def test_own_missing_namespace_and_its_parents_are_created_private(db, callers):
    _users, who = callers
    with db.transaction() as session:
        ns = namespaces.resolve_for_work(session, who["ann"], "a/b/c")
        assert (ns.path, ns.level, ns.visibility) == ("a/b/c", 3, "private")
    with db.session() as session:
        paths = sorted(session.execute(select(Namespace.path)).scalars())
        assert paths == ["a", "a/b", "a/b/c"]
        a = session.execute(select(Namespace).where(Namespace.path == "a")).scalar_one()
        assert {n.root_id for n in session.execute(select(Namespace)).scalars()} == {a.id}
    with db.transaction() as session:  # a second resolution finds, never duplicates
        assert namespaces.resolve_for_work(session, who["ann"], "a/b/c@ann").path == "a/b/c"


def test_someone_elses_namespace_needs_collaboration(db, callers):
    users, who = callers
    with db.transaction() as session:
        root = namespaces.resolve_for_work(session, who["ann"], "shared")
        namespaces.resolve_for_work(session, who["ann"], "shared/kid")
        session.add(Collaborator(namespace_id=root.id, user_id=users["ben"].id))
    with db.transaction() as session:
        assert namespaces.resolve_for_work(session, who["ben"], "shared/kid@ann").path == "shared/kid"
    for reference in ("shared@ann", "missing@ann", "shared@nobody"):
        with db.transaction() as session, pytest.raises(NamespacePermission):
            namespaces.resolve_for_work(session, who["cat"], reference)
    # Nothing is created on the fly in someone else's account.
    with db.session() as session:
        assert session.execute(select(Namespace.path).where(Namespace.path == "missing")).first() is None


@pytest.mark.parametrize("reference", ["", "bad name", "a//b", "x@", "/".join(["n"] * 21), "-"])
def test_malformed_references_are_400_on_the_field(db, callers, reference):
    _users, who = callers
    with db.transaction() as session, pytest.raises(ValidationFailed) as raised:
        namespaces.resolve_for_work(session, who["ann"], reference, field="namespace")
    assert list(raised.value.errors) == ["namespace"]
