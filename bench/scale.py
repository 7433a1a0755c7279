"""Benchmark: `GET /builds` latency as the builds table grows to a million, SQLite and PostgreSQL.

What is measured
    A fresh database (a temporary SQLite file; with `--postgres URL` also a
    scratch PostgreSQL database, created and dropped) is migrated by
    djinn.infra.db.migrate.upgrade. Two users get a token each through
    djinn's own functions: `bench`, who is measured, and `other`. Through the
    API (`djinn serve` on a free port, no embedded worker nor scheduler, so
    the rows stay as written) `bench` creates the namespaces `alpha` and
    `beta` and `other` creates `shared` (with `bench` as collaborator) and
    `private`; `bench` submits one real build (`POST /builds`, `os` driver,
    tagged `seed`).
    That build is then copied in SQL (INSERT ... SELECT over a recursive CTE on
    SQLite, generate_series on PostgreSQL; never the ORM per row) with
    increasing number and created_at, up to each size of `--sizes` and then
    `--builds` (default 1,000,000). By number modulo 8, a copy is: 0 other's
    in `shared` (visible to bench), 4 other's in `private` (not visible), 1
    and 5 bench's in `alpha`, 3 bench's in `beta`, 2, 6 and 7 bench's outside
    any namespace (so bench sees 7 builds in 8). Status
    by number modulo 20: 70 % passed, 15 % failed, 5 % each passed_with_failures,
    killed, timed_out. Tags (build_tags): `release` on every 10th build,
    `nightly` on every 7th.
    At each size, as `bench` over HTTP (one keep-alive httpx client, so the
    figure is the server's time plus a loopback round trip): `GET /builds`
    (page 1), `?page=400`, the URL of the `Link: rel="next"` of page 400
    (today `?page=401`; a keyset cursor if the server gives one),
    `?status=passed` and `?tag=release`. Each is asked once unrecorded, then
    `--repeat` times; the median is reported, the minimum beside it (on a
    busy machine the minimum is the steadier of the two).

How to read the figures
    Milliseconds per request, and the ratio of each at the largest size to
    page 1 at 1,000 builds (issue 15's target: <= 2x). The growth time
    (SQL copy, tags, and on PostgreSQL the ANALYZE that autovacuum would run)
    is printed per step. At 1,000 builds page 400 is past the end (an empty
    page, no `next`). `--explain` prints the SQL and plan of each list
    query at the largest size (the page as djinn.domain.builds.of_member's
    listing selects it; `next` of page 400 by its keyset cursor). The script
    only reports: it exits 0 unless the setup fails.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import pathlib
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

import httpx

HOST = "127.0.0.1"
MANIFEST = "driver: {type: os}\nstages: [s]\njobs: [{stage: s, commands: ['true']}]\n"
PASSWORD = "correct horse battery"
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
CHUNK = 250_000  # builds copied per INSERT
TARGET = 2.0  # issue 15: each request at N builds <= 2x page 1 at 1,000
BIN = pathlib.Path(sys.executable).parent
EPOCH = "2020-01-01 00:00:00"  # created_at of copy i is EPOCH + i seconds; the real build is newer

# Copy i of the template build t (columns the copy changes; the others are t's).
OWNER = "CASE WHEN i % 8 IN (0, 4) THEN :other ELSE :bench END"
NAMESPACE = (
    "CASE i % 8 WHEN 0 THEN :ns_shared WHEN 4 THEN :ns_private WHEN 1 THEN :ns_alpha"
    " WHEN 5 THEN :ns_alpha WHEN 3 THEN :ns_beta ELSE NULL END"
)
STATUS = (
    "CASE WHEN i % 20 < 14 THEN 'passed' WHEN i % 20 < 17 THEN 'failed'"
    " WHEN i % 20 = 17 THEN 'passed_with_failures' WHEN i % 20 = 18 THEN 'killed' ELSE 'timed_out' END"
)
COPIED = (
    "manifest, output, secret, pinned, trigger_type, trigger_comment, trigger_data, kill_requested, driver"
)
INSERT = (
    "{with_seq} INSERT INTO builds (user_id, namespace_id, number, status, created_at, started_at, finished_at, {copied}) "
    "SELECT {owner}, {namespace}, i, {status}, {created}, {started}, {finished}, {copied_t} "
    "FROM {seq}, builds t WHERE t.id = :template"
)
SQLITE_SEQ = "WITH RECURSIVE seq(i) AS (SELECT :lo UNION ALL SELECT i + 1 FROM seq WHERE i < :hi)"
TAGS = (
    "INSERT INTO build_tags (build_id, user_id, name, created_at, build_created_at) "
    "SELECT id, user_id, :name, created_at, created_at FROM builds WHERE id > :after AND number % :every = :rest"
)
QUERIES = {
    "page 1": "/builds",
    "page 400": "/builds?page=400",
    "next of page 400": None,  # the Link rel="next" of page 400
    "?status=passed": "/builds?status=passed",
    "?tag=release": "/builds?tag=release",
}


def insert_sql(dialect: str) -> str:
    if dialect == "sqlite":

        def ts(offset: int) -> str:
            return (
                f"strftime('%Y-%m-%d %H:%M:%S', '{EPOCH}', '+' || (i + {offset}) || ' seconds') || '.000000'"
            )

        return INSERT.format(
            copied=COPIED,
            with_seq=SQLITE_SEQ,
            owner=OWNER,
            namespace=NAMESPACE,
            status=STATUS,
            created=ts(0),
            started=ts(1),
            finished=ts(5),
            copied_t=", ".join(f"t.{c.strip()}" for c in COPIED.split(",")),
            seq="seq",
        )

    def pts(offset: int) -> str:
        return f"TIMESTAMPTZ '{EPOCH}+00' + (i + {offset}) * INTERVAL '1 second'"

    return INSERT.format(
        copied=COPIED,
        with_seq="",
        owner=OWNER,
        namespace=NAMESPACE,
        status=STATUS,
        created=pts(0),
        started=pts(1),
        finished=pts(5),
        copied_t=", ".join(f"t.{c.strip()}" for c in COPIED.split(",")),
        seq="generate_series(CAST(:lo AS integer), CAST(:hi AS integer)) AS seq(i)",
    )


# ------------------------------------------------------------------ processes


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(data_dir: str, url: str, port: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJINN_")}
    env.update(
        DJINN_DATA_DIR=data_dir,
        DJINN_DATABASE_URL=url,
        DJINN_EMBEDDED_WORKER="0",
        DJINN_EMBEDDED_SCHEDULER="0",
    )
    argv = [str(BIN / "djinn"), "serve", "--port", str(port)]
    return subprocess.Popen(argv, env=env, stderr=subprocess.DEVNULL)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(35)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# ------------------------------------------------------------------ setup


class Setup:
    """The database, its two users and namespaces, the server, and the template build."""

    def __init__(self, url: str, data_dir: str):
        from djinn.domain.auth.scopes import ALL_SCOPES, format_scope
        from djinn.domain.auth.tokens import create_token
        from djinn.domain.users import create_user
        from djinn.infra.db.migrate import upgrade
        from djinn.infra.db.session import Database

        self.url, self.data_dir = url, data_dir
        upgrade(url)
        self.database = Database(url)
        self.dialect = self.database.engine.dialect.name
        self.tokens, self.user_ids = {}, {}
        with self.database.transaction() as session:
            for name in ("bench", "other"):
                user = create_user(session, username=name, email=f"{name}@example.com", password=PASSWORD)
                _token, self.tokens[name] = create_token(
                    session, user, name="bench", scope=format_scope(ALL_SCOPES)
                )
                session.flush()
                self.user_ids[name] = user.id
        port = free_port()
        self.base = f"http://{HOST}:{port}"
        self.server = start_server(data_dir, url, port)
        self.client = httpx.Client(base_url=self.base, timeout=300, headers=self.auth("bench"))
        self._wait()
        self.namespaces = {
            "alpha": self._namespace("bench", "alpha"),
            "beta": self._namespace("bench", "beta"),
            "shared": self._namespace("other", "shared"),
            "private": self._namespace("other", "private"),
        }
        self._collaborate("bench", self.namespaces["shared"])
        response = self.client.post(
            "/builds", json={"manifest": MANIFEST, "tags": ["seed"], "comment": "seed"}
        )
        if response.status_code != 201:
            raise RuntimeError(f"POST /builds answered {response.status_code}: {response.text[:300]}")
        self.template = response.json()["id"]

    def auth(self, user: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[user]}"}

    def _wait(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.server.poll() is None:
            with contextlib.suppress(httpx.TransportError):
                if self.client.get("/user").status_code == 200:
                    return
            time.sleep(0.1)
        raise RuntimeError(f"djinn serve did not answer at {self.base} (exit code {self.server.poll()})")

    def _namespace(self, user: str, name: str) -> int:
        response = self.client.post("/namespaces", json={"name": name}, headers=self.auth(user))
        if response.status_code != 201:
            raise RuntimeError(f"POST /namespaces answered {response.status_code}: {response.text[:300]}")
        return response.json()["id"]

    def _collaborate(self, user: str, namespace_id: int) -> None:
        from djinn.infra.db.models import Collaborator

        with self.database.transaction() as session:
            session.add(Collaborator(namespace_id=namespace_id, user_id=self.user_ids[user]))

    def count(self) -> int:
        from sqlalchemy import text

        with self.database.engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM builds")).scalar_one()

    def grow(self, target: int) -> float:
        """Copy the template build until the table holds `target` builds; return the seconds it took."""
        from sqlalchemy import text

        began = time.perf_counter()
        have = self.count()
        with self.database.engine.begin() as conn:
            after = conn.execute(text("SELECT max(id) FROM builds")).scalar_one()
            # Copy i gets number i: the template is bench's #1, copies are numbered from 2 on.
            first = conn.execute(text("SELECT max(number) FROM builds")).scalar_one() + 1
            last = first + (target - have) - 1
            params = {
                "bench": self.user_ids["bench"],
                "other": self.user_ids["other"],
                "template": self.template,
                **{f"ns_{name}": id_ for name, id_ in self.namespaces.items()},
            }
            statement = text(insert_sql(self.dialect))
            for lo in range(first, last + 1, CHUNK):
                conn.execute(statement, {**params, "lo": lo, "hi": min(last, lo + CHUNK - 1)})
            for name, every, rest in (("release", 10, 3), ("nightly", 7, 0)):
                conn.execute(text(TAGS), {"name": name, "after": after, "every": every, "rest": rest})
            conn.execute(
                text(
                    "UPDATE users SET build_counter = "
                    "(SELECT coalesce(max(number), 0) FROM builds WHERE builds.user_id = users.id)"
                )
            )
        if self.dialect == "postgresql":  # what autovacuum would soon do after such a load
            with self.database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("ANALYZE"))
        return time.perf_counter() - began

    def close(self) -> None:
        self.client.close()
        stop(self.server)
        self.database.dispose()


# ------------------------------------------------------------------ measuring


def next_link(response: httpx.Response) -> str | None:
    for part in response.headers.get("link", "").split(","):
        match = re.match(r'\s*<([^>]*)>\s*;\s*rel="?next"?', part)
        if match:
            return match.group(1)
    return None


def timed(client: httpx.Client, url: str, repeat: int) -> tuple[list[float], httpx.Response]:
    response = client.get(url)  # unrecorded: warms caches and checks the answer
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}: {response.text[:300]}")
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - began) * 1e3)
    return times, response


def measure(setup: Setup, repeat: int) -> dict[str, dict]:
    results: dict[str, dict] = {}
    follow = None
    for name, path in QUERIES.items():
        if path is None:
            path = follow
        if path is None:
            results[name] = {"ms": None, "items": 0, "url": None}
            continue
        times, response = timed(setup.client, path, repeat)
        results[name] = {
            "ms": statistics.median(times),
            "min_ms": min(times),
            "times_ms": times,
            "items": len(response.json()),
            "url": str(path),
        }
        if name == "page 400":
            follow = next_link(response)
    return results


def explain(setup: Setup, page: int = 400) -> str:
    """The SQL and plan of each list query at the current size, as the handler builds it.

    builds.of_member gives a VisibleBuilds listing; its select_page (which
    reads the caller's namespaces to make one UNION branch per scope) gives
    the statement of a page, selected with one extra row as
    djinn.domain.paging.paginate does. The eager loads of the page's tags,
    users and namespaces are separate statements by primary key, not shown.
    `next` of page `page` is the keyset cursor's statement: the rows after
    the last of that page (skipped when the page is not full).
    """
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    from djinn.domain import builds
    from djinn.domain.auth.tokens import Caller

    caller = Caller(
        user_id=setup.user_ids["bench"],
        username="bench",
        email="bench@example.com",
        created_at=dt.datetime.now(dt.UTC),
        scopes=frozenset(),
        token_id=0,
    )
    size = 25
    deep = (page - 1) * size
    lines = []
    with Session(setup.database.engine) as session:
        listing = builds.of_member(caller)
        rows = session.execute(listing.select_page(session, None, deep, size)).scalars().all()
        cases = {
            "page 1": listing.select_page(session, None, 0, size + 1),
            f"page {page}": listing.select_page(session, None, deep, size + 1),
        }
        if len(rows) == size:
            last = listing.values_of(rows[-1])
            cases[f"next of page {page} (cursor)"] = listing.select_page(session, last, 0, size + 1)
        for name, filters in (("?status=passed", {"status": "passed"}), ("?tag=release", {"tag": "release"})):
            cases[name] = builds.of_member(caller, **filters).select_page(session, None, 0, size + 1)
        dialect = session.get_bind().dialect
        for name, statement in cases.items():
            sql = str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
            if setup.dialect == "sqlite":
                found = session.execute(text("EXPLAIN QUERY PLAN " + sql)).all()
                plan = "\n".join(f"  {row[-1]}" for row in found)
            else:
                found = session.execute(text("EXPLAIN (ANALYZE, BUFFERS) " + sql)).all()
                plan = "\n".join(f"  {row[0]}" for row in found)
            lines.append(f"-- {name}\n{sql}\n{plan}\n")
        session.rollback()
    return "\n".join(lines)


def run(backend: str, url: str, data_dir: str, sizes: list[int], args: argparse.Namespace) -> dict:
    print(f"\n== {backend}", flush=True)
    setup = Setup(url, data_dir)
    figures: dict[int, dict] = {}
    growth: dict[int, float] = {}
    try:
        for size in sizes:
            seconds = setup.grow(size)
            growth[size] = seconds
            print(f"grew to {setup.count():,} builds in {seconds:.1f} s; measuring ...", flush=True)
            figures[size] = measure(setup, args.repeat)
        plans = explain(setup) if args.explain else ""
    finally:
        setup.close()
    report(backend, sizes, figures, growth)
    if plans:
        print(f"\nquery plans at {sizes[-1]:,} builds ({backend}):\n{plans}")
    return {"sizes": sizes, "growth_s": growth, "figures": figures, "plans": plans}


def report(backend: str, sizes: list[int], figures: dict[int, dict], growth: dict[int, float]) -> None:
    base = figures[sizes[0]]["page 1"]["ms"]
    header = "| request | " + " | ".join(f"{size:,} builds" for size in sizes)
    print(f"\n{backend}: ms a request, median (min), {sizes[0]:,} → {sizes[-1]:,} builds\n")
    print(f"{header} | × page 1 at {sizes[0]:,} | ≤ {TARGET:g}× |")
    print("|---" * (len(sizes) + 3) + "|")
    for name in QUERIES:
        cells = []
        for size in sizes:
            r = figures[size][name]
            cells.append(
                "—"
                if r["ms"] is None
                else f"{r['ms']:.0f} ({r['min_ms']:.0f})" + (" empty" if not r["items"] else "")
            )
        last = figures[sizes[-1]][name]["ms"]
        ratio = "—" if last is None or not base else f"{last / base:.1f}×"
        met = "—" if last is None or not base else ("met" if last / base <= TARGET else "NOT met")
        print(f"| {name} | " + " | ".join(cells) + f" | {ratio} | {met} |")
    links = figures[sizes[-1]]["next of page 400"]["url"]
    total = sum(growth.values())
    print(
        f"\nnext of page 400 at {sizes[-1]:,}: {links}; growth {total:.0f} s in all "
        + "("
        + ", ".join(f"to {s:,}: {g:.1f} s" for s, g in growth.items())
        + ")"
    )


@contextlib.contextmanager
def postgres_database(admin_url: str):
    import psycopg

    name = f"djinn_bench_scale_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        base = admin_url.rsplit("/", 1)[0]
        yield f"postgresql+psycopg://{base.split('://', 1)[1]}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builds", type=int, default=1_000_000, help="the largest size (1,000,000)")
    parser.add_argument(
        "--sizes",
        default="1000,10000,100000",
        help="smaller sizes measured on the way, comma-separated (1000,10000,100000); the first is the reference",
    )
    parser.add_argument(
        "--repeat", type=int, default=5, help="timed requests per figure, median reported (5)"
    )
    parser.add_argument(
        "--postgres",
        nargs="?",
        const=DEFAULT_POSTGRES,
        help=f"also on PostgreSQL: the URL of a database to connect to for CREATE/DROP DATABASE ({DEFAULT_POSTGRES})",
    )
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument(
        "--explain", action="store_true", help="print the list queries' plans at the largest size"
    )
    parser.add_argument("--json", help="also write the figures to this file (for a plot)")
    args = parser.parse_args(argv)
    sizes = sorted(
        {int(s) for s in args.sizes.split(",") if s.strip() and int(s) < args.builds} | {args.builds}
    )

    print(f"load average {os.getloadavg()[0]:.2f}; sizes {', '.join(f'{s:,}' for s in sizes)}")
    results = {}
    with tempfile.TemporaryDirectory(prefix="djinn-bench-scale-") as data_dir:
        if not args.no_sqlite:
            url = f"sqlite:///{pathlib.Path(data_dir) / 'djinn.db'}"
            results["sqlite"] = run("SQLite", url, data_dir, sizes, args)
        if args.postgres:
            with (
                postgres_database(args.postgres) as url,
                tempfile.TemporaryDirectory(prefix="djinn-pg-") as d,
            ):
                results["postgresql"] = run("PostgreSQL", url, d, sizes, args)
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
