"""Personal access tokens: random, shown once, stored only as a SHA-256 hash.

A token has 256 bits of randomness, so a fast hash is enough to make the
stored value useless to a thief while keeping the per-request lookup a single
indexed query. The `djinn_` prefix lets secret scanners recognise leaked
tokens.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import secrets
import time

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from djinn.domain.auth.scopes import format_scope, parse_scope
from djinn.infra.db.models import Token, User

PREFIX = "djinn_"


@dataclasses.dataclass(frozen=True)
class Caller:
    """Who is calling, as the security layer established it."""

    user_id: int
    username: str
    email: str
    created_at: dt.datetime
    scopes: frozenset[str]
    token_id: int
    expires_at: dt.datetime | None = None
    app_id: int | None = None  # set when the token was issued to an OAuth app


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def create_token(
    session: Session,
    user: User,
    *,
    name: str,
    scope: str,
    expires_at: dt.datetime | None = None,
    app_id: int | None = None,
) -> tuple[Token, str]:
    """Create a token; returns the row and the plaintext, which is never stored."""
    scopes = parse_scope(scope)
    plaintext = PREFIX + secrets.token_urlsafe(32)
    token = Token(
        user_id=user.id,
        name=name,
        token_hash=hash_token(plaintext),
        token_prefix=plaintext[:8],
        scope=format_scope(scopes),
        expires_at=expires_at,
        app_id=app_id,
    )
    session.add(token)
    session.flush()
    return token, plaintext


# Built once: the per-request lookup is the hottest query of the server, so it
# selects only the columns a Caller needs and skips the ORM's identity map.
_LOOKUP = (
    select(
        Token.id,
        Token.scope,
        Token.expires_at,
        Token.revoked_at,
        Token.app_id,
        User.id.label("user_id"),
        User.username,
        User.email,
        User.created_at,
    )
    .join(User, User.id == Token.user_id)
    .where(Token.token_hash == bindparam("token_hash"))
)


def authenticate(
    executor: Session | Connection, plaintext: str, *, now: dt.datetime | None = None
) -> Caller | None:
    """The caller a bearer token stands for, or None when it is unknown,
    revoked or expired. `executor` is a Session or a Core Connection."""
    if not plaintext or len(plaintext) > 200:
        return None
    row = executor.execute(_LOOKUP, {"token_hash": hash_token(plaintext)}).first()
    if row is None:
        return None
    now = now or dt.datetime.now(dt.UTC)
    if row.revoked_at is not None or (row.expires_at is not None and row.expires_at <= now):
        return None
    return Caller(
        user_id=row.user_id,
        username=row.username,
        email=row.email,
        created_at=row.created_at,
        scopes=parse_scope(row.scope),
        token_id=row.id,
        expires_at=row.expires_at,
        app_id=row.app_id,
    )


class TokenCache:
    """Remembers valid tokens for a few seconds so that a burst of requests
    with one token costs one lookup.

    Keyed by the token's hash, bounded in size; a hit still honours the
    token's expiry. The price is that a token revoked by another process keeps
    working for at most `ttl` seconds (`DJINN_TOKEN_CACHE_SECONDS`, 0 turns
    the cache off). Invalid tokens are never cached.
    """

    def __init__(self, ttl: float, max_entries: int = 10_000):
        self.ttl = ttl
        self.max_entries = max_entries
        self._entries: dict[str, tuple[float, Caller, dt.datetime | None]] = {}

    def get(self, plaintext: str) -> Caller | None:
        if self.ttl <= 0:
            return None
        key = hash_token(plaintext)
        entry = self._entries.get(key)
        if entry is None:
            return None
        stored_at, caller, expires_at = entry
        if time.monotonic() - stored_at > self.ttl or (
            expires_at is not None and expires_at <= dt.datetime.now(dt.UTC)
        ):
            self._entries.pop(key, None)
            return None
        return caller

    def put(self, plaintext: str, caller: Caller) -> None:
        if self.ttl <= 0:
            return
        if len(self._entries) >= self.max_entries:
            self._entries.clear()
        self._entries[hash_token(plaintext)] = (time.monotonic(), caller, caller.expires_at)


def revoke_token(session: Session, token: Token, *, now: dt.datetime | None = None) -> None:
    if token.revoked_at is None:
        token.revoked_at = now or dt.datetime.now(dt.UTC)
