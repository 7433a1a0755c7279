"""Issue 12 point 1: manifests the Go client writes by marshalling its
Manifest struct, every key present with its zero value."""

from __future__ import annotations

import pytest

from tests.compat.client import DjinnError, Job, Manifest

DRIVER = {"type": "os"}


def jobs_of(cli, build) -> list[dict]:
    return cli.expect(cli.get(build.jobs_url.path), 200).decode("jobs")


def test_a_struct_manifest_with_unnamed_jobs_submits(djinn):
    alice = djinn("alice")
    manifest = Manifest(
        driver=DRIVER,
        stages=["test", "deploy"],
        jobs=[
            Job(stage="test", commands=["echo one"]),
            Job(stage="test", name="lint", commands=["true"]),
            Job(stage="test", commands=["echo three"]),
            Job(stage="deploy", commands=["echo ship"]),
        ],
    )
    build = alice.submit_build(manifest, comment="from a struct", tags=["compat"])
    assert build.number == 1 and build.tags == ["compat"] and build.status == "queued"
    assert build.trigger.comment == "from a struct"
    names = [job["name"] for job in jobs_of(alice, build)]
    # `name: ""` is no name: the default `<stage>.<n>`, as without the key.
    assert names == ["create-driver", "test.1", "lint", "test.3", "deploy.1"]


def test_the_zero_manifest_with_just_a_driver_submits(djinn):
    """The original's own Test_BuildSubmit: a Manifest with only its Driver set."""
    alice = djinn("alice")
    build = alice.submit_build(Manifest(driver=DRIVER), comment="Test_BuildSubmit", tags=["build_test"])
    assert build.number == 1 and build.namespace_id is None
    assert [job["name"] for job in jobs_of(alice, build)] == ["create-driver"]


def test_a_namespace_given_as_a_zero_value_is_no_namespace_and_a_real_one_is_used(djinn):
    alice = djinn("alice")
    assert alice.submit_build(Manifest(namespace="", driver=DRIVER)).namespace_id is None
    build = alice.submit_build(Manifest(namespace="submit/to/namespace", driver=DRIVER))
    assert (build.namespace.name, build.namespace.path) == ("namespace", "submit/to/namespace")


@pytest.mark.parametrize(
    "manifest",
    [Manifest(), Manifest(driver={"type": ""}), Manifest(driver={"type": "docker"})],
    ids=["zero", "empty-type", "docker-without-image"],
)
def test_an_empty_driver_is_still_refused_under_manifest(djinn, manifest):
    """What the original's Test_BuildValidation expects: one field, `manifest`."""
    with pytest.raises(DjinnError) as refused:
        djinn("alice").submit_build(manifest)
    assert refused.value.status == 400 and list(refused.value.params) == ["manifest"]


def test_a_cron_takes_a_struct_manifest(djinn):
    alice = djinn("alice")
    manifest = Manifest(driver=DRIVER, stages=["nightly"], jobs=[Job(stage="nightly", commands=["true"])])
    cron = alice.create_cron("Nightly", manifest)
    assert cron.name == "Nightly" and cron.schedule == "daily"
    assert cron.manifest["jobs"][0]["name"] == ""  # stored as sent
