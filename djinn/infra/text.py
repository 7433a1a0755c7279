"""Text a database can store."""

from __future__ import annotations

import re

# No database stores a NUL character in text (PostgreSQL refuses it), and no
# field of this API needs one; a lone surrogate (`"\ud800"` in JSON) is no
# character at all, and no database can encode it. Every string the API takes
# (JSON bodies, forms, parameters, manifests) is checked by `text_problem`.
NUL_MESSAGE = "{} must not contain NUL characters"
SURROGATE_MESSAGE = "{} must not contain lone surrogates (\\ud800-\\udfff)"
_SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(value: str, label: str) -> str | None:
    """Why `value` cannot be stored as text (the message names `label`), or None."""
    if "\x00" in value:
        return NUL_MESSAGE.format(label)
    if _SURROGATE.search(value):
        return SURROGATE_MESSAGE.format(label)
    return None
