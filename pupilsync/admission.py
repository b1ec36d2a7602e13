"""The one way in: every sync, whoever asks for it, is admitted here and run from here.

At the door (Start Sync, Approve, the nightly round, a webhook, a new connection, the CLI):
ask the schedule, claim the school's slot (one conditional UPDATE: one queued sync a school),
then hand a task to the queue. In the worker: take the slot for this task once, ask the
schedule once more (time has passed), and hand its answer, the academic year and its
warnings, to the engine. The SyncRun unique index is the one lock on running syncs.

    Start Sync ─┐
    Approve ────┤                 ┌─ consumer ───────────────────────────┐
    nightly ────┼─ start_sync ──▶ │ sync_task ─▶ run_queued ─▶ engine    │
    webhook ────┤  (claim slot)   │  (take slot, ask schedule, retry)    │
    connected ──┘                 └──────────────────────────────────────┘
    CLI sync ─── sync_now: the same steps, in this process
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone
from huey.api import Result
from huey.contrib.djhuey import db_task

from pupilsync import audit
from pupilsync.models import School, SyncRun, SyncSlot
from pupilsync.models.run import AlreadyRunning
from pupilsync.scheduling import advice, notify
from pupilsync.scheduling.calendar import Decision
from pupilsync.scheduling.gate import schedule_for
from pupilsync.scheduling.window import window_from_settings
from pupilsync.sync.engine import SyncResult, sync_school
from pupilsync.sync.outcome import RunOutcome
from pupilsync.sync.report import result_summary
from wonde import WondeClient

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Admitted:
    """The door's answer: queued (a worker runs it) or not, and why, in words."""

    outcome: RunOutcome
    message: str
    decision: Decision
    task: Result | None = None  # the queue's handle, to wait on (the fleet benchmark does)

    @property
    def queued(self) -> bool:
        return self.outcome is RunOutcome.QUEUED

    def as_json(self) -> dict[str, Any]:
        return {
            "queued": self.queued,
            "outcome": str(self.outcome),
            "message": self.message,
            **advice.as_json(self.decision),
        }


def start_sync(
    school: School,
    *,
    trigger: str = SyncRun.Trigger.MANUAL,
    full: bool = False,
    now: dt.datetime | None = None,
    tell_admins: bool = False,
    approve: bool = False,
) -> Admitted:
    """Queue one sync of the school now, unless the schedule says no or one is already
    queued or running (then say so, and queue nothing)."""
    now = now or timezone.now()
    SyncRun.objects.expire_dead(now, school)  # a run whose worker died holds nothing
    decision = schedule_for(school, now)
    if not decision.allowed:
        if decision.code == "queued" and full:
            SyncSlot.objects.filter(school=school).update(full=True)  # a migration needs full
        if tell_admins:
            notify.sync_blocked(school, decision)
        return Admitted(_refused(decision), decision.reason, decision)
    if not SyncSlot.objects.claim(school, trigger=trigger, full=full, now=now, approve=approve):
        return Admitted(
            RunOutcome.ALREADY_QUEUED, "A sync of this school is already queued.", decision
        )
    try:
        task = enqueue(school.pk, trigger, full=full, attempt=1)
    except Exception:
        SyncSlot.objects.release(school.pk)  # a marker with no task behind it blocks the school
        raise
    message = " ".join([f"A sync of {school.name} is queued.", *decision.warnings])
    return Admitted(RunOutcome.QUEUED, message, decision, task)


def _refused(decision: Decision) -> RunOutcome:
    if decision.code == "queued":
        return RunOutcome.ALREADY_QUEUED
    if decision.code == "running":
        return RunOutcome.ALREADY_RUNNING
    return RunOutcome.BLOCKED


def approve_held(school: School, *, user: Any = None, by: str | None = None) -> Admitted:
    """Approve: queue a sync that applies past the circuit breaker what the held run found.

    It is full if the held run was: a delta would not see the leavers a full read found."""
    held = school.runs.latest_held()
    if held is None:
        decision = schedule_for(school)
        return Admitted(RunOutcome.NOTHING_HELD, "There is no held sync to approve.", decision)
    admitted = start_sync(school, trigger=SyncRun.Trigger.MANUAL, full=held.full, approve=True)
    if admitted.queued:
        audit.record(school, audit.SYNC_APPROVED, by=by, user=user, run=held.pk)
    return admitted


def discard_held(school: School, *, user: Any = None, by: str | None = None) -> SyncRun | None:
    """Discard: throw the held sync away; nothing is changed. None if there was none."""
    held = school.runs.latest_held()
    if held is not None:
        school.runs.discard_held()
        audit.record(school, audit.SYNC_DISCARDED, by=by, user=user, run=held.pk)
    return held


def run_retry_now(school: School, *, now: dt.datetime | None = None) -> Admitted:
    """Run the queued retry of a failed sync now rather than at its time.

    The delayed task stays in the queue; when it comes, the slot is no longer its to take
    (SyncSlotQuerySet.take), so it stands down."""
    now = now or timezone.now()
    decision = schedule_for(school, now, ignore_queue=True)
    if not decision.allowed:
        return Admitted(RunOutcome.BLOCKED, decision.reason, decision)
    waiting = SyncSlot.objects.filter(school=school, attempt__gt=1, due_at__gt=now)
    slot = waiting.first()
    if slot is None or not waiting.update(due_at=now):
        message = "No retry is waiting: it has started or finished."
        return Admitted(RunOutcome.ALREADY_SYNCED, message, decision)
    task = enqueue(school.pk, SyncRun.Trigger.RETRY, full=slot.full, attempt=slot.attempt)
    message = f"The retry of the failed sync of {school.name} is queued now."
    return Admitted(RunOutcome.QUEUED, message, decision, task)


