"""The error shapes of API.md, whatever goes wrong."""

import pytest

from djinn.api.app import runtime_of
from tests.conftest import bearer


@pytest.fixture
def token(make_user, make_token):
    return make_token(make_user("alice"))


def test_unknown_route_is_a_json_404(client, token):
    for path in ("/nope", "/builds/extra/segments/here", "/b/alice"):
        response = client.get(path, headers=bearer(token))
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("application/json")
        assert response.json() == {"message": "Not Found"}


def test_wrong_method_is_405_with_allow(client, token):
    response = client.put("/user", headers=bearer(token))
    assert response.status_code == 405
    assert response.json()["message"]
    assert "GET" in response.headers["allow"]
    response = client.put("/builds", headers=bearer(token))
    assert response.status_code == 405
    assert {m.strip() for m in response.headers["allow"].split(",")} >= {"GET", "POST"}


def test_empty_build_body_reports_manifest(client, token):
    response = client.post("/builds", json={}, headers=bearer(token))
    assert response.status_code == 400
    body = response.json()
    assert isinstance(body["manifest"], list) and body["manifest"]
    assert all(isinstance(m, str) for m in body["manifest"])


def test_all_body_errors_are_reported_at_once(client, token):
    response = client.post(
        "/builds", json={"manifest": 5, "tags": "x", "comment": ["no"]}, headers=bearer(token)
    )
    assert response.status_code == 400
    body = response.json()
    assert set(body) >= {"manifest", "tags", "comment"}
    assert all(isinstance(v, list) and all(isinstance(m, str) for m in v) for v in body.values())


def test_body_that_is_not_an_object_is_reported_under_body(client, token):
    response = client.post("/builds", json=["manifest"], headers=bearer(token))
    assert response.status_code == 400
    assert list(response.json()) == ["body"]


def test_non_json_body_is_400(client, token):
    response = client.post(
        "/builds", content=b"{not json", headers={**bearer(token), "Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["body"][0].startswith("Request body is not valid JSON")


def test_non_utf8_body_is_400(client, token):
    response = client.post(
        "/builds",
        content=b'{"manifest": "\xff\xfe"}',
        headers={**bearer(token), "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert "body" in response.json()


def test_oversized_body_is_413(client, token):
    big = b'{"manifest": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    response = client.post(
        "/builds", content=big, headers={**bearer(token), "Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["message"]


def test_query_and_path_errors_are_reported_per_parameter(client, token):
    response = client.get("/builds?page=0&status=bogus", headers=bearer(token))
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"page", "status"}
    response = client.get("/n/alice/bad%20name/-/builds", headers=bearer(token))
    assert response.status_code == 400
    assert set(response.json()) == {"path"}


@pytest.mark.parametrize("page", ["%0C8", "%208", "8%20", "+8", "1_0", "abc", "%E2%80%838"])
def test_a_number_in_the_query_is_digits_only(client, token, page):
    # int() would take each of these (whitespace, a sign, an underscore,
    # other scripts' digits): a page the client did not write is no page.
    response = client.get(f"/builds?page={page}", headers=bearer(token))
    assert response.status_code == 400
    assert response.json() == {"page": ["page must be an integer"]}
    assert client.get("/builds?page=08", headers=bearer(token)).status_code == 200


def test_a_build_number_that_is_not_a_number_is_an_unknown_route(client, token):
    response = client.get("/b/alice/notanumber", headers=bearer(token))
    assert response.status_code == 404
    assert response.json() == {"message": "Not Found"}


def test_internal_errors_hide_the_stack_unless_debug(app, client, token, monkeypatch):
    import handlers.users

    def boom():
        raise RuntimeError("kaboom")

    monkeypatch.setattr(handlers.users.web, "require_caller", boom)
    response = client.get("/user", headers=bearer(token))
    assert response.status_code == 500
    assert response.json() == {"message": "Internal Server Error"}


def test_a_method_the_path_lacks_is_405_even_where_a_namespace_path_could_match(client, token):
    response = client.patch("/n/alice/space/-/badge.svg", headers=bearer(token))
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    response = client.post("/n/alice/space/child", headers=bearer(token))
    assert response.status_code == 405
    assert response.headers["allow"] == "DELETE, GET, PATCH"


def test_debug_mode_adds_the_stack_to_internal_errors(config, make_user, make_token, monkeypatch):
    import dataclasses

    import handlers.users
    from djinn.api.app import create_app

    def boom():
        raise RuntimeError("kaboom")

    monkeypatch.setattr(handlers.users.web, "require_caller", boom)
    app = create_app(dataclasses.replace(config, debug=True, validate_responses=False))
    with app.test_client() as client:
        response = client.get("/user", headers=bearer(make_token(make_user("bob"))))
    assert response.status_code == 500
    body = response.json()
    assert body["message"] == "Internal Server Error"
    assert "RuntimeError: kaboom" in body["stack"]
    runtime_of(app).db.dispose()


def test_an_optional_body_may_be_left_out(client, token):
    # PATCH /cron/{id} declares its body optional: leaving it out is no validation error.
    response = client.patch("/cron/1", headers=bearer(token))
    assert response.status_code != 400, response.text
    response = client.post("/builds", headers=bearer(token))
    assert response.status_code == 400
    assert response.json() == {"body": ["Request body is required"]}


def test_nul_characters_are_refused_in_queries_and_bodies(client, token):
    response = client.get("/namespaces?search=a%00b", headers=bearer(token))
    assert response.status_code == 400
    assert response.json() == {"search": ["search must not contain NUL characters"]}
    response = client.post(
        "/namespaces", json={"name": "ok", "description": "a\u0000b"}, headers=bearer(token)
    )
    assert response.status_code == 400
    assert response.json() == {"description": ["description must not contain NUL characters"]}


def test_a_path_with_control_characters_is_not_found(client, token):
    for path in ("/user/apps/%0Aab", "/user/apps/ab%0A", "/user/apps/a%09b"):
        response = client.get(path, headers=bearer(token))
        assert response.status_code == 404, path
        assert response.json() == {"message": "Not Found"}
