from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.build import Build
    from ..models.job import Job
    from ..models.user import User


T = TypeVar("T", bound="Artifact")


@_attrs_define
class Artifact:
    """A file a job declares as an artifact, collected from the build
    environment after the job runs. `user`, `build` and `job` are left out
    when the artifact is itself nested in another entity.

        Example:
            {'id': 1, 'build_id': 1, 'job_id': 3, 'source': 'coverage/index.html', 'name': 'coverage.html', 'size': 10240,
                'md5': '5d41402abc4b2a76b9719d911017c592', 'sha256':
                '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824', 'created_at': '2026-11-27T12:00:00Z',
                'deleted_at': None, 'url': 'http://127.0.0.1:8080/b/alice/1/artifacts/coverage.html', 'user': {'id': 1, 'email':
                'alice@example.com', 'username': 'alice', 'created_at': '2026-11-27T12:00:00Z'}}

        Attributes:
            id (int): The artifact's id. Example: 1.
            build_id (int): The id of the build. Example: 1.
            job_id (int): The id of the job that declares it. Example: 3.
            source (str): The file's path in the build environment. Example: coverage/index.html.
            name (str): The name it is collected as; addresses it under the build's `artifacts_url`. Example: coverage.html.
            size (int | None): The file's size in bytes; null until collected. Example: 10240.
            md5 (None | str): The file's hex MD5 digest; null until collected. Example: 5d41402abc4b2a76b9719d911017c592.
            sha256 (None | str): The file's hex SHA-256 digest; null until collected. Example:
                2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824.
            created_at (datetime.datetime): An RFC 3339 time in UTC. Example: 2026-11-27T12:00:00Z.
            deleted_at (datetime.datetime | None): When the curator removed the file; null while it is kept.
            url (str): The artifact's API URL. Example: http://127.0.0.1:8080/b/alice/1/artifacts/coverage.html.
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
            job (Job | Unset): One job of a build: a shell script made of the job's commands, run in
                the build environment. `build` is left out when the job is itself
                nested in another entity.
                 Example: {'id': 3, 'build_id': 1, 'stage': 'test', 'name': 'test.1', 'commands': 'go test ./...', 'status':
                'passed', 'output': '+ go test ./...\\nok  \\texample.com/app\\t0.012s\\n', 'created_at':
                '2026-11-27T12:00:00Z', 'started_at': '2026-11-27T12:00:10Z', 'finished_at': '2026-11-27T12:01:28Z', 'url':
                'http://127.0.0.1:8080/b/alice/1/jobs/test.1'}.
    """

    id: int
    build_id: int
    job_id: int
    source: str
    name: str
    size: int | None
    md5: None | str
    sha256: None | str
    created_at: datetime.datetime
    deleted_at: datetime.datetime | None
    url: str
    user: User | Unset = UNSET
    build: Build | Unset = UNSET
    job: Job | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        build_id = self.build_id

        job_id = self.job_id

        source = self.source

        name = self.name

        size: int | None
        size = self.size

        md5: None | str
        md5 = self.md5

        sha256: None | str
        sha256 = self.sha256

        created_at = self.created_at.isoformat()

        deleted_at: None | str
        if isinstance(self.deleted_at, datetime.datetime):
            deleted_at = self.deleted_at.isoformat()
        else:
            deleted_at = self.deleted_at

        url = self.url

        user: dict[str, Any] | Unset = UNSET
        if not isinstance(self.user, Unset):
            user = self.user.to_dict()

        build: dict[str, Any] | Unset = UNSET
        if not isinstance(self.build, Unset):
            build = self.build.to_dict()

        job: dict[str, Any] | Unset = UNSET
        if not isinstance(self.job, Unset):
            job = self.job.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "build_id": build_id,
                "job_id": job_id,
                "source": source,
                "name": name,
                "size": size,
                "md5": md5,
                "sha256": sha256,
                "created_at": created_at,
                "deleted_at": deleted_at,
                "url": url,
            }
        )
        if user is not UNSET:
            field_dict["user"] = user
        if build is not UNSET:
            field_dict["build"] = build
        if job is not UNSET:
            field_dict["job"] = job

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.build import Build  # noqa: PLC0415
        from ..models.job import Job  # noqa: PLC0415
        from ..models.user import User  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        build_id = d.pop("build_id")

        job_id = d.pop("job_id")

        source = d.pop("source")

        name = d.pop("name")

        def _parse_size(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        size = _parse_size(d.pop("size"))

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

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_deleted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deleted_at_type_0 = datetime.datetime.fromisoformat(data)

                return deleted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        deleted_at = _parse_deleted_at(d.pop("deleted_at"))

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

        _job = d.pop("job", UNSET)
        job: Job | Unset
        if isinstance(_job, Unset):
            job = UNSET
        else:
            job = Job.from_dict(_job)

        artifact = cls(
            id=id,
            build_id=build_id,
            job_id=job_id,
            source=source,
            name=name,
            size=size,
            md5=md5,
            sha256=sha256,
            created_at=created_at,
            deleted_at=deleted_at,
            url=url,
            user=user,
            build=build,
            job=job,
        )

        artifact.additional_properties = d
        return artifact

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
