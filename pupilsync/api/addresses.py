"""Webhook addresses must be on the public internet.

A school admin types the address; without this check they could make pupilsync POST to the
machines beside it (a cloud's metadata service, the database, Redis). The name is resolved and
every address it gives must be global, when the webhook is added and again before each
delivery (a name can be pointed elsewhere later). WEBHOOK_ALLOW_PRIVATE=1 lifts it, for a host
app on the same laptop or network.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings


def resolve(host: str, port: int) -> list[str]:
    return [str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def is_public(url: str) -> bool:
    if settings.WEBHOOK_ALLOW_PRIVATE:
        return True
    parts = urlsplit(url)
    if not parts.hostname:
        return False
    try:
        found = resolve(parts.hostname, parts.port or 443)
    except (OSError, UnicodeError):
        return False
    return bool(found) and all(ipaddress.ip_address(a.split("%")[0]).is_global for a in found)
