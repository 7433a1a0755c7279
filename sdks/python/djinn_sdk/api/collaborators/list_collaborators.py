from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.collaborator import Collaborator
from ...models.error import Error
from ...models.validation_errors import ValidationErrors
from ...types import Response


def _get_kwargs(
    username: str,
    path: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/n/{username}/{path}/-/collaborators".format(
            username=quote(str(username), safe=""),
            path=quote(str(path), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ValidationErrors | list[Collaborator] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Collaborator.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Error | ValidationErrors | list[Collaborator]]:
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
) -> Response[Error | ValidationErrors | list[Collaborator]]:
    """List a namespace's collaborators

     Returns the users who collaborate in the namespace, ordered by
    username. Collaborators belong to the root namespace and work in all of
    its children, so a child's path lists its root's collaborators. Not
    paged. Only the owner may list them: anyone else, a collaborator or a
    reader of a public namespace included, gets 404, as the original
    treats ownership like a missing scope.

    Args:
        username (str):
        path (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationErrors | list[Collaborator]]
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
) -> Error | ValidationErrors | list[Collaborator] | None:
    """List a namespace's collaborators

     Returns the users who collaborate in the namespace, ordered by
    username. Collaborators belong to the root namespace and work in all of
    its children, so a child's path lists its root's collaborators. Not
    paged. Only the owner may list them: anyone else, a collaborator or a
    reader of a public namespace included, gets 404, as the original
    treats ownership like a missing scope.

    Args:
        username (str):
        path (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationErrors | list[Collaborator]
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
) -> Response[Error | ValidationErrors | list[Collaborator]]:
    """List a namespace's collaborators

     Returns the users who collaborate in the namespace, ordered by
    username. Collaborators belong to the root namespace and work in all of
    its children, so a child's path lists its root's collaborators. Not
    paged. Only the owner may list them: anyone else, a collaborator or a
    reader of a public namespace included, gets 404, as the original
    treats ownership like a missing scope.

    Args:
        username (str):
        path (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationErrors | list[Collaborator]]
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
) -> Error | ValidationErrors | list[Collaborator] | None:
    """List a namespace's collaborators

     Returns the users who collaborate in the namespace, ordered by
    username. Collaborators belong to the root namespace and work in all of
    its children, so a child's path lists its root's collaborators. Not
    paged. Only the owner may list them: anyone else, a collaborator or a
    reader of a public namespace included, gets 404, as the original
    treats ownership like a missing scope.

    Args:
        username (str):
        path (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationErrors | list[Collaborator]
    """

    return (
        await asyncio_detailed(
            username=username,
            path=path,
            client=client,
        )
    ).parsed
