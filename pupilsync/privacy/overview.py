"""What the Data Protection page shows a school: counts, settings, what the next pass would do."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pupilsync.models import Pupil, PupilPhoto, School, SchoolDeletion
from pupilsync.privacy import access_log, erasure, retention
from pupilsync.privacy.fields import FEATURE_LABELS, FIELDS


def overview(school: School, *, now: dt.datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    pupils = Pupil.objects.filter(school=school)
    policy = retention.settings_for(school)
    return {
        "counts": {
            "on_roll": pupils.filter(on_roll=True).count(),
            "leavers": retention.leavers(school).count(),
            "anonymised": pupils.filter(anonymised_at__isnull=False).count(),
            "photos": PupilPhoto.objects.filter(school=school).count(),
            "with_contacts": pupils.exclude(contacts=[]).count(),
        },
        "settings": policy,
        "next": retention.apply_retention(school, now=now, dry_run=True),
        "deletion": SchoolDeletion.objects.filter(school=school).first(),
        "erasures": list(erasure.erasures(school)),
        "accesses": access_log.recent(school, limit=50),
        "fields": [{"row": f, "needed_for": FEATURE_LABELS[f.feature]} for f in FIELDS],
    }
