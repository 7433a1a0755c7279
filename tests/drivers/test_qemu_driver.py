"""The qemu driver against real QEMU: a tiny test image (busybox, dropbear and
sftp-server, built once by tests/drivers/qemu/build-image.sh and cached)
booted per build; builds submitted through the HTTP API, run by a worker,
observed through the API and the host (QEMU processes and overlays left
behind). Each boot costs a few seconds, so each test boots at most once."""

from __future__ import annotations

import glob
import hashlib
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

import pytest

from djinn.api.app import runtime_of
from djinn.infra.db.models import Image, ImageDownload, Object
from djinn.runner.drivers import qemu
from tests.drivers.conftest import engine_missing
from tests.e2e.test_build_runs import _processes_with, finished, jobs, start_worker, submit, wait

BUILD_IMAGE = pathlib.Path(__file__).parent / "qemu" / "build-image.sh"
BOOT_TIMEOUT = 90  # a build's whole run, boot included (about 5 s under software emulation)
DRIVER = "driver: {type: qemu, image: test/tiny}\n"


@pytest.fixture(scope="session")
def test_image(tmp_path_factory):
    """The test image (base.qcow2, id_ed25519) and a server images directory
    holding it as x86_64/test/tiny.qcow2."""
    for tool in ("qemu-system-x86_64", "qemu-img"):
        if shutil.which(tool) is None:
            engine_missing(f"{tool} is not installed (apt-get install qemu-system-x86 qemu-utils)")
    built = subprocess.run(
        ["bash", str(BUILD_IMAGE)], check=False, capture_output=True, text=True, timeout=600
    )
    if built.returncode != 0:
        pytest.fail(f"{BUILD_IMAGE} failed:\n{built.stderr[-3000:]}")
    image = pathlib.Path(built.stdout.strip().splitlines()[-1])
    images = tmp_path_factory.mktemp("qemu-images")
    (images / "x86_64" / "test").mkdir(parents=True)
    shutil.copy(image / "base.qcow2", images / "x86_64" / "test" / "tiny.qcow2")
    return image, images


