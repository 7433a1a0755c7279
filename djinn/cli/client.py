"""`djinn submit`: submit a manifest to a server and follow its jobs' output.

A client of the HTTP API only (base URL and token from flags or the
environment); it never touches a database.
"""

from __future__ import annotations

import sys
import time
import urllib.parse
from collections.abc import Iterable
from typing import TextIO

import httpx

FINISHED = {"passed", "passed_with_failures", "failed", "killed", "timed_out"}


class ClientError(Exception):
    pass


def submit(
    server: str,
    token: str,
    manifest: str,
    *,
    comment: str = "",
    tags: Iterable[str] = (),
    follow: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Submit; with `follow`, stream every job's output until the build ends.
    Exit status: 0 when submitted (not following) or passed, 1 otherwise."""
    out, err = out or sys.stdout, err or sys.stderr
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    with httpx.Client(
        base_url=server.rstrip("/"), headers=headers, timeout=httpx.Timeout(30, read=None)
    ) as http:
        response = http.post("/builds", json={"manifest": manifest, "comment": comment, "tags": list(tags)})
        if response.status_code != 201:
            _report(response, err)
            return 1
        build = response.json()
        print(f"build #{build['number']} queued: {build['url']}", file=err)
        if not follow:
            return 0
        path = urllib.parse.urlsplit(build["url"]).path.removeprefix(
            urllib.parse.urlsplit(server).path.rstrip("/")
        )
        followed: set[str] = set()
        while True:
            build = http.get(path).raise_for_status().json()
            jobs = http.get(f"{path}/jobs").raise_for_status().json()
            pending = [j for j in jobs if j["name"] not in followed and j["status"] != "queued"]
            if not pending and build["status"] in FINISHED:
                break
            if not pending:
                time.sleep(0.3)
                continue
            job = pending[0]
            followed.add(job["name"])
            print(f"==> {job['stage']} / {job['name']}", file=out, flush=True)
            with http.stream(
                "GET", f"{path}/jobs/{urllib.parse.quote(job['name'], safe='')}/output"
            ) as stream:
                for text in stream.iter_text():
                    out.write(text)
                    out.flush()
        if build.get("output"):
            print(build["output"], file=err)
        print(f"build #{build['number']} {build['status']}", file=err)
        return 0 if build["status"] == "passed" else 1


def _report(response: httpx.Response, err: TextIO) -> None:
    try:
        body = response.json()
    except ValueError:
        body = {"message": response.text}
    if response.status_code == 400 and isinstance(body, dict):
        for field, messages in body.items():
            for message in messages:
                print(f"djinn: {field}: {message}", file=err)
    else:
        print(f"djinn: {response.status_code}: {body.get('message', body)}", file=err)
