"""The audit log of admin actions: settings changed, sync started, CTF imported, run approved."""

from __future__ import annotations

import getpass
from typing import Any

from pupilsync.models import AuditEvent, School

SETTINGS_CHANGED = "settings_changed"
SYNC_STARTED = "sync_started"
SYNC_APPROVED = "sync_approved"
SYNC_DISCARDED = "sync_discarded"
CTF_IMPORTED = "ctf_imported"
CONNECTION_REQUESTED = "connection_requested"
TERM_DATES_CHANGED = "term_dates_changed"
SIGN_IN_FAILED = "sign_in_failed"
SIGN_IN_LOCKED = "sign_in_locked"
SIGN_IN_UNLOCKED = "sign_in_unlocked"


def cli_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def record(
    school: School,
    action: str,
    *,
    by: str | None = None,
    user: Any = None,
    **detail: Any,
) -> AuditEvent:
    """Keep one admin action. `user` for the web, `by` for anything else (default: the CLI)."""
    signed_in = user if user is not None and user.is_authenticated else None
    label = by or (getattr(signed_in, "email", "") or str(signed_in) if signed_in else cli_actor())
    return AuditEvent.objects.create(
        school=school, user=signed_in, by=label[:200], action=action, detail=detail
    )


def events(school: School, limit: int = 200) -> list[dict[str, Any]]:
    return [
        {"at": e.at.isoformat(), "by": e.by, "action": e.action, "detail": e.detail}
        for e in AuditEvent.objects.filter(school=school)[:limit]
    ]
