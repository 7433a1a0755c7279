"""The ssh driver against a real OpenSSH sshd on loopback (tests/drivers/sshd.py):
builds submitted through the HTTP API, run by a real worker, observed through
the API. The sshd's /root is a temporary directory, so what builds place
there can be looked at from here and never touches the real one."""

from __future__ import annotations

import hashlib
import os
import pathlib
import re
import subprocess
import sys
import time
import uuid

import pytest

import djinn.runner
from djinn.api.app import runtime_of
from djinn.infra.db.models import Object
from djinn.runner.drivers.ssh import SSHDriver
from tests.drivers import sshd as sshd_fixture
from tests.drivers.conftest import engine_missing
from tests.e2e.test_build_runs import (
    _processes_with,
    add_variables,
    finished,
    jobs,
    start_worker,
    submit,
    wait,
)


@pytest.fixture
def sshd(request, tmp_path):
    """An sshd; `@pytest.mark.parametrize("sshd", [seconds], indirect=True)`
    authorizes the server's key only that long after it started."""
    why = sshd_fixture.missing()
    if why:
        engine_missing(why)
    directory = tmp_path / "sshd"
    directory.mkdir()
    with sshd_fixture.Sshd(directory, authorize_after=getattr(request, "param", None)) as server:
        yield server


class RetryingSSHDriver(SSHDriver):
    """The ssh driver retrying a refused login, as the qemu driver does."""

    retry_login = True


@pytest.fixture
def retrying_login(monkeypatch):
    """Builds of type ssh get the driver that retries a refused login."""
    monkeypatch.setitem(djinn.runner._DRIVERS, "ssh", RetryingSSHDriver)


@pytest.fixture
def run_worker(app, settings, sshd):
    """Start a worker with the ssh driver enabled and `changes` to its settings."""
    started = []

    def run(**changes):
        settings(
            **{
                "drivers": ("os", "ssh"),
                "ssh_key": sshd.client_key,
                "ssh_allow": ("127.0.0.1/32",),
                "ssh_timeout": 5.0,
                **changes,
            }
        )
        started.append(start_worker(app, concurrency=1))

    yield run
    for worker in started:
        worker.stop()


@pytest.fixture
def worker(run_worker):
    run_worker()


def ssh_manifest(sshd, body: str, **driver) -> str:
    settings = "".join(f", {key}: {value!r}" for key, value in driver.items())
    return f"driver: {{type: ssh, address: '127.0.0.1:{sshd.port}'{settings}}}\n{body}"


def workspace_of(create_output: str) -> pathlib.Path:
    return pathlib.Path(re.search(r"Created workspace (\S+) on", create_output).group(1))


def fingerprint(public_key_line: str) -> str:
    import base64

    blob = base64.b64decode(public_key_line.split()[1])
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")


def test_a_passing_build_runs_on_the_host_with_its_output(client, alice, sshd, worker):
    _user, headers = alice
    submit(
        client,
        headers,
        ssh_manifest(
            sshd,
            """\
stages: [build, test]
jobs:
- stage: build
  commands: [echo "hello from $(whoami)", 'echo built > out.txt']
- stage: test
  commands: [cat out.txt, 'test "$HOME" = /root', 'test "$(pwd)" = "$(cd ../workspace && pwd)"']
""",
            host_key=sshd.host_key,
        ),
    )
    build = finished(client, headers, 1)
    by_name = jobs(client, headers, 1)
    assert build["status"] == "passed", {n: j["output"] for n, j in by_name.items()}
    assert {name: j["status"] for name, j in by_name.items()} == {
        "create-driver": "passed",
        "build.1": "passed",
        "test.1": "passed",
    }
    created = by_name["create-driver"]["output"]
    assert f"Connecting to 127.0.0.1:{sshd.port} as root\n" in created
    assert f"Host key ssh-ed25519 {fingerprint(sshd.host_key)} matches driver.host_key\n" in created
    assert by_name["build.1"]["output"] == (
        "+ whoami\n+ echo hello from root\nhello from root\n+ echo built\n"
    )
    assert "+ cat out.txt\nbuilt\n" in by_name["test.1"]["output"]
    # The build's directory on the host is gone with the build.
    assert not workspace_of(created).parent.exists()


