"""Builds: queries shared by every list of builds (the user's, a namespace's,
a cron's, an object's). Submission and execution come with the builds work."""

from __future__ import annotations

from sqlalchemy import exists, or_, select

from djinn.auth.tokens import Caller
from djinn.db.models import Build, BuildTag, Namespace
from djinn.namespaces import workable_clause


def filtered(statement, *, tag: str | None = None, search: str | None = None, status: str | None = None):
    """Apply the build-list filters of the API: exact tag, tag search, status."""
    if tag:
        statement = statement.where(exists().where(BuildTag.build_id == Build.id, BuildTag.name == tag))
    if search:
        statement = statement.where(
            exists().where(BuildTag.build_id == Build.id, BuildTag.name.icontains(search, autoescape=True))
        )
    if status:
        statement = statement.where(Build.status == status)
    return statement.order_by(Build.created_at.desc(), Build.id.desc())


def in_namespace(namespace: Namespace, **filters):
    return filtered(select(Build).where(Build.namespace_id == namespace.id), **filters)


def of_member(caller: Caller, **filters):
    """The caller's own builds and the builds in namespaces they own or
    collaborate in (not every public build of the server)."""
    member = exists().where(Namespace.id == Build.namespace_id, workable_clause(caller.user_id))
    return filtered(select(Build).where(or_(Build.user_id == caller.user_id, member)), **filters)
