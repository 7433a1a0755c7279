from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OAuthAppCreate")


@_attrs_define
class OAuthAppCreate:
    """The request body that registers an OAuth app.

    Example:
        {'name': 'Build dashboard', 'redirect_uri': 'https://dashboard.example.com/oauth/callback', 'homepage_uri':
            'https://dashboard.example.com', 'description': 'Shows my builds on a wall screen.'}

    Attributes:
        name (str): The app's name, shown to users on the consent page. Example: Build dashboard.
        redirect_uri (str): Where users are sent back after authorizing the app: an absolute `http` or `https` URL (RFC
            3986, at most 2048 characters): printable
            ASCII only (percent-encode anything else), a host that is an IPv4 address, an
            IPv6 address in brackets without a zone id, or a name of letters, digits and
            hyphens whose `xn--` labels are valid IDNA and whose last label starts with a
            letter; a port from 1 to 65535 if any; no user name or password; no fragment.
            Anything else answers 400 under this field and nothing is stored.
             Example: https://dashboard.example.com/oauth/callback.
        homepage_uri (None | str | Unset): The app's home page, with the rules of `redirect_uri`; `""` or
            `null` for none.
             Example: https://dashboard.example.com.
        description (None | str | Unset): A sentence about the app, shown on the consent page. Example: Shows my builds
            on a wall screen..
    """

    name: str
    redirect_uri: str
    homepage_uri: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        redirect_uri = self.redirect_uri

        homepage_uri: None | str | Unset
        if isinstance(self.homepage_uri, Unset):
            homepage_uri = UNSET
        else:
            homepage_uri = self.homepage_uri

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "redirect_uri": redirect_uri,
            }
        )
        if homepage_uri is not UNSET:
            field_dict["homepage_uri"] = homepage_uri
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        redirect_uri = d.pop("redirect_uri")

        def _parse_homepage_uri(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        homepage_uri = _parse_homepage_uri(d.pop("homepage_uri", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        o_auth_app_create = cls(
            name=name,
            redirect_uri=redirect_uri,
            homepage_uri=homepage_uri,
            description=description,
        )

        o_auth_app_create.additional_properties = d
        return o_auth_app_create

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
