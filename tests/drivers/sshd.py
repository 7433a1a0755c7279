"""A real OpenSSH sshd on a free loopback port, for the ssh driver's tests.

It runs as root in a private mount namespace where /root is a temporary
directory, so a build that places keys in /root/.ssh (or anything else in
root's home) never touches the real one. Its host key and the client key the
server logs in with are fresh for each instance.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import socket
import subprocess
import threading
import time
from typing import Self

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

SSHD = "/usr/sbin/sshd"
START_TIMEOUT = 10.0


def missing() -> str | None:
    """Why an sshd cannot be run here, or None."""
    if not os.path.exists(SSHD):
        return f"{SSHD} is not installed (apt-get install openssh-server)"
    if shutil.which("unshare") is None:
        return "unshare (util-linux) is not installed"
    if os.geteuid() != 0:
        return "the sshd fixture runs sshd as root in its own mount namespace: the tests must run as root"
    return None


def write_key(path: pathlib.Path) -> str:
    """A fresh ed25519 private key at `path` (0600); returns its public key line."""
    key = ed25519.Ed25519PrivateKey.generate()
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, serialization.NoEncryption()
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(private)
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
        .decode()
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sshd:
    """`with Sshd(tmp_path) as sshd:` sshd.port, sshd.client_key, sshd.host_key, sshd.root.

    With `authorize_after` (seconds), the client key is authorized only that
    long after sshd listens (as on a VM whose cloud-init writes root's
    authorized_keys after sshd started); logins are refused until then.
    """

    def __init__(self, directory: pathlib.Path, authorize_after: float | None = None):
        self.directory = directory
        self.root = directory / "root"  # what jobs see as /root
        self.client_key = directory / "client_key"
        self.authorized_keys = directory / "authorized_keys"
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.authorize_after = authorize_after
        self._authorizer: threading.Timer | None = None

    def __enter__(self) -> Self:
        self.root.mkdir(mode=0o700)
        self.host_key = write_key(self.directory / "host_key")
        self.client_public_key = write_key(self.client_key)
        if self.authorize_after is None:
            self.authorize()
        config = self.directory / "sshd_config"
        config.write_text(
            f"Port {self.port}\nListenAddress 127.0.0.1\nHostKey {self.directory / 'host_key'}\n"
            f"PidFile none\nAuthorizedKeysFile {self.authorized_keys}\n"
            "PermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
            "UsePAM no\nStrictModes no\nSubsystem sftp internal-sftp\n"
        )
        pathlib.Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
        self.log = open(self.directory / "sshd.log", "wb")
        self.process = subprocess.Popen(
            [
                "unshare",
                "-m",
                "--propagation",
                "private",
                "sh",
                "-c",
                f'mount --bind "$1" /root && exec {SSHD} -D -e -f "$2"',
                "sshd",
                str(self.root),
                str(config),
            ],
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while not self._listening():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.__exit__(None, None, None)
                raise RuntimeError(f"sshd did not start: {(self.directory / 'sshd.log').read_text()}")
            time.sleep(0.05)
        if self.authorize_after is not None:
            self._authorizer = threading.Timer(self.authorize_after, self.authorize)
            self._authorizer.start()
        return self

    def authorize(self) -> None:
        """Authorize the client key (written aside and renamed: sshd never reads half a file)."""
        draft = self.authorized_keys.with_name("authorized_keys.draft")
        draft.write_text(self.client_public_key + "\n")
        draft.replace(self.authorized_keys)

    def _listening(self) -> bool:
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
            return True
        except OSError:
            return False

    def __exit__(self, *_exc) -> None:
        if self._authorizer is not None:
            self._authorizer.cancel()
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.log.close()
