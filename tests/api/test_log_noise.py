"""What the server logs is worth reading (issue 14, item 18): no warning on
every request to an operation with several content types, a cron refused
for permission is one warning saying why (no traceback), and a client
repeating a request that fails does not flood the log with the same
traceback."""

from __future__ import annotations

import datetime as dt
import logging

from djinn.api.app import runtime_of
from djinn.services.scheduler import Scheduler
from tests.conftest import bearer

MANIFEST = "driver:\n  type: os\nstages: [test]\njobs:\n  - stage: test\n    commands: [true]\n"


def test_operations_with_several_content_types_do_not_warn_on_every_request(
    client, make_user, make_token, caplog
):
    headers = bearer(make_token(make_user("alice")))
    with caplog.at_level(logging.DEBUG):
        for _ in range(3):
            client.post(
                "/objects?name=data.bin", content=b"bytes", headers={**headers, "Content-Type": "text/plain"}
            )
            client.post("/images", json={"name": "img"}, headers=headers)
    assert [r for r in caplog.records if "multiple content types" in r.getMessage()] == []


def test_a_cron_refused_for_permission_is_one_warning_without_a_traceback(
    client, app, make_user, make_token, caplog
):
    owner, guest = (bearer(make_token(make_user(name))) for name in ("owner", "guest"))
    assert client.post("/namespaces", json={"name": "team"}, headers=owner).status_code == 201
    sent = client.post("/n/owner/team/-/invites", json={"handle": "guest"}, headers=owner).json()
    assert client.patch(f"/invites/{sent['id']}", headers=guest).status_code == 200
    cron = client.post(
        "/cron", json={"name": "in-team", "manifest": "namespace: team@owner\n" + MANIFEST}, headers=guest
    ).json()
    assert client.delete("/n/owner/team/-/collaborators/guest", headers=owner).status_code == 204

    with caplog.at_level(logging.INFO, logger="djinn.services.scheduler"):
        Scheduler(runtime_of(app)).tick(dt.datetime.fromisoformat(cron["next_run"]))
    records = [
        r for r in caplog.records if r.name == "djinn.services.scheduler" and r.levelno >= logging.WARNING
    ]
    assert len(records) == 1, [r.getMessage() for r in records]
    assert records[0].levelno == logging.WARNING
    assert records[0].exc_info is None
    message = records[0].getMessage()
    assert f"cron {cron['id']} ('in-team') is due but its build could not be submitted (" in message
    assert "team@owner" in message, message


def test_the_same_internal_error_is_logged_once_with_its_traceback(
    client, make_user, make_token, monkeypatch, caplog
):
    import handlers.users

    def boom():
        raise RuntimeError("kaboom")

    monkeypatch.setattr(handlers.users.web, "require_caller", boom)
    headers = bearer(make_token(make_user("alice")))
    with caplog.at_level(logging.ERROR, logger="djinn.api.app"):
        for _ in range(25):
            assert client.get("/user", headers=headers).status_code == 500
    logged = [r for r in caplog.records if r.name == "djinn.api.app"]
    assert len(logged) <= 1, [r.getMessage() for r in logged]
    # Once per window, and another error is logged on its own.
    from djinn.api.app import ErrorLog

    errors = ErrorLog(window=0.0)
    caplog.clear()
    with caplog.at_level(logging.ERROR, logger="djinn.api.app"):
        for exc in (ValueError("one"), ValueError("one"), KeyError("two")):
            try:
                raise exc
            except Exception as e:  # noqa: BLE001 - any error, as the app's handler gets it
                errors.error(e)
    assert [r.exc_info[0] for r in caplog.records if r.name == "djinn.api.app"] == [
        ValueError,
        ValueError,
        KeyError,
    ]
