from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OAuthTokenRequest")


@_attrs_define
class OAuthTokenRequest:
    """The form-encoded body of a token request. The client's credentials
    come in `client_id` and `client_secret`, or in an HTTP Basic
    `Authorization` header instead.

        Example:
            {'client_id': '9f86d081884c7d65', 'client_secret': '5e884898da28047151d0e56f8dc62927', 'code': '4c1f2a9e7b',
                'code_verifier': 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'grant_type': 'authorization_code',
                'redirect_uri': 'https://app.example.com/oauth/callback'}

        Attributes:
            code (str): The authorization code received at `redirect_uri`. Example: 4c1f2a9e7b.
            client_id (None | str | Unset): The OAuth app's client id, unless sent with HTTP Basic. Example:
                9f86d081884c7d65.
            client_secret (None | str | Unset): The OAuth app's client secret, unless sent with HTTP Basic. Example:
                5e884898da28047151d0e56f8dc62927.
            code_verifier (None | str | Unset): The PKCE code verifier; required when the authorization carried a
                `code_challenge`. Example: dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk.
            grant_type (None | str | Unset): When given, must be `authorization_code` (else 400 `unsupported_grant_type`).
                Example: authorization_code.
            redirect_uri (None | str | Unset): The `redirect_uri` of the authorization request, when it carried one.
                Example: https://app.example.com/oauth/callback.
    """

    code: str
    client_id: None | str | Unset = UNSET
    client_secret: None | str | Unset = UNSET
    code_verifier: None | str | Unset = UNSET
    grant_type: None | str | Unset = UNSET
    redirect_uri: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        client_id: None | str | Unset
        if isinstance(self.client_id, Unset):
            client_id = UNSET
        else:
            client_id = self.client_id

        client_secret: None | str | Unset
        if isinstance(self.client_secret, Unset):
            client_secret = UNSET
        else:
            client_secret = self.client_secret

        code_verifier: None | str | Unset
        if isinstance(self.code_verifier, Unset):
            code_verifier = UNSET
        else:
            code_verifier = self.code_verifier

        grant_type: None | str | Unset
        if isinstance(self.grant_type, Unset):
            grant_type = UNSET
        else:
            grant_type = self.grant_type

        redirect_uri: None | str | Unset
        if isinstance(self.redirect_uri, Unset):
            redirect_uri = UNSET
        else:
            redirect_uri = self.redirect_uri

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
            }
        )
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if client_secret is not UNSET:
            field_dict["client_secret"] = client_secret
        if code_verifier is not UNSET:
            field_dict["code_verifier"] = code_verifier
        if grant_type is not UNSET:
            field_dict["grant_type"] = grant_type
        if redirect_uri is not UNSET:
            field_dict["redirect_uri"] = redirect_uri

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        def _parse_client_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_id = _parse_client_id(d.pop("client_id", UNSET))

        def _parse_client_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_secret = _parse_client_secret(d.pop("client_secret", UNSET))

        def _parse_code_verifier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        code_verifier = _parse_code_verifier(d.pop("code_verifier", UNSET))

        def _parse_grant_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        grant_type = _parse_grant_type(d.pop("grant_type", UNSET))

        def _parse_redirect_uri(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        redirect_uri = _parse_redirect_uri(d.pop("redirect_uri", UNSET))

        o_auth_token_request = cls(
            code=code,
            client_id=client_id,
            client_secret=client_secret,
            code_verifier=code_verifier,
            grant_type=grant_type,
            redirect_uri=redirect_uri,
        )

        o_auth_token_request.additional_properties = d
        return o_auth_token_request

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
