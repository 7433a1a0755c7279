"""Builds: queries shared by every list of builds (the user's, a namespace's,
a cron's, an object's), loading a build for a caller, submission, kill, pins,
tags, and the queries of a build's parts. Running a build is djinn.services.worker's
and djinn.runner's."""

from __future__ import annotations

import base64
import mimetypes
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import CursorResult, Select, exists, or_, select, union, union_all, update
from sqlalchemy.orm import Session, aliased, joinedload, selectinload

from djinn.domain import events, keys, namespaces, paging, uploads, variables
from djinn.domain.auth.tokens import Caller
from djinn.domain.manifest import FIELD as MANIFEST_FIELD
from djinn.domain.manifest import Manifest, ManifestJob, Placement, parse_manifest
from djinn.domain.namespaces import workable_clause
from djinn.infra.crypto import SecretBox
from djinn.infra.db.models import (
    Artifact,
    Build,
    BuildKey,
    BuildObject,
    BuildTag,
    BuildVariable,
    Job,
    Namespace,
    Object,
    Stage,
    Status,
    TriggerType,
    User,
    utcnow,
)
from djinn.infra.db.session import Database
from djinn.infra.errors import Errors, NotFound, ValidationFailed
from djinn.infra.storage import Store

if TYPE_CHECKING:
    from djinn.infra.runtime import Runtime


ORDER = (Build.created_at.desc(), Build.id.desc())


def _filters(
    statement: Select[Any], *, tag: str | None = None, search: str | None = None, status: str | None = None
) -> Select[Any]:
    # An alias of build_tags, so that the EXISTS correlates to the build only,
    # also in a statement that selects from build_tags itself (?tag= walks it).
    tags = aliased(BuildTag)
    if tag:
        statement = statement.where(exists().where(tags.build_id == Build.id, tags.name == tag))
    if search:
        statement = statement.where(
            exists().where(tags.build_id == Build.id, tags.name.icontains(search, autoescape=True))
        )
    if status:
        statement = statement.where(Build.status == status)
    return statement


def eager(statement: Select[Build]) -> Select[Build]:
    """Load what a listed build shows with the page: its user and namespace
    (with the namespace's user) joined, its tags in one more query."""
    return statement.options(
        joinedload(Build.user),
        joinedload(Build.namespace).joinedload(Namespace.user),
        selectinload(Build.tags),
    )


def filtered(
    statement: Select[Build],
    *,
    tag: str | None = None,
    search: str | None = None,
    status: str | None = None,
) -> Select[Build]:
    """Apply the build-list filters of the API: exact tag, tag search, status;
    newest first, with what the list shows loaded eagerly."""
    statement = _filters(statement, tag=tag, search=search, status=status)
    return eager(statement.order_by(*ORDER))


def in_namespace(namespace: Namespace, **filters: str | None) -> Select[Build]:
    return filtered(select(Build).where(Build.namespace_id == namespace.id), **filters)


