"""Benchmark: djinn's reads against a bare Flask app returning the same bytes, and idle memory.

What is measured (in one run)
    * djinn: `djinn serve` itself (one uvicorn process, the app and server
      settings of djinn.cli.cmd_serve) on a fresh SQLite data dir, with no
      embedded worker (DJINN_EMBEDDED_WORKER=0: the load server is one
      process; its builds stay queued). The setup goes through djinn's own
      functions (migrate, a user, a token with every scope), then `--builds`
      trivial `os`-driver builds are submitted through `POST /builds`.
    * bare Flask: a Flask app with the same two routes under gunicorn (one
      sync worker process), answering the exact bytes djinn answered for the
      same URL: status, body, Content-Type and, for the list, the Link header
      (fetched from djinn first; the run stops if the two differ).
    Both are loaded by wrk (`--threads`, `--connections`, `--duration`, after
    an unrecorded `--warmup`) with `GET /b/bench/<n>` (one build) and
    `GET /builds` (a page of 25), one server at a time, bearer token sent to
    both. Last, the real `djinn serve` (embedded worker and scheduler, as a
    user runs it) is started on another fresh data dir, left idle `--idle`
    seconds, and the RSS of it and all its descendants (the embedded worker
    process; with --processes N the API processes too) is summed from /proc.
    `--processes N` runs djinn as `djinn serve --processes N` and bare Flask
    under N gunicorn workers (the scaling of docs/deployment.md).

How to read the figures
    req/s and p99 are wrk's (p99 from its --latency distribution); the ratio
    is djinn's req/s over bare Flask's for the same request, the share of the
    Flask + gunicorn ceiling djinn keeps. The targets of issue 15 (one build
    >= 0.5x, the page >= 0.25x, p99 <= 50 ms, idle RSS <= 110 MiB) are
    printed beside, met or not. wrk and the servers share the machine's
    cores: compare ratios, and note the load (`uptime`) of a busy machine.
    The script only reports: it exits 0 unless the setup fails.

Needs wrk (apt-get install wrk) and gunicorn in the venv.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import pathlib
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HOST = "127.0.0.1"
USERNAME = "bench"
MANIFEST = "driver: {type: os}\nstages: [s]\njobs: [{stage: s, commands: ['true']}]\n"
PASSWORD = "correct horse battery"
TARGETS = {"build": 0.5, "list": 0.25}  # throughput ratio to bare Flask
P99_TARGET_MS = 50.0
RSS_TARGET_MIB = 110.0
RESPONSES_ENV = "DJINN_BENCH_API_RESPONSES"
BIN = pathlib.Path(sys.executable).parent


# ------------------------------------------------------------------ the bare Flask app


def bare_app():
    """gunicorn's app factory (`api:bare_app()`): two Flask routes shaped like djinn's,
    each answering the stored bytes of djinn's answer."""
    import flask

    stored = json.loads(pathlib.Path(os.environ[RESPONSES_ENV]).read_text())
    app = flask.Flask("bare")

    def answer(name: str) -> flask.Response:
        r = stored[name]
        return flask.Response(base64.b64decode(r["body"]), status=r["status"], headers=r["headers"])

    @app.get("/b/<username>/<int:number>")
    def build(username: str, number: int) -> flask.Response:
        return answer("build")

    @app.get("/builds")
    def builds() -> flask.Response:
        return answer("list")

    return app


# ------------------------------------------------------------------ processes


def free_port() -> int:  # the OS picks one; released just before the server binds it
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without any DJINN_* setting of the caller's, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJINN_")}
    return {**env, **extra}


