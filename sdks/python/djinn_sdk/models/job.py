from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status import Status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.build import Build


T = TypeVar("T", bound="Job")


@_attrs_define
class Job:
    """One job of a build: a shell script made of the job's commands, run in
    the build environment. `build` is left out when the job is itself
    nested in another entity.

        Example:
            {'id': 3, 'build_id': 1, 'stage': 'test', 'name': 'test.1', 'commands': 'go test ./...', 'status': 'passed',
                'output': '+ go test ./...\\nok  \\texample.com/app\\t0.012s\\n', 'created_at': '2026-11-27T12:00:00Z',
                'started_at': '2026-11-27T12:00:10Z', 'finished_at': '2026-11-27T12:01:28Z', 'url':
                'http://127.0.0.1:8080/b/alice/1/jobs/test.1'}

        Attributes:
            id (int): The job's id. Example: 3.
            build_id (int): The id of the build the job belongs to. Example: 1.
            stage (str): The name of the stage the job belongs to. Example: test.
            name (str): The job's name, unique within the build: `create-driver` and
                `clone.<i>` for the setup jobs; the manifest's name (slugged), or
                `<stage>.<n>` when it gives none or gives `""`.
                 Example: test.1.
            commands (str): The job's commands, joined by newlines. Example: go test ./....
            status (Status): The status of a build or job. Example: passed.
            output (None | str): The job's combined stdout and stderr so far, with the values of
                masked variables replaced by `xxxxxx`; null before the job starts.
                 Example: + go test ./...
                ok  	example.com/app	0.012s
                .
            created_at (datetime.datetime | None): When the job was created.
            started_at (datetime.datetime | None): When the job started running; null until then.
            finished_at (datetime.datetime | None): When the job finished; null until then.
            url (str): The job's API URL. Example: http://127.0.0.1:8080/b/alice/1/jobs/test.1.
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
    stage: str
    name: str
    commands: str
    status: Status
    output: None | str
    created_at: datetime.datetime | None
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    url: str
    build: Build | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        build_id = self.build_id

        stage = self.stage

        name = self.name

        commands = self.commands

        status = self.status.value

        output: None | str
        output = self.output

        created_at: None | str
        if isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        url = self.url

        build: dict[str, Any] | Unset = UNSET
        if not isinstance(self.build, Unset):
            build = self.build.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "build_id": build_id,
                "stage": stage,
                "name": name,
                "commands": commands,
                "status": status,
                "output": output,
                "created_at": created_at,
                "started_at": started_at,
                "finished_at": finished_at,
                "url": url,
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

        stage = d.pop("stage")

        name = d.pop("name")

        commands = d.pop("commands")

        status = Status(d.pop("status"))

        def _parse_output(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        output = _parse_output(d.pop("output"))

        def _parse_created_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        created_at = _parse_created_at(d.pop("created_at"))

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        url = d.pop("url")

        _build = d.pop("build", UNSET)
        build: Build | Unset
        if isinstance(_build, Unset):
            build = UNSET
        else:
            build = Build.from_dict(_build)

        job = cls(
            id=id,
            build_id=build_id,
            stage=stage,
            name=name,
            commands=commands,
            status=status,
            output=output,
            created_at=created_at,
            started_at=started_at,
            finished_at=finished_at,
            url=url,
            build=build,
        )

        job.additional_properties = d
        return job

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
