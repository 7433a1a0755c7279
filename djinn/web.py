"""Request-scoped helpers for the HTTP edge: the database session, the caller,
absolute URLs and paging. Handlers use these; the domain never does."""

from __future__ import annotations

import dataclasses
import urllib.parse

import flask
from connexion import context as connexion_context
from sqlalchemy.orm import Session

from djinn.auth.tokens import Caller
from djinn.config import Config
from djinn.crypto import SecretBox
from djinn.db.session import Database
from djinn.errors import NotFound

PAGE_SIZE = 25
EXTENSION = "djinn"


@dataclasses.dataclass
class AppState:
    config: Config
    db: Database
    box: SecretBox


def state() -> AppState:
    return flask.current_app.extensions[EXTENSION]


def db() -> Session:
    """The request's session, opened on first use and closed when the request ends."""
    session = flask.g.get("db")
    if session is None:
        session = flask.g.db = state().db.session()
    return session


def box() -> SecretBox:
    return state().box


def caller() -> Caller | None:
    """The authenticated caller, or None for an anonymous request."""
    info = connexion_context.context.get("token_info") or {}
    return info.get("caller")


def require_caller() -> Caller:
    who = caller()
    if who is None:
        raise NotFound()
    return who


def url(path: str) -> str:
    """An absolute API URL built from the configured public base URL."""
    return state().config.base_url + path


@dataclasses.dataclass(frozen=True)
class Page:
    number: int
    items: list
    has_next: bool

    def link_header(self) -> dict[str, str]:
        """The `Link` header for this page, keeping the request's other query parameters."""
        request = flask.request
        base = url(request.path)
        links = []
        for rel, number in (("prev", self.number - 1), ("next", self.number + 1)):
            if (rel == "prev" and number >= 1) or (rel == "next" and self.has_next):
                query = [(k, v) for k, v in request.args.items(multi=True) if k != "page"]
                query.append(("page", str(number)))
                links.append(f'<{base}?{urllib.parse.urlencode(query)}>; rel="{rel}"')
        return {"Link": ", ".join(links)} if links else {}


def paginate(statement, page: int | None) -> Page:
    """Run a select for one page, fetching one extra row to know if a next page exists."""
    number = page or 1
    rows = db().execute(statement.limit(PAGE_SIZE + 1).offset((number - 1) * PAGE_SIZE)).scalars().all()
    return Page(number=number, items=list(rows[:PAGE_SIZE]), has_next=len(rows) > PAGE_SIZE)
