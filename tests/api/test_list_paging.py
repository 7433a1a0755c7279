"""Paged lists by cursor (`?cursor=`, the `Link` header's `next`) beside
pages by number, and what a page of builds costs in SQL statements."""

from __future__ import annotations

import base64
import datetime as dt
import json
import urllib.parse

import pytest
from sqlalchemy import or_, select

from djinn.infra.db.models import Build, BuildTag, Collaborator, Namespace
from tests.api.statements import counted
from tests.conftest import BASE_URL, bearer

MANIFEST = "driver: {type: os}\nstages: [s]\njobs: [{stage: s, commands: ['true']}]\n"
COPIES = 130


def submit(client, headers, namespace=None, **fields):
    manifest = (f"namespace: {namespace}\n" if namespace else "") + MANIFEST
    response = client.post("/builds", json={"manifest": manifest, **fields}, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture
def world(client, make_user, make_token, db):
    """alice sees her own builds (in no namespace, in her `mine`, in bob's
    `shared`) and bob's in `shared`, where she collaborates; not bob's in
    `private`. Copies share created_at three by three (ties broken by id)."""
    alice, bob = make_user("alice"), make_user("bob")
    ha, hb = bearer(make_token(alice)), bearer(make_token(bob))
    submit(client, ha, "mine")
    submit(client, hb, "shared")
    submit(client, hb, "private")
    with db.transaction() as session:
        ids = {n.path: n.id for n in session.execute(select(Namespace)).scalars()}
        session.add(Collaborator(namespace_id=ids["shared"], user_id=alice.id))
        base = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
        placing = [
            (alice.id, None),
            (alice.id, ids["mine"]),
            (bob.id, ids["shared"]),
            (bob.id, ids["private"]),
            (alice.id, ids["shared"]),
        ]
        for i in range(COPIES):
            user_id, namespace_id = placing[i % len(placing)]
            build = Build(
                user_id=user_id,
                namespace_id=namespace_id,
                number=1000 + i,
                manifest=MANIFEST,
                status="passed" if i % 2 else "failed",
                trigger_type="manual",
                created_at=base + dt.timedelta(seconds=i // 3),
            )
            session.add(build)
            session.flush()
            if i % 3 == 0:
                session.add(BuildTag(build_id=build.id, user_id=user_id, name="release"))
            if i % 4 == 0:
                session.add(BuildTag(build_id=build.id, user_id=user_id, name="nightly-release"))
    return {"alice": alice, "bob": bob, "ha": ha, "hb": hb, "namespaces": ids}


def expected(db, world, *, status=None, tag=None, search=None):
    """What alice may see, by the rule itself: her builds and those of the
    namespaces she owns or collaborates in, newest first, then by id."""
    ns = world["namespaces"]
    with db.transaction() as session:
        statement = select(Build).where(
            or_(Build.user_id == world["alice"].id, Build.namespace_id.in_([ns["mine"], ns["shared"]]))
        )
        if status:
            statement = statement.where(Build.status == status)
        rows = session.execute(statement).scalars().all()
        return [
            b.id
            for b in sorted(rows, key=lambda b: (b.created_at, b.id), reverse=True)
            if (tag is None or tag in [t.name for t in b.tags])
            and (search is None or any(search in t.name for t in b.tags))
        ]


def relative(link: str) -> str:
    assert link.startswith(BASE_URL)
    return link[len(BASE_URL) :]


def next_link(response) -> str | None:
    for part in response.headers.get("Link", "").split(", "):
        if part.endswith('rel="next"'):
            return relative(part[1 : part.index(">")])
    return None


def walk_by_link(client, headers, url):
    ids, urls = [], []
    while url is not None:
        response = client.get(url, headers=headers)
        assert response.status_code == 200, response.text
        ids += [b["id"] for b in response.json()]
        urls.append(url)
        url = next_link(response)
    return ids, urls


def walk_by_number(client, headers, url):
    ids, page = [], 1
    sep = "&" if "?" in url else "?"
    while True:
        body = client.get(f"{url}{sep}page={page}", headers=headers).json()
        if not body:
            return ids
        ids += [b["id"] for b in body]
        page += 1


@pytest.mark.parametrize(
    "query",
    ["", "?status=passed", "?tag=release", "?search=ELEASE", "?status=failed&tag=nightly-release"],
)
def test_following_next_walks_the_same_builds_as_page_numbers(client, db, world, query):
    params = dict(urllib.parse.parse_qsl(query.lstrip("?")))
    want = expected(
        db,
        world,
        status=params.get("status"),
        tag=params.get("tag"),
        search=params.get("search", "").lower() or None,
    )
    assert len(want) > 25
    by_link, urls = walk_by_link(client, world["ha"], f"/builds{query}")
    assert by_link == want
    assert walk_by_number(client, world["ha"], f"/builds{query}") == want
    # Past page 1 the links carry a cursor, and keep the filters.
    assert all("cursor=" in url and "page=" not in url for url in urls[1:])
    assert all(urllib.parse.urlencode(params) in url for url in urls)


def test_a_page_by_number_links_next_by_cursor_and_prev_by_number(client, world):
    response = client.get("/builds?page=2", headers=world["ha"])
    links = response.headers["Link"]
    assert f'<{BASE_URL}/builds?page=1>; rel="prev"' in links
    after = client.get(next_link(response), headers=world["ha"])
    third = client.get("/builds?page=3", headers=world["ha"])
    assert [b["id"] for b in after.json()] == [b["id"] for b in third.json()]
    assert 'rel="prev"' not in after.headers["Link"]  # a page by cursor has no number


def test_a_build_submitted_during_a_walk_does_not_shift_it(client, db, world):
    want = expected(db, world)
    first = client.get("/builds", headers=world["ha"])
    for _ in range(3):
        submit(client, world["ha"])
    rest, _urls = walk_by_link(client, world["ha"], next_link(first))
    assert [b["id"] for b in first.json()] + rest == want


def test_namespace_builds_walk_by_cursor(client, db, world):
    url = "/n/bob/shared/-/builds"
    by_link, urls = walk_by_link(client, world["ha"], url)
    assert len(by_link) > 25 and len(urls) > 1
    assert by_link == walk_by_number(client, world["ha"], url)
    with db.transaction() as session:
        rows = session.execute(
            select(Build).where(Build.namespace_id == world["namespaces"]["shared"])
        ).scalars()
        assert by_link == [b.id for b in sorted(rows, key=lambda b: (b.created_at, b.id), reverse=True)]


def test_other_lists_walk_by_cursor_from_an_empty_one(client, world):
    for i in range(30):
        response = client.post("/variables", json={"key": f"V{i:02}", "value": "x"}, headers=world["ha"])
        assert response.status_code == 201, response.text
    by_number = walk_by_number(client, world["ha"], "/variables")
    # By number, next stays a page number, as it always was.
    assert next_link(client.get("/variables", headers=world["ha"])) == "/variables?page=2"
    by_link, urls = walk_by_link(client, world["ha"], "/variables?cursor=")
    assert by_link == by_number and len(by_link) == 30
    assert len(urls) == 2 and "cursor=" in urls[1]


def _cursor(values) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).rstrip(b"=").decode()


@pytest.mark.parametrize(
    "cursor",
    [
        "!!!",
        "a",
        _cursor("not a list"),
        _cursor([1]),
        _cursor(["2025-01-01T00:00:00+00:00", 1, 2]),
        _cursor([1, 1]),
        _cursor(["yesterday", 1]),
        _cursor(["2025-01-01T00:00:00", 1]),  # no time zone
        _cursor(["2025-01-01T00:00:00+00:00", "1"]),
        _cursor(["2025-01-01T00:00:00+00:00", True]),
        _cursor(["2025-01-01T00:00:00+00:00", 2**70]),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
    ],
)
def test_a_bad_cursor_is_a_400_under_cursor(client, world, cursor):
    response = client.get("/builds", params={"cursor": cursor}, headers=world["ha"])
    assert response.status_code == 400
    assert list(response.json()) == ["cursor"] and response.json()["cursor"]


def test_a_cursor_of_another_list_is_a_400(client, world):
    for i in range(30):
        client.post("/variables", json={"key": f"V{i:02}", "value": "x"}, headers=world["ha"])
    link = next_link(client.get("/variables?cursor=", headers=world["ha"]))
    cursor = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(link).query))["cursor"]
    response = client.get("/builds", params={"cursor": cursor}, headers=world["ha"])
    assert response.status_code == 400 and list(response.json()) == ["cursor"]


def test_a_page_of_builds_costs_a_few_statements_whatever_its_size(app, client, world):
    """A page of 25 builds by two users in three namespaces, with tags: the
    token, the caller's namespaces, the page (users and namespaces joined)
    and the page's tags (and, for a namespace's list, the namespace). No
    statement per build, by number or by cursor."""
    urls = ["/builds", "/builds?page=3", "/builds?tag=release&status=passed", "/n/bob/shared/-/builds"]
    urls.append(next_link(client.get("/builds?page=2", headers=world["ha"])))
    for url in urls:
        with counted(app) as statements:
            page = client.get(url, headers=world["ha"]).json()
        assert len(page) >= 5 and len({b["namespace"]["path"] for b in page if "namespace" in b}) >= 1
        assert len(statements) <= (5 if url.startswith("/n/") else 4), (url, statements)
    with counted(app) as statements:
        assert len(client.get("/builds", headers=world["ha"]).json()) == 25
    assert len(statements) <= 4
