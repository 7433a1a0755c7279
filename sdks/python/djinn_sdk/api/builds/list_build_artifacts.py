from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.artifact import Artifact
from ...models.error import Error
from ...models.validation_errors import ValidationErrors
from ...types import UNSET, Response, Unset


def _get_kwargs(
    username: str,
    number: int,
    *,
    search: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["search"] = search

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/b/{username}/{number}/artifacts".format(
            username=quote(str(username), safe=""),
            number=quote(str(number), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ValidationErrors | list[Artifact] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Artifact.from_dict(response_200_item_data)

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
) -> Response[Error | ValidationErrors | list[Artifact]]:
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
    search: str | Unset = UNSET,
) -> Response[Error | ValidationErrors | list[Artifact]]:
    """List a build's artifacts

     Returns the artifacts the build's jobs declare, collected or not yet
    (`size`, `md5` and `sha256` are null until collected; `deleted_at` is
    set once the curator has removed the file). `search` keeps those whose
    `name` contains the text. Readable by whoever may read the build,
    anonymously too for a build in a `public` namespace.

    Args:
        username (str):
        number (int):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationErrors | list[Artifact]]
    """

    kwargs = _get_kwargs(
        username=username,
        number=number,
        search=search,
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
    search: str | Unset = UNSET,
) -> Error | ValidationErrors | list[Artifact] | None:
    """List a build's artifacts

     Returns the artifacts the build's jobs declare, collected or not yet
    (`size`, `md5` and `sha256` are null until collected; `deleted_at` is
    set once the curator has removed the file). `search` keeps those whose
    `name` contains the text. Readable by whoever may read the build,
    anonymously too for a build in a `public` namespace.

    Args:
        username (str):
        number (int):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationErrors | list[Artifact]
    """

    return sync_detailed(
        username=username,
        number=number,
        client=client,
        search=search,
    ).parsed


async def asyncio_detailed(
    username: str,
    number: int,
    *,
    client: AuthenticatedClient,
    search: str | Unset = UNSET,
) -> Response[Error | ValidationErrors | list[Artifact]]:
    """List a build's artifacts

     Returns the artifacts the build's jobs declare, collected or not yet
    (`size`, `md5` and `sha256` are null until collected; `deleted_at` is
    set once the curator has removed the file). `search` keeps those whose
    `name` contains the text. Readable by whoever may read the build,
    anonymously too for a build in a `public` namespace.

    Args:
        username (str):
        number (int):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationErrors | list[Artifact]]
    """

    kwargs = _get_kwargs(
        username=username,
        number=number,
        search=search,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    username: str,
    number: int,
    *,
    client: AuthenticatedClient,
    search: str | Unset = UNSET,
) -> Error | ValidationErrors | list[Artifact] | None:
    """List a build's artifacts

     Returns the artifacts the build's jobs declare, collected or not yet
    (`size`, `md5` and `sha256` are null until collected; `deleted_at` is
    set once the curator has removed the file). `search` keeps those whose
    `name` contains the text. Readable by whoever may read the build,
    anonymously too for a build in a `public` namespace.

    Args:
        username (str):
        number (int):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationErrors | list[Artifact]
    """

    return (
        await asyncio_detailed(
            username=username,
            number=number,
            client=client,
            search=search,
        )
    ).parsed
