"""Running builds: the driver interface, drivers registered by name, and the
runner that takes one claimed build through its jobs (djinn.runner.runner).

Nothing here imports HTTP code; the worker (djinn.services.worker) calls the runner.
"""

from __future__ import annotations

import abc
import contextlib
import dataclasses
import importlib
from collections.abc import Callable
from typing import Any, BinaryIO

from sqlalchemy.orm import Session

from djinn.infra.config import Config
from djinn.infra.crypto import SecretBox
from djinn.infra.db.models import Build
from djinn.infra.db.session import Database
from djinn.infra.storage import Readable, Store

Output = Callable[[bytes], None]


class DriverError(Exception):
    """The driver could not do what was asked (create, place, collect)."""


class Driver(abc.ABC):
    """One build environment, from `create` to `destroy`.

    `kill` may be called from another thread at any time: it ends whatever
    the driver is running, at once. `destroy` is always called, once, even
    when `create` failed.
    """

    #: Where SSH keys go: `<home>/.ssh/`.
    home: str = "/root"

    @abc.abstractmethod
    def create(self, log: Output) -> None: ...

    @abc.abstractmethod
    def execute(self, script: str, env: dict[str, str], output: Output) -> int:
        """Run a job script; stream its combined output; return its exit status."""

    @abc.abstractmethod
    def place(self, destination: str, source: BinaryIO, mode: int = 0o644) -> str:
        """Write `source` at `destination`; returns where it went."""

    @abc.abstractmethod
    def collect(self, path: str) -> Readable:
        """Open a file of the build environment for reading; DriverError when absent or out of bounds."""

    @abc.abstractmethod
    def kill(self) -> None: ...

    @abc.abstractmethod
    def destroy(self) -> None: ...


@dataclasses.dataclass
class Context:
    """What the runner and the drivers of one worker work with."""

    database: Database
    box: SecretBox
    store: Store
    artifact_limit: int
    # The server's settings (the drivers read theirs from it).
    config: Config
    # BEHAVIOUR.md §2.3: a driver not created within 5 minutes times the build out.
    create_timeout: float = 300.0


# A factory gets the manifest's `driver` map and the runner's Context (its
# `config` holds the server's driver settings).
DriverFactory = Callable[[dict[str, str], Context], Driver]
# A driver's settings as the manifest gives them, completed from the database
# before the build runs (qemu: the image the manifest names).
Prepare = Callable[[Session, Store, Build, dict[str, Any]], dict[str, Any]]
_DRIVERS: dict[str, DriverFactory] = {}
_PREPARE: dict[str, Prepare] = {}


def register(name: str, prepare: Prepare | None = None) -> Callable[[DriverFactory], DriverFactory]:
    def add(factory: DriverFactory) -> DriverFactory:
        _DRIVERS[name] = factory
        if prepare is not None:
            _PREPARE[name] = prepare
        return factory

    return add


def _load(name: str) -> None:
    # Drivers are found by name and imported on first use, so that a worker
    # imports only the drivers (and their libraries) its builds use.
    if name not in _DRIVERS and name.isidentifier():
        with contextlib.suppress(ModuleNotFoundError):
            importlib.import_module(f"djinn.runner.drivers.{name}")


def new_driver(name: str, settings: dict[str, str], context: Context) -> Driver:
    """The driver `name` (djinn.runner.drivers.<name>, which registers itself)."""
    _load(name)
    factory = _DRIVERS.get(name)
    if factory is None:
        raise DriverError(f"driver {name} is not available on this worker")
    return factory(settings, context)


def prepare_settings(
    name: str, session: Session, store: Store, build: Build, settings: dict[str, Any]
) -> dict[str, Any]:
    """The manifest's `driver` settings, completed by the driver `name` if it needs to."""
    _load(name)
    prepare = _PREPARE.get(name)
    return settings if prepare is None else prepare(session, store, build, settings)
