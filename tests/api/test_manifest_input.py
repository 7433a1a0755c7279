"""Manifests at their worst (issue 14, items 3 and 11): too long, too many
stages or jobs, aliases that multiply, values YAML cannot convert, and NUL
characters written as YAML escapes. Every one is a 201 or a 400 under
`manifest`, on SQLite and PostgreSQL; none is a 500 or a wait.
bench/manifests.py prints how long the worst shapes take."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from djinn.domain.manifest import MAX_COUNTS, MAX_LENGTH, MAX_VALUES
from djinn.infra.db.models import Artifact, Job, Stage
from tests.conftest import bearer


@pytest.fixture
def headers(make_user, make_token):
    return bearer(make_token(make_user("alice")))


def submit(client, headers, manifest: str):
    return client.post("/builds", json={"manifest": manifest}, headers=headers)


def manifest_problems(response) -> list[str]:
    assert response.status_code == 400, response.text
    body = response.json()
    assert list(body) == ["manifest"], body
    return body["manifest"]


@pytest.mark.parametrize(
    "where, manifest",
    [
        ("jobs", 'driver: {type: os}\nstages: [a]\njobs: [{stage: a, commands: ["echo \\0"]}]'),
        ("stages", 'driver: {type: os}\nstages: ["a\\0b"]\njobs: [{stage: "a\\0b", commands: [x]}]'),
        ("jobs", 'driver: {type: os}\nstages: [a]\njobs: [{stage: a, commands: [x], artifacts: ["out\\0"]}]'),
        ("jobs", 'driver: {type: os}\nstages: [a]\njobs: [{stage: a, name: "n\\x00", commands: [x]}]'),
        ("objects", 'driver: {type: os}\nobjects: ["data\\u0000 => x"]'),
        ("env", 'driver: {type: os}\nenv: ["A=\\0"]'),
        ("driver", 'driver: {type: os, "\\0": x}'),
        ("sources", 'driver: {type: os}\nsources: ["https://example.com/r.git\\0"]'),
    ],
)
def test_nul_escapes_in_a_manifest_are_400(client, headers, db, where, manifest):
    assert f"{where} must not contain NUL characters" in manifest_problems(submit(client, headers, manifest))
    response = client.post("/cron", json={"name": "nightly", "manifest": manifest}, headers=headers)
    assert f"{where} must not contain NUL characters" in manifest_problems(response)
    with db.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Job)).scalar_one() == 0


def test_a_manifest_longer_than_the_limit_is_400(client, headers):
    head = "driver: {type: os}\nstages: [a]\njobs: [{stage: a, commands: [x]}]\n"
    for length in (MAX_LENGTH + 1, 1024 * 1024 - 100):
        manifest = head + "#" * (length - len(head))
        response = submit(client, headers, manifest)
        assert response.status_code == 400
        assert response.json() == {"manifest": [f"Build manifest must be at most {MAX_LENGTH} characters"]}
        response = client.post("/cron", json={"name": "n", "manifest": manifest}, headers=headers)
        assert response.json() == {"manifest": [f"manifest must be at most {MAX_LENGTH} characters"]}
    manifest = head + "#" * (MAX_LENGTH - len(head))
    assert submit(client, headers, manifest).status_code == 201


def largest_build() -> str:
    """As many stages, jobs, artifacts and sources as a manifest may list."""
    stages = [f"s{i}" for i in range(MAX_COUNTS["stages"])]
    jobs = "".join(
        f"- {{stage: s{i % len(stages)}, commands: [c{i}], artifacts: [a{i}]}}\n"
        for i in range(MAX_COUNTS["jobs"])
    )
    sources = ",".join(f"https://example.com/r{i}.git" for i in range(MAX_COUNTS["sources"]))
    return f"driver: {{type: os}}\nsources: [{sources}]\nstages: [{','.join(stages)}]\njobs:\n{jobs}"


def test_the_largest_build_a_manifest_may_describe_is_stored(client, headers, db):
    manifest = largest_build()
    response = submit(client, headers, manifest)
    assert response.status_code == 201, response.text[:300]
    build = response.json()
    with db.engine.connect() as connection:
        stages = connection.execute(select(func.count()).where(Stage.build_id == build["id"])).scalar_one()
        jobs = connection.execute(
            select(Stage.name, Job.commands)
            .join(Job, Job.stage_id == Stage.id)
            .where(Stage.build_id == build["id"], Stage.position > 0)
            .order_by(Job.position)
        ).all()
        artifacts = connection.execute(
            select(func.count()).where(Artifact.build_id == build["id"])
        ).scalar_one()
    assert stages == MAX_COUNTS["stages"] + 1  # and the setup stage
    n_stages = MAX_COUNTS["stages"]
    assert [j.commands for j in jobs] == [
        f"c{i}" for s in range(n_stages) for i in range(s, MAX_COUNTS["jobs"], n_stages)
    ]
    assert artifacts == MAX_COUNTS["jobs"]


@pytest.mark.parametrize("field", ["stages", "jobs", "sources", "objects", "artifacts"])
def test_one_more_than_a_manifest_may_list_is_400(client, headers, field):
    n = MAX_COUNTS[field] + 1
    manifest = {
        "stages": "stages: [" + ",".join(f"s{i}" for i in range(n)) + "]",
        "jobs": "stages: [a]\njobs: [" + ",".join(f"{{stage: a, commands: [c{i}]}}" for i in range(n)) + "]",
        "sources": "sources: [" + ",".join(f"https://example.com/r{i}.git" for i in range(n)) + "]",
        "objects": "objects: [" + ",".join(f"o{i}" for i in range(n)) + "]",
        "artifacts": "stages: [a]\njobs: [{stage: a, commands: [x], artifacts: ["
        + ",".join(f"a{i}" for i in range(n))
        + "]}]",
    }[field]
    problems = manifest_problems(submit(client, headers, "driver: {type: os}\n" + manifest))
    assert problems == [f"{field}: at most {MAX_COUNTS[field]} may be listed, not {n}"]


def test_every_stage_listed_twice_is_reported_once(client, headers):
    names = [f"s{i}" for i in range(MAX_COUNTS["stages"] // 2)]
    manifest = "driver: {type: os}\nstages: [" + ",".join(names + names[::-1]) + "]"
    problems = manifest_problems(submit(client, headers, manifest))
    assert len(problems) == len(names)
    assert problems[:2] == ["stages: 's0' is listed more than once", "stages: 's1' is listed more than once"]


def test_aliases_that_multiply_a_manifest_are_400(client, headers):
    bomb = ["driver: {type: os}", "a: &a [x,x,x,x,x,x,x,x,x,x]"]
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 10) + "]")
    bomb.append("stages: *i")
    problems = manifest_problems(submit(client, headers, "\n".join(bomb)))
    assert problems == [f"Build manifest holds more than {MAX_VALUES} values once its aliases are expanded"]
    problems = manifest_problems(submit(client, headers, "driver: {type: os}\nstages: &s [a, *s]"))
    assert problems == [f"Build manifest holds more than {MAX_VALUES} values once its aliases are expanded"]


def test_aliases_within_reason_are_expanded(client, headers, db):
    manifest = """\
driver: {type: os}
stages: [test]
common: &common [make deps, make check]
jobs:
- {stage: test, name: one, commands: *common}
- {stage: test, name: two, commands: *common}
"""
    response = submit(client, headers, manifest)
    assert response.status_code == 201, response.text
    with db.engine.connect() as connection:
        commands = (
            connection.execute(select(Job.commands).where(Job.name.in_(["one", "two"]))).scalars().all()
        )
    assert commands == ["make deps\nmake check"] * 2


@pytest.mark.parametrize(
    "value, problem",
    [
        ("1" * 5000, "Build manifest holds an integer of more than 4300 digits"),
        ("2001-13-45", "Build manifest is not valid YAML: a value cannot be read (month must be in 1..12)"),
        ("[" * 990 + "]" * 990, None),
    ],
    ids=["long-integer", "bad-date", "deep"],
)
def test_values_yaml_cannot_read_are_400(client, headers, value, problem):
    problems = manifest_problems(submit(client, headers, f"driver: {{type: os}}\nstages: [{value}]"))
    if problem is not None:
        assert problems == [problem]
