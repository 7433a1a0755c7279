from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.trigger_type import TriggerType

if TYPE_CHECKING:
    from ..models.trigger_data import TriggerData


T = TypeVar("T", bound="Trigger")


@_attrs_define
class Trigger:
    """What submitted a build, and the details it gave.

    Example:
        {'type': 'manual', 'comment': 'Run the tests', 'data': {'email': 'alice@example.com', 'username': 'alice'}}

    Attributes:
        type_ (TriggerType): `manual` for a build submitted through the API, `push` and `pull`
            for one submitted by a repository event, `schedule` for one
            submitted by a cron schedule.
             Example: manual.
        comment (str): The comment given on submission (e.g. a commit message); empty when none. Example: Run the tests.
        data (TriggerData): Details of the trigger as strings, such as the author, commit information or the cron
            schedule's name. Example: {'email': 'alice@example.com', 'username': 'alice'}.
    """

    type_: TriggerType
    comment: str
    data: TriggerData
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        comment = self.comment

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "comment": comment,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.trigger_data import TriggerData  # noqa: PLC0415

        d = dict(src_dict)
        type_ = TriggerType(d.pop("type"))

        comment = d.pop("comment")

        data = TriggerData.from_dict(d.pop("data"))

        trigger = cls(
            type_=type_,
            comment=comment,
            data=data,
        )

        trigger.additional_properties = d
        return trigger

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
