from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.o_auth_token_token_type import OAuthTokenTokenType

T = TypeVar("T", bound="OAuthToken")


@_attrs_define
class OAuthToken:
    """An access token issued through the authorization-code flow.

    Example:
        {'access_token': '1f3870be274f6c49b3e31a0c6728957f', 'token_type': 'bearer', 'scope': 'build:read,write
            namespace:read'}

    Attributes:
        access_token (str): The bearer token, for `Authorization: Bearer <token>`. Example:
            1f3870be274f6c49b3e31a0c6728957f.
        token_type (OAuthTokenTokenType): Always `bearer`. Example: bearer.
        scope (str): The approved scope, space-separated `<resource>:<perm>[,<perm>...]` items. Example:
            build:read,write namespace:read.
    """

    access_token: str
    token_type: OAuthTokenTokenType
    scope: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access_token = self.access_token

        token_type = self.token_type.value

        scope = self.scope

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "access_token": access_token,
                "token_type": token_type,
                "scope": scope,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        access_token = d.pop("access_token")

        token_type = OAuthTokenTokenType(d.pop("token_type"))

        scope = d.pop("scope")

        o_auth_token = cls(
            access_token=access_token,
            token_type=token_type,
            scope=scope,
        )

        o_auth_token.additional_properties = d
        return o_auth_token

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
