from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.validation_errors import ValidationErrors
from ...models.variable import Variable
from ...models.variable_create import VariableCreate
from ...types import Response


def _get_kwargs(
    *,
    body: VariableCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/variables",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ValidationErrors | Variable | None:
    if response.status_code == 201:
        response_201 = Variable.from_dict(response.json())

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
) -> Response[Error | ValidationErrors | Variable]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: VariableCreate,
) -> Response[Error | ValidationErrors | Variable]:
    """Create a variable

     Creates an environment variable set in the builds of its owner (or of
    its namespace). `key` must match `^[A-Za-z_][A-Za-z0-9_]*$` and be
    unique per owner and namespace (400 under `key`).

    With `mask: true` the value must be at least 6 characters long (400
    `{"value": ["Value cannot be shorter than 6 characters in length"]}`,
    the original's message, which clients compare); it is stored encrypted, read back as `xxxxxx`
    everywhere (this answer included), and replaced by `xxxxxx` in stored
    build output. A variable cannot be unmasked or changed: delete it and
    create it again.

    A `namespace` that does not exist yet is created, `private`, when it
    would be the caller's own; a namespace the caller neither owns nor
    collaborates in answers 422.

    Args:
        body (VariableCreate): The body of a request creating a variable. Example: {'key':
            'API_TOKEN', 'value': 's3cr3t-t0ken', 'mask': True, 'namespace': 'djinn'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationErrors | Variable]
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
    body: VariableCreate,
) -> Error | ValidationErrors | Variable | None:
    """Create a variable

     Creates an environment variable set in the builds of its owner (or of
    its namespace). `key` must match `^[A-Za-z_][A-Za-z0-9_]*$` and be
    unique per owner and namespace (400 under `key`).

    With `mask: true` the value must be at least 6 characters long (400
    `{"value": ["Value cannot be shorter than 6 characters in length"]}`,
    the original's message, which clients compare); it is stored encrypted, read back as `xxxxxx`
    everywhere (this answer included), and replaced by `xxxxxx` in stored
    build output. A variable cannot be unmasked or changed: delete it and
    create it again.

    A `namespace` that does not exist yet is created, `private`, when it
    would be the caller's own; a namespace the caller neither owns nor
    collaborates in answers 422.

    Args:
        body (VariableCreate): The body of a request creating a variable. Example: {'key':
            'API_TOKEN', 'value': 's3cr3t-t0ken', 'mask': True, 'namespace': 'djinn'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationErrors | Variable
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: VariableCreate,
) -> Response[Error | ValidationErrors | Variable]:
    """Create a variable

     Creates an environment variable set in the builds of its owner (or of
    its namespace). `key` must match `^[A-Za-z_][A-Za-z0-9_]*$` and be
    unique per owner and namespace (400 under `key`).

    With `mask: true` the value must be at least 6 characters long (400
    `{"value": ["Value cannot be shorter than 6 characters in length"]}`,
    the original's message, which clients compare); it is stored encrypted, read back as `xxxxxx`
    everywhere (this answer included), and replaced by `xxxxxx` in stored
    build output. A variable cannot be unmasked or changed: delete it and
    create it again.

    A `namespace` that does not exist yet is created, `private`, when it
    would be the caller's own; a namespace the caller neither owns nor
    collaborates in answers 422.

    Args:
        body (VariableCreate): The body of a request creating a variable. Example: {'key':
            'API_TOKEN', 'value': 's3cr3t-t0ken', 'mask': True, 'namespace': 'djinn'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationErrors | Variable]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: VariableCreate,
) -> Error | ValidationErrors | Variable | None:
    """Create a variable

     Creates an environment variable set in the builds of its owner (or of
    its namespace). `key` must match `^[A-Za-z_][A-Za-z0-9_]*$` and be
    unique per owner and namespace (400 under `key`).

    With `mask: true` the value must be at least 6 characters long (400
    `{"value": ["Value cannot be shorter than 6 characters in length"]}`,
    the original's message, which clients compare); it is stored encrypted, read back as `xxxxxx`
    everywhere (this answer included), and replaced by `xxxxxx` in stored
    build output. A variable cannot be unmasked or changed: delete it and
    create it again.

    A `namespace` that does not exist yet is created, `private`, when it
    would be the caller's own; a namespace the caller neither owns nor
    collaborates in answers 422.

    Args:
        body (VariableCreate): The body of a request creating a variable. Example: {'key':
            'API_TOKEN', 'value': 's3cr3t-t0ken', 'mask': True, 'namespace': 'djinn'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationErrors | Variable
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
