from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.key import Key
from ...models.key_create import KeyCreate
from ...models.validation_errors import ValidationErrors
from ...types import Response


def _get_kwargs(
    *,
    body: KeyCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/keys",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | Key | ValidationErrors | None:
    if response.status_code == 201:
        response_201 = Key.from_dict(response.json())

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
) -> Response[Error | Key | ValidationErrors]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: KeyCreate,
) -> Response[Error | Key | ValidationErrors]:
    """Create an SSH key

     Stores an SSH private key (encrypted at rest) to be placed into builds,
    under `/root/.ssh/<name>` (or the driver's home), with its `config`
    collated into one `~/.ssh/config`. `key` must parse as an SSH private
    key in OpenSSH or PEM format (400 under `key` otherwise); it is never
    returned by the API.

    `name` is normalised: every run of characters other than letters,
    digits, `-`, `_` and `.` becomes `_` (`my deploy key` ->
    `my_deploy_key`). The normalised name must be unique per owner and
    namespace, and cannot be `.`, `..` or `config` (the collated SSH
    config file): 400 under `name`. Only unencrypted private keys are
    accepted (a build has no one to type a passphrase): an encrypted one
    is a 400 under `key`. A `namespace` that does not exist yet is
    created, `private`, when it would be the caller's own; a namespace the
    caller neither owns nor collaborates in answers 422.

    Args:
        body (KeyCreate): The body of a request creating an SSH key. Example: {'name': 'my deploy
            key', 'key': '-----BEGIN OPENSSH PRIVATE
            KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc
            2gtZW\\n...\\n-----END OPENSSH PRIVATE KEY-----\\n', 'config': 'Host github.com\\n  User
            git\\n', 'namespace': 'djinn'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Key | ValidationErrors]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: KeyCreate,
) -> Error | Key | ValidationErrors | None:
    """Create an SSH key

     Stores an SSH private key (encrypted at rest) to be placed into builds,
    under `/root/.ssh/<name>` (or the driver's home), with its `config`
    collated into one `~/.ssh/config`. `key` must parse as an SSH private
    key in OpenSSH or PEM format (400 under `key` otherwise); it is never
    returned by the API.

    `name` is normalised: every run of characters other than letters,
    digits, `-`, `_` and `.` becomes `_` (`my deploy key` ->
    `my_deploy_key`). The normalised name must be unique per owner and
    namespace, and cannot be `.`, `..` or `config` (the collated SSH
    config file): 400 under `name`. Only unencrypted private keys are
    accepted (a build has no one to type a passphrase): an encrypted one
    is a 400 under `key`. A `namespace` that does not exist yet is
    created, `private`, when it would be the caller's own; a namespace the
    caller neither owns nor collaborates in answers 422.

    Args:
        body (KeyCreate): The body of a request creating an SSH key. Example: {'name': 'my deploy
            key', 'key': '-----BEGIN OPENSSH PRIVATE
            KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc
            2gtZW\\n...\\n-----END OPENSSH PRIVATE KEY-----\\n', 'config': 'Host github.com\\n  User
            git\\n', 'namespace': 'djinn'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Key | ValidationErrors
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: KeyCreate,
) -> Response[Error | Key | ValidationErrors]:
    """Create an SSH key

     Stores an SSH private key (encrypted at rest) to be placed into builds,
    under `/root/.ssh/<name>` (or the driver's home), with its `config`
    collated into one `~/.ssh/config`. `key` must parse as an SSH private
    key in OpenSSH or PEM format (400 under `key` otherwise); it is never
    returned by the API.

    `name` is normalised: every run of characters other than letters,
    digits, `-`, `_` and `.` becomes `_` (`my deploy key` ->
    `my_deploy_key`). The normalised name must be unique per owner and
    namespace, and cannot be `.`, `..` or `config` (the collated SSH
    config file): 400 under `name`. Only unencrypted private keys are
    accepted (a build has no one to type a passphrase): an encrypted one
    is a 400 under `key`. A `namespace` that does not exist yet is
    created, `private`, when it would be the caller's own; a namespace the
    caller neither owns nor collaborates in answers 422.

    Args:
        body (KeyCreate): The body of a request creating an SSH key. Example: {'name': 'my deploy
            key', 'key': '-----BEGIN OPENSSH PRIVATE
            KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc
            2gtZW\\n...\\n-----END OPENSSH PRIVATE KEY-----\\n', 'config': 'Host github.com\\n  User
            git\\n', 'namespace': 'djinn'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Key | ValidationErrors]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: KeyCreate,
) -> Error | Key | ValidationErrors | None:
    """Create an SSH key

     Stores an SSH private key (encrypted at rest) to be placed into builds,
    under `/root/.ssh/<name>` (or the driver's home), with its `config`
    collated into one `~/.ssh/config`. `key` must parse as an SSH private
    key in OpenSSH or PEM format (400 under `key` otherwise); it is never
    returned by the API.

    `name` is normalised: every run of characters other than letters,
    digits, `-`, `_` and `.` becomes `_` (`my deploy key` ->
    `my_deploy_key`). The normalised name must be unique per owner and
    namespace, and cannot be `.`, `..` or `config` (the collated SSH
    config file): 400 under `name`. Only unencrypted private keys are
    accepted (a build has no one to type a passphrase): an encrypted one
    is a 400 under `key`. A `namespace` that does not exist yet is
    created, `private`, when it would be the caller's own; a namespace the
    caller neither owns nor collaborates in answers 422.

    Args:
        body (KeyCreate): The body of a request creating an SSH key. Example: {'name': 'my deploy
            key', 'key': '-----BEGIN OPENSSH PRIVATE
            KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc
            2gtZW\\n...\\n-----END OPENSSH PRIVATE KEY-----\\n', 'config': 'Host github.com\\n  User
            git\\n', 'namespace': 'djinn'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Key | ValidationErrors
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
