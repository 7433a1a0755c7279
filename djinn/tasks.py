"""The background-work seam: the API hands work to `submit` and answers at
once. Embedded mode runs it in a thread pool of this process; a distributed
mode plugs a real task queue in behind the same method."""

from __future__ import annotations

import concurrent.futures
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)


class Tasks:
    def __init__(self, workers: int = 4):
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="djinn-task")

    def submit(self, fn: Callable, *args) -> concurrent.futures.Future:
        future = self._pool.submit(fn, *args)
        future.add_done_callback(_log_failure)
        return future

    def shutdown(self, wait: bool = True) -> None:
        self._pool.shutdown(wait=wait)


def _log_failure(future: concurrent.futures.Future) -> None:
    if not future.cancelled() and future.exception() is not None:
        log.error("background task failed", exc_info=future.exception())
