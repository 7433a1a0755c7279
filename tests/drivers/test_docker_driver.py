"""The docker driver against a real engine (podman's Docker API, see
tests/drivers/podman.py): builds submitted through the HTTP API, run by a
worker, observed through the API and the engine (what is left behind)."""

from __future__ import annotations

import hashlib
import io
import os
import tarfile
import time
import uuid

import pytest

from djinn.api.app import runtime_of
from djinn.infra.config import Config
from djinn.infra.db.models import Object
from tests.drivers.podman import podman  # noqa: F401  (the session's engine)
from tests.e2e.test_build_runs import add_variables, finished, jobs, start_worker, submit, wait

DRIVER = "driver: {type: docker, image: localhost/busybox:test, workspace: /workspace}\n"


def ended(client, headers, status: str) -> dict[str, dict]:
    """Build 1, once finished, ended `status`: its jobs by name (in the failure message too)."""
    build = finished(client, headers, 1, timeout=60)
    by_name = jobs(client, headers, 1)
    assert build["status"] == status, {name: (j["status"], j["output"]) for name, j in by_name.items()}
    return by_name


@pytest.fixture
def engine(podman, settings):  # noqa: F811
    settings(drivers=("os", "docker"), docker_host=podman.url, docker_pull=False)
    return podman


@pytest.fixture
def worker(app, engine):
    worker = start_worker(app, concurrency=2)
    yield worker
    worker.stop()


def test_jobs_run_in_containers_that_share_the_workspace(client, alice, engine, worker):
    _user, headers = alice
    submit(
        client,
        headers,
        DRIVER
        + """\
env: [GREETING=hello world]
stages: [build, test]
jobs:
- stage: build
  commands: [echo "$GREETING", pwd, 'echo built > out.txt', 'touch /outside-the-workspace']
- stage: test
  commands: [ls -A, cat out.txt, 'test ! -e /outside-the-workspace', id -u]
""",
    )
    by_name = ended(client, headers, "passed")
    assert {name: j["status"] for name, j in by_name.items()} == {
        "create-driver": "passed",
        "build.1": "passed",
        "test.1": "passed",
    }
    created = by_name["create-driver"]["output"]
    assert "Image localhost/busybox:test (" in created
    assert "for /workspace\n" in created and "for /root/.ssh\n" in created
    assert "in /workspace, with at most 1024 processes, the bridge network\n" in created
    assert by_name["build.1"]["output"].startswith("+ echo 'hello world'\nhello world\n+ pwd\n/workspace\n")
    # The workspace is shared; the rest of a container's files go with it.
    # Nothing of the driver's is in the workspace.
    assert by_name["test.1"]["output"].startswith("+ ls -A\nout.txt\n+ cat out.txt\nbuilt\n")
    assert by_name["test.1"]["output"].endswith("+ id -u\n0\n")
    assert engine.leftovers() == []


def test_a_failing_job_fails_the_build(client, alice, engine, worker):
    _user, headers = alice
    submit(
        client,
        headers,
        DRIVER
        + """\
stages: [one, two]
jobs:
- stage: one
  commands: [echo before, 'exit 3', echo never]
- stage: two
  commands: [echo not run]
""",
    )
    ended(client, headers, "failed")
    by_name = jobs(client, headers, 1)
    assert by_name["one.1"]["status"] == "failed"
    assert by_name["one.1"]["output"] == "+ echo before\nbefore\n+ exit 3\n\nexit status 3\n"
    assert by_name["two.1"]["status"] == "queued"
    assert engine.leftovers() == []


