from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cron import Cron
from ...models.cron_update import CronUpdate
from ...models.error import Error
from ...models.validation_errors import ValidationErrors
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    body: CronUpdate | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/cron/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Cron | Error | ValidationErrors | None:
    if response.status_code == 200:
        response_200 = Cron.from_dict(response.json())

        return response_200

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
    id: int,
    *,
    client: AuthenticatedClient,
    body: CronUpdate | Unset = UNSET,
) -> Response[Cron | Error | ValidationErrors]:
    """Update a cron schedule

     Changes the fields given; fields left out, `null` or `""` stay as they
    are, so an empty body (or none) changes nothing, and a manifest whose
    every key is empty (the original Go client's zero value) keeps the
    current one. A new `schedule`
    recomputes `next_run`. A new `manifest` is validated like a build's
    (400) and its `namespace` moves the cron, with the same rules as on
    create (created on the fly when it would be the caller's own, 422
    otherwise). The name must stay unique per owner and namespace.

    Args:
        id (int):
        body (CronUpdate | Unset): The body of a request updating a cron schedule. Every field is
            optional; fields left out, `null` or `""` are not changed, nor is the
            manifest when every key of the one given is empty (`namespace: ""`,
            `driver: {}`, `env: []`, ..., as a client marshalling an empty
            struct writes it).
             Example: {'schedule': 'weekly'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Cron | Error | ValidationErrors]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient,
    body: CronUpdate | Unset = UNSET,
) -> Cron | Error | ValidationErrors | None:
    """Update a cron schedule

     Changes the fields given; fields left out, `null` or `""` stay as they
    are, so an empty body (or none) changes nothing, and a manifest whose
    every key is empty (the original Go client's zero value) keeps the
    current one. A new `schedule`
    recomputes `next_run`. A new `manifest` is validated like a build's
    (400) and its `namespace` moves the cron, with the same rules as on
    create (created on the fly when it would be the caller's own, 422
    otherwise). The name must stay unique per owner and namespace.

    Args:
        id (int):
        body (CronUpdate | Unset): The body of a request updating a cron schedule. Every field is
            optional; fields left out, `null` or `""` are not changed, nor is the
            manifest when every key of the one given is empty (`namespace: ""`,
            `driver: {}`, `env: []`, ..., as a client marshalling an empty
            struct writes it).
             Example: {'schedule': 'weekly'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Cron | Error | ValidationErrors
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    body: CronUpdate | Unset = UNSET,
) -> Response[Cron | Error | ValidationErrors]:
    """Update a cron schedule

     Changes the fields given; fields left out, `null` or `""` stay as they
    are, so an empty body (or none) changes nothing, and a manifest whose
    every key is empty (the original Go client's zero value) keeps the
    current one. A new `schedule`
    recomputes `next_run`. A new `manifest` is validated like a build's
    (400) and its `namespace` moves the cron, with the same rules as on
    create (created on the fly when it would be the caller's own, 422
    otherwise). The name must stay unique per owner and namespace.

    Args:
        id (int):
        body (CronUpdate | Unset): The body of a request updating a cron schedule. Every field is
            optional; fields left out, `null` or `""` are not changed, nor is the
            manifest when every key of the one given is empty (`namespace: ""`,
            `driver: {}`, `env: []`, ..., as a client marshalling an empty
            struct writes it).
             Example: {'schedule': 'weekly'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Cron | Error | ValidationErrors]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient,
    body: CronUpdate | Unset = UNSET,
) -> Cron | Error | ValidationErrors | None:
    """Update a cron schedule

     Changes the fields given; fields left out, `null` or `""` stay as they
    are, so an empty body (or none) changes nothing, and a manifest whose
    every key is empty (the original Go client's zero value) keeps the
    current one. A new `schedule`
    recomputes `next_run`. A new `manifest` is validated like a build's
    (400) and its `namespace` moves the cron, with the same rules as on
    create (created on the fly when it would be the caller's own, 422
    otherwise). The name must stay unique per owner and namespace.

    Args:
        id (int):
        body (CronUpdate | Unset): The body of a request updating a cron schedule. Every field is
            optional; fields left out, `null` or `""` are not changed, nor is the
            manifest when every key of the one given is empty (`namespace: ""`,
            `driver: {}`, `env: []`, ..., as a client marshalling an empty
            struct writes it).
             Example: {'schedule': 'weekly'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Cron | Error | ValidationErrors
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