def queue_due(now: dt.datetime | None = None) -> list[Admitted]:
    """The nightly round: queue each approved school whose minute in tonight's window has
    come, once a night."""
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
        if window.slot(night, school.wonde_id) > now:
            continue
        if SyncSlot.objects.claim_night(school, night):
            trigger = SyncRun.Trigger.SCHEDULE
            out.append(start_sync(school, trigger=trigger, now=now, tell_admins=True))
    return out


def enqueue(
    school_id: int, trigger: str, *, full: bool, attempt: int, delay: int = 0
) -> Result | None:
    args = (school_id, trigger, full, attempt)
    if delay:
        return sync_task.schedule(args=args, delay=delay)
    return sync_task(*args)


@db_task()
def sync_task(
    school_id: int, trigger: str = SyncRun.Trigger.SCHEDULE, full: bool = False, attempt: int = 1
) -> dict[str, Any]:
    """The queue's one sync task: what the door admitted, run by a consumer."""
    return run_queued(school_id, trigger, full=full, attempt=attempt)


def run_queued(
    school_id: int, trigger: str, *, full: bool = False, attempt: int = 1
) -> dict[str, Any]:
    """Run a queued sync (the consumer's side); retry a failure later with backoff."""
    school = School.objects.filter(pk=school_id).first()
    if school is None:  # its data was deleted (a school that left) while the sync waited
        log.info("queued sync of school %s: the school is gone", school_id)
        return {"school": school_id, "status": RunOutcome.NO_SCHOOL}
    slot = SyncSlot.objects.filter(school=school).first()
    if slot is None or not SyncSlot.objects.take(school_id, attempt):
        return {"school": school_id, "status": _stood_down(school)}
    full = full or slot.full
    result = _run(school, trigger, full=full, approve=slot.approve, tell_admins=True)
    if isinstance(result, RunOutcome):
        SyncSlot.objects.release(school_id)
        return {"school": school_id, "status": result}
    if result.status == RunOutcome.FAILED:
        _retry_or_give_up(school, trigger, full, attempt, result.error)
    else:
        SyncSlot.objects.release(school_id)
    return result_summary(result) | {"attempt": attempt}


def _stood_down(school: School) -> RunOutcome:
    """A second delivery of a task, or one a sync has answered since it was queued."""
    if school.runs.running().exists():
        return RunOutcome.ALREADY_RUNNING
    return RunOutcome.ALREADY_SYNCED


def _run(
    school: School,
    trigger: str,
    *,
    full: bool,
    approve: bool = False,
    dry_run: bool = False,
    client: WondeClient | None = None,
    now: dt.datetime | None = None,
    tell_admins: bool = False,
) -> SyncResult | RunOutcome:
    """Ask the schedule once, then the engine with its answer."""
    now = now or timezone.now()
    decision = schedule_for(school, now, ignore_queue=True)
    if not decision.allowed:
        if tell_admins:
            notify.sync_blocked(school, decision)
        blocked = RunOutcome.BLOCKED
        return SyncResult(school=school, status=blocked, full=full, error=decision.reason)
    if approve and school.runs.latest_held() is None:
        approve = False  # discarded meanwhile: nothing of it is applied past the breaker
    try:
        return sync_school(
            school,
            trigger=trigger,
            full=full,
            dry_run=dry_run,
            approve=approve,
            client=client,
            now=now,
            academic_year=decision.academic_year,
            warnings=decision.warnings,
        )
    except AlreadyRunning:
        return RunOutcome.ALREADY_RUNNING


def _retry_or_give_up(school: School, trigger: str, full: bool, attempt: int, error: str) -> None:
    delays = settings.SYNC_RETRY_MINUTES
    if attempt > len(delays):
        SyncSlot.objects.release(school.pk)
        notify.sync_failed(school, error, attempt)
        return
    minutes = delays[attempt - 1]
    now = timezone.now()
    due = now + dt.timedelta(minutes=minutes)
    retry = SyncSlot.objects.retry_later(school.pk, now=now, due=due)
    log.info("sync of school %s failed; retry %d in %d minutes", school.pk, attempt, minutes)
    enqueue(school.pk, SyncRun.Trigger.RETRY, full=full, attempt=retry, delay=minutes * 60)


def sync_now(
    school: School,
    *,
    trigger: str = SyncRun.Trigger.CLI,
    full: bool = False,
    dry_run: bool = False,
    approve: bool = False,
    client: WondeClient | None = None,
    now: dt.datetime | None = None,
) -> SyncResult | RunOutcome:
    """The CLI's foreground sync, and the demo's: the same door and the same steps as a
    queued sync, run in this process. A dry run writes nothing, so it claims nothing."""
    now = now or timezone.now()
    if dry_run:
        return _run(school, trigger, full=full, dry_run=True, client=client, now=now)
    SyncRun.objects.expire_dead(now, school)
    claimed = SyncSlot.objects.claim(school, trigger=trigger, full=full, now=now, approve=approve)
    if not claimed:
        return RunOutcome.ALREADY_QUEUED
    SyncSlot.objects.take(school.pk, 1)
    try:
        return _run(school, trigger, full=full, approve=approve, client=client, now=now)
    finally:
        SyncSlot.objects.release(school.pk)


def approve_now(school: School, *, by: str | None = None) -> SyncResult | RunOutcome:
    """The CLI's Approve, in the foreground."""
    held = school.runs.latest_held()
    if held is None:
        return RunOutcome.NOTHING_HELD
    audit.record(school, audit.SYNC_APPROVED, by=by, run=held.pk)
    return sync_now(school, trigger=SyncRun.Trigger.MANUAL, full=held.full, approve=True)
