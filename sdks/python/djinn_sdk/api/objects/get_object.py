from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.object_ import Object
from ...models.validation_errors import ValidationErrors
from ...types import Response


def _get_kwargs(
    id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/objects/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | Object | ValidationErrors | None:
    if response.status_code == 200:
        response_200 = Object.from_dict(response.json())

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
) -> Response[Error | Object | ValidationErrors]:
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
) -> Response[Error | Object | ValidationErrors]:
    """Get an object, or download its bytes

     Returns an object the caller owns, or one in a namespace the caller
    owns or collaborates in. When `Accept` names the object's MIME type
    exactly, or `application/octet-stream`, the answer is the file itself
    with the object's MIME type as `Content-Type`; otherwise (including
    `application/json` and a bare `*/*`) the Object entity. The file is
    always an attachment the browser may not sniff:
    `Content-Disposition: attachment` with the object's name (the last
    part of a name with `/`; `filename*` holds the exact name when the
    quoted ASCII `filename` had to change it) and
    `X-Content-Type-Options: nosniff`.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Object | ValidationErrors]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient,
) -> Error | Object | ValidationErrors | None:
    """Get an object, or download its bytes

     Returns an object the caller owns, or one in a namespace the caller
    owns or collaborates in. When `Accept` names the object's MIME type
    exactly, or `application/octet-stream`, the answer is the file itself
    with the object's MIME type as `Content-Type`; otherwise (including
    `application/json` and a bare `*/*`) the Object entity. The file is
    always an attachment the browser may not sniff:
    `Content-Disposition: attachment` with the object's name (the last
    part of a name with `/`; `filename*` holds the exact name when the
    quoted ASCII `filename` had to change it) and
    `X-Content-Type-Options: nosniff`.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Object | ValidationErrors
    """

    return sync_detailed(
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
) -> Response[Error | Object | ValidationErrors]:
    """Get an object, or download its bytes

     Returns an object the caller owns, or one in a namespace the caller
    owns or collaborates in. When `Accept` names the object's MIME type
    exactly, or `application/octet-stream`, the answer is the file itself
    with the object's MIME type as `Content-Type`; otherwise (including
    `application/json` and a bare `*/*`) the Object entity. The file is
    always an attachment the browser may not sniff:
    `Content-Disposition: attachment` with the object's name (the last
    part of a name with `/`; `filename*` holds the exact name when the
    quoted ASCII `filename` had to change it) and
    `X-Content-Type-Options: nosniff`.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Object | ValidationErrors]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient,
) -> Error | Object | ValidationErrors | None:
    """Get an object, or download its bytes

     Returns an object the caller owns, or one in a namespace the caller
    owns or collaborates in. When `Accept` names the object's MIME type
    exactly, or `application/octet-stream`, the answer is the file itself
    with the object's MIME type as `Content-Type`; otherwise (including
    `application/json` and a bare `*/*`) the Object entity. The file is
    always an attachment the browser may not sniff:
    `Content-Disposition: attachment` with the object's name (the last
    part of a name with `/`; `filename*` holds the exact name when the
    quoted ASCII `filename` had to change it) and
    `X-Content-Type-Options: nosniff`.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Object | ValidationErrors
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
        )
    ).parsed
