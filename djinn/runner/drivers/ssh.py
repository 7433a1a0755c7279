"""The `ssh` driver: jobs run as `root` on another machine, over SSH.

The manifest names the machine (`driver.address`: `host`, `host:port` or
`[v6]:port`; port 22 by default) and may pin its host key (`driver.host_key`,
an OpenSSH public key line): a server with another key fails the build. The
server logs in with its own key (`DJINN_SSH_KEY`, or `<data_dir>/ssh/id_ed25519`
made on first use; `djinn ssh-key` prints the public half to authorize).

Before connecting, the host is resolved and refused unless every address is
public or inside the `DJINN_SSH_ALLOW` networks (the same rule as outgoing
downloads, djinn.infra.netguard); the connection goes to the address that was
checked. Connecting is retried until `DJINN_SSH_TIMEOUT` seconds (a machine
still booting refuses at first); a refused login fails at once, unless the
class says `retry_login` (the qemu driver: a VM's cloud-init may write root's
authorized_keys after its sshd started). Each build gets a fresh directory
made by `mktemp -d` on the remote: jobs start in its `workspace`; relative
object and artifact paths resolve there, absolute ones are used as they are
(the remote is the build's own machine). Objects and artifacts travel over
SFTP.

A job runs in its own session on the remote (`setsid`), so when it ends
whatever it left running ends too, and a kill (over a second channel) ends
all of it: SIGTERM, then SIGKILL. sshd usually refuses to pass environment
variables, so the build's env is exported by a 0600 script in the build's
private (0700) directory, which removes itself as soon as the shell has it
open.

The qemu driver reuses this one: `SSHDriver(settings, context, host=..., port=...,
check_address=False)` needs no `address` in `settings`; `create(log)`
connects (retrying until the timeout) and makes the workspace; `kill` and
`destroy` end the jobs and remove the workspace; `home` is the remote user's
home directory as the remote reports it. (The qemu driver, a subclass, also
uses `_lock`, `_killed`, sets `retry_login` and overrides
`_handshake(ip, pinned, timeout)`: keep them.)
"""

from __future__ import annotations

import base64
import logging
import os
import pathlib
import posixpath
import re
import shlex
import socket
import stat
import threading
import time
from collections.abc import Iterable
from typing import BinaryIO

import paramiko
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from paramiko.ssh_exception import IncompatiblePeer

from djinn.infra.config import Config
from djinn.infra.netguard import Guard, Refused
from djinn.runner import Context, Driver, DriverError, Output, register

USER = "root"
DEFAULT_PORT = 22
READ_SIZE = 32 * 1024
# Seconds between connection attempts while the host does not answer yet.
RETRY_EVERY = 1.0
# Longest wait for one TCP connect or SSH handshake within the overall timeout.
ATTEMPT_TIMEOUT = 15.0
# After SIGTERM, how long a job's processes get before SIGKILL.
TERM_GRACE = 2.0
# How long a job's output may stay open after the job ended (a process that
# left its session can hold it), and how long small remote commands may take.
DRAIN_TIMEOUT = 5.0
COMMAND_TIMEOUT = 30.0
ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
PGID_LINE = re.compile(rb"^djinn-pgid (\d+)$")
# Paramiko logs every failed attempt (a booting VM fails many) with a
# traceback at ERROR; what matters reaches the build's output as a DriverError.
PARAMIKO_LOG = "djinn.runner.ssh.paramiko"
# The host key algorithms paramiko negotiates for a key type.
HOST_KEY_ALGORITHMS = {"ssh-rsa": ("rsa-sha2-512", "rsa-sha2-256")}


_quiet = logging.getLogger(PARAMIKO_LOG)
_quiet.addHandler(logging.NullHandler())
_quiet.propagate = False


class HostKeyMismatch(DriverError):
    """The host's key is not the one driver.host_key names (never retried)."""