class VisibleBuilds(paging.Listing[Build]):
    """The caller's own builds and the builds in namespaces they own or
    collaborate in, newest first.

    Selected as a UNION of branches that each an index serves in order, each
    cut at the page's end: the caller's builds by (user_id, created_at, id),
    each namespace's by (namespace_id, created_at, id) (by status too, with
    `?status=`). The UNION drops a build two branches share; the page is the
    first rows of the merged branches. However many builds there are, a page
    reads at most (branches x page end) index entries, where `user_id = ? OR
    EXISTS (...)` sorted every visible build.
    `?tag=` instead walks the tag's rows of build_tags newest build first
    (see _tagged).
    """

    # Namespaces with a branch of their own; beyond, one branch for the rest
    # (SQLite caps a compound SELECT at 500 terms).
    BRANCHES = 100

    def __init__(self, caller: Caller, filters: dict[str, str | None]):
        self.user_id = caller.user_id
        self.filters = filters
        super().__init__(filtered(select(Build), **filters))

    def select_page(
        self, session: Session, values: Sequence[Any] | None, offset: int, limit: int
    ) -> Select[Build]:
        if self.filters.get("tag"):
            return self._tagged(session, values, offset, limit)
        workable = select(Namespace.id).where(workable_clause(self.user_id))
        ids = list(session.execute(workable.order_by(Namespace.id).limit(self.BRANCHES + 1)).scalars())
        scopes = [Build.user_id == self.user_id]
        scopes += [Build.namespace_id == id for id in ids[: self.BRANCHES]]
        if len(ids) > self.BRANCHES:
            scopes.append(Build.namespace_id.in_(workable))
        merge = session.get_bind().dialect.name == "sqlite"
        branches = []
        for scope in scopes:
            keyed = cast("Select[Any]", select(Build.id, Build.created_at).where(scope))
            branch = _filters(keyed, **self.filters)
            if values is not None:
                branch = branch.where(paging.after(self.keys, values))
            if merge:
                branches.append(branch)
            else:
                cut = branch.order_by(*ORDER).limit(offset + limit).subquery()
                branches.append(select(cut.c.id, cut.c.created_at))
        if merge:
            # SQLite merges the branches as each index yields them (MERGE
            # (UNION)) and stops at the page's end: no branch is read further
            # than the merged list, however deep the page.
            compound = union(*branches) if len(branches) > 1 else branches[0]
            columns = compound.selected_columns
            ordered = compound.order_by(columns.created_at.desc(), columns.id.desc())
            merged = ordered.offset(offset or None).limit(limit).subquery()
            page = select(merged.c.id)
        else:
            # PostgreSQL: each branch cut at the page's end, then merged in
            # order (Merge Append of the UNION ALL), a build two branches share
            # dropped as the merge yields it (Unique over the sorted rows):
            # the cut branches are read only as far as the page's end in the
            # merged list, where a UNION hashed and sorted all of them.
            both = (union_all(*branches) if len(branches) > 1 else branches[0]).subquery()
            merged = (
                select(both.c.created_at, both.c.id)
                .distinct()
                .order_by(both.c.created_at.desc(), both.c.id.desc())
                .offset(offset or None)
                .limit(limit)
                .subquery()
            )
            page = select(merged.c.id)
        return eager(select(Build).where(Build.id.in_(page)).order_by(*ORDER))

    def _tagged(
        self, session: Session, values: Sequence[Any] | None, offset: int, limit: int
    ) -> Select[Build]:
        """`?tag=`: the tag's builds newest first from the index on build_tags
        (name, build_created_at, build_id), each kept if the caller sees it;
        a page reads the tag's rows down to its end, not every visible build."""
        workable = select(Namespace.id).where(workable_clause(self.user_id))
        walk = cast(
            "Select[Any]",
            select(BuildTag.build_id)
            .join(Build, Build.id == BuildTag.build_id)
            .where(
                BuildTag.name == self.filters["tag"],
                or_(Build.user_id == self.user_id, Build.namespace_id.in_(workable)),
            ),
        )
        walk = _filters(walk, search=self.filters.get("search"), status=self.filters.get("status"))
        if values is not None:
            keys = [
                paging.Key(BuildTag.build_created_at.expression, True),
                paging.Key(BuildTag.build_id.expression, True),
            ]
            walk = walk.where(paging.after(keys, values))
        page = (
            walk.order_by(BuildTag.build_created_at.desc(), BuildTag.build_id.desc())
            .offset(offset or None)
            .limit(limit)
        )
        return eager(select(Build).where(Build.id.in_(page)).order_by(*ORDER))


def of_member(caller: Caller, **filters: str | None) -> VisibleBuilds:
    """The caller's own builds and the builds in namespaces they own or
    collaborate in (not every public build of the server)."""
    return VisibleBuilds(caller, filters)


# ------------------------------------------------------------------ loading


# builds.number is a 32-bit INTEGER; a larger number names no build.
MAX_NUMBER = 2**31 - 1


def find(session: Session, username: str, number: int) -> Build | None:
    if not 1 <= number <= MAX_NUMBER:
        return None
    return session.execute(
        select(Build)
        .join(User, User.id == Build.user_id)
        .where(User.username == username, Build.number == number)
    ).scalar_one_or_none()


def can_see(session: Session, build: Build, caller: Caller | None) -> bool:
    if caller is not None and build.user_id == caller.user_id:
        return True
    return build.namespace is not None and namespaces.can_see(session, build.namespace, caller)


def can_work(session: Session, build: Build, caller: Caller | None) -> bool:
    if caller is None:
        return False
    if build.user_id == caller.user_id:
        return True
    return build.namespace is not None and namespaces.can_work(session, build.namespace, caller)


def load_visible(session: Session, username: str, number: int, caller: Caller | None) -> Build:
    """The build if `caller` may read it; otherwise 404, as if it did not exist."""
    build = find(session, username, number)
    if build is None or not can_see(session, build, caller):
        raise NotFound()
    return build