def test_env_and_a_masked_variable(client, alice, engine, worker, db, app):
    user, headers = alice
    secret = "s3cr3t-" + uuid.uuid4().hex
    add_variables(db, app, user, masked={"TOKEN": secret}, plain={"PLAIN": "shown"})
    submit(
        client,
        headers,
        DRIVER
        + """\
env: [FROM_MANIFEST=yes]
stages: [leak]
jobs:
- stage: leak
  commands: ['echo "token=$TOKEN plain=$PLAIN manifest=$FROM_MANIFEST"', 'printf "%s" "$TOKEN" | rev | rev', env]
""",
    )
    ended(client, headers, "passed")
    outputs = "".join(j["output"] or "" for j in jobs(client, headers, 1).values())
    assert secret not in outputs
    assert "token=xxxxxx plain=shown manifest=yes" in outputs
    assert "TOKEN=xxxxxx" in outputs
    assert engine.leftovers() == []


def _object(db, app, user, name: str, content: bytes) -> None:
    with db.transaction() as session:
        row = Object(
            author_id=user.id,
            user_id=user.id,
            name=name,
            type="application/octet-stream",
            size=len(content),
            md5=hashlib.md5(content).hexdigest(),
            sha256=hashlib.sha256(content).hexdigest(),
        )
        session.add(row)
        session.flush()
        object_id = row.id
    runtime_of(app).store.put("objects", object_id, [content], 1 << 24)


def test_objects_are_placed_in_the_workspace(client, alice, engine, worker, db, app):
    user, headers = alice
    _object(db, app, user, "data.json", b'{"answer": 42}\n')
    big = os.urandom(3 * 1024 * 1024)
    _object(db, app, user, "big.bin", big)
    submit(
        client,
        headers,
        DRIVER
        + """\
objects:
- big.bin => big.bin
- data.json => conf/deep/data.json
- data.json => /root/.ssh/known_hosts
- data.json => ../escape.json
- data.json => /tmp/absolute.json
stages: [read]
jobs:
- stage: read
  commands: [cat conf/deep/data.json, cat /root/.ssh/known_hosts, ls -l conf/deep, sha256sum big.bin]
""",
    )
    ended(client, headers, "passed")
    by_name = jobs(client, headers, 1)
    output = by_name["read.1"]["output"]
    assert output.count('{"answer": 42}') == 2
    assert "-rw-r--r--" in output and "data.json" in output
    assert f"{hashlib.sha256(big).hexdigest()}  big.bin\n" in output
    placed = client.get("/b/alice/1/objects", headers=headers).json()
    assert [(o["name"], o["placed"]) for o in placed] == [
        ("big.bin", True),
        ("conf/deep/data.json", True),
        ("/root/.ssh/known_hosts", True),
        ("../escape.json", False),
        ("/tmp/absolute.json", False),
    ]
    created = by_name["create-driver"]["output"]
    assert "Placed object data.json at /workspace/conf/deep/data.json\n" in created
    assert (
        "Could not place object data.json at /tmp/absolute.json: "
        "/tmp/absolute.json: outside the /workspace and /root/.ssh\n"
    ) in created
    assert "Could not place object data.json at ../escape.json: ../escape.json: outside the" in created
    assert engine.leftovers() == []


