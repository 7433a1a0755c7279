"""Webhook deliveries (BEHAVIOUR.md §6): each event reaches a real HTTP
receiver on 127.0.0.1, in the background, signed, with the documented
headers and payload; failures are retried and every attempt recorded; the
outbound guard, the timeout and the hook's event list are honoured."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
import http.server
import json
import threading
import time

import pytest
from sqlalchemy import select

from djinn.api.app import runtime_of
from djinn.infra.db.models import WebhookDelivery
from djinn.services.scheduler import Scheduler
from djinn.services.worker import Worker
from tests.api.test_images import qcow2
from tests.conftest import bearer
from tests.sshkeys import private_key

SECRET = "hook-secret-7d1e"
ALLOW_LOOPBACK = ("127.0.0.1/32",)
HEADERS = {"Content-Type": "application/json; charset=utf-8", "User-Agent": "Djinn-CI-Hook"}
MANIFEST = "namespace: proj\ndriver: {type: os}\nstages: [s]\njobs: [{stage: s, commands: [echo hi]}]\n"
SLOW_SECONDS = 2.0


@dataclasses.dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def event(self) -> str:
        return self.headers["X-Djinn-CI-Event"]

    @property
    def payload(self) -> dict:
        return json.loads(self.body)


class Receiver:
    """Records every POST. /fail answers 500, /slow answers after
    SLOW_SECONDS, anything else 200."""

    def __init__(self):
        received = self.received = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                received.append(Received(self.path, dict(self.headers.items()), body))
                if self.path.startswith("/slow"):
                    time.sleep(SLOW_SECONDS)
                status = 500 if self.path.startswith("/fail") else 200
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"no" if status == 500 else b"ok")

            def log_message(self, *_args):
                pass

        class Server(http.server.ThreadingHTTPServer):
            def handle_error(self, *_args):  # the server hung up on /slow: expected
                pass

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def at(self, path: str) -> list[Received]:
        return [r for r in list(self.received) if r.path == path]

    def wait(self, path: str, count: int, seconds: float = 10.0) -> list[Received]:
        deadline = time.monotonic() + seconds
        while len(self.at(path)) < count:
            if time.monotonic() > deadline:
                pytest.fail(f"{path} got {len(self.at(path))} of {count} deliveries in {seconds}s")
            time.sleep(0.02)
        return self.at(path)

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


@pytest.fixture
def alice(client, make_user, make_token):
    headers = bearer(make_token(make_user("alice")))
    assert client.post("/namespaces", json={"name": "proj"}, headers=headers).status_code == 201
    return headers


def add_hook(client, headers, url, *, events=(), secret=SECRET, namespace="proj", active=True) -> dict:
    body = {
        "payload_url": url,
        "events": list(events),
        "active": active,
        **({"secret": secret} if secret else {}),
    }
    response = client.post(f"/n/alice/{namespace}/-/webhooks", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def last_response(client, headers, hook, seconds=10.0, where=lambda last: True) -> dict:
    deadline = time.monotonic() + seconds
    while True:
        body = client.get(f"/n/alice/proj/-/webhooks/{hook['id']}", headers=headers).json()
        if "last_response" in body and where(body["last_response"]):
            return body["last_response"]
        if time.monotonic() > deadline:
            pytest.fail(f"webhook {hook['id']} has no such last_response after {seconds}s: {body}")
        time.sleep(0.05)


def deliveries(db, hook) -> list[WebhookDelivery]:
    with db.session() as session:
        return list(
            session.execute(
                select(WebhookDelivery)
                .where(WebhookDelivery.webhook_id == hook["id"])
                .order_by(WebhookDelivery.attempt)
            ).scalars()
        )


def test_a_delivery_is_signed_over_the_exact_body_with_the_documented_headers(
    client, alice, receiver, settings
):
    settings(download_allow=ALLOW_LOOPBACK)
    hook = add_hook(client, alice, f"{receiver.url}/hook", events=["variables"])
    created = client.post(
        "/variables",
        json={"key": "TOKEN", "value": "hunter2-very-secret", "mask": True, "namespace": "proj"},
        headers=alice,
    )
    assert created.status_code == 201

    (delivery,) = receiver.wait("/hook", 1)
    assert {k: delivery.headers[k] for k in HEADERS} == HEADERS
    assert delivery.headers["X-Djinn-CI-Event"] == "variables"
    assert delivery.headers["X-Djinn-CI-Hook-ID"] == str(hook["id"])
    expected = "sha256=" + hmac.new(SECRET.encode(), delivery.body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(delivery.headers["X-Djinn-CI-Signature"], expected)
    assert delivery.payload == {"action": "created", "variable": created.json()}
    assert delivery.payload["variable"]["value"] == "xxxxxx" and b"hunter2" not in delivery.body

    last = last_response(client, alice, hook)
    assert last["code"] == 200 and last["error"] is None and last["duration"] > 0


def test_a_hook_without_a_secret_sends_no_signature(client, alice, receiver, settings):
    settings(download_allow=ALLOW_LOOPBACK)
    add_hook(client, alice, f"{receiver.url}/plain", secret=None)
    client.post("/variables", json={"key": "A", "value": "1", "namespace": "proj"}, headers=alice)
    (delivery,) = receiver.wait("/plain", 1)
    assert "X-Djinn-CI-Signature" not in delivery.headers


def test_only_active_hooks_get_the_events_they_listen_to(client, alice, receiver, settings):
    settings(download_allow=ALLOW_LOOPBACK)
    add_hook(client, alice, f"{receiver.url}/all")
    add_hook(client, alice, f"{receiver.url}/cron-only", events=["cron"])
    add_hook(client, alice, f"{receiver.url}/inactive", active=False)
    client.post(
        "/variables", json={"key": "OUTSIDE", "value": "1"}, headers=alice
    )  # in no namespace: no hooks
    client.post("/variables", json={"key": "INSIDE", "value": "1", "namespace": "proj"}, headers=alice)
    (delivery,) = receiver.wait("/all", 1)
    assert delivery.payload["variable"]["key"] == "INSIDE"
    time.sleep(0.3)  # the other hooks would have been sent it at the same time
    assert receiver.at("/cron-only") == [] and receiver.at("/inactive") == []
    assert len(receiver.at("/all")) == 1


def test_resource_events_carry_the_action_and_the_entity(client, alice, receiver, settings):
    settings(download_allow=ALLOW_LOOPBACK)
    add_hook(client, alice, f"{receiver.url}/hook")
    key_material = private_key()
    expected = []  # (event, action, payload key, the entity as the API returned it, or the id deleted)

    def did(event, action, key, response, status=200, deleted=None):
        assert response.status_code == status, response.text
        expected.append((event, action, key, response.json() if deleted is None else deleted))

    child = client.post("/namespaces", json={"name": "child", "parent": "proj"}, headers=alice)
    did("namespaces", "created", "namespace", child, 201)
    did(
        "namespaces",
        "updated",
        "namespace",
        client.patch("/n/alice/proj", json={"description": "now described"}, headers=alice),
    )
    did(
        "namespaces",
        "deleted",
        "namespace",
        client.delete("/n/alice/proj/child", headers=alice),
        204,
        deleted=child.json()["id"],
    )

    cron = client.post(
        "/cron", json={"name": "nightly", "schedule": "daily", "manifest": MANIFEST}, headers=alice
    )
    did("cron", "created", "cron", cron, 201)
    did(
        "cron",
        "updated",
        "cron",
        client.patch(f"/cron/{cron.json()['id']}", json={"schedule": "weekly"}, headers=alice),
    )
    did(
        "cron",
        "deleted",
        "cron",
        client.delete(f"/cron/{cron.json()['id']}", headers=alice),
        204,
        deleted=cron.json()["id"],
    )

    image = client.post(
        "/images",
        params={"name": "disk", "namespace": "proj"},
        content=qcow2(),
        headers={**alice, "Content-Type": "application/x-qemu-disk"},
    )
    did("images", "created", "image", image, 201)
    did(
        "images",
        "deleted",
        "image",
        client.delete(f"/images/{image.json()['id']}", headers=alice),
        204,
        deleted=image.json()["id"],
    )

    obj = client.post(
        "/objects",
        params={"name": "data.txt", "namespace": "proj"},
        content=b"hello",
        headers={**alice, "Content-Type": "text/plain"},
    )
    did("objects", "created", "object", obj, 201)
    did(
        "objects",
        "deleted",
        "object",
        client.delete(f"/objects/{obj.json()['id']}", headers=alice),
        204,
        deleted=obj.json()["id"],
    )

    variable = client.post("/variables", json={"key": "V", "value": "1", "namespace": "proj"}, headers=alice)
    did("variables", "created", "variable", variable, 201)
    did(
        "variables",
        "deleted",
        "variable",
        client.delete(f"/variables/{variable.json()['id']}", headers=alice),
        204,
        deleted=variable.json()["id"],
    )

    key = client.post(
        "/keys", json={"name": "deploy", "key": key_material, "namespace": "proj"}, headers=alice
    )
    did("ssh_keys", "created", "key", key, 201)
    did(
        "ssh_keys",
        "updated",
        "key",
        client.patch(f"/keys/{key.json()['id']}", json={"config": "Host x\n"}, headers=alice),
    )
    did(
        "ssh_keys",
        "deleted",
        "key",
        client.delete(f"/keys/{key.json()['id']}", headers=alice),
        204,
        deleted=key.json()["id"],
    )

    received = receiver.wait("/hook", len(expected))
    by_event = {(r.event, r.payload["action"]): r for r in received}
    assert len(by_event) == len(received) == len(expected)
    for event, action, key_name, entity in expected:
        payload = by_event[(event, action)].payload
        assert set(payload) == {"action", key_name}, (event, action)
        if action == "deleted":  # the entity as it was
            assert payload[key_name]["id"] == entity, (event, action)
        else:
            assert payload[key_name] == entity, (event, action)
    assert not any(key_material.strip().splitlines()[1].encode() in r.body for r in received)


def test_deleting_a_namespace_reaches_the_hooks_it_had(client, alice, receiver, settings):
    settings(download_allow=ALLOW_LOOPBACK)
    add_hook(client, alice, f"{receiver.url}/gone")
    namespace = client.get("/n/alice/proj", headers=alice).json()
    assert client.delete("/n/alice/proj", headers=alice).status_code == 204
    (delivery,) = receiver.wait("/gone", 1)
    assert delivery.event == "namespaces"
    assert delivery.payload == {"action": "deleted", "namespace": namespace}
    assert "X-Djinn-CI-Signature" in delivery.headers


def test_build_events_from_the_api_and_the_worker(app, client, alice, receiver, settings):
    settings(download_allow=ALLOW_LOOPBACK)
    add_hook(client, alice, f"{receiver.url}/builds")
    submitted = client.post("/builds", json={"manifest": MANIFEST}, headers=alice)
    assert submitted.status_code == 201
    (first,) = receiver.wait("/builds", 1)
    assert first.event == "build.submitted" and first.payload == submitted.json()

    worker = Worker(runtime_of(app), concurrency=1).start()
    try:
        received = receiver.wait("/builds", 3, seconds=30)
    finally:
        worker.stop()
    by_event = {r.event: r.payload for r in received}
    assert by_event["build.started"]["status"] == "running" and by_event["build.started"]["started_at"]
    finished = client.get("/b/alice/1", headers=alice).json()
    assert by_event["build.finished"] == finished and finished["status"] == "passed"

    assert client.patch("/b/alice/1/pin", headers=alice).status_code == 200
    assert client.patch("/b/alice/1/unpin", headers=alice).status_code == 200
    assert client.post("/b/alice/1/tags", json=["release", "v1"], headers=alice).status_code == 201
    by_event = {r.event: r.payload for r in receiver.wait("/builds", 6)}
    assert by_event["build.pinned"]["pinned"] is True and by_event["build.pinned"]["number"] == 1
    assert by_event["build.unpinned"]["pinned"] is False
    tagged = by_event["build.tagged"]
    assert set(tagged) == {"build", "tags", "url", "user"}
    assert tagged["url"] == finished["tags_url"] and tagged["user"]["username"] == "alice"
    assert sorted(tagged["build"]["tags"]) == ["release", "v1"]
    assert tagged["tags"] == [
        {"name": "release", "url": f"{finished['tags_url']}/release"},
        {"name": "v1", "url": f"{finished['tags_url']}/v1"},
    ]


def test_a_cron_firing_sends_build_submitted(app, client, alice, receiver, settings):
    settings(download_allow=ALLOW_LOOPBACK)
    add_hook(client, alice, f"{receiver.url}/cron", events=["build.submitted"])
    cron = client.post(
        "/cron", json={"name": "nightly", "schedule": "daily", "manifest": MANIFEST}, headers=alice
    )
    assert cron.status_code == 201
    due = dt.datetime.fromisoformat(cron.json()["next_run"])
    assert Scheduler(runtime_of(app)).tick(due) == 1
    (delivery,) = receiver.wait("/cron", 1)
    assert delivery.payload == client.get("/b/alice/1", headers=alice).json()
    assert delivery.payload["trigger"]["type"] == "schedule"


def test_invite_events(client, alice, receiver, settings, make_user, make_token):
    settings(download_allow=ALLOW_LOOPBACK)
    add_hook(client, alice, f"{receiver.url}/invites")
    people = {name: bearer(make_token(make_user(name))) for name in ("bob", "carol", "dave")}
    invites = {}
    for name in people:
        sent = client.post("/n/alice/proj/-/invites", json={"handle": name}, headers=alice)
        assert sent.status_code == 201
        invites[name] = sent.json()
    assert client.patch(f"/invites/{invites['bob']['id']}", headers=people["bob"]).status_code == 200
    assert client.delete(f"/invites/{invites['carol']['id']}", headers=people["carol"]).status_code == 204
    assert client.delete(f"/invites/{invites['dave']['id']}", headers=alice).status_code == 204  # revoked

    received = receiver.wait("/invites", 5)
    time.sleep(0.3)
    assert len(receiver.at("/invites")) == 5  # the revocation is no rejection
    sent = sorted(
        (r.payload for r in received if r.event == "invite.sent"), key=lambda p: p["invitee"]["username"]
    )
    assert [p["invitee"]["username"] for p in sent] == ["bob", "carol", "dave"]
    for payload, name in zip(sent, ("bob", "carol", "dave")):
        assert payload == {k: invites[name][k] for k in ("invitee", "inviter", "namespace")}
    (accepted,) = [r.payload for r in received if r.event == "invite.accepted"]
    assert accepted == {"invitee": invites["bob"]["invitee"], "namespace": invites["bob"]["namespace"]}
    (rejected,) = [r.payload for r in received if r.event == "invite.rejected"]
    assert rejected == {"invitee": invites["carol"]["invitee"], "namespace": invites["carol"]["namespace"]}


def test_a_failing_receiver_is_retried_and_every_attempt_recorded(client, alice, receiver, settings, db):
    settings(download_allow=ALLOW_LOOPBACK, webhook_attempts=3, webhook_backoff=0.05)
    hook = add_hook(client, alice, f"{receiver.url}/fail")
    client.post("/variables", json={"key": "A", "value": "1", "namespace": "proj"}, headers=alice)
    attempts = receiver.wait("/fail", 3)
    assert (
        len({a.body for a in attempts}) == 1
        and len({a.headers["X-Djinn-CI-Signature"] for a in attempts}) == 1
    )
    last = last_response(client, alice, hook, where=lambda _: len(deliveries(db, hook)) == 3)
    assert last["code"] == 500 and last["error"] is None
    time.sleep(0.5)  # backoff 0.05, 0.1: a fourth attempt would be there by now
    assert len(receiver.at("/fail")) == 3
    rows = deliveries(db, hook)
    assert [(r.attempt, r.response_code, r.event) for r in rows] == [
        (1, 500, "variables"),
        (2, 500, "variables"),
        (3, 500, "variables"),
    ]
    assert all(
        r.payload.encode() == attempts[0].body and r.response_body == "no" and r.duration_ns > 0 for r in rows
    )


def test_a_loopback_receiver_is_refused_without_the_allow_list(client, alice, receiver, settings, db):
    settings(webhook_backoff=0.05)
    hook = add_hook(client, alice, f"{receiver.url}/hook")
    client.post("/variables", json={"key": "A", "value": "1", "namespace": "proj"}, headers=alice)
    last = last_response(client, alice, hook)
    assert last["code"] == 0 and "loopback" in last["error"]
    time.sleep(0.3)  # a refusal is not retried
    assert receiver.received == [] and len(deliveries(db, hook)) == 1


def test_a_slow_receiver_hits_the_timeout(client, alice, receiver, settings):
    settings(download_allow=ALLOW_LOOPBACK, webhook_timeout=0.3, webhook_attempts=1)
    hook = add_hook(client, alice, f"{receiver.url}/slow")
    started = time.monotonic()
    assert (
        client.post(
            "/variables", json={"key": "A", "value": "1", "namespace": "proj"}, headers=alice
        ).status_code
        == 201
    )
    assert time.monotonic() - started < SLOW_SECONDS  # never delivered inside the request
    last = last_response(client, alice, hook)
    assert last["code"] == 0 and last["error"] == "No answer within 0.3 seconds"
    assert 0.3e9 <= last["duration"] < SLOW_SECONDS * 1e9


def test_a_removed_collaborators_hook_gets_nothing_more(
    client, alice, receiver, settings, db, make_user, make_token
):
    settings(download_allow=ALLOW_LOOPBACK, webhook_attempts=3, webhook_backoff=1.0)
    bob = bearer(make_token(make_user("bob")))
    invite = client.post("/n/alice/proj/-/invites", json={"handle": "bob"}, headers=alice).json()
    assert client.patch(f"/invites/{invite['id']}", headers=bob).status_code == 200
    response = client.post(
        "/n/alice/proj/-/webhooks", json={"payload_url": f"{receiver.url}/bob"}, headers=bob
    )
    assert response.status_code == 201
    hook = response.json()
    failing = client.post(
        "/n/alice/proj/-/webhooks", json={"payload_url": f"{receiver.url}/fail-bob"}, headers=bob
    )
    client.post("/variables", json={"key": "BEFORE", "value": "1", "namespace": "proj"}, headers=alice)
    receiver.wait("/bob", 1)
    receiver.wait("/fail-bob", 1)  # its retries are due 1 s and 3 s later

    assert client.delete("/n/alice/proj/-/collaborators/bob", headers=alice).status_code == 204
    tried = len(receiver.at("/fail-bob"))
    assert tried < 3
    client.post("/variables", json={"key": "AFTER", "value": "1", "namespace": "proj"}, headers=alice)
    client.post("/builds", json={"manifest": MANIFEST}, headers=alice)
    last = last_response(client, alice, hook, where=lambda last: last["error"] is not None)
    assert last["code"] == 0
    assert last["error"] == "Not delivered: bob, who made this webhook, can no longer work in this namespace"
    time.sleep(3.5)
    assert [r.payload["variable"]["key"] for r in receiver.at("/bob")] == ["BEFORE"]
    assert len(receiver.at("/fail-bob")) == tried  # the retries stopped too
    # The owner keeps the hooks in hand: sees them, changes them, deletes them.
    assert client.get(f"/n/alice/proj/-/webhooks/{hook['id']}", headers=alice).status_code == 200
    assert client.get(f"/n/alice/proj/-/webhooks/{hook['id']}", headers=bob).status_code == 404
    failing_url = f"/n/alice/proj/-/webhooks/{failing.json()['id']}"
    assert client.patch(failing_url, json={"active": False}, headers=alice).json()["active"] is False
    assert client.delete(failing_url, headers=alice).status_code == 204
    # Nor does the namespace's deletion reach bob's hook.
    assert client.delete("/n/alice/proj", headers=alice).status_code == 204
    time.sleep(0.5)
    assert [r.event for r in receiver.at("/bob")] == ["variables"]
