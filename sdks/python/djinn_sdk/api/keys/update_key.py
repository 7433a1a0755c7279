from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.key import Key
from ...models.key_update import KeyUpdate
from ...models.validation_errors import ValidationErrors
from ...types import Response


def _get_kwargs(
    id: int,
    *,
    body: KeyUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/keys/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | Key | ValidationErrors | None:
    if response.status_code == 200:
        response_200 = Key.from_dict(response.json())

        return response_200

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
) -> Response[Error | Key | ValidationErrors]:
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
    body: KeyUpdate,
) -> Response[Error | Key | ValidationErrors]:
    """Update an SSH key

     Changes the key's name, SSH config or namespace; the private key itself
    cannot be changed (create a new key instead). Fields left out, `null`
    or `""` stay as they are. A new name is normalised like on create and
    must stay unique per owner and namespace (400 under `name`). A new
    `namespace` follows the create rules: created on the fly when it would
    be the caller's own, 422 when the caller may not work in it.

    Args:
        id (int):
        body (KeyUpdate): The body of a request updating an SSH key. Every field is optional;
            fields left out, `null` or `""` are not changed.
             Example: {'config': 'Host github.com\\n  User git\\n  IdentitiesOnly yes\\n'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Key | ValidationErrors]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient,
    body: KeyUpdate,
) -> Error | Key | ValidationErrors | None:
    """Update an SSH key

     Changes the key's name, SSH config or namespace; the private key itself
    cannot be changed (create a new key instead). Fields left out, `null`
    or `""` stay as they are. A new name is normalised like on create and
    must stay unique per owner and namespace (400 under `name`). A new
    `namespace` follows the create rules: created on the fly when it would
    be the caller's own, 422 when the caller may not work in it.

    Args:
        id (int):
        body (KeyUpdate): The body of a request updating an SSH key. Every field is optional;
            fields left out, `null` or `""` are not changed.
             Example: {'config': 'Host github.com\\n  User git\\n  IdentitiesOnly yes\\n'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Key | ValidationErrors
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    body: KeyUpdate,
) -> Response[Error | Key | ValidationErrors]:
    """Update an SSH key

     Changes the key's name, SSH config or namespace; the private key itself
    cannot be changed (create a new key instead). Fields left out, `null`
    or `""` stay as they are. A new name is normalised like on create and
    must stay unique per owner and namespace (400 under `name`). A new
    `namespace` follows the create rules: created on the fly when it would
    be the caller's own, 422 when the caller may not work in it.

    Args:
        id (int):
        body (KeyUpdate): The body of a request updating an SSH key. Every field is optional;
            fields left out, `null` or `""` are not changed.
             Example: {'config': 'Host github.com\\n  User git\\n  IdentitiesOnly yes\\n'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Key | ValidationErrors]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient,
    body: KeyUpdate,
) -> Error | Key | ValidationErrors | None:
    """Update an SSH key

     Changes the key's name, SSH config or namespace; the private key itself
    cannot be changed (create a new key instead). Fields left out, `null`
    or `""` stay as they are. A new name is normalised like on create and
    must stay unique per owner and namespace (400 under `name`). A new
    `namespace` follows the create rules: created on the fly when it would
    be the caller's own, 422 when the caller may not work in it.

    Args:
        id (int):
        body (KeyUpdate): The body of a request updating an SSH key. Every field is optional;
            fields left out, `null` or `""` are not changed.
             Example: {'config': 'Host github.com\\n  User git\\n  IdentitiesOnly yes\\n'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Key | ValidationErrors
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
