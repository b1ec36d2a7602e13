"""How an attempt to sync ended: one vocabulary for the engine, the worker, the CLI and the web."""

from __future__ import annotations

from enum import StrEnum


class RunOutcome(StrEnum):
    # A run was made and ended so (the same words as SyncRun.Status).
    COMPLETED = "completed"
    FAILED = "failed"
    HELD = "held"  # the circuit breaker stopped it: waiting for an admin
    # Nothing was written.
    DRY_RUN = "dry_run"  # planned and shown, as asked
    BLOCKED = "blocked"  # the schedule said no: summer pause, term dates, connection
    QUEUED = "queued"  # admitted: a worker runs it
    ALREADY_QUEUED = "already_queued"
    ALREADY_RUNNING = "already_running"
    ALREADY_SYNCED = "already_synced"  # a sync since this request was made answered it
    NOTHING_HELD = "nothing_held"  # Approve, with no held sync to apply
    NO_SCHOOL = "no_school"  # the school was deleted while its sync waited

    @property
    def ok(self) -> bool:
        return self in (RunOutcome.COMPLETED, RunOutcome.DRY_RUN)
