"""Nothing a build started outlives the server that started it.

A watchdog is a small shell in a session of its own, reading a pipe only the
server writes to. When the server goes, however it died (SIGKILL included),
the pipe reaches EOF: the watchdog ends a process group (SIGTERM, then
SIGKILL 2 s later) and removes a directory. The group is given when the
watchdog starts (`pgid`) or read at that moment from `<directory>/pgid`,
which a driver writes while a job runs and removes when it ends.
"""

from __future__ import annotations

import contextlib
import pathlib
import subprocess

SCRIPT = (
    # dash wants `--` before a negative pid, busybox refuses it.
    'group() { kill -s "$1" -- "-$2" 2>/dev/null || kill -s "$1" "-$2" 2>/dev/null; }\n'
    'while read -r _; do :; done\n'
    'pg=$1\n'
    '[ -n "$pg" ] || pg=$(cat -- "$2/pgid" 2>/dev/null)\n'
    '[ -n "$pg" ] && group TERM "$pg" && sleep 2 && group 0 "$pg" && group KILL "$pg"\n'
    'rm -rf -- "$2"\n'
)
PGID_FILE = "pgid"


def watch(name: str, directory: pathlib.Path, pgid: int | None = None) -> subprocess.Popen:
    """Start a watchdog for `directory` (and the group `pgid`, or the one in its pgid file)."""
    return subprocess.Popen(
        ["/bin/sh", "-c", SCRIPT, name, "" if pgid is None else str(pgid), str(directory)],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )


def release(watchdog: subprocess.Popen | None) -> None:
    """The server cleaned up itself: end the watchdog without it doing anything."""
    if watchdog is None:
        return
    if watchdog.poll() is None:
        watchdog.kill()
        watchdog.wait()
    with contextlib.suppress(OSError):
        watchdog.stdin.close()
