"""The schedule rules applied to a school as the database holds it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from pupilsync.models import School, SyncRun, SyncSlot
from pupilsync.scheduling.calendar import Decision, SchoolState, decide
from pupilsync.sync.runs import STALE_AFTER
from pupilsync.termdates import terms_for

# A queued marker this old lost its task (a consumer died with it): it no longer blocks.
QUEUED_STALE_AFTER = dt.timedelta(hours=6)


def local_day(at: dt.datetime) -> dt.date:
    return at.astimezone(ZoneInfo(settings.SYNC_TIMEZONE)).date()


def school_state(school: School, at: dt.datetime, *, ignore_queue: bool = False) -> SchoolState:
    if ignore_queue:
        return SchoolState(school.connection)
    queued = SyncSlot.objects.filter(school=school, queued_at__gte=at - QUEUED_STALE_AFTER).exists()
    running = SyncRun.objects.filter(
        school=school, status=SyncRun.Status.RUNNING, started_at__gte=at - STALE_AFTER
    ).exists()
    return SchoolState(school.connection, queued=queued and not running, running=running)


def schedule_for(
    school: School, at: dt.datetime | None = None, *, ignore_queue: bool = False
) -> Decision:
    """Whether a sync of the school may run at `at` and, if not, why and what to do."""
    at = at or timezone.now()
    state = school_state(school, at, ignore_queue=ignore_queue)
    return decide(state, terms_for(school), local_day(at))


def sync_gate(school: School, at: dt.datetime) -> Decision:
    """The engine's check: the queue is the caller's business, the lock is runs.start's."""
    return schedule_for(school, at, ignore_queue=True)
