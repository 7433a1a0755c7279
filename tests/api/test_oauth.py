"""The OAuth authorization-code flow: login and consent pages, codes, the
token endpoint, PKCE, CSRF, rate limiting and the browser session."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
import re
import secrets
import urllib.parse

import pytest
from sqlalchemy import select, update

from djinn.api.app import runtime_of
from djinn.domain import oauth
from tests.conftest import BASE_URL, bearer

REDIRECT_URI = "https://app.example.com/oauth/callback?from=djinn"
PASSWORD = "correct horse battery"


@dataclasses.dataclass
class App:
    client_id: str
    client_secret: str


def hidden(html: str, name: str) -> str | None:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    return match.group(1) if match else None


def query(location: str) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))


def local(location: str) -> str:
    """A Location under the server's base URL, as a path the test client can follow."""
    assert location.startswith(BASE_URL + "/"), location
    return location[len(BASE_URL) :]


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    return verifier, oauth.s256(verifier)


class Flow:
    """Drives the pages as a browser would, with the test client's cookie jar."""

    def __init__(self, client, app: App):
        self.client = client
        self.app = app

    def params(self, **overrides) -> dict[str, str]:
        params = {"client_id": self.app.client_id, "scope": "build:read,write namespace:read", "state": "xyz"}
        params.update(overrides)
        return {k: v for k, v in params.items() if v is not None}

    def authorize(self, **overrides):
        return self.client.get(
            "/login/oauth/authorize", params=self.params(**overrides), follow_redirects=False
        )

    def login(self, username="alice", password=PASSWORD, **overrides):
        page = self.authorize(**overrides)
        assert page.status_code == 200 and "<h1>Sign in" in page.text, page.text
        form = {
            **self.params(**overrides),
            "username": username,
            "password": password,
            "csrf_token": hidden(page.text, "csrf_token"),
        }
        return self.client.post("/login/oauth/login", data=form, follow_redirects=False)

    def consent_page(self, **overrides):
        """The consent page, signing in first when the session is not."""
        page = self.authorize(**overrides)
        if "<h1>Sign in" in page.text:
            response = self.login(**overrides)
            assert response.status_code == 302, response.text
            page = self.client.get(local(response.headers["location"]), follow_redirects=False)
        assert page.status_code == 200 and "<h1>Authorize" in page.text, page.text
        return page

    def decide(self, page, decision="authorize", approved=None, **overrides):
        form = {
            **self.params(**overrides),
            "csrf_token": hidden(page.text, "csrf_token"),
            "decision": decision,
        }
        if approved is None:
            approved = re.findall(r'name="approved" value="([^"]+)"', page.text)
        form["approved"] = approved
        return self.client.post("/login/oauth/authorize", data=form, follow_redirects=False)

    def code(self, approved=None, **overrides) -> str:
        response = self.decide(self.consent_page(**overrides), approved=approved, **overrides)
        assert response.status_code == 302, response.text
        location = response.headers["location"]
        assert location.startswith(REDIRECT_URI.split("?")[0] + "?"), location
        params = query(location)
        assert params["state"] == overrides.get("state", "xyz") and params["from"] == "djinn"
        return params["code"]

    def exchange(self, code, *, json_answer=True, **form):
        body = {
            "client_id": self.app.client_id,
            "client_secret": self.app.client_secret,
            "code": code,
            **form,
        }
        body = {k: v for k, v in body.items() if v is not None}
        headers = {"Accept": "application/json"} if json_answer else {}
        return self.client.post("/login/oauth/token", data=body, headers=headers)


@pytest.fixture
def alice(make_user):
    return make_user("alice")


@pytest.fixture
def register(db, alice):
    from djinn.domain.apps import register_app

    def register(owner=alice, redirect_uri=REDIRECT_URI, name="Build dashboard") -> App:
        with db.transaction() as session:
            app, secret = register_app(
                session,
                owner,
                name=name,
                redirect_uri=redirect_uri,
                description="Shows my builds on a wall screen.",
            )
            return App(app.client_id, secret)

    return register


