"""Server configuration, read from the environment once, in one place.

Every setting has an environment variable (listed in docs/configuration.md);
`Config.from_env()` reads them and the CLI overrides the common ones with
flags. Nothing else in the code reads the environment.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import os
import pathlib
import secrets
from typing import Any

from djinn.infra.storage import private_dir

DEFAULT_DRIVERS = ("os",)


@dataclasses.dataclass(frozen=True)
class Config:
    data_dir: pathlib.Path
    database_url: str
    base_url: str
    secret_key: str
    drivers: tuple[str, ...] = DEFAULT_DRIVERS
    # Builds this process's worker runs at once (0: `djinn serve` runs no worker).
    workers: int = 4
    # Seconds a build may run before it is ended as timed_out.
    build_timeout: float = 3600.0
    # Seconds a running build's lease lasts; a build whose worker stopped
    # renewing it is finished as failed this long after (at most 2 minutes).
    lease_seconds: float = 30.0
    # `djinn serve` runs a build worker and a scheduler in its own process.
    embedded_worker: bool = True
    embedded_scheduler: bool = True
    # Distributed mode: Redis for the Dramatiq queues, and the key prefix
    # (several deployments or test runs can share one Redis).
    redis_url: str | None = None
    redis_prefix: str = "djinn"
    # Seconds a queued build's message may go untaken before the scheduler
    # sends it again (a message can be lost with a worker or a Redis restart).
    reannounce_seconds: float = 60.0
    # Largest total size of a user's artifacts the curator keeps (bytes).
    artifact_quota: int = 1024**3
    # The scheduler: due cron schedules fired per batch, seconds between its
    # ticks, and seconds between two runs of the artifact curator.
    scheduler_batch: int = 1000
    scheduler_interval: float = 1.0
    curator_interval: float = 300.0
    debug: bool = False
    host: str = "127.0.0.1"
    port: int = 8080
    # `djinn serve`'s API processes (uvicorn servers sharing its socket); its
    # embedded worker and scheduler stay one whatever their number.
    processes: int = 1
    # The reverse proxies (IP addresses or CIDRs) whose X-Forwarded-For and
    # X-Forwarded-Proto are believed; none by default: the connecting
    # address is the client's.
    trusted_proxies: tuple[str, ...] = ()
    # Largest JSON request body accepted; bigger ones get 413 before parsing.
    max_json_body: int = 1024 * 1024
    # Seconds a valid token is remembered (0: look it up on every request).
    token_cache_seconds: float = 2.0
    # Turned on by the test suite: every response is checked against the spec.
    validate_responses: bool = False
    # The file store (objects, images, artifacts); None: $data_dir/store.
    store_dir: pathlib.Path | None = None
    # Largest upload (object, image, downloaded image) kept; bigger ones get 413.
    max_upload_bytes: int = 5 * 1024**3
    # The outbound allow-list: CIDRs that image downloads and webhook deliveries
    # may reach although they are not public (tests: 127.0.0.1/32).
    download_allow: tuple[str, ...] = ()
    # Webhook deliveries: seconds to wait for the receiver, attempts in all,
    # and the first retry's delay in seconds (doubling after each failure).
    webhook_timeout: float = 10.0
    webhook_attempts: int = 5
    webhook_backoff: float = 10.0
    # The ssh and qemu drivers: the private key they log in with as root
    # (None: $data_dir/ssh/id_ed25519, made on first use), the networks the
    # ssh driver may reach although they are not public (CIDRs), and seconds
    # to wait for a host (or a booting VM) to answer.
    ssh_key: pathlib.Path | None = None
    ssh_allow: tuple[str, ...] = ()
    ssh_timeout: float = 60.0
    # The docker driver: the engine's API address (None: DOCKER_HOST, or the
    # local socket), and whether a missing image is pulled. Each job
    # container's limits: memory (MiB) and CPUs (None: the engine's default),
    # processes (0: no limit), and its network: "bridge" or "none".
    docker_host: str | None = None
    docker_pull: bool = True
    docker_memory: int | None = None
    docker_cpus: float | None = None
    docker_pids: int = 1024
    docker_network: str = "bridge"
    # The qemu driver: the server's own images ($qemu_images/<arch>/<name>.qcow2;
    # None: $data_dir/images), each VM's memory (MiB) and CPUs, its
    # accelerator: "kvm", "tcg" (software emulation), or "auto" (KVM when
    # /dev/kvm can be used; some nested hosts offer a KVM that cannot boot),
    # and its network: "user" (QEMU's NAT: whatever the server reaches, its
    # loopback services as 10.0.2.2 included) or "none" (no network at all).
    qemu_images: pathlib.Path | None = None
    qemu_memory: int = 1024
    qemu_cpus: int = 1
    qemu_accel: str = "auto"
    qemu_network: str = "user"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Config:
        env = os.environ if environ is None else environ
        data_dir = pathlib.Path(
            overrides.pop("data_dir", None) or env.get("DJINN_DATA_DIR") or "data"
        ).resolve()
        host = overrides.pop("host", None) or env.get("DJINN_HOST") or "127.0.0.1"
        port = int(overrides.pop("port", None) or env.get("DJINN_PORT") or 8080)
        processes = _count("DJINN_PROCESSES", overrides.pop("processes", None), env.get("DJINN_PROCESSES"))
        database_url = (
            overrides.pop("database_url", None)
            or env.get("DJINN_DATABASE_URL")
            or f"sqlite:///{data_dir / 'djinn.db'}"
        )
        base_url = overrides.pop("base_url", None) or env.get("DJINN_BASE_URL") or f"http://{host}:{port}"
        secret_key = overrides.pop("secret_key", None) or env.get("DJINN_SECRET_KEY") or ""
        drivers = tuple(
            d.strip() for d in (env.get("DJINN_DRIVERS") or ",".join(DEFAULT_DRIVERS)).split(",") if d.strip()
        )
        return cls(
            data_dir=data_dir,
            database_url=normalise_database_url(database_url),
            base_url=base_url.rstrip("/"),
            secret_key=secret_key,
            drivers=overrides.pop("drivers", drivers),
            workers=int(overrides.pop("workers", None) or env.get("DJINN_WORKERS") or 4),
            build_timeout=float(
                overrides.pop("build_timeout", None) or env.get("DJINN_BUILD_TIMEOUT") or 3600
            ),
            lease_seconds=min(120.0, float(env.get("DJINN_LEASE_SECONDS") or 30)),
            embedded_worker=_truthy(env.get("DJINN_EMBEDDED_WORKER") or "1"),
            embedded_scheduler=_truthy(env.get("DJINN_EMBEDDED_SCHEDULER") or "1"),
            redis_url=overrides.pop("redis_url", None) or env.get("DJINN_REDIS_URL") or None,
            redis_prefix=env.get("DJINN_REDIS_PREFIX") or "djinn",
            reannounce_seconds=float(env.get("DJINN_REANNOUNCE_SECONDS") or 60),
            artifact_quota=int(env.get("DJINN_ARTIFACT_QUOTA") or 1024**3),
            scheduler_batch=max(1, int(env.get("DJINN_SCHEDULER_BATCH") or 1000)),
            scheduler_interval=float(env.get("DJINN_SCHEDULER_INTERVAL") or 1.0),
            curator_interval=float(env.get("DJINN_CURATOR_INTERVAL") or 300),
            debug=overrides.pop("debug", None) or _truthy(env.get("DJINN_DEBUG")),
            token_cache_seconds=float(env.get("DJINN_TOKEN_CACHE_SECONDS") or 2.0),
            store_dir=pathlib.Path(env["DJINN_STORE_DIR"]).resolve() if env.get("DJINN_STORE_DIR") else None,
            max_upload_bytes=int(env.get("DJINN_MAX_UPLOAD_BYTES") or 5 * 1024**3),
            trusted_proxies=networks("DJINN_TRUSTED_PROXIES", env.get("DJINN_TRUSTED_PROXIES")),
            download_allow=tuple(
                c.strip() for c in (env.get("DJINN_DOWNLOAD_ALLOW") or "").split(",") if c.strip()
            ),
            webhook_timeout=float(env.get("DJINN_WEBHOOK_TIMEOUT") or 10),
            webhook_attempts=max(1, int(env.get("DJINN_WEBHOOK_ATTEMPTS") or 5)),
            webhook_backoff=float(env.get("DJINN_WEBHOOK_BACKOFF") or 10),
            ssh_key=pathlib.Path(env["DJINN_SSH_KEY"]).resolve() if env.get("DJINN_SSH_KEY") else None,
            ssh_allow=tuple(c.strip() for c in (env.get("DJINN_SSH_ALLOW") or "").split(",") if c.strip()),
            ssh_timeout=float(env.get("DJINN_SSH_TIMEOUT") or 60),
            docker_host=env.get("DJINN_DOCKER_HOST") or None,
            docker_pull=_truthy(env.get("DJINN_DOCKER_PULL") or "1"),
            docker_memory=int(env["DJINN_DOCKER_MEMORY"]) if env.get("DJINN_DOCKER_MEMORY") else None,
            docker_cpus=float(env["DJINN_DOCKER_CPUS"]) if env.get("DJINN_DOCKER_CPUS") else None,
            docker_pids=int(env.get("DJINN_DOCKER_PIDS") or 1024),
            docker_network=env.get("DJINN_DOCKER_NETWORK") or "bridge",
            qemu_images=pathlib.Path(env["DJINN_QEMU_IMAGES"]).resolve()
            if env.get("DJINN_QEMU_IMAGES")
            else None,
            qemu_memory=int(env.get("DJINN_QEMU_MEMORY") or 1024),
            qemu_cpus=int(env.get("DJINN_QEMU_CPUS") or 1),
            qemu_accel=env.get("DJINN_QEMU_ACCEL") or "auto",
            qemu_network=env.get("DJINN_QEMU_NETWORK") or "user",
            host=host,
            port=port,
            processes=processes,
            **overrides,
        )

    @property
    def store_path(self) -> pathlib.Path:
        return self.store_dir or self.data_dir / "store"

    def with_secret_key(self) -> Config:
        """Return a config whose secret key is set, generating it into the data
        directory on first run so that restarts keep encrypted data readable."""
        if self.secret_key:
            return self
        private_dir(self.data_dir)
        path = self.data_dir / "secret_key"
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(48))
        return dataclasses.replace(self, secret_key=path.read_text().strip())


def networks(name: str, value: str | None) -> tuple[str, ...]:
    """A comma-separated list of IP addresses and CIDRs; ValueError naming
    the variable for anything else."""
    items = tuple(item.strip() for item in (value or "").split(",") if item.strip())
    for item in items:
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            raise ValueError(f"{name}: {item!r} is not an IP address or CIDR") from None
    return items


def _count(name: str, given: int | None, value: str | None) -> int:
    """A number of processes: `given` (a flag), else `value` (the variable), else 1."""
    if given is None:
        given = 1 if not (value or "").strip() else None
    if given is None:
        try:
            given = int(value or "")
        except ValueError:
            given = 0
    if given < 1:
        raise ValueError(
            f"{name}: {value if value is not None else given!r} is not a number of processes (1 or more)"
        )
    return given


def normalise_database_url(url: str) -> str:
    """Let users write postgres:// or postgresql:// and still get psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}
