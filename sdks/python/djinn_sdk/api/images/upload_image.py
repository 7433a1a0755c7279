from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.image import Image
from ...models.validation_errors import ValidationErrors
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    body: File,
    name: str | Unset = UNSET,
    namespace: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["name"] = name

    params["namespace"] = namespace

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/images/upload",
        "params": params,
    }

    _kwargs["content"] = body.payload
    headers["Content-Type"] = "application/octet-stream"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | Image | ValidationErrors | None:
    if response.status_code == 201:
        response_201 = Image.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ValidationErrors.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

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
    *,
    client: AuthenticatedClient,
    body: File,
    name: str | Unset = UNSET,
    namespace: str | Unset = UNSET,
) -> Response[Error | Image | ValidationErrors]:
    """Upload an image's QCOW2 bytes

     The direct upload of `createImage`, in an operation of its own whose
    only body is the image's bytes, for generated clients that type one
    body per operation (they type `createImage`'s as the JSON download
    request). The same rules as a direct upload there: the body must be
    a QCOW2 image (the magic `QFI\\xfb`, no backing file, no external data
    file) within the server's upload size limit, streamed to the store;
    the request is validated like a form, every problem reported at once
    in one 400 under `name`, `namespace` and `file`, and nothing is kept
    when anything fails. A `namespace` that does not exist yet is
    created, `private`, when it would be the caller's own; one the caller
    may not work in answers 422, before any 400. An extension of this
    server, not in the original Djinn CI API.

    Args:
        name (str | Unset):
        namespace (str | Unset):
        body (File): The QCOW2 image file.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Image | ValidationErrors]
    """

    kwargs = _get_kwargs(
        body=body,
        name=name,
        namespace=namespace,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: File,
    name: str | Unset = UNSET,
    namespace: str | Unset = UNSET,
) -> Error | Image | ValidationErrors | None:
    """Upload an image's QCOW2 bytes

     The direct upload of `createImage`, in an operation of its own whose
    only body is the image's bytes, for generated clients that type one
    body per operation (they type `createImage`'s as the JSON download
    request). The same rules as a direct upload there: the body must be
    a QCOW2 image (the magic `QFI\\xfb`, no backing file, no external data
    file) within the server's upload size limit, streamed to the store;
    the request is validated like a form, every problem reported at once
    in one 400 under `name`, `namespace` and `file`, and nothing is kept
    when anything fails. A `namespace` that does not exist yet is
    created, `private`, when it would be the caller's own; one the caller
    may not work in answers 422, before any 400. An extension of this
    server, not in the original Djinn CI API.

    Args:
        name (str | Unset):
        namespace (str | Unset):
        body (File): The QCOW2 image file.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Image | ValidationErrors
    """

    return sync_detailed(
        client=client,
        body=body,
        name=name,
        namespace=namespace,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: File,
    name: str | Unset = UNSET,
    namespace: str | Unset = UNSET,
) -> Response[Error | Image | ValidationErrors]:
    """Upload an image's QCOW2 bytes

     The direct upload of `createImage`, in an operation of its own whose
    only body is the image's bytes, for generated clients that type one
    body per operation (they type `createImage`'s as the JSON download
    request). The same rules as a direct upload there: the body must be
    a QCOW2 image (the magic `QFI\\xfb`, no backing file, no external data
    file) within the server's upload size limit, streamed to the store;
    the request is validated like a form, every problem reported at once
    in one 400 under `name`, `namespace` and `file`, and nothing is kept
    when anything fails. A `namespace` that does not exist yet is
    created, `private`, when it would be the caller's own; one the caller
    may not work in answers 422, before any 400. An extension of this
    server, not in the original Djinn CI API.

    Args:
        name (str | Unset):
        namespace (str | Unset):
        body (File): The QCOW2 image file.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Image | ValidationErrors]
    """

    kwargs = _get_kwargs(
        body=body,
        name=name,
        namespace=namespace,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: File,
    name: str | Unset = UNSET,
    namespace: str | Unset = UNSET,
) -> Error | Image | ValidationErrors | None:
    """Upload an image's QCOW2 bytes

     The direct upload of `createImage`, in an operation of its own whose
    only body is the image's bytes, for generated clients that type one
    body per operation (they type `createImage`'s as the JSON download
    request). The same rules as a direct upload there: the body must be
    a QCOW2 image (the magic `QFI\\xfb`, no backing file, no external data
    file) within the server's upload size limit, streamed to the store;
    the request is validated like a form, every problem reported at once
    in one 400 under `name`, `namespace` and `file`, and nothing is kept
    when anything fails. A `namespace` that does not exist yet is
    created, `private`, when it would be the caller's own; one the caller
    may not work in answers 422, before any 400. An extension of this
    server, not in the original Djinn CI API.

    Args:
        name (str | Unset):
        namespace (str | Unset):
        body (File): The QCOW2 image file.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Image | ValidationErrors
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            name=name,
            namespace=namespace,
        )
    ).parsed