@pytest.fixture
def app_(register) -> App:
    return register()


@pytest.fixture
def flow(client, app_) -> Flow:
    return Flow(client, app_)


# ---------------------------------------------------------------- the flow


def test_the_whole_flow_issues_a_token_with_the_approved_scope(client, flow):
    page = flow.consent_page()
    assert "Build dashboard" in page.text
    assert "Read builds, their jobs, output, artifacts and tags" in page.text  # the document's words
    assert "Submit builds, pin and tag them" in page.text
    assert "Read namespaces, their lists and collaborators" in page.text
    assert "https://app.example.com" in page.text  # where the user will be sent
    response = flow.decide(page)
    code = query(response.headers["location"])["code"]

    answer = flow.exchange(code)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.headers["cache-control"] == "no-store"
    token = answer.json()
    assert token["token_type"] == "bearer"
    assert token["scope"] == "build:read,write namespace:read"
    me = client.get("/user", headers=bearer(token["access_token"]))
    assert me.status_code == 200 and me.json()["username"] == "alice"
    # Exactly the approved scope: builds yes, variables no.
    assert client.get("/builds", headers=bearer(token["access_token"])).status_code != 404
    assert client.get("/variables", headers=bearer(token["access_token"])).status_code == 404


def test_the_token_answer_is_form_encoded_unless_json_is_asked_for(flow):
    answer = flow.exchange(flow.code(), json_answer=False)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/x-www-form-urlencoded")
    fields = dict(urllib.parse.parse_qsl(answer.text))
    assert set(fields) == {"access_token", "token_type", "scope"}
    assert fields["token_type"] == "bearer" and fields["access_token"].startswith("djinn_")
    assert fields["scope"] == "build:read,write namespace:read"


def test_errors_come_in_the_encoding_asked_for(flow):
    as_json = flow.exchange("no-such-code")
    assert as_json.status_code == 400
    assert as_json.json() == {
        "error": "invalid_grant",
        "error_description": "The authorization code is invalid, expired or already used.",
    }
    as_form = flow.exchange("no-such-code", json_answer=False)
    assert as_form.status_code == 400
    assert as_form.headers["content-type"].startswith("application/x-www-form-urlencoded")
    assert dict(urllib.parse.parse_qsl(as_form.text))["error"] == "invalid_grant"


def test_the_user_can_narrow_the_scope_but_not_widen_it(client, flow):
    code = flow.code(approved=["build:read", "variable:delete"])  # variable:delete was not asked for
    token = flow.exchange(code).json()
    assert token["scope"] == "build:read"
    assert client.get("/builds", headers=bearer(token["access_token"])).status_code != 404
    assert client.post("/builds", json={}, headers=bearer(token["access_token"])).status_code == 404


def test_approving_nothing_gives_an_identity_only_token(client, flow):
    token = flow.exchange(flow.code(approved=[])).json()
    assert token["scope"] == ""
    assert client.get("/user", headers=bearer(token["access_token"])).status_code == 200
    assert client.get("/builds", headers=bearer(token["access_token"])).status_code == 404


def test_deny_redirects_with_access_denied_and_the_state(db, flow):
    from djinn.infra.db.models import OAuthCode

    response = flow.decide(flow.consent_page(), decision="deny")
    assert response.status_code == 302
    location = response.headers["location"]
    assert location.startswith("https://app.example.com/oauth/callback?")
    assert query(location) == {"from": "djinn", "error": "access_denied", "state": "xyz"}
    with db.session() as session:
        assert session.execute(select(OAuthCode)).first() is None


def test_an_app_that_holds_a_covering_token_is_redirected_at_once(flow):
    flow.exchange(flow.code()).json()
    again = flow.authorize(scope="build:read")
    assert again.status_code == 302
    assert "code" in query(again.headers["location"])
    wider = flow.authorize(scope="build:read,write,delete")
    assert wider.status_code == 200 and "<h1>Authorize" in wider.text


