from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.o_auth_consent_code_challenge_method import OAuthConsentCodeChallengeMethod
from ..models.o_auth_consent_decision import OAuthConsentDecision
from ..types import UNSET, Unset

T = TypeVar("T", bound="OAuthConsent")


@_attrs_define
class OAuthConsent:
    """The consent page's form: the authorization request's parameters, echoed
    in hidden fields, the CSRF token and the user's decision.

        Example:
            {'client_id': '9f86d081884c7d65', 'redirect_uri': 'https://app.example.com/oauth/callback', 'scope':
                'build:read,write namespace:read', 'state': 'xyz123', 'code_challenge':
                'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', 'code_challenge_method': 'S256', 'csrf_token':
                '3b1f0c7e9a2d4f68', 'approved': ['build:read', 'namespace:read'], 'decision': 'authorize'}

        Attributes:
            client_id (str): The OAuth app's client id. Example: 9f86d081884c7d65.
            csrf_token (str): The CSRF token of the user's session, from the consent page. Example: 3b1f0c7e9a2d4f68.
            decision (OAuthConsentDecision): The user's choice. Example: authorize.
            redirect_uri (None | str | Unset): The redirect URI of the authorization request; `""` for the app's registered
                one. Example: https://app.example.com/oauth/callback.
            scope (None | str | Unset): The scope asked for, space-separated. Example: build:read,write namespace:read.
            state (None | str | Unset): The state to echo back. Example: xyz123.
            code_challenge (None | str | Unset): The PKCE code challenge, if any. Example:
                E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM.
            code_challenge_method (OAuthConsentCodeChallengeMethod | Unset): The PKCE method, if any; only `S256`. `""` is
                also accepted, as "not given", for clients that send it. Example: S256.
            approved (list[str] | None | Unset): The `<resource>:<perm>` items of the requested scope the user left
                ticked (one form field per item). The token gets only these.
                 Example: ['build:read', 'namespace:read'].
    """

    client_id: str
    csrf_token: str
    decision: OAuthConsentDecision
    redirect_uri: None | str | Unset = UNSET
    scope: None | str | Unset = UNSET
    state: None | str | Unset = UNSET
    code_challenge: None | str | Unset = UNSET
    code_challenge_method: OAuthConsentCodeChallengeMethod | Unset = UNSET
    approved: list[str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        csrf_token = self.csrf_token

        decision = self.decision.value

        redirect_uri: None | str | Unset
        if isinstance(self.redirect_uri, Unset):
            redirect_uri = UNSET
        else:
            redirect_uri = self.redirect_uri

        scope: None | str | Unset
        if isinstance(self.scope, Unset):
            scope = UNSET
        else:
            scope = self.scope

        state: None | str | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        else:
            state = self.state

        code_challenge: None | str | Unset
        if isinstance(self.code_challenge, Unset):
            code_challenge = UNSET
        else:
            code_challenge = self.code_challenge

        code_challenge_method: str | Unset = UNSET
        if not isinstance(self.code_challenge_method, Unset):
            code_challenge_method = self.code_challenge_method.value

        approved: list[str] | None | Unset
        if isinstance(self.approved, Unset):
            approved = UNSET
        elif isinstance(self.approved, list):
            approved = self.approved

        else:
            approved = self.approved

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "client_id": client_id,
                "csrf_token": csrf_token,
                "decision": decision,
            }
        )
        if redirect_uri is not UNSET:
            field_dict["redirect_uri"] = redirect_uri
        if scope is not UNSET:
            field_dict["scope"] = scope
        if state is not UNSET:
            field_dict["state"] = state
        if code_challenge is not UNSET:
            field_dict["code_challenge"] = code_challenge
        if code_challenge_method is not UNSET:
            field_dict["code_challenge_method"] = code_challenge_method
        if approved is not UNSET:
            field_dict["approved"] = approved

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = d.pop("client_id")

        csrf_token = d.pop("csrf_token")

        decision = OAuthConsentDecision(d.pop("decision"))

        def _parse_redirect_uri(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        redirect_uri = _parse_redirect_uri(d.pop("redirect_uri", UNSET))

        def _parse_scope(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        scope = _parse_scope(d.pop("scope", UNSET))

        def _parse_state(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        state = _parse_state(d.pop("state", UNSET))

        def _parse_code_challenge(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        code_challenge = _parse_code_challenge(d.pop("code_challenge", UNSET))

        _code_challenge_method = d.pop("code_challenge_method", UNSET)
        code_challenge_method: OAuthConsentCodeChallengeMethod | Unset
        if isinstance(_code_challenge_method, Unset):
            code_challenge_method = UNSET
        else:
            code_challenge_method = OAuthConsentCodeChallengeMethod(_code_challenge_method)

        def _parse_approved(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                approved_type_0 = cast(list[str], data)

                return approved_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        approved = _parse_approved(d.pop("approved", UNSET))

        o_auth_consent = cls(
            client_id=client_id,
            csrf_token=csrf_token,
            decision=decision,
            redirect_uri=redirect_uri,
            scope=scope,
            state=state,
            code_challenge=code_challenge,
            code_challenge_method=code_challenge_method,
            approved=approved,
        )

        o_auth_consent.additional_properties = d
        return o_auth_consent

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
