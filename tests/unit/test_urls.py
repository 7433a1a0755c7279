"""The one URL check (webhook payload URLs, image download URLs, OAuth apps'
redirect and home page URIs), and the document's patterns that state it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from djinn.api.spec import load_spec
from djinn.infra import urls

REFUSED = [
    # The values contract fuzzing had stored and then failed to serve.
    ("https://a b", "must not contain spaces"),
    ("http://h:99999/", "port from 1 to 65535"),
    ("https://xn--", "invalid host name"),
    ("http://[ca340]:97", "invalid IPv6 address"),
    ("http://[fe80::1%25eth0]/", "zone id"),
    ("http://[fe80::1%eth0]:8080/", "zone id"),
    ("http://a%00b/", "invalid host name"),
    ("http://%00/", "invalid host name"),
    # And the rest of the rule.
    ("http://h:0/", "port from 1 to 65535"),
    ("http://h:/x", "port from 1 to 65535"),
    ("http://user:secret@h/", "user name or password"),
    ("http://@h/", "user name or password"),
    ("ftp://h/x", "absolute http or https URL"),
    ("/relative", "absolute http or https URL"),
    ("javascript:alert(1)", "absolute http or https URL"),
    ("http:/h/x", "absolute http or https URL"),
    ("https:///x", "invalid host name"),
    ("http://h/#top", "cannot have a fragment"),
    ("http://h/a\tb", "control"),
    ("http://h/\x7f", "control"),
    ("http://bücher.example/", "non-ASCII"),
    ("http://-a.example/", "invalid host name"),
    ("http://a_b.example/", "invalid host name"),
    ("http://1.2.3.999/", "invalid host name"),
    ("http://999/", "invalid host name"),
    ("http://0x7f.1/", "invalid host name"),
    ("http://[v1.x]/", "invalid IPv6 address"),
    ("http://h/%zz", "not a valid URL"),
    ("http://h/{x}", "not a valid URL"),
]
# What no regular expression says: the document states these with maxLength
# and in words.
BEYOND_THE_PATTERN = [
    ("http://xn--a/", "invalid host name"),
    ("http://h/" + "a" * 2048, "at most 2048 characters"),
]
ACCEPTED = [
    "https://hooks.example.com/djinn",
    "HTTPS://Hooks.Example.COM",
    "http://localhost:8080",
    "http://127.0.0.1:65535/x?a=b&c=%20&d=/?e",
    "http://[::1]:97/",
    "http://[2001:db8::ffff:1.2.3.4]/x",
    "http://xn--bcher-kva.example/",
    "http://r3---sn-abc.googlevideo.com/videoplayback",
    "https://example.com/a;b=c/@d:e/~f!$&'()*+,=",
]


@pytest.mark.parametrize(("value", "why"), REFUSED + BEYOND_THE_PATTERN, ids=lambda v: v[:40])
def test_refused_with_the_reason(value, why):
    [message] = urls.problems(value, "Payload URL")
    assert message.startswith("Payload URL ") and why in message
    assert value not in message  # the value is never echoed
    if (value, why) not in BEYOND_THE_PATTERN:
        assert not re.match(urls.PATTERN, value)


@pytest.mark.parametrize("value", ACCEPTED)
def test_accepted(value):
    assert urls.problems(value, "url") == []
    assert re.match(urls.PATTERN, value)


def test_the_documents_patterns_are_the_check():
    schemas = load_spec()["components"]["schemas"]
    assert schemas["WebhookCreate"]["properties"]["payload_url"]["pattern"] == urls.PATTERN
    assert schemas["WebhookUpdate"]["properties"]["payload_url"]["pattern"] == urls.PATTERN_OR_EMPTY
    # An image request reports every problem at once (the name's too), so its
    # URL is checked with the rest rather than by a pattern that would answer first.
    assert "pattern" not in schemas["ImageCreate"]["properties"]["download_url"]
    assert schemas["OAuthAppCreate"]["properties"]["redirect_uri"]["pattern"] == urls.PATTERN
    assert schemas["OAuthAppCreate"]["properties"]["homepage_uri"]["pattern"] == urls.PATTERN_OR_EMPTY
    for name, field in [
        ("WebhookCreate", "payload_url"),
        ("WebhookUpdate", "payload_url"),
        ("ImageCreate", "download_url"),
        ("OAuthAppCreate", "redirect_uri"),
        ("OAuthAppCreate", "homepage_uri"),
    ]:
        assert schemas[name]["properties"][field]["maxLength"] == urls.MAX_LENGTH


@settings(max_examples=300, deadline=None)
@given(st.from_regex(urls.PATTERN, fullmatch=True))
def test_what_the_pattern_lets_through_the_check_accepts(value):
    """What a client (or a fuzzer) generates from the document is accepted,
    short of what a regular expression cannot say: labels that are punycode
    must be valid IDNA, and the whole at most MAX_LENGTH characters."""
    host = re.match(r"[^:]+://(\[[^\]]*\]|[^:/?]*)", value).group(1)
    assume_plain = len(value) <= urls.MAX_LENGTH and not any(
        label[:4].lower() == "xn--" for label in host.split(".")
    )
    if assume_plain:
        assert urls.problems(value, "url") == []
