"""The `os` driver: jobs run as the server's user on the server's machine, in
a fresh temporary workspace. For trusted builds only: a job can do whatever
that user can.

Each job is `/bin/sh <script>` in its own process group (its own session),
so a kill ends the whole tree and nothing a job started outlives it. The
environment is built from scratch (PATH, HOME=the workspace, the build's
env and variables): the server's own environment, its secret key included,
never reaches a job. Files are placed only inside the workspace: `..` and
absolute paths that lead out of it are refused. Artifacts are collected where
the job put them, as the manifest writes their path: relative to the
workspace, or absolute on this machine (a job can read whatever this user
can: collecting it gives it nothing more).
Build directories live in this process's watched directory
(djinn.runner.watchdog): should the worker die outright, its jobs are ended
and their directories removed all the same.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import signal
import subprocess
import tempfile
import threading
from typing import BinaryIO

from djinn.runner import Context, Driver, DriverError, Output, register, watchdog

READ_SIZE = 64 * 1024
# After SIGTERM, how long a job's processes get before SIGKILL.
TERM_GRACE = 2.0


@register("os")
class OSDriver(Driver):
    def __init__(self, settings: dict[str, str], context: Context | None = None):
        self.settings = settings
        self.root: pathlib.Path | None = None
        self.workspace: pathlib.Path | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._killed = False

    def create(self, log: Output) -> None:
        self.root = pathlib.Path(tempfile.mkdtemp(prefix="djinn-build-", dir=watchdog.builds_directory()))
        self.workspace = self.root / "workspace"
        self.workspace.mkdir()
        self.home = str(self.workspace)
        (self.root / "scripts").mkdir()
        log(f"Created workspace {self.workspace} (os driver: jobs run as this server's user)\n".encode())

    def _inside(self, path: str) -> pathlib.Path:
        assert self.workspace is not None
        target = (self.workspace / path).resolve()
        if not target.is_relative_to(self.workspace.resolve()):
            raise DriverError(f"{path}: outside the workspace")
        return target

    def place(self, destination: str, source: BinaryIO, mode: int = 0o644) -> str:
        target = self._inside(destination)
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as out:
            shutil.copyfileobj(source, out, READ_SIZE)
        os.chmod(target, mode)
        return str(target)

    def collect(self, path: str) -> BinaryIO:
        assert self.workspace is not None
        target = self.workspace / path  # an absolute path stays as it is
        if not target.is_file():
            raise DriverError(f"{path}: {'not a regular file' if target.exists() else 'no such file'}")
        return open(target, "rb")

    def execute(self, script: str, env: dict[str, str], output: Output) -> int:
        assert self.root is not None and self.workspace is not None
        with self._lock:
            if self._killed:
                return -signal.SIGKILL
            fd, script_path = tempfile.mkstemp(suffix=".sh", dir=self.root / "scripts")
            with os.fdopen(fd, "w") as f:
                f.write(script)
            environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(self.workspace)}
            environment.update(env)
            process = self._process = subprocess.Popen(
                ["/bin/sh", script_path],
                cwd=self.workspace,
                env=environment,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            (self.root / watchdog.PGID_FILE).write_text(f"{process.pid}\n")
        reader = threading.Thread(target=self._pump, args=(process, output), daemon=True)
        reader.start()
        status = process.wait()
        # Whatever the script left running in its group (`cmd &`) ends with it.
        self._signal_group(process, signal.SIGKILL)
        # A process that left the group could hold the pipe open: do not wait for it forever.
        reader.join(5)
        with self._lock:
            self._process = None
            (self.root / watchdog.PGID_FILE).unlink(missing_ok=True)
        return status

    @staticmethod
    def _pump(process: subprocess.Popen[bytes], output: Output) -> None:
        assert process.stdout is not None
        with process.stdout:
            while chunk := os.read(process.stdout.fileno(), READ_SIZE):
                output(chunk)

    @staticmethod
    def _signal_group(process: subprocess.Popen[bytes], sig: int) -> None:
        try:
            os.killpg(process.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    def kill(self) -> None:
        with self._lock:
            self._killed = True
            process = self._process
        if process is None:
            return
        self._signal_group(process, signal.SIGTERM)
        try:
            process.wait(TERM_GRACE)
        except subprocess.TimeoutExpired:
            pass
        self._signal_group(process, signal.SIGKILL)

    def destroy(self) -> None:
        self.kill()
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
