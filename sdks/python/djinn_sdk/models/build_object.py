from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.build import Build


T = TypeVar("T", bound="BuildObject")


@_attrs_define
class BuildObject:
    """An object placed on a build, as the manifest's `objects` asked.
    `build` is left out when the build object is itself nested in another
    entity.

        Example:
            {'id': 1, 'build_id': 1, 'source': 'data.json', 'name': '/tmp/data.json', 'type': 'application/json', 'md5':
                '5d41402abc4b2a76b9719d911017c592', 'sha256':
                '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824', 'placed': True, 'object_url':
                'http://127.0.0.1:8080/objects/1'}

        Attributes:
            id (int): The build object's id. Example: 1.
            build_id (int): The id of the build. Example: 1.
            source (str): The name of the object placed. Example: data.json.
            name (str): The path it is placed at in the build environment. Example: /tmp/data.json.
            type_ (None | str): The object's MIME type; null when not known. Example: application/json.
            md5 (None | str): The hex MD5 digest of the object; null when not known. Example:
                5d41402abc4b2a76b9719d911017c592.
            sha256 (None | str): The hex SHA-256 digest of the object; null when not known. Example:
                2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824.
            placed (bool): Whether the object was placed in the build environment (a failed placement is logged, not fatal).
                Example: True.
            object_url (str): The API URL of the object placed. Example: http://127.0.0.1:8080/objects/1.
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
    build_id: int
    source: str
    name: str
    type_: None | str
    md5: None | str
    sha256: None | str
    placed: bool
    object_url: str
    build: Build | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        build_id = self.build_id

        source = self.source

        name = self.name

        type_: None | str
        type_ = self.type_

        md5: None | str
        md5 = self.md5

        sha256: None | str
        sha256 = self.sha256

        placed = self.placed

        object_url = self.object_url

        build: dict[str, Any] | Unset = UNSET
        if not isinstance(self.build, Unset):
            build = self.build.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "build_id": build_id,
                "source": source,
                "name": name,
                "type": type_,
                "md5": md5,
                "sha256": sha256,
                "placed": placed,
                "object_url": object_url,
            }
        )
        if build is not UNSET:
            field_dict["build"] = build

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.build import Build  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        build_id = d.pop("build_id")

        source = d.pop("source")

        name = d.pop("name")

        def _parse_type_(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        type_ = _parse_type_(d.pop("type"))

        def _parse_md5(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        md5 = _parse_md5(d.pop("md5"))

        def _parse_sha256(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sha256 = _parse_sha256(d.pop("sha256"))

        placed = d.pop("placed")

        object_url = d.pop("object_url")

        _build = d.pop("build", UNSET)
        build: Build | Unset
        if isinstance(_build, Unset):
            build = UNSET
        else:
            build = Build.from_dict(_build)

        build_object = cls(
            id=id,
            build_id=build_id,
            source=source,
            name=name,
            type_=type_,
            md5=md5,
            sha256=sha256,
            placed=placed,
            object_url=object_url,
            build=build,
        )

        build_object.additional_properties = d
        return build_object

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
