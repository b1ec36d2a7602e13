"""A sync run (or CTF import): the per-school lock, and how a run ends.

The lock is the unique index on running runs: `SyncRun.objects.start` inserts, and a second
insert for the same school fails in the database, across processes and machines."""

from __future__ import annotations

import datetime as dt
import os
import socket
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone

# A run still "running" after this long lost its worker: it no longer holds the lock.
STALE_AFTER = dt.timedelta(hours=2)
HOST = socket.gethostname()
WORKER = f"{HOST}:{os.getpid()}"
DIED = "the worker stopped mid-sync; nothing it had not finished was kept"


class AlreadyRunning(Exception):
    def __init__(self, run: SyncRun):
        super().__init__(f"a sync of {run.school} has been running since {run.started_at:%H:%M}")
        self.run = run


class SyncRunQuerySet(models.QuerySet["SyncRun"]):
    def running(self, now: dt.datetime | None = None) -> SyncRunQuerySet:
        """Runs still running whose worker may be alive (started within STALE_AFTER)."""
        now = now or timezone.now()
        return self.filter(status=SyncRun.Status.RUNNING, started_at__gte=now - STALE_AFTER)

    def completed(self) -> SyncRunQuerySet:
        return self.filter(status=SyncRun.Status.COMPLETED)

    def syncs(self) -> SyncRunQuerySet:
        """Runs from the MIS: a CTF import is not one."""
        return self.exclude(trigger=SyncRun.Trigger.CTF)

    def finished(self) -> SyncRunQuerySet:
        return self.exclude(status=SyncRun.Status.RUNNING)

    def last_completed(self) -> SyncRun | None:
        return self.completed().order_by("-started_at").first()

    def last_sync(self) -> SyncRun | None:
        """The latest completed sync from the MIS."""
        return self.completed().syncs().order_by("-started_at").first()

    def last_import(self) -> SyncRun | None:
        """The latest completed CTF import."""
        return self.completed().filter(trigger=SyncRun.Trigger.CTF).order_by("-started_at").first()

    def last_full(self) -> SyncRun | None:
        return self.completed().syncs().filter(full=True).order_by("-started_at").first()

    def last_photo_check(self) -> SyncRun | None:
        return self.completed().filter(photos_checked=True).order_by("-started_at").first()

    def latest_finished(self) -> SyncRun | None:
        return self.finished().order_by("-started_at").first()

    def latest_held(self) -> SyncRun | None:
        """The held run an admin should look at: held, and newer than any completed run."""
        latest = self.latest_finished()
        return latest if latest and latest.status == SyncRun.Status.HELD else None

    def approve_held(self) -> int:
        return self.filter(status=SyncRun.Status.HELD).update(status=SyncRun.Status.APPROVED)

    def discard_held(self) -> int:
        return self.filter(status=SyncRun.Status.HELD).update(status=SyncRun.Status.DISCARDED)

    def start(
        self,
        school: Any,
        *,
        trigger: str,
        full: bool,
        academic_year: int,
        now: dt.datetime | None = None,
    ) -> SyncRun:
        """A new running run, or AlreadyRunning. The database's unique index is the lock."""
        now = now or timezone.now()
        self.expire_dead(now, school)
        try:
            with transaction.atomic():
                return self.create(
                    school=school,
                    trigger=trigger,
                    full=full,
                    academic_year=academic_year,
                    started_at=now,
                    worker=WORKER,
                )
        except IntegrityError:
            running = self.filter(school=school, status=SyncRun.Status.RUNNING).first()
            if running is None:  # it ended between our insert and this read
                return self.start(
                    school, trigger=trigger, full=full, academic_year=academic_year, now=now
                )
            raise AlreadyRunning(running) from None

    def expire_dead(self, now: dt.datetime | None = None, school: Any = None) -> int:
        """Mark failed every running run whose worker is gone: dead on this host, or silent
        too long. Called before each run starts and every few minutes by the scheduler, so no
        run stays "running" for ever. Returns how many were marked."""
        now = now or timezone.now()
        running = self.filter(status=SyncRun.Status.RUNNING)
        if school is not None:
            running = running.filter(school=school)
        dead = [
            run.pk
            for run in running.only("pk", "worker", "started_at")
            if run.started_at < now - STALE_AFTER or _died_here(run.worker)
        ]
        return self.filter(pk__in=dead, status=SyncRun.Status.RUNNING).update(
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


class SyncRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running"
        COMPLETED = "completed"
        FAILED = "failed"
        HELD = "held"  # the circuit breaker stopped it: waiting for an admin
        APPROVED = "approved"  # held, then applied by a later run an admin approved
        DISCARDED = "discarded"  # held, then thrown away by an admin

    class Trigger(models.TextChoices):
        CLI = "cli"
        MANUAL = "manual"  # Start Sync
        SCHEDULE = "schedule"
        WEBHOOK = "webhook"
        CTF = "ctf"  # a Common Transfer File import
        RETRY = "retry"  # a failed sync tried again
        CONNECTED = "connected"  # the first sync after the school approved the connection

    school = models.ForeignKey("pupilsync.School", on_delete=models.CASCADE, related_name="runs")
    trigger = models.CharField(max_length=16, choices=Trigger.choices)
    full = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RUNNING)
    academic_year = models.PositiveSmallIntegerField(null=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    archived = models.PositiveIntegerField(default=0)
    restored = models.PositiveIntegerField(default=0)
    photos = models.PositiveIntegerField(default=0)
    # Whether this run read the photo list: photos are refreshed weekly, not nightly.
    photos_checked = models.BooleanField(default=False)
    http_requests = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    # Where each Wonde list was read up to (ISO datetimes): the next delta sync starts there.
    cursors = models.JSONField(default=dict, blank=True)
    # The permission identities Wonde listed for the school in this run, as it sent them.
    permission_identities = models.JSONField(default=list, blank=True)
    # What a held run would have done, for the admin to judge.
    held = models.JSONField(default=dict, blank=True)
    # host:pid of the process running it, so a run whose worker died can be told apart.
    worker = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-started_at"]
        # A school's latest runs without a sort, however long its history (the operator's board).
        indexes = [models.Index(fields=["school", "-started_at"], name="run_school_latest")]
        constraints = [
            # The lock that keeps two syncs of one school apart, across processes and machines.
            models.UniqueConstraint(
                fields=["school"], condition=Q(status="running"), name="one_running_sync"
            )
        ]

    objects = SyncRunQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.school} {self.started_at:%Y-%m-%d %H:%M} {self.status}"

    # How a run ends: completed, failed, or held. Each saves the run and raises its issue.

    def complete(self, *, cursors: dict[str, str] | None = None, **counts: Any) -> None:
        """Finished and applied; `counts`: created, updated, unchanged, archived, restored,
        photos, http_requests, photos_checked (whichever the run knows)."""
        self.status = SyncRun.Status.COMPLETED
        self.finished_at = timezone.now()
        for name, value in counts.items():
            setattr(self, name, value)
        if cursors is not None:
            self.cursors = cursors
        self.save()

    def fail(self, code: str, message: str, *, requests: int = 0) -> SyncRun:
        self.status = SyncRun.Status.FAILED
        self.error = message
        self.http_requests = requests
        self.finished_at = timezone.now()
        self.save(update_fields=["status", "error", "http_requests", "finished_at"])
        self.issues.create(school_id=self.school_id, code=code, severity="error", message=message)
        return self

    def hold(self, message: str, summary: dict[str, Any], **counts: int) -> None:
        """The circuit breaker stopped the run: keep what it would have done, change nothing.
        `counts`: created, updated, archived, http_requests."""
        self.status = SyncRun.Status.HELD
        self.error = message
        self.held = summary
        for name, value in counts.items():
            setattr(self, name, value)
        self.finished_at = timezone.now()
        with transaction.atomic():
            self.save()
            self.issues.create(
                school_id=self.school_id, code="sync_held", severity="error", message=message
            )

    def note_permissions(self, identities: tuple[str, ...]) -> None:
        """Keep the identities Wonde listed, so a wrong guess in our table can be corrected."""
        self.permission_identities = list(identities)
        self.save(update_fields=["permission_identities"])


class SyncIssue(models.Model):
    class Severity(models.TextChoices):
        ERROR = "error"
        WARNING = "warning"
        INFO = "info"

    run = models.ForeignKey(SyncRun, on_delete=models.CASCADE, related_name="issues")
    school = models.ForeignKey("pupilsync.School", on_delete=models.CASCADE, related_name="+")
    pupil = models.ForeignKey(
        "pupilsync.Pupil", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pupil_ref = models.CharField(max_length=200, blank=True)  # who, when there is no pupil row
    code = models.CharField(max_length=64)
    severity = models.CharField(max_length=8, choices=Severity.choices)
    message = models.TextField()
    # Raised by an earlier run about a pupil this (delta) run did not re-read: still open.
    carried = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
