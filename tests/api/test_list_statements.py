"""Every list costs the same SQL statements whatever its size: one query for
the page and at most one per kind of nested entity, never one per row (the
builds' lists are counted in test_list_paging.py)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import select

from djinn.infra.db.models import (
    Artifact,
    Build,
    BuildKey,
    BuildObject,
    BuildTag,
    BuildVariable,
    Collaborator,
    Cron,
    Image,
    ImageDownload,
    Invite,
    Job,
    Key,
    Namespace,
    OAuthApp,
    Object,
    Stage,
    Token,
    User,
    Variable,
    Webhook,
    WebhookDelivery,
)
from tests.api.statements import counted
from tests.conftest import bearer

# Every list, each row of which has its own author, owner and namespace
# (so that nothing is loaded once for all rows by chance).
LISTS = [
    "/namespaces",
    "/n/alice/top/-/namespaces",
    "/variables",
    "/keys",
    "/objects",
    "/images",
    "/cron",
    "/n/alice/top/-/variables",
    "/n/alice/top/-/keys",
    "/n/alice/top/-/objects",
    "/n/alice/top/-/images",
    "/invites",
    "/n/alice/top/-/invites",
    "/n/alice/top/-/collaborators",
    "/n/alice/top/-/webhooks",
    "/b/alice/1/jobs",
    "/b/alice/1/artifacts",
    "/b/alice/1/tags",
    "/b/alice/1/objects",
    "/b/alice/1/variables",
    "/b/alice/1/keys",
    "/user/apps",
    "/user/authorizations",
]

SMALL, LARGE = 3, 27  # a page is 25 rows: the large lists fill one
BASE = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def _grow(session, alice: User, top: Namespace, build: Build, stage: Stage, first: int, stop: int) -> None:
    """Rows `first` to `stop` (exclusive) of every list, each by another user
    in another namespace."""
    for i in range(first, stop):
        at = BASE + dt.timedelta(minutes=i)
        other = session.execute(select(User).where(User.username == f"u{i}")).scalar_one()
        # A namespace of theirs alice works in, with builds (the latest tagged).
        space = Namespace(user_id=other.id, name=f"s{i}", path=f"s{i}", level=1, visibility="private")
        session.add(space)
        session.flush()
        space.root_id = space.id
        session.add(Collaborator(namespace_id=space.id, user_id=alice.id))
        for number, when in ((2 * i + 1, at), (2 * i + 2, at + dt.timedelta(seconds=1))):
            latest = Build(
                user_id=other.id,
                namespace_id=space.id,
                number=number,
                manifest="m",
                status="passed",
                trigger_type="manual",
                created_at=when,
            )
            session.add(latest)
        session.flush()
        session.add(BuildTag(build_id=latest.id, user_id=other.id, name=f"t{i}"))
        # A child of alice's `top`, with a build of theirs.
        child = Namespace(
            user_id=alice.id,
            name=f"c{i}",
            path=f"top/c{i}",
            parent_id=top.id,
            root_id=top.id,
            level=2,
            visibility="private",
        )
        session.add(child)
        session.flush()
        session.add(
            Build(
                user_id=other.id,
                namespace_id=child.id,
                number=1000 + i,
                manifest="m",
                status="failed",
                trigger_type="manual",
                created_at=at,
            )
        )
        # Resources in their namespace (/variables ...) and in alice's `top`.
        for where, owner in ((space, other), (top, alice)):
            common = {"author_id": other.id, "user_id": owner.id, "namespace_id": where.id}
            session.add(Variable(key=f"V{i}", value="x", **common))
            session.add(Key(name=f"k{i}", key_encrypted=b"x", **common))
            session.add(
                Object(name=f"o{i}", type="text/plain", size=1, md5="0" * 32, sha256="0" * 64, **common)
            )
            image = Image(name=f"i{i}", **common)
            session.add(image)
            session.flush()
            session.add(ImageDownload(image_id=image.id, source="https://example.com/i.qcow2"))
        session.add(
            Cron(
                name=f"cron{i}",
                manifest="m",
                next_run=at,
                author_id=other.id,
                user_id=other.id,
                namespace_id=space.id,
            )
        )
        # Invites: to alice from them, and from alice's `top` to them.
        session.add(Invite(namespace_id=space.id, invitee_id=alice.id, inviter_id=other.id))
        session.add(Invite(namespace_id=top.id, invitee_id=other.id, inviter_id=alice.id))
        session.add(Collaborator(namespace_id=top.id, user_id=other.id))
        hook = Webhook(
            author_id=other.id, user_id=alice.id, namespace_id=top.id, payload_url=f"https://example.com/{i}"
        )
        session.add(hook)
        session.flush()
        for n in range(2):
            session.add(
                WebhookDelivery(
                    webhook_id=hook.id,
                    event="push",
                    payload="{}",
                    response_code=200 + n,
                    duration_ns=n,
                    created_at=at + dt.timedelta(seconds=n),
                )
            )
        # The parts of alice's build 1.
        job = Job(build_id=build.id, stage_id=stage.id, name=f"j{i}", position=i)
        session.add(job)
        session.flush()
        session.add(Artifact(build_id=build.id, job_id=job.id, user_id=other.id, source="a", name=f"a{i}"))
        session.add(BuildTag(build_id=build.id, user_id=other.id, name=f"tag{i}"))
        session.add(BuildObject(build_id=build.id, source=f"o{i}", name=f"o{i}"))
        session.add(BuildVariable(build_id=build.id, key=f"V{i}", value="x"))
        session.add(BuildKey(build_id=build.id, name=f"k{i}", location="~/.ssh"))
        # alice's apps, and her grants to theirs.
        session.add(
            OAuthApp(
                user_id=alice.id,
                client_id=f"mine{i}",
                client_secret_hash="x",
                name=f"a{i}",
                redirect_uri="https://example.com/cb",
            )
        )
        theirs = OAuthApp(
            user_id=other.id,
            client_id=f"theirs{i}",
            client_secret_hash="x",
            name=f"b{i}",
            redirect_uri="https://example.com/cb",
        )
        session.add(theirs)
        session.flush()
        session.add(
            Token(
                user_id=alice.id,
                app_id=theirs.id,
                name=f"grant{i}",
                token_hash=hashlib.sha256(f"grant{i}".encode()).hexdigest(),
                token_prefix="grant",
                scope="user:read",
            )
        )


@pytest.fixture
def lists(db, make_user, make_token):
    alice = make_user("alice")
    for i in range(LARGE):
        make_user(f"u{i}")
    with db.transaction() as session:
        top = Namespace(user_id=alice.id, name="top", path="top", level=1, visibility="private")
        session.add(top)
        session.flush()
        top.root_id = top.id
        build = Build(user_id=alice.id, number=1, manifest="m", status="passed", trigger_type="manual")
        session.add(build)
        session.flush()
        stage = Stage(build_id=build.id, name="s", position=0)
        session.add(stage)
        session.flush()
        ids = (top.id, build.id, stage.id)

    def grow(first: int, stop: int) -> None:
        with db.transaction() as session:
            rows = (
                session.get(User, alice.id),
                session.get(Namespace, ids[0]),
                session.get(Build, ids[1]),
                session.get(Stage, ids[2]),
            )
            _grow(session, *rows, first, stop)

    return bearer(make_token(alice)), grow


def _costs(app, client, headers) -> dict[str, tuple[int, int]]:
    """Each list's statements and rows."""
    costs = {}
    for url in LISTS:
        with counted(app) as statements:
            response = client.get(url, headers=headers)
        assert response.status_code == 200, (url, response.text)
        costs[url] = (len(statements), len(response.json()))
    return costs


