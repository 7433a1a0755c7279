from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.namespace_create_visibility import NamespaceCreateVisibility
from ..types import UNSET, Unset

T = TypeVar("T", bound="NamespaceCreate")


@_attrs_define
class NamespaceCreate:
    """The body of `createNamespace`. `""` and `null` in the optional fields
    mean "not given".

        Example:
            {'name': 'child', 'parent': 'djinn', 'description': 'Nightly builds', 'visibility': 'private'}

        Attributes:
            name (str): The namespace's name. Example: child.
            parent (None | str | Unset): The path of one of the caller's namespaces to create this one under. Example:
                djinn.
            description (None | str | Unset): Free text. Example: Nightly builds.
            visibility (NamespaceCreateVisibility | Unset): `private` (the default, when left out or `null`), `internal` or
                `public`, for a root namespace; ignored for a child, which always
                has its root's. `""` is also accepted, as "not given", for clients
                that send it.
                 Example: private.
    """

    name: str
    parent: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    visibility: NamespaceCreateVisibility | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        parent: None | str | Unset
        if isinstance(self.parent, Unset):
            parent = UNSET
        else:
            parent = self.parent

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
        field_dict.update(
            {
                "name": name,
            }
        )
        if parent is not UNSET:
            field_dict["parent"] = parent
        if description is not UNSET:
            field_dict["description"] = description
        if visibility is not UNSET:
            field_dict["visibility"] = visibility

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_parent(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent = _parse_parent(d.pop("parent", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        _visibility = d.pop("visibility", UNSET)
        visibility: NamespaceCreateVisibility | Unset
        if isinstance(_visibility, Unset):
            visibility = UNSET
        else:
            visibility = NamespaceCreateVisibility(_visibility)

        namespace_create = cls(
            name=name,
            parent=parent,
            description=description,
            visibility=visibility,
        )

        namespace_create.additional_properties = d
        return namespace_create

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
