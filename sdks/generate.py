"""Generate the SDKs in sdks/ from openapi/djinn.yaml (run by `make generate`).

- sdks/python: openapi-python-client, as an installable package (djinn-sdk).
- sdks/typescript/src/gen: @hey-api/openapi-ts, its types, one function per
  operation and its fetch client; sdks/typescript/ around it is written by hand.

Both generators run with their default options (the Python one is only told
the package's name), and any warning either prints fails the run: a warning
means part of the API is missing from a generated client.
"""

from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCUMENT = ROOT / "openapi" / "djinn.yaml"
VENV_BIN = pathlib.Path(sys.executable).parent
# What the generators print when all went well; anything else is a warning.
EXPECTED = re.compile(
    r"^(Generating .*|\S*@hey-api/openapi-ts v[\d.]+|.*Generating from 1 input:|.*\[1\] .*djinn\.yaml|"
    r".*Done! Your output is in .*)$"
)


def run(command: list[str], **kwargs) -> None:
    env = {
        **os.environ,
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "NO_COLOR": "1",
        "FORCE_COLOR": "0",
    }
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False, **kwargs)
    output = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)
    unexpected = [line for line in output.splitlines() if line.strip() and not EXPECTED.match(line.strip())]
    if result.returncode or unexpected:
        sys.exit(f"{command[0]} failed or warned:\n{output}")


def main() -> int:
    run(
        [
            str(VENV_BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(DOCUMENT),
            "--config",
            "sdks/python-client.yaml",
            "--meta",
            "setup",
            "--output-path",
            "sdks/python",
            "--overwrite",
        ]
    )
    run(
        [
            str(ROOT / "node_modules" / ".bin" / "openapi-ts"),
            "--input",
            str(DOCUMENT),
            "--output",
            "sdks/typescript/src/gen",
        ]
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
