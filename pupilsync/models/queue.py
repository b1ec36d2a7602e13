"""A school's place in the sync queue: at most one sync queued or running, across processes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Exists, OuterRef, Q

from pupilsync.models.run import SyncRun

# A queued marker this old lost its task (a consumer died with it): it no longer blocks.
QUEUED_STALE_AFTER = dt.timedelta(hours=6)


def _held(now: dt.datetime) -> Q:
    """Claimed within QUEUED_STALE_AFTER, and not taken by a worker that has no running run:
    a worker that died mid-sync (its run expired) never freed its slot, so it no longer holds."""
    running = SyncRun.objects.running(now).filter(school=OuterRef("school"))
    orphaned = Q(due_at__isnull=True) & ~Q(Exists(running))
    return Q(queued_at__gte=now - QUEUED_STALE_AFTER) & ~orphaned


class SyncSlotQuerySet(models.QuerySet["SyncSlot"]):
    def waiting(self, now: dt.datetime) -> SyncSlotQuerySet:
        """Slots holding a queued (or running) sync whose task may still come."""
        return self.filter(queued_at__gte=now - QUEUED_STALE_AFTER)

    def held(self, now: dt.datetime) -> SyncSlotQuerySet:
        """Slots that keep a second sync out: waiting, and not left by a dead worker."""
        return self.filter(_held(now))

    def claim(
        self, school: Any, *, trigger: str, full: bool, now: dt.datetime, approve: bool = False
    ) -> bool:
        """Set the school's queued marker if it is free; False if another sync holds it.

        One conditional UPDATE, which the database serialises: two processes asking at once
        queue one sync between them. Free is what `held` is not."""
        self._ensure(school)
        taken = self.filter(~_held(now), school=school).update(
            queued_at=now, due_at=now, trigger=trigger, full=full, attempt=1, approve=approve
        )
        return taken == 1

    def take(self, school_id: int, attempt: int) -> bool:
        """The worker's side: take the queued sync this task was sent for, once.

        False when it is not this task's to run: a sync has answered it (the slot was freed or
        moved on to a later attempt), or another delivery of the same task took it first."""
        mine = self.filter(school_id=school_id, attempt=attempt, due_at__isnull=False)
        return mine.exclude(queued_at__isnull=True).update(due_at=None) == 1

    def release(self, school_id: int) -> None:
        self.filter(school_id=school_id).update(
            queued_at=None, due_at=None, full=False, attempt=0, approve=False
        )

    def retry_later(self, school_id: int, *, now: dt.datetime, due: dt.datetime) -> int:
        """Keep the school queued for a retry at `due`; returns the retry's attempt number."""
        slot = self.get(school_id=school_id)
        self.filter(school_id=school_id).update(queued_at=now, due_at=due, attempt=slot.attempt + 1)
        return slot.attempt + 1

    def claim_night(self, school: Any, night: dt.date) -> bool:
        """Mark the school as dealt with tonight; False if another scheduler already did."""
        self._ensure(school)
        return self.filter(school=school).exclude(last_night=night).update(last_night=night) == 1

    def _ensure(self, school: Any) -> None:
        try:
            with transaction.atomic():
                self.get_or_create(school=school)
        except IntegrityError:
            pass  # another process made the row first: the caller's UPDATE decides


class SyncSlot(models.Model):
    """One row a school. `queued_at` set means a sync is queued or running.

    It is claimed with one conditional UPDATE (set where unset), which the database serialises,
    so two web or consumer processes asking at once queue one sync between them. The SyncRun
    unique index then keeps two running syncs apart: the slot is the queue, the index the lock.
    """

    school = models.OneToOneField(
        "pupilsync.School", on_delete=models.CASCADE, primary_key=True, related_name="sync_slot"
    )
    queued_at = models.DateTimeField(null=True, blank=True)
    trigger = models.CharField(max_length=16, blank=True)
    full = models.BooleanField(default=False)
    # An admin approved the school's held sync: this one applies past the circuit breaker.
    approve = models.BooleanField(default=False)
    attempt = models.PositiveSmallIntegerField(default=0)
    # When the queued task is due to run: at once for Start Sync, later for a retry; cleared
    # when a worker takes it, so a second delivery of the task stands down.
    due_at = models.DateTimeField(null=True, blank=True)
    # The night (the window's start date) the scheduler last queued this school for.
    last_night = models.DateField(null=True, blank=True)

    objects = SyncSlotQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.school_id} queued at {self.queued_at}" if self.queued_at else "idle"
