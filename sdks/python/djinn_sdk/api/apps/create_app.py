from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.o_auth_app_create import OAuthAppCreate
from ...models.o_auth_app_with_secret import OAuthAppWithSecret
from ...models.validation_errors import ValidationErrors
from ...types import Response


def _get_kwargs(
    *,
    body: OAuthAppCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/user/apps",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | OAuthAppWithSecret | ValidationErrors | None:
    if response.status_code == 201:
        response_201 = OAuthAppWithSecret.from_dict(response.json())

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
) -> Response[Error | OAuthAppWithSecret | ValidationErrors]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: OAuthAppCreate,
) -> Response[Error | OAuthAppWithSecret | ValidationErrors]:
    """Register an OAuth app

     Registers an OAuth app owned by the caller and answers it with its
    `client_id` and its `client_secret`. The secret is shown in this
    response only: the server keeps a hash of it. Lost, it cannot be
    recovered; delete the app and register it again.

    `redirect_uri` is where users are sent back after authorizing the
    app: an absolute `http` or `https` URL with a host and without a
    fragment, in ASCII (400 under `redirect_uri` otherwise). Authorization requests
    must name exactly this URI, or none. `homepage_uri`, when given,
    follows the same rules.

    Any personal token of the caller will do, whatever its scope; a token
    issued to an OAuth app answers 404.

    Args:
        body (OAuthAppCreate): The request body that registers an OAuth app. Example: {'name':
            'Build dashboard', 'redirect_uri': 'https://dashboard.example.com/oauth/callback',
            'homepage_uri': 'https://dashboard.example.com', 'description': 'Shows my builds on a wall
            screen.'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | OAuthAppWithSecret | ValidationErrors]
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
    body: OAuthAppCreate,
) -> Error | OAuthAppWithSecret | ValidationErrors | None:
    """Register an OAuth app

     Registers an OAuth app owned by the caller and answers it with its
    `client_id` and its `client_secret`. The secret is shown in this
    response only: the server keeps a hash of it. Lost, it cannot be
    recovered; delete the app and register it again.

    `redirect_uri` is where users are sent back after authorizing the
    app: an absolute `http` or `https` URL with a host and without a
    fragment, in ASCII (400 under `redirect_uri` otherwise). Authorization requests
    must name exactly this URI, or none. `homepage_uri`, when given,
    follows the same rules.

    Any personal token of the caller will do, whatever its scope; a token
    issued to an OAuth app answers 404.

    Args:
        body (OAuthAppCreate): The request body that registers an OAuth app. Example: {'name':
            'Build dashboard', 'redirect_uri': 'https://dashboard.example.com/oauth/callback',
            'homepage_uri': 'https://dashboard.example.com', 'description': 'Shows my builds on a wall
            screen.'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | OAuthAppWithSecret | ValidationErrors
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: OAuthAppCreate,
) -> Response[Error | OAuthAppWithSecret | ValidationErrors]:
    """Register an OAuth app

     Registers an OAuth app owned by the caller and answers it with its
    `client_id` and its `client_secret`. The secret is shown in this
    response only: the server keeps a hash of it. Lost, it cannot be
    recovered; delete the app and register it again.

    `redirect_uri` is where users are sent back after authorizing the
    app: an absolute `http` or `https` URL with a host and without a
    fragment, in ASCII (400 under `redirect_uri` otherwise). Authorization requests
    must name exactly this URI, or none. `homepage_uri`, when given,
    follows the same rules.

    Any personal token of the caller will do, whatever its scope; a token
    issued to an OAuth app answers 404.

    Args:
        body (OAuthAppCreate): The request body that registers an OAuth app. Example: {'name':
            'Build dashboard', 'redirect_uri': 'https://dashboard.example.com/oauth/callback',
            'homepage_uri': 'https://dashboard.example.com', 'description': 'Shows my builds on a wall
            screen.'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | OAuthAppWithSecret | ValidationErrors]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: OAuthAppCreate,
) -> Error | OAuthAppWithSecret | ValidationErrors | None:
    """Register an OAuth app

     Registers an OAuth app owned by the caller and answers it with its
    `client_id` and its `client_secret`. The secret is shown in this
    response only: the server keeps a hash of it. Lost, it cannot be
    recovered; delete the app and register it again.

    `redirect_uri` is where users are sent back after authorizing the
    app: an absolute `http` or `https` URL with a host and without a
    fragment, in ASCII (400 under `redirect_uri` otherwise). Authorization requests
    must name exactly this URI, or none. `homepage_uri`, when given,
    follows the same rules.

    Any personal token of the caller will do, whatever its scope; a token
    issued to an OAuth app answers 404.

    Args:
        body (OAuthAppCreate): The request body that registers an OAuth app. Example: {'name':
            'Build dashboard', 'redirect_uri': 'https://dashboard.example.com/oauth/callback',
            'homepage_uri': 'https://dashboard.example.com', 'description': 'Shows my builds on a wall
            screen.'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | OAuthAppWithSecret | ValidationErrors
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
