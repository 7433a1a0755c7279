from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.image import Image
from ...models.image_create import ImageCreate
from ...models.validation_errors import ValidationErrors
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    body: File | ImageCreate | Unset = UNSET,
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
        "url": "/images",
        "params": params,
    }

    if isinstance(body, File):
        _kwargs["content"] = body.payload
        headers["Content-Type"] = "application/octet-stream"
    if isinstance(body, ImageCreate):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"

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

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())

        return response_415

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
    body: File | ImageCreate | Unset = UNSET,
    name: str | Unset = UNSET,
    namespace: str | Unset = UNSET,
) -> Response[Error | Image | ValidationErrors]:
    """Upload an image, or have the server download one

     Creates a QCOW2 disk image for the `qemu` driver (used as a manifest's
    `driver.image`, by name). Two ways:

    - **Direct upload**: the body is the image's bytes, sent as
      `application/octet-stream` (or `application/x-qemu-disk`), with
      `name` and `namespace` (optional, may be empty) as query
      parameters. The body must be a QCOW2 image: it starts with the
      magic `QFI\\xfb`, whatever its length, and names no backing file and
      no external data file, which could read files of the host (each
      checked when the file is long enough to hold the field). It may not
      exceed the server's upload size limit (`DJINN_MAX_UPLOAD_BYTES`). It
      is streamed to the store, never held whole in memory; one that ends
      before it is complete (the client disconnected) keeps nothing.
    - **Download**: a JSON body `{name, namespace?, download_url}`. The
      server answers at once and fetches the file in the background;
      `download` on the image reports its progress and error. Only `http`
      and `https` URLs are accepted, and URLs whose host resolves to a
      private, loopback, link-local or otherwise non-public address are
      refused (400 under `download_url`); so is each redirect to one,
      which ends the download with an `error`, as does a downloaded file
      that is not an acceptable QCOW2 image or exceeds the size limit. A
      JSON body whose `download_url` is missing, `null` or `""` is not a
      download: it is a request without a file (400 under `file`).

    The request is validated like a form: every problem is reported at
    once, in one 400, under `name` (missing; not only letters, digits,
    `-` and `_`; or already taken by the owner in that namespace),
    `namespace` (a malformed path), `file` (no body, an empty body, not
    an acceptable QCOW2 image, or over the size limit, also when that is
    only found out while it streams) and `download_url`. Nothing is kept
    when anything fails. A `namespace` that does not exist yet is
    created, `private`, when it would be the caller's own; a namespace
    the caller neither owns nor collaborates in answers 422, before any
    400. 413 is only for a JSON body over the JSON size limit.

    Args:
        name (str | Unset):
        namespace (str | Unset):
        body (File): The QCOW2 image file.
        body (ImageCreate): The JSON body of a request creating an image the server downloads
            from `download_url`. `name` and `download_url` are required by the
            rules of the operation, not by the schema, so that every problem is
            reported at once (400 under `name`, and under `file` when
            `download_url` is missing, `null` or `""`).
             Example: {'name': 'debian-bookworm', 'namespace': 'djinn', 'download_url':
            'https://images.example.com/debian-bookworm.qcow2'}.

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
    body: File | ImageCreate | Unset = UNSET,
    name: str | Unset = UNSET,
    namespace: str | Unset = UNSET,
) -> Error | Image | ValidationErrors | None:
    """Upload an image, or have the server download one

     Creates a QCOW2 disk image for the `qemu` driver (used as a manifest's
    `driver.image`, by name). Two ways:

    - **Direct upload**: the body is the image's bytes, sent as
      `application/octet-stream` (or `application/x-qemu-disk`), with
      `name` and `namespace` (optional, may be empty) as query
      parameters. The body must be a QCOW2 image: it starts with the
      magic `QFI\\xfb`, whatever its length, and names no backing file and
      no external data file, which could read files of the host (each
      checked when the file is long enough to hold the field). It may not
      exceed the server's upload size limit (`DJINN_MAX_UPLOAD_BYTES`). It
      is streamed to the store, never held whole in memory; one that ends
      before it is complete (the client disconnected) keeps nothing.
    - **Download**: a JSON body `{name, namespace?, download_url}`. The
      server answers at once and fetches the file in the background;
      `download` on the image reports its progress and error. Only `http`
      and `https` URLs are accepted, and URLs whose host resolves to a
      private, loopback, link-local or otherwise non-public address are
      refused (400 under `download_url`); so is each redirect to one,
      which ends the download with an `error`, as does a downloaded file
      that is not an acceptable QCOW2 image or exceeds the size limit. A
      JSON body whose `download_url` is missing, `null` or `""` is not a
      download: it is a request without a file (400 under `file`).

    The request is validated like a form: every problem is reported at
    once, in one 400, under `name` (missing; not only letters, digits,
    `-` and `_`; or already taken by the owner in that namespace),
    `namespace` (a malformed path), `file` (no body, an empty body, not
    an acceptable QCOW2 image, or over the size limit, also when that is
    only found out while it streams) and `download_url`. Nothing is kept
    when anything fails. A `namespace` that does not exist yet is
    created, `private`, when it would be the caller's own; a namespace
    the caller neither owns nor collaborates in answers 422, before any
    400. 413 is only for a JSON body over the JSON size limit.

    Args:
        name (str | Unset):
        namespace (str | Unset):
        body (File): The QCOW2 image file.
        body (ImageCreate): The JSON body of a request creating an image the server downloads
            from `download_url`. `name` and `download_url` are required by the
            rules of the operation, not by the schema, so that every problem is
            reported at once (400 under `name`, and under `file` when
            `download_url` is missing, `null` or `""`).
             Example: {'name': 'debian-bookworm', 'namespace': 'djinn', 'download_url':
            'https://images.example.com/debian-bookworm.qcow2'}.

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
    body: File | ImageCreate | Unset = UNSET,
    name: str | Unset = UNSET,
    namespace: str | Unset = UNSET,
) -> Response[Error | Image | ValidationErrors]:
    """Upload an image, or have the server download one

     Creates a QCOW2 disk image for the `qemu` driver (used as a manifest's
    `driver.image`, by name). Two ways:

    - **Direct upload**: the body is the image's bytes, sent as
      `application/octet-stream` (or `application/x-qemu-disk`), with
      `name` and `namespace` (optional, may be empty) as query
      parameters. The body must be a QCOW2 image: it starts with the
      magic `QFI\\xfb`, whatever its length, and names no backing file and
      no external data file, which could read files of the host (each
      checked when the file is long enough to hold the field). It may not
      exceed the server's upload size limit (`DJINN_MAX_UPLOAD_BYTES`). It
      is streamed to the store, never held whole in memory; one that ends
      before it is complete (the client disconnected) keeps nothing.
    - **Download**: a JSON body `{name, namespace?, download_url}`. The
      server answers at once and fetches the file in the background;
      `download` on the image reports its progress and error. Only `http`
      and `https` URLs are accepted, and URLs whose host resolves to a
      private, loopback, link-local or otherwise non-public address are
      refused (400 under `download_url`); so is each redirect to one,
      which ends the download with an `error`, as does a downloaded file
      that is not an acceptable QCOW2 image or exceeds the size limit. A
      JSON body whose `download_url` is missing, `null` or `""` is not a
      download: it is a request without a file (400 under `file`).

    The request is validated like a form: every problem is reported at
    once, in one 400, under `name` (missing; not only letters, digits,
    `-` and `_`; or already taken by the owner in that namespace),
    `namespace` (a malformed path), `file` (no body, an empty body, not
    an acceptable QCOW2 image, or over the size limit, also when that is
    only found out while it streams) and `download_url`. Nothing is kept
    when anything fails. A `namespace` that does not exist yet is
    created, `private`, when it would be the caller's own; a namespace
    the caller neither owns nor collaborates in answers 422, before any
    400. 413 is only for a JSON body over the JSON size limit.

    Args:
        name (str | Unset):
        namespace (str | Unset):
        body (File): The QCOW2 image file.
        body (ImageCreate): The JSON body of a request creating an image the server downloads
            from `download_url`. `name` and `download_url` are required by the
            rules of the operation, not by the schema, so that every problem is
            reported at once (400 under `name`, and under `file` when
            `download_url` is missing, `null` or `""`).
             Example: {'name': 'debian-bookworm', 'namespace': 'djinn', 'download_url':
            'https://images.example.com/debian-bookworm.qcow2'}.

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
    body: File | ImageCreate | Unset = UNSET,
    name: str | Unset = UNSET,
    namespace: str | Unset = UNSET,
) -> Error | Image | ValidationErrors | None:
    """Upload an image, or have the server download one

     Creates a QCOW2 disk image for the `qemu` driver (used as a manifest's
    `driver.image`, by name). Two ways:

    - **Direct upload**: the body is the image's bytes, sent as
      `application/octet-stream` (or `application/x-qemu-disk`), with
      `name` and `namespace` (optional, may be empty) as query
      parameters. The body must be a QCOW2 image: it starts with the
      magic `QFI\\xfb`, whatever its length, and names no backing file and
      no external data file, which could read files of the host (each
      checked when the file is long enough to hold the field). It may not
      exceed the server's upload size limit (`DJINN_MAX_UPLOAD_BYTES`). It
      is streamed to the store, never held whole in memory; one that ends
      before it is complete (the client disconnected) keeps nothing.
    - **Download**: a JSON body `{name, namespace?, download_url}`. The
      server answers at once and fetches the file in the background;
      `download` on the image reports its progress and error. Only `http`
      and `https` URLs are accepted, and URLs whose host resolves to a
      private, loopback, link-local or otherwise non-public address are
      refused (400 under `download_url`); so is each redirect to one,
      which ends the download with an `error`, as does a downloaded file
      that is not an acceptable QCOW2 image or exceeds the size limit. A
      JSON body whose `download_url` is missing, `null` or `""` is not a
      download: it is a request without a file (400 under `file`).

    The request is validated like a form: every problem is reported at
    once, in one 400, under `name` (missing; not only letters, digits,
    `-` and `_`; or already taken by the owner in that namespace),
    `namespace` (a malformed path), `file` (no body, an empty body, not
    an acceptable QCOW2 image, or over the size limit, also when that is
    only found out while it streams) and `download_url`. Nothing is kept
    when anything fails. A `namespace` that does not exist yet is
    created, `private`, when it would be the caller's own; a namespace
    the caller neither owns nor collaborates in answers 422, before any
    400. 413 is only for a JSON body over the JSON size limit.

    Args:
        name (str | Unset):
        namespace (str | Unset):
        body (File): The QCOW2 image file.
        body (ImageCreate): The JSON body of a request creating an image the server downloads
            from `download_url`. `name` and `download_url` are required by the
            rules of the operation, not by the schema, so that every problem is
            reported at once (400 under `name`, and under `file` when
            `download_url` is missing, `null` or `""`).
             Example: {'name': 'debian-bookworm', 'namespace': 'djinn', 'download_url':
            'https://images.example.com/debian-bookworm.qcow2'}.

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