def test_redirect_uri_may_be_given_and_must_then_be_sent_again(flow):
    code = flow.code(redirect_uri=REDIRECT_URI)
    assert flow.exchange(code).json()["error"] == "invalid_grant"  # left out at the token endpoint
    code = flow.code(redirect_uri=REDIRECT_URI)
    assert flow.exchange(code, redirect_uri=REDIRECT_URI).status_code == 200


# --------------------------------------------- bad authorization requests


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"client_id": "0123456789abcdef0123"}, "unknown client_id"),
        ({"client_id": "bad id!"}, "unknown client_id"),
        ({"client_id": None}, "client_id is required"),
        ({"redirect_uri": "https://evil.example.com/oauth/callback"}, "redirect_uri does not match"),
        ({"redirect_uri": "https://app.example.com/oauth/callback"}, "redirect_uri does not match"),
        ({"redirect_uri": REDIRECT_URI + "&x=1"}, "redirect_uri does not match"),
        ({"scope": "builds:read"}, "unknown resource"),
        ({"scope": "build"}, "malformed scope item"),
        ({"code_challenge_method": "plain", "code_challenge": "x" * 43}, "code_challenge_method"),
        ({"code_challenge_method": "S256", "code_challenge": "not+base64url" * 4}, "code_challenge"),
        ({"response_type": "token"}, "response_type"),
    ],
)
def test_bad_authorization_requests_get_an_error_page_and_no_redirect(flow, overrides, message):
    response = flow.authorize(**overrides)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert "location" not in response.headers
    assert message in response.text
    assert '<html lang="en">' in response.text


def test_a_bad_consent_post_gets_an_error_page_and_no_redirect(client, flow):
    page = flow.consent_page()
    response = flow.decide(page, redirect_uri="https://evil.example.com/")
    assert response.status_code == 400 and "location" not in response.headers
    response = client.post(
        "/login/oauth/authorize", data={"client_id": flow.app.client_id, "decision": "authorize"}
    )
    assert response.status_code == 400 and "location" not in response.headers
    assert response.headers["content-type"].startswith("text/html")


# ------------------------------------------------------------------- CSRF


def test_consent_without_the_csrf_token_is_refused(client, flow):
    page = flow.consent_page()
    form = {**flow.params(), "decision": "authorize"}
    for csrf in (None, "", "forged" + hidden(page.text, "csrf_token")):
        data = dict(form) if csrf is None else {**form, "csrf_token": csrf}
        response = client.post("/login/oauth/authorize", data=data, follow_redirects=False)
        assert response.status_code == 400, csrf
        assert "location" not in response.headers
        assert "did not come from this site" in response.text or "csrf_token is required" in response.text


def test_login_without_the_csrf_token_is_refused(client, flow):
    flow.authorize()  # a session exists, but the form's token is missing or wrong
    form = {**flow.params(), "username": "alice", "password": PASSWORD, "csrf_token": "wrong"}
    response = client.post("/login/oauth/login", data=form, follow_redirects=False)
    assert response.status_code == 400 and "did not come from this site" in response.text
    # Nothing signed in: the consent page is not reachable.
    assert "<h1>Sign in" in flow.authorize().text


def test_a_csrf_token_from_another_session_is_refused(app, flow):
    page = flow.consent_page()
    token = hidden(page.text, "csrf_token")
    with app.test_client() as other:
        response = other.post(
            "/login/oauth/authorize", data={**flow.params(), "csrf_token": token, "decision": "authorize"}
        )
    assert response.status_code == 200 and "<h1>Sign in" in response.text  # not signed in there


# ------------------------------------------------------------------ login


