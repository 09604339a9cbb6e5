"""Keep fetching outside the local network: check every address at connect time, not only the URL."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from typing import Any

import httpcore

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class BlockedAddress(OSError):
    """A host that is, or resolves to, an address inside the network (private, loopback, metadata…)."""

    def __init__(self, host: str, address: str, why: str) -> None:
        super().__init__(f"{host} is {address} ({why}); set fetch_allow_networks to allow that range")
        self.host = host
        self.address = address


def parse_networks(values: Iterable[str]) -> list[Network]:
    """The allowed ranges of the setting, each a CIDR ("127.0.0.0/8") or one address."""
    return [ipaddress.ip_network(v.strip(), strict=False) for v in values if v.strip()]


def why_forbidden(ip: IPAddress, allowed: Iterable[Network] = ()) -> str | None:
    """Why an address may not be reached, or None when it is a public address (or allowed)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip in net for net in allowed):
        return None
    for attr, label in (("is_loopback", "loopback"), ("is_link_local", "link-local or cloud metadata"),
                        ("is_private", "private"), ("is_multicast", "multicast"),
                        ("is_unspecified", "unspecified"), ("is_reserved", "reserved")):
        if getattr(ip, attr):
            return f"{label} address"
    if not ip.is_global:
        return "not a public address"
    return None


def resolve(host: str, port: int) -> list[str]:
    """Every address a name resolves to (tests replace this to make a name resolve anywhere)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def literal_ip(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return None


def check_host(host: str, allowed: Iterable[Network]) -> None:
    """Refuse a host given as a forbidden IP literal before any connection is tried."""
    ip = literal_ip(host)
    if ip is not None and (why := why_forbidden(ip, list(allowed))):
        raise BlockedAddress(host, str(ip), why)


class GuardedBackend(httpcore.SyncBackend):
    """Resolve once, refuse forbidden addresses, connect to the checked address (no DNS rebinding)."""

    def __init__(self, allowed: Iterable[Network]) -> None:
        self.allowed = list(allowed)

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        try:
            addresses = [host] if literal_ip(host) else resolve(host, port)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from None
        if not addresses:
            raise httpcore.ConnectError(f"cannot resolve {host}: no address")
        for addr in addresses:
            ip = literal_ip(addr)
            why = "not an IP address" if ip is None else why_forbidden(ip, self.allowed)
            if why:
                raise BlockedAddress(host, addr, why)
        last: Exception | None = None
        for addr in addresses:
            try:
                return super().connect_tcp(addr.strip("[]"), port, timeout=timeout, local_address=local_address,
                                           socket_options=socket_options)
            except httpcore.ConnectError as exc:
                last = exc
        assert last is not None
        raise last
