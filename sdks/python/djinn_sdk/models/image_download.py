from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ImageDownload")


@_attrs_define
class ImageDownload:
    """The background download of an image created from a `download_url`
    (absent for an uploaded image). Pending while `started_at` is `null`,
    running while `finished_at` is `null`; once finished, it failed when
    `error` is set and succeeded otherwise.

        Example:
            {'source': 'https://images.example.com/debian-bookworm.qcow2', 'error': None, 'created_at':
                '2026-11-26T08:00:00Z', 'started_at': '2026-11-26T08:00:01Z', 'finished_at': '2026-11-26T08:02:30Z'}

        Attributes:
            source (str): The URL the image is downloaded from. Example: https://images.example.com/debian-bookworm.qcow2.
            error (None | str): Why the download failed; `null` unless it failed. Example: download failed: 404 Not Found.
            created_at (datetime.datetime): An RFC 3339 time in UTC. Example: 2026-11-27T12:00:00Z.
            started_at (datetime.datetime | None): When the download started; `null` while pending. Example:
                2026-11-26T08:00:01Z.
            finished_at (datetime.datetime | None): When the download ended, successfully or not; `null` until then.
                Example: 2026-11-26T08:02:30Z.
    """

    source: str
    error: None | str
    created_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source = self.source

        error: None | str
        error = self.error

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "source": source,
                "error": error,
                "created_at": created_at,
                "started_at": started_at,
                "finished_at": finished_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        source = d.pop("source")

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

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

        image_download = cls(
            source=source,
            error=error,
            created_at=created_at,
            started_at=started_at,
            finished_at=finished_at,
        )

        image_download.additional_properties = d
        return image_download

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
