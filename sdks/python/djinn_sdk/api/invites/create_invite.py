from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.invite import Invite
from ...models.invite_create import InviteCreate
from ...models.validation_errors import ValidationErrors
from ...types import Response


def _get_kwargs(
    username: str,
    path: str,
    *,
    body: InviteCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/n/{username}/{path}/-/invites".format(
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
) -> Error | Invite | ValidationErrors | None:
    if response.status_code == 201:
        response_201 = Invite.from_dict(response.json())

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
) -> Response[Error | Invite | ValidationErrors]:
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
    body: InviteCreate,
) -> Response[Error | Invite | ValidationErrors]:
    """Invite a user to collaborate

     Invites the user named by `handle` (a username or an email address)
    to collaborate in the namespace's root namespace and all of its
    children. Only the owner may invite: anyone else, a collaborator
    included, gets 404. Answers 400 on `handle` when it is missing, names no user,
    names the owner themself, an existing collaborator, or a user already
    invited. Emits the `invite.sent` webhook event.

    Args:
        username (str):
        path (str):
        body (InviteCreate): The body of `createInvite`. Example: {'handle': 'bob@example.com'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Invite | ValidationErrors]
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
    body: InviteCreate,
) -> Error | Invite | ValidationErrors | None:
    """Invite a user to collaborate

     Invites the user named by `handle` (a username or an email address)
    to collaborate in the namespace's root namespace and all of its
    children. Only the owner may invite: anyone else, a collaborator
    included, gets 404. Answers 400 on `handle` when it is missing, names no user,
    names the owner themself, an existing collaborator, or a user already
    invited. Emits the `invite.sent` webhook event.

    Args:
        username (str):
        path (str):
        body (InviteCreate): The body of `createInvite`. Example: {'handle': 'bob@example.com'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Invite | ValidationErrors
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
    body: InviteCreate,
) -> Response[Error | Invite | ValidationErrors]:
    """Invite a user to collaborate

     Invites the user named by `handle` (a username or an email address)
    to collaborate in the namespace's root namespace and all of its
    children. Only the owner may invite: anyone else, a collaborator
    included, gets 404. Answers 400 on `handle` when it is missing, names no user,
    names the owner themself, an existing collaborator, or a user already
    invited. Emits the `invite.sent` webhook event.

    Args:
        username (str):
        path (str):
        body (InviteCreate): The body of `createInvite`. Example: {'handle': 'bob@example.com'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Invite | ValidationErrors]
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
    body: InviteCreate,
) -> Error | Invite | ValidationErrors | None:
    """Invite a user to collaborate

     Invites the user named by `handle` (a username or an email address)
    to collaborate in the namespace's root namespace and all of its
    children. Only the owner may invite: anyone else, a collaborator
    included, gets 404. Answers 400 on `handle` when it is missing, names no user,
    names the owner themself, an existing collaborator, or a user already
    invited. Emits the `invite.sent` webhook event.

    Args:
        username (str):
        path (str):
        body (InviteCreate): The body of `createInvite`. Example: {'handle': 'bob@example.com'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Invite | ValidationErrors
    """

    return (
        await asyncio_detailed(
            username=username,
            path=path,
            client=client,
            body=body,
        )
    ).parsed
