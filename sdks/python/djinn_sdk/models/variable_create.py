from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VariableCreate")


@_attrs_define
class VariableCreate:
    """The body of a request creating a variable.

    Example:
        {'key': 'API_TOKEN', 'value': 's3cr3t-t0ken', 'mask': True, 'namespace': 'djinn'}

    Attributes:
        key (str): The variable's name, unique per owner and namespace. Example: API_TOKEN.
        value (str): The value; at least 6 characters when `mask` is `true`. Example: s3cr3t-t0ken.
        mask (bool | None | Unset): Whether to mask the value (store it encrypted, never return it,
            redact it from build output); `false` when left out or `null`.
             Example: True.
        namespace (None | str | Unset): The path of the namespace to put the variable in (`path`,
            `path/child`, or `path@owner` for a namespace one collaborates
            in). `null` or `""`: no namespace.
             Example: djinn.
    """

    key: str
    value: str
    mask: bool | None | Unset = UNSET
    namespace: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        value = self.value

        mask: bool | None | Unset
        if isinstance(self.mask, Unset):
            mask = UNSET
        else:
            mask = self.mask

        namespace: None | str | Unset
        if isinstance(self.namespace, Unset):
            namespace = UNSET
        else:
            namespace = self.namespace

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "value": value,
            }
        )
        if mask is not UNSET:
            field_dict["mask"] = mask
        if namespace is not UNSET:
            field_dict["namespace"] = namespace

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        value = d.pop("value")

        def _parse_mask(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        mask = _parse_mask(d.pop("mask", UNSET))

        def _parse_namespace(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        namespace = _parse_namespace(d.pop("namespace", UNSET))

        variable_create = cls(
            key=key,
            value=value,
            mask=mask,
            namespace=namespace,
        )

        variable_create.additional_properties = d
        return variable_create

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
