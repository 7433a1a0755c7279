from enum import StrEnum


class OAuthConsentDecision(StrEnum):
    AUTHORIZE = "authorize"
    DENY = "deny"

    def __str__(self) -> str:
        return str(self.value)
