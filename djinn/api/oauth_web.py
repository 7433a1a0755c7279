"""The HTTP edge of the OAuth flow that is not one handler's: the browser
session, CSRF tokens, the HTML pages and the token endpoint's encodings.

The browser session is a signed cookie (BrowserSessions, which `create_app`
puts in front of the app): it holds the signed-in user's id and a random CSRF
token. Every form carries
that token, and a post whose token does not match (or a post without a
session) is refused.
"""

from __future__ import annotations

import hmac
import json
import pathlib
import secrets
import urllib.parse
from typing import Any

import itsdangerous
import jinja2
import markupsafe
from sqlalchemy.orm import Session
from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from djinn.api import web
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


TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(pathlib.Path(__file__).parent / "templates"),
    autoescape=jinja2.select_autoescape(["html"]),
    auto_reload=False,
)


class BrowserSession(dict[str, Any]):
    """The session's values; `modified` when a handler changed them."""

    modified = False

    def __setitem__(self, key: str, value: Any) -> None:
        self.modified = True
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self.modified = True
        super().__delitem__(key)

    def clear(self) -> None:
        self.modified = True
        super().clear()

    def pop(self, key: str, *default: Any) -> Any:
        self.modified = True
        return super().pop(key, *default)


class BrowserSessions:
    """ASGI middleware: the signed cookie session of the OAuth pages
    (`scope["session"]`, read with `browser_session()`). The cookie is HttpOnly,
    SameSite=Lax, Secure when the server's public URL is https, and set only
    when a handler changed the session; a session emptied is deleted."""

    MAX_AGE = 31 * 24 * 3600  # seconds a signed session is believed

    def __init__(self, app: ASGIApp, secret_key: str, cookie_name: str, secure: bool) -> None:
        self.app = app
        self.cookie_name = cookie_name
        self.serializer = itsdangerous.URLSafeTimedSerializer(secret_key, salt="djinn browser session")
        self.flags = "; HttpOnly; Path=/; SameSite=Lax" + ("; Secure" if secure else "")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cookie = self._cookie(Headers(scope=scope).get("cookie", ""))
        values: dict[str, Any] = {}
        if cookie:
            try:
                loaded = self.serializer.loads(cookie, max_age=self.MAX_AGE)
            except itsdangerous.BadData:
                loaded = None
            values = loaded if isinstance(loaded, dict) else {}
        session = BrowserSession(values)
        scope["session"] = session

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and session.modified:
                headers = MutableHeaders(scope=message)
                if session:
                    value = self.serializer.dumps(dict(session))
                    headers.append("Set-Cookie", f"{self.cookie_name}={value}{self.flags}")
                elif cookie:
                    headers.append(
                        "Set-Cookie",
                        f"{self.cookie_name}=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0{self.flags}",
                    )
                headers.add_vary_header("Cookie")
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    def _cookie(self, header: str) -> str:
        for part in header.split(";"):
            name, _, value = part.strip().partition("=")
            if name == self.cookie_name:
                return value.strip('"')
        return ""


def browser_session() -> BrowserSession:
    """The request's browser session (BrowserSessions)."""
    found: BrowserSession = web.request().scope["session"]
    return found


def csrf_token() -> str:
    """The session's CSRF token, made on first use."""
    token = browser_session().get(CSRF_KEY)
    if not token:
        token = browser_session()[CSRF_KEY] = secrets.token_urlsafe(32)
    return token


def csrf_ok(submitted: str | None) -> bool:
    expected = browser_session().get(CSRF_KEY)
    if not expected or not submitted:
        return False
    return hmac.compare_digest(expected.encode(), submitted.encode("utf-8", "surrogatepass"))


def signed_in_user(session: Session) -> User | None:
    user_id = browser_session().get(USER_KEY)
    if not isinstance(user_id, int):
        return None
    user = session.get(User, user_id)
    if user is None:
        browser_session().pop(USER_KEY, None)
    return user


def sign_in(user: User) -> None:
    # A new session with a new CSRF token: nothing from before the sign-in carries over.
    browser_session().clear()
    browser_session()[USER_KEY] = user.id
    browser_session()[CSRF_KEY] = secrets.token_urlsafe(32)


def sign_out() -> None:
    browser_session().clear()


def page(template: str, status: int = 200, headers: dict[str, str] | None = None, **context: Any) -> Response:
    html = TEMPLATES.get_template(template).render(**context)
    return Response(
        html, status_code=status, headers={**PAGE_HEADERS, **(headers or {})}, media_type="text/html"
    )


def error_page(messages: list[str], status: int = 400) -> Response:
    return page("error.html", status, messages=messages)


def redirect(location: str) -> Response:
    # Non-ASCII characters of the location are percent-encoded (an IRI made a URI).
    uri = urllib.parse.quote(location, safe="/:?#[]@!$&'()*+,;=%~")
    body = f'<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href="{_escape(uri)}">{_escape(location)}</a>. If not, click the link.\n'
    return Response(body, status_code=302, headers={**PAGE_HEADERS, "Location": uri}, media_type="text/html")


def _escape(text: str) -> str:
    return str(markupsafe.escape(text))


def render_error_html(messages: list[str]) -> str:
    """The error page outside a handler (for errors raised before a handler runs)."""
    return TEMPLATES.get_template("error.html").render(messages=messages)


def wants_json(accept: str | None) -> bool:
    """Whether the Accept header prefers JSON to the form encoding (the default)."""
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
