"""Build manifests: the YAML a build is submitted with (BEHAVIOUR.md §1).

`parse_manifest` turns the submitted text into a `Manifest` or raises one
`ValidationFailed` carrying every problem found under the field `manifest`,
so a user fixes everything in one round. It touches no database: the
namespace a manifest names is only checked for its form here; who may work
in it is decided by `djinn.domain.namespaces.resolve_for_work` when the build (or
cron) is created.
"""

from __future__ import annotations

import collections
import dataclasses
import posixpath
import re
import sys
from collections.abc import Callable, Iterable
from typing import Any

import yaml

from djinn.domain.namespaces import parse_reference
from djinn.infra.errors import ValidationFailed
from djinn.infra.text import text_problem

FIELD = "manifest"
KNOWN_DRIVERS = ("os", "ssh", "docker", "qemu")
# libyaml's safe loader when PyYAML has it (its wheels do): the same documents,
# several times faster than the pure-Python one, and manifests are parsed on
# every submission and again when the build runs.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Driver keys each driver cannot do without.
REQUIRED_DRIVER_KEYS = {"docker": ("image", "workspace"), "qemu": ("image",), "ssh": ("address",), "os": ()}
ENV_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Names the setup stage gives its own jobs.
SETUP_JOB = re.compile(r"^(create-driver|clone\.[0-9]+)$")
# The longest manifest the API takes (the contract's maxLength, as for cron),
# and how many values (scalars, lists and mappings) a manifest may hold once
# its aliases are expanded: no more than a manifest of MAX_LENGTH written out
# holds, so that `&a [...]` repeated by `*a` cannot multiply it.
MAX_LENGTH = 65536
MAX_VALUES = MAX_LENGTH
# How many of each a manifest may list: what a build stores and runs grows
# with them (a row per stage, job, clone, object and artifact), and no build
# needs more.
MAX_COUNTS = {"stages": 256, "jobs": 512, "sources": 64, "objects": 256, "artifacts": 512}


@dataclasses.dataclass(frozen=True)
class Source:
    url: str
    ref: str | None
    dir: str

    def clone_commands(self) -> str:
        """The clone job's script body (BEHAVIOUR.md §2)."""
        lines = [f"mkdir -p {_quote(self.dir)}", f"git clone -q {_quote(self.url)} {_quote(self.dir)}"]
        if self.ref:
            lines += [f"cd {_quote(self.dir)}", f"git checkout -q {_quote(self.ref)}"]
        return "\n".join(lines)


@dataclasses.dataclass(frozen=True)
class Placement:
    """`source => name`: an object placed, or an artifact collected."""

    source: str
    name: str


@dataclasses.dataclass(frozen=True)
class ManifestJob:
    stage: str
    name: str  # slugged; `<stage>.<n>` when the manifest gave none
    commands: tuple[str, ...]
    artifacts: tuple[Placement, ...]


@dataclasses.dataclass(frozen=True)
class Manifest:
    text: str
    namespace: str | None
    driver: dict[str, str]
    env: tuple[tuple[str, str], ...]
    objects: tuple[Placement, ...]
    sources: tuple[Source, ...]
    stages: tuple[str, ...]
    allow_failures: frozenset[str]
    # Only the jobs of listed stages, in stage order then manifest order.
    jobs: tuple[ManifestJob, ...]

    @property
    def driver_type(self) -> str:
        return self.driver["type"]


def slug(name: str) -> str:
    """Lowercase; runs of characters other than letters, digits, `.`, `_`, `-` become `-`."""
    return re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


class _Problems:
    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, message: str) -> None:
        self.messages.append(message)


def parse_manifest(text: str | None, enabled_drivers: Iterable[str]) -> Manifest:
    """The manifest in `text`, or ValidationFailed({"manifest": [every problem]})."""
    if text is None or not text.strip():
        raise ValidationFailed({FIELD: ["Build manifest is required"]})
    document = _load(text)
    if not isinstance(document, dict):
        raise ValidationFailed({FIELD: ["Build manifest must be a YAML mapping (driver, stages, jobs, ...)"]})

    problems = _Problems()
    _check_values(document, problems)
    _check_counts(document, problems)
    if problems.messages:
        raise ValidationFailed({FIELD: problems.messages})
    namespace = _namespace(document.get("namespace"), problems)
    driver = _driver(document.get("driver"), tuple(enabled_drivers), problems)
    env = _env(document.get("env"), problems)
    objects = tuple(
        _placement(entry, f"objects[{i}]", problems, default_name=lambda s: s)
        for i, entry in enumerate(_string_list(document.get("objects"), "objects", problems))
    )
    sources = _sources(document.get("sources"), problems)
    stages = _string_list(document.get("stages"), "stages", problems)
    for stage in sorted(s for s, count in collections.Counter(stages).items() if count > 1):
        problems.add(f"stages: {stage!r} is listed more than once")
    allow_failures = frozenset(_string_list(document.get("allow_failures"), "allow_failures", problems))
    jobs = _jobs(document.get("jobs"), stages, problems)
    if problems.messages:
        raise ValidationFailed({FIELD: problems.messages})
    return Manifest(
        text=text,
        namespace=namespace,
        driver=driver,
        env=env,
        objects=tuple(p for p in objects if p is not None),
        sources=sources,
        stages=tuple(stages),
        allow_failures=allow_failures,
        jobs=jobs,
    )


