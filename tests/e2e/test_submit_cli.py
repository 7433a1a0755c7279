"""`djinn submit manifest.yml --follow` against a real server with its
embedded worker, as a user would run it."""

from __future__ import annotations

import dataclasses
import threading
import time

import pytest
import uvicorn

from djinn.api.app import runtime_of
from djinn.cli import main
from djinn.services.worker import embedded
from tests.e2e.conftest import free_port


@pytest.fixture
def served(app, config, make_user, make_token):
    from djinn.api.app import create_app

    port = free_port()
    live_config = dataclasses.replace(config, base_url=f"http://127.0.0.1:{port}", workers=1)
    live = create_app(live_config)
    worker = embedded(runtime_of(live))
    server = uvicorn.Server(
        uvicorn.Config(live, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.02)
    yield live_config.base_url, make_token(make_user("alice"))
    server.should_exit = True
    thread.join(10)
    worker.stop()
    runtime_of(live).db.dispose()


def run(tmp_path, capsys, server, token, manifest: str, *flags: str) -> tuple[int, str, str]:
    path = tmp_path / "manifest.yml"
    path.write_text(manifest)
    status = main(["submit", str(path), "--server", server, "--token", token, *flags])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_submit_and_follow_a_passing_build(served, tmp_path, capsys):
    server, token = served
    status, out, err = run(
        tmp_path,
        capsys,
        server,
        token,
        """\
driver: {type: os}
stages: [greet]
jobs:
- stage: greet
  commands: [echo hello from the build]
""",
        "--follow",
    )
    assert status == 0, err
    assert "==> greet / greet.1\n+ echo hello from the build\nhello from the build\n" in out
    assert f"build #1 queued: {server}/b/alice/1" in err and err.rstrip().endswith("build #1 passed")


def test_a_failing_build_exits_non_zero(served, tmp_path, capsys):
    server, token = served
    status, _out, err = run(
        tmp_path,
        capsys,
        server,
        token,
        "driver: {type: os}\nstages: [s]\njobs: [{stage: s, commands: ['false']}]\n",
        "--follow",
    )
    assert status == 1
    assert err.rstrip().endswith("build #1 failed")


def test_an_invalid_manifest_prints_the_problems(served, tmp_path, capsys):
    server, token = served
    status, _out, err = run(tmp_path, capsys, server, token, "driver: {type: nope}\n")
    assert status == 1
    assert "djinn: manifest: unknown driver nope" in err


def test_without_follow_it_only_submits(served, tmp_path, capsys):
    server, token = served
    status, out, err = run(tmp_path, capsys, server, token, "driver: {type: os}\n")
    assert (status, out) == (0, "")
    assert "build #1 queued" in err
