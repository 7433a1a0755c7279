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
        "method": "patch",
        "url": "/b/{username}/{number}/pin".format(
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
    """Pin a build

     Pins a build: the artifacts of a pinned build are kept by the curator,
    which otherwise removes a user's oldest artifacts once they exceed the
    server's storage threshold. Pinning a pinned build changes nothing.
    Takes no request body. Fires the namespace's `build.pinned` webhooks.

    The caller must own the build or own or collaborate in its namespace.

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
    """Pin a build

     Pins a build: the artifacts of a pinned build are kept by the curator,
    which otherwise removes a user's oldest artifacts once they exceed the
    server's storage threshold. Pinning a pinned build changes nothing.
    Takes no request body. Fires the namespace's `build.pinned` webhooks.

    The caller must own the build or own or collaborate in its namespace.

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
    """Pin a build

     Pins a build: the artifacts of a pinned build are kept by the curator,
    which otherwise removes a user's oldest artifacts once they exceed the
    server's storage threshold. Pinning a pinned build changes nothing.
    Takes no request body. Fires the namespace's `build.pinned` webhooks.

    The caller must own the build or own or collaborate in its namespace.

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
    """Pin a build

     Pins a build: the artifacts of a pinned build are kept by the curator,
    which otherwise removes a user's oldest artifacts once they exceed the
    server's storage threshold. Pinning a pinned build changes nothing.
    Takes no request body. Fires the namespace's `build.pinned` webhooks.

    The caller must own the build or own or collaborate in its namespace.

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