def test_an_unpinned_host_key_is_reported(client, alice, sshd, worker):
    _user, headers = alice
    submit(client, headers, ssh_manifest(sshd, ""))
    assert finished(client, headers, 1)["status"] == "passed"
    assert (
        f"Host key ssh-ed25519 {fingerprint(sshd.host_key)} (not checked"
        in (jobs(client, headers, 1)["create-driver"]["output"])
    )


def test_a_failing_job_fails_the_build(client, alice, sshd, worker):
    _user, headers = alice
    submit(
        client,
        headers,
        ssh_manifest(
            sshd,
            """\
stages: [one, two]
jobs:
- stage: one
  commands: [echo before, 'exit 3', echo never]
- stage: two
  commands: [echo not run]
""",
        ),
    )
    assert finished(client, headers, 1)["status"] == "failed"
    by_name = jobs(client, headers, 1)
    assert by_name["one.1"]["status"] == "failed"
    assert by_name["one.1"]["output"] == "+ echo before\nbefore\n+ exit 3\n\nexit status 3\n"
    assert by_name["two.1"]["status"] == "queued" and by_name["two.1"]["output"] is None


def test_env_and_a_masked_variable_reach_the_job_and_the_secret_never_shows(
    client, alice, sshd, worker, db, app
):
    user, headers = alice
    secret = "s3cr3t-'\"$x-" + uuid.uuid4().hex
    add_variables(db, app, user, masked={"TOKEN": secret}, plain={"PLAIN": "shown"})
    submit(
        client,
        headers,
        ssh_manifest(
            sshd,
            """\
env: ["GREETING=hello 'quoted' $world"]
stages: [leak]
jobs:
- stage: leak
  commands: ['echo "greeting=$GREETING plain=$PLAIN token=$TOKEN"', 'printf "%s" "$TOKEN" | rev | rev', env,
             'ls ../scripts']
""",
        ),
    )
    assert finished(client, headers, 1)["status"] == "passed"
    outputs = [j["output"] or "" for j in jobs(client, headers, 1).values()]
    assert all(secret not in output for output in outputs)
    leak = jobs(client, headers, 1)["leak.1"]["output"]
    assert "greeting=hello 'quoted' $world plain=shown token=xxxxxx\n" in leak
    # The script that held the env removed itself before the job ran.
    assert "+ ls ../scripts\njob-1.sh\n" in leak


def _store_object(db, app, user, name: str, content: bytes) -> None:
    with db.transaction() as session:
        row = Object(
            author_id=user.id,
            user_id=user.id,
            name=name,
            type="application/json",
            size=len(content),
            md5=hashlib.md5(content).hexdigest(),
            sha256=hashlib.sha256(content).hexdigest(),
        )
        session.add(row)
        session.flush()
        object_id = row.id
    runtime_of(app).store.put("objects", object_id, [content], 1 << 20)


def test_objects_are_placed_at_relative_and_absolute_paths(client, alice, sshd, worker, db, app):
    user, headers = alice
    content = b'{"answer": 42}\n'
    _store_object(db, app, user, "data.json", content)
    submit(
        client,
        headers,
        ssh_manifest(
            sshd,
            """\
objects: [data.json => conf/data.json, data.json => /root/placed/data.json]
stages: [read]
jobs:
- stage: read
  commands: [cat conf/data.json, cat /root/placed/data.json]
""",
        ),
    )
    assert finished(client, headers, 1)["status"] == "passed"
    by_name = jobs(client, headers, 1)
    assert by_name["read.1"]["output"].count('{"answer": 42}\n') == 2
    placed = client.get("/b/alice/1/objects", headers=headers).json()
    assert [(o["name"], o["placed"]) for o in placed] == [
        ("conf/data.json", True),
        ("/root/placed/data.json", True),
    ]
    assert (sshd.root / "placed" / "data.json").read_bytes() == content
    assert "Placed object data.json at /root/placed/data.json\n" in by_name["create-driver"]["output"]


