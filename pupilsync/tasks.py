"""Huey tasks: thin wrappers that call one domain function each."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from pupilsync.models import School, SyncRun
from pupilsync.sync import approval, runs
from pupilsync.sync.engine import sync_school
from pupilsync.sync.report import result_summary
from pupilsync.sync.runs import AlreadyRunning


@db_task()
def sync_school_task(
    school_id: int,
    trigger: str = SyncRun.Trigger.SCHEDULE,
    approve: bool = False,
    user_id: int | None = None,
) -> dict[str, Any]:
    """`approve`: apply the school's held sync (approval.approve, audited as user `user_id`)."""
    school = School.objects.get(pk=school_id)
    try:
        if approve:
            user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
            return result_summary(approval.approve(school, user=user))
        return result_summary(sync_school(school, trigger=trigger))
    except AlreadyRunning as error:
        return {"school": school_id, "status": "already_running", "error": str(error)}
    except approval.NothingHeld as error:
        return {"school": school_id, "status": "nothing_held", "error": str(error)}


@db_periodic_task(crontab(hour="2", minute="0"))
def nightly_syncs() -> None:
    for school_id in School.objects.filter(connection=School.Connection.APPROVED).values_list(
        "pk", flat=True
    ):
        sync_school_task(school_id, SyncRun.Trigger.SCHEDULE)


@db_periodic_task(crontab(minute="*/5"))
def expire_dead_runs() -> int:
    """No run stays "running" after its worker died."""
    return runs.expire_dead()
