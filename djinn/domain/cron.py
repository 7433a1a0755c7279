"""Cron schedules: a manifest submitted as a build daily, weekly or monthly.

`next_run_after` is the one place the schedule rule lives (BEHAVIOUR.md §5):
daily fires at the next midnight UTC, weekly at the next Monday 00:00 UTC,
monthly on the 1st of the next month at 00:00 UTC — always strictly after the
given time. Here they are created, read, updated and deleted, and
`submit_build` submits one's build; djinn.services.scheduler decides when, and makes
sure each due time fires once however many schedulers run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from djinn.domain import builds, namespaces, resources
from djinn.domain.auth.scopes import ALL_SCOPES
from djinn.domain.auth.tokens import Caller
from djinn.domain.manifest import is_blank, parse_manifest
from djinn.infra.db.models import Build, Cron, CronBuild, Namespace, Schedule, TriggerType
from djinn.infra.errors import Errors

if TYPE_CHECKING:
    from djinn.infra.runtime import Runtime

SCHEDULES = tuple(s.value for s in Schedule)


def next_run_after(schedule: str, after: dt.datetime) -> dt.datetime:
    """The first firing time of `schedule` strictly after `after`."""
    after = after.astimezone(dt.UTC)
    midnight = after.replace(hour=0, minute=0, second=0, microsecond=0)
    if schedule == Schedule.DAILY:
        return midnight + dt.timedelta(days=1)
    if schedule == Schedule.WEEKLY:
        return midnight + dt.timedelta(days=7 - midnight.weekday())  # Monday is weekday 0
    if schedule == Schedule.MONTHLY:
        if midnight.month == 12:
            return midnight.replace(year=midnight.year + 1, month=1, day=1)
        return midnight.replace(month=midnight.month + 1, day=1)
    raise ValueError(f"unknown schedule {schedule!r}")


def _placement(
    session: Session, caller: Caller, manifest_text: str | None, enabled_drivers: Iterable[str]
) -> Namespace | None:
    """Validate the manifest like a build's and resolve the namespace it names."""
    manifest = parse_manifest(manifest_text, enabled_drivers)
    if manifest.namespace is None:
        return None
    return namespaces.resolve_for_work(session, caller, manifest.namespace, field="manifest")


def _check_name(
    session: Session,
    errors: Errors,
    user_id: int,
    namespace_id: int | None,
    name: str,
    exclude: int | None = None,
) -> None:
    if resources.name_taken(session, Cron, user_id, namespace_id, name, besides=exclude):
        errors.add("name", f"A cron schedule named {name!r} already exists here")


def create(
    session: Session,
    caller: Caller,
    body: dict[str, Any],
    *,
    enabled_drivers: Iterable[str],
    now: dt.datetime | None = None,
) -> Cron:
    schedule = body.get("schedule") or Schedule.DAILY.value
    namespace = _placement(session, caller, body.get("manifest"), enabled_drivers)
    owner_id = namespace.user_id if namespace is not None else caller.user_id
    errors = Errors()
    _check_name(session, errors, owner_id, namespace.id if namespace else None, body["name"])
    errors.raise_if_any()
    cron = Cron(
        author_id=caller.user_id,
        user_id=owner_id,
        namespace_id=namespace.id if namespace else None,
        name=body["name"],
        schedule=schedule,
        manifest=body["manifest"],
        next_run=next_run_after(schedule, now or dt.datetime.now(dt.UTC)),
    )
    session.add(cron)
    _flush_unique(session, errors, body["name"])
    return cron


def update(
    session: Session,
    caller: Caller,
    cron: Cron,
    body: dict[str, Any],
    *,
    enabled_drivers: Iterable[str],
    now: dt.datetime | None = None,
) -> Cron:
    """Fields left out, null or "" stay as they are, and so does the manifest
    when the one given has every key empty (the Go client's zero Manifest)."""
    owner_id, namespace_id = cron.user_id, cron.namespace_id
    new_manifest = not is_blank(body.get("manifest"))
    if new_manifest:
        namespace = _placement(session, caller, body["manifest"], enabled_drivers)
        namespace_id = namespace.id if namespace else None
        owner_id = namespace.user_id if namespace else cron.author_id
    name = body.get("name") or cron.name
    # Checked before the row changes: a flush of the taken name would be the
    # database's unique violation instead of this 400.
    errors = Errors()
    _check_name(session, errors, owner_id, namespace_id, name, exclude=cron.id)
    errors.raise_if_any()
    if new_manifest:
        cron.manifest = body["manifest"]
    cron.namespace_id, cron.user_id, cron.name = namespace_id, owner_id, name
    if body.get("schedule") and body["schedule"] != cron.schedule:
        cron.schedule = body["schedule"]
        cron.next_run = next_run_after(cron.schedule, now or dt.datetime.now(dt.UTC))
    _flush_unique(session, errors, cron.name)
    return cron


def _flush_unique(session: Session, errors: Errors, name: str) -> None:
    try:
        session.flush()
    except IntegrityError:
        # Another request took the name between the check and the write.
        session.rollback()
        errors.add("name", f"A cron schedule named {name!r} already exists here")
        errors.raise_if_any()


def load(session: Session, caller: Caller, cron_id: int) -> Cron:
    """The schedule if `caller` owns it or works in its namespace; otherwise 404."""
    return resources.load_accessible(session, Cron, caller.user_id, cron_id)


def accessible(caller: Caller, search: str | None) -> Select[Cron]:
    return resources.accessible(Cron, caller.user_id, search)


def builds_of(cron: Cron, **filters: str | None) -> Select[Build]:
    """The builds the schedule submitted."""
    submitted = select(CronBuild.build_id).where(CronBuild.cron_id == cron.id)
    return builds.filtered(select(Build).where(Build.id.in_(submitted)), **filters)


def tag_of(cron: Cron) -> str:
    """The tag every build of the schedule carries."""
    return f"cron:{cron.name}"[:255]


def submit_build(session: Session, runtime: Runtime, cron: Cron) -> Build:
    """Submit the schedule's manifest as a build of its author, tagged
    `cron:<name>`, recorded as the schedule's, and announced to the workers
    when `session` commits. Raises like a build submission (ValidationFailed,
    NamespacePermission) when the manifest no longer validates for the author."""
    author = cron.author
    # A schedule has no token: it acts with all of its author's rights, which
    # the namespace checks of the submission still bound.
    caller = Caller(
        user_id=author.id,
        username=author.username,
        email=author.email,
        created_at=author.created_at,
        scopes=ALL_SCOPES,
        token_id=0,
    )
    build = builds.submit(
        session,
        runtime,
        caller,
        manifest_text=cron.manifest,
        comment=f"Scheduled build of cron {cron.name} ({cron.schedule})",
        tags=[tag_of(cron)],
        trigger_type=TriggerType.SCHEDULE.value,
        trigger_data={
            "username": author.username,
            "email": author.email,
            "cron": cron.name,
            "cron_id": str(cron.id),
            "schedule": cron.schedule,
        },
    )
    session.add(CronBuild(cron_id=cron.id, build_id=build.id))
    session.flush()
    runtime.build_queued(session, build.id, build.driver)
    return build
