"""An admin's answer to a sync the circuit breaker held: apply it, or throw it away."""

from __future__ import annotations

from typing import Any

from pupilsync import audit
from pupilsync.models import School, SyncRun
from pupilsync.sync import runs
from pupilsync.sync.engine import SyncResult, sync_school


class NothingHeld(Exception):
    """The school has no held sync to approve or discard."""


def approve(school: School, *, by: str | None = None, user: Any = None) -> SyncResult:
    """Sync now, applying the plan even past the thresholds; the held run becomes approved.

    The new run is full if the held one was: a delta would not see the leavers a full read found,
    and would mark the held run approved without applying what the admin approved.
    """
    held = _held(school)
    audit.record(school, audit.SYNC_APPROVED, by=by, user=user, run=held.pk)
    return sync_school(school, trigger=SyncRun.Trigger.MANUAL, full=held.full, approve=True)


def discard(school: School, *, by: str | None = None, user: Any = None) -> SyncRun:
    held = _held(school)
    runs.discard_held(school)
    audit.record(school, audit.SYNC_DISCARDED, by=by, user=user, run=held.pk)
    return held


def _held(school: School) -> SyncRun:
    held = runs.latest_held(school)
    if held is None:
        raise NothingHeld(f"{school} has no held sync")
    return held
