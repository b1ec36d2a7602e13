"""The nightly data protection pass over every school (a Huey periodic task calls `run`)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.utils import timezone

from pupilsync.models import School, SchoolDeletion
from pupilsync.privacy import access_log, departure
from pupilsync.privacy.retention import apply_retention

log = logging.getLogger(__name__)


def run(*, now: dt.datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    gone = set(departure.delete_due(now=now))
    deleted = SchoolDeletion.objects.filter(deleted_at__isnull=False).values_list("school_id")
    anonymised = 0
    for school in School.objects.exclude(pk__in=deleted).order_by("pk"):
        result = apply_retention(school, now=now)
        anonymised += result.anonymised
    summary = {
        "schools_deleted": sorted(gone),
        "anonymised": anonymised,
        "access_log_purged": access_log.purge(now=now),
    }
    log.info("nightly data protection: %s", summary)
    return summary
