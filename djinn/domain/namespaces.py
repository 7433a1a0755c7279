"""Namespaces: paths, visibility, collaboration, and who may do what.

This module is the security model of the server. Every question "may this
caller see / work in / administer this namespace?" is answered here, and the
rest of the code asks through `load_visible`, `load_for_work`,
`load_for_owner` and `resolve_for_work`:

- see: `public` to anyone (also without a token), `internal` to any signed-in
  caller, `private` to the owner and the collaborators of its root. A caller
  who may not see a namespace gets 404, exactly as for one that does not exist.
- work (create resources, submit builds, manage webhooks): the owner and the
  collaborators of the root. A caller who may see but not work gets 422.
- administer (update, delete, list, invite and remove collaborators): the
  owner only; anyone else gets 404, as the original treats ownership like a
  missing scope.

Visibility belongs to the root: a child always has its root's (given when
it is created, whatever was asked), and changing a root's changes every
namespace below it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import ColumnElement, Row, Select, exists, func, or_, select
from sqlalchemy import update as sa_update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, joinedload, selectinload

from djinn.domain.auth.tokens import Caller
from djinn.infra.db.models import Build, Collaborator, Namespace, User, Visibility
from djinn.infra.errors import Errors, NamespacePermission, NotFound, ValidationFailed

NAME = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
MAX_DEPTH = 20
RANK = {Visibility.PRIVATE.value: 0, Visibility.INTERNAL.value: 1, Visibility.PUBLIC.value: 2}


# ------------------------------------------------------------------ names


def name_problem(name: str) -> str | None:
    """Why `name` cannot name a namespace, or None."""
    if not NAME.match(name or ""):
        return "Name must be 1-32 letters, digits, '-' or '_'"
    if name == "-":
        return "Name cannot be '-': it separates a namespace path from its lists"
    return None


def split_path(path: str, field: str) -> list[str]:
    """The names of a `a/b/c` path, or a 400 on `field`."""
    names = (path or "").strip("/").split("/")
    errors = Errors()
    if not path or not path.strip("/"):
        errors.add(field, "Namespace path is empty")
    elif len(names) > MAX_DEPTH:
        errors.add(field, f"Namespaces nest at most {MAX_DEPTH} deep")
    else:
        for name in names:
            problem = name_problem(name)
            if problem:
                errors.add(field, f"{problem} (in {path!r})")
                break
    errors.raise_if_any()
    return names


def parse_reference(reference: str, field: str = "namespace") -> tuple[str, str | None]:
    """`path` or `path@owner` -> (path, owner username or None)."""
    path, _, owner = (reference or "").strip().partition("@")
    split_path(path, field)
    if _ and not owner:
        raise ValidationFailed({field: ["Namespace owner after '@' is empty"]})
    return path.strip("/"), owner or None


# ------------------------------------------------------------------ access


def is_collaborator(session: Session, namespace: Namespace, user_id: int) -> bool:
    return session.execute(
        select(
            exists().where(Collaborator.namespace_id == namespace.root_id, Collaborator.user_id == user_id)
        )
    ).scalar_one()


def can_work(session: Session, namespace: Namespace, caller: Caller | None) -> bool:
    return caller is not None and works_in(session, namespace, caller.user_id)


def works_in(session: Session, namespace: Namespace, user_id: int) -> bool:
    """Whether `user_id` owns the namespace or collaborates in its root."""
    return namespace.user_id == user_id or is_collaborator(session, namespace, user_id)


def can_see(session: Session, namespace: Namespace, caller: Caller | None) -> bool:
    if namespace.visibility == Visibility.PUBLIC.value:
        return True
    if caller is None:
        return False
    if namespace.visibility == Visibility.INTERNAL.value:
        return True
    return can_work(session, namespace, caller)


def visible_clause(caller: Caller | None) -> ColumnElement[bool]:
    """A WHERE clause selecting the namespaces `caller` may see (for lists)."""
    if caller is None:
        return Namespace.visibility == Visibility.PUBLIC.value
    collaborates = exists().where(
        Collaborator.namespace_id == Namespace.root_id, Collaborator.user_id == caller.user_id
    )
    return or_(
        Namespace.visibility.in_([Visibility.PUBLIC.value, Visibility.INTERNAL.value]),
        Namespace.user_id == caller.user_id,
        collaborates,
    )


def workable_clause(user_id: int) -> ColumnElement[bool]:
    """A WHERE clause selecting the namespaces `user_id` owns or collaborates in."""
    collaborates = exists().where(
        Collaborator.namespace_id == Namespace.root_id, Collaborator.user_id == user_id
    )
    return or_(Namespace.user_id == user_id, collaborates)


def root_of(namespace: Namespace) -> Namespace:
    """The namespace's root (itself for a root), which every stored namespace has."""
    root = namespace.root
    if root is None:
        raise RuntimeError(f"namespace {namespace.id} has no root")
    return root


