"""Erasing one pupil's personal data on the school's documented request.

The pupil's row is anonymised like an expired leaver's (their assessments and year rows stay,
without who they were) and their photo, contacts, history and issues are deleted. We keep only
keyed hashes of their identifiers, so that a later sync or import that still sends them can be
recognised: it records an issue instead of recreating them, until the school clears the erasure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from pupilsync import audit
from pupilsync.models import Erasure, FeedEntry, Pupil, School
from pupilsync.privacy.retention import anonymous_values, forget_history
from pupilsync.sync import feed
from pupilsync.sync.erased import identity_keys, key
from pupilsync.sync.records import Identity

ERASED = "pupil_erased"
CLEARED = "erasure_cleared"


class ErasureError(ValueError):
    """An erasure that cannot be done, in words for the person who asked."""


def pupil_keys(pupil: Pupil) -> set[str]:
    identity = Identity(upi=pupil.upi, mis_id=pupil.mis_id, wonde_id=pupil.wonde_id, upn=pupil.upn)
    found = identity_keys(pupil.school_id, identity)
    if pupil.former_upn:
        found.add(key(pupil.school_id, "upn", pupil.former_upn))
    return found


def erase(
    pupil: Pupil,
    *,
    request: str,
    user: Any = None,
    by: str | None = None,
    now: dt.datetime | None = None,
) -> Erasure:
    if not request.strip():
        raise ErasureError("say which written request this erasure answers")
    if pupil.anonymised_at is not None:
        raise ErasureError("this pupil's personal data has already been removed")
    now = now or timezone.now()
    with transaction.atomic():
        event = audit.record(
            pupil.school, ERASED, user=user, by=by, pupil=pupil.pk, request=request
        )
        erasure = Erasure.objects.create(
            school=pupil.school,
            pupil=pupil,
            keys=sorted(pupil_keys(pupil)),
            request=request.strip()[:200],
            by=event.by,
            erased_at=now,
        )
        row = Pupil.objects.filter(pk=pupil.pk)
        row.update(**anonymous_values(now), on_roll=False)
        forget_history(row)
        kind = FeedEntry.Kind.ARCHIVED if pupil.on_roll else FeedEntry.Kind.UPDATED
        feed.record_updated(pupil.school, [pupil.pk], anonymous_values(now), now, kind=kind)
    return erasure


def clear(school: School, erasure_id: int, *, user: Any = None, by: str | None = None) -> Erasure:
    """The school says the pupil may be synced again (they came back, or it was a mistake)."""
    erasure = Erasure.objects.filter(school=school, pk=erasure_id, cleared_at__isnull=True).first()
    if erasure is None:
        raise ErasureError("no such erasure in force at this school")
    erasure.cleared_at = timezone.now()
    erasure.save(update_fields=["cleared_at"])
    audit.record(school, CLEARED, user=user, by=by, erasure=erasure.pk)
    return erasure


def find(school: School, upn: str) -> Erasure | None:
    wanted = key(school.pk, "upn", upn)
    rows = Erasure.objects.filter(school=school, cleared_at__isnull=True)
    return next((e for e in rows if wanted in e.keys), None)


def erasures(school: School) -> Iterable[Erasure]:
    return Erasure.objects.filter(school=school, cleared_at__isnull=True)
