"""Every operation of the document is routed; those whose behaviour belongs
to later work answer 501 from one place. This list is the record of what is
still missing: implementing an operation means removing it from here."""

from djinn.app import unimplemented_operations
from djinn.spec import load_spec, operations
from tests.conftest import bearer

STILL_501 = {
    # Resources
    "listCron", "createCron", "getCron", "updateCron", "deleteCron", "listCronBuilds",
}


def test_exactly_these_operations_are_not_implemented():
    assert unimplemented_operations(load_spec()) == STILL_501


def test_every_operation_id_is_unique_and_known(app):
    ids = [op["operationId"] for _method, _path, op in operations(load_spec())]
    assert len(ids) == len(set(ids))
    assert STILL_501 <= set(ids)
    implemented = set(ids) - STILL_501
    assert {"getIndex", "getUser", "getNamespace", "createInvite", "createWebhook"} <= implemented
    assert {
        "showAuthorize", "submitLogin", "submitConsent", "signOut", "exchangeToken",
        "listApps", "createApp", "getApp", "deleteApp", "listAuthorizations", "revokeAuthorization",
    } <= implemented


def test_an_unimplemented_operation_answers_501_with_a_message(client, make_user, make_token):
    token = make_token(make_user("alice"))
    response = client.get("/cron", headers=bearer(token))
    assert response.status_code == 501
    assert response.json() == {"message": "Not implemented"}
