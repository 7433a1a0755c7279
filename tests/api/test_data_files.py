"""The data directory holds secrets and private data (the database, the file
store, the secret key): everything djinn makes there is for its own user
only, whatever the umask."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

from djinn.api.app import create_app, runtime_of
from djinn.domain.auth.scopes import ALL_SCOPES, format_scope
from djinn.domain.auth.tokens import create_token
from djinn.domain.users import create_user
from djinn.infra.config import Config
from tests.conftest import BASE_URL, bearer


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_database_store_and_their_directories_are_private(tmp_path):
    data = tmp_path / "srv" / "djinn"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJINN_")}
    migrated = subprocess.run(
        [sys.executable, "-m", "djinn.cli", "migrate"],
        env={**env, "DJINN_DATA_DIR": str(data)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert migrated.returncode == 0, migrated.stderr

    previous = os.umask(0o022)
    try:
        config = Config.from_env({"DJINN_DATA_DIR": str(data)}, base_url=BASE_URL).with_secret_key()
        app = create_app(config)
        try:
            state = runtime_of(app)
            with state.db.transaction() as session:
                user = create_user(
                    session, username="alice", email="alice@example.com", password="a long password"
                )
            with state.db.transaction() as session:
                _token, token = create_token(session, user, name="t", scope=format_scope(ALL_SCOPES))
            with app.test_client() as client:
                created = client.post(
                    "/objects",
                    params={"name": "notes.txt"},
                    content=b"private",
                    headers={**bearer(token), "Content-Type": "text/plain"},
                )
            assert created.status_code == 201, created.text
        finally:
            runtime_of(app).db.dispose()
    finally:
        os.umask(previous)

    directories = [tmp_path / "srv", data, data / "store", data / "store" / "objects"]
    files = [data / "djinn.db", data / "secret_key", data / "store" / "objects" / str(created.json()["id"])]
    files += [p for p in (data / "djinn.db-wal", data / "djinn.db-shm") if p.exists()]
    assert {str(p): oct(mode(p)) for p in directories} == {str(p): "0o700" for p in directories}
    assert {str(p): oct(mode(p)) for p in files} == {str(p): "0o600" for p in files}