def load_for_work(session: Session, username: str, number: int, caller: Caller | None) -> Build:
    """The build if `caller` may change it (its submitter, or whoever works in
    its namespace); anyone else gets 404."""
    build = find(session, username, number)
    if build is None or not can_work(session, build, caller):
        raise NotFound()
    return build


def submitter_id(session: Session, build: Build) -> int:
    """The user who submitted the build (its trigger's author), whose own
    keys and images it gets: the namespace's owner holds a build a
    collaborator submitted into their namespace."""
    username = (build.trigger_data or {}).get("username")
    if username and username != build.user.username:
        found = session.execute(select(User.id).where(User.username == username)).scalar_one_or_none()
        if found is not None:
            return found
    return build.user_id


# ------------------------------------------------------------------ submit


def setup_stage_name(number: int) -> str:
    return f"setup - #{number}"


def _next_number(session: Session, user_id: int) -> int:
    # Atomic on both backends: a row lock on PostgreSQL, the write lock on SQLite.
    return session.execute(
        update(User)
        .where(User.id == user_id)
        .values(build_counter=User.build_counter + 1)
        .returning(User.build_counter)
    ).scalar_one()


def _check_tags(tags: Iterable[str] | None, errors: Errors) -> list[str]:
    names: list[str] = []
    for tag in tags or []:
        name = tag.strip()
        if not name:
            errors.add("tags", "A tag cannot be empty")
        elif name not in names:
            names.append(name)
    return names


def _objects(
    session: Session, user_id: int, namespace: Namespace | None, manifest: Manifest, errors: Errors
) -> list[tuple[Placement, Object]]:
    """The objects the manifest names: the namespace's, else the user's outside any namespace."""
    scopes = [Object.namespace_id == namespace.id] if namespace is not None else []
    scopes.append((Object.user_id == user_id) & Object.namespace_id.is_(None))
    names = sorted({placement.source for placement in manifest.objects})
    by_name: dict[str, Object] = {}
    # A few queries for any number of objects, in batches that stay within
    # either database's limit on bound parameters; the first scope wins.
    for where in reversed(scopes):
        for start in range(0, len(names), 500):
            batch = names[start : start + 500]
            by_name.update(
                (row.name, row)
                for row in session.execute(select(Object).where(where, Object.name.in_(batch))).scalars()
            )
    found: list[tuple[Placement, Object]] = []
    for i, placement in enumerate(manifest.objects):
        row = by_name.get(placement.source)
        if row is None:
            errors.add(MANIFEST_FIELD, f"objects[{i}]: there is no object named {placement.source!r}")
        else:
            found.append((placement, row))
    return found


def variables_for_build(
    session: Session, box: SecretBox, user_id: int, namespace: Namespace | None
) -> list[tuple[str, str, bool, int]]:
    """(key, value, masked, variable_id) of the variables a build gets, decrypted."""
    return variables.for_build(session, box, user_id, namespace)


def keys_for_build(
    session: Session, box: SecretBox, user_id: int, namespace: Namespace | None
) -> list[tuple[str, str, str, int]]:
    """(name, private key, config, key_id) of the SSH keys a build gets."""
    return keys.for_build(session, box, user_id, namespace)


