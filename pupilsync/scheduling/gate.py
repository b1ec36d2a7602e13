"""The schedule rules applied to a school as the database holds it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from pupilsync.models import School, SyncSlot
from pupilsync.scheduling.calendar import Decision, SchoolState, decide
from pupilsync.termdates import terms_for


def local_day(at: dt.datetime) -> dt.date:
    return at.astimezone(ZoneInfo(settings.SYNC_TIMEZONE)).date()


def school_state(school: School, at: dt.datetime, *, ignore_queue: bool = False) -> SchoolState:
    if ignore_queue:
        return SchoolState(school.connection)
    queued = SyncSlot.objects.held(at).filter(school=school).exists()
    running = school.runs.running(at).exists()
    return SchoolState(school.connection, queued=queued and not running, running=running)


def schedule_for(
    school: School, at: dt.datetime | None = None, *, ignore_queue: bool = False
) -> Decision:
    """Whether a sync of the school may run at `at` and, if not, why and what to do."""
    at = at or timezone.now()
    state = school_state(school, at, ignore_queue=ignore_queue)
    return decide(state, terms_for(school), local_day(at))
