"""The generated Python SDK (sdks/python, package djinn_sdk) against a live
`djinn serve`: the flow a user of the SDK goes through, every call through
the SDK's typed functions and models."""

from __future__ import annotations

import io
import time

import httpx
from djinn_sdk import AuthenticatedClient, Client
from djinn_sdk.api.builds import (
    create_build,
    download_build_artifact,
    get_build,
    get_build_job_output,
    list_build_artifacts,
    list_build_jobs,
)
from djinn_sdk.api.images import create_image, delete_image, download_image
from djinn_sdk.api.keys import create_key, delete_key, get_key
from djinn_sdk.api.namespaces import create_namespace, delete_namespace, get_namespace, get_namespace_badge
from djinn_sdk.api.o_auth import exchange_token
from djinn_sdk.api.objects import create_object, delete_object, download_object, get_object
from djinn_sdk.api.users import get_user
from djinn_sdk.api.variables import create_variable, delete_variable, get_variable, list_variables
from djinn_sdk.models import (
    BuildCreate,
    Error,
    KeyCreate,
    NamespaceCreate,
    NamespaceCreateVisibility,
    OAuthTokenRequest,
    Status,
    VariableCreate,
)
from djinn_sdk.types import File

from tests.api.test_images import qcow2
from tests.sshkeys import private_key

FINISHED = {Status.PASSED, Status.PASSED_WITH_FAILURES, Status.FAILED, Status.KILLED, Status.TIMED_OUT}
MANIFEST = """\
namespace: pysdk
driver: {type: os}
objects: [data.txt => data.txt]
stages: [test]
jobs:
- stage: test
  name: check
  commands: [cat data.txt, 'echo "greeting: $GREETING"', mkdir -p out, cp data.txt out/report.txt]
  artifacts: [out/report.txt => report.txt]
"""


def _next_page(response) -> str | None:
    links = httpx.Response(200, headers={"Link": response.headers.get("link", "")}).links
    return links.get("next", {}).get("url")


