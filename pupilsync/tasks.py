"""Huey tasks: thin wrappers that call one domain function each."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from pupilsync.models import School, SyncRun
from pupilsync.sync import runs
from pupilsync.sync.engine import sync_school
from pupilsync.sync.report import result_summary
from pupilsync.sync.runs import AlreadyRunning


@db_task()
def sync_school_task(
    school_id: int, trigger: str = SyncRun.Trigger.SCHEDULE, requested_at: dt.datetime | None = None
) -> dict[str, Any]:
    school = School.objects.get(pk=school_id)
    if requested_at is not None and runs.started_since(school, requested_at):
        # Asked twice: a sync that began after this request was made has already answered it.
        return {"school": school_id, "status": "already_synced"}
    try:
        return result_summary(sync_school(school, trigger=trigger))
    except AlreadyRunning as error:
        return {"school": school_id, "status": "already_running", "error": str(error)}


@db_periodic_task(crontab(hour="2", minute="0"))
def nightly_syncs() -> None:
    for school_id in School.objects.filter(connection=School.Connection.APPROVED).values_list(
        "pk", flat=True
    ):
        # The minute it fired: a second scheduler firing in the same minute asks for the same
        # moment, so whichever sync of a school starts first answers both requests.
        sync_school_task(
            school_id,
            SyncRun.Trigger.SCHEDULE,
            requested_at=timezone.now().replace(second=0, microsecond=0),
        )


@db_periodic_task(crontab(minute="*/5"))
def expire_dead_runs() -> int:
    """No run stays "running" after its worker died."""
    return runs.expire_dead()