def test_an_artifact_is_collected_and_downloaded(client, alice, sshd, worker):
    _user, headers = alice
    submit(
        client,
        headers,
        ssh_manifest(
            sshd,
            """\
stages: [make]
jobs:
- stage: make
  commands: ['mkdir -p out', 'head -c 300000 /dev/urandom > out/blob.bin', 'echo absolute > /root/abs.txt',
             ': > empty']
  artifacts: [out/blob.bin => blob.bin, missing.txt, /root/abs.txt => abs.txt, out => dir, empty]
""",
        ),
    )
    assert finished(client, headers, 1)["status"] == "passed"
    artifacts = {a["name"]: a for a in client.get("/b/alice/1/artifacts", headers=headers).json()}
    blob = artifacts["blob.bin"]
    assert blob["size"] == 300000
    download = client.get(
        "/b/alice/1/artifacts/blob.bin", headers={**headers, "Accept": "application/octet-stream"}
    )
    assert download.status_code == 200
    assert hashlib.sha256(download.content).hexdigest() == blob["sha256"]
    assert artifacts["abs.txt"]["sha256"] == hashlib.sha256(b"absolute\n").hexdigest()
    assert artifacts["empty"]["sha256"] == hashlib.sha256(b"").hexdigest()
    assert artifacts["missing.txt"]["sha256"] is None and artifacts["dir"]["sha256"] is None
    output = jobs(client, headers, 1)["make.1"]["output"]
    assert "artifact missing.txt: missing.txt: no such file; not collected" in output
    assert "artifact out: out: not a regular file; not collected" in output


def test_ssh_keys_are_placed_in_roots_home_with_a_collated_config(client, alice, sshd, worker):
    from tests.sshkeys import private_key

    _user, headers = alice
    key = private_key()
    for name, config in (("deploy key", "Host deploy\n  User git"), ("other", "")):
        created = client.post("/keys", json={"name": name, "key": key, "config": config}, headers=headers)
        assert created.status_code == 201, created.json()
    submit(
        client,
        headers,
        ssh_manifest(
            sshd,
            """\
stages: [ssh]
jobs:
- stage: ssh
  commands: ['ls -l /root/.ssh', 'cat /root/.ssh/config', 'cmp -s /root/.ssh/deploy_key /root/.ssh/other']
""",
        ),
    )
    assert finished(client, headers, 1)["status"] == "passed"
    output = jobs(client, headers, 1)["ssh.1"]["output"]
    assert "Host deploy\n  User git\n" in output
    assert "PRIVATE KEY" not in output
    assert (
        "Placed SSH key deploy_key at /root/.ssh/deploy_key\n"
        in jobs(client, headers, 1)["create-driver"]["output"]
    )
    for name in ("deploy_key", "other", "config"):
        assert (sshd.root / ".ssh" / name).stat().st_mode & 0o777 == 0o600
    assert (sshd.root / ".ssh" / "deploy_key").read_text() == key


def test_sources_are_cloned_on_the_host(client, alice, sshd, worker, tmp_path):
    _user, headers = alice
    repo = tmp_path / "repo"
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q", str(repo)], check=True)
    (repo / "README").write_text("version one\n")
    subprocess.run([*git, "-C", str(repo), "add", "README"], check=True)
    subprocess.run([*git, "-C", str(repo), "commit", "-qm", "one"], check=True)
    submit(
        client,
        headers,
        ssh_manifest(
            sshd,
            f"""\
sources: [{repo} => src]
stages: [read]
jobs:
- stage: read
  commands: [cat src/README]
""",
        ),
    )
    assert finished(client, headers, 1)["status"] == "passed"
    by_name = jobs(client, headers, 1)
    assert by_name["clone.1"]["status"] == "passed"
    assert "+ cat src/README\nversion one\n" in by_name["read.1"]["output"]


def test_killing_a_running_build_ends_its_remote_processes(client, alice, sshd, worker):
    _user, headers = alice
    marker = f"600.{uuid.uuid4().int % 10**6}"
    submit(
        client,
        headers,
        ssh_manifest(
            sshd,
            f"""\
stages: [wait]
jobs:
- stage: wait
  commands: [echo started, 'sleep {marker} & sleep {marker}']
""",
        ),
    )
    wait(client, headers, "/b/alice/1/jobs/wait.1", lambda j: "started" in (j["output"] or ""))
    deadline = time.monotonic() + 5
    while len(_processes_with(f"sleep {marker}")) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(_processes_with(f"sleep {marker}")) == 2
    killed_at = time.monotonic()
    assert client.delete("/b/alice/1", headers=headers).status_code == 204
    build = finished(client, headers, 1, timeout=5)
    assert time.monotonic() - killed_at < 5
    assert build["status"] == "killed"
    assert jobs(client, headers, 1)["wait.1"]["status"] == "killed"
    assert _processes_with(f"sleep {marker}") == []
    assert not workspace_of(jobs(client, headers, 1)["create-driver"]["output"]).parent.exists()


