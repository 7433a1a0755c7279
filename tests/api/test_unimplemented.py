"""Every operation of the document is routed; one whose behaviour is not
built answers 501 from one place. STILL_501 is the record of what is still
missing: implementing an operation means removing it from here, and adding
an operation to the document without a handler means adding it here."""

import json

from djinn.api.app import _error_response, find_handler, not_implemented, unimplemented_operations
from djinn.api.spec import load_spec, operations
from djinn.infra.errors import NotImplementedYet

STILL_501: set[str] = set()


def test_exactly_these_operations_are_not_implemented():
    assert unimplemented_operations(load_spec()) == STILL_501


def test_every_operation_id_is_unique():
    ids = [op["operationId"] for _method, _path, op in operations(load_spec())]
    assert len(ids) == len(set(ids))


def test_an_operation_without_a_handler_answers_501_with_a_message():
    # An operation the handlers do not know resolves to the one 501 place...
    assert find_handler({"tags": ["Nowhere"], "operationId": "doSomething"}) is None
    assert find_handler({"tags": ["Builds"], "operationId": "notAnOperation"}) is None
    # ...which answers 501 {"message": "Not implemented"}.
    try:
        not_implemented()
    except NotImplementedYet as exc:
        response = _error_response(exc, debug=False)
    assert response.status_code == 501
    assert json.loads(response.body) == {"message": "Not implemented"}
