"""Huey tasks: thin wrappers that call one domain function each."""

from __future__ import annotations

import datetime as dt
from typing import Any

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from pupilsync.connection import poll_connections
from pupilsync.models import SyncRun
from pupilsync.scheduling.queue import queue_due, run_queued
from pupilsync.sync import runs


@db_task()
def sync_school_task(
    school_id: int,
    trigger: str = SyncRun.Trigger.SCHEDULE,
    full: bool = False,
    attempt: int = 1,
    requested_at: dt.datetime | None = None,
) -> dict[str, Any]:
    if requested_at is not None and runs.started_since(school_id, requested_at):
        # Asked twice: a sync that began after this request was made has already answered it.
        return {"school": school_id, "status": "already_synced"}
    return run_queued(school_id, trigger, full=full, attempt=attempt)


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
