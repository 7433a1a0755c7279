"""Benchmark: djinn's `GET /user` against a trivial Connexion endpoint.

What is measured
    Two servers, each one uvicorn process run as `djinn serve` runs it (default
    loop, log_level warning) on a free 127.0.0.1 port:
    * baseline: a minimal Connexion 3 FlaskApp with a one-path OpenAPI 3.0.3
      document (GET /hello -> a small JSON object; no security, no database);
    * djinn: `create_app(Config(...))` on a fresh migrated SQLite database in a
      temporary data dir, asked `GET /user` with a valid bearer token.
    This process is the client: `--concurrency` asyncio tasks, each on its own
    keep-alive connection, send one request after another (closed loop). Each
    server gets a 1 s warm-up, then `--duration` seconds of load, cut into
    `--rounds` slices that alternate between the two servers.

How to read the figures
    req/s counts 200 responses per second; p50/p99 are latencies as the client
    saw them, queueing included. The baseline is what Connexion + Flask +
    uvicorn cost alone on this machine, so `throughput djinn/baseline` is the
    share of that ceiling djinn keeps while doing real work (target >= 0.7) and
    `p99 djinn/baseline` how much longer its tail is. Client and servers share
    the cores: absolute figures vary by machine (and by run, on a busy one);
    compare the ratios. The script reports only: it always exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import pathlib
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import httpx

HOST = "127.0.0.1"
JSON_OBJECT = {"application/json": {"schema": {"type": "object"}}}
BASELINE_SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "baseline", "version": "1"},
    "paths": {
        "/hello": {
            "get": {
                "operationId": "__main__.hello",  # the server runs this file as __main__
                "responses": {"200": {"description": "A greeting.", "content": JSON_OBJECT}},
            }
        }
    },
}


def hello():
    return {"id": 1, "message": "hello"}, 200


def serve(kind: str, port: int, data_dir: str) -> None:
    """Server process: run one app under uvicorn exactly as `djinn serve` does."""
    import uvicorn

    if kind == "baseline":
        import connexion

        app = connexion.FlaskApp(__name__)
        app.add_api(BASELINE_SPEC)
    else:
        from djinn.api.app import create_app

        app = create_app(djinn_config(data_dir, port))
    uvicorn.run(app, host=HOST, port=port, log_level="warning")


def djinn_config(data_dir: str, port: int):
    from djinn.infra.config import Config

    return Config.from_env(environ={}, data_dir=data_dir, host=HOST, port=port)


def prepare_djinn(data_dir: str) -> str:
    """Migrate a fresh SQLite database, create a user and a token; return the token."""
    from djinn.domain.auth.scopes import ALL_SCOPES, format_scope
    from djinn.domain.auth.tokens import create_token
    from djinn.domain.users import create_user
    from djinn.infra.db.migrate import upgrade
    from djinn.infra.db.session import Database

    config = djinn_config(data_dir, 0)
    upgrade(config.database_url)
    database = Database(config.database_url)
    try:
        with database.transaction() as session:
            user = create_user(session, username="bench", email="bench@example.com", password="x" * 12)
            _token, plaintext = create_token(session, user, name="bench", scope=format_scope(ALL_SCOPES))
    finally:
        database.dispose()
    return plaintext


def free_port() -> int:  # the OS picks one; released just before the server binds it
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start(kind: str, data_dir: str, path: str, headers: dict, processes: list) -> str:
    """Start a server subprocess (recorded in `processes`) and return its URL once it answers 200."""
    port = free_port()
    quiet = ["-W", "ignore::Warning:connexion.apps.abstract"]
    argv = [sys.executable, *quiet, __file__, "--serve", kind, "--port", str(port), "--data-dir", data_dir]
    process = subprocess.Popen(argv, cwd=pathlib.Path(__file__).resolve().parent.parent)
    processes.append(process)
    url = f"http://{HOST}:{port}{path}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(url, headers=headers, timeout=1).status_code == 200:
                return url
        time.sleep(0.1)
    raise RuntimeError(f"{kind} server did not answer 200 at {url}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


async def load(url: str, headers: dict, concurrency: int, seconds: float, run: dict) -> None:
    """Closed-loop load for `seconds`, accumulated into `run`. A bare HTTP/1.1 client on
    asyncio streams: httpx's own cost per request (and its pool under concurrency) capped
    both servers far below their throughput on 2 cores, hiding what is measured."""
    parts = httpx.URL(url)
    lines = [f"GET {parts.raw_path.decode()} HTTP/1.1", f"Host: {parts.host}:{parts.port}"]
    request = "\r\n".join(lines + [f"{k}: {v}" for k, v in headers.items()] + ["", ""]).encode()

    async def worker(until: float) -> None:
        reader, writer = await asyncio.open_connection(parts.host, parts.port)
        try:
            while (start := time.perf_counter()) < until:
                writer.write(request)
                head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
                fields = dict(line.lower().split(": ", 1) for line in head[1:] if line)
                await reader.readexactly(int(fields["content-length"]))
                if head[0].split()[1] == "200":
                    run["latencies"].append(time.perf_counter() - start)
                else:
                    run["errors"] += 1
        finally:
            writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(worker(began + seconds) for _ in range(concurrency)))
    run["elapsed"] += time.perf_counter() - began


def new_run() -> dict:
    return {"latencies": [], "errors": 0, "elapsed": 0.0}


def summary(run: dict) -> dict:
    n, seconds = len(run["latencies"]), sorted(run["latencies"]) or [float("nan")]
    p50, p99 = statistics.median(seconds), seconds[min(len(seconds) - 1, int(len(seconds) * 0.99))]
    return {"rps": n / run["elapsed"], "p50": p50 * 1e3, "p99": p99 * 1e3, "n": n, "errors": run["errors"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=5.0, help="measured seconds per server (default 5)")
    parser.add_argument("--concurrency", type=int, default=8, help="concurrent connections (default 8)")
    parser.add_argument("--rounds", type=int, default=5, help="alternations between the servers (default 5)")
    parser.add_argument("--serve", choices=("baseline", "djinn"), help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.serve, args.port, args.data_dir)
        return 0

    results: dict[str, dict] = {}
    processes: list[subprocess.Popen] = []
    with tempfile.TemporaryDirectory(prefix="djinn-bench-") as data_dir:
        try:
            auth = {"Authorization": f"Bearer {prepare_djinn(data_dir)}"}
            targets = {"baseline": ("/hello", {}), "djinn": ("/user", auth)}
            servers = {name: (start(name, data_dir, *t, processes), t[1]) for name, t in targets.items()}
            for url, headers in servers.values():  # warm-up, not recorded
                asyncio.run(load(url, headers, args.concurrency, 1.0, new_run()))
            # Short alternating slices, so that drift on a shared machine hits both servers alike.
            runs = {name: new_run() for name in servers}
            for _ in range(args.rounds):
                for name, (url, headers) in servers.items():
                    asyncio.run(load(url, headers, args.concurrency, args.duration / args.rounds, runs[name]))
            results = {name: summary(run) for name, run in runs.items()}
        except Exception as e:  # noqa: BLE001 - a benchmark reports, it does not fail
            print(f"benchmark failed: {e!r}", file=sys.stderr)
        finally:
            for process in processes:
                stop(process)
    if not results:
        return 0
    print(f"{args.concurrency} connections, {args.duration:g}s a server in {args.rounds} alternating slices")
    print(f"{'server':<10}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'requests':>10}{'non-200':>10}")
    for name, r in results.items():
        print(f"{name:<10}{r['rps']:>10.0f}{r['p50']:>10.2f}{r['p99']:>10.2f}{r['n']:>10}{r['errors']:>10}")
    if len(results) == 2 and results["baseline"]["rps"]:
        base, djinn = results["baseline"], results["djinn"]
        print(f"throughput djinn/baseline: {djinn['rps'] / base['rps']:.2f} (target >= 0.70)")
        print(f"p99 djinn/baseline:        {djinn['p99'] / base['p99']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
