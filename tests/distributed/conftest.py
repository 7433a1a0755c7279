"""Distributed mode needs Redis (the machine's, 127.0.0.1:6379, or
DJINN_TEST_REDIS_URL) and PostgreSQL. Each test gets its own Redis key
prefix, removed afterwards, so runs never see each other's messages."""

from __future__ import annotations

import os
import uuid

import pytest
import redis

REDIS_URL = os.environ.get("DJINN_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
REQUIRE_REDIS = os.environ.get("DJINN_TEST_REQUIRE_REDIS") == "1"


@pytest.fixture(scope="session")
def redis_url():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError:
        if REQUIRE_REDIS:
            pytest.fail(f"Redis is required (DJINN_TEST_REQUIRE_REDIS=1) but {REDIS_URL} is unreachable")
        pytest.skip(f"Redis not reachable at {REDIS_URL}; set DJINN_TEST_REDIS_URL to run distributed tests")
    return REDIS_URL


@pytest.fixture
def redis_prefix(redis_url):
    prefix = f"djinn-test-{uuid.uuid4().hex[:10]}"
    yield prefix
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(f"{prefix}*"))
    if keys:
        client.delete(*keys)
