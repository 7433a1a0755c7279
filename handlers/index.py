"""GET / — the URLs of the API's resources."""

from djinn.api import web
from generated import models
from handlers import Entity


def get_index() -> Entity:
    index = models.Index(
        builds_url=web.url("/builds"),
        namespaces_url=web.url("/namespaces"),
        cron_url=web.url("/cron"),
        images_url=web.url("/images"),
        invites_url=web.url("/invites"),
        keys_url=web.url("/keys"),
        objects_url=web.url("/objects"),
        variables_url=web.url("/variables"),
        user_url=web.url("/user"),
    )
    return index.model_dump(mode="json"), 200