def descendants(pid: int) -> list[int]:
    """The PIDs of every live descendant of `pid`, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in pathlib.Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def stop(process: subprocess.Popen) -> None:
    """SIGTERM the process we started (its own shutdown stops its children), then
    SIGKILL by PID whatever of it or of its descendants is still there."""
    family = descendants(process.pid)
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(35)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    deadline = time.monotonic() + 5
    for pid in family:
        while time.monotonic() < deadline and pathlib.Path(f"/proc/{pid}").exists():
            time.sleep(0.1)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, 9)


def wait_http(url: str, process: subprocess.Popen, headers: dict | None = None, status: int | None = 200):
    """Poll `url` until it answers (`status`, or anything when None)."""
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        with contextlib.suppress(httpx.TransportError):
            response = httpx.get(url, headers=headers, timeout=2)
            if status is None or response.status_code == status:
                return response
        time.sleep(0.1)
    raise RuntimeError(f"no answer at {url} (exit code {process.poll()})")


def start_djinn(data_dir: str, port: int, processes: list, count: int = 1, **env: str) -> subprocess.Popen:
    argv = [str(BIN / "djinn"), "serve", "--port", str(port), "--processes", str(count)]
    process = subprocess.Popen(argv, env=clean_env(DJINN_DATA_DIR=data_dir, **env), stderr=subprocess.DEVNULL)
    processes.append(process)
    return process


# ------------------------------------------------------------------ setup


def prepare_djinn(data_dir: str) -> str:
    """Migrate a fresh SQLite database, create the user and a token; return the token."""
    from djinn.domain.auth.scopes import ALL_SCOPES, format_scope
    from djinn.domain.auth.tokens import create_token
    from djinn.domain.users import create_user
    from djinn.infra.config import Config
    from djinn.infra.db.migrate import upgrade
    from djinn.infra.db.session import Database
    from djinn.infra.storage import private_dir

    config = Config.from_env(environ={}, data_dir=data_dir)
    private_dir(config.data_dir)
    upgrade(config.database_url)
    database = Database(config.database_url)
    try:
        with database.transaction() as session:
            user = create_user(session, username=USERNAME, email="bench@example.com", password=PASSWORD)
            _token, plaintext = create_token(session, user, name="bench", scope=format_scope(ALL_SCOPES))
    finally:
        database.dispose()
    return plaintext


def submit_builds(base: str, headers: dict, count: int) -> None:
    import httpx

    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        for i in range(count):
            tags = ["bench", f"batch-{i % 3}"] if i % 2 else []
            response = client.post(
                "/builds", json={"manifest": MANIFEST, "comment": f"bench {i}", "tags": tags}
            )
            if response.status_code != 201:
                raise RuntimeError(f"POST /builds answered {response.status_code}: {response.text[:300]}")


def capture(base: str, path: str, headers: dict) -> dict:
    """djinn's answer to `path`, as the bare app replays it."""
    import httpx

    response = httpx.get(base + path, headers=headers, timeout=30)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} answered {response.status_code}: {response.text[:300]}")
    kept = {k: response.headers[k] for k in ("content-type", "link") if k in response.headers}
    return {
        "status": response.status_code,
        "headers": kept,
        "body": base64.b64encode(response.content).decode(),
    }


def same_answer(url: str, expected: dict) -> None:
    import httpx

    response = httpx.get(url, timeout=10)
    body = base64.b64decode(expected["body"])
    for name, value in expected["headers"].items():
        if response.headers.get(name) != value:
            raise RuntimeError(f"bare Flask {url}: {name} {response.headers.get(name)!r} != {value!r}")
    if response.status_code != expected["status"] or response.content != body:
        raise RuntimeError(f"bare Flask {url} does not answer djinn's bytes")


# ------------------------------------------------------------------ wrk

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def wrk(url: str, headers: dict, args: argparse.Namespace, seconds: float) -> dict:
    argv = [args.wrk, f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds:g}s", "--latency"]
    argv += ["--timeout", "30s"]
    for name, value in headers.items():
        argv += ["-H", f"{name}: {value}"]
    out = subprocess.run([*argv, url], capture_output=True, text=True, check=True).stdout
    return {**parse_wrk(out), "wrk": out}


