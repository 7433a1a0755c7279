"""GET /user — the authenticated user."""

from djinn.api import web
from generated import models
from handlers import Entity


def get_user() -> Entity:
    who = web.require_caller()
    user = models.User(id=who.user_id, email=who.email, username=who.username, created_at=who.created_at)
    return user.model_dump(mode="json"), 200
