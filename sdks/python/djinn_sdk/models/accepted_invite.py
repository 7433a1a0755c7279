from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.namespace import Namespace
    from ..models.user import User


T = TypeVar("T", bound="AcceptedInvite")


@_attrs_define
class AcceptedInvite:
    """The answer to accepting an invite — who invited whom, and the namespace joined.

    Example:
        {'invitee': {'id': 2, 'email': 'bob@example.com', 'username': 'bob', 'created_at': '2026-11-27T12:00:00Z'},
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
        invitee (User): A user of the server. Example: {'id': 1, 'email': 'alice@example.com', 'username': 'alice',
            'created_at': '2026-11-27T12:00:00Z'}.
        inviter (User): A user of the server. Example: {'id': 1, 'email': 'alice@example.com', 'username': 'alice',
            'created_at': '2026-11-27T12:00:00Z'}.
        namespace (Namespace): A namespace: a named group of builds and resources owned by a user,
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

    invitee: User
    inviter: User
    namespace: Namespace
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        invitee = self.invitee.to_dict()

        inviter = self.inviter.to_dict()

        namespace = self.namespace.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "invitee": invitee,
                "inviter": inviter,
                "namespace": namespace,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.namespace import Namespace  # noqa: PLC0415
        from ..models.user import User  # noqa: PLC0415

        d = dict(src_dict)
        invitee = User.from_dict(d.pop("invitee"))

        inviter = User.from_dict(d.pop("inviter"))

        namespace = Namespace.from_dict(d.pop("namespace"))

        accepted_invite = cls(
            invitee=invitee,
            inviter=inviter,
            namespace=namespace,
        )

        accepted_invite.additional_properties = d
        return accepted_invite

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
