from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.validation_errors import ValidationErrors
from ...types import Response


def _get_kwargs(
    username: str,
    number: int,
    name: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/b/{username}/{number}/jobs/{name}/output".format(
            username=quote(str(username), safe=""),
            number=quote(str(number), safe=""),
            name=quote(str(name), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ValidationErrors | str | None:
    if response.status_code == 200:
        response_200 = response.text
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
) -> Response[Error | ValidationErrors | str]:
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
) -> Response[Error | ValidationErrors | str]:
    """Follow a job's output

     Streams one job's output as plain text (chunked) while it grows: what
    the job has written so far, then more as it is produced, ending when
    the job has finished (at once for a job that already finished; a job
    that never runs, in a build that ended without it, ends the stream
    when the build ends). Masked variable values read `xxxxxx`, as in
    the job's `output`. An extension of this server, not in the original
    Djinn CI API. Readable by whoever may read the build, anonymously too
    for a build in a `public` namespace.

    Args:
        username (str):
        number (int):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationErrors | str]
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
) -> Error | ValidationErrors | str | None:
    """Follow a job's output

     Streams one job's output as plain text (chunked) while it grows: what
    the job has written so far, then more as it is produced, ending when
    the job has finished (at once for a job that already finished; a job
    that never runs, in a build that ended without it, ends the stream
    when the build ends). Masked variable values read `xxxxxx`, as in
    the job's `output`. An extension of this server, not in the original
    Djinn CI API. Readable by whoever may read the build, anonymously too
    for a build in a `public` namespace.

    Args:
        username (str):
        number (int):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationErrors | str
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
) -> Response[Error | ValidationErrors | str]:
    """Follow a job's output

     Streams one job's output as plain text (chunked) while it grows: what
    the job has written so far, then more as it is produced, ending when
    the job has finished (at once for a job that already finished; a job
    that never runs, in a build that ended without it, ends the stream
    when the build ends). Masked variable values read `xxxxxx`, as in
    the job's `output`. An extension of this server, not in the original
    Djinn CI API. Readable by whoever may read the build, anonymously too
    for a build in a `public` namespace.

    Args:
        username (str):
        number (int):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationErrors | str]
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
) -> Error | ValidationErrors | str | None:
    """Follow a job's output

     Streams one job's output as plain text (chunked) while it grows: what
    the job has written so far, then more as it is produced, ending when
    the job has finished (at once for a job that already finished; a job
    that never runs, in a build that ended without it, ends the stream
    when the build ends). Masked variable values read `xxxxxx`, as in
    the job's `output`. An extension of this server, not in the original
    Djinn CI API. Readable by whoever may read the build, anonymously too
    for a build in a `public` namespace.

    Args:
        username (str):
        number (int):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationErrors | str
    """

    return (
        await asyncio_detailed(
            username=username,
            number=number,
            name=name,
            client=client,
        )
    ).parsed
