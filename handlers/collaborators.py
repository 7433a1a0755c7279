"""Collaborators of a namespace (kept on its root)."""

from djinn import namespaces, web
from handlers import entities


def list_collaborators(username, path):
    session, caller = web.db(), web.caller()
    namespace = namespaces.load_visible(session, username, path, caller)
    # Emails are shown to the namespace's members only, not to every reader
    # of a public or internal namespace.
    member = namespaces.can_work(session, namespace, caller)
    rows = namespaces.collaborators(session, namespace)
    return entities.dump_all(entities.collaborator(c, u, show_email=member) for c, u in rows), 200


def remove_collaborator(username, path, collaborator):
    session = web.db()
    namespace = namespaces.load_for_owner(session, username, path, web.caller())
    namespaces.remove_collaborator(session, namespace, collaborator)
    session.commit()
    return None, 204
