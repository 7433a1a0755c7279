from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.o_auth_consent import OAuthConsent
from ...types import Response


def _get_kwargs(
    *,
    body: OAuthConsent,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/login/oauth/authorize",
    }

    _kwargs["data"] = body.to_dict()
    headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | str | None:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

    if response.status_code == 302:
        response_302 = cast(Any, None)
        return response_302

    if response.status_code == 400:
        response_400 = response.text
        return response_400

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
    body: OAuthConsent,
) -> Response[Any | str]:
    """Approve or deny an OAuth app

     The consent page's form post. Needs no token: the user is identified
    by their browser session, and the form's `csrf_token` must match it.
    `decision=authorize` grants the requested scope items the user left
    ticked (`approved`; items not requested are ignored, so the user can
    only narrow the scope) and redirects to `redirect_uri` with a `code`
    (valid 10 minutes, usable once) and the `state`; `decision=deny`
    redirects there with `error=access_denied` and the `state`. When the user's session has ended in
    between, the
    login page is answered instead (200), leading back to the
    authorization. A bad CSRF token, an unknown client or a mismatched
    `redirect_uri` answer an HTML error page (400) and never redirect.

    Args:
        body (OAuthConsent): The consent page's form: the authorization request's parameters,
            echoed
            in hidden fields, the CSRF token and the user's decision.
             Example: {'client_id': '9f86d081884c7d65', 'redirect_uri':
            'https://app.example.com/oauth/callback', 'scope': 'build:read,write namespace:read',
            'state': 'xyz123', 'code_challenge': 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
            'code_challenge_method': 'S256', 'csrf_token': '3b1f0c7e9a2d4f68', 'approved':
            ['build:read', 'namespace:read'], 'decision': 'authorize'}.

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
    body: OAuthConsent,
) -> Any | str | None:
    """Approve or deny an OAuth app

     The consent page's form post. Needs no token: the user is identified
    by their browser session, and the form's `csrf_token` must match it.
    `decision=authorize` grants the requested scope items the user left
    ticked (`approved`; items not requested are ignored, so the user can
    only narrow the scope) and redirects to `redirect_uri` with a `code`
    (valid 10 minutes, usable once) and the `state`; `decision=deny`
    redirects there with `error=access_denied` and the `state`. When the user's session has ended in
    between, the
    login page is answered instead (200), leading back to the
    authorization. A bad CSRF token, an unknown client or a mismatched
    `redirect_uri` answer an HTML error page (400) and never redirect.

    Args:
        body (OAuthConsent): The consent page's form: the authorization request's parameters,
            echoed
            in hidden fields, the CSRF token and the user's decision.
             Example: {'client_id': '9f86d081884c7d65', 'redirect_uri':
            'https://app.example.com/oauth/callback', 'scope': 'build:read,write namespace:read',
            'state': 'xyz123', 'code_challenge': 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
            'code_challenge_method': 'S256', 'csrf_token': '3b1f0c7e9a2d4f68', 'approved':
            ['build:read', 'namespace:read'], 'decision': 'authorize'}.

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
    body: OAuthConsent,
) -> Response[Any | str]:
    """Approve or deny an OAuth app

     The consent page's form post. Needs no token: the user is identified
    by their browser session, and the form's `csrf_token` must match it.
    `decision=authorize` grants the requested scope items the user left
    ticked (`approved`; items not requested are ignored, so the user can
    only narrow the scope) and redirects to `redirect_uri` with a `code`
    (valid 10 minutes, usable once) and the `state`; `decision=deny`
    redirects there with `error=access_denied` and the `state`. When the user's session has ended in
    between, the
    login page is answered instead (200), leading back to the
    authorization. A bad CSRF token, an unknown client or a mismatched
    `redirect_uri` answer an HTML error page (400) and never redirect.

    Args:
        body (OAuthConsent): The consent page's form: the authorization request's parameters,
            echoed
            in hidden fields, the CSRF token and the user's decision.
             Example: {'client_id': '9f86d081884c7d65', 'redirect_uri':
            'https://app.example.com/oauth/callback', 'scope': 'build:read,write namespace:read',
            'state': 'xyz123', 'code_challenge': 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
            'code_challenge_method': 'S256', 'csrf_token': '3b1f0c7e9a2d4f68', 'approved':
            ['build:read', 'namespace:read'], 'decision': 'authorize'}.

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
    body: OAuthConsent,
) -> Any | str | None:
    """Approve or deny an OAuth app

     The consent page's form post. Needs no token: the user is identified
    by their browser session, and the form's `csrf_token` must match it.
    `decision=authorize` grants the requested scope items the user left
    ticked (`approved`; items not requested are ignored, so the user can
    only narrow the scope) and redirects to `redirect_uri` with a `code`
    (valid 10 minutes, usable once) and the `state`; `decision=deny`
    redirects there with `error=access_denied` and the `state`. When the user's session has ended in
    between, the
    login page is answered instead (200), leading back to the
    authorization. A bad CSRF token, an unknown client or a mismatched
    `redirect_uri` answer an HTML error page (400) and never redirect.

    Args:
        body (OAuthConsent): The consent page's form: the authorization request's parameters,
            echoed
            in hidden fields, the CSRF token and the user's decision.
             Example: {'client_id': '9f86d081884c7d65', 'redirect_uri':
            'https://app.example.com/oauth/callback', 'scope': 'build:read,write namespace:read',
            'state': 'xyz123', 'code_challenge': 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
            'code_challenge_method': 'S256', 'csrf_token': '3b1f0c7e9a2d4f68', 'approved':
            ['build:read', 'namespace:read'], 'decision': 'authorize'}.

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
