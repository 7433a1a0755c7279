from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.namespace import Namespace
    from ..models.user import User


T = TypeVar("T", bound="Key")


@_attrs_define
class Key:
    """An SSH private key placed into builds. The private key is write-only:
    never returned. `author` created it; `user` owns it (the owner of its
    namespace, or the author when it is in none).

        Example:
            {'id': 1, 'author_id': 1, 'user_id': 1, 'namespace_id': 1, 'name': 'my_deploy_key', 'config': 'Host
                github.com\\n  User git\\n', 'created_at': '2026-11-27T12:00:00Z', 'updated_at': '2026-11-27T12:00:00Z', 'url':
                'http://127.0.0.1:8080/keys/1', 'author': {'id': 1, 'email': 'alice@example.com', 'username': 'alice',
                'created_at': '2026-11-01T12:00:00Z'}, 'user': {'id': 1, 'email': 'alice@example.com', 'username': 'alice',
                'created_at': '2026-11-01T12:00:00Z'}}

        Attributes:
            id (int):  Example: 1.
            author_id (int): The id of the user who created the key. Example: 1.
            user_id (int): The id of the user who owns the key. Example: 1.
            namespace_id (int | None): The id of the namespace the key is in, if any. Example: 1.
            name (str): The key's normalised name, unique per owner and namespace; its file
                name under `~/.ssh/` in a build.
                 Example: my_deploy_key.
            config (str): SSH config text for the key, collated into `~/.ssh/config` in a build; `""` when none. Example:
                Host github.com
                  User git
                .
            created_at (datetime.datetime): An RFC 3339 time in UTC. Example: 2026-11-27T12:00:00Z.
            updated_at (datetime.datetime): An RFC 3339 time in UTC. Example: 2026-11-27T12:00:00Z.
            url (str): The key's API URL. Example: http://127.0.0.1:8080/keys/1.
            author (User | Unset): A user of the server. Example: {'id': 1, 'email': 'alice@example.com', 'username':
                'alice', 'created_at': '2026-11-27T12:00:00Z'}.
            user (User | Unset): A user of the server. Example: {'id': 1, 'email': 'alice@example.com', 'username': 'alice',
                'created_at': '2026-11-27T12:00:00Z'}.
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
    author_id: int
    user_id: int
    namespace_id: int | None
    name: str
    config: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    url: str
    author: User | Unset = UNSET
    user: User | Unset = UNSET
    namespace: Namespace | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        author_id = self.author_id

        user_id = self.user_id

        namespace_id: int | None
        namespace_id = self.namespace_id

        name = self.name

        config = self.config

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        url = self.url

        author: dict[str, Any] | Unset = UNSET
        if not isinstance(self.author, Unset):
            author = self.author.to_dict()

        user: dict[str, Any] | Unset = UNSET
        if not isinstance(self.user, Unset):
            user = self.user.to_dict()

        namespace: dict[str, Any] | Unset = UNSET
        if not isinstance(self.namespace, Unset):
            namespace = self.namespace.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "author_id": author_id,
                "user_id": user_id,
                "namespace_id": namespace_id,
                "name": name,
                "config": config,
                "created_at": created_at,
                "updated_at": updated_at,
                "url": url,
            }
        )
        if author is not UNSET:
            field_dict["author"] = author
        if user is not UNSET:
            field_dict["user"] = user
        if namespace is not UNSET:
            field_dict["namespace"] = namespace

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.namespace import Namespace  # noqa: PLC0415
        from ..models.user import User  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        author_id = d.pop("author_id")

        user_id = d.pop("user_id")

        def _parse_namespace_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        namespace_id = _parse_namespace_id(d.pop("namespace_id"))

        name = d.pop("name")

        config = d.pop("config")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        url = d.pop("url")

        _author = d.pop("author", UNSET)
        author: User | Unset
        if isinstance(_author, Unset):
            author = UNSET
        else:
            author = User.from_dict(_author)

        _user = d.pop("user", UNSET)
        user: User | Unset
        if isinstance(_user, Unset):
            user = UNSET
        else:
            user = User.from_dict(_user)

        _namespace = d.pop("namespace", UNSET)
        namespace: Namespace | Unset
        if isinstance(_namespace, Unset):
            namespace = UNSET
        else:
            namespace = Namespace.from_dict(_namespace)

        key = cls(
            id=id,
            author_id=author_id,
            user_id=user_id,
            namespace_id=namespace_id,
            name=name,
            config=config,
            created_at=created_at,
            updated_at=updated_at,
            url=url,
            author=author,
            user=user,
            namespace=namespace,
        )

        key.additional_properties = d
        return key

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
