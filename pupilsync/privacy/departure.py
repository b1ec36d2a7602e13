"""A school that stops using us: its data is kept RETENTION_AFTER_REVOKE_DAYS after access is
revoked (so a mistaken revoke costs nothing), its admins are told the date, and then every
pupil record it has is deleted in one transaction. Reconnecting before then cancels it.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from pupilsync import audit
from pupilsync.models import (
    Assessment,
    Erasure,
    Pupil,
    PupilAccess,
    PupilChange,
    PupilPhoto,
    PupilYear,
    School,
    SchoolDeletion,
    SyncIssue,
    SyncRun,
)
from pupilsync.scheduling.notify import tell_admins

log = logging.getLogger(__name__)
State = School.Connection
LEAVING = {State.REVOKED, State.DECLINED}
SCHEDULED = "school_deletion_scheduled"
CANCELLED = "school_deletion_cancelled"
DELETED = "school_data_deleted"


def connection_changed(school: School, old: str, new: str, *, now: dt.datetime) -> None:
    """Follow a change of the school's connection (called by connection.set_connection)."""
    if new in LEAVING and old == State.APPROVED:
        schedule(school, reason=f"Wonde access {new}", now=now)
    elif new == State.APPROVED:
        cancel(school)


def schedule(school: School, *, reason: str, now: dt.datetime) -> SchoolDeletion:
    delete_on = timezone.localdate(now) + dt.timedelta(days=settings.RETENTION_AFTER_REVOKE_DAYS)
    deletion, _ = SchoolDeletion.objects.update_or_create(
        school=school,
        defaults={"left_at": now, "delete_on": delete_on, "reason": reason, "deleted_at": None},
    )
    audit.record(school, SCHEDULED, by="pupilsync", delete_on=delete_on, reason=reason)
    deletion.notified = tell_admins(school, "your pupils' data will be deleted", _letter(deletion))
    deletion.save(update_fields=["notified"])
    return deletion


def cancel(school: School) -> bool:
    """The school came back before the date: nothing is deleted and syncing goes on."""
    found = SchoolDeletion.objects.filter(school=school, deleted_at__isnull=True).delete()[0]
    if found:
        audit.record(school, CANCELLED, by="pupilsync")
    return bool(found)


def delete_school_data(
    school: School, *, now: dt.datetime | None = None, request: str = "", by: str | None = None
) -> dict[str, int]:
    """Delete (not anonymise) every pupil record the school has, in one transaction."""
    now = now or timezone.now()
    with transaction.atomic():
        counts = {
            "pupils": Pupil.objects.filter(school=school).count(),
            "assessments": Assessment.objects.filter(school=school).delete()[0],
        }
        for model in (PupilAccess, Erasure, PupilChange, SyncIssue, PupilPhoto, PupilYear):
            model.objects.filter(school=school).delete()  # type: ignore[attr-defined]
        Pupil.objects.filter(school=school).delete()
        SyncRun.objects.filter(school=school).exclude(held={}).update(held={})
        SchoolDeletion.objects.update_or_create(
            school=school,
            defaults={"left_at": now, "delete_on": timezone.localdate(now), "deleted_at": now},
        )
        audit.record(school, DELETED, by=by, request=request, **counts)
    log.info("school %s: all pupil data deleted (%s)", school.pk, counts)
    return counts


def delete_due(*, now: dt.datetime | None = None) -> list[int]:
    """Delete the data of every school whose date has come and that has not come back."""
    now = now or timezone.now()
    due = SchoolDeletion.objects.filter(
        deleted_at__isnull=True, delete_on__lte=timezone.localdate(now)
    ).exclude(school__connection=State.APPROVED)
    done = []
    for deletion in due.select_related("school"):
        delete_school_data(deletion.school, now=now, by="retention", request=deletion.reason)
        done.append(deletion.school_id)
    return done


def _letter(deletion: SchoolDeletion) -> str:
    return (
        f"pupilsync no longer has access to {deletion.school.name}'s data in Wonde "
        f"({deletion.reason}).\n\nWe keep the pupil records we hold until "
        f"{deletion.delete_on:%-d %B %Y}, in case this was a mistake: approve pupilsync again in "
        "your Wonde portal before then and syncing carries on as before.\n\nOn that date every "
        "pupil record we hold for the school (names, contextual data, contacts, photos, "
        "assessments, history) is deleted, not anonymised, and cannot be recovered. To have it "
        "deleted sooner, send us a written request."
    )
