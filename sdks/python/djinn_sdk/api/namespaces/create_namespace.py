from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.namespace import Namespace
from ...models.namespace_create import NamespaceCreate
from ...models.validation_errors import ValidationErrors
from ...types import Response


def _get_kwargs(
    *,
    body: NamespaceCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/namespaces",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | Namespace | ValidationErrors | None:
    if response.status_code == 201:
        response_201 = Namespace.from_dict(response.json())

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
) -> Response[Error | Namespace | ValidationErrors]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: NamespaceCreate,
) -> Response[Error | Namespace | ValidationErrors]:
    """Create a namespace

     Creates a namespace owned by the caller. With `parent` (the path of
    one of the caller's own namespaces) it is created as that namespace's
    child, its `path` being `<parent>/<name>`; namespaces nest at most 20
    deep. Visibility belongs to the top-level namespace: a root takes
    `visibility` (default `private`), a child always gets its root's and
    any `visibility` given for it is ignored. `""` and `null` in the
    optional fields mean "not given".

    Answers 400 on `name` when it is missing, malformed or the caller
    already has a namespace at that path, and on `parent` when the caller
    has no namespace at that path or the new namespace would be too deep.
    Emits the `namespaces` webhook event with action `created`.

    Args:
        body (NamespaceCreate): The body of `createNamespace`. `""` and `null` in the optional
            fields
            mean "not given".
             Example: {'name': 'child', 'parent': 'djinn', 'description': 'Nightly builds',
            'visibility': 'private'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Namespace | ValidationErrors]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: NamespaceCreate,
) -> Error | Namespace | ValidationErrors | None:
    """Create a namespace

     Creates a namespace owned by the caller. With `parent` (the path of
    one of the caller's own namespaces) it is created as that namespace's
    child, its `path` being `<parent>/<name>`; namespaces nest at most 20
    deep. Visibility belongs to the top-level namespace: a root takes
    `visibility` (default `private`), a child always gets its root's and
    any `visibility` given for it is ignored. `""` and `null` in the
    optional fields mean "not given".

    Answers 400 on `name` when it is missing, malformed or the caller
    already has a namespace at that path, and on `parent` when the caller
    has no namespace at that path or the new namespace would be too deep.
    Emits the `namespaces` webhook event with action `created`.

    Args:
        body (NamespaceCreate): The body of `createNamespace`. `""` and `null` in the optional
            fields
            mean "not given".
             Example: {'name': 'child', 'parent': 'djinn', 'description': 'Nightly builds',
            'visibility': 'private'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Namespace | ValidationErrors
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: NamespaceCreate,
) -> Response[Error | Namespace | ValidationErrors]:
    """Create a namespace

     Creates a namespace owned by the caller. With `parent` (the path of
    one of the caller's own namespaces) it is created as that namespace's
    child, its `path` being `<parent>/<name>`; namespaces nest at most 20
    deep. Visibility belongs to the top-level namespace: a root takes
    `visibility` (default `private`), a child always gets its root's and
    any `visibility` given for it is ignored. `""` and `null` in the
    optional fields mean "not given".

    Answers 400 on `name` when it is missing, malformed or the caller
    already has a namespace at that path, and on `parent` when the caller
    has no namespace at that path or the new namespace would be too deep.
    Emits the `namespaces` webhook event with action `created`.

    Args:
        body (NamespaceCreate): The body of `createNamespace`. `""` and `null` in the optional
            fields
            mean "not given".
             Example: {'name': 'child', 'parent': 'djinn', 'description': 'Nightly builds',
            'visibility': 'private'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Namespace | ValidationErrors]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: NamespaceCreate,
) -> Error | Namespace | ValidationErrors | None:
    """Create a namespace

     Creates a namespace owned by the caller. With `parent` (the path of
    one of the caller's own namespaces) it is created as that namespace's
    child, its `path` being `<parent>/<name>`; namespaces nest at most 20
    deep. Visibility belongs to the top-level namespace: a root takes
    `visibility` (default `private`), a child always gets its root's and
    any `visibility` given for it is ignored. `""` and `null` in the
    optional fields mean "not given".

    Answers 400 on `name` when it is missing, malformed or the caller
    already has a namespace at that path, and on `parent` when the caller
    has no namespace at that path or the new namespace would be too deep.
    Emits the `namespaces` webhook event with action `created`.

    Args:
        body (NamespaceCreate): The body of `createNamespace`. `""` and `null` in the optional
            fields
            mean "not given".
             Example: {'name': 'child', 'parent': 'djinn', 'description': 'Nightly builds',
            'visibility': 'private'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Namespace | ValidationErrors
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