@pytest.fixture
def run_worker(app, settings, test_image):
    """Start a worker with the qemu driver enabled and `changes` to its settings.
    Software emulation unless DJINN_TEST_QEMU_ACCEL says otherwise: the KVM of
    some nested hosts (the machines this project is built on) cannot boot a VM."""
    image, images = test_image
    started = []

    def run(**changes):
        settings(
            **{
                "drivers": ("os", "qemu"),
                "ssh_key": image / "id_ed25519",
                "qemu_images": images,
                "qemu_memory": 256,
                "qemu_accel": os.environ.get("DJINN_TEST_QEMU_ACCEL", "tcg"),
                "ssh_timeout": 60.0,
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


@pytest.fixture
def vms(tmp_path, monkeypatch):
    """Where this test's VMs keep their overlays (the driver makes its
    directories with tempfile), so what is left is this test's alone."""
    directory = tmp_path / "vms"
    directory.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(directory))
    return directory


@pytest.fixture
def host_service():
    """A service on the host's loopback that greets every connection; its port."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    done = threading.Event()

    def serve():
        while not done.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            with connection:
                connection.sendall(b"hello from the host\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    done.set()
    thread.join(5)
    server.close()


def leftovers(vms: pathlib.Path) -> list:
    """QEMU processes and VM directories of this test still on this host."""
    return _processes_with(str(vms)) + glob.glob(str(vms / "djinn-qemu-*"))


def test_a_build_runs_in_a_vm_with_objects_and_artifacts(client, alice, worker, db, app, vms, host_service):
    user, headers = alice
    content = os.urandom(100_000)
    with db.transaction() as session:
        row = Object(
            author_id=user.id,
            user_id=user.id,
            name="blob.bin",
            type="application/octet-stream",
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
        DRIVER
        + f"""\
objects: [blob.bin => in/blob.bin]
env: [GREETING=hello vm]
stages: [build, check]
jobs:
- stage: build
  commands: [uname -a, echo "$GREETING", 'mkdir -p out && cat in/blob.bin in/blob.bin > out/double.bin']
  artifacts: [out/double.bin => double.bin]
- stage: check
  commands: [id -u, 'test -f out/double.bin', 'nc -w 5 10.0.2.2 {host_service} </dev/null']
""",
    )
    build = finished(client, headers, 1, timeout=BOOT_TIMEOUT)
    by_name = jobs(client, headers, 1)
    assert build["status"] == "passed", {name: j["output"] for name, j in by_name.items()}
    created = by_name["create-driver"]["output"]
    assert "Booting test/tiny (x86_64, 256 MiB, 1 CPU, " in created
    assert "Placed object blob.bin at " in created
    assert "Linux djinn-test " in by_name["build.1"]["output"]
    assert "+ echo 'hello vm'\nhello vm\n" in by_name["build.1"]["output"]
    assert "+ id -u\n0\n" in by_name["check.1"]["output"]
    # QEMU's user network (the default) reaches the host's loopback as 10.0.2.2.
    assert "hello from the host\n" in by_name["check.1"]["output"]
    [artifact] = client.get("/b/alice/1/artifacts", headers=headers).json()
    assert artifact["sha256"] == hashlib.sha256(content + content).hexdigest()
    assert artifact["size"] == 2 * len(content)
    assert leftovers(vms) == []


def upload_image(client, headers, name: str, content: bytes, namespace: str | None = None) -> None:
    params = {"name": name, **({"namespace": namespace} if namespace else {})}
    uploaded = client.post(
        "/images",
        params=params,
        content=content,
        headers={**headers, "Content-Type": "application/x-qemu-disk"},
    )
    assert uploaded.status_code == 201, uploaded.text


def blank_image(tmp_path) -> bytes:
    """A QCOW2 disk with nothing on it: no VM boots from it."""
    path = tmp_path / "blank.qcow2"
    subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", str(path), "16M"], check=True, timeout=30)
    return path.read_bytes()


def test_a_users_image_is_booted_by_name_the_namespaces_first(
    client, alice, worker, test_image, tmp_path, vms
):
    _user, headers = alice
    image, _images = test_image
    assert client.post("/namespaces", json={"name": "proj"}, headers=headers).status_code == 201
    upload_image(client, headers, "mine", (image / "base.qcow2").read_bytes(), namespace="proj")
    upload_image(client, headers, "mine", blank_image(tmp_path))
    submit(
        client,
        headers,
        "namespace: proj\ndriver: {type: qemu, image: mine}\n"
        "stages: [s]\njobs: [{stage: s, commands: [hostname]}]\n",
    )
    build = finished(client, headers, 1, timeout=BOOT_TIMEOUT)
    by_name = jobs(client, headers, 1)
    assert build["status"] == "passed", {name: j["output"] for name, j in by_name.items()}
    assert "Booting mine (x86_64" in by_name["create-driver"]["output"]
    assert "+ hostname\ndjinn-test\n" in by_name["s.1"]["output"]
    assert leftovers(vms) == []


def test_a_vm_that_does_not_boot_fails_the_build_with_its_console(client, alice, run_worker, tmp_path, vms):
    _user, headers = alice
    run_worker(ssh_timeout=3.0)
    upload_image(client, headers, "blank", blank_image(tmp_path))
    submit(
        client,
        headers,
        "driver: {type: qemu, image: blank}\nstages: [s]\njobs: [{stage: s, commands: [echo never]}]\n",
    )
    build = finished(client, headers, 1, timeout=BOOT_TIMEOUT)
    created = jobs(client, headers, 1)["create-driver"]["output"]
    assert build["status"] == "failed"
    assert "Creating the driver failed: Could not connect to 127.0.0.1:" in created
    assert "within 3 s" in created
    assert "The VM's console ended with:\n" in created and "Booting from Hard Disk" in created
    assert leftovers(vms) == []


def test_an_image_that_is_only_a_qcow2_magic_fails_the_build_clearly(client, alice, run_worker, vms):
    """The API takes a file for a QCOW2 image by its magic, whatever its
    length (as the original); one that holds nothing more fails the build at
    create-driver, saying why, before any VM starts."""
    _user, headers = alice
    run_worker()
    upload_image(client, headers, "magic", b"QFI\xfb")
    submit(
        client,
        headers,
        "driver: {type: qemu, image: magic}\nstages: [s]\njobs: [{stage: s, commands: [echo never]}]\n",
    )
    build = finished(client, headers, 1, timeout=BOOT_TIMEOUT)
    created = jobs(client, headers, 1)["create-driver"]["output"]
    assert build["status"] == "failed"
    assert "Creating the driver failed: Could not make the VM's disk from magic: qemu-img:" in created
    assert "Could not open backing image" in created
    assert "Booting" not in created
    assert leftovers(vms) == []


def test_a_vm_without_network_reaches_nothing(client, alice, run_worker, vms, host_service):
    _user, headers = alice
    run_worker(qemu_network="none")
    submit(
        client,
        headers,
        DRIVER
        + f"""\
stages: [s]
jobs:
- stage: s
  commands: ['if nc -w 3 10.0.2.2 {host_service} </dev/null; then echo reached; else echo unreachable; fi']
""",
    )
    build = finished(client, headers, 1, timeout=BOOT_TIMEOUT)
    by_name = jobs(client, headers, 1)
    assert build["status"] == "passed", {name: j["output"] for name, j in by_name.items()}
    assert "(x86_64, 256 MiB, 1 CPU, software emulation, no network)" in by_name["create-driver"]["output"]
    assert "hello from the host" not in by_name["s.1"]["output"]
    assert by_name["s.1"]["output"].endswith("\nunreachable\n")
    assert leftovers(vms) == []


def test_a_port_taken_by_another_program_is_never_connected_to(client, alice, worker, vms, monkeypatch):
    """Between the driver finding a free port and QEMU listening on it, another
    program can take it: QEMU fails, and the driver starts it on another
    port, without ever connecting to the first (it would be sent the build)."""
    _user, headers = alice
    squatter = socket.create_server(("127.0.0.1", 0))
    squatter.settimeout(0.1)
    taken = squatter.getsockname()[1]
    ports = iter([taken])
    real_free_port = qemu._free_port
    monkeypatch.setattr(qemu, "_free_port", lambda: next(ports, None) or real_free_port())
    try:
        submit(client, headers, DRIVER + "stages: [s]\njobs: [{stage: s, commands: [hostname]}]\n")
        build = finished(client, headers, 1, timeout=BOOT_TIMEOUT)
        by_name = jobs(client, headers, 1)
        assert build["status"] == "passed", {name: j["output"] for name, j in by_name.items()}
        assert f"Connecting to 127.0.0.1:{taken} " not in by_name["create-driver"]["output"]
        with pytest.raises(TimeoutError):
            squatter.accept()
    finally:
        squatter.close()
    assert leftovers(vms) == []


def test_killing_a_build_ends_its_vm(client, alice, worker, vms):
    _user, headers = alice
    submit(
        client,
        headers,
        DRIVER + "stages: [wait]\njobs: [{stage: wait, commands: [echo sleeping, sleep 600]}]\n",
    )
    wait(
        client,
        headers,
        "/b/alice/1/jobs",
        lambda js: any(j["name"] == "wait.1" and "sleeping\n" in (j["output"] or "") for j in js),
        timeout=BOOT_TIMEOUT,
    )
    assert _processes_with(str(vms))
    killed_at = time.monotonic()
    assert client.delete("/b/alice/1", headers=headers).status_code == 204
    build = finished(client, headers, 1, timeout=10)
    assert time.monotonic() - killed_at < 5
    assert build["status"] == "killed"
    assert jobs(client, headers, 1)["wait.1"]["status"] == "killed"
    assert leftovers(vms) == []


def test_killing_a_build_while_its_vm_boots(client, alice, worker, vms):
    _user, headers = alice
    submit(client, headers, DRIVER + "stages: [s]\njobs: [{stage: s, commands: [echo never]}]\n")
    wait(
        client,
        headers,
        "/b/alice/1/jobs",
        lambda js: any(j["name"] == "create-driver" and "Connecting to" in (j["output"] or "") for j in js),
        timeout=30,
    )
    killed_at = time.monotonic()
    assert client.delete("/b/alice/1", headers=headers).status_code == 204
    build = finished(client, headers, 1, timeout=10)
    assert time.monotonic() - killed_at < 5
    assert build["status"] == "killed"
    by_name = jobs(client, headers, 1)
    assert by_name["create-driver"]["status"] == "killed"
    assert by_name["s.1"]["output"] is None  # never ran
    assert leftovers(vms) == []


CHILD_SERVER = """
import sys, threading, time, types
from djinn.infra.config import Config
from djinn.runner.drivers.qemu import QemuDriver
image = sys.argv[1]
config = Config(data_dir=sys.argv[2], database_url="sqlite://", base_url="http://djinn.test", secret_key="x",
                ssh_key=f"{image}/id_ed25519", qemu_memory=256, qemu_accel="tcg")
driver = QemuDriver({"type": "qemu", "image": "x", "image_path": f"{image}/base.qcow2", "arch": "x86_64"},
                    types.SimpleNamespace(config=config))
threading.Thread(target=driver.create, args=(lambda chunk: None,), daemon=True).start()
time.sleep(120)
"""


def test_a_vm_does_not_outlive_its_server(test_image, tmp_path, vms):
    """A server killed outright (no destroy) leaves no VM: the VM's watchdog ends it."""
    image, _images = test_image
    server = subprocess.Popen(
        [sys.executable, "-c", CHILD_SERVER, str(image), str(tmp_path)],
        env={**os.environ, "TMPDIR": str(vms)},
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while not any("qemu-system" in _cmdline(pid) for pid in _processes_with(str(vms))):
            assert time.monotonic() < deadline, "QEMU did not start"
            assert server.poll() is None, "the server ended"
            time.sleep(0.1)
    finally:
        server.kill()
        server.wait()
    deadline = time.monotonic() + 5
    while leftovers(vms) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert leftovers(vms) == []


def _cmdline(pid: int) -> str:
    try:
        return pathlib.Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


@pytest.mark.parametrize(
    ("image", "message"),
    [
        (
            "nope",
            "Unknown image 'nope' for x86_64: you have no Image of that name and the server has no x86_64/nope.qcow2",
        ),
        (
            "../x86_64/test/tiny",
            "driver.image '../x86_64/test/tiny': an image name is one or more `/`-separated names",
        ),
        ("/etc/passwd", "driver.image '/etc/passwd': an image name is one or more `/`-separated names"),
        ("test/outside", "driver.image 'test/outside' is outside the server's images"),
    ],
)
def test_an_image_that_is_not_there_fails_the_build(client, alice, worker, test_image, image, message, vms):
    _user, headers = alice
    base, images = test_image
    outside = images / "x86_64" / "test" / "outside.qcow2"
    if not outside.is_symlink():
        outside.symlink_to(base / "base.qcow2")
    # A manifest cannot name the file itself: the runner sets image_path.
    submit(
        client,
        headers,
        f"driver: {{type: qemu, image: '{image}', image_path: '{base}/base.qcow2'}}\n"
        "stages: [s]\njobs: [{stage: s, commands: [echo never]}]\n",
    )
    build = finished(client, headers, 1, timeout=30)
    by_name = jobs(client, headers, 1)
    assert build["status"] == "failed"
    assert f"Creating the driver failed: {message}" in by_name["create-driver"]["output"]
    assert by_name["s.1"]["status"] == "queued"
    assert leftovers(vms) == []


def test_an_image_still_downloading_is_not_booted(client, alice, worker, db, vms):
    user, headers = alice
    with db.transaction() as session:
        image = Image(author_id=user.id, user_id=user.id, name="coming", driver="qemu")
        session.add(image)
        session.flush()
        session.add(ImageDownload(image_id=image.id, source="https://example.com/coming.qcow2"))
    submit(
        client,
        headers,
        "driver: {type: qemu, image: coming}\nstages: [s]\njobs: [{stage: s, commands: [echo never]}]\n",
    )
    assert finished(client, headers, 1, timeout=30)["status"] == "failed"
    assert (
        "Creating the driver failed: Your Image 'coming' is not ready: its download is still running or failed"
        in jobs(client, headers, 1)["create-driver"]["output"]
    )
    assert leftovers(vms) == []
