"""A build from the original Go client's Manifest struct collecting artifacts
by absolute path (issue 12, point 10): taken as written, relative to the
workspace or absolute in the build's environment (the worker's machine for
the trusted `os` driver)."""

from __future__ import annotations

import hashlib

from tests.compat.client import Job, Manifest
from tests.compat.running import wait_finished, worker  # noqa: F401 (a fixture)


def test_a_build_collects_artifacts_where_the_job_put_them(djinn, worker, tmp_path):  # noqa: F811
    cli = djinn("gordon")
    outside = tmp_path / "built"
    contents = {"absolute.txt": b"made outside the workspace\n", "relative.txt": b"made in the workspace\n"}
    build = cli.submit_build(
        Manifest(
            driver={"type": "os"},
            stages=["make"],
            jobs=[
                Job(
                    stage="make",
                    commands=[
                        f"mkdir -p {outside} out",
                        f"printf 'made outside the workspace\\n' > {outside}/absolute.txt",
                        "printf 'made in the workspace\\n' > out/relative.txt",
                    ],
                    artifacts={f"{outside}/absolute.txt": "absolute.txt", "out/relative.txt": "relative.txt"},
                )
            ],
        )
    )
    build = wait_finished(cli, build)
    assert build.status == "passed"

    artifacts = cli.expect(cli.get(build.artifacts_url.path), 200).decode("[]Artifact")
    by_name = {a["name"]: a for a in artifacts}
    assert set(by_name) == set(contents)
    assert by_name["absolute.txt"]["source"] == f"{outside}/absolute.txt"
    for name, content in contents.items():
        artifact = by_name[name]
        assert (artifact["size"], artifact["sha256"]) == (len(content), hashlib.sha256(content).hexdigest())
        got = cli.expect(cli.get(f"{build.artifacts_url.path}/{name}", "application/octet-stream"), 200)
        assert got.body == content
