"""Sign-in throttling around django-axes: who is counted, from where, and what we keep of it.

Axes counts failed sign-ins per user name and per address and locks either out after
AXES_FAILURE_LIMIT failures (settings.py). Here: the user name it counts (case-folded, so
`Admin` and `admin` share one count), the client's address (never a header a client could
forge, unless TRUSTED_PROXY_COUNT says proxies set it), and the audit log of failures,
lockouts and unlocks.
"""

from __future__ import annotations

import logging
from typing import Any

from axes.utils import reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.db.models import Q
from django.http import HttpRequest

from pupilsync import audit
from pupilsync.models import Staff

log = logging.getLogger(__name__)


def attempted_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The name axes counts failures against: as typed, trimmed and case-folded."""
    given = (credentials or {}).get("username") or request.POST.get("username") or ""
    return str(given).strip().lower()[:150]


def client_address(request: HttpRequest) -> str:
    """The connection's address, or behind N trusted proxies the Nth from the right of
    X-Forwarded-For (each proxy appends the address it saw)."""
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    if count > 0 and len(forwarded) >= count:
        return forwarded[-count]
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def member_named(username: str) -> Staff | None:
    """The school member a sign-in name belongs to (by user name or email), if any."""
    users = get_user_model().objects.filter(
        Q(username__iexact=username) | Q(email__iexact=username)
    )
    matches = list(Staff.objects.select_related("school").filter(user__in=users)[:2])
    return matches[0] if len(matches) == 1 else None


def on_sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """One failed sign-in: a log line always; the audit log of the user's school when the name
    is one of its members. Attempts refused by a lockout already in force are logged only."""
    if request is None:
        return
    username = attempted_username(request, credentials)
    address = client_address(request)
    failures = getattr(request, "axes_failures_since_start", None)
    if failures is None:
        log.info("sign-in refused: %r from %s is locked out", username, address)
        return
    locked = bool(getattr(request, "axes_locked_out", False))
    log.warning(
        "sign-in failed for %r from %s (%d of %d)%s",
        username,
        address,
        failures,
        settings.AXES_FAILURE_LIMIT,
        ": locked out" if locked else "",
    )
    member = member_named(username)
    if member is None:
        return
    by = f"sign-in from {address}"
    audit.record(member.school, audit.SIGN_IN_FAILED, by=by, username=username, failures=failures)
    if locked:
        minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
        audit.record(member.school, audit.SIGN_IN_LOCKED, by=by, username=username, minutes=minutes)


def unlock(username: str = "", address: str = "", *, by: str | None = None) -> int:
    """Lift the lockout of a user name, an address or both; returns the attempts cleared."""
    username = username.strip().lower()
    cleared = 0
    if username:
        cleared += reset(username=username)
    if address:
        cleared += reset(ip=address.strip())
    member = member_named(username) if username else None
    if member is not None:
        audit.record(member.school, audit.SIGN_IN_UNLOCKED, by=by, username=username)
    log.info("sign-in unlocked: %r %s (%d attempts cleared)", username, address, cleared)
    return cleared


def connect() -> None:
    # Our receiver runs after axes's (axes is earlier in INSTALLED_APPS), so it sees the count.
    user_login_failed.connect(on_sign_in_failed, dispatch_uid="pupilsync-sign-in-failed")
