from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.build import Build
from ...models.build_create import BuildCreate
from ...models.error import Error
from ...models.validation_errors import ValidationErrors
from ...types import Response


def _get_kwargs(
    *,
    body: BuildCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/builds",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Build | Error | ValidationErrors | None:
    if response.status_code == 201:
        response_201 = Build.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ValidationErrors.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Build | Error | ValidationErrors]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: BuildCreate,
) -> Response[Build | Error | ValidationErrors]:
    """Submit a build

     Submits a build from a YAML manifest. The manifest is validated (its
    `driver`, `stages`, `jobs`, ...); every problem found is reported under
    `manifest` in a `400`. The build is given its owner's next build
    `number`, its jobs are created, the variables, SSH keys and objects it
    will receive are recorded, and it is queued with status `queued` and a
    `manual` trigger carrying `comment`. The manifest is stored exactly as
    sent.

    When the manifest names a `namespace` (`path`, `path/child`, or
    `path@owner` for a namespace of another user the caller collaborates
    in), the build is submitted to it. A missing namespace of the caller's
    own is created on the fly, with its root's visibility (`private` for a
    new root); a namespace the caller may not work in (neither owner nor
    collaborator) is refused with `422`.

    A build in a namespace belongs to the namespace's owner, also when a
    collaborator submits it: it is numbered in the owner's sequence and
    lives at `/b/<owner>/<number>`, and a collaborator reaches it (to
    read, tag, pin or kill it) only while they collaborate. The submitter
    stays visible as the trigger's author (`trigger.data.username` and
    `email`); the build gets the submitter's own variables, SSH keys and
    objects (those in no namespace) beside the namespace's. Outside any
    namespace the build is the caller's.

    Fires the namespace's `build.submitted` webhooks.

    Args:
        body (BuildCreate): The body of a build submission. Example: {'manifest': 'namespace:
            djinn\\ndriver:\\n  type: docker\\n  image: golang\\n  workspace: /go\\nstages:\\n-
            test\\njobs:\\n- stage: test\\n  commands:\\n  - go test ./...\\n', 'comment': 'Run the
            tests', 'tags': ['release']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Build | Error | ValidationErrors]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: BuildCreate,
) -> Build | Error | ValidationErrors | None:
    """Submit a build

     Submits a build from a YAML manifest. The manifest is validated (its
    `driver`, `stages`, `jobs`, ...); every problem found is reported under
    `manifest` in a `400`. The build is given its owner's next build
    `number`, its jobs are created, the variables, SSH keys and objects it
    will receive are recorded, and it is queued with status `queued` and a
    `manual` trigger carrying `comment`. The manifest is stored exactly as
    sent.

    When the manifest names a `namespace` (`path`, `path/child`, or
    `path@owner` for a namespace of another user the caller collaborates
    in), the build is submitted to it. A missing namespace of the caller's
    own is created on the fly, with its root's visibility (`private` for a
    new root); a namespace the caller may not work in (neither owner nor
    collaborator) is refused with `422`.

    A build in a namespace belongs to the namespace's owner, also when a
    collaborator submits it: it is numbered in the owner's sequence and
    lives at `/b/<owner>/<number>`, and a collaborator reaches it (to
    read, tag, pin or kill it) only while they collaborate. The submitter
    stays visible as the trigger's author (`trigger.data.username` and
    `email`); the build gets the submitter's own variables, SSH keys and
    objects (those in no namespace) beside the namespace's. Outside any
    namespace the build is the caller's.

    Fires the namespace's `build.submitted` webhooks.

    Args:
        body (BuildCreate): The body of a build submission. Example: {'manifest': 'namespace:
            djinn\\ndriver:\\n  type: docker\\n  image: golang\\n  workspace: /go\\nstages:\\n-
            test\\njobs:\\n- stage: test\\n  commands:\\n  - go test ./...\\n', 'comment': 'Run the
            tests', 'tags': ['release']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Build | Error | ValidationErrors
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: BuildCreate,
) -> Response[Build | Error | ValidationErrors]:
    """Submit a build

     Submits a build from a YAML manifest. The manifest is validated (its
    `driver`, `stages`, `jobs`, ...); every problem found is reported under
    `manifest` in a `400`. The build is given its owner's next build
    `number`, its jobs are created, the variables, SSH keys and objects it
    will receive are recorded, and it is queued with status `queued` and a
    `manual` trigger carrying `comment`. The manifest is stored exactly as
    sent.

    When the manifest names a `namespace` (`path`, `path/child`, or
    `path@owner` for a namespace of another user the caller collaborates
    in), the build is submitted to it. A missing namespace of the caller's
    own is created on the fly, with its root's visibility (`private` for a
    new root); a namespace the caller may not work in (neither owner nor
    collaborator) is refused with `422`.

    A build in a namespace belongs to the namespace's owner, also when a
    collaborator submits it: it is numbered in the owner's sequence and
    lives at `/b/<owner>/<number>`, and a collaborator reaches it (to
    read, tag, pin or kill it) only while they collaborate. The submitter
    stays visible as the trigger's author (`trigger.data.username` and
    `email`); the build gets the submitter's own variables, SSH keys and
    objects (those in no namespace) beside the namespace's. Outside any
    namespace the build is the caller's.

    Fires the namespace's `build.submitted` webhooks.

    Args:
        body (BuildCreate): The body of a build submission. Example: {'manifest': 'namespace:
            djinn\\ndriver:\\n  type: docker\\n  image: golang\\n  workspace: /go\\nstages:\\n-
            test\\njobs:\\n- stage: test\\n  commands:\\n  - go test ./...\\n', 'comment': 'Run the
            tests', 'tags': ['release']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Build | Error | ValidationErrors]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: BuildCreate,
) -> Build | Error | ValidationErrors | None:
    """Submit a build

     Submits a build from a YAML manifest. The manifest is validated (its
    `driver`, `stages`, `jobs`, ...); every problem found is reported under
    `manifest` in a `400`. The build is given its owner's next build
    `number`, its jobs are created, the variables, SSH keys and objects it
    will receive are recorded, and it is queued with status `queued` and a
    `manual` trigger carrying `comment`. The manifest is stored exactly as
    sent.

    When the manifest names a `namespace` (`path`, `path/child`, or
    `path@owner` for a namespace of another user the caller collaborates
    in), the build is submitted to it. A missing namespace of the caller's
    own is created on the fly, with its root's visibility (`private` for a
    new root); a namespace the caller may not work in (neither owner nor
    collaborator) is refused with `422`.

    A build in a namespace belongs to the namespace's owner, also when a
    collaborator submits it: it is numbered in the owner's sequence and
    lives at `/b/<owner>/<number>`, and a collaborator reaches it (to
    read, tag, pin or kill it) only while they collaborate. The submitter
    stays visible as the trigger's author (`trigger.data.username` and
    `email`); the build gets the submitter's own variables, SSH keys and
    objects (those in no namespace) beside the namespace's. Outside any
    namespace the build is the caller's.

    Fires the namespace's `build.submitted` webhooks.

    Args:
        body (BuildCreate): The body of a build submission. Example: {'manifest': 'namespace:
            djinn\\ndriver:\\n  type: docker\\n  image: golang\\n  workspace: /go\\nstages:\\n-
            test\\njobs:\\n- stage: test\\n  commands:\\n  - go test ./...\\n', 'comment': 'Run the
            tests', 'tags': ['release']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Build | Error | ValidationErrors
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