def test_the_python_sdk_flow(live_djinn):
    client = AuthenticatedClient(
        base_url=live_djinn.base_url, token=live_djinn.token, raise_on_unexpected_status=True
    )
    me = get_user.sync(client=client)
    assert me is not None and not isinstance(me, Error) and me.username == "alice"

    # A public namespace.
    namespace = create_namespace.sync(
        client=client,
        body=NamespaceCreate(
            name="pysdk", visibility=NamespaceCreateVisibility.PUBLIC, description="Python SDK flow"
        ),
    )
    assert not isinstance(namespace, (Error, type(None))) and namespace.path == "pysdk", namespace
    fetched = get_namespace.sync("alice", "pysdk", client=client)
    assert fetched is not None and not isinstance(fetched, Error) and fetched.id == namespace.id

    # A variable and a key in it.
    variable = create_variable.sync(
        client=client, body=VariableCreate(key="GREETING", value="hello", namespace="pysdk")
    )
    assert (
        variable is not None and not isinstance(variable, Error) and variable.namespace_id == namespace.id
    ), variable
    assert get_variable.sync(variable.id, client=client).value == "hello"
    key = create_key.sync(client=client, body=KeyCreate(name="deploy", key=private_key(), namespace="pysdk"))
    assert key is not None and not isinstance(key, Error) and key.name == "deploy", key
    assert get_key.sync(key.id, client=client).id == key.id

    # An object up and down, byte for byte.
    content = b"data for the build\n" + bytes(range(256))
    uploaded = create_object.sync(
        client=client,
        name="data.txt",
        namespace="pysdk",
        body=File(payload=io.BytesIO(content), file_name="data.txt"),
    )
    assert uploaded is not None and not isinstance(uploaded, Error) and uploaded.size == len(content), (
        uploaded
    )
    assert get_object.sync(uploaded.id, client=client).sha256 == uploaded.sha256
    downloaded = download_object.sync(uploaded.id, client=client)
    assert isinstance(downloaded, File) and downloaded.payload.read() == content

    # An image upload, and its bytes back.
    image_bytes = qcow2(size=8192)
    image = create_image.sync(client=client, name="tiny", body=File(payload=io.BytesIO(image_bytes)))
    assert image is not None and not isinstance(image, Error) and image.name == "tiny", image
    image_download = download_image.sync(image.id, client=client)
    assert isinstance(image_download, File) and image_download.payload.read() == image_bytes

    # A build: submitted, its job's output followed, its artifact downloaded.
    build = create_build.sync(
        client=client, body=BuildCreate(manifest=MANIFEST, comment="from the Python SDK")
    )
    assert build is not None and not isinstance(build, Error), build
    jobs = list_build_jobs.sync("alice", build.number, client=client)
    assert "check" in [j.name for j in jobs]
    output = get_build_job_output.sync(
        "alice", build.number, "check", client=client
    )  # streams until the job ends
    assert isinstance(output, str) and "greeting: hello" in output and "data for the build" in output, output
    deadline = time.monotonic() + 120
    while (build := get_build.sync("alice", build.number, client=client)).status not in FINISHED:
        assert time.monotonic() < deadline, build.status
        time.sleep(0.2)
    assert build.status == Status.PASSED, build
    [artifact] = list_build_artifacts.sync("alice", build.number, client=client)
    assert artifact.name == "report.txt" and artifact.size == len(content)
    report = download_build_artifact.sync("alice", build.number, "report.txt", client=client)
    assert isinstance(report, File) and report.payload.read() == content

    # Pagination: 30 variables are two pages, the Link header leads to the second.
    for n in range(30):
        assert not isinstance(
            create_variable.sync(client=client, body=VariableCreate(key=f"PYPAGE_{n:02}", value="x")), Error
        )
    first = list_variables.sync_detailed(client=client, search="PYPAGE_")
    assert first.status_code == 200 and len(first.parsed) == 25
    next_url = _next_page(first)
    assert next_url is not None and "page=2" in next_url
    second = list_variables.sync_detailed(client=client, search="PYPAGE_", page=2)
    assert len(second.parsed) == 5 and _next_page(second) is None
    assert sorted(v.key for v in first.parsed + second.parsed) == [f"PYPAGE_{n:02}" for n in range(30)]

    # The badge of the public namespace, anonymously.
    anonymous = Client(base_url=live_djinn.base_url, raise_on_unexpected_status=True)
    badge = get_namespace_badge.sync("alice", "pysdk", client=anonymous)
    assert isinstance(badge, File) and b"<svg" in badge.payload.read()

    # An OAuth app exchanges the code the user's approval gave it for a token.
    code = live_djinn.authorization_code("build:read namespace:read")
    token = exchange_token.sync(
        client=anonymous.with_headers({"Accept": "application/json"}),
        body=OAuthTokenRequest(
            code=code,
            client_id=live_djinn.client_id,
            client_secret=live_djinn.client_secret,
            redirect_uri="http://127.0.0.1:9/callback",
        ),
    )
    assert token is not None and not hasattr(token, "error"), token
    assert token.scope == "build:read namespace:read"
    app_client = AuthenticatedClient(base_url=live_djinn.base_url, token=token.access_token)
    assert get_user.sync(client=app_client).username == "alice"

    # Deletes: each answers 204, and the thing is gone.
    for delete, read, id_ in (
        (delete_object, get_object, uploaded.id),
        (delete_variable, get_variable, variable.id),
        (delete_key, get_key, key.id),
        (delete_image, None, image.id),
    ):
        assert delete.sync_detailed(id_, client=client).status_code == 204
        if read is not None:
            assert read.sync_detailed(id_, client=client).status_code == 404
    assert delete_namespace.sync_detailed("alice", "pysdk", client=client).status_code == 204
    assert get_namespace.sync_detailed("alice", "pysdk", client=client).status_code == 404
