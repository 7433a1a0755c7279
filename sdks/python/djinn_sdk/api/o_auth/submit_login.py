from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.o_auth_login import OAuthLogin
from ...types import Response


def _get_kwargs(
    *,
    body: OAuthLogin,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/login/oauth/login",
    }

    _kwargs["data"] = body.to_dict()
    headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | str | None:
    if response.status_code == 302:
        response_302 = cast(Any, None)
        return response_302

    if response.status_code == 400:
        response_400 = response.text
        return response_400

    if response.status_code == 429:
        response_429 = response.text
        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: OAuthLogin,
) -> Response[Any | str]:
    """Sign in to authorize an OAuth app

     The login page's form post. `username` is a username or an email
    address. The authorization request's parameters travel in hidden
    fields; they are checked as by `GET /login/oauth/authorize` (HTML
    error page, 400, on a bad one). On success the browser session is
    signed in and redirected back to `GET /login/oauth/authorize`, which
    then shows the consent page.

    Wrong credentials answer the login page again with a message (400),
    the same whether the account exists or not. After 5 failed sign-ins
    in 15 minutes for one account, or from one client address, sign-ins
    for it are refused (429, with `Retry-After`) until the window has
    passed. A missing or wrong `csrf_token` answers an HTML error page
    (400).

    Args:
        body (OAuthLogin): The login page's form: the credentials, the CSRF token and the
            authorization request's parameters, echoed in hidden fields.
             Example: {'username': 'alice', 'password': 'correct horse battery staple', 'csrf_token':
            '3b1f0c7e9a2d4f68', 'client_id': '9f86d081884c7d65', 'redirect_uri':
            'https://app.example.com/oauth/callback', 'scope': 'build:read,write namespace:read',
            'state': 'xyz123'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | str]
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
    body: OAuthLogin,
) -> Any | str | None:
    """Sign in to authorize an OAuth app

     The login page's form post. `username` is a username or an email
    address. The authorization request's parameters travel in hidden
    fields; they are checked as by `GET /login/oauth/authorize` (HTML
    error page, 400, on a bad one). On success the browser session is
    signed in and redirected back to `GET /login/oauth/authorize`, which
    then shows the consent page.

    Wrong credentials answer the login page again with a message (400),
    the same whether the account exists or not. After 5 failed sign-ins
    in 15 minutes for one account, or from one client address, sign-ins
    for it are refused (429, with `Retry-After`) until the window has
    passed. A missing or wrong `csrf_token` answers an HTML error page
    (400).

    Args:
        body (OAuthLogin): The login page's form: the credentials, the CSRF token and the
            authorization request's parameters, echoed in hidden fields.
             Example: {'username': 'alice', 'password': 'correct horse battery staple', 'csrf_token':
            '3b1f0c7e9a2d4f68', 'client_id': '9f86d081884c7d65', 'redirect_uri':
            'https://app.example.com/oauth/callback', 'scope': 'build:read,write namespace:read',
            'state': 'xyz123'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | str
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: OAuthLogin,
) -> Response[Any | str]:
    """Sign in to authorize an OAuth app

     The login page's form post. `username` is a username or an email
    address. The authorization request's parameters travel in hidden
    fields; they are checked as by `GET /login/oauth/authorize` (HTML
    error page, 400, on a bad one). On success the browser session is
    signed in and redirected back to `GET /login/oauth/authorize`, which
    then shows the consent page.

    Wrong credentials answer the login page again with a message (400),
    the same whether the account exists or not. After 5 failed sign-ins
    in 15 minutes for one account, or from one client address, sign-ins
    for it are refused (429, with `Retry-After`) until the window has
    passed. A missing or wrong `csrf_token` answers an HTML error page
    (400).

    Args:
        body (OAuthLogin): The login page's form: the credentials, the CSRF token and the
            authorization request's parameters, echoed in hidden fields.
             Example: {'username': 'alice', 'password': 'correct horse battery staple', 'csrf_token':
            '3b1f0c7e9a2d4f68', 'client_id': '9f86d081884c7d65', 'redirect_uri':
            'https://app.example.com/oauth/callback', 'scope': 'build:read,write namespace:read',
            'state': 'xyz123'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | str]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: OAuthLogin,
) -> Any | str | None:
    """Sign in to authorize an OAuth app

     The login page's form post. `username` is a username or an email
    address. The authorization request's parameters travel in hidden
    fields; they are checked as by `GET /login/oauth/authorize` (HTML
    error page, 400, on a bad one). On success the browser session is
    signed in and redirected back to `GET /login/oauth/authorize`, which
    then shows the consent page.

    Wrong credentials answer the login page again with a message (400),
    the same whether the account exists or not. After 5 failed sign-ins
    in 15 minutes for one account, or from one client address, sign-ins
    for it are refused (429, with `Retry-After`) until the window has
    passed. A missing or wrong `csrf_token` answers an HTML error page
    (400).

    Args:
        body (OAuthLogin): The login page's form: the credentials, the CSRF token and the
            authorization request's parameters, echoed in hidden fields.
             Example: {'username': 'alice', 'password': 'correct horse battery staple', 'csrf_token':
            '3b1f0c7e9a2d4f68', 'client_id': '9f86d081884c7d65', 'redirect_uri':
            'https://app.example.com/oauth/callback', 'scope': 'build:read,write namespace:read',
            'state': 'xyz123'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | str
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
