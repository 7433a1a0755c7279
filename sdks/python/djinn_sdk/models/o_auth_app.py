from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OAuthApp")


@_attrs_define
class OAuthApp:
    """An OAuth app registered by a user. Its client secret is never part of it.

    Example:
        {'id': 1, 'client_id': '0f3c5a7e9b1d2c4e6a8b', 'name': 'Build dashboard', 'description': 'Shows my builds on a
            wall screen.', 'homepage_uri': 'https://dashboard.example.com', 'redirect_uri':
            'https://dashboard.example.com/oauth/callback', 'created_at': '2026-11-27T12:00:00Z', 'url':
            'http://127.0.0.1:8080/user/apps/0f3c5a7e9b1d2c4e6a8b'}

    Attributes:
        id (int):  Example: 1.
        client_id (str): The public identifier the app sends in the OAuth flow. Example: 0f3c5a7e9b1d2c4e6a8b.
        name (str): Shown to users on the consent page. Example: Build dashboard.
        description (str): Shown to users on the consent page; may be empty. Example: Shows my builds on a wall screen..
        homepage_uri (str): The app's home page; may be empty. Example: https://dashboard.example.com.
        redirect_uri (str): The only URI users are sent back to after authorizing the app, exactly as registered.
            Example: https://dashboard.example.com/oauth/callback.
        created_at (datetime.datetime): An RFC 3339 time in UTC. Example: 2026-11-27T12:00:00Z.
        url (str): This app's API URL. Example: http://127.0.0.1:8080/user/apps/0f3c5a7e9b1d2c4e6a8b.
    """

    id: int
    client_id: str
    name: str
    description: str
    homepage_uri: str
    redirect_uri: str
    created_at: datetime.datetime
    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        client_id = self.client_id

        name = self.name

        description = self.description

        homepage_uri = self.homepage_uri

        redirect_uri = self.redirect_uri

        created_at = self.created_at.isoformat()

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "client_id": client_id,
                "name": name,
                "description": description,
                "homepage_uri": homepage_uri,
                "redirect_uri": redirect_uri,
                "created_at": created_at,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        client_id = d.pop("client_id")

        name = d.pop("name")

        description = d.pop("description")

        homepage_uri = d.pop("homepage_uri")

        redirect_uri = d.pop("redirect_uri")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        url = d.pop("url")

        o_auth_app = cls(
            id=id,
            client_id=client_id,
            name=name,
            description=description,
            homepage_uri=homepage_uri,
            redirect_uri=redirect_uri,
            created_at=created_at,
            url=url,
        )

        o_auth_app.additional_properties = d
        return o_auth_app

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