def login_key_path(config: Config) -> pathlib.Path:
    """The private key the server logs in with; made (ed25519, 0600, with a
    `.pub`) on first use when DJINN_SSH_KEY is not set."""
    if config.ssh_key is not None:
        return pathlib.Path(config.ssh_key)
    path = pathlib.Path(config.data_dir) / "ssh" / "id_ed25519"
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        key = ed25519.Ed25519PrivateKey.generate()
        private = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, serialization.NoEncryption()
        )
        public = key.public_key().public_bytes(
            serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH
        )
        # Written aside and linked into place: two builds starting at once
        # both end up with the one key that won, never half a file.
        draft = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(private)
        try:
            os.link(draft, path)
            path.with_name(path.name + ".pub").write_bytes(public + b" djinn\n")
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path


def public_key_line(config: Config) -> str:
    """The OpenSSH public key line of the server's login key, for a build
    host's `authorized_keys`."""
    key = _load_key(login_key_path(config))
    return f"{key.get_name()} {key.get_base64()} djinn"


def _load_key(path: pathlib.Path) -> paramiko.PKey:
    try:
        return paramiko.PKey.from_path(path)
    except FileNotFoundError:
        raise DriverError(f"The server's SSH key {path} does not exist (DJINN_SSH_KEY)") from None
    except (TypeError, ValueError, paramiko.SSHException) as e:
        raise DriverError(
            f"The server's SSH key {path} cannot be used ({e or type(e).__name__}); it must be an unencrypted"
            " ed25519, ECDSA or RSA private key"
        ) from None


def parse_address(address: str) -> tuple[str, int]:
    """`host`, `host:port`, `[v6]` or `[v6]:port` (a bare IPv6 address has no port)."""
    address = address.strip()
    host, port = address, ""
    if address.startswith("["):
        host, _, rest = address[1:].partition("]")
        if rest and not rest.startswith(":"):
            raise DriverError(f"driver.address {address!r} is not host:port")
        port = rest[1:]
    elif address.count(":") == 1:
        host, port = address.split(":")
    if not host:
        raise DriverError(f"driver.address {address!r} has no host")
    if not port:
        return host, DEFAULT_PORT
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise DriverError(f"driver.address {address!r}: the port must be a number from 1 to 65535")
    return host, int(port)


def checked_address(host: str, port: int, allow: Iterable[str]) -> str:
    """The one address to connect to: refused unless every address `host`
    resolves to is public or in `allow` (CIDRs)."""
    try:
        return Guard(allow).resolve(host, port)
    except Refused as e:
        if str(e).startswith("Refused"):
            raise DriverError(
                f"{e} (the server's DJINN_SSH_ALLOW lists the networks builds may reach besides public ones)"
            ) from None
        raise DriverError(str(e)) from None


def _pinned_key(line: str) -> paramiko.PKey:
    parts = line.split()
    if len(parts) < 2:
        raise DriverError("driver.host_key must be an OpenSSH public key line (`ssh-ed25519 AAAA...`)")
    try:
        return paramiko.PKey.from_type_string(parts[0], base64.b64decode(parts[1], validate=True))
    except (ValueError, paramiko.SSHException) as e:
        raise DriverError(f"driver.host_key is not a usable public key ({e or type(e).__name__})") from None


