from enum import StrEnum


class NamespaceVisibility(StrEnum):
    INTERNAL = "internal"
    PRIVATE = "private"
    PUBLIC = "public"

    def __str__(self) -> str:
        return str(self.value)
