from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ImageCreate")


@_attrs_define
class ImageCreate:
    """The JSON body of a request creating an image the server downloads
    from `download_url`.

        Example:
            {'name': 'debian-bookworm', 'namespace': 'djinn', 'download_url': 'https://images.example.com/debian-
                bookworm.qcow2'}

        Attributes:
            name (str): The image's name, unique per owner and namespace. Example: debian-bookworm.
            download_url (str): The `http` or `https` URL of the QCOW2 file. URLs whose host
                resolves to a private, loopback, link-local or otherwise
                non-public address are refused.
                 Example: https://images.example.com/debian-bookworm.qcow2.
            namespace (None | str | Unset): The path of the namespace to put the image in (`path`,
                `path/child`, or `path@owner` for a namespace one collaborates
                in). `null` or `""`: no namespace.
                 Example: djinn.
    """

    name: str
    download_url: str
    namespace: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        download_url = self.download_url

        namespace: None | str | Unset
        if isinstance(self.namespace, Unset):
            namespace = UNSET
        else:
            namespace = self.namespace

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "download_url": download_url,
            }
        )
        if namespace is not UNSET:
            field_dict["namespace"] = namespace

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        download_url = d.pop("download_url")

        def _parse_namespace(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        namespace = _parse_namespace(d.pop("namespace", UNSET))

        image_create = cls(
            name=name,
            download_url=download_url,
            namespace=namespace,
        )

        image_create.additional_properties = d
        return image_create

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
