"""A school's place in the sync queue: at most one sync queued or running, across processes."""

from __future__ import annotations

from django.db import models


class SyncSlot(models.Model):
    """One row a school. `queued_at` set means a sync is queued or running.

    It is claimed with one conditional UPDATE (set where unset), which the database serialises,
    so two web or consumer processes asking at once queue one sync between them.
    """

    school = models.OneToOneField(
        "pupilsync.School", on_delete=models.CASCADE, primary_key=True, related_name="sync_slot"
    )
    queued_at = models.DateTimeField(null=True, blank=True)
    trigger = models.CharField(max_length=16, blank=True)
    full = models.BooleanField(default=False)
    attempt = models.PositiveSmallIntegerField(default=0)
    # When the queued task is due to run: at once for Start Sync, later for a retry.
    due_at = models.DateTimeField(null=True, blank=True)
    # The night (the window's start date) the scheduler last queued this school for.
    last_night = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.school_id} queued at {self.queued_at}" if self.queued_at else "idle"