def test_every_list_costs_the_same_statements_for_3_rows_as_for_a_full_page(app, client, lists):
    headers, grow = lists
    grow(0, SMALL)
    small = _costs(app, client, headers)
    grow(SMALL, LARGE)
    large = _costs(app, client, headers)
    for url in LISTS:
        assert small[url][1] >= SMALL and large[url][1] >= 25, (url, small[url], large[url])
    assert {url: n for url, (n, _rows) in large.items()} == {url: n for url, (n, _rows) in small.items()}
    # One statement for the token, a few for the page: none per row.
    assert max(n for n, _rows in large.values()) <= 6, large


def test_a_list_of_namespaces_shows_each_ones_latest_build(client, lists):
    """As each namespace shows it alone: its own latest build, its parent, its owner."""
    headers, grow = lists
    grow(0, 4)
    for url in ["/namespaces", "/n/alice/top/-/namespaces"]:
        listed = client.get(url, headers=headers).json()
        assert len(listed) >= 4
        for namespace in listed:
            alone = client.get(f"/n/{namespace['user']['username']}/{namespace['path']}", headers=headers)
            assert namespace == alone.json()
        with_builds = [n for n in listed if "build" in n]
        assert len(with_builds) >= 4
        assert len({n["build"]["id"] for n in with_builds}) == len(with_builds)


def test_a_list_of_webhooks_shows_each_ones_last_delivery(client, lists):
    headers, grow = lists
    grow(0, 3)
    listed = client.get("/n/alice/top/-/webhooks", headers=headers).json()
    assert len(listed) == 3
    for hook in listed:
        assert hook["last_response"]["code"] == 201
        alone = client.get(f"/n/alice/top/-/webhooks/{hook['id']}", headers=headers)
        assert hook == alone.json()