def test_an_artifact_is_collected_and_downloaded(client, alice, engine, worker):
    _user, headers = alice
    submit(
        client,
        headers,
        DRIVER
        + """\
stages: [make]
jobs:
- stage: make
  commands: ['mkdir -p out', 'head -c 300000 /dev/urandom > out/blob.bin', 'sha256sum out/blob.bin',
             'printf absolute > /tmp/abs.txt']
  artifacts: [out/blob.bin => blob.bin, missing.txt, out => directory, /tmp/abs.txt => abs.txt, /tmp/none => none]
- stage: make
  commands: ['printf second > /tmp/second.txt']
  artifacts: [/tmp/second.txt => second.txt, /tmp/abs.txt => first-jobs.txt]
""",
    )
    ended(client, headers, "passed")
    output = jobs(client, headers, 1)["make.1"]["output"]
    printed = output.split("+ sha256sum out/blob.bin\n", 1)[1].split()[0]
    artifacts = {a["name"]: a for a in client.get("/b/alice/1/artifacts", headers=headers).json()}
    assert (artifacts["blob.bin"]["size"], artifacts["blob.bin"]["sha256"]) == (300000, printed)
    download = client.get(
        "/b/alice/1/artifacts/blob.bin", headers={**headers, "Accept": "application/octet-stream"}
    )
    assert download.status_code == 200
    assert hashlib.sha256(download.content).hexdigest() == printed
    assert all(
        artifacts[name]["sha256"] is None for name in ("missing.txt", "directory", "none", "first-jobs.txt")
    )
    assert "artifact missing.txt: missing.txt: no such file; not collected" in output
    assert "artifact out: out: not a regular file; not collected" in output
    # An absolute path is where the job put it in its container (each job has
    # its own: the second job's container never had the first's file).
    for name, content in (("abs.txt", b"absolute"), ("second.txt", b"second")):
        assert artifacts[name]["sha256"] == hashlib.sha256(content).hexdigest(), artifacts[name]
        got = client.get(
            f"/b/alice/1/artifacts/{name}", headers={**headers, "Accept": "application/octet-stream"}
        )
        assert got.content == content
    assert "artifact /tmp/none: /tmp/none: no such file; not collected" in output
    assert (
        "artifact /tmp/abs.txt: /tmp/abs.txt: no such file; not collected"
        in jobs(client, headers, 1)["make.2"]["output"]
    )
    assert engine.leftovers() == []


def test_ssh_keys_are_placed_in_root_ssh(client, alice, engine, worker):
    from tests.sshkeys import private_key

    _user, headers = alice
    key = private_key()
    created = client.post(
        "/keys", json={"name": "deploy", "key": key, "config": "Host deploy\n  User git"}, headers=headers
    )
    assert created.status_code == 201, created.json()
    submit(
        client,
        headers,
        DRIVER
        + """\
stages: [first, later]
jobs:
- stage: first
  commands: [echo first]
- stage: later
  commands: ['ls -ld /root/.ssh', 'ls -l /root/.ssh', 'cat /root/.ssh/config',
             'grep -c "BEGIN OPENSSH PRIVATE KEY" /root/.ssh/deploy']
""",
    )
    ended(client, headers, "passed")
    by_name = jobs(client, headers, 1)
    assert "Placed SSH key deploy at /root/.ssh/deploy\n" in by_name["create-driver"]["output"]
    output = by_name["later.1"]["output"]
    assert "drwx------" in output
    assert "-rw------- " in output and " deploy\n" in output
    assert "Host deploy\n  User git\n" in output
    assert output.endswith("/root/.ssh/deploy\n1\n")
    assert "PRIVATE KEY-----" not in output
    assert engine.leftovers() == []


def test_killing_a_running_build_stops_its_container(client, alice, engine, worker, db, app):
    user, headers = alice
    secret = "s3cr3t-" + uuid.uuid4().hex
    add_variables(db, app, user, masked={"TOKEN": secret})
    submit(
        client,
        headers,
        DRIVER
        + """\
stages: [wait]
jobs:
- stage: wait
  commands: [echo started, sleep 600]
""",
    )
    wait(client, headers, "/b/alice/1/jobs/wait.1", lambda j: "started" in (j["output"] or ""), timeout=60)
    running = [
        c for c in engine.client.containers.list(filters={"label": "djinn.build"}) if c.status == "running"
    ]
    assert len(running) == 1
    # The build's variables are in the job's environment only: not in its name, labels or command.
    attributes = running[0].attrs
    assert secret in str(attributes["Config"]["Env"])
    assert secret not in str([running[0].name, attributes["Config"]["Labels"], attributes["Config"]["Cmd"]])
    assert attributes["HostConfig"].get("Privileged") is False
    # The default limits: 1024 processes, the bridge network.
    assert (attributes["HostConfig"]["PidsLimit"], attributes["HostConfig"]["NetworkMode"]) == (
        1024,
        "bridge",
    )
    killed_at = time.monotonic()
    assert client.delete("/b/alice/1", headers=headers).status_code == 204
    build = finished(client, headers, 1, timeout=5)
    assert time.monotonic() - killed_at < 5
    assert build["status"] == "killed"
    assert jobs(client, headers, 1)["wait.1"]["status"] == "killed"
    assert engine.leftovers() == []


