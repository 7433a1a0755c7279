from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.build import Build


T = TypeVar("T", bound="BuildVariable")


@_attrs_define
class BuildVariable:
    """A variable set in a build's environment, as recorded when the build
    was submitted. `build` is left out when the build variable is itself
    nested in another entity.

        Example:
            {'id': 1, 'build_id': 1, 'key': 'DEPLOY_TOKEN', 'value': 'xxxxxx', 'masked': True, 'variable_url':
                'http://127.0.0.1:8080/variables/1'}

        Attributes:
            id (int): The build variable's id. Example: 1.
            build_id (int): The id of the build. Example: 1.
            key (str): The variable's name. Example: DEPLOY_TOKEN.
            value (str): The variable's value; `xxxxxx` when masked. Example: xxxxxx.
            masked (bool): Whether the value is masked (hidden here and redacted from build output). Example: True.
            variable_url (str): The API URL of the variable. Example: http://127.0.0.1:8080/variables/1.
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
    key: str
    value: str
    masked: bool
    variable_url: str
    build: Build | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        build_id = self.build_id

        key = self.key

        value = self.value

        masked = self.masked

        variable_url = self.variable_url

        build: dict[str, Any] | Unset = UNSET
        if not isinstance(self.build, Unset):
            build = self.build.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "build_id": build_id,
                "key": key,
                "value": value,
                "masked": masked,
                "variable_url": variable_url,
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

        key = d.pop("key")

        value = d.pop("value")

        masked = d.pop("masked")

        variable_url = d.pop("variable_url")

        _build = d.pop("build", UNSET)
        build: Build | Unset
        if isinstance(_build, Unset):
            build = UNSET
        else:
            build = Build.from_dict(_build)

        build_variable = cls(
            id=id,
            build_id=build_id,
            key=key,
            value=value,
            masked=masked,
            variable_url=variable_url,
            build=build,
        )

        build_variable.additional_properties = d
        return build_variable

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
