"""Sync runs: the per-school lock, and how a run ends."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from pupilsync.models import School, SyncIssue, SyncRun

# A run still "running" after this long lost its worker: it no longer holds the lock.
STALE_AFTER = dt.timedelta(hours=2)


class AlreadyRunning(Exception):
    def __init__(self, run: SyncRun):
        super().__init__(f"a sync of {run.school} has been running since {run.started_at:%H:%M}")
        self.run = run


def start(school: School, *, trigger: str, full: bool, academic_year: int) -> SyncRun:
    """A new running run, or AlreadyRunning. The database's unique index is the lock."""
    now = timezone.now()
    _expire_stale(school, now)
    try:
        with transaction.atomic():
            return SyncRun.objects.create(
                school=school,
                trigger=trigger,
                full=full,
                academic_year=academic_year,
                started_at=now,
            )
    except IntegrityError:
        running = SyncRun.objects.filter(school=school, status=SyncRun.Status.RUNNING).first()
        if running is None:  # it ended between our insert and this read
            return start(school, trigger=trigger, full=full, academic_year=academic_year)
        raise AlreadyRunning(running) from None


def fail(run: SyncRun, code: str, message: str, *, requests: int = 0) -> SyncRun:
    run.status = SyncRun.Status.FAILED
    run.error = message
    run.http_requests = requests
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "error", "http_requests", "finished_at"])
    SyncIssue.objects.create(
        run=run, school_id=run.school_id, code=code, severity="error", message=message
    )
    return run


def started_since(school: School, moment: dt.datetime) -> bool:
    """Whether a sync of the school began at or after `moment` (it answers a request made then)."""
    return SyncRun.objects.filter(school=school, started_at__gte=moment).exists()


def last_completed(school: School) -> SyncRun | None:
    return (
        SyncRun.objects.filter(school=school, status=SyncRun.Status.COMPLETED)
        .order_by("-started_at")
        .first()
    )


def last_full(school: School) -> SyncRun | None:
    return (
        SyncRun.objects.filter(school=school, status=SyncRun.Status.COMPLETED, full=True)
        .order_by("-started_at")
        .first()
    )


def _expire_stale(school: School, now: dt.datetime) -> None:
    SyncRun.objects.filter(
        school=school, status=SyncRun.Status.RUNNING, started_at__lt=now - STALE_AFTER
    ).update(status=SyncRun.Status.FAILED, finished_at=now, error="the worker stopped mid-sync")
