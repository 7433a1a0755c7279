"""Engine and session factory for one configured database.

SQLite is the embedded default: WAL journal so readers never block the
writer, foreign keys on, and a busy timeout so concurrent writers wait
instead of failing. PostgreSQL is used when the URL says so.
"""

from __future__ import annotations

import contextlib
import pathlib
from collections.abc import Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from djinn.infra.storage import private_dir, private_file


class Database:
    def __init__(self, url: str, *, echo: bool = False):
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            make_sqlite_file(url)
            self.engine: Engine = create_engine(
                url, echo=echo, connect_args={"check_same_thread": False, "timeout": 30}
            )
            event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            self.engine = create_engine(url, echo=echo, pool_pre_ping=True, pool_size=10, max_overflow=20)
        self.sessionmaker = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        return self.sessionmaker()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on error."""
        with self.sessionmaker() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def make_sqlite_file(url: str) -> None:
    """Create a SQLite database's file (and directory) private to this user
    before SQLite opens it: its -wal and -shm files take the file's mode."""
    path = url.split("///", 1)[1].split("?", 1)[0] if "///" in url else ""
    if url.startswith("sqlite") and path and path != ":memory:" and not path.startswith("file:"):
        private_dir(pathlib.Path(path).parent)
        private_file(pathlib.Path(path))


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
