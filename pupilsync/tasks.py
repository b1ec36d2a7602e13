"""Huey tasks: thin wrappers that call one domain function each."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from pupilsync.api import outbound
from pupilsync.connection import poll_connections
from pupilsync.models import School, SyncRun
from pupilsync.operator.digest import send_digest
from pupilsync.privacy import nightly as privacy_nightly
from pupilsync.scheduling.queue import queue_due, run_queued
from pupilsync.sync import approval, runs
from pupilsync.sync.report import result_summary
from pupilsync.sync.runs import AlreadyRunning


@db_task()
def sync_school_task(
    school_id: int,
    trigger: str = SyncRun.Trigger.SCHEDULE,
    full: bool = False,
    attempt: int = 1,
    requested_at: dt.datetime | None = None,
    approve: bool = False,
    user_id: int | None = None,
) -> dict[str, Any]:
    """`approve`: apply the school's held sync (approval.approve, audited as user `user_id`)."""
    if approve:
        return _approve_held(school_id, user_id)
    if requested_at is not None and runs.started_since(school_id, requested_at):
        # Asked twice: a sync that began after this request was made has already answered it.
        return {"school": school_id, "status": "already_synced"}
    return run_queued(school_id, trigger, full=full, attempt=attempt)


def _approve_held(school_id: int, user_id: int | None) -> dict[str, Any]:
    school = School.objects.get(pk=school_id)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    try:
        return result_summary(approval.approve(school, user=user))
    except AlreadyRunning as error:
        return {"school": school_id, "status": "already_running", "error": str(error)}
    except approval.NothingHeld as error:
        return {"school": school_id, "status": "nothing_held", "error": str(error)}


# Every few minutes: queue the schools whose minute in tonight's window has come.
@db_periodic_task(crontab(minute="*/5"))
def nightly_syncs() -> None:
    queue_due()


@db_periodic_task(crontab(minute="*/15"))
def poll_wonde_connections() -> None:
    poll_connections()


@db_periodic_task(crontab(minute="*/5"))
def expire_dead_runs() -> int:
    """No run stays "running" after its worker died."""
    return runs.expire_dead()


# Each morning (07:00 UTC), after the night's syncs and their retries: the operators' digest.
@db_periodic_task(crontab(hour="7", minute="0"))
def operator_digest() -> int:
    return send_digest(timezone.now())


# After midnight, before the sync window: leavers' retention, leaving schools, the access log.
@db_periodic_task(crontab(hour="0", minute="20"))
def data_protection_nightly() -> dict[str, Any]:
    return privacy_nightly.run()


@db_task()
def deliver_webhook_task(webhook_id: int, attempt: int = 1) -> str:
    """One school webhook's pending changes; a failure schedules the next attempt itself."""
    return outbound.deliver(webhook_id, attempt)
