"""The OAuth 2.0 authorization-code flow (RFC 6749) with PKCE (RFC 7636).

Written here rather than on an OAuth server library: the contract fixes
details such libraries decide for themselves (no `response_type` or
`grant_type` required of Djinn CI's clients, a form-encoded token answer by
default, the user narrowing the scope on the consent page, tokens made by
`djinn.domain.auth.tokens`), and the protocol is small.

- `parse_authorization_request` checks what an app sends to the
  authorization endpoint; anything wrong is an `AuthorizationError`, shown to
  the user and never redirected, since the redirect URI is not trusted yet.
- `issue_code` makes a code: random, valid `CODE_LIFETIME`, usable once; only
  its hash is stored.
- `exchange_code` authenticates the app and turns a code into a token; a code
  presented again revokes the token it was exchanged for.

Times come from `now()`, which the tests replace to move the clock.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import hmac
import re
import secrets
import urllib.parse
from typing import Any, cast

from sqlalchemy import CursorResult, Select, and_, delete, select, update
from sqlalchemy.orm import Session

from djinn.domain.apps import check_client_secret, find_app
from djinn.domain.auth.scopes import PERMISSIONS, RESOURCES, ScopeError, format_scope, parse_scope
from djinn.domain.auth.tokens import create_token, hash_token
from djinn.infra.db.models import OAuthApp, OAuthCode, Token, User

CODE_LIFETIME = dt.timedelta(minutes=10)
# Used and expired codes are kept this long, to recognise a reused code.
CODE_RETENTION = dt.timedelta(days=1)
CODE_CHALLENGE = re.compile(r"^[A-Za-z0-9_-]{43}$")  # base64url SHA-256, unpadded
CODE_VERIFIER = re.compile(r"^[A-Za-z0-9._~-]{43,128}$")


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def scope_items(scopes: frozenset[str] | set[str]) -> list[str]:
    """The `resource:perm` items of a scope, in the canonical order."""
    return [f"{r}:{p}" for r in RESOURCES for p in PERMISSIONS if f"{r}:{p}" in scopes]


class AuthorizationError(Exception):
    """An authorization request that cannot be trusted: shown to the user as
    an error page, never sent to the redirect URI."""


@dataclasses.dataclass(frozen=True)
class AuthorizationRequest:
    app: OAuthApp
    redirect_uri: str  # where to send the user: always the app's registered URI
    redirect_uri_given: str  # as the app sent it ("" when it did not)
    scopes: frozenset[str]
    state: str
    code_challenge: str
    code_challenge_method: str

    @property
    def scope(self) -> str:
        return format_scope(self.scopes)

    def params(self) -> dict[str, str]:
        """The request's parameters, to carry through the login and consent forms."""
        values = {
            "client_id": self.app.client_id,
            "redirect_uri": self.redirect_uri_given,
            "scope": self.scope,
            "state": self.state,
            "code_challenge": self.code_challenge,
            "code_challenge_method": self.code_challenge_method,
        }
        return {k: v for k, v in values.items() if v}

    def redirect(self, **params: str) -> str:
        """The redirect URI with these parameters and the state added to its query."""
        if self.state:
            params["state"] = self.state
        parts = urllib.parse.urlsplit(self.redirect_uri)
        query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True) + list(params.items())
        return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


def parse_authorization_request(
    session: Session,
    *,
    client_id: str | None,
    redirect_uri: str | None = None,
    scope: str | None = None,
    state: str | None = None,
    code_challenge: str | None = None,
    code_challenge_method: str | None = None,
    response_type: str | None = None,
) -> AuthorizationRequest:
    app = find_app(session, client_id)
    if app is None:
        raise AuthorizationError(
            "The application asking for access is not registered here (unknown client_id)."
        )
    # Exact match only: a prefix or same-origin rule is how open redirects happen.
    if redirect_uri and not same(redirect_uri, app.redirect_uri):
        raise AuthorizationError("The redirect_uri does not match the one registered for this application.")
    if response_type and response_type != "code":
        raise AuthorizationError("Only response_type=code is supported.")
    try:
        scopes = parse_scope(scope or "")
    except ScopeError as e:
        raise AuthorizationError(f"The requested scope is malformed: {e}.") from None
    if code_challenge or code_challenge_method:
        if code_challenge_method != "S256":
            raise AuthorizationError("code_challenge_method must be S256 (plain is not supported).")
        if not CODE_CHALLENGE.match(code_challenge or ""):
            raise AuthorizationError("code_challenge must be the base64url SHA-256 of the code verifier.")
    return AuthorizationRequest(
        app=app,
        redirect_uri=app.redirect_uri,
        redirect_uri_given=redirect_uri or "",
        scopes=scopes,
        state=state or "",
        code_challenge=code_challenge or "",
        code_challenge_method=code_challenge_method or "",
    )


def _working_tokens(user_id: int, app_id: int, at: dt.datetime) -> Select[str]:
    return select(Token.scope).where(
        Token.user_id == user_id,
        Token.app_id == app_id,
        Token.revoked_at.is_(None),
        (Token.expires_at.is_(None)) | (Token.expires_at > at),
    )


