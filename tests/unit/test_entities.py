"""The entities are plain dicts built without pydantic (djinn.domain.entities):
their JSON forms of times and URLs are the ones the generated models write,
also for the values a fast path could get wrong."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from unittest import mock

import pytest
from pydantic import AnyUrl, AwareDatetime, TypeAdapter, ValidationError

from djinn.domain import entities
from djinn.infra.db import models as db
from generated import models

TIMES = TypeAdapter(AwareDatetime)

BASES = [
    "http://djinn.test",
    "http://127.0.0.1:8080",
    "https://ci.example.com/djinn",
    "http://DJINN.test",  # upper-case host: lowered
    "http://djinn.test:80",  # default port: dropped
    "http://djinn.test/",  # trailing slash: `//` paths
    "http://djinn.test/a b",
]
PATHS = [
    "/b/alice/1",
    "/n/alice/team/sub/-/builds",
    "/b/alice/1/jobs/" + entities._quoted("unit tests"),
    "/b/alice/1/artifacts/" + entities._quoted("dist/app-1.0.tar.gz"),
    "/b/alice/1/tags/" + entities._quoted("ä ß"),
    "/b/alice/1/jobs/.hidden",
    "/b/alice/1/jobs/.",
    "/b/alice/1/jobs/..",
    "/b/alice/1/jobs/%2e%2E",
    "/b/alice/1/jobs/%2E",
    "/b/alice/1/jobs/a%2fb",
    "/b/alice/1/jobs/%zz",
    "/b/alice/1/jobs/a b",
    "/b/alice/1/jobs/a|b^c`d{e}",
    "/b/alice/1/jobs/a\\b",
    "/b/alice/1/jobs/a?b#c",
    "/n/alice/ü/-/keys",
    "/b/alice/1/jobs/~!$&'()*+,;=:@",
]


@pytest.mark.parametrize(
    "value",
    [
        datetime(2026, 11, 27, 12, 0, tzinfo=UTC),
        datetime(2026, 11, 27, 12, 0, 0, 1, tzinfo=UTC),
        datetime(2026, 11, 27, 12, 0, 0, 123000, tzinfo=UTC),
        datetime(999, 1, 2, 3, 4, 5, tzinfo=UTC),
        datetime(2026, 11, 27, 12, 0, tzinfo=timezone(timedelta(hours=1))),
        datetime(2026, 11, 27, 12, 0, tzinfo=timezone(timedelta(hours=-5, minutes=-30))),
        datetime(2026, 11, 27, 12, 0, tzinfo=timezone(timedelta(0))),
    ],
)
def test_times_are_written_as_the_models_write_them(value):
    assert entities._time(value) == TIMES.dump_python(value, mode="json")


def test_a_naive_time_is_refused_as_the_models_refuse_it():
    with pytest.raises(ValidationError):
        entities._time(datetime(2026, 11, 27, 12, 0))


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("path", PATHS)
def test_urls_are_written_as_anyurl_writes_them(base, path):
    current = entities.Rendering(base, mock.Mock(), entities._canonical_base(base))
    assert entities._url(current, path) == str(AnyUrl(base + path))
    urls = entities._Urls(current, path)
    assert urls.at() == str(AnyUrl(base + path))
    assert urls.at("/-/builds") == str(AnyUrl(base + path + "/-/builds"))
    assert urls.named("/jobs", "x y/..") == str(AnyUrl(base + path + "/jobs/x%20y%2F.."))


def test_a_url_anyurl_refuses_is_refused():
    current = entities.Rendering("http://djinn.test:99999", mock.Mock(), False)
    with pytest.raises(ValidationError):
        entities._url(current, "/b/alice/1")


def test_the_urls_of_the_base_url_of_a_path_are_written_whole():
    # A canonical base: the URL is the base and the path as they are.
    assert entities._canonical_base("http://djinn.test")
    assert not entities._canonical_base("http://DJINN.test")
    assert not entities._canonical_base("http://djinn.test:80")


def user_row(id: int, name: str) -> db.User:
    return db.User(
        id=id, username=name, email=f"{name}@example.com", created_at=datetime(2026, 1, 1, tzinfo=UTC)
    )


def test_a_build_is_its_model_field_for_field_in_order():
    alice = user_row(1, "alice")
    space = db.Namespace(
        id=3,
        user_id=1,
        user=alice,
        root_id=3,
        parent_id=None,
        name="team",
        path="team",
        description="",
        visibility="private",
        created_at=datetime(2026, 1, 2, tzinfo=UTC),
    )
    row = db.Build(
        id=7,
        user_id=1,
        user=alice,
        namespace_id=3,
        namespace=space,
        number=4,
        manifest="driver:\n  image: debian\n",
        status="passed",
        output=None,
        tags=[db.BuildTag(name="release")],
        pinned=False,
        created_at=datetime(2026, 1, 3, 4, 5, 6, 789, tzinfo=UTC),
        started_at=datetime(2026, 1, 3, 4, 5, 7, tzinfo=UTC),
        finished_at=None,
        trigger_type="manual",
        trigger_comment="",
        trigger_data={"ref": "main"},
    )
    with entities.rendering("http://djinn.test", mock.Mock()):
        rendered = entities.dump(entities.build(row))
        nested = entities.dump(entities.build(row, nested=True))
    for data in (rendered, nested):
        contract = models.Build.model_validate(data).model_dump(mode="json", exclude_unset=True)
        assert list(data.items()) == list(contract.items())
    assert rendered["created_at"] == "2026-01-03T04:05:06.000789Z"
    assert rendered["finished_at"] is None
    assert rendered["url"] == "http://djinn.test/b/alice/4"
    assert rendered["namespace"]["user"]["username"] == "alice"
    assert "parent" not in rendered["namespace"] and "build" not in rendered["namespace"]
    assert "user" not in nested and "namespace" not in nested
