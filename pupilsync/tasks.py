"""Huey's periodic tasks: thin wrappers that call one domain function each.

The sync task itself is pupilsync.admission's (`sync_task`): a sync is admitted in one place.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from pupilsync import admission
from pupilsync.api.outbound import deliver_webhook_task  # noqa: F401  (registers the task)
from pupilsync.connection import poll_connections
from pupilsync.models import SyncRun
from pupilsync.operator.digest import send_digest
from pupilsync.privacy import nightly as privacy_nightly


# Every few minutes: queue the schools whose minute in tonight's window has come.
@db_periodic_task(crontab(minute="*/5"))
def nightly_syncs() -> None:
    admission.queue_due()


@db_periodic_task(crontab(minute="*/15"))
def poll_wonde_connections() -> None:
    poll_connections()


@db_periodic_task(crontab(minute="*/5"))
def expire_dead_runs() -> int:
    """No run stays "running" after its worker died."""
    return SyncRun.objects.expire_dead()


# Each morning (07:00 UTC), after the night's syncs and their retries: the operators' digest.
@db_periodic_task(crontab(hour="7", minute="0"))
def operator_digest() -> int:
    return send_digest(timezone.now())


# After midnight, before the sync window: leavers' retention, leaving schools, the access log.
@db_periodic_task(crontab(hour="0", minute="20"))
def data_protection_nightly() -> dict[str, Any]:
    return privacy_nightly.run()
