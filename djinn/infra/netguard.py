"""Outgoing HTTP to URLs users give (image downloads, webhook deliveries),
guarded against server-side request forgery.

A URL is fetched only when every address its host resolves to is public:
loopback, private, link-local (which holds the cloud metadata services),
multicast, reserved, shared, site-local and unspecified addresses are
refused unless an allow-list of networks names them. An IPv6 address that
carries an IPv4 address (IPv4-mapped, 6to4, Teredo, NAT64) is judged by the
IPv4 address it carries too: `2002:7f00:1::` reaches 127.0.0.1 through a
6to4 relay as surely as 127.0.0.1 itself. The connection is pinned to the address
that was checked (the `Host` header and TLS SNI keep the name), so a second
DNS answer cannot swap in another address; redirects are followed by hand,
each hop checked the same way, and only a few of them.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import urllib.parse
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx

MAX_REDIRECTS = 5
# Metadata services that are not in a non-public range on every cloud.
METADATA = [
    ipaddress.ip_network(n) for n in ("169.254.169.254/32", "fd00:ec2::254/128", "100.100.100.200/32")
]
# NAT64: the well-known prefix carries an IPv4 address in its last 32 bits
# (RFC 6052); the local-use prefix (RFC 8215) is a network's own and carries
# one at an offset only that network knows, so it is refused outright.
NAT64 = ipaddress.ip_network("64:ff9b::/96")
NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")


class Refused(Exception):
    """The URL may not be fetched; the message says why (safe to show the user)."""


def address_problem(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why `ip` is not a public address, or None."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return address_problem(ip.ipv4_mapped)
        if ip in NAT64_LOCAL:
            return "a local-use NAT64 address"
        for form, embedded in _embedded_ipv4(ip):
            problem = address_problem(embedded)
            if problem:
                return f"a {form} address of {embedded}, {problem}"
        if ip.sixtofour is not None or ip in NAT64:
            # Reached through the public IPv4 address it carries.
            return None
        if ip.is_site_local:
            return "a site-local address"
    if any(ip in network for network in METADATA):
        return "a cloud metadata address"
    for attribute, words in (
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        ("is_unspecified", "an unspecified address"),
        ("is_private", "a private address"),
        ("is_reserved", "a reserved address"),
    ):
        if getattr(ip, attribute):
            return words
    if not ip.is_global:
        return "not a public address"
    return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[tuple[str, ipaddress.IPv4Address]]:
    """The IPv4 addresses an IPv6 address carries, with the form's name."""
    if ip.sixtofour is not None:
        return [("6to4", ip.sixtofour)]
    if ip.teredo is not None:
        server, client = ip.teredo
        return [("Teredo", client), ("Teredo", server)]
    if ip in NAT64:
        return [("NAT64", ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))]
    return []


class Guard:
    def __init__(self, allow: Iterable[str] = (), *, timeout: float = 30.0):
        self.allow = [ipaddress.ip_network(cidr.strip(), strict=False) for cidr in allow]
        self.timeout = timeout

    def _allowed(self, ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        return any(ip in network for network in self.allow)

    def check(self, url: str) -> tuple[urllib.parse.SplitResult, str]:
        """The parsed URL and the one address to connect to, or Refused."""
        try:
            parts = urllib.parse.urlsplit(url)
            parts.hostname  # noqa: B018 - raises for a malformed IPv6 literal
        except ValueError:
            raise Refused("The URL is malformed") from None
        if parts.scheme not in ("http", "https"):
            raise Refused("Only http and https URLs can be downloaded")
        host = parts.hostname
        if not host:
            raise Refused("The URL has no host")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise Refused("The URL's port is invalid") from None
        return parts, self.resolve(host, port)

    def resolve(self, host: str, port: int) -> str:
        """The one address to connect to: Refused unless every address `host`
        resolves to is public or allowed (so a name cannot point one lookup
        at a public address and the connection at a private one)."""
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as e:
            raise Refused(f"The host {host} cannot be resolved ({e})") from None
        addresses = list(
            dict.fromkeys(ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos)
        )
        if not addresses:
            raise Refused(f"The host {host} cannot be resolved")
        for ip in addresses:
            problem = address_problem(ip)
            if problem and not self._allowed(ip):
                raise Refused(f"Refused to connect to {host}: {ip} is {problem}")
        return str(addresses[0])

    def _pinned(self, client: httpx.Client, method: str, url: str, **kwargs: Any) -> httpx.Request:
        """A request for `url` sent to the one checked address; Host and SNI keep the name."""
        parts, address = self.check(url)
        literal = f"[{address}]" if ":" in address else address
        port = parts.port or (443 if parts.scheme == "https" else 80)
        pinned = urllib.parse.urlunsplit(
            (parts.scheme, f"{literal}:{port}", parts.path or "/", parts.query, "")
        )
        host_header = parts.hostname if parts.port is None else f"{parts.hostname}:{parts.port}"
        headers = {**kwargs.pop("headers", {}), "Host": host_header}
        return client.build_request(
            method,
            pinned,
            headers=headers,
            extensions={"sni_hostname": parts.hostname} if parts.scheme == "https" else {},
            **kwargs,
        )

    @contextlib.contextmanager
    def stream(self, url: str) -> Iterator[httpx.Response]:
        """GET `url` (following checked redirects); the response streams."""
        # Deferred: httpx is loaded by the first outbound request, not by every
        # process that imports the guard (the embedded worker mostly makes none).
        import httpx

        with httpx.Client(timeout=self.timeout, follow_redirects=False, trust_env=False) as client:
            for _hop in range(MAX_REDIRECTS + 1):
                response = client.send(self._pinned(client, "GET", url), stream=True)
                try:
                    if response.is_redirect and "location" in response.headers:
                        url = urllib.parse.urljoin(url, response.headers["location"])
                        continue
                    yield response
                    return
                finally:
                    response.close()
            raise Refused(f"Too many redirects (more than {MAX_REDIRECTS})")

    @contextlib.contextmanager
    def post(self, url: str, content: bytes, headers: dict[str, str]) -> Iterator[httpx.Response]:
        """POST `content` to `url`; the response streams. Redirects are not
        followed: a 3xx is the answer."""
        # Deferred: httpx is loaded by the first outbound request, not by every
        # process that imports the guard (the embedded worker mostly makes none).
        import httpx

        with httpx.Client(timeout=self.timeout, follow_redirects=False, trust_env=False) as client:
            response = client.send(
                self._pinned(client, "POST", url, content=content, headers=headers), stream=True
            )
            try:
                yield response
            finally:
                response.close()
