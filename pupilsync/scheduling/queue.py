"""The sync queue: Start Sync, the nightly round, and running a queued sync with retries.

A school's SyncSlot row is the queued marker. It is claimed by one conditional UPDATE, so the
guard holds across web and consumer processes on any database; the SyncRun unique index then
keeps two running syncs apart as before.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from pupilsync.models import School, SyncRun, SyncSlot
from pupilsync.scheduling import notify
from pupilsync.scheduling.calendar import Decision
from pupilsync.scheduling.gate import QUEUED_STALE_AFTER, schedule_for
from pupilsync.scheduling.window import window_from_settings
from pupilsync.sync.engine import sync_school
from pupilsync.sync.report import result_summary
from pupilsync.sync.runs import AlreadyRunning

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Queued:
    queued: bool
    message: str
    decision: Decision

    def as_json(self) -> dict[str, Any]:
        return {"queued": self.queued, "message": self.message, **self.decision.as_json()}


def start_sync(
    school: School,
    *,
    trigger: str = SyncRun.Trigger.MANUAL,
    full: bool = False,
    now: dt.datetime | None = None,
    tell_admins: bool = False,
) -> Queued:
    """Start Sync: queue one sync of the school now, unless the rules say no or one is
    already queued or running (then say so, and queue nothing)."""
    now = now or timezone.now()
    decision = schedule_for(school, now)
    if not decision.allowed:
        if decision.code == "queued" and full:
            SyncSlot.objects.filter(school=school).update(full=True)  # a migration needs full
        if tell_admins:
            notify.sync_blocked(school, decision)
        return Queued(False, decision.reason, decision)
    if not claim(school, trigger=trigger, full=full, now=now):
        return Queued(False, "A sync of this school is already queued.", decision)
    try:
        enqueue(school.pk, trigger, full=full, attempt=1)
    except Exception:
        release(school.pk)  # a marker with no task behind it would block the school for hours
        raise
    message = f"A sync of {school.name} is queued."
    return Queued(True, " ".join([message, *decision.warnings]), decision)


def claim(school: School, *, trigger: str, full: bool, now: dt.datetime) -> bool:
    """Set the school's queued marker if it is free; False if another sync holds it."""
    try:
        with transaction.atomic():
            SyncSlot.objects.get_or_create(school=school)
    except IntegrityError:
        pass  # another process made the row first: the UPDATE below decides
    free = Q(queued_at__isnull=True) | Q(queued_at__lt=now - QUEUED_STALE_AFTER)
    taken = SyncSlot.objects.filter(free, school=school).update(
        queued_at=now, due_at=now, trigger=trigger, full=full, attempt=1
    )
    return taken == 1


def release(school_id: int) -> None:
    SyncSlot.objects.filter(school_id=school_id).update(
        queued_at=None, due_at=None, full=False, attempt=0
    )


def run_retry_now(school: School, *, now: dt.datetime | None = None) -> Queued:
    """Run the queued retry of a failed sync now rather than at its time.

    The delayed task stays in the queue but finds that a sync began after the failure, so it
    does nothing (`sync_school_task`'s `requested_at`)."""
    now = now or timezone.now()
    decision = schedule_for(school, now, ignore_queue=True)
    if not decision.allowed:
        return Queued(False, decision.reason, decision)
    slot = SyncSlot.objects.filter(school=school, attempt__gt=1, due_at__gt=now).first()
    moved = SyncSlot.objects.filter(school=school, attempt__gt=1, due_at__gt=now).update(due_at=now)
    if slot is None or not moved:
        return Queued(False, "No retry is waiting: it has started or finished.", decision)
    enqueue(school.pk, SyncRun.Trigger.RETRY, full=slot.full, attempt=slot.attempt)
    return Queued(True, f"The retry of the failed sync of {school.name} is queued now.", decision)


def enqueue(
    school_id: int,
    trigger: str,
    *,
    full: bool,
    attempt: int,
    delay: int = 0,
    requested_at: dt.datetime | None = None,
) -> None:
    from pupilsync.tasks import sync_school_task  # tasks import this module

    args: tuple[Any, ...] = (school_id, trigger, full, attempt)
    if requested_at is not None:
        args = (*args, requested_at)
    if delay:
        sync_school_task.schedule(args=args, delay=delay)
    else:
        sync_school_task(*args)


def queue_due(now: dt.datetime | None = None) -> list[Queued]:
    """Queue each approved school whose minute in tonight's window has come, once a night."""
    now = now or timezone.now()
    window = window_from_settings()
    night = window.night_of(now)
    if night is None:
        return []
    out = []
    schools = School.objects.filter(connection=School.Connection.APPROVED).exclude(
        sync_slot__last_night=night
    )
    for school in schools.order_by("pk").iterator():
        if window.slot(night, school.wonde_id) > now or not _claim_night(school, night):
            continue
        out.append(start_sync(school, trigger=SyncRun.Trigger.SCHEDULE, now=now, tell_admins=True))
    return out


def _claim_night(school: School, night: dt.date) -> bool:
    """Mark the school as dealt with tonight; False if another scheduler already did."""
    SyncSlot.objects.get_or_create(school=school)
    done = Q(last_night=night)
    return SyncSlot.objects.filter(school=school).exclude(done).update(last_night=night) == 1


def run_queued(
    school_id: int, trigger: str, *, full: bool = False, attempt: int = 1
) -> dict[str, Any]:
    """Run a queued sync (the consumer's side); retry a failure later with backoff."""
    school = School.objects.filter(pk=school_id).first()
    if school is None:  # its data was deleted (a school that left) while the sync waited
        log.info("queued sync of school %s: the school is gone", school_id)
        return {"school": school_id, "status": "no_school"}
    slot = SyncSlot.objects.filter(school=school).first()
    full = full or bool(slot and slot.full)
    now = timezone.now()
    decision = schedule_for(school, now, ignore_queue=True)
    if not decision.allowed:
        release(school_id)
        notify.sync_blocked(school, decision)
        return {"school": school_id, "status": "blocked", "error": decision.reason}
    try:
        result = sync_school(school, trigger=trigger, full=full, now=now)
    except AlreadyRunning as error:
        release(school_id)
        return {"school": school_id, "status": "already_running", "error": str(error)}
    if result.status == SyncRun.Status.FAILED:
        _retry_or_give_up(school, trigger, full, attempt, result.error)
    else:
        release(school_id)
    return result_summary(result) | {"attempt": attempt}


def _retry_or_give_up(school: School, trigger: str, full: bool, attempt: int, error: str) -> None:
    delays = settings.SYNC_RETRY_MINUTES
    if attempt <= len(delays):
        minutes = delays[attempt - 1]
        now = timezone.now()
        due = now + dt.timedelta(minutes=minutes)
        SyncSlot.objects.filter(school=school).update(
            queued_at=now, due_at=due, attempt=attempt + 1
        )
        log.info("sync of school %s failed; retry %d in %d minutes", school.pk, attempt, minutes)
        # requested_at: if the retry is run early (Run it now), this delayed one stands down.
        enqueue(
            school.pk,
            SyncRun.Trigger.RETRY,
            full=full,
            attempt=attempt + 1,
            delay=minutes * 60,
            requested_at=now,
        )
        return
    release(school.pk)
    notify.sync_failed(school, error, attempt)