def test_a_missing_image_fails_the_build_at_creation(client, alice, engine, worker):
    _user, headers = alice
    submit(
        client,
        headers,
        "driver: {type: docker, image: localhost/absent:1, workspace: /workspace}\n"
        "stages: [s]\njobs: [{stage: s, commands: [echo never]}]\n",
    )
    ended(client, headers, "failed")
    by_name = jobs(client, headers, 1)
    assert by_name["create-driver"]["status"] == "failed"
    assert by_name["create-driver"]["output"] == (
        "Creating the driver failed: image localhost/absent:1 is not on this worker's container engine, "
        "and pulling images is turned off (DJINN_DOCKER_PULL)\n"
    )
    assert by_name["s.1"]["status"] == "queued"
    assert engine.leftovers() == []


def test_an_image_that_cannot_be_pulled_fails_the_build(app, client, alice, engine, settings):
    _user, headers = alice
    # Port 1 of loopback: the pull is refused at once.
    settings(drivers=("os", "docker"), docker_host=engine.url, docker_pull=True)
    worker = start_worker(app, concurrency=1)
    try:
        submit(
            client, headers, "driver: {type: docker, image: '127.0.0.1:1/absent:1', workspace: /workspace}\n"
        )
        ended(client, headers, "failed")
    finally:
        worker.stop()
    output = jobs(client, headers, 1)["create-driver"]["output"]
    assert output.startswith(
        "Pulling image 127.0.0.1:1/absent:1\n"
        "Creating the driver failed: could not pull image 127.0.0.1:1/absent:1: "
    )
    assert engine.leftovers() == []


def test_a_relative_workspace_is_refused_at_submit(client, alice, engine):
    _user, headers = alice
    manifest = "driver: {type: docker, image: localhost/busybox:test, workspace: work}\nstages: [s]\n"
    response = client.post("/builds", json={"manifest": manifest}, headers=headers)
    assert response.status_code == 400
    assert response.json() == {"manifest": ["driver docker: workspace must be an absolute path, not work"]}
    assert client.get("/builds", headers=headers).json() == []


def test_an_unreachable_engine_fails_the_build(app, client, alice, engine, settings, tmp_path):
    _user, headers = alice
    settings(drivers=("os", "docker"), docker_host=f"unix://{tmp_path}/absent.sock", docker_pull=False)
    worker = start_worker(app, concurrency=1)
    try:
        submit(client, headers, DRIVER)
        ended(client, headers, "failed")
    finally:
        worker.stop()
    output = jobs(client, headers, 1)["create-driver"]["output"]
    assert output.startswith(
        f"Creating the driver failed: cannot reach the container engine at unix://{tmp_path}/absent.sock: "
    )


def _running_job_container(engine):
    running = [
        c for c in engine.client.containers.list(filters={"label": "djinn.build"}) if c.status == "running"
    ]
    assert len(running) == 1
    return running[0]


