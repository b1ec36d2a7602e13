"""Where a school's sync stands right now, as the pages tell it: running, queued, a retry
waiting for its time, or idle. Read from the database (the queue's slot and the running run),
so a sync started by someone else, or a retry the worker scheduled, shows the same."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from pupilsync.models import School, SyncRun, SyncSlot


@dataclass(frozen=True)
class SyncState:
    state: str  # running | queued | retry | idle
    run: SyncRun | None = None
    queued_at: dt.datetime | None = None
    due_at: dt.datetime | None = None
    position: int = 0  # 1: next for the worker
    attempt: int = 0  # the retry's number: 1 is the first retry
    retries: int = 0  # how many retries there are in all
    trigger: str = ""  # what queued it (SyncRun.Trigger): the page says who started it

    @property
    def busy(self) -> bool:
        return self.state != "idle"


def sync_state(school: School, now: dt.datetime | None = None) -> SyncState:
    now = now or timezone.now()
    running = school.runs.running(now).first()
    if running is not None:
        return SyncState("running", run=running)
    slot = SyncSlot.objects.waiting(now).filter(school=school).first()
    if slot is None or slot.queued_at is None:
        return SyncState("idle")
    due = slot.due_at or slot.queued_at
    if slot.attempt > 1 and due > now:
        return SyncState(
            "retry",
            queued_at=slot.queued_at,
            due_at=due,
            attempt=slot.attempt - 1,
            retries=len(settings.SYNC_RETRY_MINUTES),
        )
    if SyncRun.objects.filter(school=school, started_at__gte=slot.queued_at).exists():
        return SyncState("idle")  # a run answered it; the worker frees the slot as it ends
    return SyncState(
        "queued",
        queued_at=slot.queued_at,
        due_at=due,
        position=_position(due, now),
        trigger=slot.trigger,
    )


def _position(due: dt.datetime, now: dt.datetime) -> int:
    """1 + the syncs of any school due before this one and not yet started by a worker."""
    busy = SyncRun.objects.filter(status=SyncRun.Status.RUNNING).values("school_id")
    waiting = SyncSlot.objects.waiting(now).exclude(school_id__in=busy)
    ahead = waiting.filter(Q(due_at__lt=due) | Q(due_at__isnull=True, queued_at__lt=due))
    return ahead.count() + 1
