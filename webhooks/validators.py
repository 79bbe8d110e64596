"""Which addresses a webhook may be sent to. Only http and https; and unless
WEBHOOK_ALLOW_PRIVATE_ADDRESSES (development and tests), no host that is or resolves to a
loopback, private, link-local, shared, multicast or reserved address, so that a webhook
cannot be pointed at the servers' own network. The host is resolved when the endpoint is saved
and again before each delivery, since its DNS may change in between (DNS rebinding).
"""

import contextlib
import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError

SCHEMES = ("http", "https")


def _refused(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


def _addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    with contextlib.suppress(ValueError):  # a name, not an address literal
        return [ipaddress.ip_address(host)]
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise ValidationError(
            f"The host {host} could not be found; check the address.", code="unresolvable"
        ) from error
    # Each info's sockaddr starts with the address text; IPv6 ones may carry a %scope.
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


def validate_webhook_url(url: str) -> None:
    """Refuse, with a message for the organizer, an address webhooks must not be sent to."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        raise ValidationError(
            "A webhook address must start with https:// (or http://).", code="scheme"
        )
    try:
        host, port = parts.hostname, parts.port
    except ValueError as error:
        raise ValidationError("The address has an invalid port.", code="invalid") from error
    if not host:
        raise ValidationError("The address names no host.", code="invalid")
    if settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES:
        return
    if host == "localhost" or host.endswith(".localhost"):
        raise ValidationError(
            "Webhooks cannot be sent to this server itself (localhost).", code="private"
        )
    default_port = 443 if parts.scheme.lower() == "https" else 80
    for address in _addresses(host, port or default_port):
        if _refused(address):
            raise ValidationError(
                f"Webhooks cannot be sent to {host}: it is (or resolves to) the private, "
                f"loopback or reserved address {address}. Use a public address.",
                code="private",
            )
