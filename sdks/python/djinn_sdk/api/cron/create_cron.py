from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cron import Cron
from ...models.cron_create import CronCreate
from ...models.error import Error
from ...models.validation_errors import ValidationErrors
from ...types import Response


def _get_kwargs(
    *,
    body: CronCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/cron",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Cron | Error | ValidationErrors | None:
    if response.status_code == 201:
        response_201 = Cron.from_dict(response.json())

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
) -> Response[Cron | Error | ValidationErrors]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CronCreate,
) -> Response[Cron | Error | ValidationErrors]:
    """Create a cron schedule

     Creates a schedule that submits `manifest` as a build (trigger type
    `schedule`) daily (at the start of the next day), weekly (Monday 00:00
    UTC) or monthly (the 1st, 00:00 UTC). The first run is the next such
    time after creation.

    The manifest is validated like a build's (errors under `manifest`,
    400). Its `namespace` field places the cron: a namespace that does not
    exist yet is created, `private`, when it would be the caller's own; a
    namespace the caller neither owns nor collaborates in answers 422. The
    name must be unique per owner and namespace.

    Args:
        body (CronCreate): The body of a request creating a cron schedule. Example: {'name':
            'nightly', 'schedule': 'daily', 'manifest': 'namespace: djinn\\ndriver:\\n  type: qemu\\n
            image: debian/stable\\nstages: [test]\\njobs:\\n  - stage: test\\n    commands: [make
            test]\\n'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Cron | Error | ValidationErrors]
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
    body: CronCreate,
) -> Cron | Error | ValidationErrors | None:
    """Create a cron schedule

     Creates a schedule that submits `manifest` as a build (trigger type
    `schedule`) daily (at the start of the next day), weekly (Monday 00:00
    UTC) or monthly (the 1st, 00:00 UTC). The first run is the next such
    time after creation.

    The manifest is validated like a build's (errors under `manifest`,
    400). Its `namespace` field places the cron: a namespace that does not
    exist yet is created, `private`, when it would be the caller's own; a
    namespace the caller neither owns nor collaborates in answers 422. The
    name must be unique per owner and namespace.

    Args:
        body (CronCreate): The body of a request creating a cron schedule. Example: {'name':
            'nightly', 'schedule': 'daily', 'manifest': 'namespace: djinn\\ndriver:\\n  type: qemu\\n
            image: debian/stable\\nstages: [test]\\njobs:\\n  - stage: test\\n    commands: [make
            test]\\n'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Cron | Error | ValidationErrors
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CronCreate,
) -> Response[Cron | Error | ValidationErrors]:
    """Create a cron schedule

     Creates a schedule that submits `manifest` as a build (trigger type
    `schedule`) daily (at the start of the next day), weekly (Monday 00:00
    UTC) or monthly (the 1st, 00:00 UTC). The first run is the next such
    time after creation.

    The manifest is validated like a build's (errors under `manifest`,
    400). Its `namespace` field places the cron: a namespace that does not
    exist yet is created, `private`, when it would be the caller's own; a
    namespace the caller neither owns nor collaborates in answers 422. The
    name must be unique per owner and namespace.

    Args:
        body (CronCreate): The body of a request creating a cron schedule. Example: {'name':
            'nightly', 'schedule': 'daily', 'manifest': 'namespace: djinn\\ndriver:\\n  type: qemu\\n
            image: debian/stable\\nstages: [test]\\njobs:\\n  - stage: test\\n    commands: [make
            test]\\n'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Cron | Error | ValidationErrors]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CronCreate,
) -> Cron | Error | ValidationErrors | None:
    """Create a cron schedule

     Creates a schedule that submits `manifest` as a build (trigger type
    `schedule`) daily (at the start of the next day), weekly (Monday 00:00
    UTC) or monthly (the 1st, 00:00 UTC). The first run is the next such
    time after creation.

    The manifest is validated like a build's (errors under `manifest`,
    400). Its `namespace` field places the cron: a namespace that does not
    exist yet is created, `private`, when it would be the caller's own; a
    namespace the caller neither owns nor collaborates in answers 422. The
    name must be unique per owner and namespace.

    Args:
        body (CronCreate): The body of a request creating a cron schedule. Example: {'name':
            'nightly', 'schedule': 'daily', 'manifest': 'namespace: djinn\\ndriver:\\n  type: qemu\\n
            image: debian/stable\\nstages: [test]\\njobs:\\n  - stage: test\\n    commands: [make
            test]\\n'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Cron | Error | ValidationErrors
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
