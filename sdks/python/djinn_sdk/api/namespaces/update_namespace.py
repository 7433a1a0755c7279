from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.namespace import Namespace
from ...models.namespace_update import NamespaceUpdate
from ...models.validation_errors import ValidationErrors
from ...types import Response


def _get_kwargs(
    username: str,
    path: str,
    *,
    body: NamespaceUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/n/{username}/{path}".format(
            username=quote(str(username), safe=""),
            path=quote(str(path), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | Namespace | ValidationErrors | None:
    if response.status_code == 200:
        response_200 = Namespace.from_dict(response.json())

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | Namespace | ValidationErrors]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    username: str,
    path: str,
    *,
    client: AuthenticatedClient,
    body: NamespaceUpdate,
) -> Response[Error | Namespace | ValidationErrors]:
    """Update a namespace

     Changes the namespace's `description` and `visibility`; fields left
    out, `null` or `""` stay unchanged. Visibility belongs to the
    top-level namespace: a root's new `visibility` is set on it and on
    every namespace below it, more or less visible than before; one given
    for a child is ignored (the child keeps its root's). Only the owner
    may update a namespace: anyone else, a collaborator included, gets
    404, as for a namespace that does not exist.
    Emits the `namespaces` webhook event with action `updated`.

    Args:
        username (str):
        path (str):
        body (NamespaceUpdate): The body of `updateNamespace`. Fields left out, `null` or `""`
            stay
            unchanged.
             Example: {'description': 'Builds of the djinn project', 'visibility': 'internal'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Namespace | ValidationErrors]
    """

    kwargs = _get_kwargs(
        username=username,
        path=path,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    username: str,
    path: str,
    *,
    client: AuthenticatedClient,
    body: NamespaceUpdate,
) -> Error | Namespace | ValidationErrors | None:
    """Update a namespace

     Changes the namespace's `description` and `visibility`; fields left
    out, `null` or `""` stay unchanged. Visibility belongs to the
    top-level namespace: a root's new `visibility` is set on it and on
    every namespace below it, more or less visible than before; one given
    for a child is ignored (the child keeps its root's). Only the owner
    may update a namespace: anyone else, a collaborator included, gets
    404, as for a namespace that does not exist.
    Emits the `namespaces` webhook event with action `updated`.

    Args:
        username (str):
        path (str):
        body (NamespaceUpdate): The body of `updateNamespace`. Fields left out, `null` or `""`
            stay
            unchanged.
             Example: {'description': 'Builds of the djinn project', 'visibility': 'internal'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Namespace | ValidationErrors
    """

    return sync_detailed(
        username=username,
        path=path,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    username: str,
    path: str,
    *,
    client: AuthenticatedClient,
    body: NamespaceUpdate,
) -> Response[Error | Namespace | ValidationErrors]:
    """Update a namespace

     Changes the namespace's `description` and `visibility`; fields left
    out, `null` or `""` stay unchanged. Visibility belongs to the
    top-level namespace: a root's new `visibility` is set on it and on
    every namespace below it, more or less visible than before; one given
    for a child is ignored (the child keeps its root's). Only the owner
    may update a namespace: anyone else, a collaborator included, gets
    404, as for a namespace that does not exist.
    Emits the `namespaces` webhook event with action `updated`.

    Args:
        username (str):
        path (str):
        body (NamespaceUpdate): The body of `updateNamespace`. Fields left out, `null` or `""`
            stay
            unchanged.
             Example: {'description': 'Builds of the djinn project', 'visibility': 'internal'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Namespace | ValidationErrors]
    """

    kwargs = _get_kwargs(
        username=username,
        path=path,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    username: str,
    path: str,
    *,
    client: AuthenticatedClient,
    body: NamespaceUpdate,
) -> Error | Namespace | ValidationErrors | None:
    """Update a namespace

     Changes the namespace's `description` and `visibility`; fields left
    out, `null` or `""` stay unchanged. Visibility belongs to the
    top-level namespace: a root's new `visibility` is set on it and on
    every namespace below it, more or less visible than before; one given
    for a child is ignored (the child keeps its root's). Only the owner
    may update a namespace: anyone else, a collaborator included, gets
    404, as for a namespace that does not exist.
    Emits the `namespaces` webhook event with action `updated`.

    Args:
        username (str):
        path (str):
        body (NamespaceUpdate): The body of `updateNamespace`. Fields left out, `null` or `""`
            stay
            unchanged.
             Example: {'description': 'Builds of the djinn project', 'visibility': 'internal'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Namespace | ValidationErrors
    """

    return (
        await asyncio_detailed(
            username=username,
            path=path,
            client=client,
            body=body,
        )
    ).parsed
