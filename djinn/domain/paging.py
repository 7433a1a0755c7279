"""Paged lists: a page by number (`?page=N`, OFFSET) or after a keyset cursor
(`?cursor=...`, the ORDER BY values of the previous page's last row).

A list is a `Listing`: its ORDER BY (a unique order: the last key is the
primary key) and how to select a page of it. A plain ordered SELECT is one
(`Listing.of`); a list that must be selected otherwise (the builds a caller
can see, a UNION of index-ordered branches) overrides `select_page`.

A cursor is opaque to clients: base64url of the JSON list of the last row's
ORDER BY values. Deep pages by cursor cost what page 1 costs (an index range
seek), where OFFSET walks every skipped row.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, and_, bindparam, false, inspect, or_, tuple_
from sqlalchemy.orm import Session
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.types import TypeDecorator

from djinn.infra.errors import ValidationFailed

PAGE_SIZE = 25
MAX_CURSOR = 2048

T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class Key:
    """One term of a list's ORDER BY: a column and its direction."""

    column: ColumnElement[Any]
    descending: bool

    @property
    def python_type(self) -> type:
        kind = self.column.type
        if isinstance(kind, TypeDecorator):
            kind = kind.impl_instance
        try:
            return kind.python_type
        except NotImplementedError:
            return object


def order_keys(statement: Select[Any]) -> list[Key]:
    keys = []
    for clause in statement._order_by_clauses:
        descending = False
        element: ColumnElement[Any] = clause
        if isinstance(clause, UnaryExpression) and clause.modifier in (operators.desc_op, operators.asc_op):
            descending = clause.modifier is operators.desc_op
            element = clause.element
        keys.append(Key(element, descending))
    return keys


def after(keys: Sequence[Key], values: Sequence[Any]) -> ColumnElement[bool]:
    """The rows that come after `values` in the order of `keys`.

    Keys of one direction compare as a row value, `(a, b) < (x, y)`, which
    both SQLite and PostgreSQL serve as a range of an index on (a, b);
    mixed directions expand to `a < x OR (a = x AND b > y)` under `a <= x`.
    """
    if not keys:
        return false()
    if all(k.descending == keys[0].descending for k in keys):
        columns = tuple_(*(k.column for k in keys))
        bound = tuple_(*(bindparam(None, v, type_=k.column.type) for k, v in zip(keys, values, strict=True)))
        return columns < bound if keys[0].descending else columns > bound
    terms = []
    for i, key in enumerate(keys):
        equal = [k.column == v for k, v in zip(keys[:i], values[:i], strict=True)]
        beyond = key.column < values[i] if key.descending else key.column > values[i]
        terms.append(and_(*equal, beyond))
    first = keys[0].column <= values[0] if keys[0].descending else keys[0].column >= values[0]
    return and_(first, or_(*terms))


class Listing(Generic[T]):
    """A list of rows in a unique order, selected a page at a time."""

    def __init__(self, statement: Select[T]):
        self.statement = statement
        self.keys = order_keys(statement)

    @classmethod
    def of(cls, statement: Select[T] | Listing[T]) -> Listing[T]:
        return statement if isinstance(statement, Listing) else cls(statement)

    def select_page(
        self, session: Session, values: Sequence[Any] | None, offset: int, limit: int
    ) -> Select[T]:
        """The rows after `values` (all when None), skipping `offset`, at most `limit`."""
        statement = self.statement
        if values is not None:
            statement = statement.where(after(self.keys, values))
        return statement.offset(offset or None).limit(limit)

    def values_of(self, row: T) -> list[Any]:
        """The ORDER BY values of a row of this list."""
        mapper = inspect(type(row))
        values = []
        for key in self.keys:
            prop = mapper.get_property_by_column(key.column)
            values.append(getattr(row, prop.key))
        return values

    # ------------------------------------------------------------ cursors

    def encode(self, row: T) -> str:
        values = [_plain(v) for v in self.values_of(row)]
        raw = json.dumps(values, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    def decode(self, cursor: str) -> list[Any]:
        """The values a cursor carries; 400 under `cursor` when it is not one of this list's."""
        problem = ValidationFailed(cursor=["Not a cursor of this list (use the Link header's URLs as given)"])
        if len(cursor) > MAX_CURSOR:
            raise problem
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
            values = json.loads(raw)
        except (binascii.Error, ValueError, UnicodeDecodeError):
            raise problem from None
        if not isinstance(values, list) or len(values) != len(self.keys):
            raise problem
        try:
            return [_typed(key.python_type, v) for key, v in zip(self.keys, values, strict=True)]
        except (TypeError, ValueError, OverflowError):
            raise problem from None


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


_BIGINT = 2**63


def _typed(kind: type, value: Any) -> Any:
    if kind is dt.datetime:
        if not isinstance(value, str):
            raise TypeError(value)
        parsed = dt.datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            raise ValueError(value)
        return parsed.astimezone(dt.UTC)
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int) or not -_BIGINT <= value < _BIGINT:
            raise TypeError(value)
        return value
    if kind is str:
        if not isinstance(value, str) or "\x00" in value:
            raise TypeError(value)
        value.encode("utf-8")  # a lone surrogate cannot be bound
        return value
    if kind is bool:
        if not isinstance(value, bool):
            raise TypeError(value)
        return value
    raise TypeError(value)


@dataclasses.dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its number when asked by number, and the cursor of
    the next page when there is one."""

    number: int | None
    items: list[T]
    has_next: bool
    next_cursor: str | None


def paginate(
    session: Session,
    statement: Select[T] | Listing[T],
    page: int | None = None,
    cursor: str | None = None,
    size: int = PAGE_SIZE,
) -> Page[T]:
    """One page: the rows after `cursor` when given (then `page` is not
    used; `""` is the first page, as by cursor), else page `page` (from 1).
    One extra row tells if a next page exists."""
    listing = Listing.of(statement)
    if cursor is not None:
        # An empty cursor starts the list (a walk by cursor from its first page).
        values: list[Any] | None = listing.decode(cursor) if cursor else None
        number, offset = None, 0
    else:
        values, number = None, page or 1
        offset = (number - 1) * size
    rows = list(session.execute(listing.select_page(session, values, offset, size + 1)).scalars().all())
    items = rows[:size]
    has_next = len(rows) > size
    next_cursor = listing.encode(items[-1]) if has_next else None
    return Page(number=number, items=items, has_next=has_next, next_cursor=next_cursor)