def find(session: Session, username: str, path: str) -> Namespace | None:
    return session.execute(
        select(Namespace)
        .join(User, User.id == Namespace.user_id)
        .where(User.username == username, Namespace.path == path.strip("/"))
    ).scalar_one_or_none()


def load_visible(session: Session, username: str, path: str, caller: Caller | None) -> Namespace:
    """The namespace if `caller` may see it; otherwise 404, as if it did not exist."""
    namespace = find(session, username, path)
    if namespace is None or not can_see(session, namespace, caller):
        raise NotFound()
    return namespace


def load_for_work(session: Session, username: str, path: str, caller: Caller | None) -> Namespace:
    """Hidden -> 404; visible but not the caller's to work in -> 422."""
    namespace = load_visible(session, username, path, caller)
    if not can_work(session, namespace, caller):
        raise NamespacePermission(f"You cannot work in namespace {namespace.path}@{username}")
    return namespace


def load_for_owner(session: Session, username: str, path: str, caller: Caller | None) -> Namespace:
    """The namespace if `caller` owns it; anyone else gets 404, also those
    who may see it or work in it."""
    namespace = find(session, username, path)
    if namespace is None or caller is None or namespace.user_id != caller.user_id:
        raise NotFound()
    return namespace


def load_for_members(session: Session, username: str, path: str, caller: Caller | None) -> Namespace:
    """For reads only members may make (invites, webhooks): anyone else gets 404."""
    namespace = find(session, username, path)
    if namespace is None or not can_work(session, namespace, caller):
        raise NotFound()
    return namespace


# ------------------------------------------------------------------ changes


def _normalise_visibility(value: str | None, default: str) -> str:
    return value if value in RANK else default


def _insert(
    session: Session, owner_id: int, name: str, parent: Namespace | None, description: str, visibility: str
) -> Namespace:
    root = parent.root if parent is not None else None
    namespace = Namespace(
        user_id=owner_id,
        name=name,
        path=f"{parent.path}/{name}" if parent else name,
        parent_id=parent.id if parent else None,
        description=description,
        visibility=root.visibility if root is not None else visibility,  # a child has its root's
        level=(parent.level + 1) if parent else 1,
    )
    session.add(namespace)
    session.flush()
    namespace.root_id = root.id if root is not None else namespace.id
    session.flush()
    return namespace


