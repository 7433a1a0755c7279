"""The outbound guard's address rules: every form of a non-public address is
refused, IPv6 addresses that carry an IPv4 address included."""

from __future__ import annotations

import ipaddress

import pytest

from djinn.infra.netguard import Guard, Refused, address_problem


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("127.0.0.1", "a loopback address"),
        ("::ffff:127.0.0.1", "a loopback address"),
        ("169.254.169.254", "a cloud metadata address"),
        # 6to4 (2002::/16) of loopback, link-local, private and metadata IPv4.
        ("2002:7f00:1::", "a 6to4 address of 127.0.0.1, a loopback address"),
        ("2002:a9fe:a9fe::", "a 6to4 address of 169.254.169.254, a cloud metadata address"),
        ("2002:a9fe:101::1", "a 6to4 address of 169.254.1.1, a link-local address"),
        ("2002:a00:1::", "a 6to4 address of 10.0.0.1, a private address"),
        # Site-local (deprecated, but still routed inside some networks).
        ("fec0::1", "a site-local address"),
        ("feff:ffff::1", "a site-local address"),
        # Teredo (2001::/32): the client's address is stored inverted.
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", "a Teredo address of 127.0.0.1, a loopback address"),
        ("2001:0:4136:e378::f5ff:fffe", "a Teredo address of 10.0.0.1, a private address"),
        ("2001:0:a00:1::f7f7:f7f7", "a Teredo address of 10.0.0.1, a private address"),  # the server,
        # NAT64: the well-known prefix carries the IPv4 in its last 32 bits.
        ("64:ff9b::7f00:1", "a NAT64 address of 127.0.0.1, a loopback address"),
        ("64:ff9b::a9fe:a9fe", "a NAT64 address of 169.254.169.254, a cloud metadata address"),
        ("64:ff9b::c0a8:101", "a NAT64 address of 192.168.1.1, a private address"),
        ("64:ff9b:1::7f00:1", "a local-use NAT64 address"),
        ("64:ff9b:1:ffff::1", "a local-use NAT64 address"),
    ],
)
def test_non_public_addresses_are_named(address, words):
    assert address_problem(ipaddress.ip_address(address)) == words


@pytest.mark.parametrize("address", ["8.8.8.8", "2606:4700::1111", "2002:808:808::", "64:ff9b::808:808"])
def test_public_addresses_pass(address):
    assert address_problem(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    "url",
    [
        "http://[2002:7f00:1::]/x",
        "http://[2002:a9fe:a9fe::]/latest/meta-data/",
        "http://[fec0::1]:8080/x",
        "http://[64:ff9b::7f00:1]/x",
        "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/x",
    ],
)
def test_the_guard_refuses_them_before_connecting(url):
    with pytest.raises(Refused, match="is a"):
        Guard().check(url)


def test_an_allow_list_names_them_as_they_are():
    assert Guard(["2002:7f00:1::/48"]).check("http://[2002:7f00:1::]/x")[1] == "2002:7f00:1::"
    with pytest.raises(Refused, match="6to4 address of 127.0.0.1"):
        Guard(["127.0.0.0/8"]).check("http://[2002:7f00:1::]/x")
