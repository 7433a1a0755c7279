from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.namespace import Namespace
    from ..models.user import User


T = TypeVar("T", bound="Invite")


@_attrs_define
class Invite:
    """An invitation, sent by a namespace's owner, for a user to collaborate
    in that (root) namespace. Nested `invitee`, `inviter` and `namespace`
    are left out where the invite is itself nested.

        Example:
            {'id': 1, 'namespace_id': 1, 'invitee_id': 2, 'inviter_id': 1, 'url': 'http://127.0.0.1:8080/invites/1',
                'invitee': {'id': 2, 'email': 'bob@example.com', 'username': 'bob', 'created_at': '2026-11-27T12:00:00Z'},
                'inviter': {'id': 1, 'email': 'alice@example.com', 'username': 'alice', 'created_at': '2026-11-27T12:00:00Z'},
                'namespace': {'id': 1, 'user_id': 1, 'root_id': 1, 'parent_id': None, 'name': 'djinn', 'path': 'djinn',
                'description': 'Builds of the djinn project', 'visibility': 'private', 'created_at': '2026-11-27T12:00:00Z',
                'url': 'http://127.0.0.1:8080/n/alice/djinn', 'builds_url': 'http://127.0.0.1:8080/n/alice/djinn/-/builds',
                'namespaces_url': 'http://127.0.0.1:8080/n/alice/djinn/-/namespaces', 'images_url':
                'http://127.0.0.1:8080/n/alice/djinn/-/images', 'objects_url': 'http://127.0.0.1:8080/n/alice/djinn/-/objects',
                'variables_url': 'http://127.0.0.1:8080/n/alice/djinn/-/variables', 'keys_url':
                'http://127.0.0.1:8080/n/alice/djinn/-/keys', 'collaborators_url':
                'http://127.0.0.1:8080/n/alice/djinn/-/collaborators', 'webhooks_url':
                'http://127.0.0.1:8080/n/alice/djinn/-/webhooks', 'invites_url':
                'http://127.0.0.1:8080/n/alice/djinn/-/invites', 'user': {'id': 1, 'email': 'alice@example.com', 'username':
                'alice', 'created_at': '2026-11-27T12:00:00Z'}}}

        Attributes:
            id (int):  Example: 1.
            namespace_id (int): The id of the (root) namespace the invite is for. Example: 1.
            invitee_id (int): The id of the user invited. Example: 2.
            inviter_id (int): The id of the user who sent the invite (the namespace's owner). Example: 1.
            url (str): The invite's URL (`PATCH` it to accept, `DELETE` it to reject or revoke). Example:
                http://127.0.0.1:8080/invites/1.
            invitee (User | Unset): A user of the server. Example: {'id': 1, 'email': 'alice@example.com', 'username':
                'alice', 'created_at': '2026-11-27T12:00:00Z'}.
            inviter (User | Unset): A user of the server. Example: {'id': 1, 'email': 'alice@example.com', 'username':
                'alice', 'created_at': '2026-11-27T12:00:00Z'}.
            namespace (Namespace | Unset): A namespace: a named group of builds and resources owned by a user,
                possibly the child of another. `user`, its owner, is always there,
                also where the namespace is nested in another entity (a build's,
                a resource's, an invite's, a webhook's `namespace`, a namespace's
                `parent`): clients reach the owner through it without checking. Nested
                `parent` and `build` are left out where the namespace is itself
                nested; they are also left out when there is none.
                 Example: {'id': 2, 'user_id': 1, 'root_id': 1, 'parent_id': 1, 'name': 'child', 'path': 'djinn/child',
                'description': 'Nightly builds', 'visibility': 'public', 'created_at': '2026-11-27T12:00:00Z', 'url':
                'http://127.0.0.1:8080/n/alice/djinn/child', 'builds_url': 'http://127.0.0.1:8080/n/alice/djinn/child/-/builds',
                'namespaces_url': 'http://127.0.0.1:8080/n/alice/djinn/child/-/namespaces', 'images_url':
                'http://127.0.0.1:8080/n/alice/djinn/child/-/images', 'objects_url':
                'http://127.0.0.1:8080/n/alice/djinn/child/-/objects', 'variables_url':
                'http://127.0.0.1:8080/n/alice/djinn/child/-/variables', 'keys_url':
                'http://127.0.0.1:8080/n/alice/djinn/child/-/keys', 'collaborators_url':
                'http://127.0.0.1:8080/n/alice/djinn/child/-/collaborators', 'webhooks_url':
                'http://127.0.0.1:8080/n/alice/djinn/child/-/webhooks', 'invites_url':
                'http://127.0.0.1:8080/n/alice/djinn/child/-/invites', 'user': {'id': 1, 'email': 'alice@example.com',
                'username': 'alice', 'created_at': '2026-11-27T12:00:00Z'}, 'parent': {'id': 1, 'user_id': 1, 'root_id': 1,
                'parent_id': None, 'name': 'djinn', 'path': 'djinn', 'description': 'Builds of the djinn project', 'visibility':
                'public', 'created_at': '2026-11-27T12:00:00Z', 'url': 'http://127.0.0.1:8080/n/alice/djinn', 'builds_url':
                'http://127.0.0.1:8080/n/alice/djinn/-/builds', 'namespaces_url':
                'http://127.0.0.1:8080/n/alice/djinn/-/namespaces', 'images_url':
                'http://127.0.0.1:8080/n/alice/djinn/-/images', 'objects_url': 'http://127.0.0.1:8080/n/alice/djinn/-/objects',
                'variables_url': 'http://127.0.0.1:8080/n/alice/djinn/-/variables', 'keys_url':
                'http://127.0.0.1:8080/n/alice/djinn/-/keys', 'collaborators_url':
                'http://127.0.0.1:8080/n/alice/djinn/-/collaborators', 'webhooks_url':
                'http://127.0.0.1:8080/n/alice/djinn/-/webhooks', 'invites_url':
                'http://127.0.0.1:8080/n/alice/djinn/-/invites', 'user': {'id': 1, 'email': 'alice@example.com', 'username':
                'alice', 'created_at': '2026-11-27T12:00:00Z'}}}.
    """

    id: int
    namespace_id: int
    invitee_id: int
    inviter_id: int
    url: str
    invitee: User | Unset = UNSET
    inviter: User | Unset = UNSET
    namespace: Namespace | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        namespace_id = self.namespace_id

        invitee_id = self.invitee_id

        inviter_id = self.inviter_id

        url = self.url

        invitee: dict[str, Any] | Unset = UNSET
        if not isinstance(self.invitee, Unset):
            invitee = self.invitee.to_dict()

        inviter: dict[str, Any] | Unset = UNSET
        if not isinstance(self.inviter, Unset):
            inviter = self.inviter.to_dict()

        namespace: dict[str, Any] | Unset = UNSET
        if not isinstance(self.namespace, Unset):
            namespace = self.namespace.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "namespace_id": namespace_id,
                "invitee_id": invitee_id,
                "inviter_id": inviter_id,
                "url": url,
            }
        )
        if invitee is not UNSET:
            field_dict["invitee"] = invitee
        if inviter is not UNSET:
            field_dict["inviter"] = inviter
        if namespace is not UNSET:
            field_dict["namespace"] = namespace

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.namespace import Namespace  # noqa: PLC0415
        from ..models.user import User  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        namespace_id = d.pop("namespace_id")

        invitee_id = d.pop("invitee_id")

        inviter_id = d.pop("inviter_id")

        url = d.pop("url")

        _invitee = d.pop("invitee", UNSET)
        invitee: User | Unset
        if isinstance(_invitee, Unset):
            invitee = UNSET
        else:
            invitee = User.from_dict(_invitee)

        _inviter = d.pop("inviter", UNSET)
        inviter: User | Unset
        if isinstance(_inviter, Unset):
            inviter = UNSET
        else:
            inviter = User.from_dict(_inviter)

        _namespace = d.pop("namespace", UNSET)
        namespace: Namespace | Unset
        if isinstance(_namespace, Unset):
            namespace = UNSET
        else:
            namespace = Namespace.from_dict(_namespace)

        invite = cls(
            id=id,
            namespace_id=namespace_id,
            invitee_id=invitee_id,
            inviter_id=inviter_id,
            url=url,
            invitee=invitee,
            inviter=inviter,
            namespace=namespace,
        )

        invite.additional_properties = d
        return invite

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
