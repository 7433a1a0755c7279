"""`djinn serve`: the API, with its embedded build worker and scheduler.

One process (the default) serves the API itself. With `--processes N`
(DJINN_PROCESSES) for machines with more cores, the `djinn serve` process
binds the listening socket and starts N API processes that share it (`python
-m djinn.cli.api_process`, each the same uvicorn server as a single process, with
the same settings: djinn.api.app.server_config), and keeps for itself the
one embedded worker and the one scheduler: builds and due cron schedules are
never run once per API process. The API processes wake the worker through
the pipe they inherit. An API process that dies is started again; SIGTERM
(or Ctrl-C) stops them all, each letting its requests finish first.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import socket
import subprocess
import sys
import threading
import time
from types import FrameType
from typing import TYPE_CHECKING, Any

from djinn.infra.config import Config
from djinn.infra.runtime import Runtime
from djinn.services.scheduler import start_embedded
from djinn.services.worker import embedded

if TYPE_CHECKING:
    import uvicorn

log = logging.getLogger(__name__)

# Seconds `djinn serve` lets requests finish after SIGTERM before it stops anyway.
SHUTDOWN_GRACE = 30
# An API process that dies sooner than this after it started did not start:
# `djinn serve --processes N` stops instead of starting it again and again.
STARTUP_SECONDS = 10.0
RESTART_DELAY = 1.0


def api_server(config: Config) -> tuple[Any, Runtime, uvicorn.Server]:
    """The app, its runtime and the uvicorn server `djinn serve` runs it in."""
    # Deferred: the HTTP edge (Connexion, Starlette, uvicorn) is loaded by the API
    # processes only, never by a worker, the scheduler or an admin command.
    import uvicorn

    from djinn.api.app import create_app, runtime_of, server_config

    app = create_app(config)
    runtime: Runtime = runtime_of(app)
    # A request still running SHUTDOWN_GRACE seconds after SIGTERM does not keep the server up.
    server = uvicorn.Server(server_config(app, config, timeout_graceful_shutdown=SHUTDOWN_GRACE))
    return app, runtime, server


def exit_on_sigterm(_signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(0)


def _announce(config: Config, worker: bool) -> None:
    processes = f" in {config.processes} processes" if config.processes > 1 else ""
    print(
        f"djinn serving on http://{config.host}:{config.port}{processes} (API docs at /docs)",
        file=sys.stderr,
    )
    if worker:
        print(
            f"running up to {config.workers} builds at once with drivers: {', '.join(config.drivers)}"
            " (the os driver runs builds as this user: trusted builds only)",
            file=sys.stderr,
        )


def serve(config: Config) -> int:
    """Serve the API (in `config.processes` processes) until SIGTERM or SIGINT."""
    if config.processes > 1:
        return _serve_processes(config)
    _app, runtime, server = api_server(config)
    worker = embedded(runtime)
    stop_scheduler = start_embedded(runtime) if config.embedded_scheduler else None
    _announce(config, worker is not None)
    # uvicorn stops on SIGTERM, then raises it again: exit cleanly (stopping
    # the scheduler and the worker below) instead of dying of it.
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    try:
        server.run()
        if not server.started:
            return 1
    finally:
        if stop_scheduler is not None:
            stop_scheduler()
        if worker is not None:
            worker.stop()
    return 0


def _listen(config: Config) -> socket.socket:
    family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
    # uvicorn's own backlog; SO_REUSEADDR as uvicorn sets it.
    return socket.create_server((config.host, config.port), family=family, backlog=2048)


class _APIProcess:
    def __init__(self, config: Config, listener: socket.socket, wakeup: int):
        self.started = time.monotonic()
        fds = (listener.fileno(),) if wakeup < 0 else (listener.fileno(), wakeup)
        argv = [
            sys.executable,
            "-m",
            "djinn.cli.api_process",
            str(listener.fileno()),
            str(wakeup),
            str(os.getpid()),
        ]
        # A process group of its own: Ctrl-C in a terminal reaches only the
        # `djinn serve` process, which stops the API processes with SIGTERM.
        self.process = subprocess.Popen(argv, stdin=subprocess.PIPE, pass_fds=fds, process_group=0)
        assert self.process.stdin is not None  # stdin=PIPE
        try:
            self.process.stdin.write(pickle.dumps(config))
            self.process.stdin.close()
        except BrokenPipeError:  # it died at once: seen by the caller's poll
            pass


def _serve_processes(config: Config) -> int:
    config = config.with_secret_key()  # made once, before the API processes read it
    try:
        listener = _listen(config)
    except OSError as e:
        print(f"djinn: cannot listen on {config.host}:{config.port}: {e.strerror}", file=sys.stderr)
        return 1
    runtime = Runtime.build(config)
    worker = embedded(runtime)
    stop_scheduler = start_embedded(runtime) if config.embedded_scheduler else None
    stopping = threading.Event()

    def stop(_signum: int, _frame: FrameType | None) -> None:
        stopping.set()

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, stop)
    wakeup = worker.wakeup.writer if worker is not None else -1
    children: list[_APIProcess] = []
    code = 0
    try:
        children = [_APIProcess(config, listener, wakeup) for _ in range(config.processes)]
        _announce(config, worker is not None)
        while not stopping.wait(0.5):
            for n, child in enumerate(children):
                status = child.process.poll()
                if status is None:
                    continue
                if time.monotonic() - child.started < STARTUP_SECONDS:
                    print(f"djinn: an API process failed to start (exit status {status})", file=sys.stderr)
                    code = 1
                    stopping.set()
                    break
                log.error("API process %s died (exit status %s); starting another", child.process.pid, status)
                if stopping.wait(RESTART_DELAY):
                    break
                children[n] = _APIProcess(config, listener, wakeup)
    finally:
        _stop_all([child.process for child in children])
        listener.close()
        if stop_scheduler is not None:
            stop_scheduler()
        if worker is not None:
            worker.stop()
        runtime.close()
        runtime.db.dispose()
    return code


def _stop_all(processes: list[subprocess.Popen[bytes]]) -> None:
    """SIGTERM every API process (each finishes its requests, up to
    SHUTDOWN_GRACE seconds), then SIGKILL any still there."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + SHUTDOWN_GRACE + 5
    for process in processes:
        try:
            process.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
