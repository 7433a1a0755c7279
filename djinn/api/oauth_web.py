"""The HTTP edge of the OAuth flow that is not one handler's: the browser
session, CSRF tokens, the HTML pages and the token endpoint's encodings.

The browser session is Flask's signed cookie (`create_app` configures it):
it holds the signed-in user's id and a random CSRF token. Every form carries
that token, and a post whose token does not match (or a post without a
session) is refused.
"""

from __future__ import annotations

import hmac
import json
import secrets
import urllib.parse
from typing import Any, cast

import flask
from sqlalchemy.orm import Session

from djinn.infra.db.models import User

USER_KEY = "user_id"
CSRF_KEY = "csrf"

# Pages are small and self-contained: no script, no external asset, not
# framable (clickjacking on the consent page), never cached, and no Referer
# to leak the authorization request's parameters.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


def csrf_token() -> str:
    """The session's CSRF token, made on first use."""
    token = flask.session.get(CSRF_KEY)
    if not token:
        token = flask.session[CSRF_KEY] = secrets.token_urlsafe(32)
    return token


def csrf_ok(submitted: str | None) -> bool:
    expected = flask.session.get(CSRF_KEY)
    if not expected or not submitted:
        return False
    return hmac.compare_digest(expected.encode(), submitted.encode("utf-8", "surrogatepass"))


def signed_in_user(session: Session) -> User | None:
    user_id = flask.session.get(USER_KEY)
    if not isinstance(user_id, int):
        return None
    user = session.get(User, user_id)
    if user is None:
        flask.session.pop(USER_KEY, None)
    return user


def sign_in(user: User) -> None:
    # A new session with a new CSRF token: nothing from before the sign-in carries over.
    flask.session.clear()
    flask.session[USER_KEY] = user.id
    flask.session[CSRF_KEY] = secrets.token_urlsafe(32)


def sign_out() -> None:
    flask.session.clear()


def page(
    template: str, status: int = 200, headers: dict[str, str] | None = None, **context: Any
) -> flask.Response:
    html = flask.render_template(template, **context)
    return flask.Response(
        html, status=status, headers={**PAGE_HEADERS, **(headers or {})}, mimetype="text/html"
    )


def error_page(messages: list[str], status: int = 400) -> flask.Response:
    return page("error.html", status, messages=messages)


def redirect(location: str) -> flask.Response:
    # In a request, flask.redirect makes the app's response class: flask.Response.
    response = cast(flask.Response, flask.redirect(location, 302))
    response.headers.update(PAGE_HEADERS)
    return response


def render_error_html(flask_app: flask.Flask, messages: list[str]) -> str:
    """The error page outside a request (for errors raised before a handler runs)."""
    return flask_app.jinja_env.get_template("error.html").render(messages=messages)


def wants_json(accept: str | None) -> bool:
    """Whether the Accept header prefers JSON to the form encoding (the default)."""
    from werkzeug.datastructures import MIMEAccept
    from werkzeug.http import parse_accept_header

    return parse_accept_header(accept, MIMEAccept).best_match([FORM, JSON], default=FORM) == JSON


def token_response(
    status: int, fields: dict[str, str], accept: str | None
) -> tuple[str, str, dict[str, str]]:
    """Body, content type and headers of a token endpoint answer, in the encoding the client asked for."""
    headers = {"Cache-Control": "no-store", "Pragma": "no-cache"}
    if status == 401:
        headers["WWW-Authenticate"] = 'Basic realm="djinn"'
    if wants_json(accept):
        return json.dumps(fields), JSON, headers
    return urllib.parse.urlencode(fields), FORM, headers
