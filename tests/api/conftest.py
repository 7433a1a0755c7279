"""A check after every API test: every row the test left in the database can
be served. Each row goes through the API's own serializer (the generated
models of the document), so a value the server stored but cannot send back
(a URL its model refuses, a field out of the schema) fails the test that
stored it, not a user's later request."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from djinn.api.app import runtime_of
from djinn.domain import entities
from djinn.domain.webhooks import last_delivery
from djinn.infra.db import models as db
from generated import models


def _authorization(token: db.Token):
    if token.app_id is None:
        return None  # personal tokens are not served by the API
    return models.OAuthAuthorization(
        id=token.id,
        app_name=token.app.name,
        client_id=token.app.client_id,
        scope=token.scope,
        created_at=token.created_at,
        url=f"http://djinn.test/user/authorizations/{token.id}",
    )


SERVED = {
    db.User: entities.user,
    db.Namespace: entities.namespace,
    db.Collaborator: lambda row: entities.collaborator(row, row.user, show_email=True),
    db.Invite: entities.invite,
    db.Build: entities.build,
    db.BuildTag: entities.tag,
    db.Job: entities.job,
    db.Artifact: entities.artifact,
    db.BuildObject: entities.build_object,
    db.BuildVariable: entities.build_variable,
    db.BuildKey: entities.build_key,
    db.Object: entities.object_,
    db.Image: lambda row: entities.image(row, row.download),
    db.Variable: entities.variable,
    db.Key: entities.key,
    db.Cron: entities.cron,
    db.OAuthApp: entities.oauth_app,
    db.Token: _authorization,
}
SERVED_WITHIN = {
    db.ImageDownload: "its image's `download`",
    db.Stage: "its jobs' `stage`",
    db.WebhookDelivery: "its webhook's `last_response`",
    db.CronBuild: "the cron's builds, which are builds",
}
NEVER_SERVED = {db.OAuthCode, db.LoginFailure}


def unservable_rows(app) -> list[str]:
    """Every row of the app's database its serializer refuses, as `Model id: error`."""
    failures = []
    runtime = runtime_of(app)
    session = runtime.db.session()
    with entities.rendering(runtime.config.base_url, session):
        try:
            served = [
                *SERVED.items(),
                (db.Webhook, lambda row: entities.webhook(row, last_delivery(session, row))),
            ]
            for model, serialize in served:
                for row in session.execute(select(model)).scalars():
                    try:
                        entity = serialize(row)
                        if entity is not None and not isinstance(entity, dict):
                            entities.dump(entity)
                    except Exception as e:  # noqa: BLE001 - every row is reported
                        failures.append(f"{model.__name__} {getattr(row, 'id', '')}: {type(e).__name__}: {e}")
        finally:
            session.rollback()
            session.close()
    return failures


@pytest.fixture(autouse=True)
def every_row_can_be_served(request):
    # Asked for here, so that the app is torn down after this check.
    app = request.getfixturevalue("app") if "app" in request.fixturenames else None
    yield
    if app is None:
        return
    failures = unservable_rows(app)
    if failures:
        pytest.fail("rows the API cannot serve:\n" + "\n".join(failures[:20]), pytrace=False)
