"""The `djinn` command, run as a user would run it, against the test databases."""

import os
import subprocess
import sys

import pytest

from tests.conftest import bearer


@pytest.fixture
def djinn(config, tmp_path):
    env = {
        **os.environ,
        "DJINN_DATABASE_URL": config.database_url,
        "DJINN_DATA_DIR": str(tmp_path / "cli-data"),
    }

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "djinn.cli", *args],
            check=False,
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )

    return run


def test_user_and_token_created_by_the_cli_work_on_the_api(djinn, client):
    created = djinn("user", "create", "carol", "--email", "carol@example.com", stdin="a long password\n")
    assert created.returncode == 0, created.stderr
    assert created.stdout == ""  # the password came from stdin: nothing to print
    token = djinn("token", "create", "carol", "--name", "laptop", "--scope", "build:read,write")
    assert token.returncode == 0, token.stderr
    lines = token.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("djinn_")  # only the token, on stdout
    response = client.get("/user", headers=bearer(lines[0]))
    assert response.status_code == 200
    assert response.json()["username"] == "carol"
    # The token has build scopes only: a variable operation is hidden from it.
    assert client.get("/variables", headers=bearer(lines[0])).status_code == 404

    listed = djinn("token", "list", "carol")
    assert "laptop" in listed.stdout and lines[0] not in listed.stdout

    revoked = djinn("token", "revoke", "carol", "--name", "laptop")
    assert revoked.returncode == 0, revoked.stderr
    assert client.get("/user", headers=bearer(lines[0])).status_code == 404


def test_user_create_generates_and_prints_a_password_when_none_is_given(djinn, db):
    from sqlalchemy import select

    from djinn.domain.auth.passwords import verify_password
    from djinn.infra.db.models import User

    created = djinn("user", "create", "dave", "--email", "dave@example.com", stdin="")
    assert created.returncode == 0, created.stderr
    password = created.stdout.strip().removeprefix("password: ")
    with db.session() as session:
        user = session.execute(select(User).where(User.username == "dave")).scalar_one()
        assert verify_password(user.password_hash, password)
        assert password not in user.password_hash


def test_cli_reports_bad_input_clearly(djinn):
    assert djinn("user", "create", "erin", "--email", "erin@example.com", stdin="pw1234567\n").returncode == 0
    duplicate = djinn("user", "create", "erin", "--email", "other@example.com", stdin="pw1234567\n")
    assert duplicate.returncode == 1
    assert "username: Username is already taken" in duplicate.stderr
    bad_scope = djinn("token", "create", "erin", "--name", "x", "--scope", "builds:read")
    assert bad_scope.returncode == 1
    assert "unknown resource 'builds'" in bad_scope.stderr
    assert bad_scope.stdout == ""
    unknown = djinn("token", "create", "nobody", "--name", "x", "--scope", "build:read")
    assert unknown.returncode == 1
    assert "no user named 'nobody'" in unknown.stderr


def test_oauth_apps_are_managed_with_the_cli(djinn, client, db, make_user):
    # Few commands: each one starts Python and checks the migrations.
    from sqlalchemy import select

    from djinn.domain.auth.tokens import create_token
    from djinn.infra.db.models import OAuthApp

    fay = make_user("fay")
    bad = djinn("app", "create", "fay", "--name", "Dash", "--redirect-uri", "https://x.example.com/cb#frag")
    assert bad.returncode == 1 and "redirect_uri" in bad.stderr and bad.stdout == ""

    created = djinn(
        "app",
        "create",
        "fay",
        "--name",
        "Dash",
        "--redirect-uri",
        "https://x.example.com/cb",
        "--homepage",
        "https://x.example.com",
        "--description",
        "A dashboard",
    )
    assert created.returncode == 0, created.stderr
    lines = dict(line.split(": ", 1) for line in created.stdout.splitlines())
    client_id, secret = lines["client_id"], lines["client_secret"]
    with db.session() as session:
        app = session.execute(select(OAuthApp)).scalar_one()
        assert app.client_id == client_id and secret not in app.client_secret_hash

    listed = djinn("app", "list", "fay")
    assert (
        client_id in listed.stdout
        and "https://x.example.com/cb" in listed.stdout
        and secret not in listed.stdout
    )

    with db.transaction() as session:
        _row, granted = create_token(session, fay, name="Dash", scope="build:read", app_id=app.id)
    assert client.get("/user", headers=bearer(granted)).status_code == 200
    revoked = djinn("app", "revoke-grants", "fay", client_id)
    assert revoked.returncode == 0 and "revoked 1 token(s)" in revoked.stderr
    assert client.get("/user", headers=bearer(granted)).status_code == 404

    deleted = djinn("app", "delete", "fay", client_id)
    assert deleted.returncode == 0, deleted.stderr
    with db.session() as session:
        assert session.execute(select(OAuthApp)).first() is None
