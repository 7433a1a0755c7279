from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WebhookResponse")


@_attrs_define
class WebhookResponse:
    """The outcome of a webhook's latest delivery.

    Example:
        {'code': 200, 'duration': 153000000, 'error': None, 'created_at': '2026-11-27T12:05:00Z'}

    Attributes:
        code (int): The HTTP status code the receiver answered; 0 when no answer came. Example: 200.
        duration (int): How long the delivery took, in nanoseconds. Example: 153000000.
        error (None | str): Why the delivery failed (connection refused, timeout, TLS error ...); `null` when an answer
            came.
        created_at (datetime.datetime): An RFC 3339 time in UTC. Example: 2026-11-27T12:00:00Z.
    """

    code: int
    duration: int
    error: None | str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        duration = self.duration

        error: None | str
        error = self.error

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "duration": duration,
                "error": error,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        duration = d.pop("duration")

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        webhook_response = cls(
            code=code,
            duration=duration,
            error=error,
            created_at=created_at,
        )

        webhook_response.additional_properties = d
        return webhook_response

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
