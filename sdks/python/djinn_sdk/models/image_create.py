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
    from `download_url`. `name` and `download_url` are required by the
    rules of the operation, not by the schema, so that every problem is
    reported at once (400 under `name`, and under `file` when
    `download_url` is missing, `null` or `""`).

        Example:
            {'name': 'debian-bookworm', 'namespace': 'djinn', 'download_url': 'https://images.example.com/debian-
                bookworm.qcow2'}

        Attributes:
            name (None | str | Unset): The image's name: letters, digits, `-` and `_`, unique per owner
                and namespace. Required.
                 Example: debian-bookworm.
            namespace (None | str | Unset): The path of the namespace to put the image in (`path`,
                `path/child`, or `path@owner` for a namespace one collaborates
                in). `null` or `""`: no namespace.
                 Example: djinn.
            download_url (None | str | Unset): The URL of the QCOW2 file: an absolute `http` or `https` URL (RFC 3986, at
                most 2048 characters): printable
                ASCII only (percent-encode anything else), a host that is an IPv4 address, an
                IPv6 address in brackets without a zone id, or a name of letters, digits and
                hyphens whose `xn--` labels are valid IDNA and whose last label starts with a
                letter; a port from 1 to 65535 if any; no user name or password; no fragment.
                Anything else answers 400 under this field and nothing is stored.
                URLs whose host resolves to a private, loopback, link-local or
                otherwise non-public address are refused too. Missing, `null` or
                `""`: no download, and so no file (400 under `file`). The rule is
                checked with the request's other fields, so that every problem is
                reported at once, rather than stated as a `pattern` (it is the
                `pattern` of `WebhookCreate`'s `payload_url`).
                 Example: https://images.example.com/debian-bookworm.qcow2.
    """

    name: None | str | Unset = UNSET
    namespace: None | str | Unset = UNSET
    download_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        namespace: None | str | Unset
        if isinstance(self.namespace, Unset):
            namespace = UNSET
        else:
            namespace = self.namespace

        download_url: None | str | Unset
        if isinstance(self.download_url, Unset):
            download_url = UNSET
        else:
            download_url = self.download_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if namespace is not UNSET:
            field_dict["namespace"] = namespace
        if download_url is not UNSET:
            field_dict["download_url"] = download_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_namespace(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        namespace = _parse_namespace(d.pop("namespace", UNSET))

        def _parse_download_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        download_url = _parse_download_url(d.pop("download_url", UNSET))

        image_create = cls(
            name=name,
            namespace=namespace,
            download_url=download_url,
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
