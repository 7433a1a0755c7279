"""Nothing a build started outlives the server that started it.

A watchdog is a small shell in a session of its own, reading a pipe only the
server writes to. When the server goes, however it died (SIGKILL included),
the pipe reaches EOF and the watchdog cleans up:

- `watch(name, directory, pgid)`: one VM (the qemu driver): it ends the
  process group `pgid` (SIGTERM, then SIGKILL 2 s later) and removes
  `directory`;
- `builds_directory()`: the os driver's builds. One watchdog per process
  (a spawn per build would cost each build a process): every build directory
  is made inside this process's directory, and a job's process group is in
  `<build directory>/pgid` while it runs. The watchdog ends each group found
  there and removes the whole directory.
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import subprocess
import tempfile
import threading

SCRIPT = (
    # dash wants `--` before a negative pid, busybox refuses it.
    'group() { kill -s "$1" -- "-$2" 2>/dev/null || kill -s "$1" "-$2" 2>/dev/null; }\n'
    "while read -r _; do :; done\n"
    "pg=$1\n"
    '[ -n "$pg" ] || pg=$(cat -- "$2/pgid" 2>/dev/null)\n'
    '[ -n "$pg" ] && group TERM "$pg" && sleep 2 && group 0 "$pg" && group KILL "$pg"\n'
    'rm -rf -- "$2"\n'
)
PGID_FILE = "pgid"
# The same for every build directory inside $2 (the process's own directory).
TREE_SCRIPT = (
    'group() { kill -s "$1" -- "-$2" 2>/dev/null || kill -s "$1" "-$2" 2>/dev/null; }\n'
    "while read -r _; do :; done\n"
    # One file at a time: a file's last line may lack its newline.
    'groups=$(for f in "$2"/*/pgid; do [ -f "$f" ] && cat -- "$f" && echo; done 2>/dev/null)\n'
    'if [ -n "$groups" ]; then\n'
    '  for pg in $groups; do group TERM "$pg"; done\n'
    "  sleep 2\n"
    '  for pg in $groups; do group 0 "$pg" && group KILL "$pg"; done\n'
    "fi\n"
    'rm -rf -- "$2"\n'
)
_process: tuple[int, pathlib.Path, subprocess.Popen[bytes]] | None = None
_lock = threading.Lock()


def watch(name: str, directory: pathlib.Path, pgid: int | None = None) -> subprocess.Popen[bytes]:
    """Start a watchdog for `directory` (and the group `pgid`, or the one in its pgid file)."""
    return subprocess.Popen(
        ["/bin/sh", "-c", SCRIPT, name, "" if pgid is None else str(pgid), str(directory)],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def release(watchdog: subprocess.Popen[bytes] | None) -> None:
    """The server cleaned up itself: end the watchdog without it doing anything."""
    if watchdog is None:
        return
    if watchdog.poll() is None:
        watchdog.kill()
        watchdog.wait()
    if watchdog.stdin is not None:  # always a pipe: watch() and watch_tree() make one
        with contextlib.suppress(OSError):
            watchdog.stdin.close()


def builds_directory() -> pathlib.Path:
    """This process's directory for build directories, watched; made (with
    its watchdog) on first use, and again in a forked child."""
    global _process
    with _lock:
        if _process is None or _process[0] != os.getpid():
            directory = pathlib.Path(tempfile.mkdtemp(prefix="djinn-builds-"))
            _process = (os.getpid(), directory, watch_tree(directory))
        return _process[1]


def watch_tree(directory: pathlib.Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        ["/bin/sh", "-c", TREE_SCRIPT, "djinn-builds-watchdog", "", str(directory)],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
