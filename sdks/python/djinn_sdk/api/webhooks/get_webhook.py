from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.validation_errors import ValidationErrors
from ...models.webhook import Webhook
from ...types import Response


def _get_kwargs(
    username: str,
    path: str,
    id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/n/{username}/{path}/-/webhooks/{id}".format(
            username=quote(str(username), safe=""),
            path=quote(str(path), safe=""),
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ValidationErrors | Webhook | None:
    if response.status_code == 200:
        response_200 = Webhook.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ValidationErrors.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | ValidationErrors | Webhook]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    username: str,
    path: str,
    id: int,
    *,
    client: AuthenticatedClient,
) -> Response[Error | ValidationErrors | Webhook]:
    """Get a webhook

     Returns one of the namespace's webhooks with its latest delivery as
    `last_response`; the secret is never returned. Only the owner and
    collaborators may read it; anyone else gets 404.

    Args:
        username (str):
        path (str):
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationErrors | Webhook]
    """

    kwargs = _get_kwargs(
        username=username,
        path=path,
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    username: str,
    path: str,
    id: int,
    *,
    client: AuthenticatedClient,
) -> Error | ValidationErrors | Webhook | None:
    """Get a webhook

     Returns one of the namespace's webhooks with its latest delivery as
    `last_response`; the secret is never returned. Only the owner and
    collaborators may read it; anyone else gets 404.

    Args:
        username (str):
        path (str):
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationErrors | Webhook
    """

    return sync_detailed(
        username=username,
        path=path,
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    username: str,
    path: str,
    id: int,
    *,
    client: AuthenticatedClient,
) -> Response[Error | ValidationErrors | Webhook]:
    """Get a webhook

     Returns one of the namespace's webhooks with its latest delivery as
    `last_response`; the secret is never returned. Only the owner and
    collaborators may read it; anyone else gets 404.

    Args:
        username (str):
        path (str):
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationErrors | Webhook]
    """

    kwargs = _get_kwargs(
        username=username,
        path=path,
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    username: str,
    path: str,
    id: int,
    *,
    client: AuthenticatedClient,
) -> Error | ValidationErrors | Webhook | None:
    """Get a webhook

     Returns one of the namespace's webhooks with its latest delivery as
    `last_response`; the secret is never returned. Only the owner and
    collaborators may read it; anyone else gets 404.

    Args:
        username (str):
        path (str):
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationErrors | Webhook
    """

    return (
        await asyncio_detailed(
            username=username,
            path=path,
            id=id,
            client=client,
        )
    ).parsed