def create(
    session: Session,
    owner: Caller,
    *,
    name: str,
    parent: str | None,
    description: str | None,
    visibility: str | None,
) -> Namespace:
    errors = Errors()
    problem = name_problem(name)
    if problem:
        errors.add("name", problem)
    parent_ns = None
    if parent:
        parent_path = parent.strip("/")
        parent_ns = session.execute(
            select(Namespace).where(Namespace.user_id == owner.user_id, Namespace.path == parent_path)
        ).scalar_one_or_none()
        if parent_ns is None:
            errors.add("parent", f"You have no namespace {parent_path!r}")
        elif parent_ns.level >= MAX_DEPTH:
            errors.add("parent", f"Namespaces nest at most {MAX_DEPTH} deep")
    if not errors:
        path = f"{parent_ns.path}/{name}" if parent_ns else name
        taken = session.execute(
            select(exists().where(Namespace.user_id == owner.user_id, Namespace.path == path))
        ).scalar_one()
        if taken:
            errors.add("name", f"You already have a namespace {path!r}")
    errors.raise_if_any()
    return _insert(
        session,
        owner.user_id,
        name,
        parent_ns,
        description or "",
        _normalise_visibility(visibility, Visibility.PRIVATE.value),
    )


def update(
    session: Session, namespace: Namespace, *, description: str | None, visibility: str | None
) -> Namespace:
    """Empty values keep what is stored. A visibility is a root's to change:
    it is set on the root and every namespace below it, up or down; one given
    for a child is ignored."""
    if description:
        namespace.description = description
    if visibility in RANK and namespace.root_id == namespace.id:
        session.execute(
            sa_update(Namespace)
            .where(Namespace.root_id == namespace.id)
            .values(visibility=visibility)
            .execution_options(synchronize_session="fetch")
        )
    session.flush()
    return namespace


def delete(session: Session, namespace: Namespace) -> None:
    """Deletes the namespace and its children. The database deletes the
    collaborators, invites, webhooks and resources in them, and detaches
    their builds (namespace_id becomes NULL), which keep their history
    (djinn.domain.resources.delete_namespace also removes stored files)."""
    session.delete(namespace)
    session.flush()


def resolve_for_work(session: Session, caller: Caller, reference: str, field: str = "namespace") -> Namespace:
    """The namespace a manifest or a resource names (`path` or `path@owner`),
    for `caller` to put work in.

    The caller's own namespaces that do not exist yet are created on the fly,
    private, with any missing parents. Someone else's namespace must exist and
    the caller must collaborate in it; otherwise 422, with the same message
    whether or not it exists.
    """
    path, owner_name = parse_reference(reference, field)
    if owner_name is None or owner_name == caller.username:
        namespace = session.execute(
            select(Namespace).where(Namespace.user_id == caller.user_id, Namespace.path == path)
        ).scalar_one_or_none()
        return namespace or _create_path(session, caller.user_id, path)
    namespace = find(session, owner_name, path)
    if namespace is None or not is_collaborator(session, namespace, caller.user_id):
        raise NamespacePermission(f"You cannot work in namespace {path}@{owner_name}")
    return namespace


def _create_path(session: Session, owner_id: int, path: str) -> Namespace:
    parent = None
    names = path.split("/")
    for depth in range(1, len(names) + 1):
        prefix = "/".join(names[:depth])
        existing = _own(session, owner_id, prefix)
        if existing is None:
            _insert_if_missing(session, owner_id, names[depth - 1], parent)
            existing = _own(session, owner_id, prefix)
        parent = existing
    assert parent is not None  # the path has at least one name, inserted if it was missing
    return parent


def _own(session: Session, owner_id: int, path: str) -> Namespace | None:
    return session.execute(
        select(Namespace).where(Namespace.user_id == owner_id, Namespace.path == path)
    ).scalar_one_or_none()


def _insert_if_missing(session: Session, owner_id: int, name: str, parent: Namespace | None) -> None:
    """Insert the namespace (private when a root, with its root's visibility
    otherwise, like `_insert`) unless it exists. Requests naming the same
    new namespace at once all succeed: the database keeps the first insert and
    skips the others (PostgreSQL makes them wait for the first to commit; on
    SQLite writers take turns), where a plain INSERT would fail them with a
    unique violation."""
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgresql_insert
    inserted = session.execute(
        insert(Namespace)
        .values(
            user_id=owner_id,
            name=name,
            path=f"{parent.path}/{name}" if parent else name,
            parent_id=parent.id if parent else None,
            root_id=parent.root_id if parent else None,
            description="",
            visibility=root_of(parent).visibility if parent else Visibility.PRIVATE.value,
            level=(parent.level + 1) if parent else 1,
        )
        .on_conflict_do_nothing(index_elements=[Namespace.user_id, Namespace.path])
        .returning(Namespace.id)
    ).scalar_one_or_none()
    if inserted is not None and parent is None:
        session.execute(sa_update(Namespace).where(Namespace.id == inserted).values(root_id=inserted))


