from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="KeyCreate")


@_attrs_define
class KeyCreate:
    """The body of a request creating an SSH key.

    Example:
        {'name': 'my deploy key', 'key': '-----BEGIN OPENSSH PRIVATE
            KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc
            2gtZW\\n...\\n-----END OPENSSH PRIVATE KEY-----\\n', 'config': 'Host github.com\\n  User git\\n', 'namespace':
            'djinn'}

    Attributes:
        name (str): The key's name. Runs of characters other than letters, digits,
            `-`, `_` and `.` become `_`; the result must be unique per owner
            and namespace, and not `.`, `..` or `config`.
             Example: my deploy key.
        key (str): The SSH private key, OpenSSH or PEM, without a passphrase. Stored encrypted; never returned. Example:
            -----BEGIN OPENSSH PRIVATE KEY-----
            b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
            ...
            -----END OPENSSH PRIVATE KEY-----
            .
        config (None | str | Unset): SSH config text for the key; `null` or `""` for none. Example: Host github.com
              User git
            .
        namespace (None | str | Unset): The path of the namespace to put the key in (`path`,
            `path/child`, or `path@owner` for a namespace one collaborates
            in). `null` or `""`: no namespace.
             Example: djinn.
    """

    name: str
    key: str
    config: None | str | Unset = UNSET
    namespace: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        key = self.key

        config: None | str | Unset
        if isinstance(self.config, Unset):
            config = UNSET
        else:
            config = self.config

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
                "key": key,
            }
        )
        if config is not UNSET:
            field_dict["config"] = config
        if namespace is not UNSET:
            field_dict["namespace"] = namespace

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        key = d.pop("key")

        def _parse_config(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        config = _parse_config(d.pop("config", UNSET))

        def _parse_namespace(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        namespace = _parse_namespace(d.pop("namespace", UNSET))

        key_create = cls(
            name=name,
            key=key,
            config=config,
            namespace=namespace,
        )

        key_create.additional_properties = d
        return key_create

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
