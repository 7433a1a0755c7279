"""Cron schedules through the API."""

import datetime as dt

import pytest

from djinn.infra.db.models import Build, CronBuild
from tests.conftest import bearer

MANIFEST = "driver:\n  type: os\nstages: [test]\njobs:\n  - stage: test\n    commands: [true]\n"


def in_namespace(path):
    return f"namespace: {path}\n" + MANIFEST


@pytest.fixture
def alice(make_user, make_token):
    user = make_user("alice")
    return user, bearer(make_token(user))


def create(client, headers, **body):
    return client.post("/cron", json=body, headers=headers)


def test_create_get_list_and_next_run(client, alice):
    _user, headers = alice
    before = dt.datetime.now(dt.UTC)
    response = create(client, headers, name="nightly", manifest=MANIFEST)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["schedule"] == "daily" and body["prev_run"] is None and body["namespace_id"] is None
    assert body["author"]["username"] == "alice" and body["user"]["username"] == "alice"
    next_run = dt.datetime.fromisoformat(body["next_run"])
    assert next_run == (before + dt.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    assert client.get(f"/cron/{body['id']}", headers=headers).json()["name"] == "nightly"
    create(client, headers, name="weekly-report", schedule="weekly", manifest=MANIFEST)
    listed = client.get("/cron?search=WEEK", headers=headers).json()
    assert [c["name"] for c in listed] == ["weekly-report"]
    assert listed[0]["next_run"].endswith("T00:00:00Z")
    assert dt.datetime.fromisoformat(listed[0]["next_run"]).weekday() == 0


def test_manifest_is_validated_like_a_builds(client, alice):
    _user, headers = alice
    response = create(client, headers, name="bad", manifest="driver:\n  type: nope\n")
    assert response.status_code == 400
    assert list(response.json()) == ["manifest"] and response.json()["manifest"]
    response = create(client, headers, name="bad", manifest="")
    assert response.status_code == 400 and "manifest" in response.json()


def test_the_manifest_namespace_places_the_cron(client, make_user, make_token, alice):
    _user, headers = alice
    response = create(client, headers, name="in-ns", manifest=in_namespace("proj/sub"))
    assert response.status_code == 201
    assert response.json()["namespace"]["path"] == "proj/sub"  # created on the fly
    bob = bearer(make_token(make_user("bob")))
    refused = create(client, bob, name="intruder", manifest=in_namespace("proj@alice"))
    assert refused.status_code == 422 and refused.json()["message"]
    # alice's schedules are hidden from bob.
    assert client.get(f"/cron/{response.json()['id']}", headers=bob).status_code == 404
    assert client.get("/cron", headers=bob).json() == []


def test_names_are_unique_per_owner_and_namespace(client, alice):
    _user, headers = alice
    assert create(client, headers, name="dup", manifest=MANIFEST).status_code == 201
    again = create(client, headers, name="dup", manifest=MANIFEST)
    assert again.status_code == 400 and list(again.json()) == ["name"]
    assert create(client, headers, name="dup", manifest=in_namespace("elsewhere")).status_code == 201


def test_update_changes_only_what_is_given(client, alice):
    _user, headers = alice
    created = create(client, headers, name="c", manifest=MANIFEST).json()
    url = f"/cron/{created['id']}"
    unchanged = client.patch(url, json={}, headers=headers)
    assert unchanged.status_code == 200 and unchanged.json() == created
    assert client.patch(url, headers=headers).json() == created  # no body at all
    go_client = client.patch(url, json={"name": "", "schedule": "", "manifest": ""}, headers=headers)
    assert go_client.json() == created
    zero_manifest = 'namespace: ""\ndriver: {}\nenv: []\nobjects: []\nsources: []\nstages: []\nallow_failures: []\njobs: []\n'
    kept = client.patch(url, json={"name": "", "schedule": "", "manifest": zero_manifest}, headers=headers)
    assert kept.status_code == 200 and kept.json() == created
    monthly = client.patch(url, json={"schedule": "monthly"}, headers=headers).json()
    assert monthly["schedule"] == "monthly" and monthly["next_run"].endswith("-01T00:00:00Z")
    moved = client.patch(url, json={"manifest": in_namespace("moved")}, headers=headers).json()
    assert moved["namespace"]["path"] == "moved" and moved["name"] == "c"
    bad = client.patch(url, json={"manifest": "driver: 5"}, headers=headers)
    assert bad.status_code == 400 and list(bad.json()) == ["manifest"]
    assert client.delete(url, headers=headers).status_code == 204
    assert client.get(url, headers=headers).status_code == 404


def test_builds_of_a_cron(client, db, alice):
    user, headers = alice
    created = create(client, headers, name="c", manifest=MANIFEST).json()
    assert client.get(f"/cron/{created['id']}/builds", headers=headers).json() == []
    with db.transaction() as session:
        build = Build(user_id=user.id, number=1, manifest=MANIFEST, trigger_type="schedule", status="passed")
        session.add(build)
        session.flush()
        session.add(CronBuild(cron_id=created["id"], build_id=build.id))
        session.add(Build(user_id=user.id, number=2, manifest=MANIFEST))
    listed = client.get(f"/cron/{created['id']}/builds", headers=headers).json()
    assert [(b["number"], b["trigger"]["type"]) for b in listed] == [(1, "schedule")]
    assert client.get(f"/cron/{created['id']}/builds?status=failed", headers=headers).json() == []


def test_renaming_or_moving_onto_a_taken_name_is_a_400(client, alice):
    _user, headers = alice
    create(client, headers, name="taken", manifest=MANIFEST)
    create(client, headers, name="taken", manifest=in_namespace("proj"))
    other = create(client, headers, name="other", manifest=MANIFEST).json()
    url = f"/cron/{other['id']}"
    renamed = client.patch(url, json={"name": "taken"}, headers=headers)
    assert renamed.status_code == 400, renamed.text
    assert renamed.json() == {"name": ["A cron schedule named 'taken' already exists here"]}
    moving = create(client, headers, name="taken-too", manifest=MANIFEST).json()
    moved = client.patch(
        f"/cron/{moving['id']}", json={"name": "taken", "manifest": in_namespace("proj")}, headers=headers
    )
    assert moved.status_code == 400 and list(moved.json()) == ["name"]
    twin = create(client, headers, name="taken", manifest=in_namespace("other")).json()
    moved = client.patch(f"/cron/{twin['id']}", json={"manifest": in_namespace("proj")}, headers=headers)
    assert moved.status_code == 400 and list(moved.json()) == ["name"]
    # Nothing changed: each schedule is where it was, under its name.
    assert client.get(url, headers=headers).json() == other
    assert client.get(f"/cron/{twin['id']}", headers=headers).json() == twin