def already_authorized(session: Session, request: AuthorizationRequest, user: User) -> bool:
    """Whether the app holds a working token of this user that covers the requested scope."""
    scopes = session.execute(_working_tokens(user.id, request.app.id, now())).scalars()
    return any(request.scopes <= parse_scope(scope) for scope in scopes)


def issue_code(session: Session, request: AuthorizationRequest, user: User, scopes: frozenset[str]) -> str:
    """A new authorization code for `scopes` (at most the requested ones); only its hash is stored."""
    at = now()
    session.execute(delete(OAuthCode).where(OAuthCode.expires_at < at - CODE_RETENTION))
    code = secrets.token_urlsafe(32)
    session.add(
        OAuthCode(
            app_id=request.app.id,
            user_id=user.id,
            code_hash=hash_token(code),
            scope=format_scope(scopes & request.scopes),
            redirect_uri=request.redirect_uri_given,
            code_challenge=request.code_challenge or None,
            code_challenge_method=request.code_challenge_method or None,
            expires_at=at + CODE_LIFETIME,
            created_at=at,
        )
    )
    session.flush()
    return code


@dataclasses.dataclass
class TokenError(Exception):
    """An RFC 6749 (5.2) error of the token endpoint."""

    error: str
    description: str
    status: int = 400


def _invalid_grant() -> TokenError:
    # One message for every bad code, so a caller learns nothing about codes it does not hold.
    return TokenError("invalid_grant", "The authorization code is invalid, expired or already used.")


def same(a: str, b: str) -> bool:
    """Constant-time string equality."""
    return hmac.compare_digest(a.encode("utf-8", "surrogatepass"), b.encode("utf-8", "surrogatepass"))


def s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def exchange_code(
    session: Session,
    *,
    client_id: str | None,
    client_secret: str | None,
    code: str | None,
    code_verifier: str | None = None,
    grant_type: str | None = None,
    redirect_uri: str | None = None,
    basic_auth: bool = False,
) -> tuple[Token, str]:
    """Turn a code into a token for the app that authenticates with its
    secret; returns the token row and its plaintext. Raises TokenError.

    When the code was used before, the token it was exchanged for is revoked
    before TokenError is raised: the caller must commit the session on
    error too.
    """
    app = find_app(session, client_id)
    if not check_client_secret(app, client_secret):
        # RFC 6749 5.2: 401 when the client used the Authorization header, else 400.
        raise TokenError("invalid_client", "Client authentication failed.", 401 if basic_auth else 400)
    if grant_type and grant_type != "authorization_code":
        raise TokenError("unsupported_grant_type", "Only grant_type=authorization_code is supported.")
    if not code:
        raise TokenError("invalid_request", "The code parameter is required.")
    row = session.execute(
        select(OAuthCode).where(OAuthCode.code_hash == hash_token(code))
    ).scalar_one_or_none()
    if row is None or row.app_id != app.id:
        raise _invalid_grant()
    at = now()
    if row.used_at is not None:
        _revoke_issued(session, row, at)
        raise _invalid_grant()
    if row.expires_at <= at:
        raise _invalid_grant()
    if row.redirect_uri and not same(redirect_uri or "", row.redirect_uri):
        raise _invalid_grant()
    if redirect_uri and not same(redirect_uri, app.redirect_uri):
        raise _invalid_grant()
    if row.code_challenge:
        if not code_verifier or not CODE_VERIFIER.match(code_verifier):
            raise TokenError("invalid_grant", "A code_verifier matching the code_challenge is required.")
        if not same(s256(code_verifier), row.code_challenge):
            raise TokenError("invalid_grant", "The code_verifier does not match the code_challenge.")
    elif code_verifier:
        raise TokenError(
            "invalid_grant", "A code_verifier was sent, but the authorization had no code_challenge."
        )
    # Claim the code atomically: of two concurrent exchanges, one wins.
    # An UPDATE's result is a CursorResult, which has the row count.
    claimed = cast(
        "CursorResult[Any]",
        session.execute(
            update(OAuthCode)
            .where(and_(OAuthCode.id == row.id, OAuthCode.used_at.is_(None)))
            .values(used_at=at)
        ),
    ).rowcount
    if claimed != 1:
        session.refresh(row)
        _revoke_issued(session, row, at)
        raise _invalid_grant()
    user = session.get_one(User, row.user_id)
    token, plaintext = create_token(session, user, name=app.name[:255], scope=row.scope, app_id=app.id)
    session.execute(update(OAuthCode).where(OAuthCode.id == row.id).values(token_id=token.id))
    return token, plaintext


def _revoke_issued(session: Session, code: OAuthCode, at: dt.datetime) -> None:
    if code.token_id is not None:
        session.execute(
            update(Token).where(Token.id == code.token_id, Token.revoked_at.is_(None)).values(revoked_at=at)
        )
