"""Queries shared by the namespaced resources (images, objects, variables, keys)."""

from __future__ import annotations

from sqlalchemy import select

from djinn.db.models import Image, Key, Namespace, Object, Variable

# The field each resource's `search` filter matches, and its list order.
SEARCH_FIELD = {Image: Image.name, Object: Object.name, Variable: Variable.key, Key: Key.name}


def in_namespace(model, namespace: Namespace, search: str | None):
    field = SEARCH_FIELD[model]
    statement = select(model).where(model.namespace_id == namespace.id).order_by(field, model.id)
    if search:
        statement = statement.where(field.icontains(search, autoescape=True))
    return statement