def _load(text: str) -> Any:
    """The YAML document in `text`: whatever its values are."""
    try:
        return yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as e:
        raise ValidationFailed({FIELD: [f"Build manifest is not valid YAML: {_yaml_problem(e)}"]}) from None
    except RecursionError:
        raise ValidationFailed({FIELD: ["Build manifest is nested too deeply"]}) from None
    except ValueError as e:
        # A scalar the YAML resolver types but Python cannot convert: an
        # integer longer than it converts, a date like 2001-13-45.
        if "integer string conversion" in str(e):
            message = f"Build manifest holds an integer of more than {sys.get_int_max_str_digits()} digits"
        else:
            message = f"Build manifest is not valid YAML: a value cannot be read ({e})"
        raise ValidationFailed({FIELD: [message]}) from None


def _check_values(document: dict[Any, Any], problems: _Problems) -> None:
    """Walks every value once, without recursion, as aliases expand it: no
    more than MAX_VALUES values (a recursive alias never ends), and no string
    a database cannot store as text (YAML writes NUL as `"\\0"`), reported
    under the manifest's top-level key."""
    seen: dict[str, None] = {}
    stack = [(key, value, _label(key)) for key, value in document.items()]
    count = 0
    while stack:
        key, value, where = stack.pop()
        count += 1
        if count > MAX_VALUES:
            problems.add(f"Build manifest holds more than {MAX_VALUES} values once its aliases are expanded")
            return
        for text in (key, value):
            if isinstance(text, str) and where not in seen and (problem := text_problem(text, where)):
                seen[where] = None
                problems.add(problem)
        if isinstance(value, dict):
            stack.extend((k, v, where) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((None, v, where) for v in value)


def _check_counts(document: dict[Any, Any], problems: _Problems) -> None:
    counts = {
        field: len(document[field])
        for field in ("stages", "jobs", "sources", "objects")
        if isinstance(document.get(field), list)
    }
    if isinstance(document.get("jobs"), list):
        counts["artifacts"] = sum(
            len(job["artifacts"])
            for job in document["jobs"]
            if isinstance(job, dict) and isinstance(job.get("artifacts"), list)
        )
    for field, count in counts.items():
        if count > MAX_COUNTS[field]:
            problems.add(f"{field}: at most {MAX_COUNTS[field]} may be listed, not {count}")


def _label(key: object) -> str:
    return key if isinstance(key, str) and text_problem(key, "") is None else "manifest"


def _yaml_problem(error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    if mark is not None:
        return f"{problem} (line {mark.line + 1}, column {mark.column + 1})"
    return problem


def _namespace(value: object, problems: _Problems) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        problems.add("namespace must be a string such as `path`, `path/child` or `path@owner`")
        return None
    try:
        parse_reference(value, FIELD)
    except ValidationFailed as e:
        for message in e.errors.get(FIELD, []):
            problems.add(f"namespace: {message}")
        return None
    return value.strip()


def _driver(value: object, enabled: tuple[str, ...], problems: _Problems) -> dict[str, str]:
    if value is None:
        problems.add("driver is required")
        return {}
    if not isinstance(value, dict):
        problems.add("driver must be a mapping with at least a `type`")
        return {}
    driver: dict[str, str] = {}
    for key, item in value.items():
        if isinstance(item, (dict, list)) or item is None:
            problems.add(f"driver: {key} must be a string")
        else:
            driver[str(key)] = (
                item if isinstance(item, str) else str(item).lower() if isinstance(item, bool) else str(item)
            )
    kind = driver.get("type")
    if not kind:
        problems.add("driver: type is required")
    elif kind not in KNOWN_DRIVERS:
        problems.add(f"unknown driver {kind}")
    elif kind not in enabled:
        problems.add(f"driver {kind} is not enabled")
    else:
        for key in REQUIRED_DRIVER_KEYS[kind]:
            if not driver.get(key):
                problems.add(f"driver {kind}: {key} is required")
        workspace = driver.get("workspace")
        if kind == "docker" and workspace and not workspace.startswith("/"):
            problems.add(f"driver docker: workspace must be an absolute path, not {workspace}")
        if kind == "qemu":
            driver.setdefault("arch", "x86_64")
    return driver


def _string_list(value: object, field: str, problems: _Problems) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        problems.add(f"{field} must be a list of strings")
        return []
    items = []
    for i, item in enumerate(value):
        if isinstance(item, (dict, list)) or item is None:
            problems.add(f"{field}[{i}] must be a string")
        else:
            items.append(str(item))
    return items


def _env(value: object, problems: _Problems) -> tuple[tuple[str, str], ...]:
    if value is not None and not isinstance(value, list):
        problems.add("env must be a list of KEY=value strings")
        return ()
    env = []
    for i, entry in enumerate(value or []):
        if isinstance(entry, (dict, list)) or entry is None:
            problems.add(f"env[{i}] must be a string")
            continue
        key, sep, val = str(entry).partition("=")
        if not sep:
            problems.add(f"env[{i}]: expected KEY=value, got {entry!r}")
        elif not ENV_KEY.match(key):
            problems.add(f"env[{i}]: {key!r} is not a valid variable name")
        else:
            env.append((key, val))
    return tuple(env)


def _placement(
    entry: str, where: str, problems: _Problems, default_name: Callable[[str], str]
) -> Placement | None:
    source, arrow, name = (part.strip() for part in entry.partition("=>"))
    if not source:
        problems.add(f"{where}: the name before `=>` is empty")
        return None
    if arrow and not name:
        problems.add(f"{where}: the destination after `=>` is empty")
        return None
    return Placement(source=source, name=name or default_name(source))


def _sources(value: object, problems: _Problems) -> tuple[Source, ...]:
    sources = []
    for i, entry in enumerate(_string_list(value, "sources", problems)):
        spec, arrow, directory = (part.strip() for part in entry.partition("=>"))
        words = spec.split()
        if not words or len(words) > 2:
            problems.add(f"sources[{i}]: expected `URL [REF] [=> DIR]`, got {entry!r}")
            continue
        if arrow and not directory:
            problems.add(f"sources[{i}]: the directory after `=>` is empty")
            continue
        url = words[0]
        default_dir = (
            posixpath.basename(url.rstrip("/").split(":")[-1]).removesuffix(".git") or f"source{i + 1}"
        )
        sources.append(
            Source(url=url, ref=words[1] if len(words) == 2 else None, dir=directory or default_dir)
        )
    return tuple(sources)


def _jobs(value: object, stages: list[str], problems: _Problems) -> tuple[ManifestJob, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.add("jobs must be a list of mappings with `stage` and `commands`")
        return ()
    by_stage: dict[str, list[ManifestJob]] = {stage: [] for stage in stages}
    seen: dict[str, int] = {}
    artifact_names: set[str] = set()
    for i, entry in enumerate(value):
        where = f"jobs[{i}]"
        if not isinstance(entry, dict):
            problems.add(f"{where} must be a mapping with `stage` and `commands`")
            continue
        stage = entry.get("stage")
        ok = True
        if not isinstance(stage, str) or not stage:
            problems.add(f"{where}: stage is required")
            ok = False
        raw_commands = entry.get("commands")
        if raw_commands is None:
            problems.add(f"{where}: commands is required")
            ok = False
        commands = (
            _string_list(raw_commands, f"{where}.commands", problems) if raw_commands is not None else []
        )
        artifacts = [
            _placement(a, f"{where}.artifacts[{j}]", problems, default_name=posixpath.basename)
            for j, a in enumerate(_string_list(entry.get("artifacts"), f"{where}.artifacts", problems))
        ]
        name = entry.get("name")
        if name == "":
            name = None  # `name: ""` is no name (the Go client writes every key): `<stage>.<n>`
        if name is not None and (isinstance(name, (dict, list)) or not slug(str(name))):
            problems.add(f"{where}: name must be a non-empty string")
            ok = False
        if not ok or stage not in by_stage:
            continue  # a job whose stage is not listed is ignored
        jobs = by_stage[stage]
        job_name = slug(str(name)) if name is not None else slug(f"{stage}.{len(jobs) + 1}")
        if SETUP_JOB.match(job_name):
            problems.add(f"{where}: the name {job_name!r} is reserved for the setup stage")
        elif job_name in seen:
            problems.add(f"{where}: the name {job_name!r} is already used by jobs[{seen[job_name]}]")
        seen.setdefault(job_name, i)
        for artifact in artifacts:
            if artifact is not None and artifact.name in artifact_names:
                problems.add(f"{where}: artifact name {artifact.name!r} is used twice in the build")
            elif artifact is not None:
                artifact_names.add(artifact.name)
        jobs.append(
            ManifestJob(
                stage=stage,
                name=job_name,
                commands=tuple(commands),
                artifacts=tuple(a for a in artifacts if a is not None),
            )
        )
    return tuple(job for stage in stages for job in by_stage[stage])


def is_blank(text: str | None) -> bool:
    """Whether `text` gives nothing: empty, or a mapping whose every value is
    empty (`""`, `[]`, `{}`, null), as the Go client's zero Manifest struct
    marshals. An update with such a manifest keeps the stored one."""
    if text is None or not text.strip():
        return True
    try:
        document = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError:
        return False
    return isinstance(document, dict) and all(value in (None, "", [], {}) for value in document.values())