def submit(
    session: Session,
    runtime: Runtime,
    caller: Caller,
    *,
    manifest_text: str,
    comment: str | None = None,
    tags: Iterable[str] | None = None,
    trigger_type: str = TriggerType.MANUAL.value,
    trigger_data: dict[str, str] | None = None,
) -> Build:
    """Validate and store a build with its stages, jobs, artifacts and the
    variables, keys and objects it will get, status `queued`, and emit
    build.submitted. A build in a namespace is the namespace owner's,
    numbered in their sequence, also when a collaborator submits it; the
    submitter is its trigger's author, and it gets the submitter's own
    variables, keys and objects (outside any namespace) beside the
    namespace's. Everything is in the caller's transaction: on any error
    nothing of it stays. The caller announces the build to the workers
    (`runtime.build_queued`) and commits."""
    box = runtime.box
    errors = Errors()
    tag_names = _check_tags(tags, errors)
    manifest = None
    try:
        manifest = parse_manifest(manifest_text, runtime.config.drivers)
    except ValidationFailed as e:
        for field, messages in e.errors.items():
            for message in messages:
                errors.add(field, message)
    errors.raise_if_any()
    assert manifest is not None
    namespace = (
        namespaces.resolve_for_work(session, caller, manifest.namespace, MANIFEST_FIELD)
        if manifest.namespace
        else None
    )
    objects = _objects(session, caller.user_id, namespace, manifest, errors)
    errors.raise_if_any()
    # Every read (and decryption) before the first write: on SQLite the
    # number's UPDATE takes the database's one write lock, held until commit,
    # and the workers wait for it.
    variables = list(variables_for_build(session, box, caller.user_id, namespace))
    keys = list(keys_for_build(session, box, caller.user_id, namespace))

    owner_id = namespace.user_id if namespace is not None else caller.user_id
    build = Build(
        created_at=utcnow(),
        user_id=owner_id,
        namespace_id=namespace.id if namespace else None,
        manifest=manifest.text,
        status=Status.QUEUED.value,
        driver=manifest.driver_type,
        trigger_type=trigger_type,
        trigger_comment=comment or "",
        trigger_data=trigger_data
        if trigger_data is not None
        else {"username": caller.username, "email": caller.email},
    )
    rows: list[BuildTag | Artifact | BuildVariable | BuildKey | BuildObject] = [
        BuildTag(build=build, build_created_at=build.created_at, user_id=caller.user_id, name=name)
        for name in tag_names
    ]
    position = 0

    def add_job(stage: Stage, name: str, commands: str) -> Job:
        nonlocal position
        position += 1
        return Job(build=build, stage=stage, name=name, commands=commands, position=position)

    jobs_by_stage: dict[str, list[ManifestJob]] = {}
    for manifest_job in manifest.jobs:
        jobs_by_stage.setdefault(manifest_job.stage, []).append(manifest_job)
    setup = Stage(build=build, name="", position=0)
    add_job(setup, "create-driver", "")
    for i, source in enumerate(manifest.sources, start=1):
        add_job(setup, f"clone.{i}", source.clone_commands())
    for stage_position, stage_name in enumerate(manifest.stages, start=1):
        stage = Stage(
            build=build,
            name=stage_name,
            position=stage_position,
            can_fail=stage_name in manifest.allow_failures,
        )
        for manifest_job in jobs_by_stage.get(stage_name, ()):
            job = add_job(stage, manifest_job.name, "\n".join(manifest_job.commands))
            rows += [
                Artifact(build=build, job=job, user_id=owner_id, source=a.source, name=a.name)
                for a in manifest_job.artifacts
            ]
    rows += [
        BuildVariable(
            build=build,
            variable_id=variable_id,
            key=key,
            masked=masked,
            value=seal_variable(box, value) if masked else value,
        )
        for key, value, masked, variable_id in variables
    ]
    home = "$HOME" if manifest.driver_type == "os" else "/root"
    rows += [
        BuildKey(build=build, key_id=key_id, name=name, location=f"{home}/.ssh/{name}")
        for name, _material, _config, key_id in keys
    ]
    rows += [
        BuildObject(
            build=build,
            object_id=row.id,
            source=placement.source,
            name=placement.name,
            type=row.type,
            md5=row.md5,
            sha256=row.sha256,
            placed=False,
        )
        for placement, row in objects
    ]

    build.number = _next_number(session, owner_id)
    setup.name = setup_stage_name(build.number)
    session.add(build)
    session.add_all(rows)
    session.flush()
    events.build_event(session, runtime, events.BUILD_SUBMITTED, build.id, namespace_id=build.namespace_id)
    return build


BUILD_VARIABLE_CONTEXT = "build_variable.value"


def seal_variable(box: SecretBox, value: str) -> str:
    return base64.b64encode(box.encrypt(value, context=BUILD_VARIABLE_CONTEXT)).decode("ascii")


def open_variable(box: SecretBox, stored: str) -> str:
    return box.decrypt(base64.b64decode(stored), context=BUILD_VARIABLE_CONTEXT)


# ------------------------------------------------------------------ changes


def kill(session: Session, build: Build) -> None:
    """A queued build is killed at once and never runs; a running one is
    flagged for its worker, which ends it within seconds; a finished one is
    left as it is."""
    now = utcnow()
    # An UPDATE's result is a CursorResult, which has the row count.
    killed = cast(
        "CursorResult[Any]",
        session.execute(
            update(Build)
            .where(Build.id == build.id, Build.status == Status.QUEUED.value)
            .values(status=Status.KILLED.value, finished_at=now, kill_requested=True)
        ),
    ).rowcount
    if killed:
        for model in (Job, Stage):
            session.execute(
                update(model)
                .where(model.build_id == build.id, model.status == Status.QUEUED.value)
                .values(status=Status.KILLED.value, finished_at=now)
            )
    else:
        session.execute(
            update(Build)
            .where(Build.id == build.id, Build.status == Status.RUNNING.value)
            .values(kill_requested=True)
        )
    session.flush()
    session.refresh(build)


