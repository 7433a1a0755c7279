from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.namespace_update_visibility import NamespaceUpdateVisibility
from ..types import UNSET, Unset

T = TypeVar("T", bound="NamespaceUpdate")


@_attrs_define
class NamespaceUpdate:
    """The body of `updateNamespace`. Fields left out, `null` or `""` stay
    unchanged.

        Example:
            {'description': 'Builds of the djinn project', 'visibility': 'internal'}

        Attributes:
            description (None | str | Unset): The new description. Example: Builds of the djinn project.
            visibility (NamespaceUpdateVisibility | Unset): The new visibility of a root namespace and of every namespace
                below it; left out or `null` leaves it unchanged, and it is
                ignored for a child. `""` is also accepted, as "not given", for
                clients that send it.
                 Example: internal.
    """

    description: None | str | Unset = UNSET
    visibility: NamespaceUpdateVisibility | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        visibility: str | Unset = UNSET
        if not isinstance(self.visibility, Unset):
            visibility = self.visibility.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if description is not UNSET:
            field_dict["description"] = description
        if visibility is not UNSET:
            field_dict["visibility"] = visibility

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        _visibility = d.pop("visibility", UNSET)
        visibility: NamespaceUpdateVisibility | Unset
        if isinstance(_visibility, Unset):
            visibility = UNSET
        else:
            visibility = NamespaceUpdateVisibility(_visibility)

        namespace_update = cls(
            description=description,
            visibility=visibility,
        )

        namespace_update.additional_properties = d
        return namespace_update

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
