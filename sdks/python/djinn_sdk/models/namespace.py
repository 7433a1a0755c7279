from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.namespace_visibility import NamespaceVisibility
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.build import Build
    from ..models.user import User


T = TypeVar("T", bound="Namespace")


@_attrs_define
class Namespace:
    """A namespace: a named group of builds and resources owned by a user,
    possibly the child of another. `user`, its owner, is always there,
    also where the namespace is nested in another entity (a build's,
    a resource's, an invite's, a webhook's `namespace`, a namespace's
    `parent`): clients reach the owner through it without checking. Nested
    `parent` and `build` are left out where the namespace is itself
    nested; they are also left out when there is none.

        Example:
            {'id': 2, 'user_id': 1, 'root_id': 1, 'parent_id': 1, 'name': 'child', 'path': 'djinn/child', 'description':
                'Nightly builds', 'visibility': 'public', 'created_at': '2026-11-27T12:00:00Z', 'url':
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
                'alice', 'created_at': '2026-11-27T12:00:00Z'}}}

        Attributes:
            id (int):  Example: 1.
            user_id (int): The id of the owner. Example: 1.
            root_id (int): The id of the top-level ancestor; equals `id` for a root namespace. Example: 1.
            parent_id (int | None): The id of the parent; `null` for a root namespace.
            name (str): The namespace's own name (letters, digits, `-`, `_`). Example: djinn.
            path (str): The full path, the names of its ancestors and its own joined with `/`. Example: djinn.
            description (str): Free text; `""` when none was given. Example: Builds of the djinn project.
            visibility (NamespaceVisibility): Who may read a namespace: `private` — its owner and collaborators;
                `internal` — any signed-in user; `public` — anyone, without a token.
                 Example: private.
            created_at (datetime.datetime): An RFC 3339 time in UTC. Example: 2026-11-27T12:00:00Z.
            url (str):  Example: http://127.0.0.1:8080/n/alice/djinn.
            builds_url (str):  Example: http://127.0.0.1:8080/n/alice/djinn/-/builds.
            namespaces_url (str):  Example: http://127.0.0.1:8080/n/alice/djinn/-/namespaces.
            images_url (str):  Example: http://127.0.0.1:8080/n/alice/djinn/-/images.
            objects_url (str):  Example: http://127.0.0.1:8080/n/alice/djinn/-/objects.
            variables_url (str):  Example: http://127.0.0.1:8080/n/alice/djinn/-/variables.
            keys_url (str):  Example: http://127.0.0.1:8080/n/alice/djinn/-/keys.
            collaborators_url (str):  Example: http://127.0.0.1:8080/n/alice/djinn/-/collaborators.
            webhooks_url (str):  Example: http://127.0.0.1:8080/n/alice/djinn/-/webhooks.
            invites_url (str):  Example: http://127.0.0.1:8080/n/alice/djinn/-/invites.
            user (User): A user of the server. Example: {'id': 1, 'email': 'alice@example.com', 'username': 'alice',
                'created_at': '2026-11-27T12:00:00Z'}.
            parent (Namespace | Unset): A namespace: a named group of builds and resources owned by a user,
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
            build (Build | Unset): A build submitted from a YAML manifest. `user` and `namespace` are left
                out when the build is itself nested in another entity.
                 Example: {'id': 1, 'user_id': 1, 'namespace_id': None, 'number': 1, 'manifest': 'driver:\\n  type: docker\\n
                image: golang\\n  workspace: /go\\nstages:\\n- test\\njobs:\\n- stage: test\\n  commands:\\n  - go test
                ./...\\n', 'status': 'passed', 'output': None, 'tags': ['release'], 'pinned': False, 'created_at':
                '2026-11-27T12:00:00Z', 'started_at': '2026-11-27T12:00:02Z', 'finished_at': '2026-11-27T12:01:30Z', 'url':
                'http://127.0.0.1:8080/b/alice/1', 'objects_url': 'http://127.0.0.1:8080/b/alice/1/objects', 'variables_url':
                'http://127.0.0.1:8080/b/alice/1/variables', 'jobs_url': 'http://127.0.0.1:8080/b/alice/1/jobs',
                'artifacts_url': 'http://127.0.0.1:8080/b/alice/1/artifacts', 'tags_url':
                'http://127.0.0.1:8080/b/alice/1/tags', 'user': {'id': 1, 'email': 'alice@example.com', 'username': 'alice',
                'created_at': '2026-11-27T12:00:00Z'}, 'trigger': {'type': 'manual', 'comment': 'Run the tests', 'data':
                {'email': 'alice@example.com', 'username': 'alice'}}}.
    """

    id: int
    user_id: int
    root_id: int
    parent_id: int | None
    name: str
    path: str
    description: str
    visibility: NamespaceVisibility
    created_at: datetime.datetime
    url: str
    builds_url: str
    namespaces_url: str
    images_url: str
    objects_url: str
    variables_url: str
    keys_url: str
    collaborators_url: str
    webhooks_url: str
    invites_url: str
    user: User
    parent: Namespace | Unset = UNSET
    build: Build | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        user_id = self.user_id

        root_id = self.root_id

        parent_id: int | None
        parent_id = self.parent_id

        name = self.name

        path = self.path

        description = self.description

        visibility = self.visibility.value

        created_at = self.created_at.isoformat()

        url = self.url

        builds_url = self.builds_url

        namespaces_url = self.namespaces_url

        images_url = self.images_url

        objects_url = self.objects_url

        variables_url = self.variables_url

        keys_url = self.keys_url

        collaborators_url = self.collaborators_url

        webhooks_url = self.webhooks_url

        invites_url = self.invites_url

        user = self.user.to_dict()

        parent: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parent, Unset):
            parent = self.parent.to_dict()

        build: dict[str, Any] | Unset = UNSET
        if not isinstance(self.build, Unset):
            build = self.build.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "user_id": user_id,
                "root_id": root_id,
                "parent_id": parent_id,
                "name": name,
                "path": path,
                "description": description,
                "visibility": visibility,
                "created_at": created_at,
                "url": url,
                "builds_url": builds_url,
                "namespaces_url": namespaces_url,
                "images_url": images_url,
                "objects_url": objects_url,
                "variables_url": variables_url,
                "keys_url": keys_url,
                "collaborators_url": collaborators_url,
                "webhooks_url": webhooks_url,
                "invites_url": invites_url,
                "user": user,
            }
        )
        if parent is not UNSET:
            field_dict["parent"] = parent
        if build is not UNSET:
            field_dict["build"] = build

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.build import Build  # noqa: PLC0415
        from ..models.user import User  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        user_id = d.pop("user_id")

        root_id = d.pop("root_id")

        def _parse_parent_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        parent_id = _parse_parent_id(d.pop("parent_id"))

        name = d.pop("name")

        path = d.pop("path")

        description = d.pop("description")

        visibility = NamespaceVisibility(d.pop("visibility"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        url = d.pop("url")

        builds_url = d.pop("builds_url")

        namespaces_url = d.pop("namespaces_url")

        images_url = d.pop("images_url")

        objects_url = d.pop("objects_url")

        variables_url = d.pop("variables_url")

        keys_url = d.pop("keys_url")

        collaborators_url = d.pop("collaborators_url")

        webhooks_url = d.pop("webhooks_url")

        invites_url = d.pop("invites_url")

        user = User.from_dict(d.pop("user"))

        _parent = d.pop("parent", UNSET)
        parent: Namespace | Unset
        if isinstance(_parent, Unset):
            parent = UNSET
        else:
            parent = Namespace.from_dict(_parent)

        _build = d.pop("build", UNSET)
        build: Build | Unset
        if isinstance(_build, Unset):
            build = UNSET
        else:
            build = Build.from_dict(_build)

        namespace = cls(
            id=id,
            user_id=user_id,
            root_id=root_id,
            parent_id=parent_id,
            name=name,
            path=path,
            description=description,
            visibility=visibility,
            created_at=created_at,
            url=url,
            builds_url=builds_url,
            namespaces_url=namespaces_url,
            images_url=images_url,
            objects_url=objects_url,
            variables_url=variables_url,
            keys_url=keys_url,
            collaborators_url=collaborators_url,
            webhooks_url=webhooks_url,
            invites_url=invites_url,
            user=user,
            parent=parent,
            build=build,
        )

        namespace.additional_properties = d
        return namespace

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