def set_pinned(session: Session, build: Build, pinned: bool) -> Build:
    build.pinned = pinned
    session.flush()
    return build


def add_tags(session: Session, build: Build, user_id: int, names: list[str]) -> list[BuildTag]:
    errors = Errors()
    wanted = _check_tags(names, errors)
    errors.raise_if_any()
    existing = {tag.name for tag in build.tags}
    created = []
    for name in wanted:
        if name not in existing:
            tag = BuildTag(build_id=build.id, build_created_at=build.created_at, user_id=user_id, name=name)
            build.tags.append(tag)
            created.append(tag)
    session.flush()
    return created


def tag(build: Build, name: str) -> BuildTag:
    for row in build.tags:
        if row.name == name:
            return row
    raise NotFound()


def remove_tag(session: Session, build: Build, name: str) -> None:
    build.tags.remove(tag(build, name))
    session.flush()


# ------------------------------------------------------------------ a build's parts


def objects_of(build: Build, search: str | None) -> Select[BuildObject]:
    statement = select(BuildObject).where(BuildObject.build_id == build.id).order_by(BuildObject.id)
    if search:
        statement = statement.where(BuildObject.name.icontains(search, autoescape=True))
    return statement


def variables_of(build: Build) -> Select[BuildVariable]:
    return (
        select(BuildVariable)
        .where(BuildVariable.build_id == build.id)
        .order_by(BuildVariable.key, BuildVariable.id)
    )


def keys_of(build: Build) -> Select[BuildKey]:
    return select(BuildKey).where(BuildKey.build_id == build.id).order_by(BuildKey.name, BuildKey.id)


def jobs_of(build: Build) -> Select[Job]:
    return select(Job).where(Job.build_id == build.id).order_by(Job.position).options(joinedload(Job.stage))


def job(session: Session, build: Build, name: str) -> Job:
    row = session.execute(select(Job).where(Job.build_id == build.id, Job.name == name)).scalar_one_or_none()
    if row is None:
        raise NotFound()
    return row


def artifacts_of(build: Build, search: str | None) -> Select[Artifact]:
    statement = (
        select(Artifact)
        .where(Artifact.build_id == build.id)
        .order_by(Artifact.id)
        .options(joinedload(Artifact.user), joinedload(Artifact.job).joinedload(Job.stage))
    )
    if search:
        statement = statement.where(Artifact.name.icontains(search, autoescape=True))
    return statement


def artifact(session: Session, build: Build, name: str) -> Artifact:
    row = (
        session.execute(select(Artifact).where(Artifact.build_id == build.id, Artifact.name == name))
        .scalars()
        .first()
    )
    if row is None:
        raise NotFound()
    return row


def tags_of(build: Build) -> Select[BuildTag]:
    return (
        select(BuildTag)
        .where(BuildTag.build_id == build.id)
        .order_by(BuildTag.id)
        .options(joinedload(BuildTag.user))
    )


ARTIFACT_KIND = "artifacts"


def artifact_type(store: Store, artifact: Artifact) -> str:
    """The MIME type detected from a collected artifact's content; 404 when it
    was never collected or the curator removed it."""
    if artifact.sha256 is None or artifact.deleted_at is not None:
        raise NotFound()
    try:
        with store.open(ARTIFACT_KIND, artifact.id) as stream:
            head = stream.read(8192)
    except FileNotFoundError:
        raise NotFound() from None
    by_name = mimetypes.guess_type(artifact.name)[0]
    sniffed = uploads.sniff(head)
    # Text formats have no magic number: the name tells HTML from plain text.
    if sniffed in ("text/plain", "application/octet-stream") and by_name:
        return by_name
    return sniffed


FOLLOW_POLL = 0.2


def follow_output(database: Database, job_id: int) -> Iterator[str]:
    """A job's output as it grows, as text chunks, until the job (or, for a
    job that never ran, its build) has finished."""
    sent = 0
    finished = set(Status) - {Status.QUEUED, Status.RUNNING}
    while True:
        with database.session() as session:
            row = session.execute(
                select(Job.output, Job.status, Build.status)
                .join(Build, Build.id == Job.build_id)
                .where(Job.id == job_id)
            ).one_or_none()
        if row is None:
            return
        output, job_status, build_status = row
        output = output or ""
        if len(output) > sent:
            yield output[sent:]
            sent = len(output)
        if job_status in finished or build_status in finished:
            return
        time.sleep(FOLLOW_POLL)
