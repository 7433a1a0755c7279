"""Benchmark: how long the worst manifest shapes take to answer.

What is measured
    `POST /builds` through the app in this process (Connexion's test client,
    a fresh migrated SQLite database in a temporary directory), with manifests
    of several shapes: many stages, many jobs, many objects, many env
    entries, one long command, aliases that multiply, deep nesting, a comment.
    Each shape is sent at the largest size the API takes (64 KiB, the
    contract's maxLength, so most are real submissions that store a build)
    and at 1 MiB (refused by that limit). Beside the API, `parse_manifest`
    alone is timed on the 1 MiB shapes, to show the parser itself is linear
    beyond the limit too (its time grows with the size, not its square).

How to read the figures
    seconds per request (the best of `--repeat`), with the status answered.
    Issue 14's target: every shape answers within 1 s. Times vary with the
    machine and its load; the script reports only and always exits 0.
"""

from __future__ import annotations

import argparse
import pathlib
import secrets
import sys
import tempfile
import time
import warnings

from djinn.api.app import runtime_of

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
warnings.filterwarnings("ignore")

HEAD = "driver: {type: os}\n"


def _fill(prefix: str, item, suffix: str, size: int) -> str:
    parts, length, i = [], len(prefix) + len(suffix), 0
    while True:
        piece = item(i)
        if length + len(piece) > size:
            return prefix + "".join(parts) + suffix
        parts.append(piece)
        length += len(piece)
        i += 1


def shapes(size: int) -> dict[str, str]:
    return {
        "stages": _fill(
            HEAD + "jobs: [{stage: s1, commands: [x]}]\nstages: [", lambda i: f"s{i},", "]", size
        ),
        "duplicate stages": _fill(HEAD + "stages: [", lambda i: f"s{i % 100},", "]", size),
        "jobs": _fill(
            HEAD + "stages: [a]\njobs:\n", lambda i: f"- {{stage: a, commands: [c{i}]}}\n", "", size
        ),
        "objects": _fill(HEAD + "objects: [", lambda i: f"o{i},", "]", size),
        "env": _fill(HEAD + "env: [", lambda i: f"K{i}=v,", "]", size),
        "one long command": HEAD + "stages: [a]\njobs: [{stage: a, commands: ['" + "x" * (size - 70) + "']}]",
        "aliases": HEAD
        + "a: &a ["
        + ",".join(["x"] * 10)
        + "]\n"
        + "".join(f"{c}: &{c} [" + ",".join([f"*{chr(ord(c) - 1)}"] * 10) + "]\n" for c in "bcdefghij")
        + "stages: *j\n"
        + "#" * max(0, size - 400),
        "deep": HEAD + "stages: " + "[" * 990 + "]" * 990 + "\n" + "#" * max(0, size - 2100),
        "comment": HEAD + "stages: [a]\njobs: [{stage: a, commands: [x]}]\n#" + "x" * (size - 60),
        "largest build": largest_build(),
    }


def largest_build() -> str:
    """As many stages, jobs, artifacts and sources as a manifest may list: the most rows a build stores."""
    from djinn.domain.manifest import MAX_COUNTS

    stages = [f"s{i}" for i in range(MAX_COUNTS["stages"])]
    jobs = "".join(
        f"- {{stage: s{i % len(stages)}, commands: [c{i}], artifacts: [a{i}]}}\n"
        for i in range(MAX_COUNTS["jobs"])
    )
    sources = ",".join(f"https://example.com/r{i}.git" for i in range(MAX_COUNTS["sources"]))
    return f"{HEAD}sources: [{sources}]\nstages: [{','.join(stages)}]\njobs:\n{jobs}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from djinn.api.app import create_app
    from djinn.domain.auth.scopes import ALL_SCOPES, format_scope
    from djinn.domain.auth.tokens import create_token
    from djinn.domain.manifest import MAX_LENGTH, parse_manifest
    from djinn.domain.users import create_user
    from djinn.infra.config import Config
    from djinn.infra.db.migrate import upgrade
    from djinn.infra.db.session import Database
    from djinn.infra.errors import ValidationFailed

    data = pathlib.Path(tempfile.mkdtemp(prefix="djinn-bench-"))
    url = f"sqlite:///{data / 'djinn.db'}"
    upgrade(url)
    database = Database(url)
    with database.transaction() as session:
        user = create_user(session, username="bench", email="bench@example.com", password="x" * 12)
        _token, token = create_token(session, user, name="bench", scope=format_scope(ALL_SCOPES))
    database.dispose()
    app = create_app(
        Config(data_dir=data, database_url=url, base_url="http://bench", secret_key=secrets.token_urlsafe(32))
    )
    headers = {"Authorization": f"Bearer {token}"}

    print(f"{'shape':<18} {'size':>8} {'status':>6} {'seconds':>8}")
    with app.test_client() as client:
        for size in (MAX_LENGTH, 1024 * 1024):
            for name, manifest in shapes(size).items():
                if name == "largest build" and size != MAX_LENGTH:
                    continue
                manifest = manifest[:size]
                best, status = float("inf"), None
                for _ in range(args.repeat):
                    started = time.perf_counter()
                    status = client.post("/builds", json={"manifest": manifest}, headers=headers).status_code
                    best = min(best, time.perf_counter() - started)
                print(f"{name:<18} {len(manifest):>8} {status:>6} {best:>8.3f}")
    print("\nparse_manifest alone, beyond the API's limit:")
    for name, manifest in shapes(1024 * 1024).items():
        started = time.perf_counter()
        try:
            parse_manifest(manifest, ("os",))
            outcome = "valid"
        except ValidationFailed:
            outcome = "400"
        print(f"{name:<18} {len(manifest):>8} {outcome:>6} {time.perf_counter() - started:>8.3f}")
    runtime_of(app).db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