def parse_wrk(out: str) -> dict:
    def latency(label: str) -> float:
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.MULTILINE)
        return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")

    rps = re.search(r"^Requests/sec:\s+([\d.]+)", out, re.MULTILINE)
    requests = re.search(r"^\s+(\d+) requests in", out, re.MULTILINE)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": float(rps.group(1)) if rps else float("nan"),
        "p50": latency("50"),
        "p99": latency("99"),
        "requests": int(requests.group(1)) if requests else 0,
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": {k: int(v) for k, v in zip(("connect", "read", "write", "timeout"), errors.groups())}
        if errors
        else {},
    }


# ------------------------------------------------------------------ memory


def rss_kib(pid: int) -> int:
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def pss_kib(pid: int) -> int:
    with contextlib.suppress(OSError):
        for line in pathlib.Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


def process_name(pid: int) -> str:
    cmdline = pathlib.Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    if "resource_tracker" in cmdline:
        return "resource tracker"
    if "multiprocessing" in cmdline or "spawn_main" in cmdline or "djinn.services.embedded" in cmdline:
        return "worker"
    if "djinn.cli.api_process" in cmdline:
        return "API process"
    return cmdline.strip()[:40]


def idle_memory(args: argparse.Namespace, processes: list) -> dict:
    """`djinn serve` as a user runs it (embedded worker and scheduler), idle: RSS of it and its descendants."""
    with tempfile.TemporaryDirectory(prefix="djinn-bench-rss-") as data_dir:
        port = free_port()
        process = start_djinn(data_dir, port, processes, args.processes)
        try:
            wait_http(f"http://{HOST}:{port}/user", process, status=None)
            time.sleep(args.idle)
            pids = [process.pid, *descendants(process.pid)]
            parts = [
                (process_name(pid) if pid != process.pid else "djinn serve", rss_kib(pid), pss_kib(pid))
                for pid in pids
            ]
        finally:
            stop(process)
    return {
        "rss_mib": sum(p[1] for p in parts) / 1024,
        "pss_mib": sum(p[2] for p in parts) / 1024,
        "parts": [(name, rss / 1024) for name, rss, _pss in parts],
    }


