"""Invites: sent by a namespace's owner, accepted or rejected by the invitee."""

from djinn.api import web
from djinn.domain import entities, events, invites, namespaces
from handlers import Entities, Entity, JsonObject, NoContent


def list_namespace_invites(username: str, path: str) -> Entities:
    namespace = namespaces.load_for_members(web.db(), username, path, web.caller())
    return entities.dump_all(entities.invite(i) for i in invites.for_namespace(web.db(), namespace)), 200


def create_invite(username: str, path: str, body: JsonObject) -> Entity:
    session, caller = web.db(), web.require_caller()
    namespace = namespaces.load_for_owner(session, username, path, caller)
    invite = invites.send(session, namespace, caller, body["handle"])
    events.invite_event(session, web.state(), events.INVITE_SENT, invite)
    session.commit()
    return entities.dump(entities.invite(invite)), 201


def list_invites() -> Entities:
    return entities.dump_all(
        entities.invite(i) for i in invites.received(web.db(), web.require_caller())
    ), 200


def accept_invite(id: int) -> Entity:
    session = web.db()
    invite = invites.accept(session, id, web.require_caller())
    accepted = entities.dump(entities.accepted_invite(invite))
    events.invite_event(session, web.state(), events.INVITE_ACCEPTED, invite)
    session.commit()
    return accepted, 200


def delete_invite(id: int) -> NoContent:
    session, caller = web.db(), web.require_caller()
    invite = invites.reject_or_revoke(session, id, caller)
    if invite.invitee_id == caller.user_id:  # an owner revoking it is no rejection
        events.invite_event(session, web.state(), events.INVITE_REJECTED, invite)
    session.commit()
    return None, 204
