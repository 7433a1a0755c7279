"""The document and its browsable docs are served by the app."""

import yaml

from djinn.api.spec import SPEC_PATH
from tests.conftest import BASE_URL


def test_openapi_json_is_the_bundled_document_with_this_servers_url(client):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    served = response.json()
    on_disk = yaml.safe_load(SPEC_PATH.read_text())
    assert served["openapi"] == "3.0.3"
    assert served["paths"] == on_disk["paths"]
    assert served["components"] == on_disk["components"]
    assert served["servers"][0]["url"] == BASE_URL


def test_swagger_ui_is_served_at_docs(client):
    response = client.get("/docs/")
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
    assert "/openapi.json" in response.text
