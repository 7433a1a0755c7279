from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.validation_errors import ValidationErrors
from ...types import File, Response


def _get_kwargs(
    id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/images/{id}/download".format(
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | File | ValidationErrors | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

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
) -> Response[Error | File | ValidationErrors]:
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
) -> Response[Error | File | ValidationErrors]:
    """Download an image's QCOW2 bytes

     Streams the image's QCOW2 file, whatever `Accept` says, as
    `application/octet-stream`: the same bytes `getImage` answers to
    `Accept: application/x-qemu-disk`, in an operation of their own so
    that generated clients type them as binary. 404 while a download has
    not finished or after it failed. Readable by whoever may read the
    image. An extension of this server, not in the original Djinn CI API.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | File | ValidationErrors]
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
) -> Error | File | ValidationErrors | None:
    """Download an image's QCOW2 bytes

     Streams the image's QCOW2 file, whatever `Accept` says, as
    `application/octet-stream`: the same bytes `getImage` answers to
    `Accept: application/x-qemu-disk`, in an operation of their own so
    that generated clients type them as binary. 404 while a download has
    not finished or after it failed. Readable by whoever may read the
    image. An extension of this server, not in the original Djinn CI API.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | File | ValidationErrors
    """

    return sync_detailed(
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
) -> Response[Error | File | ValidationErrors]:
    """Download an image's QCOW2 bytes

     Streams the image's QCOW2 file, whatever `Accept` says, as
    `application/octet-stream`: the same bytes `getImage` answers to
    `Accept: application/x-qemu-disk`, in an operation of their own so
    that generated clients type them as binary. 404 while a download has
    not finished or after it failed. Readable by whoever may read the
    image. An extension of this server, not in the original Djinn CI API.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | File | ValidationErrors]
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
) -> Error | File | ValidationErrors | None:
    """Download an image's QCOW2 bytes

     Streams the image's QCOW2 file, whatever `Accept` says, as
    `application/octet-stream`: the same bytes `getImage` answers to
    `Accept: application/x-qemu-disk`, in an operation of their own so
    that generated clients type them as binary. 404 while a download has
    not finished or after it failed. Readable by whoever may read the
    image. An extension of this server, not in the original Djinn CI API.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | File | ValidationErrors
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
        )
    ).parsed
