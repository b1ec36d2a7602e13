"""Sync runs: the per-school lock, and how a run ends."""

from __future__ import annotations

import datetime as dt
import os
import socket
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from pupilsync.models import School, SyncIssue, SyncRun
from pupilsync.sync.diff import Plan

# A run still "running" after this long lost its worker: it no longer holds the lock.
STALE_AFTER = dt.timedelta(hours=2)
HOST = socket.gethostname()
WORKER = f"{HOST}:{os.getpid()}"
DIED = "the worker stopped mid-sync; nothing it had not finished was kept"


class AlreadyRunning(Exception):
    def __init__(self, run: SyncRun):
        super().__init__(f"a sync of {run.school} has been running since {run.started_at:%H:%M}")
        self.run = run


def start(
    school: School,
    *,
    trigger: str,
    full: bool,
    academic_year: int,
    now: dt.datetime | None = None,
) -> SyncRun:
    """A new running run, or AlreadyRunning. The database's unique index is the lock."""
    now = now or timezone.now()
    expire_dead(now, school)
    try:
        with transaction.atomic():
            return SyncRun.objects.create(
                school=school,
                trigger=trigger,
                full=full,
                academic_year=academic_year,
                started_at=now,
                worker=WORKER,
            )
    except IntegrityError:
        running = SyncRun.objects.filter(school=school, status=SyncRun.Status.RUNNING).first()
        if running is None:  # it ended between our insert and this read
            return start(school, trigger=trigger, full=full, academic_year=academic_year, now=now)
        raise AlreadyRunning(running) from None


def note_permissions(run: SyncRun, identities: tuple[str, ...]) -> None:
    """Keep the identities Wonde listed, so a wrong guess in our table can be corrected."""
    run.permission_identities = list(identities)
    run.save(update_fields=["permission_identities"])


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


def started_since(school_id: int, moment: dt.datetime) -> bool:
    """Whether a sync of the school began at or after `moment` (it answers a request made then)."""
    return SyncRun.objects.filter(school_id=school_id, started_at__gte=moment).exists()


def last_completed(school: School) -> SyncRun | None:
    return (
        SyncRun.objects.filter(school=school, status=SyncRun.Status.COMPLETED)
        .order_by("-started_at")
        .first()
    )


def last_sync(school: School) -> SyncRun | None:
    """The latest completed sync from the MIS: a CTF import is not one."""
    return (
        SyncRun.objects.filter(school=school, status=SyncRun.Status.COMPLETED)
        .exclude(trigger=SyncRun.Trigger.CTF)
        .order_by("-started_at")
        .first()
    )


def last_import(school: School) -> SyncRun | None:
    """The latest completed CTF import."""
    return (
        SyncRun.objects.filter(
            school=school, status=SyncRun.Status.COMPLETED, trigger=SyncRun.Trigger.CTF
        )
        .order_by("-started_at")
        .first()
    )


def hold(run: SyncRun, message: str, summary: dict[str, Any], plan: Plan, requests: int) -> None:
    """The circuit breaker stopped the run: keep what it would have done, change nothing."""
    run.status = SyncRun.Status.HELD
    run.error = message
    run.held = summary
    run.created = len(plan.creates)
    run.updated = plan.updated
    run.archived = plan.archived
    run.http_requests = requests
    run.finished_at = timezone.now()
    with transaction.atomic():
        run.save()
        SyncIssue.objects.create(
            run=run, school_id=run.school_id, code="sync_held", severity="error", message=message
        )


def latest_held(school: School) -> SyncRun | None:
    """The held run an admin should look at: held, and newer than any completed run."""
    latest = SyncRun.objects.filter(school=school).exclude(status=SyncRun.Status.RUNNING).first()
    return latest if latest and latest.status == SyncRun.Status.HELD else None


def approve_held(school: School) -> None:
    SyncRun.objects.filter(school=school, status=SyncRun.Status.HELD).update(
        status=SyncRun.Status.APPROVED
    )


def discard_held(school: School) -> int:
    return SyncRun.objects.filter(school=school, status=SyncRun.Status.HELD).update(
        status=SyncRun.Status.DISCARDED
    )


def last_full(school: School) -> SyncRun | None:
    return (
        SyncRun.objects.filter(school=school, status=SyncRun.Status.COMPLETED, full=True)
        .exclude(trigger=SyncRun.Trigger.CTF)
        .order_by("-started_at")
        .first()
    )


def last_photo_check(school: School) -> SyncRun | None:
    return (
        SyncRun.objects.filter(school=school, status=SyncRun.Status.COMPLETED, photos_checked=True)
        .order_by("-started_at")
        .first()
    )


def expire_dead(now: dt.datetime | None = None, school: School | None = None) -> int:
    """Mark failed every running run whose worker is gone: dead on this host, or silent too long.

    Called before each run starts and every few minutes by the scheduler, so no run stays
    "running" for ever. Returns how many were marked.
    """
    now = now or timezone.now()
    running = SyncRun.objects.filter(status=SyncRun.Status.RUNNING)
    if school is not None:
        running = running.filter(school=school)
    dead = [
        run.pk
        for run in running.only("pk", "worker", "started_at")
        if run.started_at < now - STALE_AFTER or _died_here(run.worker)
    ]
    return SyncRun.objects.filter(pk__in=dead, status=SyncRun.Status.RUNNING).update(
        status=SyncRun.Status.FAILED, finished_at=now, error=DIED
    )


def _died_here(worker: str) -> bool:
    host, _, pid = worker.rpartition(":")
    if host != HOST or not pid.isdigit():
        return False  # another machine's worker: only the time limit can tell
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
