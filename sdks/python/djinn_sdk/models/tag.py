from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.build import Build
    from ..models.user import User


T = TypeVar("T", bound="Tag")


@_attrs_define
class Tag:
    """A tag on a build. `user` (who tagged it) and `build` are left out when
    the tag is itself nested in another entity.

        Example:
            {'user_id': 1, 'build_id': 1, 'name': 'release', 'created_at': '2026-11-27T12:00:00Z', 'url':
                'http://127.0.0.1:8080/b/alice/1/tags/release', 'user': {'id': 1, 'email': 'alice@example.com', 'username':
                'alice', 'created_at': '2026-11-27T12:00:00Z'}}

        Attributes:
            user_id (int): The id of the user who added the tag. Example: 1.
            build_id (int): The id of the build. Example: 1.
            name (str): The tag. Example: release.
            created_at (datetime.datetime): An RFC 3339 time in UTC. Example: 2026-11-27T12:00:00Z.
            url (str): The tag's API URL. Example: http://127.0.0.1:8080/b/alice/1/tags/release.
            user (User | Unset): A user of the server. Example: {'id': 1, 'email': 'alice@example.com', 'username': 'alice',
                'created_at': '2026-11-27T12:00:00Z'}.
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

    user_id: int
    build_id: int
    name: str
    created_at: datetime.datetime
    url: str
    user: User | Unset = UNSET
    build: Build | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_id = self.user_id

        build_id = self.build_id

        name = self.name

        created_at = self.created_at.isoformat()

        url = self.url

        user: dict[str, Any] | Unset = UNSET
        if not isinstance(self.user, Unset):
            user = self.user.to_dict()

        build: dict[str, Any] | Unset = UNSET
        if not isinstance(self.build, Unset):
            build = self.build.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user_id": user_id,
                "build_id": build_id,
                "name": name,
                "created_at": created_at,
                "url": url,
            }
        )
        if user is not UNSET:
            field_dict["user"] = user
        if build is not UNSET:
            field_dict["build"] = build

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.build import Build  # noqa: PLC0415
        from ..models.user import User  # noqa: PLC0415

        d = dict(src_dict)
        user_id = d.pop("user_id")

        build_id = d.pop("build_id")

        name = d.pop("name")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        url = d.pop("url")

        _user = d.pop("user", UNSET)
        user: User | Unset
        if isinstance(_user, Unset):
            user = UNSET
        else:
            user = User.from_dict(_user)

        _build = d.pop("build", UNSET)
        build: Build | Unset
        if isinstance(_build, Unset):
            build = UNSET
        else:
            build = Build.from_dict(_build)

        tag = cls(
            user_id=user_id,
            build_id=build_id,
            name=name,
            created_at=created_at,
            url=url,
            user=user,
            build=build,
        )

        tag.additional_properties = d
        return tag

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
