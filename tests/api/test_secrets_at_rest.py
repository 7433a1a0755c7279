"""No secret is stored in clear: after a masked variable, an SSH key and a
webhook secret are created through the API, the whole database is read back
two ways (every row of every table by reflection, and the database's own dump
tool) and none of the three appears, in clear, base64 or hex."""

from __future__ import annotations

import base64
import shutil
import subprocess

import pytest
from sqlalchemy import MetaData, select

from tests.conftest import bearer
from tests.sshkeys import private_key

VARIABLE_VALUE = "masked-Value-7c41e9"
WEBHOOK_SECRET = "hook-Secret-2b8f03"


def _needles(secrets: list[str]) -> list[bytes]:
    """What a secret would look like stored in clear: itself, base64, hex;
    for a key file also each line of its base64 body and its decoded bytes."""
    found: list[bytes] = []
    for secret in secrets:
        raw = secret.encode()
        found += [raw, base64.b64encode(raw), raw.hex().encode()]
        if "-----BEGIN" in secret:
            body = [line for line in secret.splitlines() if line and not line.startswith("-----")]
            der = base64.b64decode("".join(body))
            found += [line.encode() for line in body if len(line) > 20]
            found += [der[-48:], der[-48:].hex().encode()]  # the end holds the private part
    return found


def _rows(database) -> list[bytes]:
    """Every value of every row of every table the database has, as bytes."""
    metadata = MetaData()
    metadata.reflect(database.engine)
    values: list[bytes] = []
    with database.engine.connect() as connection:
        for table in metadata.sorted_tables:
            for row in connection.execute(select(table)):
                for value in row:
                    if isinstance(value, (bytes, bytearray, memoryview)):
                        values.append(bytes(value))
                    elif value is not None:
                        values.append(str(value).encode())
    return values


def _dump(database) -> bytes:
    """The database as its own tool dumps it (sqlite3 `.dump`, pg_dump)."""
    url = database.engine.url
    if database.is_sqlite:
        tool = shutil.which("sqlite3")
        command = [tool, url.database, ".dump"]
    else:
        tool = shutil.which("pg_dump")
        command = [
            tool,
            "--data-only",
            url.set(drivername="postgresql").render_as_string(hide_password=False),
        ]
    if tool is None:
        pytest.skip(f"no dump tool for {url.drivername}; the reflection check above still ran")
    return subprocess.run(command, check=True, capture_output=True, timeout=60).stdout


def test_no_secret_is_stored_in_clear(client, db, make_user, make_token):
    headers = bearer(make_token(make_user("alice")))
    ssh_key = private_key("ed25519", "openssh")
    variable = {"key": "TOKEN", "value": VARIABLE_VALUE, "mask": True, "namespace": "vault"}
    assert client.post("/variables", json=variable, headers=headers).status_code == 201
    assert client.post("/keys", json={"name": "deploy", "key": ssh_key}, headers=headers).status_code == 201
    hook = {"payload_url": "https://example.com/hook", "secret": WEBHOOK_SECRET}
    assert client.post("/n/alice/vault/-/webhooks", json=hook, headers=headers).status_code == 201
    needles = _needles([VARIABLE_VALUE, WEBHOOK_SECRET, ssh_key])

    rows = _rows(db)
    assert any(b"TOKEN" == value for value in rows)  # the rows were read
    for needle in needles:
        assert not any(needle in value for value in rows), needle

    dump = _dump(db)
    assert b"TOKEN" in dump and b"deploy" in dump and b"https://example.com/hook" in dump
    for needle in needles:
        assert needle not in dump, needle
