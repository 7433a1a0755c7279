"""Counting the SQL statements a request costs (what a list page costs,
whatever its size)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy import event

from djinn.api.app import runtime_of


@contextlib.contextmanager
def counted(app) -> Iterator[list[str]]:
    """The statements run on the app's database within the block."""
    engine = runtime_of(app).db.engine
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)
