from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.image import Image
from ...models.validation_errors import ValidationErrors
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = 1,
    cursor: str | Unset = UNSET,
    search: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["cursor"] = cursor

    params["search"] = search

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/images",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ValidationErrors | list[Image] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Image.from_dict(response_200_item_data)

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
) -> Response[Error | ValidationErrors | list[Image]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    cursor: str | Unset = UNSET,
    search: str | Unset = UNSET,
) -> Response[Error | ValidationErrors | list[Image]]:
    """List images

     Returns, 25 a page, the images the caller owns and those in namespaces
    the caller owns or collaborates in, ordered by name. `search` matches
    the name.

    Args:
        page (int | Unset):  Default: 1.
        cursor (str | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationErrors | list[Image]]
    """

    kwargs = _get_kwargs(
        page=page,
        cursor=cursor,
        search=search,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    cursor: str | Unset = UNSET,
    search: str | Unset = UNSET,
) -> Error | ValidationErrors | list[Image] | None:
    """List images

     Returns, 25 a page, the images the caller owns and those in namespaces
    the caller owns or collaborates in, ordered by name. `search` matches
    the name.

    Args:
        page (int | Unset):  Default: 1.
        cursor (str | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationErrors | list[Image]
    """

    return sync_detailed(
        client=client,
        page=page,
        cursor=cursor,
        search=search,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    cursor: str | Unset = UNSET,
    search: str | Unset = UNSET,
) -> Response[Error | ValidationErrors | list[Image]]:
    """List images

     Returns, 25 a page, the images the caller owns and those in namespaces
    the caller owns or collaborates in, ordered by name. `search` matches
    the name.

    Args:
        page (int | Unset):  Default: 1.
        cursor (str | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationErrors | list[Image]]
    """

    kwargs = _get_kwargs(
        page=page,
        cursor=cursor,
        search=search,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    cursor: str | Unset = UNSET,
    search: str | Unset = UNSET,
) -> Error | ValidationErrors | list[Image] | None:
    """List images

     Returns, 25 a page, the images the caller owns and those in namespaces
    the caller owns or collaborates in, ordered by name. `search` matches
    the name.

    Args:
        page (int | Unset):  Default: 1.
        cursor (str | Unset):
        search (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationErrors | list[Image]
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            cursor=cursor,
            search=search,
        )
    ).parsed
