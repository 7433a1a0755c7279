"""The scheduler fires cron schedules at their due time, exactly once however
many schedulers run, and what it did shows through the API."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import threading

import pytest
from sqlalchemy import func, select

from djinn.api.app import runtime_of
from djinn.infra.db.models import CronBuild
from djinn.services.scheduler import Scheduler
from tests.conftest import bearer

MANIFEST = "driver:\n  type: os\nstages: [test]\njobs:\n  - stage: test\n    commands: [true]\n"
TICK = dt.timedelta(microseconds=1)


class Clock:
    """The scheduler's clock, set by the test."""

    def __init__(self, now: dt.datetime | None = None):
        self.now = now or dt.datetime.now(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def when(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def runtime(app):
    return runtime_of(app)


@pytest.fixture
def alice(make_user, make_token):
    return bearer(make_token(make_user("alice")))


def create_cron(client, headers, name, schedule="daily", manifest=MANIFEST) -> dict:
    response = client.post(
        "/cron", json={"name": name, "schedule": schedule, "manifest": manifest}, headers=headers
    )
    assert response.status_code == 201, response.text
    return response.json()


def builds_of(client, headers, cron_id) -> list[dict]:
    response = client.get(f"/cron/{cron_id}/builds", headers=headers)
    assert response.status_code == 200
    return response.json()


def builds_per_cron(db) -> dict[int, int]:
    with db.session() as session:
        return dict(
            session.execute(select(CronBuild.cron_id, func.count()).group_by(CronBuild.cron_id)).all()
        )


def first_of_next_month(moment: dt.datetime) -> dt.datetime:
    year, month = (moment.year + 1, 1) if moment.month == 12 else (moment.year, moment.month + 1)
    return dt.datetime(year, month, 1, tzinfo=dt.UTC)


FOLLOWING = {
    "daily": lambda due: due + dt.timedelta(days=1),
    "weekly": lambda due: due + dt.timedelta(days=7),
    "monthly": first_of_next_month,
}


@pytest.mark.parametrize("schedule", ["daily", "weekly", "monthly"])
def test_a_cron_fires_at_its_due_instant_and_not_before(client, runtime, alice, schedule):
    created = create_cron(client, alice, "nightly", schedule)
    due = when(created["next_run"])
    assert (due.hour, due.minute, due.second) == (0, 0, 0)
    assert schedule != "weekly" or due.weekday() == 0
    assert schedule != "monthly" or due.day == 1
    clock = Clock(due - TICK)
    scheduler = Scheduler(runtime, clock=clock)

    assert scheduler.tick() == 0
    assert builds_of(client, alice, created["id"]) == []
    assert client.get(f"/cron/{created['id']}", headers=alice).json()["prev_run"] is None

    clock.now = due
    assert scheduler.tick() == 1
    assert scheduler.tick() == 0  # the same instant again fires nothing
    following = FOLLOWING[schedule](due)
    cron = client.get(f"/cron/{created['id']}", headers=alice).json()
    assert (cron["prev_run"], cron["next_run"]) == (iso(due), iso(following))
    [build] = builds_of(client, alice, created["id"])
    assert build["status"] == "queued" and build["trigger"]["type"] == "schedule"
    assert build["tags"] == ["cron:nightly"]
    assert build["trigger"]["data"]["cron"] == "nightly" and build["trigger"]["data"]["username"] == "alice"
    # The build is an ordinary build of the cron's author.
    assert client.get(f"/b/alice/{build['number']}", headers=alice).json()["id"] == build["id"]
    assert [b["id"] for b in client.get("/builds?tag=cron:nightly", headers=alice).json()] == [build["id"]]

    clock.now = following - TICK
    assert scheduler.tick() == 0
    clock.now = following
    assert scheduler.tick() == 1
    assert len(builds_of(client, alice, created["id"])) == 2


def test_a_scheduler_down_for_weeks_fires_a_due_cron_once(client, runtime, alice):
    created = create_cron(client, alice, "nightly")
    due = when(created["next_run"])
    weeks_later = due + dt.timedelta(days=20, hours=5)

    assert Scheduler(runtime).tick(weeks_later) == 1
    assert Scheduler(runtime).tick(weeks_later) == 0
    cron = client.get(f"/cron/{created['id']}", headers=alice).json()
    assert cron["prev_run"] == iso(due)
    assert cron["next_run"] == iso((weeks_later + dt.timedelta(days=1)).replace(hour=0))
    assert len(builds_of(client, alice, created["id"])) == 1


def test_two_schedulers_fire_each_of_many_crons_exactly_once(client, db, runtime, alice):
    crons = [create_cron(client, alice, f"c{n}", ["daily", "weekly", "monthly"][n % 3]) for n in range(50)]
    latest = max(when(c["next_run"]) for c in crons)
    # Small batches, so both schedulers go through several of them at once.
    schedulers = [Scheduler(runtime, batch=7) for _ in range(2)]
    start = threading.Barrier(len(schedulers))

    def tick(scheduler):
        start.wait(10)
        return scheduler.tick(latest)

    with concurrent.futures.ThreadPoolExecutor(len(schedulers)) as pool:
        fired = [future.result(60) for future in [pool.submit(tick, s) for s in schedulers]]
    assert sum(fired) == 50
    assert builds_per_cron(db) == {c["id"]: 1 for c in crons}
    for cron in crons:
        assert client.get(f"/cron/{cron['id']}", headers=alice).json()["prev_run"] == cron["next_run"]


def test_a_broken_cron_moves_on_without_blocking_the_others(client, db, runtime, make_user, make_token):
    owner, guest = (bearer(make_token(make_user(name))) for name in ("owner", "guest"))
    assert client.post("/namespaces", json={"name": "team"}, headers=owner).status_code == 201
    sent = client.post("/n/owner/team/-/invites", json={"handle": "guest"}, headers=owner).json()
    assert client.patch(f"/invites/{sent['id']}", headers=guest).status_code == 200
    # The guest's schedule in the owner's namespace sorts first among the due ones.
    broken = create_cron(client, guest, "in-team", manifest="namespace: team@owner\n" + MANIFEST)
    healthy = [create_cron(client, guest, f"own{n}") for n in range(3)]
    assert client.delete("/n/owner/team/-/collaborators/guest", headers=owner).status_code == 204
    due = when(broken["next_run"])

    assert Scheduler(runtime, batch=2).tick(due) == 3
    assert builds_per_cron(db) == {c["id"]: 1 for c in healthy}
    # Moved on, so it does not fail again on every tick, and without a build.
    cron = client.get(f"/cron/{broken['id']}", headers=owner).json()
    assert (cron["prev_run"], cron["next_run"]) == (iso(due), iso(due + dt.timedelta(days=1)))
    assert builds_of(client, owner, broken["id"]) == []
    assert Scheduler(runtime).tick(due + dt.timedelta(hours=1)) == 0
    assert client.get("/builds", headers=owner).json() == []
