from http import HTTPStatus
from io import BytesIO
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.validation_errors import ValidationErrors
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    username: str,
    path: str,
    *,
    if_none_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/n/{username}/{path}/-/badge.svg".format(
            username=quote(str(username), safe=""),
            path=quote(str(path), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | File | ValidationErrors | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

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
) -> Response[Any | Error | File | ValidationErrors]:
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
    client: AuthenticatedClient | Client,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | Error | File | ValidationErrors]:
    """Get a namespace's build status badge

     Returns an SVG badge, labelled `Djinn CI`, showing the status of the
    latest build submitted to the namespace (its children not counted),
    for embedding in READMEs. The status reads `queued`, `running`,
    `passed`, `passed with failures`, `failed`, `killed` or `timed out`,
    or `unknown` when the namespace has no builds yet.

    Needs no token, and one sent is ignored: the badge is served for
    `public` namespaces only. A namespace that does not exist, or is
    `private` or `internal`, answers 404, so a badge reveals nothing an
    anonymous caller could not see.

    The answer is `image/svg+xml`, or the same bytes as
    `application/octet-stream` when `Accept` prefers that (for clients
    that read only that type as binary).

    The `ETag` changes whenever the badge's status does; a request whose
    `If-None-Match` matches it answers 304 with no body.
    `Cache-Control: no-cache` makes image proxies revalidate each time.

    Args:
        username (str):
        path (str):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | File | ValidationErrors]
    """

    kwargs = _get_kwargs(
        username=username,
        path=path,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    username: str,
    path: str,
    *,
    client: AuthenticatedClient | Client,
    if_none_match: str | Unset = UNSET,
) -> Any | Error | File | ValidationErrors | None:
    """Get a namespace's build status badge

     Returns an SVG badge, labelled `Djinn CI`, showing the status of the
    latest build submitted to the namespace (its children not counted),
    for embedding in READMEs. The status reads `queued`, `running`,
    `passed`, `passed with failures`, `failed`, `killed` or `timed out`,
    or `unknown` when the namespace has no builds yet.

    Needs no token, and one sent is ignored: the badge is served for
    `public` namespaces only. A namespace that does not exist, or is
    `private` or `internal`, answers 404, so a badge reveals nothing an
    anonymous caller could not see.

    The answer is `image/svg+xml`, or the same bytes as
    `application/octet-stream` when `Accept` prefers that (for clients
    that read only that type as binary).

    The `ETag` changes whenever the badge's status does; a request whose
    `If-None-Match` matches it answers 304 with no body.
    `Cache-Control: no-cache` makes image proxies revalidate each time.

    Args:
        username (str):
        path (str):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | File | ValidationErrors
    """

    return sync_detailed(
        username=username,
        path=path,
        client=client,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    username: str,
    path: str,
    *,
    client: AuthenticatedClient | Client,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | Error | File | ValidationErrors]:
    """Get a namespace's build status badge

     Returns an SVG badge, labelled `Djinn CI`, showing the status of the
    latest build submitted to the namespace (its children not counted),
    for embedding in READMEs. The status reads `queued`, `running`,
    `passed`, `passed with failures`, `failed`, `killed` or `timed out`,
    or `unknown` when the namespace has no builds yet.

    Needs no token, and one sent is ignored: the badge is served for
    `public` namespaces only. A namespace that does not exist, or is
    `private` or `internal`, answers 404, so a badge reveals nothing an
    anonymous caller could not see.

    The answer is `image/svg+xml`, or the same bytes as
    `application/octet-stream` when `Accept` prefers that (for clients
    that read only that type as binary).

    The `ETag` changes whenever the badge's status does; a request whose
    `If-None-Match` matches it answers 304 with no body.
    `Cache-Control: no-cache` makes image proxies revalidate each time.

    Args:
        username (str):
        path (str):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | File | ValidationErrors]
    """

    kwargs = _get_kwargs(
        username=username,
        path=path,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    username: str,
    path: str,
    *,
    client: AuthenticatedClient | Client,
    if_none_match: str | Unset = UNSET,
) -> Any | Error | File | ValidationErrors | None:
    """Get a namespace's build status badge

     Returns an SVG badge, labelled `Djinn CI`, showing the status of the
    latest build submitted to the namespace (its children not counted),
    for embedding in READMEs. The status reads `queued`, `running`,
    `passed`, `passed with failures`, `failed`, `killed` or `timed out`,
    or `unknown` when the namespace has no builds yet.

    Needs no token, and one sent is ignored: the badge is served for
    `public` namespaces only. A namespace that does not exist, or is
    `private` or `internal`, answers 404, so a badge reveals nothing an
    anonymous caller could not see.

    The answer is `image/svg+xml`, or the same bytes as
    `application/octet-stream` when `Accept` prefers that (for clients
    that read only that type as binary).

    The `ETag` changes whenever the badge's status does; a request whose
    `If-None-Match` matches it answers 304 with no body.
    `Cache-Control: no-cache` makes image proxies revalidate each time.

    Args:
        username (str):
        path (str):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | File | ValidationErrors
    """

    return (
        await asyncio_detailed(
            username=username,
            path=path,
            client=client,
            if_none_match=if_none_match,
        )
    ).parsed
