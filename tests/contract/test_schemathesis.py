"""Contract tests: schemathesis generates requests for every implemented
operation from the OpenAPI document and checks every response against it
(status codes, content types, headers, schemas, server errors), on SQLite and
PostgreSQL, with response validation on in the app as well.

Schemathesis's two checks that expect 401 for missing credentials are
replaced by `unauthenticated_is_not_found`, which asserts this API's rule:
without a valid token an operation that needs one answers
404 {"message": "Not Found"}, exactly like a resource that does not exist.
"""

import collections

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import ignored_auth, missing_required_header, positive_data_acceptance

from djinn.app import unimplemented_operations
from djinn.spec import load_spec, operations
from tests.conftest import bearer

IMPLEMENTED = sorted(
    {op["operationId"] for _m, _p, op in operations(load_spec())} - unimplemented_operations(load_spec())
)
# The OAuth pages succeed only with state no schema can express (a registered
# client, a browser session and its CSRF token): schema-valid requests to them
# are rightly refused with their error page, so that check is left out there.
NEEDS_A_BROWSER_SESSION = {"showAuthorize", "submitLogin", "submitConsent", "signOut"}
INVALID_CREDENTIALS = ({}, {"Authorization": "Bearer djinn_not_a_real_token"}, {"Authorization": "Basic Zm9vOmJhcg=="})


def _needs_token(case) -> bool:
    security = case.operation.definition.raw.get("security")
    return bool(security) and {} not in security


# Security is checked before anything else, so the answer without valid
# credentials does not depend on the generated data: probing the first few
# cases of each operation is enough, and keeps the suite's time in bounds.
PROBES_PER_OPERATION = 3
_probed: collections.Counter = collections.Counter()


def unauthenticated_is_not_found(ctx, response, case):
    """Without valid credentials, an operation that needs a token is a 404."""
    if not _needs_token(case) or case.method.upper() != case.operation.method.upper():
        return None
    key = (id(case.operation.schema), case.operation.label)  # one count per database's run
    _probed[key] += 1
    if _probed[key] > PROBES_PER_OPERATION:
        return None
    for headers in INVALID_CREDENTIALS:
        probe = case.call(headers=headers)
        assert probe.status_code == 404, (
            f"{case.operation.label} answered {probe.status_code} to credentials {headers or 'none'}, expected 404"
        )
        assert probe.json() == {"message": "Not Found"}, probe.text
    return None


@pytest.fixture
def api_schema(app):
    return schemathesis.openapi.from_asgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema").include(operation_id=IMPLEMENTED)


@pytest.fixture
def token(make_user, make_token):
    return make_token(make_user("schemathesis"))


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_implemented_operations_conform_to_the_contract(case, token):
    excluded = [ignored_auth, missing_required_header]
    if case.operation.definition.raw.get("operationId") in NEEDS_A_BROWSER_SESSION:
        excluded.append(positive_data_acceptance)
    case.call_and_validate(
        headers=bearer(token),
        excluded_checks=excluded,
        additional_checks=[unauthenticated_is_not_found],
    )


def test_the_contract_covers_what_is_implemented():
    assert {"getIndex", "getUser"} <= set(IMPLEMENTED)
