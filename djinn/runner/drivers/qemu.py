"""The `qemu` driver: each build boots its own virtual machine and runs its
jobs in it as `root`, over SSH, like the `ssh` driver (which it extends).

The manifest names the image (`driver.image`) and may name the machine's
architecture (`driver.arch`, `x86_64` by default). The image is the build
user's own Image of that name (one in the build's namespace first, then one
of the user's without namespace), else the server's `<DJINN_QEMU_IMAGES>/<arch>/<image>.qcow2`
(`<data_dir>/images` by default; a name may have `/`-separated parts, but
never leads out of that directory). The runner finds the user's Image
(`image_settings`, with the database session); the server's own is found here.

The image itself is never written: the VM boots from a throwaway QCOW2 overlay
in a private temporary directory, with `DJINN_QEMU_MEMORY` MiB and
`DJINN_QEMU_CPUS` CPUs, on KVM or in software (`DJINN_QEMU_ACCEL`), with
QEMU's user network or none (`DJINN_QEMU_NETWORK`), and the guest's port 22
forwarded to a free loopback port. The server logs in there as root with its
SSH key (`DJINN_SSH_KEY`), retrying until `DJINN_SSH_TIMEOUT` seconds while
the VM boots; the image must accept that key. The VM's serial console goes to
a file whose end is shown in the create-driver job when the VM does not come
up (with QEMU's own first messages).

QEMU runs in its own process group; a kill ends it (SIGTERM, then SIGKILL),
which ends everything the build ran; destroy also removes the overlay. A
watchdog does both should the server die without destroying the driver.
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import platform
import re
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import threading
import time

import paramiko
from sqlalchemy import select
from sqlalchemy.orm import Session

from djinn.domain.builds import submitter_id
from djinn.domain.images import ready
from djinn.infra.db.models import Build, Image
from djinn.infra.storage import Store
from djinn.runner import Context, DriverError, Output, register, watchdog
from djinn.runner.drivers.ssh import SSHDriver

DEFAULT_ARCH = "x86_64"
ARCH = re.compile(r"^[a-z0-9_]+$")
# After SIGTERM, how long QEMU gets before SIGKILL.
TERM_GRACE = 2.0
# How much of the serial console (and of QEMU's own messages) a failed boot shows.
CONSOLE_TAIL = 4000
CONSOLE_LINES = 30
QEMU_LINES = 4
# How long QEMU may take to listen on the forwarded port, and how many ports
# are tried (another program can take one before QEMU does).
FORWARD_TIMEOUT = 10.0
PORT_ATTEMPTS = 3
TCP_LISTEN = "0A"  # the state column of /proc/net/tcp
# How often a booting VM is checked on (QEMU still running, KVM still happy).
BOOT_CHECK_EVERY = 0.25
# Each VM has a watchdog (djinn.runner.watchdog): should the server die
# without destroying the driver, it ends QEMU's process group and removes
# the VM's directory, so no VM outlives its server.
# The settings keys the runner puts a user's Image file under, or says that
# the user's Image is not ready under (never taken from a manifest).
IMAGE_PATH = "image_path"
IMAGE_NOT_READY = "image_not_ready"
BLANK_LINES = re.compile(r"\n{3,}")
CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[A-Za-z]|[\x00-\x08\x0b-\x1f\x7f]")


def image_settings(session: Session, store: Store, build: Build, settings: dict[str, str]) -> dict[str, str]:
    """The driver settings with `image_path` set to the file of the ready
    Image named `settings["image"]`, when there is one (the build's namespace
    first, then the submitter's own without namespace). An
    `image_path` from the manifest is always dropped."""
    settings = {key: value for key, value in settings.items() if key not in (IMAGE_PATH, IMAGE_NOT_READY)}
    name = settings.get("image")
    if not name:
        return settings
    places = []
    if build.namespace_id is not None:
        places.append(Image.namespace_id == build.namespace_id)
    places.append((Image.user_id == submitter_id(session, build)) & Image.namespace_id.is_(None))
    for place in places:
        row = session.execute(select(Image).where(place, Image.name == name, Image.driver == "qemu")).scalar()
        if row is not None and ready(row):
            settings[IMAGE_PATH] = str(store.path("images", row.id))
            settings.pop(IMAGE_NOT_READY, None)
            break
        if row is not None:
            settings[IMAGE_NOT_READY] = "yes"
    return settings


def server_image(images: pathlib.Path, arch: str, name: str) -> pathlib.Path:
    """`<images>/<arch>/<name>.qcow2`, refused when the name could lead out of it."""
    parts = name.split("/")
    if name.startswith("/") or any(part in ("", ".", "..") for part in parts):
        raise DriverError(
            f"driver.image {name!r}: an image name is one or more `/`-separated names, without `..`"
        )
    base = (images / arch).resolve()
    path = (base / f"{name}.qcow2").resolve()
    if not path.is_relative_to(base):
        raise DriverError(f"driver.image {name!r} is outside the server's images")
    if not path.is_file():
        raise DriverError(
            f"Unknown image {name!r} for {arch}: you have no Image of that name and the server has no {arch}/{name}.qcow2"
        )
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]  # an AF_INET address: (host, port)
        return port


def _listens(pid: int, port: int) -> bool:
    """Whether process `pid` holds a TCP socket listening on 127.0.0.1:`port` (Linux's /proc)."""
    (address,) = struct.unpack("=I", socket.inet_aton("127.0.0.1"))
    wanted = f"{address:08X}:{port:04X}"
    sockets = set()
    try:
        with open("/proc/net/tcp") as table:
            next(table)
            for line in table:
                fields = line.split()
                if fields[1] == wanted and fields[3] == TCP_LISTEN:
                    sockets.add(f"socket:[{fields[9]}]")
        if not sockets:
            return False
        for fd in os.scandir(f"/proc/{pid}/fd"):
            with contextlib.suppress(OSError):
                if os.readlink(fd.path) in sockets:
                    return True
    except OSError:
        pass
    return False


def _accelerator(setting: str, arch: str) -> str:
    """ "kvm" or "tcg" for DJINN_QEMU_ACCEL `setting` ("auto": KVM when /dev/kvm
    can be used for a machine of the host's own architecture)."""
    if setting not in ("auto", "kvm", "tcg"):
        raise DriverError(f"The server's DJINN_QEMU_ACCEL is {setting!r}: it must be auto, kvm or tcg")
    if setting == "auto":
        usable = arch == platform.machine() and os.access("/dev/kvm", os.R_OK | os.W_OK)
        return "kvm" if usable else "tcg"
    return setting


def _text(path: pathlib.Path, end: bool = True) -> str:
    """Up to CONSOLE_TAIL bytes of a console or log file (its end, or its
    start), readable: no control characters, no runs of blank lines."""
    try:
        with open(path, "rb") as f:
            if end:
                f.seek(max(0, f.seek(0, os.SEEK_END) - CONSOLE_TAIL))
            text = f.read(CONSOLE_TAIL).decode(errors="replace")
    except OSError:
        return ""
    lines = [line.rstrip() for line in CONTROL.sub("", text.replace("\r\n", "\n")).split("\n")]
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


@register("qemu", prepare=image_settings)
class QemuDriver(SSHDriver):
    retry_login = True  # a VM's cloud-init may authorize the key after its sshd started

    def __init__(self, settings: dict[str, str], context: Context):
        super().__init__(settings, context, host="127.0.0.1", port=22, check_address=False)
        self.arch = settings.get("arch") or DEFAULT_ARCH
        self.vm_dir: pathlib.Path | None = None
        self._qemu: subprocess.Popen[bytes] | None = None
        self._watchdog: subprocess.Popen[bytes] | None = None
        self._boot_failure: str | None = None

    def create(self, log: Output) -> None:
        if not ARCH.match(self.arch):
            raise DriverError(f"driver.arch {self.arch!r} is not an architecture name")
        emulator = shutil.which(f"qemu-system-{self.arch}")
        if emulator is None:
            raise DriverError(
                f"This worker cannot run {self.arch} machines (qemu-system-{self.arch} is not installed)"
            )
        accel = _accelerator(self.config.qemu_accel, self.arch)
        network = self.config.qemu_network
        if network not in ("user", "none"):
            raise DriverError(f"The server's DJINN_QEMU_NETWORK is {network!r}: it must be user or none")
        # restrict=on cuts the VM off from every network; the SSH forward still works.
        restrict = ",restrict=on" if network == "none" else ""
        image = self._image()
        with self._lock:
            if self._killed.is_set():
                raise DriverError("Stopped before the VM started")
            self.vm_dir = pathlib.Path(tempfile.mkdtemp(prefix="djinn-qemu-"))
        overlay = self.vm_dir / "overlay.qcow2"
        made = subprocess.run(
            ["qemu-img", "create", "-q", "-f", "qcow2", "-b", str(image), "-F", "qcow2", str(overlay)],
            check=False,
            capture_output=True,
            timeout=60,
        )
        if made.returncode != 0:
            raise DriverError(
                f"Could not make the VM's disk from {self.settings['image']}: "
                f"{made.stderr.decode(errors='replace').strip()}"
            )
        memory, cpus = self.config.qemu_memory, self.config.qemu_cpus
        log(
            f"Booting {self.settings['image']} ({self.arch}, {memory} MiB, {cpus} CPU, "
            f"{'KVM' if accel == 'kvm' else 'software emulation'}{', no network' if restrict else ''})\n".encode()
        )
        for attempt in range(1, PORT_ATTEMPTS + 1):
            self.port = _free_port()
            self._start(
                [
                    emulator,
                    "-name",
                    "djinn-build",
                    "-m",
                    str(memory),
                    "-smp",
                    str(cpus),
                    "-accel",
                    accel,
                    "-nographic",
                    "-no-reboot",
                    "-monitor",
                    "none",
                    "-serial",
                    "file:console.log",  # in vm_dir, its cwd
                    "-drive",
                    f"file={str(overlay).replace(',', ',,')},if=virtio,format=qcow2",
                    "-netdev",
                    f"user,id=net0,hostfwd=tcp:127.0.0.1:{self.port}-:22{restrict}",
                    "-device",
                    "virtio-net-pci,netdev=net0",
                ]
            )
            problem = self._wait_for_forward()
            if problem is None:
                break
            # Another program took the port between our check and QEMU's: another one.
            taken = "host forwarding" in _text(self.vm_dir / "qemu.log", end=False)
            if not taken or attempt == PORT_ATTEMPTS:
                raise DriverError(f"{problem}{self._boot_report()}")
            self._stop_vm()
        booted = threading.Event()
        threading.Thread(target=self._watch_boot, args=(booted,), daemon=True, name="djinn-qemu-boot").start()
        try:
            super().create(log)
        except DriverError as e:
            if self._killed.is_set():
                raise
            raise DriverError(f"{self._boot_failure or e}{self._boot_report()}") from None
        finally:
            booted.set()

    def _start(self, command: list[str]) -> None:
        """QEMU in its own process group, and its watchdog."""
        assert self.vm_dir is not None
        with self._lock:
            if self._killed.is_set():
                raise DriverError("Stopped before the VM started")
            with open(self.vm_dir / "qemu.log", "wb") as messages:
                self._qemu = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=messages,
                    stderr=subprocess.STDOUT,
                    cwd=self.vm_dir,
                    start_new_session=True,
                )
            self._watchdog = watchdog.watch("djinn-qemu-watchdog", self.vm_dir, pgid=self._qemu.pid)

    def _wait_for_forward(self) -> str | None:
        """Wait until QEMU itself listens on the forwarded port; why not, if it
        does not. Only then is the port connected to: a program that took it
        first is never sent the build's commands and secrets."""
        assert self._qemu is not None and self.port is not None
        deadline = time.monotonic() + FORWARD_TIMEOUT
        while True:
            if self._killed.is_set():
                raise DriverError("Stopped while the VM started")
            if self._qemu.poll() is not None:
                return f"The VM stopped while starting (QEMU exit status {self._qemu.returncode})"
            if _listens(self._qemu.pid, self.port):
                return None
            if time.monotonic() > deadline:
                return f"QEMU did not listen on 127.0.0.1:{self.port} within {FORWARD_TIMEOUT:g} s"
            time.sleep(0.05)

    def _image(self) -> pathlib.Path:
        name = self.settings["image"]
        if self.settings.get(IMAGE_PATH):
            path = pathlib.Path(self.settings[IMAGE_PATH])
            if not path.is_file():
                raise DriverError(f"The file of your Image {name!r} is missing on this worker")
            return path.resolve()
        images = self.config.qemu_images or pathlib.Path(self.config.data_dir) / "images"
        try:
            return server_image(pathlib.Path(images), self.arch, name)
        except DriverError:
            if self.settings.get(IMAGE_NOT_READY):
                raise DriverError(
                    f"Your Image {name!r} is not ready: its download is still running or failed (GET /images)"
                ) from None
            raise

    def _watch_boot(self, booted: threading.Event) -> None:
        """Until the VM answers: when QEMU ends, or KVM gives up on the VM,
        the connection attempt under way is cut short (it would wait for its
        own timeout) and no other is made."""
        while not booted.wait(BOOT_CHECK_EVERY):
            problem = self._boot_problem()
            if problem:
                self._boot_failure = problem
                self._close_transport()
                return

    def _boot_problem(self) -> str | None:
        if self._qemu is None or self.vm_dir is None:
            return None
        if self._qemu.poll() is not None:
            return f"The VM stopped while booting (QEMU exit status {self._qemu.returncode})"
        if "KVM internal error" in _text(self.vm_dir / "qemu.log", end=False):
            return "KVM could not run the VM (the server's DJINN_QEMU_ACCEL=tcg avoids KVM)"
        return None

    def _handshake(self, ip: str, pinned: paramiko.PKey | None, timeout: float) -> paramiko.Transport:
        if self._boot_failure:
            raise DriverError(self._boot_failure)
        return super()._handshake(ip, pinned, timeout)

    def _boot_report(self) -> str:
        """QEMU's messages and the end of the VM's console, for a failed boot."""
        if self.vm_dir is None:
            return ""
        report = ""
        # QEMU's first lines say what went wrong (a register dump may follow).
        messages = "\n".join(_text(self.vm_dir / "qemu.log", end=False).splitlines()[:QEMU_LINES])
        if messages:
            report += f"\nQEMU said:\n{messages}"
        console = "\n".join(_text(self.vm_dir / "console.log").splitlines()[-CONSOLE_LINES:])
        report += (
            f"\nThe VM's console ended with:\n{console}" if console else "\nThe VM's console stayed empty"
        )
        return report

    def kill(self) -> None:
        # Ending the VM ends everything the build ran in it, at once; with
        # the connection closed too, the ssh half gives up at once instead of
        # signalling the job's processes in a VM that is gone.
        self._killed.set()
        self._stop_vm()
        transport = self._transport
        if transport is not None:
            transport.close()
        super().kill()

    def _stop_vm(self) -> None:
        """SIGTERM to QEMU's process group, SIGKILL after a grace; then its
        watchdog, no longer needed."""
        with self._lock:
            qemu, vm_watchdog = self._qemu, self._watchdog
        if qemu is not None and qemu.poll() is None:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(qemu.pid, sig)
                except (ProcessLookupError, PermissionError):
                    pass
                try:
                    qemu.wait(TERM_GRACE)
                    break
                except subprocess.TimeoutExpired:
                    continue
        watchdog.release(vm_watchdog)

    def destroy(self) -> None:
        try:
            super().destroy()
        finally:
            self._stop_vm()
            if self.vm_dir is not None:
                shutil.rmtree(self.vm_dir, ignore_errors=True)
