"""The artifact curator keeps each user's artifacts within the quota: oldest
removed first, pinned builds' kept, and what it removed is gone from the API."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from djinn.api.app import runtime_of
from djinn.domain.builds import ARTIFACT_KIND
from djinn.infra.db.models import Artifact
from djinn.services.curator import curate
from tests.conftest import bearer

MANIFEST = """\
driver: {type: os}
stages: [test]
jobs:
- stage: test
  commands: [true]
  artifacts: [out/report.txt => report.txt]
"""
BYTES = 100
OCTETS = {"Accept": "application/octet-stream"}


@pytest.fixture
def runtime(app):
    return runtime_of(app)


@pytest.fixture
def people(make_user, make_token):
    return {name: bearer(make_token(make_user(name))) for name in ("alice", "bob")}


def collected_build(client, db, runtime, headers) -> int:
    """Submit a build and store its artifact as the worker would have collected it."""
    response = client.post("/builds", json={"manifest": MANIFEST}, headers=headers)
    assert response.status_code == 201, response.text
    build = response.json()
    [artifact] = client.get(
        build["url"].replace("http://djinn.test", "") + "/artifacts", headers=headers
    ).json()
    digest = runtime.store.put(ARTIFACT_KIND, artifact["id"], [b"x" * BYTES], limit=BYTES)
    with db.transaction() as session:
        session.execute(
            update(Artifact)
            .where(Artifact.id == artifact["id"])
            .values(size=digest.size, md5=digest.md5, sha256=digest.sha256)
        )
    return artifact["id"]


def report(client, headers, username, number, **extra):
    return client.get(f"/b/{username}/{number}/artifacts/report.txt", headers={**headers, **extra})


def test_the_oldest_unpinned_artifacts_go_until_the_user_is_within_the_quota(client, db, runtime, people):
    alice, bob = people["alice"], people["bob"]
    ids = [
        collected_build(client, db, runtime, alice) for _ in range(4)
    ]  # alice's builds 1 to 4, oldest first
    bobs = [collected_build(client, db, runtime, bob) for _ in range(2)]
    assert client.patch("/b/alice/1/pin", headers=alice).status_code == 200

    # alice stores 400 bytes: above 250, her oldest unpinned artifacts (builds 2 and 3) go.
    # bob stores 200 bytes, within the quota: untouched.
    assert curate(runtime, quota=250) == ids[1:3]

    for number in (2, 3):
        removed = report(client, alice, "alice", number).json()
        assert (
            removed["deleted_at"] is not None and removed["size"] == BYTES
        )  # what was collected stays on record
        assert report(client, alice, "alice", number, **OCTETS).status_code == 404
        assert not runtime.store.exists(ARTIFACT_KIND, ids[number - 1])
    for username, headers, number in (
        ("alice", alice, 1),
        ("alice", alice, 4),
        ("bob", bob, 1),
        ("bob", bob, 2),
    ):
        assert report(client, headers, username, number).json()["deleted_at"] is None
        kept = report(client, headers, username, number, **OCTETS)
        assert kept.status_code == 200 and kept.content == b"x" * BYTES
    listed = client.get("/b/alice/2/artifacts", headers=alice).json()
    assert [a["deleted_at"] is not None for a in listed] == [True]
    assert all(runtime.store.exists(ARTIFACT_KIND, i) for i in bobs)

    # Within the quota now: nothing more goes.
    assert curate(runtime, quota=250) == []


def test_pinned_builds_keep_their_artifacts_even_over_the_quota(client, db, runtime, people):
    alice = people["alice"]
    ids = [collected_build(client, db, runtime, alice) for _ in range(3)]
    for number in (1, 2):
        assert client.patch(f"/b/alice/{number}/pin", headers=alice).status_code == 200

    # Only build 3 is not pinned: it goes, though 200 bytes still exceed the quota.
    assert curate(runtime, quota=BYTES) == [ids[2]]
    assert curate(runtime, quota=BYTES) == []
    for number in (1, 2):
        assert report(client, alice, "alice", number, **OCTETS).status_code == 200
    # Unpinned, the oldest goes next.
    assert client.patch("/b/alice/1/unpin", headers=alice).status_code == 200
    assert curate(runtime, quota=BYTES) == [ids[0]]
    assert report(client, alice, "alice", 1, **OCTETS).status_code == 404


def test_the_configured_quota_applies_by_default(client, db, runtime, people):
    collected_build(client, db, runtime, people["alice"])
    assert runtime.config.artifact_quota == 1024**3
    assert curate(runtime) == []
    assert report(client, people["alice"], "alice", 1, **OCTETS).status_code == 200
