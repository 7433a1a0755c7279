"""The OAuth pages (login, consent) and the token endpoint.

Errors the user must see (unknown client, mismatched redirect URI, bad
scope, bad CSRF token) are HTML pages and never redirects: until the
request is checked, its redirect URI is not to be trusted.
"""

from __future__ import annotations

import base64
import binascii
import urllib.parse
from collections.abc import Mapping
from typing import Any

from starlette.responses import Response

from djinn.api import oauth_web as pages
from djinn.api import spec, web
from djinn.domain import oauth
from djinn.domain.auth.login import LoginThrottled, sign_in
from djinn.domain.auth.scopes import ScopeError, parse_scope
from djinn.infra.db.models import User
from handlers import JsonObject

REQUEST_FIELDS = ("client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method")


def _authorization(values: Mapping[str, Any]) -> oauth.AuthorizationRequest:
    return oauth.parse_authorization_request(
        web.db(), **{k: values.get(k) for k in (*REQUEST_FIELDS, "response_type")}
    )


def _back_to_authorize(request: oauth.AuthorizationRequest) -> Response:
    return pages.redirect(web.url("/login/oauth/authorize?" + urllib.parse.urlencode(request.params())))


def _login_page(
    request: oauth.AuthorizationRequest,
    status: int = 200,
    *,
    error: str = "",
    username: str = "",
    headers: dict[str, str] | None = None,
) -> Response:
    return pages.page(
        "login.html",
        status,
        headers,
        app=request.app,
        params=request.params(),
        csrf_token=pages.csrf_token(),
        action=web.url("/login/oauth/login"),
        error=error,
        username=username,
    )


def _consent_page(request: oauth.AuthorizationRequest, user: User) -> Response:
    descriptions = spec.scope_descriptions()
    destination = urllib.parse.urlsplit(request.redirect_uri)
    return pages.page(
        "consent.html",
        app=request.app,
        owner=request.app.user.username,
        user=user,
        params=request.params(),
        csrf_token=pages.csrf_token(),
        scopes=[(item, descriptions[item]) for item in oauth.scope_items(request.scopes)],
        destination=f"{destination.scheme}://{destination.netloc}",
        action=web.url("/login/oauth/authorize"),
        sign_out_action=web.url("/login/oauth/logout"),
    )


def _redirect_with_code(request: oauth.AuthorizationRequest, user: User, scopes: frozenset[str]) -> Response:
    code = oauth.issue_code(web.db(), request, user, scopes)
    web.db().commit()
    return pages.redirect(request.redirect(code=code))


def show_authorize(**params: str) -> Response:
    try:
        request = _authorization(params)
    except oauth.AuthorizationError as e:
        return pages.error_page([str(e)])
    user = pages.signed_in_user(web.db())
    if user is None:
        return _login_page(request)
    if oauth.already_authorized(web.db(), request, user):
        return _redirect_with_code(request, user, request.scopes)
    return _consent_page(request, user)


def submit_login(body: JsonObject) -> Response:
    if not pages.csrf_ok(body.get("csrf_token")):
        return pages.error_page(
            ["The form has expired or did not come from this site. Go back and try again."]
        )
    try:
        request = _authorization(body)
    except oauth.AuthorizationError as e:
        return pages.error_page([str(e)])
    username = body.get("username") or ""
    try:
        user = sign_in(web.db(), username, body.get("password") or "", address=web.remote_addr())
    except LoginThrottled as e:
        minutes = -(-e.retry_after // 60)
        return _login_page(
            request,
            429,
            username=username,
            headers={"Retry-After": str(e.retry_after)},
            error=f"Too many failed sign-ins. Try again in {minutes} minute{'s' if minutes != 1 else ''}.",
        )
    web.db().commit()  # the failure counted, or the account's failures cleared
    if user is None:
        return _login_page(request, 400, username=username, error="Wrong username or password.")
    pages.sign_in(user)
    return _back_to_authorize(request)


def submit_consent(body: JsonObject) -> Response:
    try:
        request = _authorization(body)
    except oauth.AuthorizationError as e:
        return pages.error_page([str(e)])
    user = pages.signed_in_user(web.db())
    if user is None:
        return _login_page(request)
    if not pages.csrf_ok(body.get("csrf_token")):
        return pages.error_page(
            ["The form has expired or did not come from this site. Go back and try again."]
        )
    if body.get("decision") != "authorize":
        return pages.redirect(request.redirect(error="access_denied"))
    try:
        approved = parse_scope(" ".join(body.get("approved") or []))
    except ScopeError as e:
        return pages.error_page([f"The approved scope is malformed: {e}."])
    return _redirect_with_code(request, user, approved)


def sign_out(body: JsonObject) -> Response:
    if not pages.csrf_ok(body.get("csrf_token")):
        return pages.error_page(
            ["The form has expired or did not come from this site. Go back and try again."]
        )
    try:
        request = _authorization(body)
    except oauth.AuthorizationError as e:
        return pages.error_page([str(e)])
    pages.sign_out()
    return _back_to_authorize(request)


def _basic_credentials() -> tuple[str, str] | None:
    """client_id and client_secret from `Authorization: Basic`, RFC 6749 2.3.1 (form-encoded, then base64)."""
    header = web.headers().get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return ("", "")
    client_id, _, secret = decoded.partition(":")
    return urllib.parse.unquote_plus(client_id), urllib.parse.unquote_plus(secret)


def _token_answer(status: int, fields: dict[str, str]) -> Response:
    body, content_type, headers = pages.token_response(status, fields, web.headers().get("Accept"))
    return Response(body, status_code=status, headers=headers, media_type=content_type)


def exchange_token(body: JsonObject) -> Response:
    client_id, client_secret = body.get("client_id"), body.get("client_secret")
    basic = _basic_credentials()
    if basic is not None:
        if client_id and client_id != basic[0] or client_secret:
            return _token_answer(
                400,
                {
                    "error": "invalid_request",
                    "error_description": "Send the client credentials one way only.",
                },
            )
        client_id, client_secret = basic
    session = web.db()
    try:
        token, plaintext = oauth.exchange_code(
            session,
            client_id=client_id,
            client_secret=client_secret,
            code=body.get("code"),
            code_verifier=body.get("code_verifier"),
            grant_type=body.get("grant_type"),
            redirect_uri=body.get("redirect_uri"),
            basic_auth=basic is not None,
        )
    except oauth.TokenError as e:
        session.commit()  # a reused code's token stays revoked
        return _token_answer(e.status, {"error": e.error, "error_description": e.description})
    session.commit()
    return _token_answer(200, {"access_token": plaintext, "token_type": "bearer", "scope": token.scope})
