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
from hypothesis import HealthCheck, Phase, settings
from hypothesis.errors import FlakyStrategyDefinition
from schemathesis.specs.openapi.checks import ignored_auth, missing_required_header, positive_data_acceptance

from djinn.api.app import unimplemented_operations
from djinn.api.spec import load_spec, operations
from tests.conftest import _empty_tables, bearer

IMPLEMENTED = sorted(
    {op["operationId"] for _m, _p, op in operations(load_spec())} - unimplemented_operations(load_spec())
)
# The OAuth pages succeed only with state no schema can express (a registered
# client, a browser session and its CSRF token): schema-valid requests to them
# are rightly refused with their error page, so that check is left out there.
NEEDS_A_BROWSER_SESSION = {"showAuthorize", "submitLogin", "submitConsent", "signOut"}
INVALID_CREDENTIALS = (
    {},
    {"Authorization": "Bearer djinn_not_a_real_token"},
    {"Authorization": "Basic Zm9vOmJhcg=="},
)


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
        return
    key = (id(case.operation.schema), case.operation.label)  # one count per database's run
    _probed[key] += 1
    if _probed[key] > PROBES_PER_OPERATION:
        return
    for headers in INVALID_CREDENTIALS:
        probe = case.call(headers=headers)
        assert probe.status_code == 404, (
            f"{case.operation.label} answered {probe.status_code} to credentials {headers or 'none'}, expected 404"
        )
        assert probe.json() == {"message": "Not Found"}, probe.text
    return


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


def test_linked_operations_chain_without_errors(app, config, make_user, make_token):
    """Schemathesis's stateful phase: sequences that follow the document's
    `links` (create -> get/update/delete, a build -> its jobs, artifacts and
    output), with every check on each step, including the stateful ones
    (a created resource can be read, a deleted one is gone)."""
    linked = schemathesis.openapi.from_asgi("/openapi.json", app).include(operation_id=IMPLEMENTED)
    links = [
        link
        for _m, _p, op in operations(load_spec())
        for response in op["responses"].values()
        for link in response.get("links", {}).values()
    ]
    assert len(links) >= 40, "the document's links are what this test follows"

    class Workflow(linked.as_state_machine()):
        def setup(self):
            # Each scenario starts from empty tables, so the same calls get
            # the same answers when Hypothesis replays a scenario.
            _empty_tables(config.database_url)
            self.headers = bearer(make_token(make_user("schemathesis")))

        def get_call_kwargs(self, case):
            return {"headers": self.headers}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            excluded = [ignored_auth, missing_required_header]
            if case.operation.definition.raw.get("operationId") in NEEDS_A_BROWSER_SESSION:
                excluded.append(positive_data_acceptance)
            case.validate_response(
                response, excluded_checks=excluded, transport_kwargs=kwargs or None, recorder=self.recorder
            )

    # A server's state outlives the calls that made it (a background image
    # download, a webhook delivery), so a replayed scenario can draw
    # differently: Hypothesis then stops with FlakyStrategyDefinition, which
    # says nothing about the API, and schemathesis's own runner starts over
    # too. A failure seen only once (FlakyFailure) is a real finding and fails.
    for attempt in range(3):
        try:
            Workflow.run(
                settings=settings(
                    max_examples=STATEFUL_SCENARIOS,
                    stateful_step_count=6,
                    deadline=None,
                    suppress_health_check=list(HealthCheck),
                    phases=[Phase.generate],
                    database=None,
                )
            )
            return
        except FlakyStrategyDefinition:
            if attempt == 2:
                raise


# Scenarios per database: each is a chain of up to 6 calls along the links.
STATEFUL_SCENARIOS = 40


def test_the_contract_covers_what_is_implemented():
    assert {"getIndex", "getUser"} <= set(IMPLEMENTED)
