from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OAuthAuthorization")


@_attrs_define
class OAuthAuthorization:
    """A working token issued to an OAuth app through the authorization-code flow.

    Example:
        {'id': 7, 'app_name': 'Build dashboard', 'client_id': '0f3c5a7e9b1d2c4e6a8b', 'scope': 'build:read
            namespace:read', 'created_at': '2026-11-27T12:00:00Z', 'url': 'http://127.0.0.1:8080/user/authorizations/7'}

    Attributes:
        id (int): The token's id. Example: 7.
        app_name (str): The name of the app the token was issued to. Example: Build dashboard.
        client_id (str): The client id of that app. Example: 0f3c5a7e9b1d2c4e6a8b.
        scope (str): The scope the user approved, space-separated `<resource>:<perm>[,<perm>...]` items; `""` for none.
            Example: build:read namespace:read.
        created_at (datetime.datetime): An RFC 3339 time in UTC. Example: 2026-11-27T12:00:00Z.
        url (str): This authorization's API URL (`DELETE` revokes it). Example:
            http://127.0.0.1:8080/user/authorizations/7.
    """

    id: int
    app_name: str
    client_id: str
    scope: str
    created_at: datetime.datetime
    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        app_name = self.app_name

        client_id = self.client_id

        scope = self.scope

        created_at = self.created_at.isoformat()

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "app_name": app_name,
                "client_id": client_id,
                "scope": scope,
                "created_at": created_at,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        app_name = d.pop("app_name")

        client_id = d.pop("client_id")

        scope = d.pop("scope")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        url = d.pop("url")

        o_auth_authorization = cls(
            id=id,
            app_name=app_name,
            client_id=client_id,
            scope=scope,
            created_at=created_at,
            url=url,
        )

        o_auth_authorization.additional_properties = d
        return o_auth_authorization

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
