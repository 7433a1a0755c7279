from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.validation_errors import ValidationErrors
from ...types import Response


def _get_kwargs(
    username: str,
    path: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/n/{username}/{path}".format(
            username=quote(str(username), safe=""),
            path=quote(str(path), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | ValidationErrors | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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
) -> Response[Any | Error | ValidationErrors]:
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
) -> Response[Any | Error | ValidationErrors]:
    """Delete a namespace

     Deletes the namespace and, with it, all of its children (recursively).
    Everything that lives in the deleted namespaces goes too: their
    images, objects, variables, SSH keys and cron schedules, and their
    webhooks, invites and collaborators. Builds are kept with their
    history (jobs, output, artifacts) but detached: their `namespace_id`
    and `namespace` become `null`. Only the owner may delete a namespace:
    anyone else, a collaborator included, gets 404. Emits the `namespaces` webhook event with
    action `deleted` to the webhooks the namespace had.

    Args:
        username (str):
        path (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | ValidationErrors]
    """

    kwargs = _get_kwargs(
        username=username,
        path=path,
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
) -> Any | Error | ValidationErrors | None:
    """Delete a namespace

     Deletes the namespace and, with it, all of its children (recursively).
    Everything that lives in the deleted namespaces goes too: their
    images, objects, variables, SSH keys and cron schedules, and their
    webhooks, invites and collaborators. Builds are kept with their
    history (jobs, output, artifacts) but detached: their `namespace_id`
    and `namespace` become `null`. Only the owner may delete a namespace:
    anyone else, a collaborator included, gets 404. Emits the `namespaces` webhook event with
    action `deleted` to the webhooks the namespace had.

    Args:
        username (str):
        path (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | ValidationErrors
    """

    return sync_detailed(
        username=username,
        path=path,
        client=client,
    ).parsed


async def asyncio_detailed(
    username: str,
    path: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | Error | ValidationErrors]:
    """Delete a namespace

     Deletes the namespace and, with it, all of its children (recursively).
    Everything that lives in the deleted namespaces goes too: their
    images, objects, variables, SSH keys and cron schedules, and their
    webhooks, invites and collaborators. Builds are kept with their
    history (jobs, output, artifacts) but detached: their `namespace_id`
    and `namespace` become `null`. Only the owner may delete a namespace:
    anyone else, a collaborator included, gets 404. Emits the `namespaces` webhook event with
    action `deleted` to the webhooks the namespace had.

    Args:
        username (str):
        path (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | ValidationErrors]
    """

    kwargs = _get_kwargs(
        username=username,
        path=path,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    username: str,
    path: str,
    *,
    client: AuthenticatedClient,
) -> Any | Error | ValidationErrors | None:
    """Delete a namespace

     Deletes the namespace and, with it, all of its children (recursively).
    Everything that lives in the deleted namespaces goes too: their
    images, objects, variables, SSH keys and cron schedules, and their
    webhooks, invites and collaborators. Builds are kept with their
    history (jobs, output, artifacts) but detached: their `namespace_id`
    and `namespace` become `null`. Only the owner may delete a namespace:
    anyone else, a collaborator included, gets 404. Emits the `namespaces` webhook event with
    action `deleted` to the webhooks the namespace had.

    Args:
        username (str):
        path (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | ValidationErrors
    """

    return (
        await asyncio_detailed(
            username=username,
            path=path,
            client=client,
        )
    ).parsed
