"""Tests of the ssh, docker and qemu drivers against real engines: an sshd on
loopback, podman's Docker-compatible API, and QEMU booting a small image.

On a machine without an engine its tests are skipped with a notice; CI
installs them all and sets DJINN_TEST_REQUIRE_DRIVERS=1, so there a missing
engine fails instead. Driver tests run on SQLite only: what they test is the
driver, and the database half is covered by the os-driver tests.
"""

from __future__ import annotations

import os

import pytest

from tests.conftest import bearer

REQUIRE_DRIVERS = os.environ.get("DJINN_TEST_REQUIRE_DRIVERS") == "1"


def engine_missing(why: str) -> None:
    """Skip the test (or fail it in CI) because an engine it needs is not here."""
    if REQUIRE_DRIVERS:
        pytest.fail(f"{why} (DJINN_TEST_REQUIRE_DRIVERS=1: the engine is required)")
    pytest.skip(why)


@pytest.fixture
def database_url(sqlite_database):
    return sqlite_database


@pytest.fixture
def alice(make_user, make_token):
    user = make_user("alice")
    return user, bearer(make_token(user))