@register("ssh")
class SSHDriver(Driver):
    #: Whether a refused login is retried until the timeout like a refused
    #: connection: a machine still booting may not have authorized the key
    #: yet (the qemu driver); a build host that refuses it fails at once.
    retry_login = False

    def __init__(
        self,
        settings: dict[str, str],
        context: Context,
        *,
        host: str | None = None,
        port: int | None = None,
        check_address: bool = True,
    ):
        self.settings = settings
        self.config = context.config
        # From driver.address when not given (parsed in create, so that a
        # bad address is reported in the create-driver job's output).
        self.host, self.port = host, port
        self.check_address = check_address
        self.home = "/root"
        self.root: str | None = None  # the build's private directory on the remote
        self.workspace: str | None = None
        self._socket: socket.socket | None = None
        self._transport: paramiko.Transport | None = None
        self._sftp: paramiko.SFTPClient | None = None
        self._lock = threading.Lock()
        self._killed = threading.Event()
        self._jobs = 0
        self._channel: paramiko.Channel | None = None
        self._pgid: int | None = None
        self._job_done = threading.Event()
        self._job_done.set()  # set while no job runs

    # ------------------------------------------------------------ create

    def create(self, log: Output) -> None:
        if self.host is None:
            if not self.settings.get("address"):
                raise DriverError("driver.address is required (host or host:port)")
            self.host, port = parse_address(self.settings["address"])
            self.port = self.port or port
        self.port = self.port or DEFAULT_PORT
        key = _load_key(login_key_path(self.config))
        pinned = _pinned_key(self.settings["host_key"]) if self.settings.get("host_key") else None
        ip = self.host
        if self.check_address:
            ip = checked_address(self.host, self.port, self.config.ssh_allow)
        where = f"{self.host}:{self.port}" if ip == self.host else f"{self.host}:{self.port} ({ip})"
        log(f"Connecting to {where} as {USER}\n".encode())
        transport = self._connect(ip, key, pinned, where, log)
        status, out, err = self._command(
            'printf "%s\\n" "$HOME" && d=$(mktemp -d "${TMPDIR:-/tmp}/djinn-build.XXXXXX")'
            ' && mkdir "$d/workspace" "$d/scripts" && printf "%s\\n" "$d"'
        )
        lines = out.decode(errors="replace").splitlines()
        if status != 0 or len(lines) != 2:
            raise DriverError(
                f"Could not make a workspace on {where}: {err.decode(errors='replace').strip()}"
            )
        self.home, self.root = lines[0] or "/", lines[1]
        self.workspace = f"{self.root}/workspace"
        self._sftp = transport.open_sftp_client()
        channel = self._sftp.get_channel()
        assert channel is not None  # an SFTP client opened on a transport has its channel
        channel.settimeout(COMMAND_TIMEOUT)  # a host gone silent fails a transfer
        log(f"Created workspace {self.workspace} on {self.host}\n".encode())

    def _connect(
        self, ip: str, key: paramiko.PKey, pinned: paramiko.PKey | None, where: str, log: Output
    ) -> paramiko.Transport:
        """A transport whose host key is checked and where the server is logged
        in, retried until the timeout; a refused login is retried too when
        `retry_login` (else it fails at once)."""
        timeout = self.config.ssh_timeout
        deadline = time.monotonic() + timeout
        shown = None  # the host key last shown in the log
        refused = False
        while True:
            remaining = deadline - time.monotonic()
            if self._killed.is_set():
                raise DriverError("Stopped while connecting")
            try:
                transport = self._handshake(ip, pinned, min(ATTEMPT_TIMEOUT, max(remaining, 0.1)))
                server_key = transport.get_remote_server_key()
                if (server_key.get_name(), server_key.asbytes()) != shown:
                    shown = server_key.get_name(), server_key.asbytes()
                    checked = (
                        "matches driver.host_key"
                        if pinned
                        else "(not checked: set driver.host_key to pin it)"
                    )
                    log(f"Host key {server_key.get_name()} {server_key.fingerprint} {checked}\n".encode())
                transport.auth_publickey(USER, key)
                return transport
            except IncompatiblePeer as e:
                offered = f" (driver.host_key is of type {pinned.get_name()})" if pinned is not None else ""
                raise DriverError(
                    f"{where} and this server have no algorithm in common: {e}{offered}"
                ) from None
            except paramiko.AuthenticationException:
                self._close_transport()
                if self._killed.is_set():
                    raise DriverError("Stopped while connecting") from None
                if not self.retry_login:
                    raise DriverError(
                        f"{where} refused the server's key for {USER} (add the output of `djinn ssh-key` to"
                        f" {USER}'s authorized_keys there)"
                    ) from None
                if not refused:
                    refused = True
                    log(
                        f"{where} refused the server's key for {USER}: retrying until {timeout:g} s have passed"
                        f" (the machine may still be setting up {USER}'s authorized_keys)\n".encode()
                    )
                if time.monotonic() + RETRY_EVERY > deadline:
                    raise DriverError(
                        f"{where} kept refusing the server's key for {USER} until the {timeout:g} s wait"
                        f" (DJINN_SSH_TIMEOUT) ran out: the machine must authorize the output of `djinn ssh-key`"
                        f" for {USER}"
                    ) from None
                self._killed.wait(RETRY_EVERY)
            except (OSError, EOFError, paramiko.SSHException) as e:
                self._close_transport()
                if time.monotonic() + RETRY_EVERY > deadline:
                    before = f" (it had refused the server's key for {USER} before)" if refused else ""
                    raise DriverError(
                        f"Could not connect to {where} within {timeout:g} s: {e or type(e).__name__}{before}"
                    ) from None
                self._killed.wait(RETRY_EVERY)

    def _handshake(self, ip: str, pinned: paramiko.PKey | None, timeout: float) -> paramiko.Transport:
        sock = socket.create_connection((ip, self.port), timeout=timeout)
        with self._lock:
            self._socket = sock
            if self._killed.is_set():
                raise OSError("stopped")
        transport = paramiko.Transport(sock)
        transport.set_log_channel(PARAMIKO_LOG)
        with self._lock:
            self._transport = transport
            if self._killed.is_set():
                raise OSError("stopped")
        transport.banner_timeout = transport.handshake_timeout = timeout
        if pinned is not None:
            wanted = HOST_KEY_ALGORITHMS.get(pinned.get_name(), (pinned.get_name(),))
            options = transport.get_security_options()
            offered = [a for a in wanted if a in options.key_types]
            if not offered:
                raise DriverError(f"driver.host_key: keys of type {pinned.get_name()} are not supported")
            options.key_types = offered
        transport.start_client(timeout=timeout)
        server_key = transport.get_remote_server_key()
        if pinned is not None and (server_key.get_name(), server_key.asbytes()) != (
            pinned.get_name(),
            pinned.asbytes(),
        ):
            raise HostKeyMismatch(
                f"The host key of {ip}:{self.port} ({server_key.get_name()} {server_key.fingerprint}) does not"
                f" match driver.host_key ({pinned.get_name()} {pinned.fingerprint})"
            )
        return transport

    def _command(self, command: str, timeout: float = COMMAND_TIMEOUT) -> tuple[int, bytes, bytes]:
        """Run a short command on the remote: its exit status, stdout, stderr."""
        if self._transport is None:
            raise DriverError("not connected")
        channel = self._transport.open_session(timeout=timeout)
        try:
            channel.settimeout(timeout)
            channel.exec_command(command)
            channel.shutdown_write()
            out, err = channel.makefile("rb").read(), channel.makefile_stderr("rb").read()
            return channel.recv_exit_status(), out, err
        except TimeoutError:
            raise DriverError(f"The remote did not answer within {timeout:g} s") from None
        finally:
            channel.close()

    # ------------------------------------------------------------ files

    def _path(self, path: str) -> str:
        assert self.workspace is not None
        return posixpath.normpath(posixpath.join(self.workspace, path))

    def place(self, destination: str, source: BinaryIO, mode: int = 0o644) -> str:
        if self._sftp is None:
            raise DriverError("not connected")
        target = self._path(destination)
        # The file is made empty with its final mode before any byte is
        # written (an SFTP open makes it 0644 first: no good for keys).
        quoted = shlex.quote(target)
        mkdir = f"mkdir -p -- {shlex.quote(posixpath.dirname(target))}"
        if not mode & 0o077:  # a private file (a key): new directories above it are private too
            mkdir = f"(umask 077 && {mkdir})"
        status, _out, err = self._command(
            f"{mkdir} && (umask 077 && : > {quoted}) && chmod {mode & 0o7777:o} {quoted}"
        )
        if status != 0:
            raise DriverError(err.decode(errors="replace").strip() or f"{destination}: cannot be written")
        try:
            with self._sftp.open(target, "wb") as out:
                out.set_pipelined(True)
                while chunk := source.read(READ_SIZE):
                    out.write(chunk)
        except (OSError, EOFError, paramiko.SSHException) as e:
            raise DriverError(f"{destination}: {e or type(e).__name__}") from None
        return target

    def collect(self, path: str) -> paramiko.SFTPFile:
        if self._sftp is None:
            raise DriverError("not connected")
        target = self._path(path)
        try:
            attributes = self._sftp.stat(target)
            if not stat.S_ISREG(attributes.st_mode or 0):
                raise DriverError(f"{path}: not a regular file")
            stream = self._sftp.open(target, "rb")
        except FileNotFoundError:
            raise DriverError(f"{path}: no such file") from None
        except (OSError, EOFError, paramiko.SSHException) as e:
            raise DriverError(f"{path}: {e or type(e).__name__}") from None
        stream.prefetch(attributes.st_size)
        return stream

    # ------------------------------------------------------------ jobs

    def execute(self, script: str, env: dict[str, str], output: Output) -> int:
        if self._sftp is None or self._transport is None or self.root is None:
            raise DriverError("not connected")
        with self._lock:
            if self._killed.is_set():
                return -9
            self._jobs += 1
        job = f"{self.root}/scripts/job-{self._jobs}.sh"
        run = f"{self.root}/scripts/run-{self._jobs}.sh"
        self._write(job, script.encode())
        self._write(run, self._runner(job, env, output).encode())
        channel = self._transport.open_session(timeout=COMMAND_TIMEOUT)
        with self._lock:
            if self._killed.is_set():  # killed while the scripts were uploaded
                channel.close()
                return -9
            self._channel, self._pgid = channel, None
            self._job_done.clear()
        try:
            channel.exec_command(f"/bin/sh {shlex.quote(run)}")
            channel.shutdown_write()
            return self._pump(channel, output)
        finally:
            with self._lock:
                self._channel = None
                self._job_done.set()
            channel.close()
            if not self._killed.is_set():
                self._quietly(f"rm -f -- {shlex.quote(job)} {shlex.quote(run)}")

    def _write(self, path: str, content: bytes) -> None:
        """A file in the build's private directory (0700, so no one else can read it)."""
        assert self._sftp is not None
        try:
            with self._sftp.open(path, "wb") as out:
                out.chmod(0o600)
                out.write(content)
        except (OSError, EOFError, paramiko.SSHException) as e:
            raise DriverError(f"Could not upload the job's script: {e or type(e).__name__}") from None

    def _runner(self, job: str, env: dict[str, str], output: Output) -> str:
        """The script that exports the env and runs the job in its own session."""
        exports = []
        for name, value in env.items():
            if ENV_NAME.match(name):
                exports.append(f"export {name}={shlex.quote(value)}\n")
            else:
                output(f"(variable {name!r} skipped: not a valid shell variable name)\n".encode())
        return (
            'rm -f -- "$0"\n'  # the env (secrets) leaves the disk as soon as the shell has it open
            f"cd {shlex.quote(self.workspace or '/')} || exit 1\n"
            + "".join(exports)
            + "command -v setsid >/dev/null 2>&1 || { echo 'djinn: the build host has no setsid command"
            " (util-linux or busybox)'; exit 127; }\n"
            f"setsid /bin/sh {shlex.quote(job)} </dev/null 2>&1 &\n"
            "job=$!\n"
            'echo "djinn-pgid $job" >&2\n'
            'wait "$job"\n'
            "status=$?\n"
            # Whatever the job left running in its session ends with it.
             + _signal_group("KILL", "$job") + '\nexit "$status"\n'
        )

    def _pump(self, channel: paramiko.Channel, output: Output) -> int:
        """Stream the job's output until it ends; its exit status."""
        transport = channel.get_transport()
        channel.settimeout(0.2)
        errors = b""
        ended_at = None
        while True:
            while channel.recv_stderr_ready():
                errors += channel.recv_stderr(READ_SIZE)
                errors = self._take_pgid(errors, output)
            try:
                chunk = channel.recv(READ_SIZE)
            except TimeoutError:
                chunk = None
            if chunk:
                output(chunk)
            elif chunk == b"":
                break
            if channel.exit_status_ready() or self._killed.is_set() or not transport.is_active():
                # A process that left the job's session may hold the output
                # open: the job is over all the same.
                ended_at = ended_at or time.monotonic()
                if time.monotonic() - ended_at > DRAIN_TIMEOUT or not transport.is_active():
                    break
        while channel.recv_stderr_ready():
            errors += channel.recv_stderr(READ_SIZE)
        self._take_pgid(errors + b"\n", output)
        if self._killed.is_set():
            return -9
        # The exit status follows the end of the output (or the channel's close).
        channel.status_event.wait(DRAIN_TIMEOUT)
        if channel.exit_status == -1:
            if not transport.is_active():
                raise DriverError("The connection to the build host was lost")
            raise DriverError("The job's shell on the build host ended without an exit status (killed?)")
        return channel.exit_status

    def _take_pgid(self, errors: bytes, output: Output) -> bytes:
        """Lines the runner script wrote to stderr: the job's process group,
        or its own complaints (passed on); returns an unfinished last line."""
        *lines, rest = errors.split(b"\n")
        for line in lines:
            match = PGID_LINE.match(line)
            if match:
                with self._lock:
                    self._pgid = int(match.group(1))
                if self._killed.is_set():  # killed before the group was known
                    threading.Thread(target=self._end_group, daemon=True).start()
            elif line:
                output(line + b"\n")
        return rest

    def kill(self) -> None:
        self._killed.set()
        with self._lock:
            channel, connecting = self._channel, self._sftp is None
        if connecting:  # (or never connected)
            # A connection or handshake in progress gives up at once.
            self._close_transport()
            return
        if channel is not None:
            self._end_group()

    def _end_group(self) -> None:
        """SIGTERM to the running job's process group; SIGKILL after a grace."""
        with self._lock:
            pgid, channel = self._pgid, self._channel
        if pgid is not None:
            self._quietly(_signal_group("TERM", str(pgid)))
            if self._job_done.wait(TERM_GRACE):
                return
            self._quietly(_signal_group("KILL", str(pgid)))
        if not self._job_done.wait(TERM_GRACE) and channel is not None:
            channel.close()  # execute() returns even if the remote does not answer

    def _quietly(self, command: str, timeout: float = TERM_GRACE) -> None:
        try:
            self._command(command, timeout=timeout)
        except (OSError, EOFError, paramiko.SSHException, DriverError):
            pass

    def destroy(self) -> None:
        self.kill()
        self._job_done.wait(2 * TERM_GRACE + 1)
        try:
            if self.root is not None and self._transport is not None and self._transport.is_active():
                self._quietly(f"rm -rf -- {shlex.quote(self.root)}", COMMAND_TIMEOUT)
        finally:
            if self._sftp is not None:
                self._sftp.close()
            self._close_transport()

    def _close_transport(self) -> None:
        with self._lock:
            transport, sock = self._transport, self._socket
            self._transport = self._socket = None
        if transport is not None:
            transport.close()
        if sock is not None:
            sock.close()


def _signal_group(signal: str, pgid: str) -> str:
    """Signal a process group; dash wants `--` before a negative pid, busybox refuses it."""
    return f'kill -s {signal} -- "-{pgid}" 2>/dev/null || kill -s {signal} "-{pgid}" 2>/dev/null'
