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

from sqlalchemy import select
from sqlalchemy.orm import Session

from djinn.auth.scopes import format_scope, parse_scope
from djinn.db.models import Token, User

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


def authenticate(session: Session, plaintext: str, *, now: dt.datetime | None = None) -> Caller | None:
    """The caller a bearer token stands for, or None when it is unknown,
    revoked or expired."""
    if not plaintext or len(plaintext) > 200:
        return None
    row = session.execute(
        select(Token, User).join(User, User.id == Token.user_id).where(Token.token_hash == hash_token(plaintext))
    ).first()
    if row is None:
        return None
    token, user = row
    now = now or dt.datetime.now(dt.UTC)
    if token.revoked_at is not None or (token.expires_at is not None and token.expires_at <= now):
        return None
    return Caller(
        user_id=user.id,
        username=user.username,
        email=user.email,
        created_at=user.created_at,
        scopes=parse_scope(token.scope),
        token_id=token.id,
    )


def revoke_token(session: Session, token: Token, *, now: dt.datetime | None = None) -> None:
    if token.revoked_at is None:
        token.revoked_at = now or dt.datetime.now(dt.UTC)