def test_wrong_credentials_show_the_login_page_again(flow):
    for username in ("alice", "nobody"):
        response = flow.login(username=username, password="wrong password")
        assert response.status_code == 400
        assert "Wrong username or password." in response.text
        assert 'role="alert"' in response.text


def test_login_by_email_address(flow):
    response = flow.login(username="ALICE@example.com")
    assert response.status_code == 302
    assert local(response.headers["location"]).startswith("/login/oauth/authorize?")


def test_sign_out_leads_back_to_the_login_page(client, flow):
    page = flow.consent_page()
    response = client.post(
        "/login/oauth/logout",
        data={**flow.params(), "csrf_token": hidden(page.text, "csrf_token")},
        follow_redirects=False,
    )
    assert response.status_code == 302
    assert "<h1>Sign in" in client.get(local(response.headers["location"])).text


def test_login_is_rate_limited_per_account(db, client, flow, make_user):
    from djinn.infra.db.models import LoginFailure

    for _ in range(5):
        assert flow.login(password="wrong password").status_code == 400
    # Even the right password is refused now, by username or by email address.
    for username in ("alice", "alice@example.com"):
        response = flow.login(username=username)
        assert response.status_code == 429
        assert 0 < int(response.headers["retry-after"]) <= 15 * 60
        assert "Too many failed sign-ins" in response.text
    # Once the failures are older than the window, the account signs in again.
    with db.transaction() as session:
        session.execute(
            update(LoginFailure).values(created_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
        )
    assert flow.login().status_code == 302


def test_login_is_rate_limited_per_client_address(flow, make_user):
    for n in range(5):
        assert flow.login(username=f"nobody{n}", password="wrong password").status_code == 400
    make_user("bob")
    assert flow.login(username="bob").status_code == 429


# --------------------------------------------------------- the token endpoint


def test_a_wrong_secret_or_unknown_client_is_invalid_client(flow):
    code = flow.code()
    for client_id, secret in (
        (flow.app.client_id, "0" * 64),
        (flow.app.client_id, ""),
        ("0123456789abcdef0123", flow.app.client_secret),
    ):
        response = flow.exchange(code, client_id=client_id, client_secret=secret)
        assert response.status_code == 400  # 401 is for clients that sent HTTP Basic
        assert response.json()["error"] == "invalid_client"
    # The code was not spent by those attempts.
    assert flow.exchange(code).status_code == 200


def test_client_credentials_may_come_with_http_basic(client, flow):
    code = flow.code()
    basic = base64.b64encode(f"{flow.app.client_id}:{flow.app.client_secret}".encode()).decode()
    both = client.post(
        "/login/oauth/token",
        data={"code": code, "client_secret": flow.app.client_secret},
        headers={"Authorization": f"Basic {basic}", "Accept": "application/json"},
    )
    assert both.status_code == 400 and both.json()["error"] == "invalid_request"
    response = client.post(
        "/login/oauth/token",
        data={"code": code, "grant_type": "authorization_code"},
        headers={"Authorization": f"Basic {basic}", "Accept": "application/json"},
    )
    assert response.status_code == 200, response.text
    wrong = base64.b64encode(f"{flow.app.client_id}:nope".encode()).decode()
    response = client.post(
        "/login/oauth/token", data={"code": code}, headers={"Authorization": f"Basic {wrong}"}
    )
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Basic realm="djinn"'
    assert dict(urllib.parse.parse_qsl(response.text))["error"] == "invalid_client"


def test_a_code_is_for_the_app_it_was_issued_to(flow, register, client):
    other = register(name="Other app")
    code = flow.code()
    response = Flow(client, other).exchange(code)
    assert response.status_code == 400 and response.json()["error"] == "invalid_grant"
    assert flow.exchange(code).status_code == 200


def test_an_expired_code_is_invalid_grant(flow, monkeypatch):
    code = flow.code()
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=10, seconds=1)
    monkeypatch.setattr(oauth, "now", lambda: later)
    response = flow.exchange(code)
    assert response.status_code == 400 and response.json()["error"] == "invalid_grant"


