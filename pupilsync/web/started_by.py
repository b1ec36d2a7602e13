"""Who started the sync the MIS Sync page shows as queued or running: another admin's Start
Sync reads as theirs ("Start Sync by head@oakfield.example"), the signed-in admin's as "you",
anything else by its trigger ("Nightly", "Retry")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pupilsync import audit
from pupilsync.models import AuditEvent, School, SyncRun
from pupilsync.templatetags.pupilsync import trigger_label

# The audit record of a Start Sync is written just after the sync is queued; a sync waits at
# most this long between being queued and running.
AROUND = dt.timedelta(minutes=1)
WAITED = dt.timedelta(minutes=30)


def started_by(school: School, trigger: str, moment: dt.datetime, user: Any) -> str:
    """`moment`: when the sync was queued (or started, for a run whose slot is gone)."""
    label = trigger_label(trigger) if trigger else "A sync"
    if trigger != SyncRun.Trigger.MANUAL:
        return label
    event = (
        AuditEvent.objects.filter(
            school=school,
            action=audit.SYNC_STARTED,
            at__gte=moment - WAITED,
            at__lte=moment + AROUND,
        )
        .order_by("-at")
        .first()
    )
    if event is None:
        return label
    you = event.user_id is not None and event.user_id == getattr(user, "pk", None)
    return f"{label} by you" if you else f"{label} by {event.by}"