def test_a_job_leaves_nothing_running_behind(client, alice, sshd, worker):
    _user, headers = alice
    marker = f"601.{uuid.uuid4().int % 10**6}"
    submit(
        client,
        headers,
        ssh_manifest(
            sshd,
            f"""\
stages: [bg]
jobs:
- stage: bg
  commands: ['sleep {marker} > /dev/null 2>&1 &', echo left]
""",
        ),
    )
    assert finished(client, headers, 1, timeout=10)["status"] == "passed"
    assert _processes_with(f"sleep {marker}") == []


def test_loopback_is_refused_without_the_allow_list(client, alice, sshd, run_worker):
    _user, headers = alice
    run_worker(ssh_allow=())
    submit(client, headers, ssh_manifest(sshd, "stages: [s]\njobs: [{stage: s, commands: [echo ran]}]\n"))
    assert finished(client, headers, 1)["status"] == "failed"
    create = jobs(client, headers, 1)["create-driver"]
    assert create["status"] == "failed"
    assert "Refused to connect to 127.0.0.1: 127.0.0.1 is a loopback address" in create["output"]
    assert jobs(client, headers, 1)["s.1"]["output"] is None


def test_a_wrong_host_key_is_refused(client, alice, sshd, worker, tmp_path):
    _user, headers = alice
    other = sshd_fixture.write_key(tmp_path / "other_key")
    submit(
        client,
        headers,
        ssh_manifest(sshd, "stages: [s]\njobs: [{stage: s, commands: [echo ran]}]\n", host_key=other),
    )
    assert finished(client, headers, 1)["status"] == "failed"
    create = jobs(client, headers, 1)["create-driver"]
    assert f"(ssh-ed25519 {fingerprint(sshd.host_key)}) does not match driver.host_key" in create["output"]
    assert jobs(client, headers, 1)["s.1"]["output"] is None


def test_a_closed_port_fails_within_the_timeout(client, alice, sshd, run_worker):
    _user, headers = alice
    run_worker(ssh_timeout=1.5)
    port = sshd_fixture.free_port()
    started = time.monotonic()
    submit(client, headers, f"driver: {{type: ssh, address: '127.0.0.1:{port}'}}\n")
    assert finished(client, headers, 1, timeout=10)["status"] == "failed"
    assert time.monotonic() - started < 4
    output = jobs(client, headers, 1)["create-driver"]["output"]
    assert f"Could not connect to 127.0.0.1:{port} within 1.5 s" in output


def test_a_build_killed_while_connecting_ends_at_once(client, alice, sshd, run_worker):
    _user, headers = alice
    run_worker(ssh_timeout=60.0)
    submit(client, headers, f"driver: {{type: ssh, address: '127.0.0.1:{sshd_fixture.free_port()}'}}\n")
    wait(client, headers, "/b/alice/1/jobs/create-driver", lambda j: "Connecting" in (j["output"] or ""))
    killed_at = time.monotonic()
    assert client.delete("/b/alice/1", headers=headers).status_code == 204
    assert finished(client, headers, 1, timeout=5)["status"] == "killed"
    assert time.monotonic() - killed_at < 5


def test_a_host_that_refuses_the_servers_key_fails_the_build(client, alice, sshd, run_worker, tmp_path):
    _user, headers = alice
    sshd_fixture.write_key(tmp_path / "stranger")
    run_worker(ssh_key=tmp_path / "stranger")
    submit(client, headers, ssh_manifest(sshd, ""))
    assert finished(client, headers, 1)["status"] == "failed"
    assert (
        f"127.0.0.1:{sshd.port} refused the server's key for root (add the output of `djinn ssh-key`"
        in (jobs(client, headers, 1)["create-driver"]["output"])
    )


NEVER = 3600.0  # seconds: a key authorized only after the test ended


@pytest.mark.parametrize("sshd", [NEVER], indirect=True)
def test_a_refused_login_is_not_retried_by_the_ssh_driver(client, alice, sshd, worker):
    _user, headers = alice
    started = time.monotonic()
    submit(client, headers, ssh_manifest(sshd, ""))
    assert finished(client, headers, 1)["status"] == "failed"
    assert time.monotonic() - started < 3  # ssh_timeout is 5 s: it did not wait
    output = jobs(client, headers, 1)["create-driver"]["output"]
    assert (
        f"127.0.0.1:{sshd.port} refused the server's key for root (add the output of `djinn ssh-key`"
        in output
    )
    assert "retrying" not in output


