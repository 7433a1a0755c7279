"""`djinn scheduler` as an operator runs it: it fires a due cron schedule on
the shared database, and stops cleanly on SIGTERM."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time

from sqlalchemy import update

from djinn.infra.db.models import Cron
from tests.conftest import bearer

MANIFEST = "driver:\n  type: os\nstages: [test]\njobs:\n  - stage: test\n    commands: [true]\n"


def test_the_scheduler_fires_a_due_cron_and_stops_on_sigterm(
    client, db, config, make_user, make_token, tmp_path
):
    headers = bearer(make_token(make_user("alice")))
    created = client.post("/cron", json={"name": "nightly", "manifest": MANIFEST}, headers=headers).json()
    overdue = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=1)
    with db.transaction() as session:
        session.execute(update(Cron).where(Cron.id == created["id"]).values(next_run=overdue))

    env = {
        **os.environ,
        "DJINN_DATABASE_URL": config.database_url,
        "DJINN_DATA_DIR": str(tmp_path / "data"),
        "DJINN_SECRET_KEY": config.secret_key,
        "DJINN_SCHEDULER_INTERVAL": "0.1",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "djinn.cli", "scheduler"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not (built := client.get(f"/cron/{created['id']}/builds", headers=headers).json()):
            assert process.poll() is None, process.communicate()[1]
            assert time.monotonic() < deadline, "the scheduler fired nothing within 30 s"
            time.sleep(0.1)
        assert [(b["number"], b["trigger"]["type"], b["tags"]) for b in built] == [
            (1, "schedule", ["cron:nightly"])
        ]
        cron = client.get(f"/cron/{created['id']}", headers=headers).json()
        assert cron["prev_run"] == overdue.strftime("%Y-%m-%dT%H:%M:%SZ")
        assert dt.datetime.fromisoformat(cron["next_run"]) > dt.datetime.now(dt.UTC)

        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "djinn scheduler: stopped" in err
    assert len(client.get(f"/cron/{created['id']}/builds", headers=headers).json()) == 1
