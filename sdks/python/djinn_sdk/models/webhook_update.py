from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_event import WebhookEvent
from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookUpdate")


@_attrs_define
class WebhookUpdate:
    """The body of `updateWebhook`. Fields left out or `null` (and `""` for
    `payload_url` and `secret`, `[]` for `events`) leave the webhook
    unchanged.

        Example:
            {'payload_url': 'https://hooks.example.com/djinn', 'ssl': True, 'active': False, 'events': ['build.finished']}

        Attributes:
            payload_url (None | str | Unset): The new URL to deliver events to, with the rules of `WebhookCreate`'s
                `payload_url`; `""` leaves it unchanged.
                 Example: https://hooks.example.com/djinn.
            secret (None | str | Unset): A new secret; `""` or `null` keeps the current one (unless `remove_secret`).
                Example: n3w-s3cr3t.
            remove_secret (bool | Unset): Remove the secret, so deliveries are no longer signed; ignored
                when a new `secret` is given. `false` when left out.
                 Example: False.
            ssl (bool | Unset): Verify the receiver's TLS certificate; requires an `https` URL. Example: True.
            active (bool | Unset): Deliver events. Example: True.
            events (list[WebhookEvent] | None | Unset): The events to deliver; `null` and `[]` leave them unchanged.
                Example: ['build.finished'].
    """

    payload_url: None | str | Unset = UNSET
    secret: None | str | Unset = UNSET
    remove_secret: bool | Unset = UNSET
    ssl: bool | Unset = UNSET
    active: bool | Unset = UNSET
    events: list[WebhookEvent] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        payload_url: None | str | Unset
        if isinstance(self.payload_url, Unset):
            payload_url = UNSET
        else:
            payload_url = self.payload_url

        secret: None | str | Unset
        if isinstance(self.secret, Unset):
            secret = UNSET
        else:
            secret = self.secret

        remove_secret = self.remove_secret

        ssl = self.ssl

        active = self.active

        events: list[str] | None | Unset
        if isinstance(self.events, Unset):
            events = UNSET
        elif isinstance(self.events, list):
            events = []
            for events_type_0_item_data in self.events:
                events_type_0_item = events_type_0_item_data.value
                events.append(events_type_0_item)

        else:
            events = self.events

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if payload_url is not UNSET:
            field_dict["payload_url"] = payload_url
        if secret is not UNSET:
            field_dict["secret"] = secret
        if remove_secret is not UNSET:
            field_dict["remove_secret"] = remove_secret
        if ssl is not UNSET:
            field_dict["ssl"] = ssl
        if active is not UNSET:
            field_dict["active"] = active
        if events is not UNSET:
            field_dict["events"] = events

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_payload_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        payload_url = _parse_payload_url(d.pop("payload_url", UNSET))

        def _parse_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        secret = _parse_secret(d.pop("secret", UNSET))

        remove_secret = d.pop("remove_secret", UNSET)

        ssl = d.pop("ssl", UNSET)

        active = d.pop("active", UNSET)

        def _parse_events(data: object) -> list[WebhookEvent] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                events_type_0 = []
                _events_type_0 = data
                for events_type_0_item_data in _events_type_0:
                    events_type_0_item = WebhookEvent(events_type_0_item_data)

                    events_type_0.append(events_type_0_item)

                return events_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[WebhookEvent] | None | Unset, data)

        events = _parse_events(d.pop("events", UNSET))

        webhook_update = cls(
            payload_url=payload_url,
            secret=secret,
            remove_secret=remove_secret,
            ssl=ssl,
            active=active,
            events=events,
        )

        webhook_update.additional_properties = d
        return webhook_update

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
