"""A third-party app's view of the flow: Authlib's OAuth2Session (a real,
maintained OAuth client) builds the authorization URL with PKCE, and
exchanges the code at the live server's token endpoint; a requests session
stands in for the user's browser."""

import urllib.parse

import requests
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session

from tests.e2e.conftest import PASSWORD, Forms


def test_authlib_client_gets_a_working_token_with_pkce(live_server, registered):
    oauth = OAuth2Session(
        registered.client_id,
        registered.client_secret,
        scope="build:read namespace:read",
        redirect_uri=registered.redirect_uri,
        code_challenge_method="S256",
    )
    verifier = generate_token(64)
    url, state = oauth.create_authorization_url(
        f"{live_server}/login/oauth/authorize", code_verifier=verifier
    )

    browser = requests.Session()
    login = browser.get(url, timeout=10)
    assert login.status_code == 200 and "Sign in" in login.text
    form = Forms(login.text).forms[0]
    fields = dict(form["fields"]) | {"username": "alice", "password": PASSWORD}
    consent = browser.post(form["action"], data=fields, timeout=10)  # follows the redirect back to authorize
    assert consent.status_code == 200 and "Authorize Build dashboard?" in consent.text
    form = Forms(consent.text).forms[0]
    approved = browser.post(
        form["action"], data=form["fields"] + [("decision", "authorize")], allow_redirects=False, timeout=10
    )
    assert approved.status_code == 302
    callback = approved.headers["Location"]
    assert callback.startswith(registered.redirect_uri + "?")

    # Authlib authenticates with HTTP Basic by default and asks for JSON.
    token = oauth.fetch_token(
        f"{live_server}/login/oauth/token",
        authorization_response=callback,
        state=state,
        code_verifier=verifier,
    )
    assert token["token_type"] == "bearer"
    assert token["scope"] == "build:read namespace:read"
    me = oauth.get(f"{live_server}/user", timeout=10)
    assert me.status_code == 200 and me.json()["username"] == "alice"
    # The same code a second time: refused, and the token it gave is revoked.
    again = requests.post(
        f"{live_server}/login/oauth/token",
        timeout=10,
        data={
            "client_id": registered.client_id,
            "client_secret": registered.client_secret,
            "code": dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(callback).query))["code"],
            "code_verifier": verifier,
        },
    )
    assert again.status_code == 400 and "error=invalid_grant" in again.text
    assert oauth.get(f"{live_server}/user", timeout=10).status_code == 404
