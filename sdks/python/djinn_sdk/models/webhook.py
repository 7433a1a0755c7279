from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_event import WebhookEvent
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.namespace import Namespace
    from ..models.webhook_response import WebhookResponse


T = TypeVar("T", bound="Webhook")


@_attrs_define
class Webhook:
    """An HTTP callback fired on the events of a namespace. Its secret is
    write-only and never returned. Nested `namespace` is left out where
    the webhook is itself nested; `last_response` is left out until the
    first delivery.

        Example:
            {'id': 1, 'author_id': 1, 'user_id': 1, 'namespace_id': 1, 'payload_url': 'https://hooks.example.com/djinn',
                'ssl': True, 'active': True, 'events': ['build.submitted', 'build.finished'], 'url':
                'http://127.0.0.1:8080/n/alice/djinn/-/webhooks/1', 'last_response': {'code': 200, 'duration': 153000000,
                'error': None, 'created_at': '2026-11-27T12:05:00Z'}}

        Attributes:
            id (int):  Example: 1.
            author_id (int): The id of the user who created the webhook. Example: 1.
            user_id (int): The id of the namespace's owner. Example: 1.
            namespace_id (int):  Example: 1.
            payload_url (str): Where events are delivered (an absolute `http` or `https` URL, as given). Example:
                https://hooks.example.com/djinn.
            ssl (bool): Whether the receiver's TLS certificate is verified (the URL is then `https`). Example: True.
            active (bool): Whether events are delivered. Example: True.
            events (list[WebhookEvent]): The events delivered; empty means all of them. Example: ['build.submitted',
                'build.finished'].
            url (str):  Example: http://127.0.0.1:8080/n/alice/djinn/-/webhooks/1.
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
            last_response (WebhookResponse | Unset): The outcome of a webhook's latest delivery. Example: {'code': 200,
                'duration': 153000000, 'error': None, 'created_at': '2026-11-27T12:05:00Z'}.
    """

    id: int
    author_id: int
    user_id: int
    namespace_id: int
    payload_url: str
    ssl: bool
    active: bool
    events: list[WebhookEvent]
    url: str
    namespace: Namespace | Unset = UNSET
    last_response: WebhookResponse | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        author_id = self.author_id

        user_id = self.user_id

        namespace_id = self.namespace_id

        payload_url = self.payload_url

        ssl = self.ssl

        active = self.active

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.value
            events.append(events_item)

        url = self.url

        namespace: dict[str, Any] | Unset = UNSET
        if not isinstance(self.namespace, Unset):
            namespace = self.namespace.to_dict()

        last_response: dict[str, Any] | Unset = UNSET
        if not isinstance(self.last_response, Unset):
            last_response = self.last_response.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "author_id": author_id,
                "user_id": user_id,
                "namespace_id": namespace_id,
                "payload_url": payload_url,
                "ssl": ssl,
                "active": active,
                "events": events,
                "url": url,
            }
        )
        if namespace is not UNSET:
            field_dict["namespace"] = namespace
        if last_response is not UNSET:
            field_dict["last_response"] = last_response

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.namespace import Namespace  # noqa: PLC0415
        from ..models.webhook_response import WebhookResponse  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        author_id = d.pop("author_id")

        user_id = d.pop("user_id")

        namespace_id = d.pop("namespace_id")

        payload_url = d.pop("payload_url")

        ssl = d.pop("ssl")

        active = d.pop("active")

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = WebhookEvent(events_item_data)

            events.append(events_item)

        url = d.pop("url")

        _namespace = d.pop("namespace", UNSET)
        namespace: Namespace | Unset
        if isinstance(_namespace, Unset):
            namespace = UNSET
        else:
            namespace = Namespace.from_dict(_namespace)

        _last_response = d.pop("last_response", UNSET)
        last_response: WebhookResponse | Unset
        if isinstance(_last_response, Unset):
            last_response = UNSET
        else:
            last_response = WebhookResponse.from_dict(_last_response)

        webhook = cls(
            id=id,
            author_id=author_id,
            user_id=user_id,
            namespace_id=namespace_id,
            payload_url=payload_url,
            ssl=ssl,
            active=active,
            events=events,
            url=url,
            namespace=namespace,
            last_response=last_response,
        )

        webhook.additional_properties = d
        return webhook

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
