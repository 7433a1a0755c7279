from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.namespace import Namespace
from ...models.validation_errors import ValidationErrors
from ...types import Response


def _get_kwargs(
    username: str,
    path: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/n/{username}/{path}".format(
            username=quote(str(username), safe=""),
            path=quote(str(path), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | Namespace | ValidationErrors | None:
    if response.status_code == 200:
        response_200 = Namespace.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ValidationErrors.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | Namespace | ValidationErrors]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    username: str,
    path: str,
    *,
    client: AuthenticatedClient,
) -> Response[Error | Namespace | ValidationErrors]:
    """Get a namespace

     Returns the namespace at `path` owned by `username`, with its owner,
    its parent and the last build submitted to it. Answers without a token
    for a `public` namespace; an `internal` one needs any valid token, a
    `private` one the owner or a collaborator. A token without
    `namespace:read` is treated as no token.

    Args:
        username (str):
        path (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Namespace | ValidationErrors]
    """

    kwargs = _get_kwargs(
        username=username,
        path=path,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    username: str,
    path: str,
    *,
    client: AuthenticatedClient,
) -> Error | Namespace | ValidationErrors | None:
    """Get a namespace

     Returns the namespace at `path` owned by `username`, with its owner,
    its parent and the last build submitted to it. Answers without a token
    for a `public` namespace; an `internal` one needs any valid token, a
    `private` one the owner or a collaborator. A token without
    `namespace:read` is treated as no token.

    Args:
        username (str):
        path (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Namespace | ValidationErrors
    """

    return sync_detailed(
        username=username,
        path=path,
        client=client,
    ).parsed


async def asyncio_detailed(
    username: str,
    path: str,
    *,
    client: AuthenticatedClient,
) -> Response[Error | Namespace | ValidationErrors]:
    """Get a namespace

     Returns the namespace at `path` owned by `username`, with its owner,
    its parent and the last build submitted to it. Answers without a token
    for a `public` namespace; an `internal` one needs any valid token, a
    `private` one the owner or a collaborator. A token without
    `namespace:read` is treated as no token.

    Args:
        username (str):
        path (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Namespace | ValidationErrors]
    """

    kwargs = _get_kwargs(
        username=username,
        path=path,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    username: str,
    path: str,
    *,
    client: AuthenticatedClient,
) -> Error | Namespace | ValidationErrors | None:
    """Get a namespace

     Returns the namespace at `path` owned by `username`, with its owner,
    its parent and the last build submitted to it. Answers without a token
    for a `public` namespace; an `internal` one needs any valid token, a
    `private` one the owner or a collaborator. A token without
    `namespace:read` is treated as no token.

    Args:
        username (str):
        path (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Namespace | ValidationErrors
    """

    return (
        await asyncio_detailed(
            username=username,
            path=path,
            client=client,
        )
    ).parsed
