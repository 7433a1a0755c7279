"""`python -m djinn.services.embedded READER PARENT_PID TOKEN`: the embedded
worker process `djinn serve` starts (djinn.services.worker.EmbeddedWorker),
its configuration pickled on stdin. Started by its own module, not the
`djinn` command's, so that it imports only what running builds needs: the
worker, the runner and the domain below them, never the CLI or the HTTP
edge (Connexion, Flask, uvicorn, the OpenAPI document)."""

from __future__ import annotations

import pickle
import sys

from djinn.infra.config import Config
from djinn.services.worker import run_embedded


def main(argv: list[str]) -> int:
    reader, parent_pid, token = int(argv[0]), int(argv[1]), argv[2]
    config = pickle.load(sys.stdin.buffer)
    if not isinstance(config, Config):
        raise TypeError("the embedded worker reads its Config on stdin")
    run_embedded(config, reader, parent_pid, token)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
