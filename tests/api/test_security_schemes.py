"""The `bearer` scheme the document lists beside `oauth2`: the same token,
and the operation's scopes are still what decides."""

from tests.conftest import bearer


def test_the_served_document_offers_bearer_beside_every_oauth2_requirement(client):
    document = client.get("/openapi.json").json()
    assert document["components"]["securitySchemes"]["bearer"] == {
        "type": "http",
        "scheme": "bearer",
        "description": document["components"]["securitySchemes"]["bearer"]["description"],
    }
    operation = document["paths"]["/objects/{id}/download"]["get"]
    assert operation["security"] == [{"oauth2": ["object:read"]}, {"bearer": []}]
    assert document["paths"]["/b/{username}/{number}"]["get"]["security"] == [
        {"oauth2": ["build:read"]},
        {"bearer": []},
        {},
    ]


def test_a_token_without_the_scope_is_refused_though_bearer_lists_none(client, make_user, make_token):
    user = make_user("alice")
    reader = bearer(make_token(user, scope="object:read"))
    writer = bearer(make_token(user, scope="object:write"))
    created = client.post("/objects", params={"name": "a"}, content=b"a", headers=writer)
    assert created.status_code == 201, created.text
    object_id = created.json()["id"]
    assert client.get(f"/objects/{object_id}/download", headers=writer).json() == {"message": "Not Found"}
    assert client.get(f"/objects/{object_id}/download", headers=reader).content == b"a"
    assert client.delete(f"/objects/{object_id}", headers=reader).status_code == 404
    assert client.post("/objects", params={"name": "b"}, content=b"b", headers=reader).status_code == 404