def test_a_code_is_still_good_just_before_ten_minutes(flow, monkeypatch):
    code = flow.code()
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=9, seconds=50)
    monkeypatch.setattr(oauth, "now", lambda: later)
    assert flow.exchange(code).status_code == 200


def test_a_reused_code_is_refused_and_its_token_revoked(client, db, flow):
    from djinn.infra.db.models import OAuthCode

    code = flow.code()
    token = flow.exchange(code).json()["access_token"]
    assert client.get("/user", headers=bearer(token)).status_code == 200
    again = flow.exchange(code)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
    assert client.get("/user", headers=bearer(token)).status_code == 404
    with db.session() as session:
        stored = session.execute(select(OAuthCode)).scalar_one()
    assert stored.code_hash != code and code not in stored.code_hash  # only its hash is kept


def test_pkce_the_verifier_must_match_the_challenge(flow):
    verifier, challenge = pkce()
    pkce_params = {"code_challenge": challenge, "code_challenge_method": "S256"}
    page = flow.consent_page(**pkce_params)
    assert hidden(page.text, "code_challenge") == challenge

    for wrong in (None, pkce()[0], verifier[:-1] + ("A" if verifier[-1] != "A" else "B")):
        code = flow.code(**pkce_params)
        response = flow.exchange(code, code_verifier=wrong)
        assert response.status_code == 400 and response.json()["error"] == "invalid_grant", wrong

    code = flow.code(**pkce_params)
    assert flow.exchange(code, code_verifier=verifier).status_code == 200


def test_pkce_a_verifier_without_a_challenge_is_refused(flow):
    response = flow.exchange(flow.code(), code_verifier=pkce()[0])
    assert response.status_code == 400 and response.json()["error"] == "invalid_grant"


def test_only_the_authorization_code_grant_is_supported(flow):
    response = flow.exchange(flow.code(), grant_type="password")
    assert response.status_code == 400 and response.json()["error"] == "unsupported_grant_type"


def test_malformed_token_requests_are_invalid_request(client):
    for headers, parse in (
        ({"Accept": "application/json"}, json.loads),
        ({}, lambda text: dict(urllib.parse.parse_qsl(text))),
    ):
        response = client.post(
            "/login/oauth/token", data={"client_id": "x", "client_secret": "y"}, headers=headers
        )
        assert response.status_code == 400
        assert parse(response.text)["error"] == "invalid_request"


# ----------------------------------------------------------- the session


def test_the_session_cookie_is_httponly_and_samesite_lax(flow):
    response = flow.authorize()
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("djinn_session=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # the test server's base URL is http


def test_a_tampered_session_cookie_is_no_session(client, flow):
    flow.consent_page()  # signed in: the cookie names alice
    cookie = client.cookies["djinn_session"]
    payload, _, rest = cookie.partition(".")
    forged = payload[:-1] + ("A" if payload[-1] != "A" else "B") + "." + rest
    client.cookies.clear()
    client.cookies.set("djinn_session", forged)
    assert "<h1>Sign in" in flow.authorize().text


def test_api_answers_set_no_session_cookie(client, flow):
    flow.consent_page()
    assert "set-cookie" not in client.get("/").headers


def test_the_session_cookie_is_secure_behind_https(config, app_):
    from djinn.api.app import create_app

    https_app = create_app(dataclasses.replace(config, base_url="https://djinn.example.com"))
    try:
        with https_app.test_client() as client:
            response = client.get("/login/oauth/authorize", params={"client_id": app_.client_id})
        assert response.status_code == 200
        assert "Secure" in response.headers["set-cookie"]
        assert 'action="https://djinn.example.com/login/oauth/login"' in response.text
    finally:
        runtime_of(https_app).db.dispose()


def test_pages_cannot_be_framed_or_cached(flow):
    response = flow.authorize()
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["cache-control"] == "no-store"
