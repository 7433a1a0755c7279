from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.artifact import Artifact
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
        "url": "/b/{username}/{number}/artifacts/{name}".format(
            username=quote(str(username), safe=""),
            number=quote(str(number), safe=""),
            name=quote(str(name), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Artifact | Error | ValidationErrors | None:
    if response.status_code == 200:
        response_200 = Artifact.from_dict(response.json())

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
) -> Response[Artifact | Error | ValidationErrors]:
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
) -> Response[Artifact | Error | ValidationErrors]:
    """Get or download a build's artifact

     Returns one artifact of the build, by the name it was collected as.
    With `Accept: application/octet-stream` the answer is the file itself,
    streamed, sent with its MIME type as detected from its content as
    `Content-Type`, as an attachment the browser may not sniff
    (`Content-Disposition: attachment` with the artifact's name,
    `X-Content-Type-Options: nosniff`); otherwise it is the Artifact
    entity as JSON. Downloading an artifact that has not been
    collected, or whose file the curator has removed, answers `404`.
    Readable by whoever may read the build, anonymously too for a build in
    a `public` namespace.

    Args:
        username (str):
        number (int):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Artifact | Error | ValidationErrors]
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
) -> Artifact | Error | ValidationErrors | None:
    """Get or download a build's artifact

     Returns one artifact of the build, by the name it was collected as.
    With `Accept: application/octet-stream` the answer is the file itself,
    streamed, sent with its MIME type as detected from its content as
    `Content-Type`, as an attachment the browser may not sniff
    (`Content-Disposition: attachment` with the artifact's name,
    `X-Content-Type-Options: nosniff`); otherwise it is the Artifact
    entity as JSON. Downloading an artifact that has not been
    collected, or whose file the curator has removed, answers `404`.
    Readable by whoever may read the build, anonymously too for a build in
    a `public` namespace.

    Args:
        username (str):
        number (int):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Artifact | Error | ValidationErrors
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
) -> Response[Artifact | Error | ValidationErrors]:
    """Get or download a build's artifact

     Returns one artifact of the build, by the name it was collected as.
    With `Accept: application/octet-stream` the answer is the file itself,
    streamed, sent with its MIME type as detected from its content as
    `Content-Type`, as an attachment the browser may not sniff
    (`Content-Disposition: attachment` with the artifact's name,
    `X-Content-Type-Options: nosniff`); otherwise it is the Artifact
    entity as JSON. Downloading an artifact that has not been
    collected, or whose file the curator has removed, answers `404`.
    Readable by whoever may read the build, anonymously too for a build in
    a `public` namespace.

    Args:
        username (str):
        number (int):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Artifact | Error | ValidationErrors]
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
) -> Artifact | Error | ValidationErrors | None:
    """Get or download a build's artifact

     Returns one artifact of the build, by the name it was collected as.
    With `Accept: application/octet-stream` the answer is the file itself,
    streamed, sent with its MIME type as detected from its content as
    `Content-Type`, as an attachment the browser may not sniff
    (`Content-Disposition: attachment` with the artifact's name,
    `X-Content-Type-Options: nosniff`); otherwise it is the Artifact
    entity as JSON. Downloading an artifact that has not been
    collected, or whose file the curator has removed, answers `404`.
    Readable by whoever may read the build, anonymously too for a build in
    a `public` namespace.

    Args:
        username (str):
        number (int):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Artifact | Error | ValidationErrors
    """

    return (
        await asyncio_detailed(
            username=username,
            number=number,
            name=name,
            client=client,
        )
    ).parsed