# ------------------------------------------------------------------ queries


def eager(statement: Select[Namespace]) -> Select[Namespace]:
    """A list of namespaces with what their entities show loaded with the
    page: the owner, the parent and its owner (the latest builds are loaded
    for the whole page by `preload_latest_builds`)."""
    return statement.options(
        joinedload(Namespace.user), joinedload(Namespace.parent).joinedload(Namespace.user)
    )


def owned_or_collaborated(session: Session, caller: Caller, search: str | None) -> Select[Namespace]:
    statement = eager(
        select(Namespace).where(workable_clause(caller.user_id)).order_by(Namespace.path, Namespace.id)
    )
    if search:
        statement = statement.where(Namespace.name.icontains(search, autoescape=True))
    return statement


def children(namespace: Namespace, caller: Caller | None, search: str | None) -> Select[Namespace]:
    statement = eager(
        select(Namespace)
        .where(Namespace.parent_id == namespace.id, visible_clause(caller))
        .order_by(Namespace.path, Namespace.id)
    )
    if search:
        statement = statement.where(Namespace.name.icontains(search, autoescape=True))
    return statement


# Where `preload_latest_builds` leaves a namespace's latest build (or None)
# on the row, for `latest_build` to answer without a query.
_LATEST = "_djinn_latest_build"


def latest_build(session: Session, namespace: Namespace) -> Build | None:
    preloaded = namespace.__dict__.get(_LATEST, _LATEST)
    if preloaded is not _LATEST:
        return preloaded  # type: ignore[no-any-return]
    return session.execute(
        select(Build)
        .where(Build.namespace_id == namespace.id)
        .order_by(Build.created_at.desc(), Build.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def preload_latest_builds(session: Session, rows: Sequence[Namespace]) -> None:
    """The latest build of every namespace of `rows` in one query (and their
    authors and tags), left on the rows for `latest_build`: a page of
    namespaces costs the same statements whatever its size."""
    ids = {row.id for row in rows}
    if not ids:
        return
    rank = (
        func.row_number()
        .over(partition_by=Build.namespace_id, order_by=(Build.created_at.desc(), Build.id.desc()))
        .label("rank")
    )
    ranked = select(Build.id, rank).where(Build.namespace_id.in_(ids)).subquery()
    latest = session.execute(
        select(Build)
        .join(ranked, ranked.c.id == Build.id)
        .where(ranked.c.rank == 1)
        .options(joinedload(Build.user), selectinload(Build.tags))
    ).scalars()
    by_namespace = {build.namespace_id: build for build in latest}
    for row in rows:
        row.__dict__[_LATEST] = by_namespace.get(row.id)


def collaborators(session: Session, namespace: Namespace) -> Sequence[Row[Collaborator, User]]:
    """(collaboration, user) rows, which unpack like tuples."""
    return session.execute(
        select(Collaborator, User)
        .join(User, User.id == Collaborator.user_id)
        .where(Collaborator.namespace_id == namespace.root_id)
        .order_by(func.lower(User.username))
    ).all()


def remove_collaborator(session: Session, namespace: Namespace, username: str) -> None:
    row = session.execute(
        select(Collaborator)
        .join(User, User.id == Collaborator.user_id)
        .where(Collaborator.namespace_id == namespace.root_id, User.username == username)
    ).scalar_one_or_none()
    if row is None:
        raise NotFound()
    session.delete(row)
    session.flush()
