"""Webhooks as the original Go client makes and updates them, receiving the
deliveries its integration test's handler checks: the events it listens to,
`X-Djinn-CI-Event`, and `X-Djinn-CI-Signature: sha256=<HMAC of the body>`.
The update goes with the original's `Content-Type: application/json;
charset=utf=8` (its typo), and every field of its WebhookParams."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from tests.api.test_webhook_deliveries import Receiver
from tests.compat.client import JSON_TYPO, Job, Manifest
from tests.sshkeys import private_key

SECRET = "secret"
# The events of the original's Test_Webhooks.
EVENTS = [
    "build.submitted",
    "invite.sent",
    "invite.accepted",
    "namespaces",
    "cron",
    "images",
    "objects",
    "variables",
    "ssh_keys",
]
MANIFEST = Manifest(
    namespace="webhooks", driver={"type": "os"}, stages=["s"], jobs=[Job(stage="s", commands=["true"])]
)


def signed(delivery, secret: str = SECRET) -> bool:
    expected = "sha256=" + hmac.new(secret.encode(), delivery.body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(delivery.headers.get("X-Djinn-CI-Signature", ""), expected)


@pytest.fixture
def loopback_receivers(settings):
    """Webhooks may reach 127.0.0.1. Asked for before `djinn`, so that a live
    server (DJINN_COMPAT_LIVE=1), made from the app's settings, has it too."""
    settings(download_allow=("127.0.0.1/32",))


def test_webhooks_receive_deliveries_after_an_update_sent_with_the_charset_typo(loopback_receivers, djinn):
    receiver = Receiver()
    try:
        gordon, alyx = djinn("gordon"), djinn("alyx")
        namespace = gordon.create_namespace("webhooks")
        hook = gordon.create_webhook(
            namespace, f"{receiver.url}/first", secret=SECRET, active=True, events=EVENTS
        )
        assert (hook.active, hook.payload_url.raw) == (True, f"{receiver.url}/first")

        # WebhookParams with every field: the secret "" and remove_secret
        # false keep the secret; the events and the URL change.
        updated = gordon.update_webhook(hook, payload_url=f"{receiver.url}/hook", active=True, events=EVENTS)
        assert gordon.sent[-1].headers["content-type"] == JSON_TYPO
        assert (updated.id, updated.active, updated.payload_url.raw) == (
            hook.id,
            True,
            f"{receiver.url}/hook",
        )
        assert sorted(updated.events) == sorted(EVENTS)

        gordon.create_variable("TOKEN", "value", namespace="webhooks")
        gordon.create_key("deploy", private_key(), namespace="webhooks")
        gordon.create_object("data.txt", b"data", namespace="webhooks")
        gordon.create_image("disk", namespace="webhooks", image=b"QFI\xfb")
        gordon.create_cron("nightly", MANIFEST)
        gordon.submit_build(MANIFEST)
        invite = gordon.invite(namespace, "alyx")
        alyx.accept_invite(invite)
        gordon.update_namespace(namespace, description="with hooks")

        expected = {
            "variables": 1,
            "ssh_keys": 1,
            "objects": 1,
            "images": 1,
            "cron": 1,
            "build.submitted": 1,
            "invite.sent": 1,
            "invite.accepted": 1,
            "namespaces": 1,
        }
        deliveries = receiver.wait("/hook", sum(expected.values()))
        assert receiver.at("/first") == []
        by_event: dict[str, list] = {}
        for delivery in deliveries:
            by_event.setdefault(delivery.event, []).append(delivery)
        assert {event: len(got) for event, got in by_event.items()} == expected
        for delivery in deliveries:
            assert signed(delivery), delivery.event
            assert delivery.headers["X-Djinn-CI-Hook-ID"] == str(hook.id)
        assert by_event["variables"][0].payload["variable"]["key"] == "TOKEN"
        assert by_event["images"][0].payload["image"]["name"] == "disk"
        assert by_event["invite.accepted"][0].payload["invitee"]["username"] == "alyx"

        # An update that removes the secret: deliveries are no longer signed.
        gordon.update_webhook(hook, remove_secret=True, active=True, events=["variables"])
        gordon.create_variable("OTHER", "value", namespace="webhooks")
        later = receiver.wait("/hook", sum(expected.values()) + 1)[-1]
        assert later.event == "variables" and "X-Djinn-CI-Signature" not in later.headers
        gordon.delete_webhook(hook)
    finally:
        receiver.close()
