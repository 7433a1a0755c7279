from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.job import Job
from ...models.validation_errors import ValidationErrors
from ...types import Response


def _get_kwargs(
    username: str,
    number: int,
    name: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/b/{username}/{number}/jobs/{name}".format(
            username=quote(str(username), safe=""),
            number=quote(str(number), safe=""),
            name=quote(str(name), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | Job | ValidationErrors | None:
    if response.status_code == 200:
        response_200 = Job.from_dict(response.json())

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
) -> Response[Error | Job | ValidationErrors]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    username: str,
    number: int,
    name: str,
    *,
    client: AuthenticatedClient,
) -> Response[Error | Job | ValidationErrors]:
    """Get a build's job

     Returns one job of the build, by name (e.g. `create-driver`,
    `clone.1`, `test.1`), with its output so far: poll it to follow a
    running job. Readable by whoever may read the build, anonymously too
    for a build in a `public` namespace.

    Args:
        username (str):
        number (int):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Job | ValidationErrors]
    """

    kwargs = _get_kwargs(
        username=username,
        number=number,
        name=name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    username: str,
    number: int,
    name: str,
    *,
    client: AuthenticatedClient,
) -> Error | Job | ValidationErrors | None:
    """Get a build's job

     Returns one job of the build, by name (e.g. `create-driver`,
    `clone.1`, `test.1`), with its output so far: poll it to follow a
    running job. Readable by whoever may read the build, anonymously too
    for a build in a `public` namespace.

    Args:
        username (str):
        number (int):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Job | ValidationErrors
    """

    return sync_detailed(
        username=username,
        number=number,
        name=name,
        client=client,
    ).parsed


async def asyncio_detailed(
    username: str,
    number: int,
    name: str,
    *,
    client: AuthenticatedClient,
) -> Response[Error | Job | ValidationErrors]:
    """Get a build's job

     Returns one job of the build, by name (e.g. `create-driver`,
    `clone.1`, `test.1`), with its output so far: poll it to follow a
    running job. Readable by whoever may read the build, anonymously too
    for a build in a `public` namespace.

    Args:
        username (str):
        number (int):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Job | ValidationErrors]
    """

    kwargs = _get_kwargs(
        username=username,
        number=number,
        name=name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    username: str,
    number: int,
    name: str,
    *,
    client: AuthenticatedClient,
) -> Error | Job | ValidationErrors | None:
    """Get a build's job

     Returns one job of the build, by name (e.g. `create-driver`,
    `clone.1`, `test.1`), with its output so far: poll it to follow a
    running job. Readable by whoever may read the build, anonymously too
    for a build in a `public` namespace.

    Args:
        username (str):
        number (int):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Job | ValidationErrors
    """

    return (
        await asyncio_detailed(
            username=username,
            number=number,
            name=name,
            client=client,
        )
    ).parsed
