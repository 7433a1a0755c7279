from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.show_authorize_code_challenge_method import ShowAuthorizeCodeChallengeMethod
from ...models.show_authorize_response_type import ShowAuthorizeResponseType
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    response_type: ShowAuthorizeResponseType | Unset = UNSET,
    client_id: str,
    redirect_uri: str | Unset = UNSET,
    scope: str | Unset = UNSET,
    state: str | Unset = UNSET,
    code_challenge: str | Unset = UNSET,
    code_challenge_method: ShowAuthorizeCodeChallengeMethod | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_response_type: str | Unset = UNSET
    if not isinstance(response_type, Unset):
        json_response_type = response_type.value

    params["response_type"] = json_response_type

    params["client_id"] = client_id

    params["redirect_uri"] = redirect_uri

    params["scope"] = scope

    params["state"] = state

    params["code_challenge"] = code_challenge

    json_code_challenge_method: str | Unset = UNSET
    if not isinstance(code_challenge_method, Unset):
        json_code_challenge_method = code_challenge_method.value

    params["code_challenge_method"] = json_code_challenge_method

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/login/oauth/authorize",
        "params": params,
    }

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
    response_type: ShowAuthorizeResponseType | Unset = UNSET,
    client_id: str,
    redirect_uri: str | Unset = UNSET,
    scope: str | Unset = UNSET,
    state: str | Unset = UNSET,
    code_challenge: str | Unset = UNSET,
    code_challenge_method: ShowAuthorizeCodeChallengeMethod | Unset = UNSET,
) -> Response[Any | str]:
    """Start authorizing an OAuth app

     The first step of the authorization-code flow, opened in the user's
    browser by an OAuth app. Needs no token: the user is identified by
    their browser session.

    - Not signed in: answers the login page, which posts to
      `POST /login/oauth/login` and leads back here.
    - Signed in: answers the consent page listing the app and the scopes
      it asks for; the user's choice is posted to
      `POST /login/oauth/authorize`.
    - Signed in and the app already holds a token of this user covering
      the requested scope: redirects at once, as an approval does.

    An unknown `client_id`, a `redirect_uri` other than the app's
    registered one, a malformed `scope`, a bad `code_challenge` or
    `code_challenge_method`, or any other invalid parameter answer an
    HTML error page (400) and never redirect.

    Args:
        response_type (ShowAuthorizeResponseType | Unset):
        client_id (str):
        redirect_uri (str | Unset):
        scope (str | Unset):
        state (str | Unset):
        code_challenge (str | Unset):
        code_challenge_method (ShowAuthorizeCodeChallengeMethod | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | str]
    """

    kwargs = _get_kwargs(
        response_type=response_type,
        client_id=client_id,
        redirect_uri=redirect_uri,
        scope=scope,
        state=state,
        code_challenge=code_challenge,
        code_challenge_method=code_challenge_method,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    response_type: ShowAuthorizeResponseType | Unset = UNSET,
    client_id: str,
    redirect_uri: str | Unset = UNSET,
    scope: str | Unset = UNSET,
    state: str | Unset = UNSET,
    code_challenge: str | Unset = UNSET,
    code_challenge_method: ShowAuthorizeCodeChallengeMethod | Unset = UNSET,
) -> Any | str | None:
    """Start authorizing an OAuth app

     The first step of the authorization-code flow, opened in the user's
    browser by an OAuth app. Needs no token: the user is identified by
    their browser session.

    - Not signed in: answers the login page, which posts to
      `POST /login/oauth/login` and leads back here.
    - Signed in: answers the consent page listing the app and the scopes
      it asks for; the user's choice is posted to
      `POST /login/oauth/authorize`.
    - Signed in and the app already holds a token of this user covering
      the requested scope: redirects at once, as an approval does.

    An unknown `client_id`, a `redirect_uri` other than the app's
    registered one, a malformed `scope`, a bad `code_challenge` or
    `code_challenge_method`, or any other invalid parameter answer an
    HTML error page (400) and never redirect.

    Args:
        response_type (ShowAuthorizeResponseType | Unset):
        client_id (str):
        redirect_uri (str | Unset):
        scope (str | Unset):
        state (str | Unset):
        code_challenge (str | Unset):
        code_challenge_method (ShowAuthorizeCodeChallengeMethod | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | str
    """

    return sync_detailed(
        client=client,
        response_type=response_type,
        client_id=client_id,
        redirect_uri=redirect_uri,
        scope=scope,
        state=state,
        code_challenge=code_challenge,
        code_challenge_method=code_challenge_method,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    response_type: ShowAuthorizeResponseType | Unset = UNSET,
    client_id: str,
    redirect_uri: str | Unset = UNSET,
    scope: str | Unset = UNSET,
    state: str | Unset = UNSET,
    code_challenge: str | Unset = UNSET,
    code_challenge_method: ShowAuthorizeCodeChallengeMethod | Unset = UNSET,
) -> Response[Any | str]:
    """Start authorizing an OAuth app

     The first step of the authorization-code flow, opened in the user's
    browser by an OAuth app. Needs no token: the user is identified by
    their browser session.

    - Not signed in: answers the login page, which posts to
      `POST /login/oauth/login` and leads back here.
    - Signed in: answers the consent page listing the app and the scopes
      it asks for; the user's choice is posted to
      `POST /login/oauth/authorize`.
    - Signed in and the app already holds a token of this user covering
      the requested scope: redirects at once, as an approval does.

    An unknown `client_id`, a `redirect_uri` other than the app's
    registered one, a malformed `scope`, a bad `code_challenge` or
    `code_challenge_method`, or any other invalid parameter answer an
    HTML error page (400) and never redirect.

    Args:
        response_type (ShowAuthorizeResponseType | Unset):
        client_id (str):
        redirect_uri (str | Unset):
        scope (str | Unset):
        state (str | Unset):
        code_challenge (str | Unset):
        code_challenge_method (ShowAuthorizeCodeChallengeMethod | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | str]
    """

    kwargs = _get_kwargs(
        response_type=response_type,
        client_id=client_id,
        redirect_uri=redirect_uri,
        scope=scope,
        state=state,
        code_challenge=code_challenge,
        code_challenge_method=code_challenge_method,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    response_type: ShowAuthorizeResponseType | Unset = UNSET,
    client_id: str,
    redirect_uri: str | Unset = UNSET,
    scope: str | Unset = UNSET,
    state: str | Unset = UNSET,
    code_challenge: str | Unset = UNSET,
    code_challenge_method: ShowAuthorizeCodeChallengeMethod | Unset = UNSET,
) -> Any | str | None:
    """Start authorizing an OAuth app

     The first step of the authorization-code flow, opened in the user's
    browser by an OAuth app. Needs no token: the user is identified by
    their browser session.

    - Not signed in: answers the login page, which posts to
      `POST /login/oauth/login` and leads back here.
    - Signed in: answers the consent page listing the app and the scopes
      it asks for; the user's choice is posted to
      `POST /login/oauth/authorize`.
    - Signed in and the app already holds a token of this user covering
      the requested scope: redirects at once, as an approval does.

    An unknown `client_id`, a `redirect_uri` other than the app's
    registered one, a malformed `scope`, a bad `code_challenge` or
    `code_challenge_method`, or any other invalid parameter answer an
    HTML error page (400) and never redirect.

    Args:
        response_type (ShowAuthorizeResponseType | Unset):
        client_id (str):
        redirect_uri (str | Unset):
        scope (str | Unset):
        state (str | Unset):
        code_challenge (str | Unset):
        code_challenge_method (ShowAuthorizeCodeChallengeMethod | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | str
    """

    return (
        await asyncio_detailed(
            client=client,
            response_type=response_type,
            client_id=client_id,
            redirect_uri=redirect_uri,
            scope=scope,
            state=state,
            code_challenge=code_challenge,
            code_challenge_method=code_challenge_method,
        )
    ).parsed
