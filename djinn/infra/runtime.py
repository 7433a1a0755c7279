"""What one djinn process works with, built once from its configuration: the
database, the file store, the secret box, the background tasks, and where a
queued build is announced. The API app, `djinn worker` and `djinn scheduler`
each build one; domain code that runs outside a request (workers, tasks, the
scheduler) receives it instead of reaching for globals."""

from __future__ import annotations

import dataclasses
import threading
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import update
from sqlalchemy.orm import Session

from djinn.infra.config import Config
from djinn.infra.crypto import SecretBox
from djinn.infra.db.models import Build, utcnow
from djinn.infra.db.session import Database
from djinn.infra.netguard import Guard
from djinn.infra.storage import Store
from djinn.infra.tasks import Tasks, on_commit

if TYPE_CHECKING:
    from djinn.infra.queue import Queue, QueueTasks


class Wakeup(Protocol):
    """What `announce` sets: a threading.Event, or djinn.services.worker.WakeupPipe."""

    def set(self) -> None: ...


@dataclasses.dataclass
class Runtime:
    config: Config
    db: Database
    box: SecretBox
    store: Store | None = None
    tasks: Tasks | QueueTasks | None = None
    # Set when a build is queued, to wake the embedded worker at once: an event
    # of this process, or in `djinn serve`'s API the pipe to its worker
    # process (djinn.services.worker.WakeupPipe, whose set() never blocks).
    wakeup: Wakeup = dataclasses.field(default_factory=threading.Event)
    # Distributed mode: the Dramatiq queues; None when embedded.
    queue: Queue | None = None

    @classmethod
    def build(cls, config: Config, database: Database | None = None) -> Runtime:
        runtime = cls(
            config=config,
            db=database or Database(config.database_url),
            box=SecretBox(config.secret_key),
            store=Store(config.store_path),
        )
        if config.redis_url:
            # Deferred: Dramatiq and Redis's client are needed in distributed mode only.
            from djinn.infra.queue import Queue, QueueTasks

            runtime.queue = Queue(config)
            runtime.tasks = QueueTasks(runtime.queue)
        else:
            runtime.tasks = Tasks(runtime)
        return runtime

    @property
    def guard(self) -> Guard:
        """The outbound-request guard (image downloads, webhook deliveries)."""
        return Guard(self.config.download_allow)

    def build_queued(self, session: Session, build_id: int, driver: str) -> None:
        """Announce the build to the workers once `session` commits."""
        if self.queue is not None:
            session.execute(update(Build).where(Build.id == build_id).values(announced_at=utcnow()))
        on_commit(session, lambda: self.announce(build_id, driver))

    def announce(self, build_id: int, driver: str) -> None:
        if self.queue is not None:
            self.queue.send_build(build_id, driver)
        self.wakeup.set()

    def close(self) -> None:
        if self.tasks is not None:
            self.tasks.shutdown(wait=False)
        if self.queue is not None:
            self.queue.close()
