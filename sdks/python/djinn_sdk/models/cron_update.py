from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.cron_update_schedule import CronUpdateSchedule
from ..types import UNSET, Unset

T = TypeVar("T", bound="CronUpdate")


@_attrs_define
class CronUpdate:
    """The body of a request updating a cron schedule. Every field is
    optional; fields left out, `null` or `""` are not changed, nor is the
    manifest when every key of the one given is empty (`namespace: ""`,
    `driver: {}`, `env: []`, ..., as a client marshalling an empty
    struct writes it).

        Example:
            {'schedule': 'weekly'}

        Attributes:
            name (None | str | Unset): A new name, unique per owner and namespace. Example: nightly.
            schedule (CronUpdateSchedule | Unset): A new schedule; left out or `null`: unchanged. `""` is also accepted, as
                "not given", for clients that send it.
                 Example: weekly.
            manifest (None | str | Unset): A new manifest; its `namespace` field may move the schedule. A
                manifest whose every key is empty keeps the current one.
                 Example: namespace: djinn
                driver:
                  type: qemu
                  image: debian/stable
                stages: [test]
                jobs:
                  - stage: test
                    commands: [make test]
                .
    """

    name: None | str | Unset = UNSET
    schedule: CronUpdateSchedule | Unset = UNSET
    manifest: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        schedule: str | Unset = UNSET
        if not isinstance(self.schedule, Unset):
            schedule = self.schedule.value

        manifest: None | str | Unset
        if isinstance(self.manifest, Unset):
            manifest = UNSET
        else:
            manifest = self.manifest

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if schedule is not UNSET:
            field_dict["schedule"] = schedule
        if manifest is not UNSET:
            field_dict["manifest"] = manifest

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        _schedule = d.pop("schedule", UNSET)
        schedule: CronUpdateSchedule | Unset
        if isinstance(_schedule, Unset):
            schedule = UNSET
        else:
            schedule = CronUpdateSchedule(_schedule)

        def _parse_manifest(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        manifest = _parse_manifest(d.pop("manifest", UNSET))

        cron_update = cls(
            name=name,
            schedule=schedule,
            manifest=manifest,
        )

        cron_update.additional_properties = d
        return cron_update

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
