"""Rate limits of 码上巡: reports from one client address, and to one code, within a window
(settings ``INSPECTION_PUBLIC_LIMIT_*``), counted in the cache (Redis in production, shared
by every process; each process's memory under the embedded default).

Fixed windows on the clock (the hour from 10:00 to 11:00 with the default window): a count
is kept per key and window, and expires after it.
The client address is the peer's (``REMOTE_ADDR``), or, behind ``INSPECTION_PUBLIC_PROXY_COUNT``
reverse proxies that append to ``X-Forwarded-For``, the entry the outermost of them added:
entries further left are the client's own to write and are never trusted (SECURITY.md).
The address is only hashed into a cache key, never stored or logged.
"""

import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache

PREFIX = "public-intake"


def client_address(request) -> str:
    peer = request.META.get("REMOTE_ADDR", "") or ""
    proxies = settings.INSPECTION_PUBLIC_PROXY_COUNT
    if proxies <= 0:
        return peer
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < proxies:
        return peer
    candidate = hops[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return peer


def _key(kind: str, value: str) -> str:
    window = int(time.time() // settings.INSPECTION_PUBLIC_LIMIT_WINDOW_SECONDS)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{kind}:{value}".encode()).hexdigest()[:32]
    return f"{PREFIX}:{kind}:{window}:{digest}"


def _count(key: str) -> int:
    window = settings.INSPECTION_PUBLIC_LIMIT_WINDOW_SECONDS
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr: a new window
        cache.add(key, 1, timeout=window)
        return 1


def over_limit(*, address: str, code: str) -> bool:
    """Count one report from ``address`` to ``code``; True if either is over its limit. A
    report refused for its address is not counted for the code: one sender flooding a
    village's form does not close it for the others."""
    if _count(_key("address", address)) > settings.INSPECTION_PUBLIC_LIMIT_PER_ADDRESS:
        return True
    return _count(_key("code", code)) > settings.INSPECTION_PUBLIC_LIMIT_PER_CODE
