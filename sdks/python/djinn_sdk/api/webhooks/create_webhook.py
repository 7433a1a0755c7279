from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.validation_errors import ValidationErrors
from ...models.webhook import Webhook
from ...models.webhook_create import WebhookCreate
from ...types import Response


def _get_kwargs(
    username: str,
    path: str,
    *,
    body: WebhookCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/n/{username}/{path}/-/webhooks".format(
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
) -> Error | ValidationErrors | Webhook | None:
    if response.status_code == 201:
        response_201 = Webhook.from_dict(response.json())

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
    *,
    client: AuthenticatedClient,
    body: WebhookCreate,
) -> Response[Error | ValidationErrors | Webhook]:
    """Create a webhook

     Adds a webhook to the namespace: from then on each event of the
    namespace that the webhook listens to (all of them when `events` is
    empty or `null`) is delivered to `payload_url` while `active` is true.
    Owner and collaborators may create webhooks: anyone else who can see
    the namespace gets 422. Answers 400 on `payload_url` when it is
    missing or not an absolute `http`/`https` URL, or when `ssl` is true
    and the URL is not `https`; 400 on `events` for an unknown event.

    **Delivery.** Each event is delivered in the background, never inside
    the API request that caused it, as `POST payload_url` with the JSON
    payload of the event (see `WebhookEvent`) as body and the headers:

    - `Content-Type: application/json; charset=utf-8`
    - `User-Agent: Djinn-CI-Hook`
    - `X-Djinn-CI-Event: <event>`, e.g. `build.finished`
    - `X-Djinn-CI-Hook-ID: <webhook id>`
    - `X-Djinn-CI-Signature: sha256=<hex>` when the webhook has a secret:
      the lowercase hex HMAC-SHA256 of the exact request body, keyed with
      the secret. Receivers should compute it over the raw body and
      compare in constant time.

    With `ssl` true the receiver's TLS certificate is verified. Each
    delivery's status code, duration and error are recorded; the latest
    is the webhook's `last_response`.

    Args:
        username (str):
        path (str):
        body (WebhookCreate): The body of `createWebhook`. `""` and `null` in the optional fields
            mean "not given".
             Example: {'payload_url': 'https://hooks.example.com/djinn', 'secret': 's3cr3t-t0k3n',
            'ssl': True, 'active': True, 'events': ['build.submitted', 'build.finished']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationErrors | Webhook]
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
    body: WebhookCreate,
) -> Error | ValidationErrors | Webhook | None:
    """Create a webhook

     Adds a webhook to the namespace: from then on each event of the
    namespace that the webhook listens to (all of them when `events` is
    empty or `null`) is delivered to `payload_url` while `active` is true.
    Owner and collaborators may create webhooks: anyone else who can see
    the namespace gets 422. Answers 400 on `payload_url` when it is
    missing or not an absolute `http`/`https` URL, or when `ssl` is true
    and the URL is not `https`; 400 on `events` for an unknown event.

    **Delivery.** Each event is delivered in the background, never inside
    the API request that caused it, as `POST payload_url` with the JSON
    payload of the event (see `WebhookEvent`) as body and the headers:

    - `Content-Type: application/json; charset=utf-8`
    - `User-Agent: Djinn-CI-Hook`
    - `X-Djinn-CI-Event: <event>`, e.g. `build.finished`
    - `X-Djinn-CI-Hook-ID: <webhook id>`
    - `X-Djinn-CI-Signature: sha256=<hex>` when the webhook has a secret:
      the lowercase hex HMAC-SHA256 of the exact request body, keyed with
      the secret. Receivers should compute it over the raw body and
      compare in constant time.

    With `ssl` true the receiver's TLS certificate is verified. Each
    delivery's status code, duration and error are recorded; the latest
    is the webhook's `last_response`.

    Args:
        username (str):
        path (str):
        body (WebhookCreate): The body of `createWebhook`. `""` and `null` in the optional fields
            mean "not given".
             Example: {'payload_url': 'https://hooks.example.com/djinn', 'secret': 's3cr3t-t0k3n',
            'ssl': True, 'active': True, 'events': ['build.submitted', 'build.finished']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationErrors | Webhook
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
    body: WebhookCreate,
) -> Response[Error | ValidationErrors | Webhook]:
    """Create a webhook

     Adds a webhook to the namespace: from then on each event of the
    namespace that the webhook listens to (all of them when `events` is
    empty or `null`) is delivered to `payload_url` while `active` is true.
    Owner and collaborators may create webhooks: anyone else who can see
    the namespace gets 422. Answers 400 on `payload_url` when it is
    missing or not an absolute `http`/`https` URL, or when `ssl` is true
    and the URL is not `https`; 400 on `events` for an unknown event.

    **Delivery.** Each event is delivered in the background, never inside
    the API request that caused it, as `POST payload_url` with the JSON
    payload of the event (see `WebhookEvent`) as body and the headers:

    - `Content-Type: application/json; charset=utf-8`
    - `User-Agent: Djinn-CI-Hook`
    - `X-Djinn-CI-Event: <event>`, e.g. `build.finished`
    - `X-Djinn-CI-Hook-ID: <webhook id>`
    - `X-Djinn-CI-Signature: sha256=<hex>` when the webhook has a secret:
      the lowercase hex HMAC-SHA256 of the exact request body, keyed with
      the secret. Receivers should compute it over the raw body and
      compare in constant time.

    With `ssl` true the receiver's TLS certificate is verified. Each
    delivery's status code, duration and error are recorded; the latest
    is the webhook's `last_response`.

    Args:
        username (str):
        path (str):
        body (WebhookCreate): The body of `createWebhook`. `""` and `null` in the optional fields
            mean "not given".
             Example: {'payload_url': 'https://hooks.example.com/djinn', 'secret': 's3cr3t-t0k3n',
            'ssl': True, 'active': True, 'events': ['build.submitted', 'build.finished']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationErrors | Webhook]
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
    body: WebhookCreate,
) -> Error | ValidationErrors | Webhook | None:
    """Create a webhook

     Adds a webhook to the namespace: from then on each event of the
    namespace that the webhook listens to (all of them when `events` is
    empty or `null`) is delivered to `payload_url` while `active` is true.
    Owner and collaborators may create webhooks: anyone else who can see
    the namespace gets 422. Answers 400 on `payload_url` when it is
    missing or not an absolute `http`/`https` URL, or when `ssl` is true
    and the URL is not `https`; 400 on `events` for an unknown event.

    **Delivery.** Each event is delivered in the background, never inside
    the API request that caused it, as `POST payload_url` with the JSON
    payload of the event (see `WebhookEvent`) as body and the headers:

    - `Content-Type: application/json; charset=utf-8`
    - `User-Agent: Djinn-CI-Hook`
    - `X-Djinn-CI-Event: <event>`, e.g. `build.finished`
    - `X-Djinn-CI-Hook-ID: <webhook id>`
    - `X-Djinn-CI-Signature: sha256=<hex>` when the webhook has a secret:
      the lowercase hex HMAC-SHA256 of the exact request body, keyed with
      the secret. Receivers should compute it over the raw body and
      compare in constant time.

    With `ssl` true the receiver's TLS certificate is verified. Each
    delivery's status code, duration and error are recorded; the latest
    is the webhook's `last_response`.

    Args:
        username (str):
        path (str):
        body (WebhookCreate): The body of `createWebhook`. `""` and `null` in the optional fields
            mean "not given".
             Example: {'payload_url': 'https://hooks.example.com/djinn', 'secret': 's3cr3t-t0k3n',
            'ssl': True, 'active': True, 'events': ['build.submitted', 'build.finished']}.

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
            client=client,
            body=body,
        )
    ).parsed
