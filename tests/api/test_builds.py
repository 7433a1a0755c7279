"""The Builds API: submission (validation, numbering, jobs, what a build
gets), reads, pins, tags, kill of a queued build, and who may do what. No
worker runs here: builds stay queued (see tests/e2e/test_builds.py)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from djinn.api.app import runtime_of
from djinn.infra.db.models import Build, Collaborator, Namespace, Object, Variable
from tests.conftest import bearer

NOT_FOUND = {"message": "Not Found"}
MANIFEST = """\
driver:
  type: os
env:
- GREETING=hello
sources:
- /srv/repo.git v1 => src
stages:
- Unit Tests
- deploy
allow_failures: [deploy]
jobs:
- stage: Unit Tests
  commands: [echo one, echo two]
  artifacts: [out/report.txt => report.txt]
- stage: Unit Tests
  name: Lint It
  commands: [true]
- stage: deploy
  commands: [./deploy]
- stage: elsewhere
  commands: [ignored]
"""


@pytest.fixture
def alice(make_user, make_token):
    user = make_user("alice")
    return user, bearer(make_token(user))


def submit(client, headers, manifest=MANIFEST, **fields):
    return client.post("/builds", json={"manifest": manifest, **fields}, headers=headers)


def test_submit_creates_a_queued_build_with_its_stages_and_jobs(client, alice):
    _user, headers = alice
    response = submit(client, headers, comment="first", tags=["release", "release", "nightly"])
    assert response.status_code == 201, response.json()
    build = response.json()
    assert build["number"] == 1
    assert build["status"] == "queued"
    assert build["manifest"] == MANIFEST
    assert build["tags"] == ["release", "nightly"]
    assert build["trigger"] == {
        "type": "manual",
        "comment": "first",
        "data": {"username": "alice", "email": "alice@example.com"},
    }
    assert build["url"] == "http://djinn.test/b/alice/1"
    assert build["namespace_id"] is None and "namespace" not in build

    jobs = client.get("/b/alice/1/jobs", headers=headers).json()
    assert [(j["stage"], j["name"], j["status"]) for j in jobs] == [
        ("setup - #1", "create-driver", "queued"),
        ("setup - #1", "clone.1", "queued"),
        ("Unit Tests", "unit-tests.1", "queued"),
        ("Unit Tests", "lint-it", "queued"),
        ("deploy", "deploy.1", "queued"),
    ]
    assert (
        jobs[1]["commands"]
        == "mkdir -p 'src'\ngit clone -q '/srv/repo.git' 'src'\ncd 'src'\ngit checkout -q 'v1'"
    )
    assert jobs[2]["commands"] == "echo one\necho two"
    job = client.get("/b/alice/1/jobs/unit-tests.1", headers=headers).json()
    assert job["url"] == "http://djinn.test/b/alice/1/jobs/unit-tests.1" and job["output"] is None

    [artifact] = client.get("/b/alice/1/artifacts", headers=headers).json()
    assert (artifact["source"], artifact["name"], artifact["size"], artifact["sha256"]) == (
        "out/report.txt",
        "report.txt",
        None,
        None,
    )
    assert artifact["job_id"] == jobs[2]["id"]
    # Not collected: the entity reads, the download is 404.
    assert client.get("/b/alice/1/artifacts/report.txt", headers=headers).json()["name"] == "report.txt"
    download = client.get(
        "/b/alice/1/artifacts/report.txt", headers={**headers, "Accept": "application/octet-stream"}
    )
    assert download.status_code == 404


def test_numbers_count_per_user(client, alice, make_user, make_token):
    _user, headers = alice
    bob = bearer(make_token(make_user("bob")))
    assert [submit(client, headers).json()["number"] for _ in range(3)] == [1, 2, 3]
    assert submit(client, bob).json()["number"] == 1


def test_concurrent_submissions_get_distinct_numbers(app, alice):
    _user, headers = alice
    numbers, errors = [], []

    def one():
        with app.test_client() as c:
            r = submit(c, headers)
            (numbers if r.status_code == 201 else errors).append(r.json().get("number", r.json()))

    threads = [threading.Thread(target=one) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(numbers) == list(range(1, 9))


@pytest.mark.parametrize(
    "body, expected",
    [
        ({"manifest": ""}, {"manifest": ["Build manifest is required"]}),
        ({"manifest": "driver: {type: kvm}\n"}, {"manifest": ["unknown driver kvm"]}),
        (
            {"manifest": "driver: {type: docker, image: a, workspace: /w}\n"},
            {"manifest": ["driver docker is not enabled"]},
        ),
        ({"manifest": "driver: {type: os}\n", "tags": [" "]}, {"tags": ["A tag cannot be empty"]}),
        (
            {"manifest": "driver: {type: os}\nobjects: [missing.bin]\n"},
            {"manifest": ["objects[0]: there is no object named 'missing.bin'"]},
        ),
        (
            {"manifest": "env: [X]\n", "tags": [""]},
            {
                "tags": ["A tag cannot be empty"],
                "manifest": ["driver is required", "env[0]: expected KEY=value, got 'X'"],
            },
        ),
    ],
)
def test_an_invalid_submission_is_a_400_and_stores_nothing(client, alice, db, body, expected):
    _user, headers = alice
    response = client.post("/builds", json=body, headers=headers)
    assert response.status_code == 400
    assert response.json() == expected
    with db.transaction() as session:
        assert session.execute(select(Build)).first() is None
    assert submit(client, headers).json()["number"] == 1


def test_namespaces_in_the_manifest(client, alice, make_user, make_token, db):
    user, headers = alice
    owner = make_user("olive")
    with db.transaction() as session:
        shared = Namespace(user_id=owner.id, name="shared", path="shared", visibility="private", level=1)
        closed = Namespace(user_id=owner.id, name="closed", path="closed", visibility="public", level=1)
        session.add_all([shared, closed])
        session.flush()
        shared.root_id, closed.root_id = shared.id, closed.id
        session.add(Collaborator(namespace_id=shared.id, user_id=user.id))

    own = submit(client, headers, manifest="namespace: mine/child\ndriver: {type: os}\n")
    assert own.status_code == 201
    assert own.json()["namespace"]["path"] == "mine/child"
    assert own.json()["namespace"]["visibility"] == "private"

    theirs = submit(client, headers, manifest="namespace: shared@olive\ndriver: {type: os}\n")
    assert theirs.status_code == 201 and theirs.json()["namespace"]["user_id"] == owner.id
    # The owner's build, in the owner's sequence; the submitter is the trigger's author.
    assert theirs.json()["user"]["username"] == "olive" and theirs.json()["number"] == 1
    assert theirs.json()["trigger"]["data"]["username"] == "alice"

    for reference in ("closed@olive", "nowhere@olive"):
        refused = submit(client, headers, manifest=f"namespace: {reference}\ndriver: {{type: os}}\n")
        assert refused.status_code == 422
        assert refused.json() == {"message": f"You cannot work in namespace {reference}"}
    # The owner sees the collaborator's build in their namespace's list.
    olive = bearer(make_token(owner))
    listed = client.get("/n/olive/shared/-/builds", headers=olive).json()
    assert [b["number"] for b in listed] == [1]
    assert [b["url"] for b in client.get("/builds", headers=olive).json()] == ["http://djinn.test/b/olive/1"]
    assert submit(client, headers, manifest="driver: {type: os}\n").json()["number"] == 2  # alice's own: 1, 2


def test_variables_and_objects_a_build_gets(client, alice, db, app):
    user, headers = alice
    box = runtime_of(app).box
    from djinn.domain.variables import _seal

    with db.transaction() as session:
        session.add(Variable(author_id=user.id, user_id=user.id, key="PLAIN", value="visible"))
        session.add(
            Variable(
                author_id=user.id, user_id=user.id, key="SECRET", value=_seal(box, "hunter22"), masked=True
            )
        )
        session.add(
            Object(
                author_id=user.id,
                user_id=user.id,
                name="data.json",
                type="application/json",
                size=2,
                md5="9" * 32,
                sha256="5" * 64,
            )
        )  # hex, as the API serves them
    build = submit(
        client, headers, manifest="driver: {type: os}\nobjects: [data.json => conf/data.json]\n"
    ).json()
    variables = client.get("/b/alice/1/variables", headers=headers).json()
    assert [(v["key"], v["value"], v["masked"]) for v in variables] == [
        ("PLAIN", "visible", False),
        ("SECRET", "xxxxxx", True),
    ]
    with db.transaction() as session:
        stored = {row.key: row.value for row in session.execute(select(Variable)).scalars()}
    assert "hunter22" not in str(stored)
    [placed] = client.get("/b/alice/1/objects", headers=headers).json()
    assert (placed["source"], placed["name"], placed["placed"], placed["type"]) == (
        "data.json",
        "conf/data.json",
        False,
        "application/json",
    )
    assert client.get("/b/alice/1/objects?search=nothing", headers=headers).json() == []
    assert client.get("/b/alice/1/keys", headers=headers).json() == []
    assert build["objects_url"] == "http://djinn.test/b/alice/1/objects"


def test_pin_unpin_and_tags(client, alice):
    _user, headers = alice
    submit(client, headers, tags=["a"])
    assert client.patch("/b/alice/1/pin", headers=headers).json()["pinned"] is True
    assert client.patch("/b/alice/1/pin", headers=headers).json()["pinned"] is True
    assert client.patch("/b/alice/1/unpin", headers=headers).json()["pinned"] is False

    created = client.post("/b/alice/1/tags", json=["a", "b", "b", "c"], headers=headers)
    assert created.status_code == 201
    assert [t["name"] for t in created.json()] == ["b", "c"]
    assert [t["name"] for t in client.get("/b/alice/1/tags", headers=headers).json()] == ["a", "b", "c"]
    tag = client.get("/b/alice/1/tags/b", headers=headers).json()
    assert tag["url"] == "http://djinn.test/b/alice/1/tags/b" and tag["user"]["username"] == "alice"
    assert client.delete("/b/alice/1/tags/b", headers=headers).status_code == 204
    assert client.get("/b/alice/1/tags/b", headers=headers).status_code == 404
    assert client.delete("/b/alice/1/tags/b", headers=headers).status_code == 404
    assert client.get("/b/alice/1", headers=headers).json()["tags"] == ["a", "c"]


def test_list_filters(client, alice):
    _user, headers = alice
    submit(client, headers, tags=["release"])
    submit(client, headers, tags=["nightly-release"])
    submit(client, headers)
    numbers = lambda q: [b["number"] for b in client.get(f"/builds{q}", headers=headers).json()]
    assert numbers("") == [3, 2, 1]
    assert numbers("?tag=release") == [1]
    assert numbers("?search=RELEASE") == [2, 1]
    assert numbers("?status=queued") == [3, 2, 1]
    assert numbers("?status=passed") == []


def test_killing_a_queued_build_marks_it_killed_at_once(client, alice):
    _user, headers = alice
    submit(client, headers)
    assert client.delete("/b/alice/1", headers=headers).status_code == 204
    build = client.get("/b/alice/1", headers=headers).json()
    assert build["status"] == "killed" and build["finished_at"] is not None
    assert {j["status"] for j in client.get("/b/alice/1/jobs", headers=headers).json()} == {"killed"}
    # Killing a finished build changes nothing.
    assert client.delete("/b/alice/1", headers=headers).status_code == 204
    assert client.get("/b/alice/1", headers=headers).json() == build


def test_builds_of_others_are_404(client, alice, make_user, make_token):
    _user, headers = alice
    submit(client, headers)
    stranger = bearer(make_token(make_user("mallory")))
    for method, path in [
        ("get", "/b/alice/1"),
        ("get", "/b/alice/1/jobs"),
        ("get", "/b/alice/1/jobs/create-driver"),
        ("get", "/b/alice/1/variables"),
        ("get", "/b/alice/1/tags"),
        ("delete", "/b/alice/1"),
        ("patch", "/b/alice/1/pin"),
        ("get", "/b/alice/2"),
        ("get", "/b/nobody/1"),
    ]:
        for who in (stranger, {}):
            response = getattr(client, method)(path, headers=who)
            assert (response.status_code, response.json()) == (404, NOT_FOUND), (method, path, who)
    assert client.get("/builds", headers=stranger).json() == []
    assert client.get("/b/alice/1/jobs/nope", headers=headers).status_code == 404


def test_a_build_in_a_public_namespace_reads_anonymously(client, alice, db):
    _user, headers = alice
    submit(client, headers, manifest="namespace: open\ndriver: {type: os}\n")
    with db.transaction() as session:
        session.execute(Namespace.__table__.update().values(visibility="public"))
    assert client.get("/b/alice/1").json()["number"] == 1
    assert client.get("/b/alice/1/jobs").status_code == 200
    assert client.delete("/b/alice/1").status_code == 404


def test_a_number_beyond_any_build_is_404(client, alice):
    _user, headers = alice
    submit(client, headers)
    for number in (2**31, 2**63 - 1):
        response = client.get(f"/b/alice/{number}", headers=headers)
        assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_collaborators_work_on_builds_in_the_namespace_and_readers_only_read(
    client, alice, make_user, make_token, db
):
    _user, headers = alice
    cole, sam = make_user("cole"), make_user("sam")
    submit(client, headers, manifest="namespace: team\ndriver: {type: os}\n")
    with db.transaction() as session:
        session.execute(Namespace.__table__.update().values(visibility="internal"))
        team = session.execute(select(Namespace).where(Namespace.path == "team")).scalar_one()
        session.add(Collaborator(namespace_id=team.id, user_id=cole.id))
    collaborator, reader = bearer(make_token(cole)), bearer(make_token(sam))
    assert client.patch("/b/alice/1/pin", headers=collaborator).json()["pinned"] is True
    assert (
        client.post("/b/alice/1/tags", json=["by-cole"], headers=collaborator).json()[0]["user_id"] == cole.id
    )
    assert [b["number"] for b in client.get("/builds", headers=collaborator).json()] == [1]
    # An internal namespace's build reads for any signed-in user, who may not change it.
    assert client.get("/b/alice/1/tags", headers=reader).status_code == 200
    for method, path in [
        ("patch", "/b/alice/1/unpin"),
        ("delete", "/b/alice/1/tags/by-cole"),
        ("delete", "/b/alice/1"),
    ]:
        response = getattr(client, method)(path, headers=reader)
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert client.delete("/b/alice/1", headers=collaborator).status_code == 204
    assert client.get("/b/alice/1", headers=headers).json()["status"] == "killed"
    assert client.get("/b/alice/1").status_code == 404
