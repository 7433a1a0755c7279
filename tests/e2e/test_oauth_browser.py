"""A person's view of the flow, in a real browser: Playwright drives Debian's
Chromium (/usr/bin/chromium; `playwright install` is never run) through the
login and consent pages to the third-party app's redirect URI; the test then
exchanges the code and calls the API with the token.

CI installs Chromium (.ci/run) and this test fails there without it; on a
machine without it, it is skipped with a notice.
"""

from __future__ import annotations

import os
import pathlib
import re
import secrets
import urllib.parse

import httpx
import pytest

from djinn.domain.oauth import s256
from tests.e2e.conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = pathlib.Path(__file__).resolve().parents[2] / "test-output"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def chromium():
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} is missing: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_a_person_signs_in_and_authorizes_an_app_in_a_browser(
    chromium, live_server, registered, third_party_app
):
    from playwright.sync_api import expect

    verifier = secrets.token_urlsafe(48)
    state = secrets.token_urlsafe(12)
    authorize_url = f"{live_server}/login/oauth/authorize?" + urllib.parse.urlencode(
        {
            "client_id": registered.client_id,
            "redirect_uri": registered.redirect_uri,
            "scope": "build:read,write namespace:read variable:read",
            "state": state,
            "code_challenge": s256(verifier),
            "code_challenge_method": "S256",
        }
    )
    context = chromium.new_context(viewport={"width": 720, "height": 860}, device_scale_factor=1)
    page = context.new_page()
    problems: list[str] = []  # console errors, CSP violations included
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    try:
        page.goto(authorize_url)
        expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to authorize Build dashboard")
        page.get_by_label("Username or email address").fill("alice")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()

        expect(page.get_by_role("heading", level=1)).to_have_text("Authorize Build dashboard?")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        for words in (
            "Read builds, their jobs, output, artifacts and tags",
            "Submit builds, pin and tag them",
            "Read namespaces, their lists and collaborators",
            "Read variables (masked values stay masked)",
        ):
            expect(page.get_by_label(words)).to_be_checked()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "oauth-consent.png"), full_page=True)

        # The person does not let the app read variables.
        page.get_by_label("Read variables (masked values stay masked)").uncheck()
        page.get_by_role("button", name="Authorize").click()
        page.wait_for_url(re.compile(re.escape(registered.redirect_uri) + r"\?"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Back at the app")
    finally:
        context.close()
    assert problems == []

    [received] = third_party_app.received
    assert received["state"] == state
    answer = httpx.post(
        f"{live_server}/login/oauth/token",
        data={
            "client_id": registered.client_id,
            "client_secret": registered.client_secret,
            "code": received["code"],
            "code_verifier": verifier,
            "redirect_uri": registered.redirect_uri,
        },
    )
    assert answer.status_code == 200, answer.text
    token = dict(urllib.parse.parse_qsl(answer.text))
    assert token["scope"] == "build:read,write namespace:read"
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    me = httpx.get(f"{live_server}/user", headers=headers)
    assert me.status_code == 200 and me.json()["username"] == "alice"
    assert httpx.get(f"{live_server}/variables", headers=headers).status_code == 404
