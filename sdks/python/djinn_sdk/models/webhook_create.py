from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_event import WebhookEvent
from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookCreate")


@_attrs_define
class WebhookCreate:
    """The body of `createWebhook`. `""` and `null` in the optional fields
    mean "not given".

        Example:
            {'payload_url': 'https://hooks.example.com/djinn', 'secret': 's3cr3t-t0k3n', 'ssl': True, 'active': True,
                'events': ['build.submitted', 'build.finished']}

        Attributes:
            payload_url (str): The URL to deliver events to: an absolute `http` or `https` URL (RFC 3986, at most 2048
                characters): printable
                ASCII only (percent-encode anything else), a host that is an IPv4 address, an
                IPv6 address in brackets without a zone id, or a name of letters, digits and
                hyphens whose `xn--` labels are valid IDNA and whose last label starts with a
                letter; a port from 1 to 65535 if any; no user name or password; no fragment.
                Anything else answers 400 under this field and nothing is stored.
                 Example: https://hooks.example.com/djinn.
            secret (None | str | Unset): Signs deliveries (`X-Djinn-CI-Signature`) when set; never returned. Example:
                s3cr3t-t0k3n.
            ssl (bool | Unset): Verify the receiver's TLS certificate; requires an `https` URL. `false` when left out.
                Example: True.
            active (bool | Unset): Deliver events; `false` keeps the webhook but sends nothing. `true` when left out.
                Example: True.
            events (list[WebhookEvent] | None | Unset): The events to deliver; empty or `null` means all of them. Example:
                ['build.submitted', 'build.finished'].
    """

    payload_url: str
    secret: None | str | Unset = UNSET
    ssl: bool | Unset = UNSET
    active: bool | Unset = UNSET
    events: list[WebhookEvent] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        payload_url = self.payload_url

        secret: None | str | Unset
        if isinstance(self.secret, Unset):
            secret = UNSET
        else:
            secret = self.secret

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
        field_dict.update(
            {
                "payload_url": payload_url,
            }
        )
        if secret is not UNSET:
            field_dict["secret"] = secret
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
        payload_url = d.pop("payload_url")

        def _parse_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        secret = _parse_secret(d.pop("secret", UNSET))

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

        webhook_create = cls(
            payload_url=payload_url,
            secret=secret,
            ssl=ssl,
            active=active,
            events=events,
        )

        webhook_create.additional_properties = d
        return webhook_create

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
