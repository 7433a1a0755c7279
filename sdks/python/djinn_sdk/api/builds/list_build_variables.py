from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.build_variable import BuildVariable
from ...models.error import Error
from ...models.validation_errors import ValidationErrors
from ...types import Response


def _get_kwargs(
    username: str,
    number: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/b/{username}/{number}/variables".format(
            username=quote(str(username), safe=""),
            number=quote(str(number), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ValidationErrors | list[BuildVariable] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = BuildVariable.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Error | ValidationErrors | list[BuildVariable]]:
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
) -> Response[Error | ValidationErrors | list[BuildVariable]]:
    """List the variables set in a build

     Returns the variables the build was given when it was submitted: a
    snapshot, unaffected by later changes to the variables themselves.
    Masked values read `xxxxxx`. Readable by whoever may read the build,
    anonymously too for a build in a `public` namespace.

    Args:
        username (str):
        number (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationErrors | list[BuildVariable]]
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
) -> Error | ValidationErrors | list[BuildVariable] | None:
    """List the variables set in a build

     Returns the variables the build was given when it was submitted: a
    snapshot, unaffected by later changes to the variables themselves.
    Masked values read `xxxxxx`. Readable by whoever may read the build,
    anonymously too for a build in a `public` namespace.

    Args:
        username (str):
        number (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationErrors | list[BuildVariable]
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
) -> Response[Error | ValidationErrors | list[BuildVariable]]:
    """List the variables set in a build

     Returns the variables the build was given when it was submitted: a
    snapshot, unaffected by later changes to the variables themselves.
    Masked values read `xxxxxx`. Readable by whoever may read the build,
    anonymously too for a build in a `public` namespace.

    Args:
        username (str):
        number (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationErrors | list[BuildVariable]]
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
) -> Error | ValidationErrors | list[BuildVariable] | None:
    """List the variables set in a build

     Returns the variables the build was given when it was submitted: a
    snapshot, unaffected by later changes to the variables themselves.
    Masked values read `xxxxxx`. Readable by whoever may read the build,
    anonymously too for a build in a `public` namespace.

    Args:
        username (str):
        number (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationErrors | list[BuildVariable]
    """

    return (
        await asyncio_detailed(
            username=username,
            number=number,
            client=client,
        )
    ).parsed