# ------------------------------------------------------------------ report


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def report(results: dict, memory: dict | None, args: argparse.Namespace, number: int) -> None:
    print(
        f"\nwrk: {args.threads} threads, {args.connections} connections, {args.duration:g} s a request "
        f"(after {args.warmup:g} s warm-up); {args.builds} builds; {args.processes} process(es) a server; "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    print("\n| request | bare Flask | djinn | target |")
    print("|---|---|---|---|")
    labels = {
        "build": f"one build (`GET /b/{USERNAME}/{number}`)",
        "list": "a page of 25 builds (`GET /builds`)",
    }
    for name, label in labels.items():
        if name not in results:
            continue
        bare, ours = results[name]["bare"], results[name]["djinn"]
        ratio = ours["rps"] / bare["rps"] if bare["rps"] else float("nan")
        target = (
            f"≥ {TARGETS[name]:g}×: {verdict(ratio >= TARGETS[name])}; "
            f"p99 ≤ {P99_TARGET_MS:g} ms: {verdict(ours['p99'] <= P99_TARGET_MS)}"
        )
        print(
            f"| {label} | {bare['rps']:.0f} req/s (1.00), p99 {bare['p99']:.1f} ms "
            f"| {ours['rps']:.0f} req/s (**{ratio:.2f}**), p99 {ours['p99']:.1f} ms | {target} |"
        )
    if memory:
        print(
            f"| idle memory (`djinn serve` + its embedded worker) | — | **{memory['rss_mib']:.0f} MiB** "
            f"| ≤ {RSS_TARGET_MIB:g} MiB: {verdict(memory['rss_mib'] <= RSS_TARGET_MIB)} |"
        )
        parts = ", ".join(f"{name} {mib:.0f}" for name, mib in memory["parts"])
        print(f"\nidle RSS by process (MiB): {parts}; PSS total {memory['pss_mib']:.0f} MiB")
    problems = [
        f"{name}/{server}: {r['non2xx']} non-2xx, socket errors {r['socket_errors']}"
        for name, pair in results.items()
        for server, r in pair.items()
        if r["non2xx"] or any(r["socket_errors"].values())
    ]
    for line in problems:
        print(f"note: {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--duration", type=float, default=10.0, help="seconds of wrk load a request and server (10)"
    )
    parser.add_argument(
        "--warmup", type=float, default=2.0, help="unrecorded seconds of load before each (2)"
    )
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (32)")
    parser.add_argument("--builds", type=int, default=30, help="builds submitted before the load (30)")
    parser.add_argument(
        "--idle", type=float, default=5.0, help="seconds `djinn serve` idles before its RSS is read (5)"
    )
    parser.add_argument("--no-memory", action="store_true", help="skip the idle memory measurement")
    parser.add_argument(
        "--memory-only", action="store_true", help="measure the idle memory only (no wrk, no gunicorn)"
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="API processes of djinn serve (--processes) and gunicorn workers of bare Flask (1)",
    )
    parser.add_argument("--wrk", default=shutil.which("wrk") or "wrk", help="the wrk binary")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    if args.memory_only:
        processes: list[subprocess.Popen] = []
        try:
            memory = idle_memory(args, processes)
        finally:
            for process in processes:
                stop(process)
        report({}, memory, args, 0)
        if args.json:
            pathlib.Path(args.json).write_text(json.dumps({"requests": {}, "memory": memory}, indent=2))
        return 0
    if not shutil.which(args.wrk):
        print("bench/api.py needs wrk: apt-get install -y wrk", file=sys.stderr)
        return 2
    if not (BIN / "gunicorn").exists():
        print(f"bench/api.py needs gunicorn: {BIN / 'pip'} install gunicorn", file=sys.stderr)
        return 2

    number = max(1, args.builds // 2)
    paths = {"build": f"/b/{USERNAME}/{number}", "list": "/builds"}
    processes: list[subprocess.Popen] = []
    results: dict[str, dict] = {}
    memory = None
    with tempfile.TemporaryDirectory(prefix="djinn-bench-") as data_dir:
        try:
            token = prepare_djinn(data_dir)
            auth = {"Authorization": f"Bearer {token}"}
            port = free_port()
            djinn = start_djinn(data_dir, port, processes, args.processes, DJINN_EMBEDDED_WORKER="0")
            base = f"http://{HOST}:{port}"
            wait_http(base + "/user", djinn, auth)
            submit_builds(base, auth, args.builds)
            stored = {name: capture(base, path, auth) for name, path in paths.items()}
            responses = pathlib.Path(data_dir) / "bare-responses.json"
            responses.write_text(json.dumps(stored))

            bare_port = free_port()
            bench_dir = str(pathlib.Path(__file__).resolve().parent)
            argv_bare = [str(BIN / "gunicorn"), "--workers", str(args.processes), "--worker-class", "sync"]
            argv_bare += [
                "--bind",
                f"{HOST}:{bare_port}",
                "--log-level",
                "warning",
                "--pythonpath",
                bench_dir,
            ]
            bare = subprocess.Popen(
                [*argv_bare, "api:bare_app()"],
                env=clean_env(**{RESPONSES_ENV: str(responses)}),
                cwd=bench_dir,
            )
            processes.append(bare)
            bare_base = f"http://{HOST}:{bare_port}"
            wait_http(bare_base + "/builds", bare)
            for name, path in paths.items():
                same_answer(bare_base + path, stored[name])

            servers = {"bare": bare_base, "djinn": base}
            for name, path in paths.items():
                results[name] = {}
                for server, url in servers.items():
                    print(f"loading {server} {path} ...", file=sys.stderr, flush=True)
                    if args.warmup > 0:
                        wrk(url + path, auth, args, args.warmup)
                    results[name][server] = wrk(url + path, auth, args, args.duration)
            for process in list(processes):
                stop(process)
                processes.remove(process)
            if not args.no_memory:
                print(f"idle memory of djinn serve ({args.idle:g} s) ...", file=sys.stderr, flush=True)
                memory = idle_memory(args, processes)
        finally:
            for process in processes:
                stop(process)
    report(results, memory, args, number)
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps({"requests": results, "memory": memory}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
