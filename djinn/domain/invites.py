"""Invites: how users come to collaborate in a namespace.

Only the owner invites (by username or email); the invitee accepts, becoming
a collaborator of the root namespace and so of all its children, or rejects;
the owner may revoke. Invites always belong to the root namespace.
"""

from __future__ import annotations

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session, joinedload

from djinn.domain.auth.tokens import Caller
from djinn.domain.namespaces import root_of
from djinn.infra.db.models import Collaborator, Invite, Namespace, User
from djinn.infra.errors import NotFound, ValidationFailed


def send(session: Session, namespace: Namespace, inviter: Caller, handle: str) -> Invite:
    root = root_of(namespace)
    handle = (handle or "").strip()
    if not handle:
        raise ValidationFailed(handle=["Handle is required: a username or an email"])
    invitee = session.execute(
        select(User).where(or_(User.username == handle, func.lower(User.email) == handle.lower()))
    ).scalar_one_or_none()
    if invitee is None:
        raise ValidationFailed(handle=["No user has this username or email"])
    if invitee.id == root.user_id:
        raise ValidationFailed(handle=["You cannot invite yourself"])
    collaborates = session.execute(
        select(exists().where(Collaborator.namespace_id == root.id, Collaborator.user_id == invitee.id))
    ).scalar_one()
    if collaborates:
        raise ValidationFailed(handle=[f"{invitee.username} already collaborates in {root.path}"])
    invited = session.execute(
        select(exists().where(Invite.namespace_id == root.id, Invite.invitee_id == invitee.id))
    ).scalar_one()
    if invited:
        raise ValidationFailed(handle=[f"{invitee.username} is already invited to {root.path}"])
    invite = Invite(namespace_id=root.id, invitee_id=invitee.id, inviter_id=inviter.user_id)
    session.add(invite)
    session.flush()
    return invite


def _eager(statement: Select[Invite]) -> Select[Invite]:
    """Invites with their parties (the namespace with its owner) loaded with the list."""
    return statement.options(
        joinedload(Invite.invitee),
        joinedload(Invite.inviter),
        joinedload(Invite.namespace).joinedload(Namespace.user),
    )


def for_namespace(session: Session, namespace: Namespace) -> list[Invite]:
    return list(
        session.execute(
            _eager(select(Invite).where(Invite.namespace_id == namespace.root_id).order_by(Invite.id))
        ).scalars()
    )


def received(session: Session, caller: Caller) -> list[Invite]:
    return list(
        session.execute(
            _eager(select(Invite).where(Invite.invitee_id == caller.user_id).order_by(Invite.id))
        ).scalars()
    )


def accept(session: Session, invite_id: int, caller: Caller) -> Invite:
    """The invitee accepts: they become a collaborator and the invite is spent."""
    invite = session.get(Invite, invite_id)
    if invite is None or invite.invitee_id != caller.user_id:
        raise NotFound()
    session.add(Collaborator(namespace_id=invite.namespace_id, user_id=invite.invitee_id))
    session.delete(invite)
    session.flush()
    return invite


def reject_or_revoke(session: Session, invite_id: int, caller: Caller) -> Invite:
    """The invitee rejects, or the namespace's owner revokes."""
    invite = session.get(Invite, invite_id)
    if invite is None or caller.user_id not in (invite.invitee_id, invite.namespace.user_id):
        raise NotFound()
    session.delete(invite)
    session.flush()
    return invite
