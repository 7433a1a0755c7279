"""The distributed deployment as processes: an API server, three `djinn
worker`s and two `djinn scheduler`s on PostgreSQL and Redis (a fresh
database and key prefix), 200 builds submitted through the API, and one
worker killed with SIGKILL in the middle of running builds.

Every job appends `<build> <pid of the worker that ran it>` to a ledger
file, so the test sees which worker ran what, and how many times."""

from __future__ import annotations

import collections
import datetime as dt
import os
import signal
import time

import pytest

from bench.cluster import Cluster
from djinn.services.worker import LOST_WORKER, SWEEP_EVERY

BUILDS = 200
LEASE = 4
# A lost build is found by the first sweep after its lease runs out.
LOST_BOUND = LEASE + SWEEP_EVERY + 3


def manifest(n: int, ledger: str) -> str:
    return f"""\
driver: {{type: os}}
env: [N={n}]
stages: [s]
jobs: [{{stage: s, commands: ['echo "$N $PPID" >> {ledger}', sleep 0.2]}}]
"""


@pytest.mark.usefixtures("redis_url")
def test_two_hundred_builds_survive_a_worker_killed_mid_run(tmp_path):
    ledger = tmp_path / "ledger"
    env = {"DJINN_LEASE_SECONDS": str(LEASE), "DJINN_REANNOUNCE_SECONDS": "10"}
    with Cluster(workers=3, schedulers=2, concurrency=2, env=env) as cluster:
        workers = {name: p for name, p in cluster.processes.items() if name.startswith("worker-")}
        for n in range(1, BUILDS + 1):
            assert cluster.submit(manifest(n, ledger)) == n

        # Wait until a third of the builds are done, then SIGKILL a worker
        # that is running a build at that moment.
        deadline = time.monotonic() + 120
        while True:
            done = cluster.sql("SELECT count(*) FROM builds WHERE finished_at IS NOT NULL")[0][0]
            running = cluster.sql("SELECT id, worker_id FROM builds WHERE status = 'running'")
            if done >= BUILDS // 3 and running:
                break
            assert time.monotonic() < deadline, "the workers did not get going"
            time.sleep(0.05)
        victim_pid = int(running[0][1].split(":")[1])
        assert victim_pid in {p.pid for p in workers.values()}
        os.kill(victim_pid, signal.SIGKILL)
        killed_at = dt.datetime.now(dt.UTC)
        stranded = {
            row[0]
            for row in cluster.sql(
                "SELECT id FROM builds WHERE status = 'running' AND worker_id LIKE %s", f"%:{victim_pid}:%"
            )
        }
        assert stranded

        builds = cluster.wait_finished(BUILDS, timeout=240)

        # Every build finished, exactly once: none queued or running.
        assert len(builds) == BUILDS
        statuses = collections.Counter(b["status"] for b in builds)
        assert set(statuses) <= {"passed", "failed"}, statuses
        rows = cluster.sql("SELECT id, number, status, worker_id, output, finished_at FROM builds")
        by_id = {row[0]: row for row in rows}

        # The killed worker's builds were finished as failed, within the lease bound.
        for build_id in stranded:
            _id, _number, status, _worker, output, finished_at = by_id[build_id]
            assert (status, output) == ("failed", LOST_WORKER)
            assert (finished_at - killed_at).total_seconds() < LOST_BOUND
        # Every other build passed, on a live worker.
        assert statuses["failed"] == len(stranded)

        # No job ran twice, nor on two workers; every passed build's job ran once.
        runs = collections.defaultdict(list)
        for line in ledger.read_text().splitlines():
            number, pid = line.split()
            runs[int(number)].append(int(pid))
        assert all(len(pids) == 1 for pids in runs.values()), {n: p for n, p in runs.items() if len(p) > 1}
        worker_pids = {p.pid for p in workers.values()}
        assert {pid for pids in runs.values() for pid in pids} <= worker_pids
        for _id, number, status, _worker, _output, _finished in rows:
            if status == "passed":
                assert len(runs[number]) == 1
        # All three workers took part, and the two live ones are still up.
        assert len({pid for pids in runs.values() for pid in pids}) == 3
        assert [p.poll() for p in workers.values() if p.pid != victim_pid] == [None, None]
