from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Collaborator")


@_attrs_define
class Collaborator:
    """A user who collaborates in a namespace they do not own; `created_at` is when they joined.

    Example:
        {'id': 2, 'email': 'bob@example.com', 'username': 'bob', 'created_at': '2026-11-28T09:30:00Z', 'url':
            'http://127.0.0.1:8080/n/alice/djinn/-/collaborators/bob'}

    Attributes:
        id (int): The collaborator's user id. Example: 2.
        email (str): The collaborator's email address. Example: bob@example.com.
        username (str): The collaborator's username. Example: bob.
        created_at (datetime.datetime): An RFC 3339 time in UTC. Example: 2026-11-27T12:00:00Z.
        url (str): The collaborator's URL in the namespace (`DELETE` it to remove them). Example:
            http://127.0.0.1:8080/n/alice/djinn/-/collaborators/bob.
    """

    id: int
    email: str
    username: str
    created_at: datetime.datetime
    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        email = self.email

        username = self.username

        created_at = self.created_at.isoformat()

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "email": email,
                "username": username,
                "created_at": created_at,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        email = d.pop("email")

        username = d.pop("username")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        url = d.pop("url")

        collaborator = cls(
            id=id,
            email=email,
            username=username,
            created_at=created_at,
            url=url,
        )

        collaborator.additional_properties = d
        return collaborator

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
