"""Queries shared by the namespaced resources (images, objects, variables, keys)."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import ColumnElement, Select, event, exists, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session, joinedload

from djinn.domain import namespaces
from djinn.domain.namespaces import workable_clause
from djinn.infra.db.models import Cron, Image, Key, Namespace, Object, Variable
from djinn.infra.errors import NotFound
from djinn.infra.storage import Store

# The namespaced resources, and one of them.
Resource = Cron | Image | Key | Object | Variable
R = TypeVar("R", Cron, Image, Key, Object, Variable)

# The field each resource's `search` filter matches, and its list order.
SEARCH_FIELD: dict[type[Resource], InstrumentedAttribute[str]] = {
    Image: Image.name,
    Object: Object.name,
    Variable: Variable.key,
    Key: Key.name,
    Cron: Cron.name,
}


def _listed(model: type[R], where: ColumnElement[bool], search: str | None) -> Select[R]:
    """Rows of `model` matching `where`, ordered by its search field, which
    `search` matches as a case-insensitive substring (LIKE wildcards literal)."""
    field = SEARCH_FIELD[model]
    statement = (
        select(model)
        .where(where)
        .order_by(field, model.id)
        # What the entities show, loaded with the page rather than row by row.
        .options(
            joinedload(model.author),
            joinedload(model.user),
            joinedload(model.namespace).joinedload(Namespace.user),
        )
    )
    if search:
        statement = statement.where(field.icontains(search, autoescape=True))
    return statement


def in_namespace(model: type[R], namespace: Namespace, search: str | None) -> Select[R]:
    return _listed(model, model.namespace_id == namespace.id, search)


def accessible(model: type[R], user_id: int, search: str | None) -> Select[R]:
    """The list of a resource's top-level endpoint (/variables, /keys ...)."""
    return _listed(model, accessible_clause(model, user_id), search)


def load_accessible(session: Session, model: type[R], user_id: int, row_id: int) -> R:
    """The row if `user_id` owns it or works in its namespace; otherwise 404."""
    row = session.execute(
        select(model).where(model.id == row_id, accessible_clause(model, user_id))
    ).scalar_one_or_none()
    if row is None:
        raise NotFound()
    return row


def accessible_clause(model: type[Resource], user_id: int) -> ColumnElement[bool]:
    """A WHERE clause: the rows of `model` that `user_id` owns, and those in
    namespaces they own or collaborate in (who may read and delete them)."""
    in_workable_namespace = exists().where(Namespace.id == model.namespace_id, workable_clause(user_id))
    return or_(model.user_id == user_id, in_workable_namespace)


def name_taken(
    session: Session,
    model: type[Resource],
    user_id: int,
    namespace_id: int | None,
    name: str,
    *,
    besides: int | None = None,
) -> bool:
    """Whether the owner already has a `model` with this name (`key` for a
    variable) in that namespace, or in none; `besides` is a row to ignore."""
    same_namespace = (
        model.namespace_id.is_(None) if namespace_id is None else model.namespace_id == namespace_id
    )
    clause = exists().where(model.user_id == user_id, same_namespace, SEARCH_FIELD[model] == name)
    if besides is not None:
        clause = clause.where(model.id != besides)
    return session.execute(select(clause)).scalar_one()


def for_build(session: Session, model: type[R], user_id: int, namespace: Namespace | None) -> list[R]:
    """The rows of `model` a build of `user_id` in `namespace` gets, ordered by
    name: the user's own outside any namespace, and the namespace's, which
    win when both have the same name."""
    field = SEARCH_FIELD[model]
    where: ColumnElement[bool] = (model.user_id == user_id) & model.namespace_id.is_(None)
    if namespace is not None:
        where = or_(where, model.namespace_id == namespace.id)
    chosen: dict[str, R] = {}
    for row in session.execute(select(model).where(where).order_by(model.id)).scalars():
        name = getattr(row, field.key)
        if name not in chosen or row.namespace_id is not None:
            chosen[name] = row
    return [chosen[name] for name in sorted(chosen)]


# The resources whose rows have a file in the store, and the store's kind for them.
STORED_KINDS: dict[type[Object | Image], str] = {Object: "objects", Image: "images"}


def delete_namespace(session: Session, namespace: Namespace, store: Store) -> None:
    """Delete the namespace and its children (djinn.domain.namespaces.delete);
    the files of their objects and images leave the `store` on commit."""
    for model, kind in STORED_KINDS.items():
        delete_files_after_commit(session, store, kind, subtree_ids(session, model, namespace))
    namespaces.delete(session, namespace)


def subtree_ids(session: Session, model: type[Resource], namespace: Namespace) -> list[int]:
    """The ids of the `model` rows in `namespace` and in its children."""
    in_subtree = select(Namespace.id).where(
        Namespace.user_id == namespace.user_id,
        or_(
            Namespace.path == namespace.path, Namespace.path.startswith(namespace.path + "/", autoescape=True)
        ),
    )
    return list(session.execute(select(model.id).where(model.namespace_id.in_(in_subtree))).scalars())


def delete_files_after_commit(session: Session, store: Store, kind: str, ids: list[int]) -> None:
    """Remove the stored files of deleted rows once their deletion is committed
    (a rolled-back deletion keeps its files)."""
    if not ids:
        return

    def remove(_session: Session) -> None:
        for id_ in ids:
            store.delete(kind, id_)

    event.listen(session, "after_commit", remove, once=True)
