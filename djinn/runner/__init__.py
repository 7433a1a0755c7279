"""Running builds: the driver interface, drivers registered by name, and the
runner that takes one claimed build through its jobs (djinn.runner.runner).

Nothing here imports HTTP code; the worker (djinn.services.worker) calls the runner.
"""

from __future__ import annotations

import abc
import contextlib
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from djinn.runner.runner import Context

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
    def collect(self, path: str) -> BinaryIO:
        """Open a file of the build environment for reading; DriverError when absent or out of bounds."""

    @abc.abstractmethod
    def kill(self) -> None: ...

    @abc.abstractmethod
    def destroy(self) -> None: ...


# A factory gets the manifest's `driver` map and the runner's Context (its
# `config` holds the server's driver settings).
DriverFactory = Callable[[dict[str, str], "Context"], Driver]
_DRIVERS: dict[str, DriverFactory] = {}


def register(name: str):
    def add(factory: DriverFactory) -> DriverFactory:
        _DRIVERS[name] = factory
        return factory

    return add


def new_driver(name: str, settings: dict[str, str], context: Context) -> Driver:
    """The driver `name` (djinn.runner.drivers.<name>, which registers itself)."""
    if name not in _DRIVERS and name.isidentifier():
        with contextlib.suppress(ModuleNotFoundError):
            importlib.import_module(f"djinn.runner.drivers.{name}")
    factory = _DRIVERS.get(name)
    if factory is None:
        raise DriverError(f"driver {name} is not available on this worker")
    return factory(settings, context)
