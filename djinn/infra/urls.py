"""The one check of the URLs users give: webhook payload URLs, image
download URLs, OAuth apps' redirect and home page URIs.

A URL is accepted only when every consumer can use it as it is: an absolute
`http` or `https` URL in RFC 3986's syntax, printable ASCII (anything else
percent-encoded), a host that is an IPv4 address, an IPv6 address in
brackets (no zone id) or a name of letters, digits and hyphens whose
punycode (`xn--`) labels are valid IDNA, a port from 1 to 65535 if any, no
user name or password, no fragment. `PATTERN` is the same rule as one
regular expression, the `pattern` of those fields in the OpenAPI document (a
test holds them equal), and the value must also parse as the generated
models' URL type: a URL stored is one the API can always serve back.
"""

from __future__ import annotations

import ipaddress
import re

import idna
import pydantic

MAX_LENGTH = 2048

_DEC_OCTET = r"(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
_IPV4 = rf"{_DEC_OCTET}(\.{_DEC_OCTET}){{3}}"
_H16 = r"[0-9A-Fa-f]{1,4}"
_LS32 = rf"({_H16}:{_H16}|{_IPV4})"
# RFC 3986's IPv6address, alternative by alternative.
_IPV6 = (
    "("
    + "|".join(
        [
            rf"({_H16}:){{6}}{_LS32}",
            rf"::({_H16}:){{5}}{_LS32}",
            rf"({_H16})?::({_H16}:){{4}}{_LS32}",
            rf"(({_H16}:){{0,1}}{_H16})?::({_H16}:){{3}}{_LS32}",
            rf"(({_H16}:){{0,2}}{_H16})?::({_H16}:){{2}}{_LS32}",
            rf"(({_H16}:){{0,3}}{_H16})?::{_H16}:{_LS32}",
            rf"(({_H16}:){{0,4}}{_H16})?::{_LS32}",
            rf"(({_H16}:){{0,5}}{_H16})?::{_H16}",
            rf"(({_H16}:){{0,6}}{_H16})?::",
        ]
    )
    + ")"
)
_LABEL = r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
# The last label starts with a letter, as every top-level domain does: a host
# ending in a number is an IPv4 address to URL parsers, and must be one.
_TOP = r"[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_NAME = rf"({_LABEL}\.)*{_TOP}"
_HOST = rf"({_IPV4}|\[{_IPV6}\]|{_NAME})"
_PORT = r"(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})"
_PATH = r"([A-Za-z0-9._~!$&'()*+,;=:@/-]|%[0-9A-Fa-f]{2})*"
_QUERY = r"([A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*"
URL = rf"[Hh][Tt][Tt][Pp][Ss]?://{_HOST}(:{_PORT})?(/{_PATH})?(\?{_QUERY})?"
# The `pattern` of the URL fields in the document ("" allowed where it means
# "not given").
PATTERN = f"^{URL}$"
PATTERN_OR_EMPTY = f"^({URL})?$"

_MATCH = re.compile(PATTERN)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_ADAPTER = pydantic.TypeAdapter(pydantic.AnyUrl)


def problems(value: str, label: str) -> list[str]:
    """What is wrong with `value` as a URL of the field called `label` (no
    messages: it is fine). The messages never repeat the value."""
    if len(value) > MAX_LENGTH:
        return [f"{label} must be at most {MAX_LENGTH} characters"]
    if any(not " " < c < "\x7f" for c in value):
        return [
            f"{label} must not contain spaces, control or non-ASCII characters (percent-encode them in the path)"
        ]
    scheme = _SCHEME.match(value)
    rest = value[scheme.end() :] if scheme else ""
    if not scheme or scheme.group(1).lower() not in ("http", "https") or not rest.startswith("//"):
        return [f"{label} must be an absolute http or https URL"]
    found = []
    authority_match = re.match(r"//([^/?#]*)", rest)
    assert authority_match is not None  # rest starts with "//", checked above
    authority = authority_match.group(1)
    if "@" in authority:
        found.append(f"{label} must not contain a user name or password")
    else:
        found += _authority_problems(authority, label)
    if "#" in value:
        found.append(f"{label} cannot have a fragment")
    if not found and not _MATCH.match(value):
        found.append(
            f"{label} is not a valid URL (RFC 3986: percent-encode anything else in the path and query)"
        )
    if not found:
        try:
            _ADAPTER.validate_python(value)
        except pydantic.ValidationError:
            found.append(f"{label} is not a valid URL")
    return found


def _authority_problems(authority: str, label: str) -> list[str]:
    if authority.startswith("["):
        literal, _, after = authority[1:].partition("]")
        if "%" in literal:
            return [f"{label} must not have an IPv6 zone id"]
        try:
            ipaddress.IPv6Address(literal)
        except ValueError:
            return [f"{label} has an invalid IPv6 address"]
        host, port = None, after
    else:
        host, colon, port = authority.partition(":")
        port = colon + port
    found = []
    if port and not re.fullmatch(f":{_PORT}", port):
        found.append(f"{label} must have a port from 1 to 65535")
    if host is not None and not _host_ok(host):
        found.append(f"{label} has an invalid host name")
    return found


def _host_ok(host: str) -> bool:
    if re.fullmatch(_IPV4, host):
        return True
    if not re.fullmatch(_NAME, host):
        return False
    for label in host.split("."):
        if label[:4].lower() == "xn--":
            try:
                idna.decode(label)
            except (idna.IDNAError, UnicodeError):
                return False
    return True
