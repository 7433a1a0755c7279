"""A check after every API test: every row the test left in the database can
be served. Each row goes through the API's own serializer
(djinn.domain.entities, which builds plain dicts without validating them)
and what it renders must be what the row's generated model (the contract)
validates and dumps, byte for byte: field order, JSON forms, left-out
optional entities. So a value the server stored but cannot send back (a URL
its model refuses, a field out of the schema) fails the test that stored it,
not a user's later request, and the serializer cannot drift from the
document."""

from __future__ import annotations

import json

import pytest
from pydantic import BaseModel
from sqlalchemy import select

from djinn.api.app import runtime_of
from djinn.domain import entities
from djinn.domain.webhooks import last_delivery
from djinn.infra.db import models as db
from generated import models


def _authorization(token: db.Token):
    if token.app_id is None:
        return None  # personal tokens are not served by the API
    return entities.authorization(token)


# Each row kind: how the API renders it, and the generated model it renders.
SERVED = {
    db.User: (entities.user, models.User),
    db.Namespace: (entities.namespace, models.Namespace),
    db.Collaborator: (lambda row: entities.collaborator(row, row.user, show_email=True), models.Collaborator),
    db.Invite: (entities.invite, models.Invite),
    db.Build: (entities.build, models.Build),
    db.BuildTag: (entities.tag, models.Tag),
    db.Job: (entities.job, models.Job),
    db.Artifact: (entities.artifact, models.Artifact),
    db.BuildObject: (entities.build_object, models.BuildObject),
    db.BuildVariable: (entities.build_variable, models.BuildVariable),
    db.BuildKey: (entities.build_key, models.BuildKey),
    db.Object: (entities.object_, models.Object),
    db.Image: (lambda row: entities.image(row, row.download), models.Image),
    db.Variable: (entities.variable, models.Variable),
    db.Key: (entities.key, models.Key),
    db.Cron: (entities.cron, models.Cron),
    db.OAuthApp: (entities.oauth_app, models.OAuthApp),
    db.Token: (_authorization, models.OAuthAuthorization),
}
# Other renderings of the same rows.
ALSO_SERVED = [
    (db.Invite, entities.accepted_invite, models.AcceptedInvite),
    (db.OAuthApp, lambda row: entities.oauth_app_with_secret(row, "secret"), models.OAuthAppWithSecret),
    (db.Namespace, lambda row: entities.namespace(row, nested=True), models.Namespace),
    (db.Build, lambda row: entities.build(row, nested=True), models.Build),
    (db.Job, lambda row: entities.job(row, nested=True), models.Job),
    (db.Artifact, lambda row: entities.artifact(row, nested=True), models.Artifact),
]
SERVED_WITHIN = {
    db.ImageDownload: "its image's `download`",
    db.Stage: "its jobs' `stage`",
    db.WebhookDelivery: "its webhook's `last_response`",
    db.CronBuild: "the cron's builds, which are builds",
}
NEVER_SERVED = {db.OAuthCode, db.LoginFailure}


def drift(rendered: dict, model: type[BaseModel]) -> str | None:
    """How `rendered` differs from what `model` validates it to and dumps,
    compared as JSON text (so field order and types count); None if not."""
    validated = model.model_validate(rendered).model_dump(mode="json", exclude_unset=True)
    fast, contract = json.dumps(rendered), json.dumps(validated)
    if fast == contract:
        return None
    return f"rendered {fast}\n  but its model dumps {contract}"


def unservable_rows(app) -> list[str]:
    """Every row of the app's database its serializer refuses, or renders
    otherwise than its model, as `Model id: error`."""
    failures = []
    runtime = runtime_of(app)
    session = runtime.db.session()
    with entities.rendering(runtime.config.base_url, session):
        try:
            served = [
                *((kind, serialize, model) for kind, (serialize, model) in SERVED.items()),
                *ALSO_SERVED,
                (db.Webhook, lambda row: entities.webhook(row, last_delivery(session, row)), models.Webhook),
            ]
            for kind, serialize, model in served:
                for row in session.execute(select(kind)).scalars():
                    try:
                        entity = serialize(row)
                        if entity is None:
                            continue
                        difference = drift(entities.dump(entity), model)
                        if difference is not None:
                            failures.append(f"{kind.__name__} {getattr(row, 'id', '')}: {difference}")
                    except Exception as e:  # noqa: BLE001 - every row is reported
                        failures.append(f"{kind.__name__} {getattr(row, 'id', '')}: {type(e).__name__}: {e}")
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
