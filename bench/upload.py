"""Benchmark: uploading a large object streams through the server.

What is measured
    One djinn server process, run under uvicorn as `djinn serve` runs it, on a
    fresh migrated SQLite database in a temporary data dir (the file store
    beside it). A source file of `--size` bytes (default 1 GiB, generated
    here) is uploaded as one object with `POST /objects`, streamed from the
    file by the client in 1 MiB chunks (never held in memory). Meanwhile the
    server's resident memory (VmRSS in /proc/<pid>/status) is sampled every
    10 ms.

    The baseline is `cp` of the same source file to the same disk followed by
    `sync` of the copy (the store fsyncs each file before keeping it).

How to read the figures
    `peak RSS growth` is the highest sampled RSS minus the RSS just before the
    upload (after a warm-up upload): what streaming costs in memory (target
    under 64 MiB; a server that buffered the body would grow by the whole
    size). `throughput ratio` is the upload's MB/s over cp's (target >= 0.5).
    The server also verifies the sha256 the client computed. The script
    reports only: it always exits 0.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pathlib
import subprocess
import sys
import tempfile
import threading
import time

import httpx

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from api import HOST, free_port, prepare_djinn, stop

CHUNK = 1024 * 1024


def serve(port: int, data_dir: str) -> None:
    import uvicorn

    from djinn.api.app import create_app
    from djinn.infra.config import Config

    config = Config.from_env(environ={}, data_dir=data_dir, host=HOST, port=port)
    uvicorn.run(create_app(config), host=HOST, port=port, log_level="warning")


def rss_kib(pid: int, field: str = "VmRSS") -> int:
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def make_source(path: pathlib.Path, size: int) -> str:
    """Write `size` pseudo-random-looking bytes (cheap to make) and return their sha256."""
    digest = hashlib.sha256()
    block = hashlib.sha512(b"djinn").digest() * (CHUNK // 64)
    with open(path, "wb") as f:
        written = 0
        while written < size:
            piece = block[: min(CHUNK, size - written)]
            piece = written.to_bytes(8, "big") + piece[8:] if len(piece) >= 8 else piece
            f.write(piece)
            digest.update(piece)
            written += len(piece)
    return digest.hexdigest()


def file_chunks(path: pathlib.Path):
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            yield chunk


def upload(url: str, token: str, name: str, path: pathlib.Path) -> dict:
    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Type": "application/octet-stream",
        "Content-Length": str(path.stat().st_size),
    }
    response = httpx.post(
        f"{url}/objects", params={"name": name}, content=file_chunks(path), headers=headers, timeout=600
    )
    response.raise_for_status()
    return response.json()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=1024**3, help="bytes to upload (default 1 GiB)")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.port, args.data_dir)
        return

    with tempfile.TemporaryDirectory(prefix="djinn-bench-upload-") as tmp:
        work = pathlib.Path(tmp)
        data_dir = work / "data"
        data_dir.mkdir()
        token = prepare_djinn(str(data_dir))
        source = work / "source.bin"
        expected = make_source(source, args.size)
        small = work / "small.bin"
        small.write_bytes(os.urandom(CHUNK))

        port = free_port()
        quiet = ["-W", "ignore::Warning:connexion.apps.abstract"]
        argv = [sys.executable, *quiet, __file__, "--serve", "--port", str(port), "--data-dir", str(data_dir)]
        process = subprocess.Popen(argv, cwd=pathlib.Path(__file__).resolve().parent.parent)
        url = f"http://{HOST}:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if (
                        httpx.get(
                            f"{url}/user", headers={"Authorization": f"Bearer {token}"}, timeout=1
                        ).status_code
                        == 200
                    ):
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("server did not start")
                time.sleep(0.1)
            upload(url, token, "warm-up", small)
            before = rss_kib(process.pid)
            peak = [before]
            done = threading.Event()

            def sample() -> None:
                while not done.is_set():
                    peak[0] = max(peak[0], rss_kib(process.pid))
                    time.sleep(0.01)

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            started = time.perf_counter()
            body = upload(url, token, "big.bin", source)
            upload_seconds = time.perf_counter() - started
            done.set()
            sampler.join()
            hwm = rss_kib(process.pid, "VmHWM")
        finally:
            stop(process)

        copy = work / "copy.bin"
        started = time.perf_counter()
        subprocess.run(["cp", str(source), str(copy)], check=True)
        subprocess.run(["sync", str(copy)], check=True)
        cp_seconds = time.perf_counter() - started

    mib = args.size / 1024**2
    growth = (peak[0] - before) / 1024
    print(
        f"object size          {mib:.0f} MiB, sha256 {'matches' if body['sha256'] == expected else 'DIFFERS'}"
    )
    print(
        f"server RSS           {before / 1024:.1f} MiB before, peak {peak[0] / 1024:.1f} MiB, VmHWM {hwm / 1024:.1f} MiB"
    )
    print(f"peak RSS growth      {growth:.1f} MiB (target < 64)")
    print(f"upload               {upload_seconds:.2f} s, {mib / upload_seconds:.0f} MiB/s")
    print(f"cp + sync            {cp_seconds:.2f} s, {mib / cp_seconds:.0f} MiB/s")
    print(f"throughput ratio     {cp_seconds / upload_seconds:.2f} (upload/cp, target >= 0.5)")


if __name__ == "__main__":
    main()
