from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.o_auth_error import OAuthError
from ...models.o_auth_token import OAuthToken
from ...models.o_auth_token_request import OAuthTokenRequest
from ...types import Response


def _get_kwargs(
    *,
    body: OAuthTokenRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/login/oauth/token",
    }

    _kwargs["data"] = body.to_dict()
    headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OAuthError | OAuthToken | None:
    if response.status_code == 200:
        response_200 = OAuthToken.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = OAuthError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = OAuthError.from_dict(response.json())

        return response_401

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[OAuthError | OAuthToken]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: OAuthTokenRequest,
) -> Response[OAuthError | OAuthToken]:
    """Exchange an authorization code for a token

     The last step of the authorization-code flow, called by the OAuth app's
    server. Needs no bearer token: the app authenticates with its
    `client_id` and `client_secret`, in the form or with HTTP Basic
    (`Authorization: Basic base64(client_id:client_secret)`), not both.
    The `code` must have been issued to this app less than 10 minutes ago
    and not used before; when the authorization carried a
    `code_challenge`, `code_verifier` must match it (and must be left out
    when it did not); when it carried a `redirect_uri`, the same must be
    sent. A code presented a second time is refused, and the token issued
    for it is revoked (RFC 6749, section 4.1.2).

    Answers the token with the approved scope, form-encoded
    (`access_token=...&token_type=bearer&scope=...`) by default, or as JSON
    when the `Accept` header prefers `application/json`; both encodings
    carry the fields of `OAuthToken` (errors: `OAuthError`). Generated
    clients that parse only JSON send `Accept: application/json`. Errors follow
    RFC 6749 (section 5.2), in the same encoding: `invalid_client` for an
    unknown client or a wrong secret (401 with `WWW-Authenticate` when the
    client sent HTTP Basic, 400 otherwise), and 400 with
    `invalid_request`, `invalid_grant` or `unsupported_grant_type`.
    Responses carry `Cache-Control: no-store`.

    Args:
        body (OAuthTokenRequest): The form-encoded body of a token request. The client's
            credentials
            come in `client_id` and `client_secret`, or in an HTTP Basic
            `Authorization` header instead.
             Example: {'client_id': '9f86d081884c7d65', 'client_secret':
            '5e884898da28047151d0e56f8dc62927', 'code': '4c1f2a9e7b', 'code_verifier': 'dBjftJeZ4CVP-
            mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'grant_type': 'authorization_code', 'redirect_uri':
            'https://app.example.com/oauth/callback'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OAuthError | OAuthToken]
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
    client: AuthenticatedClient | Client,
    body: OAuthTokenRequest,
) -> OAuthError | OAuthToken | None:
    """Exchange an authorization code for a token

     The last step of the authorization-code flow, called by the OAuth app's
    server. Needs no bearer token: the app authenticates with its
    `client_id` and `client_secret`, in the form or with HTTP Basic
    (`Authorization: Basic base64(client_id:client_secret)`), not both.
    The `code` must have been issued to this app less than 10 minutes ago
    and not used before; when the authorization carried a
    `code_challenge`, `code_verifier` must match it (and must be left out
    when it did not); when it carried a `redirect_uri`, the same must be
    sent. A code presented a second time is refused, and the token issued
    for it is revoked (RFC 6749, section 4.1.2).

    Answers the token with the approved scope, form-encoded
    (`access_token=...&token_type=bearer&scope=...`) by default, or as JSON
    when the `Accept` header prefers `application/json`; both encodings
    carry the fields of `OAuthToken` (errors: `OAuthError`). Generated
    clients that parse only JSON send `Accept: application/json`. Errors follow
    RFC 6749 (section 5.2), in the same encoding: `invalid_client` for an
    unknown client or a wrong secret (401 with `WWW-Authenticate` when the
    client sent HTTP Basic, 400 otherwise), and 400 with
    `invalid_request`, `invalid_grant` or `unsupported_grant_type`.
    Responses carry `Cache-Control: no-store`.

    Args:
        body (OAuthTokenRequest): The form-encoded body of a token request. The client's
            credentials
            come in `client_id` and `client_secret`, or in an HTTP Basic
            `Authorization` header instead.
             Example: {'client_id': '9f86d081884c7d65', 'client_secret':
            '5e884898da28047151d0e56f8dc62927', 'code': '4c1f2a9e7b', 'code_verifier': 'dBjftJeZ4CVP-
            mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'grant_type': 'authorization_code', 'redirect_uri':
            'https://app.example.com/oauth/callback'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OAuthError | OAuthToken
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: OAuthTokenRequest,
) -> Response[OAuthError | OAuthToken]:
    """Exchange an authorization code for a token

     The last step of the authorization-code flow, called by the OAuth app's
    server. Needs no bearer token: the app authenticates with its
    `client_id` and `client_secret`, in the form or with HTTP Basic
    (`Authorization: Basic base64(client_id:client_secret)`), not both.
    The `code` must have been issued to this app less than 10 minutes ago
    and not used before; when the authorization carried a
    `code_challenge`, `code_verifier` must match it (and must be left out
    when it did not); when it carried a `redirect_uri`, the same must be
    sent. A code presented a second time is refused, and the token issued
    for it is revoked (RFC 6749, section 4.1.2).

    Answers the token with the approved scope, form-encoded
    (`access_token=...&token_type=bearer&scope=...`) by default, or as JSON
    when the `Accept` header prefers `application/json`; both encodings
    carry the fields of `OAuthToken` (errors: `OAuthError`). Generated
    clients that parse only JSON send `Accept: application/json`. Errors follow
    RFC 6749 (section 5.2), in the same encoding: `invalid_client` for an
    unknown client or a wrong secret (401 with `WWW-Authenticate` when the
    client sent HTTP Basic, 400 otherwise), and 400 with
    `invalid_request`, `invalid_grant` or `unsupported_grant_type`.
    Responses carry `Cache-Control: no-store`.

    Args:
        body (OAuthTokenRequest): The form-encoded body of a token request. The client's
            credentials
            come in `client_id` and `client_secret`, or in an HTTP Basic
            `Authorization` header instead.
             Example: {'client_id': '9f86d081884c7d65', 'client_secret':
            '5e884898da28047151d0e56f8dc62927', 'code': '4c1f2a9e7b', 'code_verifier': 'dBjftJeZ4CVP-
            mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'grant_type': 'authorization_code', 'redirect_uri':
            'https://app.example.com/oauth/callback'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OAuthError | OAuthToken]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: OAuthTokenRequest,
) -> OAuthError | OAuthToken | None:
    """Exchange an authorization code for a token

     The last step of the authorization-code flow, called by the OAuth app's
    server. Needs no bearer token: the app authenticates with its
    `client_id` and `client_secret`, in the form or with HTTP Basic
    (`Authorization: Basic base64(client_id:client_secret)`), not both.
    The `code` must have been issued to this app less than 10 minutes ago
    and not used before; when the authorization carried a
    `code_challenge`, `code_verifier` must match it (and must be left out
    when it did not); when it carried a `redirect_uri`, the same must be
    sent. A code presented a second time is refused, and the token issued
    for it is revoked (RFC 6749, section 4.1.2).

    Answers the token with the approved scope, form-encoded
    (`access_token=...&token_type=bearer&scope=...`) by default, or as JSON
    when the `Accept` header prefers `application/json`; both encodings
    carry the fields of `OAuthToken` (errors: `OAuthError`). Generated
    clients that parse only JSON send `Accept: application/json`. Errors follow
    RFC 6749 (section 5.2), in the same encoding: `invalid_client` for an
    unknown client or a wrong secret (401 with `WWW-Authenticate` when the
    client sent HTTP Basic, 400 otherwise), and 400 with
    `invalid_request`, `invalid_grant` or `unsupported_grant_type`.
    Responses carry `Cache-Control: no-store`.

    Args:
        body (OAuthTokenRequest): The form-encoded body of a token request. The client's
            credentials
            come in `client_id` and `client_secret`, or in an HTTP Basic
            `Authorization` header instead.
             Example: {'client_id': '9f86d081884c7d65', 'client_secret':
            '5e884898da28047151d0e56f8dc62927', 'code': '4c1f2a9e7b', 'code_verifier': 'dBjftJeZ4CVP-
            mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'grant_type': 'authorization_code', 'redirect_uri':
            'https://app.example.com/oauth/callback'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OAuthError | OAuthToken
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
