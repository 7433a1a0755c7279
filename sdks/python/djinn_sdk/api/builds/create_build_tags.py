from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.tag import Tag
from ...models.validation_errors import ValidationErrors
from ...types import Response


def _get_kwargs(
    username: str,
    number: int,
    *,
    body: list[str],
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/b/{username}/{number}/tags".format(
            username=quote(str(username), safe=""),
            number=quote(str(number), safe=""),
        ),
    }

    _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ValidationErrors | list[Tag] | None:
    if response.status_code == 201:
        response_201 = []
        _response_201 = response.json()
        for response_201_item_data in _response_201:
            response_201_item = Tag.from_dict(response_201_item_data)

            response_201.append(response_201_item)

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | ValidationErrors | list[Tag]]:
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
    body: list[str],
) -> Response[Error | ValidationErrors | list[Tag]]:
    """Tag a build

     Adds tags to the build. The body is a JSON array of tag names; a tag
    the build already carries is not added twice. Answers the tags
    created. Fires the namespace's `build.tagged` webhooks.

    The caller must own the build or own or collaborate in its namespace.

    Args:
        username (str):
        number (int):
        body (list[str]): The names of the tags to put on a build. Example: ['release', 'v1.2.0'].

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationErrors | list[Tag]]
    """

    kwargs = _get_kwargs(
        username=username,
        number=number,
        body=body,
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
    body: list[str],
) -> Error | ValidationErrors | list[Tag] | None:
    """Tag a build

     Adds tags to the build. The body is a JSON array of tag names; a tag
    the build already carries is not added twice. Answers the tags
    created. Fires the namespace's `build.tagged` webhooks.

    The caller must own the build or own or collaborate in its namespace.

    Args:
        username (str):
        number (int):
        body (list[str]): The names of the tags to put on a build. Example: ['release', 'v1.2.0'].

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationErrors | list[Tag]
    """

    return sync_detailed(
        username=username,
        number=number,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    username: str,
    number: int,
    *,
    client: AuthenticatedClient,
    body: list[str],
) -> Response[Error | ValidationErrors | list[Tag]]:
    """Tag a build

     Adds tags to the build. The body is a JSON array of tag names; a tag
    the build already carries is not added twice. Answers the tags
    created. Fires the namespace's `build.tagged` webhooks.

    The caller must own the build or own or collaborate in its namespace.

    Args:
        username (str):
        number (int):
        body (list[str]): The names of the tags to put on a build. Example: ['release', 'v1.2.0'].

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationErrors | list[Tag]]
    """

    kwargs = _get_kwargs(
        username=username,
        number=number,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    username: str,
    number: int,
    *,
    client: AuthenticatedClient,
    body: list[str],
) -> Error | ValidationErrors | list[Tag] | None:
    """Tag a build

     Adds tags to the build. The body is a JSON array of tag names; a tag
    the build already carries is not added twice. Answers the tags
    created. Fires the namespace's `build.tagged` webhooks.

    The caller must own the build or own or collaborate in its namespace.

    Args:
        username (str):
        number (int):
        body (list[str]): The names of the tags to put on a build. Example: ['release', 'v1.2.0'].

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationErrors | list[Tag]
    """

    return (
        await asyncio_detailed(
            username=username,
            number=number,
            client=client,
            body=body,
        )
    ).parsed
