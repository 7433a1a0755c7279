"""The generated TypeScript SDK (sdks/typescript) against a live `djinn
serve`: type-checked with TypeScript's strict mode (zero errors), built, then
sdks/typescript/test/flow.ts run by Node with what this side set up."""

from __future__ import annotations

import os
import pathlib
import subprocess

from tests.api.test_images import qcow2
from tests.sdks.conftest import REDIRECT_URI
from tests.sshkeys import private_key

ROOT = pathlib.Path(__file__).resolve().parents[2]
SDK = ROOT / "sdks" / "typescript"
TSC = ROOT / "node_modules" / ".bin" / "tsc"


def test_the_typescript_sdk_type_checks_and_runs_its_flow(live_djinn, tmp_path):
    compiled = subprocess.run(
        [str(TSC), "-p", str(SDK), "--outDir", str(tmp_path / "dist")],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert compiled.returncode == 0 and not compiled.stdout.strip(), compiled.stdout + compiled.stderr
    image = tmp_path / "tiny.qcow2"
    image.write_bytes(qcow2(size=8192))
    env = {
        **os.environ,
        "DJINN_BASE_URL": live_djinn.base_url,
        "DJINN_TOKEN": live_djinn.token,
        "OAUTH_CLIENT_ID": live_djinn.client_id,
        "OAUTH_CLIENT_SECRET": live_djinn.client_secret,
        "OAUTH_REDIRECT_URI": REDIRECT_URI,
        "OAUTH_CODE": live_djinn.authorization_code("build:read namespace:read"),
        "SSH_KEY": private_key(),
        "QCOW2_PATH": str(image),
    }
    flow = subprocess.run(
        ["node", str(tmp_path / "dist" / "test" / "flow.js")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert flow.returncode == 0, flow.stdout + flow.stderr
    assert "typescript sdk flow: ok" in flow.stdout
