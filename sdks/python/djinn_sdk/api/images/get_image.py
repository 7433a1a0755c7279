from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.image import Image
from ...models.validation_errors import ValidationErrors
from ...types import Response


def _get_kwargs(
    id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/images/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | Image | ValidationErrors | None:
    if response.status_code == 200:
        response_200 = Image.from_dict(response.json())

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
) -> Response[Error | Image | ValidationErrors]:
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
) -> Response[Error | Image | ValidationErrors]:
    """Get an image, or download its bytes

     Returns an image the caller owns, or one in a namespace the caller
    owns or collaborates in. With `Accept: application/x-qemu-disk` the
    answer is the QCOW2 file itself (404 while a download has not
    finished or after it failed), as an attachment named
    `<name>.qcow2` (`Content-Disposition: attachment`,
    `X-Content-Type-Options: nosniff`); otherwise the Image entity.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Image | ValidationErrors]
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
) -> Error | Image | ValidationErrors | None:
    """Get an image, or download its bytes

     Returns an image the caller owns, or one in a namespace the caller
    owns or collaborates in. With `Accept: application/x-qemu-disk` the
    answer is the QCOW2 file itself (404 while a download has not
    finished or after it failed), as an attachment named
    `<name>.qcow2` (`Content-Disposition: attachment`,
    `X-Content-Type-Options: nosniff`); otherwise the Image entity.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Image | ValidationErrors
    """

    return sync_detailed(
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
) -> Response[Error | Image | ValidationErrors]:
    """Get an image, or download its bytes

     Returns an image the caller owns, or one in a namespace the caller
    owns or collaborates in. With `Accept: application/x-qemu-disk` the
    answer is the QCOW2 file itself (404 while a download has not
    finished or after it failed), as an attachment named
    `<name>.qcow2` (`Content-Disposition: attachment`,
    `X-Content-Type-Options: nosniff`); otherwise the Image entity.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Image | ValidationErrors]
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
) -> Error | Image | ValidationErrors | None:
    """Get an image, or download its bytes

     Returns an image the caller owns, or one in a namespace the caller
    owns or collaborates in. With `Accept: application/x-qemu-disk` the
    answer is the QCOW2 file itself (404 while a download has not
    finished or after it failed), as an attachment named
    `<name>.qcow2` (`Content-Disposition: attachment`,
    `X-Content-Type-Options: nosniff`); otherwise the Image entity.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Image | ValidationErrors
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
        )
    ).parsed