@pytest.mark.parametrize("sshd", [2.0], indirect=True)
def test_a_login_refused_while_the_machine_boots_is_retried_until_the_key_is_authorized(
    client, alice, sshd, retrying_login, worker
):
    _user, headers = alice
    started = time.monotonic()
    submit(client, headers, ssh_manifest(sshd, "stages: [s]\njobs: [{stage: s, commands: [echo in]}]\n"))
    build = finished(client, headers, 1)
    by_name = jobs(client, headers, 1)
    assert build["status"] == "passed", {n: j["output"] for n, j in by_name.items()}
    assert time.monotonic() - started >= 2
    assert "+ echo in\nin\n" in by_name["s.1"]["output"]
    created = by_name["create-driver"]["output"]
    assert created.count(f"127.0.0.1:{sshd.port} refused the server's key for root: retrying until 5 s") == 1
    assert created.count("Host key ssh-ed25519") == 1


@pytest.mark.parametrize("sshd", [NEVER], indirect=True)
def test_a_login_refused_for_the_whole_wait_fails_saying_so(client, alice, sshd, retrying_login, run_worker):
    _user, headers = alice
    run_worker(ssh_timeout=2.0)
    started = time.monotonic()
    submit(client, headers, ssh_manifest(sshd, ""))
    assert finished(client, headers, 1, timeout=10)["status"] == "failed"
    assert time.monotonic() - started < 6
    output = jobs(client, headers, 1)["create-driver"]["output"]
    assert (
        f"127.0.0.1:{sshd.port} refused the server's key for root: retrying until 2 s have passed" in output
    )
    assert (
        f"127.0.0.1:{sshd.port} kept refusing the server's key for root until the 2 s wait (DJINN_SSH_TIMEOUT)"
        " ran out: the machine must authorize the output of `djinn ssh-key` for root"
    ) in output


@pytest.mark.parametrize("sshd", [NEVER], indirect=True)
def test_a_build_killed_while_its_login_is_retried_ends_at_once(
    client, alice, sshd, retrying_login, run_worker
):
    _user, headers = alice
    run_worker(ssh_timeout=60.0)
    submit(client, headers, ssh_manifest(sshd, ""))
    wait(client, headers, "/b/alice/1/jobs/create-driver", lambda j: "retrying" in (j["output"] or ""))
    killed_at = time.monotonic()
    assert client.delete("/b/alice/1", headers=headers).status_code == 204
    assert finished(client, headers, 1, timeout=5)["status"] == "killed"
    assert time.monotonic() - killed_at < 2


def test_a_bad_address_is_reported_in_the_create_driver_output(client, alice, sshd, worker):
    _user, headers = alice
    submit(client, headers, "driver: {type: ssh, address: '127.0.0.1:http'}\n")
    assert finished(client, headers, 1)["status"] == "failed"
    assert (
        "driver.address '127.0.0.1:http': the port must be a number from 1 to 65535"
        in (jobs(client, headers, 1)["create-driver"]["output"])
    )


def test_the_ssh_key_command_prints_a_key_that_logs_in(client, alice, sshd, run_worker, tmp_path):
    data_dir = tmp_path / "data"
    command = [sys.executable, "-m", "djinn.cli", "--data-dir", str(data_dir), "ssh-key"]
    environment = {k: v for k, v in os.environ.items() if k != "DJINN_SSH_KEY"}
    printed = subprocess.run(
        command, capture_output=True, text=True, timeout=30, env=environment, check=True
    ).stdout
    again = subprocess.run(
        command, capture_output=True, text=True, timeout=30, env=environment, check=True
    ).stdout
    assert again == printed
    assert printed.startswith("ssh-ed25519 ") and printed.endswith(" djinn\n")
    assert (data_dir / "ssh" / "id_ed25519").stat().st_mode & 0o777 == 0o600
    # OpenSSH reads it, and a build host that authorizes it lets builds in.
    listed = subprocess.run(
        ["ssh-keygen", "-l", "-f", "/dev/stdin"],
        input=printed,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert listed.returncode == 0 and "(ED25519)" in listed.stdout, listed.stderr
    sshd.authorized_keys.write_text(printed)
    _user, headers = alice
    run_worker(ssh_key=None, data_dir=data_dir)
    submit(client, headers, ssh_manifest(sshd, "stages: [s]\njobs: [{stage: s, commands: [echo in]}]\n"))
    assert finished(client, headers, 1)["status"] == "passed"
