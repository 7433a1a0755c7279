"""/user/apps and /user/authorizations: the caller's OAuth apps, and the
tokens the caller granted to apps."""

from djinn.api import web
from djinn.domain import apps, entities
from djinn.infra.errors import NotFound
from handlers import Entity, EntityPage, JsonObject, NoContent


def _owner() -> int:
    """The caller's user id; a token issued to an OAuth app may not manage apps or grants."""
    who = web.require_caller()
    if who.app_id is not None:
        raise NotFound()
    return who.user_id


def list_apps(page: int | None = None, cursor: str | None = None) -> EntityPage:
    result = web.paginate(apps.apps_of(_owner()), page, cursor)
    return [entities.dump(entities.oauth_app(app)) for app in result.items], 200, result.link_header()


def create_app(body: JsonObject) -> Entity:
    user_id = _owner()
    app, secret = apps.register_app(
        web.db(),
        user_id,
        name=body["name"],  # required by OAuthAppCreate
        redirect_uri=body["redirect_uri"],
        homepage_uri=body.get("homepage_uri"),
        description=body.get("description"),
    )
    web.db().commit()
    return entities.dump(entities.oauth_app_with_secret(app, secret)), 201


def get_app(client_id: str) -> Entity:
    return entities.dump(entities.oauth_app(apps.get_app(web.db(), _owner(), client_id))), 200


def delete_app(client_id: str) -> NoContent:
    apps.delete_app(web.db(), _owner(), client_id)
    web.db().commit()
    return None, 204


def list_authorizations(page: int | None = None, cursor: str | None = None) -> EntityPage:
    result = web.paginate(apps.authorizations_of(_owner()), page, cursor)
    items = [entities.dump(entities.authorization(token)) for token in result.items]
    return items, 200, result.link_header()


def revoke_authorization(id: int) -> NoContent:
    apps.revoke_authorization(web.db(), _owner(), id)
    web.db().commit()
    return None, 204
