"""Benchmark: build dispatch, in embedded mode and in distributed mode.

What is measured
    `djinn serve` (API + embedded worker, SQLite, the `os` driver) is started
    as a subprocess on a free 127.0.0.1 port in a temporary data dir. This
    process submits `--builds` trivial builds (one job: `true`) through
    `POST /builds`, one after another, optionally paced to `--rate` per
    second, then polls `GET /builds` until all have finished. The times come
    from the builds themselves (server clock): submit -> running is
    `started_at - created_at`, submit -> finished is
    `finished_at - created_at`; builds per minute is the number of builds over
    the span from the first submission to the last finish.

How to read the figures
    With no pacing, submissions arrive faster than `--workers` can run
    builds, so the later builds wait in the queue and submit -> running
    measures queueing as much as dispatch; with `--rate` below the workers'
    throughput it measures dispatch itself (target: median under 0.5 s).
    The script reports only: it always exits 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import pathlib
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import httpx

MANIFEST = "driver: {type: os}\nstages: [s]\njobs: [{stage: s, commands: ['true']}]\n"
FINISHED = {"passed", "passed_with_failures", "failed", "killed", "timed_out"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def djinn(*args: str, env: dict, stdin: str | None = None) -> str:
    exe = pathlib.Path(sys.executable).parent / "djinn"
    return subprocess.run(
        [str(exe), *args], env=env, input=stdin, capture_output=True, text=True, check=True
    ).stdout


def parse(ts: str) -> dt.datetime:
    return dt.datetime.fromisoformat(ts)


def quantile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--builds", type=int, default=200)
    parser.add_argument("--workers", type=int, default=4, help="DJINN_WORKERS of the server (builds at once)")
    parser.add_argument(
        "--rate", type=float, default=0, help="submissions per second (0: as fast as possible)"
    )
    parser.add_argument(
        "--distributed", action="store_true", help="1 vs 3 `djinn worker` processes on PG + Redis"
    )
    parser.add_argument("--sleep", type=float, default=1.0, help="seconds each distributed build sleeps")
    args = parser.parse_args()
    if args.distributed:
        return distributed(args)

    with tempfile.TemporaryDirectory(prefix="djinn-bench-") as data:
        port = free_port()
        env = {
            **os.environ,
            "DJINN_DATA_DIR": data,
            "DJINN_WORKERS": str(args.workers),
            "DJINN_DRIVERS": "os",
            "DJINN_PORT": str(port),
            "DJINN_TOKEN_CACHE_SECONDS": "30",
        }
        env.pop("DJINN_DATABASE_URL", None)
        djinn("migrate", env=env)
        djinn(
            "user",
            "create",
            "bench",
            "--email",
            "bench@example.com",
            env=env,
            stdin="correct horse battery\n",
        )
        token = djinn("token", "create", "bench", "--name", "bench", "--scope", "all", env=env).strip()
        server = subprocess.Popen(
            [str(pathlib.Path(sys.executable).parent / "djinn"), "serve"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(
                base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30
            ) as http:
                deadline = time.monotonic() + 30
                while True:
                    try:
                        if http.get("/user").status_code == 200:
                            break
                    except httpx.TransportError:
                        pass
                    if time.monotonic() > deadline:
                        print("the server did not start", file=sys.stderr)
                        return 0
                    time.sleep(0.1)
                started = time.monotonic()
                for n in range(args.builds):
                    if args.rate:
                        time.sleep(max(0.0, started + n / args.rate - time.monotonic()))
                    response = http.post("/builds", json={"manifest": MANIFEST})
                    response.raise_for_status()
                submitted = time.monotonic() - started
                builds: list[dict] = []
                deadline = time.monotonic() + 600
                while time.monotonic() < deadline:
                    builds = []
                    page = 1
                    while True:
                        response = http.get("/builds", params={"page": page})
                        builds += response.json()
                        if 'rel="next"' not in response.headers.get("link", ""):
                            break
                        page += 1
                    if len(builds) == args.builds and all(b["status"] in FINISHED for b in builds):
                        break
                    time.sleep(0.5)
        finally:
            server.terminate()
            server.wait(15)

    print(
        f"{args.builds} builds, {args.workers} workers, "
        f"{'as fast as possible' if not args.rate else f'{args.rate}/s'} ({submitted:.1f} s to submit)"
    )
    report(builds)
    return 0


def report(builds: list[dict]) -> float:
    """Print the latencies and the throughput; returns builds per minute."""
    to_running = [
        (parse(b["started_at"]) - parse(b["created_at"])).total_seconds() for b in builds if b["started_at"]
    ]
    to_finished = [
        (parse(b["finished_at"]) - parse(b["created_at"])).total_seconds() for b in builds if b["finished_at"]
    ]
    first = min(parse(b["created_at"]) for b in builds)
    last = max(parse(b["finished_at"]) for b in builds if b["finished_at"])
    statuses = {s: sum(1 for b in builds if b["status"] == s) for s in sorted({b["status"] for b in builds})}
    per_minute = len(to_finished) / (last - first).total_seconds() * 60
    print(f"statuses: {statuses}")
    print(
        f"submit -> running : median {statistics.median(to_running):.3f} s, p95 {quantile(to_running, 0.95):.3f} s"
    )
    print(
        f"submit -> finished: median {statistics.median(to_finished):.3f} s, p95 {quantile(to_finished, 0.95):.3f} s"
    )
    print(f"throughput: {per_minute:.0f} builds per minute")
    return per_minute


def distributed(args) -> int:
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
    from bench.cluster import Cluster

    manifest = f"driver: {{type: os}}\nstages: [s]\njobs: [{{stage: s, commands: ['sleep {args.sleep}']}}]\n"
    rates = {}
    for workers in (1, 3):
        with Cluster(workers=workers, concurrency=args.workers) as cluster:
            started = time.monotonic()
            for _ in range(args.builds):
                cluster.submit(manifest)
            submitted = time.monotonic() - started
            builds = cluster.wait_finished(args.builds, timeout=3600)
        print(
            f"\n{args.builds} builds of sleep {args.sleep}, {workers} worker process(es) x {args.workers} builds"
            f" at once ({submitted:.1f} s to submit)"
        )
        rates[workers] = report(builds)
    print(f"\n3 workers / 1 worker: {rates[3] / rates[1]:.2f}x builds per minute (target >= 2.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
