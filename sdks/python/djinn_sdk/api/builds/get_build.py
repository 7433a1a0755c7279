from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.build import Build
from ...models.error import Error
from ...models.validation_errors import ValidationErrors
from ...types import Response


def _get_kwargs(
    username: str,
    number: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/b/{username}/{number}".format(
            username=quote(str(username), safe=""),
            number=quote(str(number), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Build | Error | ValidationErrors | None:
    if response.status_code == 200:
        response_200 = Build.from_dict(response.json())

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
) -> Response[Build | Error | ValidationErrors]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    username: str,
    number: int,
    *,
    client: AuthenticatedClient,
) -> Response[Build | Error | ValidationErrors]:
    """Get a build

     Returns a build with its user, namespace and trigger. A build in a
    `public` namespace can be read without a token (or with a token lacking
    `build:read`); one in an `internal` namespace needs any valid token;
    otherwise the caller must own the build or own or collaborate in its
    namespace.

    Args:
        username (str):
        number (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Build | Error | ValidationErrors]
    """

    kwargs = _get_kwargs(
        username=username,
        number=number,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    username: str,
    number: int,
    *,
    client: AuthenticatedClient,
) -> Build | Error | ValidationErrors | None:
    """Get a build

     Returns a build with its user, namespace and trigger. A build in a
    `public` namespace can be read without a token (or with a token lacking
    `build:read`); one in an `internal` namespace needs any valid token;
    otherwise the caller must own the build or own or collaborate in its
    namespace.

    Args:
        username (str):
        number (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Build | Error | ValidationErrors
    """

    return sync_detailed(
        username=username,
        number=number,
        client=client,
    ).parsed


async def asyncio_detailed(
    username: str,
    number: int,
    *,
    client: AuthenticatedClient,
) -> Response[Build | Error | ValidationErrors]:
    """Get a build

     Returns a build with its user, namespace and trigger. A build in a
    `public` namespace can be read without a token (or with a token lacking
    `build:read`); one in an `internal` namespace needs any valid token;
    otherwise the caller must own the build or own or collaborate in its
    namespace.

    Args:
        username (str):
        number (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Build | Error | ValidationErrors]
    """

    kwargs = _get_kwargs(
        username=username,
        number=number,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    username: str,
    number: int,
    *,
    client: AuthenticatedClient,
) -> Build | Error | ValidationErrors | None:
    """Get a build

     Returns a build with its user, namespace and trigger. A build in a
    `public` namespace can be read without a token (or with a token lacking
    `build:read`); one in an `internal` namespace needs any valid token;
    otherwise the caller must own the build or own or collaborate in its
    namespace.

    Args:
        username (str):
        number (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Build | Error | ValidationErrors
    """

    return (
        await asyncio_detailed(
            username=username,
            number=number,
            client=client,
        )
    ).parsed
