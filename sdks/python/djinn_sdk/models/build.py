from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status import Status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.namespace import Namespace
    from ..models.trigger import Trigger
    from ..models.user import User


T = TypeVar("T", bound="Build")


@_attrs_define
class Build:
    """A build submitted from a YAML manifest. `user` and `namespace` are left
    out when the build is itself nested in another entity.

        Example:
            {'id': 1, 'user_id': 1, 'namespace_id': None, 'number': 1, 'manifest': 'driver:\\n  type: docker\\n  image:
                golang\\n  workspace: /go\\nstages:\\n- test\\njobs:\\n- stage: test\\n  commands:\\n  - go test ./...\\n',
                'status': 'passed', 'output': None, 'tags': ['release'], 'pinned': False, 'created_at': '2026-11-27T12:00:00Z',
                'started_at': '2026-11-27T12:00:02Z', 'finished_at': '2026-11-27T12:01:30Z', 'url':
                'http://127.0.0.1:8080/b/alice/1', 'objects_url': 'http://127.0.0.1:8080/b/alice/1/objects', 'variables_url':
                'http://127.0.0.1:8080/b/alice/1/variables', 'jobs_url': 'http://127.0.0.1:8080/b/alice/1/jobs',
                'artifacts_url': 'http://127.0.0.1:8080/b/alice/1/artifacts', 'tags_url':
                'http://127.0.0.1:8080/b/alice/1/tags', 'user': {'id': 1, 'email': 'alice@example.com', 'username': 'alice',
                'created_at': '2026-11-27T12:00:00Z'}, 'trigger': {'type': 'manual', 'comment': 'Run the tests', 'data':
                {'email': 'alice@example.com', 'username': 'alice'}}}

        Attributes:
            id (int): The build's id. Example: 1.
            user_id (int): The id of the build's owner: the owner of its namespace, or the
                submitter of a build in no namespace. The submitter is the
                trigger's author.
                 Example: 1.
            namespace_id (int | None): The id of the namespace the build was submitted to; null when none.
            number (int): The build's number, counted per owner from 1; addresses it as
                `/b/{username}/{number}` with the owner's username.
                 Example: 1.
            manifest (str): The YAML manifest, exactly as submitted. Example: driver:
                  type: docker
                  image: golang
                  workspace: /go
                stages:
                - test
                jobs:
                - stage: test
                  commands:
                  - go test ./...
                .
            status (Status): The status of a build or job. Example: passed.
            output (None | str): Output of the build as a whole, such as why it failed outside any job; null when there is
                none.
            tags (list[str]): The build's tag names. Example: ['release'].
            pinned (bool): Whether the build is pinned; the curator keeps the artifacts of pinned builds. Example: False.
            created_at (datetime.datetime): An RFC 3339 time in UTC. Example: 2026-11-27T12:00:00Z.
            started_at (datetime.datetime | None): When a worker started running the build; null while queued.
            finished_at (datetime.datetime | None): When the build finished; null until then.
            url (str): The build's API URL. Example: http://127.0.0.1:8080/b/alice/1.
            objects_url (str): The URL of the objects placed on the build. Example: http://127.0.0.1:8080/b/alice/1/objects.
            variables_url (str): The URL of the variables set in the build. Example:
                http://127.0.0.1:8080/b/alice/1/variables.
            jobs_url (str): The URL of the build's jobs. Example: http://127.0.0.1:8080/b/alice/1/jobs.
            artifacts_url (str): The URL of the build's artifacts. Example: http://127.0.0.1:8080/b/alice/1/artifacts.
            tags_url (str): The URL of the build's tags. Example: http://127.0.0.1:8080/b/alice/1/tags.
            trigger (Trigger): What submitted a build, and the details it gave. Example: {'type': 'manual', 'comment': 'Run
                the tests', 'data': {'email': 'alice@example.com', 'username': 'alice'}}.
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
    user_id: int
    namespace_id: int | None
    number: int
    manifest: str
    status: Status
    output: None | str
    tags: list[str]
    pinned: bool
    created_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    url: str
    objects_url: str
    variables_url: str
    jobs_url: str
    artifacts_url: str
    tags_url: str
    trigger: Trigger
    user: User | Unset = UNSET
    namespace: Namespace | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        user_id = self.user_id

        namespace_id: int | None
        namespace_id = self.namespace_id

        number = self.number

        manifest = self.manifest

        status = self.status.value

        output: None | str
        output = self.output

        tags = self.tags

        pinned = self.pinned

        created_at = self.created_at.isoformat()

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

        objects_url = self.objects_url

        variables_url = self.variables_url

        jobs_url = self.jobs_url

        artifacts_url = self.artifacts_url

        tags_url = self.tags_url

        trigger = self.trigger.to_dict()

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
                "user_id": user_id,
                "namespace_id": namespace_id,
                "number": number,
                "manifest": manifest,
                "status": status,
                "output": output,
                "tags": tags,
                "pinned": pinned,
                "created_at": created_at,
                "started_at": started_at,
                "finished_at": finished_at,
                "url": url,
                "objects_url": objects_url,
                "variables_url": variables_url,
                "jobs_url": jobs_url,
                "artifacts_url": artifacts_url,
                "tags_url": tags_url,
                "trigger": trigger,
            }
        )
        if user is not UNSET:
            field_dict["user"] = user
        if namespace is not UNSET:
            field_dict["namespace"] = namespace

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.namespace import Namespace  # noqa: PLC0415
        from ..models.trigger import Trigger  # noqa: PLC0415
        from ..models.user import User  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        user_id = d.pop("user_id")

        def _parse_namespace_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        namespace_id = _parse_namespace_id(d.pop("namespace_id"))

        number = d.pop("number")

        manifest = d.pop("manifest")

        status = Status(d.pop("status"))

        def _parse_output(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        output = _parse_output(d.pop("output"))

        tags = cast(list[str], d.pop("tags"))

        pinned = d.pop("pinned")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

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

        objects_url = d.pop("objects_url")

        variables_url = d.pop("variables_url")

        jobs_url = d.pop("jobs_url")

        artifacts_url = d.pop("artifacts_url")

        tags_url = d.pop("tags_url")

        trigger = Trigger.from_dict(d.pop("trigger"))

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

        build = cls(
            id=id,
            user_id=user_id,
            namespace_id=namespace_id,
            number=number,
            manifest=manifest,
            status=status,
            output=output,
            tags=tags,
            pinned=pinned,
            created_at=created_at,
            started_at=started_at,
            finished_at=finished_at,
            url=url,
            objects_url=objects_url,
            variables_url=variables_url,
            jobs_url=jobs_url,
            artifacts_url=artifacts_url,
            tags_url=tags_url,
            trigger=trigger,
            user=user,
            namespace=namespace,
        )

        build.additional_properties = d
        return build

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
