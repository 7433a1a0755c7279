"""Collaborators of a namespace (kept on its root)."""

from djinn.api import web
from djinn.domain import entities, namespaces
from handlers import Entities, NoContent


def list_collaborators(username: str, path: str) -> Entities:
    session = web.db()
    namespace = namespaces.load_for_owner(session, username, path, web.caller())
    rows = namespaces.collaborators(session, namespace)
    return entities.dump_all(entities.collaborator(c, u, show_email=True) for c, u in rows), 200


def remove_collaborator(username: str, path: str, collaborator: str) -> NoContent:
    session = web.db()
    namespace = namespaces.load_for_owner(session, username, path, web.caller())
    namespaces.remove_collaborator(session, namespace, collaborator)
    session.commit()
    return None, 204
