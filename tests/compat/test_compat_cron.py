"""Issue 12 point 2 and the cron flow: create, read, update with the Go
client's zero-valued CronParams, delete."""

from __future__ import annotations

import pytest

from tests.compat.client import DjinnError, Job, Manifest
from tests.sshkeys import private_key

NIGHTLY = Manifest(
    namespace="cronspace",
    driver={"type": "os"},
    stages=["test"],
    jobs=[Job(stage="test", commands=["make test"])],
)


def test_cron_create_update_delete(djinn):
    me = djinn("me")
    cron = me.create_cron("Nightly", NIGHTLY)
    assert (cron.name, cron.schedule, cron.namespace_id is not None) == ("Nightly", "daily", True)
    assert cron.manifest["namespace"] == "cronspace" and cron.next_run.tzinfo is not None
    original = cron.raw["manifest"]

    # Name "" and the all-empty Manifest: both kept.
    kept = me.update_cron(cron)
    assert me.sent[-1].content.startswith(
        b'{"name":"","schedule":"daily","manifest":"namespace: \\"\\"\\ndriver: {}'
    )
    assert (kept.name, kept.raw["manifest"], kept.namespace_id) == ("Nightly", original, cron.namespace_id)

    # Only what is not empty changes: the name here, then the schedule.
    renamed = me.update_cron(cron, name="Nightly-2")
    assert (renamed.name, renamed.raw["manifest"]) == ("Nightly-2", original)
    weekly = me.update_cron(cron, schedule="weekly")
    assert (weekly.name, weekly.schedule, weekly.raw["manifest"]) == ("Nightly-2", "weekly", original)

    # A manifest with content replaces the stored one (and may move the schedule).
    moved = me.update_cron(
        cron, manifest=Manifest(namespace="elsewhere", driver={"type": "os"}), schedule="weekly"
    )
    assert moved.manifest["namespace"] == "elsewhere" and moved.namespace_id != cron.namespace_id

    assert me.get_cron(cron).name == "Nightly-2"
    me.delete_cron(cron)
    with pytest.raises(DjinnError) as gone:
        me.get_cron(cron)
    assert gone.value.status == 404


def test_a_manifest_with_only_some_keys_empty_is_validated(djinn):
    me = djinn("me")
    cron = me.create_cron("Nightly", NIGHTLY)
    with pytest.raises(DjinnError) as refused:
        me.update_cron(cron, manifest=Manifest(namespace="cronspace"))
    assert refused.value.status == 400 and list(refused.value.params) == ["manifest"]


def test_creating_with_an_empty_manifest_is_refused(djinn):
    with pytest.raises(DjinnError) as refused:
        djinn("me").create_cron("Nightly", Manifest())
    assert refused.value.status == 400 and "manifest" in refused.value.params


def test_other_updates_keep_what_is_sent_empty(djinn):
    """Namespaces, keys and webhooks: the Go client sends every field, the
    ones it does not mean as "" or null."""
    me = djinn("me")
    namespace = me.create_namespace("keep", description="Kept", visibility="internal")
    updated = me.update_namespace(namespace, visibility="internal")  # description ""
    assert (updated.description, updated.visibility) == ("Kept", "internal")

    key = me.create_key("deploy", private_key(), namespace="keep", config="User git")
    same = me.update_key(key)  # namespace, name, key and config all ""
    assert (same.name, same.namespace_id, same.config) == ("deploy", key.namespace_id, "User git")
    assert me.update_key(key, config="User deploy").config == "User deploy"

    hook = me.create_webhook(
        namespace,
        "https://hooks.example.com/h",
        secret="s3cret",
        active=True,
        events=["build.submitted", "cron"],
    )
    kept = me.update_webhook(hook, active=True, events=[])
    assert me.sent[-1].headers["content-type"] == "application/json; charset=utf=8"
    assert (kept.payload_url.raw, kept.events, kept.active) == (
        "https://hooks.example.com/h",
        ["build.submitted", "cron"],
        True,
    )
