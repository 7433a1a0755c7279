"""Builds end to end: submitted through the HTTP API, run by the embedded
worker with the `os` driver, observed through the API (the "Done when" list
of issue 5). Builds are tiny and every wait is bounded."""

from __future__ import annotations

import hashlib
import os
import pathlib
import subprocess
import sys
import time
import uuid

import pytest

from djinn.api.app import runtime_of
from djinn.infra.db.models import Build, Object, Variable
from djinn.services.worker import LOST_WORKER, Worker
from tests.conftest import bearer

FINISHED = {"passed", "passed_with_failures", "failed", "killed", "timed_out"}


def start_worker(app, **kwargs) -> Worker:
    return Worker(runtime_of(app), **kwargs).start()


@pytest.fixture
def worker(app):
    worker = start_worker(app, concurrency=2)
    yield worker
    worker.stop()


@pytest.fixture
def alice(make_user, make_token):
    user = make_user("alice")
    return user, bearer(make_token(user))


def submit(client, headers, manifest: str) -> dict:
    response = client.post("/builds", json={"manifest": manifest}, headers=headers)
    assert response.status_code == 201, response.json()
    return response.json()


def wait(client, headers, path: str, done, timeout: float = 20.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        body = client.get(path, headers=headers).json()
        if done(body):
            return body
        if time.monotonic() > deadline:
            pytest.fail(f"{path} did not get there in {timeout}s: {body}")
        time.sleep(0.05)


def add_variables(db, app, user, *, masked: dict[str, str], plain: dict[str, str] | None = None) -> None:
    """Variables of `user` (outside any namespace): `masked` ones sealed as the API stores them."""
    from djinn.domain.variables import _seal

    box = runtime_of(app).box
    with db.transaction() as session:
        for key, value in masked.items():
            session.add(
                Variable(author_id=user.id, user_id=user.id, key=key, value=_seal(box, value), masked=True)
            )
        for key, value in (plain or {}).items():
            session.add(Variable(author_id=user.id, user_id=user.id, key=key, value=value))


def finished(client, headers, number: int, timeout: float = 20.0) -> dict:
    return wait(client, headers, f"/b/alice/{number}", lambda b: b["status"] in FINISHED, timeout)


def jobs(client, headers, number: int) -> dict[str, dict]:
    return {j["name"]: j for j in client.get(f"/b/alice/{number}/jobs", headers=headers).json()}


def test_a_passing_build(client, alice, worker):
    _user, headers = alice
    build = submit(
        client,
        headers,
        """\
driver: {type: os}
env: [GREETING=hello world]
stages: [build, test]
jobs:
- stage: build
  commands: [echo "$GREETING", 'echo built > out.txt']
- stage: test
  commands: [cat out.txt, 'test "$HOME" = "$(pwd)"']
""",
    )
    build = finished(client, headers, build["number"])
    assert build["status"] == "passed"
    assert build["started_at"] and build["finished_at"]
    by_name = jobs(client, headers, 1)
    assert {name: j["status"] for name, j in by_name.items()} == {
        "create-driver": "passed",
        "build.1": "passed",
        "test.1": "passed",
    }
    assert "Created workspace" in by_name["create-driver"]["output"]
    assert by_name["build.1"]["output"] == "+ echo hello world\nhello world\n+ echo built\n"
    assert "+ cat out.txt\nbuilt\n" in by_name["test.1"]["output"]


def test_a_failing_build_stops_at_the_failing_stage(client, alice, worker):
    _user, headers = alice
    submit(
        client,
        headers,
        """\
driver: {type: os}
stages: [one, two]
jobs:
- stage: one
  commands: [echo before, 'exit 3', echo never]
- stage: two
  commands: [echo not run]
""",
    )
    assert finished(client, headers, 1)["status"] == "failed"
    by_name = jobs(client, headers, 1)
    assert by_name["one.1"]["status"] == "failed"
    assert "never" not in by_name["one.1"]["output"].replace("+ echo never", "")
    assert "exit status 3" in by_name["one.1"]["output"]
    assert by_name["two.1"]["status"] == "queued" and by_name["two.1"]["output"] is None


def test_allow_failures_gives_passed_with_failures(client, alice, worker):
    _user, headers = alice
    submit(
        client,
        headers,
        """\
driver: {type: os}
stages: [flaky, after]
allow_failures: [flaky]
jobs:
- stage: flaky
  commands: ['false']
- stage: after
  commands: [echo still runs]
""",
    )
    assert finished(client, headers, 1)["status"] == "passed_with_failures"
    by_name = jobs(client, headers, 1)
    assert (by_name["flaky.1"]["status"], by_name["after.1"]["status"]) == ("failed", "passed")


def test_sources_are_cloned_from_a_local_repository(client, alice, worker, tmp_path):
    _user, headers = alice
    repo = tmp_path / "repo"
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q", str(repo)], check=True)
    (repo / "README").write_text("version one\n")
    subprocess.run([*git, "-C", str(repo), "add", "README"], check=True)
    subprocess.run([*git, "-C", str(repo), "commit", "-qm", "one"], check=True)
    subprocess.run([*git, "-C", str(repo), "tag", "v1"], check=True)
    (repo / "README").write_text("version two\n")
    subprocess.run([*git, "-C", str(repo), "commit", "-qam", "two"], check=True)
    submit(
        client,
        headers,
        f"""\
driver: {{type: os}}
sources:
- {repo}
- {repo} v1 => old/copy
stages: [read]
jobs:
- stage: read
  commands: [cat repo/README, cat old/copy/README]
""",
    )
    assert finished(client, headers, 1)["status"] == "passed"
    by_name = jobs(client, headers, 1)
    assert by_name["clone.1"]["status"] == by_name["clone.2"]["status"] == "passed"
    assert "version two\n" in by_name["read.1"]["output"]
    assert "+ cat old/copy/README\nversion one\n" in by_name["read.1"]["output"]


def test_a_failed_clone_fails_the_build(client, alice, worker, tmp_path):
    _user, headers = alice
    submit(
        client,
        headers,
        f"driver: {{type: os}}\nsources: [{tmp_path}/missing.git]\nstages: [s]\n"
        "jobs: [{stage: s, commands: [echo no]}]\n",
    )
    assert finished(client, headers, 1)["status"] == "failed"
    assert jobs(client, headers, 1)["s.1"]["status"] == "queued"


def test_an_object_is_placed_and_read_by_a_job(client, alice, worker, db, app):
    user, headers = alice
    content = b'{"answer": 42}\n'
    with db.transaction() as session:
        row = Object(
            author_id=user.id,
            user_id=user.id,
            name="data.json",
            type="application/json",
            size=len(content),
            md5=hashlib.md5(content).hexdigest(),
            sha256=hashlib.sha256(content).hexdigest(),
        )
        session.add(row)
        session.flush()
        object_id = row.id
    runtime_of(app).store.put("objects", object_id, [content], 1 << 20)
    submit(
        client,
        headers,
        """\
driver: {type: os}
objects: [data.json => conf/data.json, data.json => ../escape.json, data.json => /tmp/absolute.json]
stages: [read]
jobs:
- stage: read
  commands: [cat conf/data.json]
""",
    )
    assert finished(client, headers, 1)["status"] == "passed"
    by_name = jobs(client, headers, 1)
    assert '{"answer": 42}' in by_name["read.1"]["output"]
    placed = client.get("/b/alice/1/objects", headers=headers).json()
    assert [(o["name"], o["placed"]) for o in placed] == [
        ("conf/data.json", True),
        ("../escape.json", False),
        ("/tmp/absolute.json", False),
    ]
    assert (
        "Could not place object data.json at ../escape.json: ../escape.json: outside the workspace"
        in (by_name["create-driver"]["output"])
    )


def test_an_artifact_is_collected_and_downloaded(client, alice, worker, tmp_path):
    _user, headers = alice
    outside = tmp_path / "outside"
    submit(
        client,
        headers,
        f"""\
driver: {{type: os}}
stages: [make]
jobs:
- stage: make
  commands: ['mkdir -p out', 'printf "<html><body>report</body></html>" > out/report.html',
             'mkdir -p {outside}', 'printf absolute > {outside}/abs.txt', 'printf up > ../up.txt']
  artifacts: [out/report.html => report.html, missing.txt, {outside}/abs.txt => abs.txt, ../up.txt => up.txt,
              {outside} => directory]
""",
    )
    assert finished(client, headers, 1)["status"] == "passed"
    artifacts = {a["name"]: a for a in client.get("/b/alice/1/artifacts", headers=headers).json()}
    expected = b"<html><body>report</body></html>"
    report = artifacts["report.html"]
    assert (report["size"], report["sha256"], report["md5"]) == (
        len(expected),
        hashlib.sha256(expected).hexdigest(),
        hashlib.md5(expected).hexdigest(),
    )
    assert artifacts["missing.txt"]["sha256"] is None and artifacts["directory"]["sha256"] is None
    download = client.get(
        "/b/alice/1/artifacts/report.html", headers={**headers, "Accept": "application/octet-stream"}
    )
    assert download.status_code == 200
    assert hashlib.sha256(download.content).hexdigest() == report["sha256"]
    assert download.headers["content-type"].startswith("text/html")
    output = jobs(client, headers, 1)["make.1"]["output"]
    assert "artifact missing.txt: missing.txt: no such file; not collected" in output
    assert f"artifact {outside}: {outside}: not a regular file; not collected" in output
    # Where the job put them, as the manifest writes the path: absolute on
    # the worker's machine for the os driver, or relative to the workspace.
    for name, content in (("abs.txt", b"absolute"), ("up.txt", b"up")):
        assert artifacts[name]["sha256"] == hashlib.sha256(content).hexdigest(), artifacts[name]
        got = client.get(
            f"/b/alice/1/artifacts/{name}", headers={**headers, "Accept": "application/octet-stream"}
        )
        assert got.content == content
    assert f"collected artifact {outside}/abs.txt as abs.txt (8 bytes)" in output


def test_a_masked_variable_never_appears_in_job_output(client, alice, worker, db, app):
    user, headers = alice
    secret = "s3cr3t-" + uuid.uuid4().hex
    add_variables(db, app, user, masked={"TOKEN": secret}, plain={"PLAIN": "shown"})
    submit(
        client,
        headers,
        """\
driver: {type: os}
stages: [leak]
jobs:
- stage: leak
  commands: ['echo "token=$TOKEN plain=$PLAIN"', 'printf "%s" "$TOKEN" | rev | rev', env]
""",
    )
    assert finished(client, headers, 1)["status"] == "passed"
    outputs = [j["output"] or "" for j in jobs(client, headers, 1).values()]
    assert all(secret not in output for output in outputs)
    assert "token=xxxxxx plain=shown" in "".join(outputs)
    assert client.get("/b/alice/1/variables", headers=headers).json()[1]["value"] == "xxxxxx"


def _processes_with(marker: str) -> list[int]:
    found = []
    for proc in pathlib.Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if marker in (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"):
                    found.append(int(proc.name))
            except OSError:
                pass
    return found


def test_killing_a_running_build(client, alice, worker):
    _user, headers = alice
    marker = f"600.{uuid.uuid4().int % 10**6}"
    submit(
        client,
        headers,
        f"""\
driver: {{type: os}}
stages: [wait]
jobs:
- stage: wait
  commands: [echo started, 'sleep {marker} & sleep {marker}']
""",
    )
    wait(client, headers, "/b/alice/1/jobs/wait.1", lambda j: "started" in (j["output"] or ""))
    assert _processes_with(f"sleep {marker}")
    killed_at = time.monotonic()
    assert client.delete("/b/alice/1", headers=headers).status_code == 204
    build = finished(client, headers, 1, timeout=5)
    assert time.monotonic() - killed_at < 5
    assert build["status"] == "killed"
    assert jobs(client, headers, 1)["wait.1"]["status"] == "killed"
    assert _processes_with(f"sleep {marker}") == []
    # Killing it again changes nothing.
    assert client.delete("/b/alice/1", headers=headers).status_code == 204
    assert client.get("/b/alice/1", headers=headers).json()["status"] == "killed"


def test_a_build_past_its_timeout_is_timed_out(app, client, alice):
    _user, headers = alice
    worker = start_worker(app, concurrency=1, build_timeout=1.0)
    try:
        submit(client, headers, "driver: {type: os}\nstages: [s]\njobs: [{stage: s, commands: [sleep 30]}]\n")
        build = finished(client, headers, 1, timeout=10)
    finally:
        worker.stop()
    assert build["status"] == "timed_out"
    assert jobs(client, headers, 1)["s.1"]["status"] == "timed_out"


def test_a_queued_build_killed_before_a_worker_starts_never_runs(app, client, alice):
    _user, headers = alice
    submit(client, headers, "driver: {type: os}\nstages: [s]\njobs: [{stage: s, commands: [echo ran]}]\n")
    assert client.delete("/b/alice/1", headers=headers).status_code == 204
    submit(client, headers, "driver: {type: os}\n")
    worker = start_worker(app, concurrency=1)
    try:
        assert finished(client, headers, 2)["status"] == "passed"
    finally:
        worker.stop()
    assert client.get("/b/alice/1", headers=headers).json()["status"] == "killed"
    assert jobs(client, headers, 1)["s.1"]["output"] is None


def test_a_build_left_running_by_a_dead_worker_is_failed_at_start(app, client, alice, db):
    import datetime as dt

    _user, headers = alice
    submit(client, headers, "driver: {type: os}\n")
    with db.transaction() as session:
        session.execute(
            Build.__table__.update().values(
                status="running",
                worker_id="gone",
                lease_expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1),
            )
        )
    worker = start_worker(app, concurrency=1)
    worker.stop()
    build = client.get("/b/alice/1", headers=headers).json()
    assert (build["status"], build["output"]) == ("failed", LOST_WORKER)
    assert build["finished_at"] is not None


def test_a_queued_build_is_claimed_by_exactly_one_worker(app, client, alice):
    import concurrent.futures

    _user, headers = alice
    for _ in range(5):
        submit(client, headers, "driver: {type: os}\n")
    state = runtime_of(app)
    workers = [Worker(state) for _ in range(4)]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        claimed = list(pool.map(lambda w: [w.claim() for _ in range(3)], workers * 2))
    ids = [i for batch in claimed for i in batch if i is not None]
    assert len(ids) == 5 and len(set(ids)) == 5


def test_output_streams_while_the_job_runs(app, alice, worker):
    _user, headers = alice
    with app.test_client() as c:
        submit(
            c,
            headers,
            """\
driver: {type: os}
stages: [slow]
jobs:
- stage: slow
  commands: [echo first, sleep 1, echo second]
""",
        )
        wait(c, headers, "/b/alice/1/jobs/slow.1", lambda j: "first" in (j["output"] or ""))
        # While it runs the job's output already holds what it wrote so far.
        running = c.get("/b/alice/1/jobs/slow.1", headers=headers).json()
        assert running["status"] == "running" and "second" not in running["output"]
        started = time.monotonic()
        response = c.get("/b/alice/1/jobs/slow.1/output", headers=headers)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/plain")
        # The stream ended when the job did, with all of its output.
        assert time.monotonic() - started > 0.3
        assert response.text == "+ echo first\nfirst\n+ sleep 1\n+ echo second\nsecond\n"
        assert c.get("/b/alice/1/jobs/nope/output", headers=headers).status_code == 404


class _StuckDriver:
    """A driver whose creation hangs until it is killed."""

    home = "/root"

    def __init__(self, _settings, _context):
        import threading

        self.killed = threading.Event()

    def create(self, log):
        log(b"booting...\n")
        self.killed.wait(30)

    def kill(self):
        self.killed.set()

    def destroy(self):
        self.killed.set()


class _BrokenDriver(_StuckDriver):
    def create(self, log):
        raise RuntimeError("no such image")


def test_a_driver_not_created_in_time_times_the_build_out(app, client, alice, monkeypatch):
    import djinn.runner
    import djinn.runner.drivers.os  # registered before the stand-in replaces it

    _user, headers = alice
    monkeypatch.setitem(djinn.runner._DRIVERS, "os", _StuckDriver)
    worker = start_worker(app, concurrency=1)
    worker.context.create_timeout = 0.5
    try:
        submit(client, headers, "driver: {type: os}\nstages: [s]\njobs: [{stage: s, commands: [echo]}]\n")
        build = finished(client, headers, 1, timeout=10)
    finally:
        worker.stop()
    assert build["status"] == "timed_out"
    create = jobs(client, headers, 1)["create-driver"]
    assert create["status"] == "timed_out"
    assert create["output"] == "booting...\nCreating the driver took longer than 0.5 s\n"


def test_a_driver_that_cannot_be_created_fails_the_build(app, client, alice, monkeypatch):
    import djinn.runner
    import djinn.runner.drivers.os

    _user, headers = alice
    monkeypatch.setitem(djinn.runner._DRIVERS, "os", _BrokenDriver)
    worker = start_worker(app, concurrency=1)
    try:
        submit(client, headers, "driver: {type: os}\n")
        build = finished(client, headers, 1, timeout=10)
    finally:
        worker.stop()
    assert build["status"] == "failed"
    create = jobs(client, headers, 1)["create-driver"]
    assert (create["status"], create["output"]) == ("failed", "Creating the driver failed: no such image\n")


def test_ssh_keys_are_placed_with_a_collated_config(client, alice, worker):
    from tests.sshkeys import private_key

    _user, headers = alice
    key = private_key()
    for name, config in (("deploy key", "Host deploy\n  User git"), ("other", "")):
        created = client.post("/keys", json={"name": name, "key": key, "config": config}, headers=headers)
        assert created.status_code == 201, created.json()
    submit(
        client,
        headers,
        """\
driver: {type: os}
stages: [ssh]
jobs:
- stage: ssh
  commands: ['ls -l $HOME/.ssh', 'cat $HOME/.ssh/config', 'cmp -s $HOME/.ssh/deploy_key $HOME/.ssh/other']
""",
    )
    assert finished(client, headers, 1)["status"] == "passed"
    output = jobs(client, headers, 1)["ssh.1"]["output"]
    assert "-rw------- " in output and "deploy_key" in output
    assert "Host deploy\n  User git\n" in output
    assert "PRIVATE KEY" not in output
    placed = client.get("/b/alice/1/keys", headers=headers).json()
    assert [(k["name"], k["location"]) for k in placed] == [
        ("deploy_key", "$HOME/.ssh/deploy_key"),
        ("other", "$HOME/.ssh/other"),
    ]


def test_a_collaborators_build_in_a_shared_namespace_gets_their_own_keys(
    client, alice, worker, make_user, make_token
):
    """The build is the owner's (/b/alice/1), yet the key placed is the
    submitter's own, as recorded when it was submitted."""
    from tests.sshkeys import private_key

    _user, headers = alice
    bob = bearer(make_token(make_user("bob")))
    client.post("/namespaces", json={"name": "team"}, headers=headers)
    invite = client.post("/n/alice/team/-/invites", json={"handle": "bob"}, headers=headers).json()
    assert client.patch(f"/invites/{invite['id']}", headers=bob).status_code == 200
    assert client.post("/keys", json={"name": "bobs", "key": private_key()}, headers=bob).status_code == 201
    build = submit(
        client,
        bob,
        """\
namespace: team@alice
driver: {type: os}
stages: [ssh]
jobs:
- stage: ssh
  commands: ['test -s $HOME/.ssh/bobs']
""",
    )
    assert build["url"].endswith("/b/alice/1") and build["trigger"]["data"]["username"] == "bob"
    assert finished(client, headers, 1)["status"] == "passed", jobs(client, headers, 1)["ssh.1"]["output"]
    assert [k["name"] for k in client.get("/b/alice/1/keys", headers=headers).json()] == ["bobs"]


CHILD_WORKER = """
import sys, threading, time
from djinn.runner.drivers.os import OSDriver
script = "sleep " + sys.argv[1] + " & sleep " + sys.argv[1] + "\\n"
for _ in range(int(sys.argv[2])):
    driver = OSDriver({"type": "os"})
    driver.create(lambda chunk: None)
    threading.Thread(target=driver.execute, args=(script, {}, lambda chunk: None), daemon=True).start()
time.sleep(120)
"""


@pytest.mark.parametrize("builds", [1, 3])
def test_a_job_does_not_outlive_its_worker(tmp_path, builds):
    """A worker killed outright (no destroy) leaves no job running and no
    workspace, however many builds it ran: the watchdog ends them."""
    seconds = f"600.{uuid.uuid4().int % 10**6}"
    marker = f"sleep {seconds}"
    worker = subprocess.Popen(
        [sys.executable, "-c", CHILD_WORKER, seconds, str(builds)],
        env={**os.environ, "TMPDIR": str(tmp_path)},
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while len(_processes_with(marker)) < 2 * builds or len(list(tmp_path.glob("*/*/pgid"))) < builds:
            assert time.monotonic() < deadline, "the jobs did not start"
            assert worker.poll() is None, "the worker ended"
            time.sleep(0.05)
        assert len(list(tmp_path.glob("djinn-builds-*/djinn-build-*/workspace"))) == builds
    finally:
        worker.kill()
        worker.wait()
    deadline = time.monotonic() + 5
    while (_processes_with(marker) or list(tmp_path.iterdir())) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_with(marker) == []
    assert list(tmp_path.iterdir()) == []
