"""/user/apps and /user/authorizations: the caller's OAuth apps, and the
tokens the caller granted to apps."""

from djinn.api import web
from djinn.domain import apps
from djinn.infra.errors import NotFound
from generated import models


def _owner() -> int:
    """The caller's user id; a token issued to an OAuth app may not manage apps or grants."""
    who = web.require_caller()
    if who.app_id is not None:
        raise NotFound()
    return who.user_id


def _app(app, model=models.OAuthApp, **extra) -> dict:
    return model(
        id=app.id,
        client_id=app.client_id,
        name=app.name,
        description=app.description,
        homepage_uri=app.homepage_uri,
        redirect_uri=app.redirect_uri,
        created_at=app.created_at,
        url=web.url(f"/user/apps/{app.client_id}"),
        **extra,
    ).model_dump(mode="json")


def list_apps(page=None):
    result = web.paginate(apps.apps_of(_owner()), page)
    return [_app(app) for app in result.items], 200, result.link_header()


def create_app(body: dict):
    user_id = _owner()
    app, secret = apps.register_app(
        web.db(),
        user_id,
        name=body.get("name"),
        redirect_uri=body.get("redirect_uri"),
        homepage_uri=body.get("homepage_uri"),
        description=body.get("description"),
    )
    web.db().commit()
    return _app(app, models.OAuthAppWithSecret, client_secret=secret), 201


def get_app(client_id: str):
    return _app(apps.get_app(web.db(), _owner(), client_id)), 200


def delete_app(client_id: str):
    apps.delete_app(web.db(), _owner(), client_id)
    web.db().commit()
    return None, 204


def list_authorizations(page=None):
    result = web.paginate(apps.authorizations_of(_owner()), page)
    items = [
        models.OAuthAuthorization(
            id=token.id,
            app_name=token.app.name,
            client_id=token.app.client_id,
            scope=token.scope,
            created_at=token.created_at,
            url=web.url(f"/user/authorizations/{token.id}"),
        ).model_dump(mode="json")
        for token in result.items
    ]
    return items, 200, result.link_header()


def revoke_authorization(id: int):
    apps.revoke_authorization(web.db(), _owner(), id)
    web.db().commit()
    return None, 204
