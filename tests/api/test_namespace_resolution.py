"""resolve_for_work: the `path` / `path@owner` notation of manifests and
resource creation, used by builds, variables, keys, objects, images, cron."""

import concurrent.futures
import contextlib
import threading

import pytest
from sqlalchemy import select

from djinn.domain import namespaces
from djinn.domain.auth.tokens import authenticate
from djinn.infra.db.models import Collaborator, Namespace
from djinn.infra.errors import NamespacePermission, ValidationFailed


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


def _at_once(app, count: int, request) -> list:
    """`request(client, n)` from `count` threads released together, each with its own client."""
    start = threading.Barrier(count)

    def one(n, client):
        start.wait(30)
        return request(client, n)

    with contextlib.ExitStack() as stack, concurrent.futures.ThreadPoolExecutor(count) as pool:
        clients = [stack.enter_context(app.test_client()) for _ in range(count)]
        return list(pool.map(one, range(count), clients))


@pytest.mark.parametrize("kind", ["builds", "variables", "objects"])
def test_concurrent_first_use_of_a_namespace_creates_it_once(app, db, make_user, make_token, kind):
    headers = {"Authorization": f"Bearer {make_token(make_user('ann'))}"}

    def request(client, n):
        if kind == "builds":
            return client.post(
                "/builds", json={"manifest": "driver: {type: os}\nnamespace: fresh/deep\n"}, headers=headers
            )
        if kind == "variables":
            return client.post(
                "/variables", json={"key": f"K{n}", "value": "v", "namespace": "fresh/deep"}, headers=headers
            )
        return client.post(
            "/objects",
            params={"name": f"o{n}", "namespace": "fresh/deep"},
            content=b"x",
            headers={**headers, "Content-Type": "application/octet-stream"},
        )

    responses = _at_once(app, 12, request)
    assert [r.status_code for r in responses] == [201] * 12, [
        r.text for r in responses if r.status_code != 201
    ]
    assert {r.json()["namespace"]["path"] for r in responses} == {"fresh/deep"}
    with db.session() as session:
        assert sorted(session.execute(select(Namespace.path)).scalars()) == ["fresh", "fresh/deep"]
