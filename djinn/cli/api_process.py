"""`python -m djinn.cli.api_process LISTENER WAKEUP PARENT_PID`: one API
process of `djinn serve --processes N` (djinn.cli.serve), serving on the
listening socket it inherited, waking the parent's embedded worker through
the pipe it inherited (WAKEUP; -1: none), its configuration pickled on
stdin. It stops on SIGTERM, and on its own when its parent is gone."""

from __future__ import annotations

import os
import pickle
import signal
import socket
import sys
import threading
import time

from djinn.cli.serve import api_server, exit_on_sigterm
from djinn.infra.config import Config
from djinn.services.worker import PipeWakeup


def main(argv: list[str]) -> int:
    """One API process of `djinn serve --processes N` (its configuration pickled on stdin)."""
    fd, wakeup, parent = int(argv[0]), int(argv[1]), int(argv[2])
    config = pickle.load(sys.stdin.buffer)
    if not isinstance(config, Config):
        raise TypeError("an API process reads its Config on stdin")
    _app, runtime, server = api_server(config)
    if wakeup >= 0:
        runtime.wakeup = PipeWakeup(wakeup)

    def orphaned() -> None:  # the parent was killed without stopping us: stop
        while not server.should_exit:
            if os.getppid() != parent:
                server.should_exit = True
            time.sleep(1.0)

    threading.Thread(target=orphaned, name="djinn-parent-watch", daemon=True).start()
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    try:
        with socket.socket(fileno=fd) as listener:
            server.run(sockets=[listener])
    finally:
        runtime.close()
        runtime.db.dispose()
    return 0 if server.started else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
