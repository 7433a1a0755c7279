from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.object_ import Object
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
        "url": "/objects",
        "params": params,
    }

    _kwargs["content"] = body.payload
    headers["Content-Type"] = "application/octet-stream"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | Object | ValidationErrors | None:
    if response.status_code == 201:
        response_201 = Object.from_dict(response.json())

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
) -> Response[Error | Object | ValidationErrors]:
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
) -> Response[Error | Object | ValidationErrors]:
    """Upload an object

     Stores a file to be placed into builds that list it under `objects`
    in their manifest. The body is the file's bytes, of any type, with
    `Content-Type` set to its MIME type; `name` and `namespace`
    (optional, may be empty) are query parameters.

    The body is streamed to the store (never held whole in memory), and
    `size`, `md5` and `sha256` are computed while it streams. When the
    `Content-Type` is absent or generic (`application/octet-stream`), the
    MIME type is sniffed from the content. Whatever the `Content-Type`,
    form types included, the body is stored as sent, never parsed.

    The request is validated like a form: every problem is reported at
    once, in one 400, under `name` (missing; not only letters, digits,
    `.`, `-` and `_`; or already taken by the owner in that namespace),
    `namespace` (a malformed path) and `file` (no body, an empty body, or
    one larger than the server's upload size limit,
    `DJINN_MAX_UPLOAD_BYTES`, also when that is only found out while it
    streams). A body that ends before it is complete (the client
    disconnected) keeps nothing either. A `namespace` that does not exist
    yet is created, `private`, when it would be the caller's own; a
    namespace the caller neither owns nor collaborates in answers 422,
    before any 400.

    Args:
        name (str | Unset):
        namespace (str | Unset):
        body (File): The file.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Object | ValidationErrors]
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
) -> Error | Object | ValidationErrors | None:
    """Upload an object

     Stores a file to be placed into builds that list it under `objects`
    in their manifest. The body is the file's bytes, of any type, with
    `Content-Type` set to its MIME type; `name` and `namespace`
    (optional, may be empty) are query parameters.

    The body is streamed to the store (never held whole in memory), and
    `size`, `md5` and `sha256` are computed while it streams. When the
    `Content-Type` is absent or generic (`application/octet-stream`), the
    MIME type is sniffed from the content. Whatever the `Content-Type`,
    form types included, the body is stored as sent, never parsed.

    The request is validated like a form: every problem is reported at
    once, in one 400, under `name` (missing; not only letters, digits,
    `.`, `-` and `_`; or already taken by the owner in that namespace),
    `namespace` (a malformed path) and `file` (no body, an empty body, or
    one larger than the server's upload size limit,
    `DJINN_MAX_UPLOAD_BYTES`, also when that is only found out while it
    streams). A body that ends before it is complete (the client
    disconnected) keeps nothing either. A `namespace` that does not exist
    yet is created, `private`, when it would be the caller's own; a
    namespace the caller neither owns nor collaborates in answers 422,
    before any 400.

    Args:
        name (str | Unset):
        namespace (str | Unset):
        body (File): The file.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Object | ValidationErrors
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
) -> Response[Error | Object | ValidationErrors]:
    """Upload an object

     Stores a file to be placed into builds that list it under `objects`
    in their manifest. The body is the file's bytes, of any type, with
    `Content-Type` set to its MIME type; `name` and `namespace`
    (optional, may be empty) are query parameters.

    The body is streamed to the store (never held whole in memory), and
    `size`, `md5` and `sha256` are computed while it streams. When the
    `Content-Type` is absent or generic (`application/octet-stream`), the
    MIME type is sniffed from the content. Whatever the `Content-Type`,
    form types included, the body is stored as sent, never parsed.

    The request is validated like a form: every problem is reported at
    once, in one 400, under `name` (missing; not only letters, digits,
    `.`, `-` and `_`; or already taken by the owner in that namespace),
    `namespace` (a malformed path) and `file` (no body, an empty body, or
    one larger than the server's upload size limit,
    `DJINN_MAX_UPLOAD_BYTES`, also when that is only found out while it
    streams). A body that ends before it is complete (the client
    disconnected) keeps nothing either. A `namespace` that does not exist
    yet is created, `private`, when it would be the caller's own; a
    namespace the caller neither owns nor collaborates in answers 422,
    before any 400.

    Args:
        name (str | Unset):
        namespace (str | Unset):
        body (File): The file.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Object | ValidationErrors]
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
) -> Error | Object | ValidationErrors | None:
    """Upload an object

     Stores a file to be placed into builds that list it under `objects`
    in their manifest. The body is the file's bytes, of any type, with
    `Content-Type` set to its MIME type; `name` and `namespace`
    (optional, may be empty) are query parameters.

    The body is streamed to the store (never held whole in memory), and
    `size`, `md5` and `sha256` are computed while it streams. When the
    `Content-Type` is absent or generic (`application/octet-stream`), the
    MIME type is sniffed from the content. Whatever the `Content-Type`,
    form types included, the body is stored as sent, never parsed.

    The request is validated like a form: every problem is reported at
    once, in one 400, under `name` (missing; not only letters, digits,
    `.`, `-` and `_`; or already taken by the owner in that namespace),
    `namespace` (a malformed path) and `file` (no body, an empty body, or
    one larger than the server's upload size limit,
    `DJINN_MAX_UPLOAD_BYTES`, also when that is only found out while it
    streams). A body that ends before it is complete (the client
    disconnected) keeps nothing either. A `namespace` that does not exist
    yet is created, `private`, when it would be the caller's own; a
    namespace the caller neither owns nor collaborates in answers 422,
    before any 400.

    Args:
        name (str | Unset):
        namespace (str | Unset):
        body (File): The file.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Object | ValidationErrors
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            name=name,
            namespace=namespace,
        )
    ).parsed
