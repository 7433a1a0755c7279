"""OAuth apps and the grants users made to them.

An app is registered by a user, who alone sees and manages it. Its
`client_id` is public; its `client_secret` is shown once and stored as a
SHA-256 hash: the secret is 256 random bits, so a slow password hash would
add nothing but latency to every token request.

An *authorization* is a token issued to an app through the authorization-code
flow (a `Token` with `app_id`); the user who granted it may list and revoke
it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from typing import Any, TypeGuard, cast

from sqlalchemy import ColumnElement, CursorResult, Select, or_, select, update
from sqlalchemy.orm import Session, joinedload

from djinn.infra import urls
from djinn.infra.db.models import OAuthApp, Token, User
from djinn.infra.errors import Errors, NotFound

# What generate_client_id makes (and a little more): anything else is
# unknown without asking the database.
CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MAX_ID = 2**63 - 1  # ids are BIGINT: anything larger is no row, not an overflow


def generate_client_id() -> str:
    return secrets.token_hex(10)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def check_client_secret(app: OAuthApp | None, secret: str | None) -> TypeGuard[OAuthApp]:
    """Whether `secret` is the app's, compared in constant time; an unknown
    app costs the same as a wrong secret."""
    expected = app.client_secret_hash if app is not None else "0" * 64
    matches = hmac.compare_digest(expected, hash_secret(secret or ""))
    return app is not None and bool(secret) and matches


def _text(value: str | None) -> str:
    """Free text as the databases can store it: NUL and lone surrogates (which
    JSON can carry) become U+FFFD."""
    value = (value or "").replace("\x00", "\ufffd")
    return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _check_url(errors: Errors, field: str, value: str) -> None:
    for message in urls.problems(value, field):
        errors.add(field, message)


def register_app(
    session: Session,
    user: User | int,
    *,
    name: str,
    redirect_uri: str,
    homepage_uri: str | None = None,
    description: str | None = None,
) -> tuple[OAuthApp, str]:
    """Register an app for `user`; returns it and its client secret, which is never stored."""
    errors = Errors()
    name, description = _text(name).strip(), _text(description)
    if not name:
        errors.add("name", "name is required")
    elif len(name) > 255:
        errors.add("name", "name must be at most 255 characters")
    _check_url(errors, "redirect_uri", redirect_uri or "")
    if homepage_uri:
        _check_url(errors, "homepage_uri", homepage_uri)
    if len(description) > 1024:
        errors.add("description", "description must be at most 1024 characters")
    errors.raise_if_any()
    secret = secrets.token_hex(32)
    app = OAuthApp(
        user_id=user if isinstance(user, int) else user.id,
        client_id=generate_client_id(),
        client_secret_hash=hash_secret(secret),
        name=name,
        description=description,
        homepage_uri=homepage_uri or "",
        redirect_uri=redirect_uri,
    )
    session.add(app)
    session.flush()
    return app, secret


def apps_of(user_id: int) -> Select[OAuthApp]:
    """The statement listing a user's apps, oldest first."""
    return select(OAuthApp).where(OAuthApp.user_id == user_id).order_by(OAuthApp.id)


def find_app(session: Session, client_id: str | None) -> OAuthApp | None:
    """The app with this client id, whoever owns it (for the OAuth flow)."""
    if not client_id or not CLIENT_ID.match(client_id):
        return None
    return session.execute(select(OAuthApp).where(OAuthApp.client_id == client_id)).scalar_one_or_none()


def get_app(session: Session, user_id: int, client_id: str) -> OAuthApp:
    """Load one of the user's own apps, or raise the one NotFound."""
    app = find_app(session, client_id)
    if app is None or app.user_id != user_id:
        raise NotFound()
    return app


def delete_app(session: Session, user_id: int, client_id: str) -> None:
    """Delete one of the user's apps; its tokens and codes go with it (ON DELETE CASCADE)."""
    session.delete(get_app(session, user_id, client_id))
    session.flush()


def _working(now: dt.datetime) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    return (Token.revoked_at.is_(None), or_(Token.expires_at.is_(None), Token.expires_at > now))


def authorizations_of(user_id: int, *, now: dt.datetime | None = None) -> Select[Token]:
    """The statement listing the working tokens a user granted to apps, newest first."""
    now = now or dt.datetime.now(dt.UTC)
    return (
        select(Token)
        .options(joinedload(Token.app))
        .where(Token.user_id == user_id, Token.app_id.is_not(None), *_working(now))
        .order_by(Token.id.desc())
    )


def revoke_authorization(
    session: Session, user_id: int, token_id: int, *, now: dt.datetime | None = None
) -> None:
    """Revoke one working token the user granted to an app, or raise NotFound."""
    now = now or dt.datetime.now(dt.UTC)
    if token_id > MAX_ID:
        raise NotFound()
    token = session.execute(
        select(Token).where(
            Token.id == token_id, Token.user_id == user_id, Token.app_id.is_not(None), *_working(now)
        )
    ).scalar_one_or_none()
    if token is None:
        raise NotFound()
    token.revoked_at = now
    session.flush()


def revoke_grants(session: Session, user_id: int, client_id: str, *, now: dt.datetime | None = None) -> int:
    """Revoke every working token the user granted to the app; returns how many."""
    now = now or dt.datetime.now(dt.UTC)
    app = find_app(session, client_id)
    if app is None:
        raise LookupError(f"no app with client id {client_id!r}")
    # An UPDATE's result is a CursorResult, which has the row count.
    result = cast(
        "CursorResult[Any]",
        session.execute(
            update(Token)
            .where(Token.user_id == user_id, Token.app_id == app.id, *_working(now))
            .values(revoked_at=now)
        ),
    )
    return result.rowcount
