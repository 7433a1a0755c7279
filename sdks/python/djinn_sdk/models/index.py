from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Index")


@_attrs_define
class Index:
    """The absolute URLs of the API's resources.

    Example:
        {'builds_url': 'http://127.0.0.1:8080/builds', 'namespaces_url': 'http://127.0.0.1:8080/namespaces', 'cron_url':
            'http://127.0.0.1:8080/cron', 'images_url': 'http://127.0.0.1:8080/images', 'invites_url':
            'http://127.0.0.1:8080/invites', 'keys_url': 'http://127.0.0.1:8080/keys', 'objects_url':
            'http://127.0.0.1:8080/objects', 'variables_url': 'http://127.0.0.1:8080/variables', 'user_url':
            'http://127.0.0.1:8080/user'}

    Attributes:
        builds_url (str):  Example: http://127.0.0.1:8080/builds.
        namespaces_url (str):  Example: http://127.0.0.1:8080/namespaces.
        cron_url (str):  Example: http://127.0.0.1:8080/cron.
        images_url (str):  Example: http://127.0.0.1:8080/images.
        invites_url (str):  Example: http://127.0.0.1:8080/invites.
        keys_url (str):  Example: http://127.0.0.1:8080/keys.
        objects_url (str):  Example: http://127.0.0.1:8080/objects.
        variables_url (str):  Example: http://127.0.0.1:8080/variables.
        user_url (str):  Example: http://127.0.0.1:8080/user.
    """

    builds_url: str
    namespaces_url: str
    cron_url: str
    images_url: str
    invites_url: str
    keys_url: str
    objects_url: str
    variables_url: str
    user_url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        builds_url = self.builds_url

        namespaces_url = self.namespaces_url

        cron_url = self.cron_url

        images_url = self.images_url

        invites_url = self.invites_url

        keys_url = self.keys_url

        objects_url = self.objects_url

        variables_url = self.variables_url

        user_url = self.user_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "builds_url": builds_url,
                "namespaces_url": namespaces_url,
                "cron_url": cron_url,
                "images_url": images_url,
                "invites_url": invites_url,
                "keys_url": keys_url,
                "objects_url": objects_url,
                "variables_url": variables_url,
                "user_url": user_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        builds_url = d.pop("builds_url")

        namespaces_url = d.pop("namespaces_url")

        cron_url = d.pop("cron_url")

        images_url = d.pop("images_url")

        invites_url = d.pop("invites_url")

        keys_url = d.pop("keys_url")

        objects_url = d.pop("objects_url")

        variables_url = d.pop("variables_url")

        user_url = d.pop("user_url")

        index = cls(
            builds_url=builds_url,
            namespaces_url=namespaces_url,
            cron_url=cron_url,
            images_url=images_url,
            invites_url=invites_url,
            keys_url=keys_url,
            objects_url=objects_url,
            variables_url=variables_url,
            user_url=user_url,
        )

        index.additional_properties = d
        return index

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
