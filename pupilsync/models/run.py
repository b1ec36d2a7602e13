from __future__ import annotations

from django.db import models
from django.db.models import Q


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

    def __str__(self) -> str:
        return f"{self.school} {self.started_at:%Y-%m-%d %H:%M} {self.status}"


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
