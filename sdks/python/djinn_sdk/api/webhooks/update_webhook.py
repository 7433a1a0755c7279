from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.validation_errors import ValidationErrors
from ...models.webhook import Webhook
from ...models.webhook_update import WebhookUpdate
from ...types import Response


def _get_kwargs(
    username: str,
    path: str,
    id: int,
    *,
    body: WebhookUpdate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/n/{username}/{path}/-/webhooks/{id}".format(
            username=quote(str(username), safe=""),
            path=quote(str(path), safe=""),
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
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
    body: WebhookUpdate,
) -> Response[Error | ValidationErrors | Webhook]:
    """Update a webhook

     Changes the webhook. Fields left out or `null` (and `""` for
    `payload_url` and `secret`, `[]` for `events`) stay unchanged; `ssl`
    and `active`, when given, are set as given. A non-empty `secret`
    replaces the secret; `remove_secret: true` (with no new `secret`)
    removes it, so deliveries are no longer signed. A webhook listens to
    the `events` it was given (all of them when it was created with none);
    an update cannot empty the list, as `[]` is the "not given" zero value
    of clients that send every field. The same 400s as `createWebhook` apply to the resulting
    webhook. Owner and collaborators may update webhooks: anyone else who
    can see the namespace gets 422.

    Args:
        username (str):
        path (str):
        id (int):
        body (WebhookUpdate): The body of `updateWebhook`. Fields left out or `null` (and `""` for
            `payload_url` and `secret`, `[]` for `events`) leave the webhook
            unchanged.
             Example: {'payload_url': 'https://hooks.example.com/djinn', 'ssl': True, 'active': False,
            'events': ['build.finished']}.

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
        body=body,
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
    body: WebhookUpdate,
) -> Error | ValidationErrors | Webhook | None:
    """Update a webhook

     Changes the webhook. Fields left out or `null` (and `""` for
    `payload_url` and `secret`, `[]` for `events`) stay unchanged; `ssl`
    and `active`, when given, are set as given. A non-empty `secret`
    replaces the secret; `remove_secret: true` (with no new `secret`)
    removes it, so deliveries are no longer signed. A webhook listens to
    the `events` it was given (all of them when it was created with none);
    an update cannot empty the list, as `[]` is the "not given" zero value
    of clients that send every field. The same 400s as `createWebhook` apply to the resulting
    webhook. Owner and collaborators may update webhooks: anyone else who
    can see the namespace gets 422.

    Args:
        username (str):
        path (str):
        id (int):
        body (WebhookUpdate): The body of `updateWebhook`. Fields left out or `null` (and `""` for
            `payload_url` and `secret`, `[]` for `events`) leave the webhook
            unchanged.
             Example: {'payload_url': 'https://hooks.example.com/djinn', 'ssl': True, 'active': False,
            'events': ['build.finished']}.

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
        body=body,
    ).parsed


async def asyncio_detailed(
    username: str,
    path: str,
    id: int,
    *,
    client: AuthenticatedClient,
    body: WebhookUpdate,
) -> Response[Error | ValidationErrors | Webhook]:
    """Update a webhook

     Changes the webhook. Fields left out or `null` (and `""` for
    `payload_url` and `secret`, `[]` for `events`) stay unchanged; `ssl`
    and `active`, when given, are set as given. A non-empty `secret`
    replaces the secret; `remove_secret: true` (with no new `secret`)
    removes it, so deliveries are no longer signed. A webhook listens to
    the `events` it was given (all of them when it was created with none);
    an update cannot empty the list, as `[]` is the "not given" zero value
    of clients that send every field. The same 400s as `createWebhook` apply to the resulting
    webhook. Owner and collaborators may update webhooks: anyone else who
    can see the namespace gets 422.

    Args:
        username (str):
        path (str):
        id (int):
        body (WebhookUpdate): The body of `updateWebhook`. Fields left out or `null` (and `""` for
            `payload_url` and `secret`, `[]` for `events`) leave the webhook
            unchanged.
             Example: {'payload_url': 'https://hooks.example.com/djinn', 'ssl': True, 'active': False,
            'events': ['build.finished']}.

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
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    username: str,
    path: str,
    id: int,
    *,
    client: AuthenticatedClient,
    body: WebhookUpdate,
) -> Error | ValidationErrors | Webhook | None:
    """Update a webhook

     Changes the webhook. Fields left out or `null` (and `""` for
    `payload_url` and `secret`, `[]` for `events`) stay unchanged; `ssl`
    and `active`, when given, are set as given. A non-empty `secret`
    replaces the secret; `remove_secret: true` (with no new `secret`)
    removes it, so deliveries are no longer signed. A webhook listens to
    the `events` it was given (all of them when it was created with none);
    an update cannot empty the list, as `[]` is the "not given" zero value
    of clients that send every field. The same 400s as `createWebhook` apply to the resulting
    webhook. Owner and collaborators may update webhooks: anyone else who
    can see the namespace gets 422.

    Args:
        username (str):
        path (str):
        id (int):
        body (WebhookUpdate): The body of `updateWebhook`. Fields left out or `null` (and `""` for
            `payload_url` and `secret`, `[]` for `events`) leave the webhook
            unchanged.
             Example: {'payload_url': 'https://hooks.example.com/djinn', 'ssl': True, 'active': False,
            'events': ['build.finished']}.

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
            body=body,
        )
    ).parsed
