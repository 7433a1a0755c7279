from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.build import Build
from ...models.error import Error
from ...models.status import Status
from ...models.validation_errors import ValidationErrors
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    tag: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: Status | Unset = UNSET,
    page: int | Unset = 1,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["tag"] = tag

    params["search"] = search

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["page"] = page

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/builds",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ValidationErrors | list[Build] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Build.from_dict(response_200_item_data)

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
) -> Response[Error | ValidationErrors | list[Build]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    tag: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: Status | Unset = UNSET,
    page: int | Unset = 1,
    cursor: str | Unset = UNSET,
) -> Response[Error | ValidationErrors | list[Build]]:
    """List builds

     Returns the builds the caller can see, newest first, 25 a page: the
    caller's own builds and the builds submitted to namespaces they can
    see. Narrow the list with `tag` (builds carrying exactly that tag),
    `search` (builds with a tag containing the text, case-insensitively)
    and `status`; the filters combine. The `Link` header points to the
    neighbouring pages.

    Args:
        tag (str | Unset):
        search (str | Unset):
        status (Status | Unset): The status of a build or job. Example: passed.
        page (int | Unset):  Default: 1.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationErrors | list[Build]]
    """

    kwargs = _get_kwargs(
        tag=tag,
        search=search,
        status=status,
        page=page,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    tag: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: Status | Unset = UNSET,
    page: int | Unset = 1,
    cursor: str | Unset = UNSET,
) -> Error | ValidationErrors | list[Build] | None:
    """List builds

     Returns the builds the caller can see, newest first, 25 a page: the
    caller's own builds and the builds submitted to namespaces they can
    see. Narrow the list with `tag` (builds carrying exactly that tag),
    `search` (builds with a tag containing the text, case-insensitively)
    and `status`; the filters combine. The `Link` header points to the
    neighbouring pages.

    Args:
        tag (str | Unset):
        search (str | Unset):
        status (Status | Unset): The status of a build or job. Example: passed.
        page (int | Unset):  Default: 1.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationErrors | list[Build]
    """

    return sync_detailed(
        client=client,
        tag=tag,
        search=search,
        status=status,
        page=page,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    tag: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: Status | Unset = UNSET,
    page: int | Unset = 1,
    cursor: str | Unset = UNSET,
) -> Response[Error | ValidationErrors | list[Build]]:
    """List builds

     Returns the builds the caller can see, newest first, 25 a page: the
    caller's own builds and the builds submitted to namespaces they can
    see. Narrow the list with `tag` (builds carrying exactly that tag),
    `search` (builds with a tag containing the text, case-insensitively)
    and `status`; the filters combine. The `Link` header points to the
    neighbouring pages.

    Args:
        tag (str | Unset):
        search (str | Unset):
        status (Status | Unset): The status of a build or job. Example: passed.
        page (int | Unset):  Default: 1.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationErrors | list[Build]]
    """

    kwargs = _get_kwargs(
        tag=tag,
        search=search,
        status=status,
        page=page,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    tag: str | Unset = UNSET,
    search: str | Unset = UNSET,
    status: Status | Unset = UNSET,
    page: int | Unset = 1,
    cursor: str | Unset = UNSET,
) -> Error | ValidationErrors | list[Build] | None:
    """List builds

     Returns the builds the caller can see, newest first, 25 a page: the
    caller's own builds and the builds submitted to namespaces they can
    see. Narrow the list with `tag` (builds carrying exactly that tag),
    `search` (builds with a tag containing the text, case-insensitively)
    and `status`; the filters combine. The `Link` header points to the
    neighbouring pages.

    Args:
        tag (str | Unset):
        search (str | Unset):
        status (Status | Unset): The status of a build or job. Example: passed.
        page (int | Unset):  Default: 1.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationErrors | list[Build]
    """

    return (
        await asyncio_detailed(
            client=client,
            tag=tag,
            search=search,
            status=status,
            page=page,
            cursor=cursor,
        )
    ).parsed