def test_the_servers_limits_apply_to_job_containers(app, client, alice, engine, settings):
    _user, headers = alice
    settings(
        drivers=("os", "docker"),
        docker_host=engine.url,
        docker_pull=False,
        docker_memory=100,
        docker_cpus=0.5,
        docker_pids=64,
        docker_network="none",
    )
    worker = start_worker(app, concurrency=1)
    try:
        submit(
            client,
            headers,
            DRIVER
            + """\
stages: [limits, fork, memory]
allow_failures: [fork]
jobs:
- stage: limits
  commands:
  - ls /sys/class/net
  # cgroup v2, else v1: memory, CPU quota, processes
  - cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/cpu.max /sys/fs/cgroup/pids.max 2>/dev/null ||
    cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/pids/pids.max
  - echo waiting; i=0; until [ -e /tmp/go ] || [ $i -ge 300 ]; do sleep 0.1; i=$((i+1)); done
- stage: fork
  commands:
  - for i in $(seq 200); do sleep 60 & done
  - echo all started
- stage: memory
  commands: [dd if=/dev/zero of=/dev/null bs=200M count=1, echo survived]
""",
        )
        wait(
            client,
            headers,
            "/b/alice/1/jobs/limits.1",
            lambda j: "waiting" in (j["output"] or ""),
            timeout=60,
        )
        container = _running_job_container(engine)
        host = container.attrs["HostConfig"]
        assert {
            key: host[key] for key in ("Memory", "MemorySwap", "NanoCpus", "PidsLimit", "NetworkMode")
        } == {
            "Memory": 100 * 1024 * 1024,
            "MemorySwap": 100 * 1024 * 1024,
            "NanoCpus": 500_000_000,
            "PidsLimit": 64,
            "NetworkMode": "none",
        }
        go = tarfile.TarInfo("go")
        container.put_archive("/tmp", _tar(go))
        build = finished(client, headers, 1, timeout=60)
    finally:
        worker.stop()
    by_name = jobs(client, headers, 1)
    assert (
        "with 100 MiB of memory, 0.5 CPUs, at most 64 processes, no network\n"
        in by_name["create-driver"]["output"]
    )
    limits = by_name["limits.1"]
    assert limits["status"] == "passed", limits["output"]
    # Only loopback; the engine applied each limit.
    assert "+ ls /sys/class/net\nlo\n+ " in limits["output"]
    assert "\n104857600\n50000" in limits["output"] and "\n64\n" in limits["output"]
    # The fork bomb stops at the limit, in its container; the build goes on.
    fork = by_name["fork.1"]
    assert "can't fork" in fork["output"]
    assert "all started" not in fork["output"]
    # A job wanting more memory than allowed is killed.
    memory = by_name["memory.1"]
    assert memory["output"].endswith("\nexit status 137\n") and "survived" not in memory["output"]
    assert (build["status"], fork["status"], memory["status"]) == ("failed", "failed", "failed")
    assert engine.leftovers() == []


def _tar(info: tarfile.TarInfo) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        archive.addfile(info, io.BytesIO(b""))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            {"docker_memory": 2},
            "the server's DJINN_DOCKER_MEMORY is 2 (MiB): it must be at least 6, or unset",
        ),
        ({"docker_cpus": 0.0}, "the server's DJINN_DOCKER_CPUS is 0: it must be at least 0.01, or unset"),
        ({"docker_pids": -1}, "the server's DJINN_DOCKER_PIDS is -1: it must be 0 (no limit) or more"),
        (
            {"docker_network": "host"},
            "the server's DJINN_DOCKER_NETWORK is 'host': it must be bridge or none",
        ),
    ],
)
def test_a_limit_that_makes_no_sense_fails_the_build_saying_so(
    app, client, alice, engine, settings, setting, message
):
    _user, headers = alice
    settings(drivers=("os", "docker"), docker_host=engine.url, docker_pull=False, **setting)
    worker = start_worker(app, concurrency=1)
    try:
        submit(client, headers, DRIVER + "stages: [s]\njobs: [{stage: s, commands: [echo never]}]\n")
        ended(client, headers, "failed")
    finally:
        worker.stop()
    assert jobs(client, headers, 1)["create-driver"]["output"] == f"Creating the driver failed: {message}\n"
    assert engine.leftovers() == []


def test_the_limits_are_read_from_the_environment():
    config = Config.from_env(
        {
            "DJINN_DOCKER_MEMORY": "512",
            "DJINN_DOCKER_CPUS": "1.5",
            "DJINN_DOCKER_PIDS": "0",
            "DJINN_DOCKER_NETWORK": "none",
        }
    )
    assert (config.docker_memory, config.docker_cpus, config.docker_pids, config.docker_network) == (
        512,
        1.5,
        0,
        "none",
    )
    default = Config.from_env({})
    assert (default.docker_memory, default.docker_cpus, default.docker_pids, default.docker_network) == (
        None,
        None,
        1024,
        "bridge",
    )
