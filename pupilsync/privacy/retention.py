"""How long a leaver's record is kept, and applying it in bulk.

A leaver's photo and contacts go as soon as they leave (the school's settings, on by default).
Their full record is kept to the end of the academic year after the one they left in, plus the
school's extra years (0-6); then it is anonymised: names, ids and UPNs removed, dates cut to
year and month, their history and sync issues deleted. Assessments and per-year rows stay, so
the school's figures for past years still add up.

Every step is one statement for the whole school, never one per pupil.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from pupilsync import audit
from pupilsync.models import (
    Pupil,
    PupilChange,
    PupilPhoto,
    RetentionSettings,
    School,
    SyncIssue,
)
from pupilsync.models.privacy import MAX_EXTRA_YEARS
from pupilsync.sync import feed
from pupilsync.sync.records import display_name
from pupilsync.termdates import academic_year_on

PHOTOS_DELETED = "leaver_photos_deleted"
CONTACTS_DELETED = "leaver_contacts_deleted"
ANONYMISED = "leavers_anonymised"
RETENTION_CHANGED = "retention_changed"
SHOWN = 50  # leavers a dry run names


class RetentionError(ValueError):
    """A retention setting that cannot be saved, in words for the admin."""


@dataclass
class RetentionResult:
    school: School
    dry_run: bool
    keep_from: dt.date  # leavers who left before this day are anonymised
    photos: int = 0
    contacts: int = 0
    anonymised: int = 0
    pupils: list[dict[str, Any]] = field(default_factory=list)  # the first SHOWN to anonymise

    def as_dict(self) -> dict[str, Any]:
        return {
            "school": self.school.pk,
            "dry_run": self.dry_run,
            "anonymise_if_left_before": self.keep_from.isoformat(),
            "photos_deleted": self.photos,
            "contacts_deleted": self.contacts,
            "anonymised": self.anonymised,
            "pupils": self.pupils,
        }


def settings_for(school: School) -> RetentionSettings:
    """The school's settings; the defaults (unsaved) if it never changed them."""
    found = RetentionSettings.objects.filter(school=school).first()
    return found or RetentionSettings(school=school)


def update_settings(
    school: School,
    *,
    extra_years: int,
    delete_photo_on_leaving: bool,
    delete_contacts_on_leaving: bool,
    user: Any = None,
    by: str | None = None,
) -> RetentionSettings:
    if not 0 <= extra_years <= MAX_EXTRA_YEARS:
        raise RetentionError(f"extra years must be 0 to {MAX_EXTRA_YEARS}, not {extra_years}")
    values = {
        "extra_years": extra_years,
        "delete_photo_on_leaving": delete_photo_on_leaving,
        "delete_contacts_on_leaving": delete_contacts_on_leaving,
    }
    with transaction.atomic():
        saved, _ = RetentionSettings.objects.update_or_create(school=school, defaults=values)
        audit.record(school, RETENTION_CHANGED, user=user, by=by, settings=values)
    return saved


def anonymise_if_left_before(today: dt.date, extra_years: int) -> dt.date:
    """Kept to the end of the academic year after leaving (+ extra years): a pupil who left
    in academic year Y is anonymised from 1 September of Y + 2 + extra."""
    # The calendar's year, not the school's: the period kept is a promise to families counted
    # in whole years to 31 August, which an Autumn 1 begun in late August must not shorten.
    return dt.date(academic_year_on(today, ()) - 1 - extra_years, 9, 1)


def leavers(school: School) -> QuerySet[Pupil]:
    return Pupil.objects.filter(school=school, on_roll=False, anonymised_at__isnull=True)


def due(school: School, keep_from: dt.date) -> QuerySet[Pupil]:
    """Leavers whose retention has run out. One without a leaving date counts from when the
    sync last wrote them (which for a leaver is when it archived them)."""
    start = timezone.make_aware(dt.datetime.combine(keep_from, dt.time()))
    left = Q(leaving_date__lt=keep_from) | Q(leaving_date__isnull=True, synced_at__lt=start)
    no_dates = Q(leaving_date__isnull=True, synced_at__isnull=True, created_at__lt=start)
    return leavers(school).filter(left | no_dates)


def apply_retention(
    school: School, *, now: dt.datetime | None = None, dry_run: bool = False, by: str = "retention"
) -> RetentionResult:
    """Apply the school's retention to its leavers now; `dry_run` says what would go."""
    now = now or timezone.now()
    policy = settings_for(school)
    keep_from = anonymise_if_left_before(timezone.localdate(now), policy.extra_years)
    result = RetentionResult(school=school, dry_run=dry_run, keep_from=keep_from)
    photos = PupilPhoto.objects.filter(school=school, pupil__on_roll=False)
    contacts = Pupil.objects.filter(school=school, on_roll=False).exclude(contacts=[])
    going = due(school, keep_from)
    if dry_run:
        result.photos = photos.count() if policy.delete_photo_on_leaving else 0
        result.contacts = contacts.count() if policy.delete_contacts_on_leaving else 0
        result.anonymised = going.count()
        result.pupils = [_shown(p) for p in going.order_by("leaving_date", "id")[:SHOWN]]
        return result
    with transaction.atomic():
        result.photos, result.contacts = strip_leavers(school, policy=policy, by=by)
        result.anonymised = going.update(**anonymous_values(now))
        marked = Pupil.objects.filter(school=school, anonymised_at=now)
        if result.anonymised:
            forget_history(marked)
            ids = list(marked.values_list("id", flat=True))
            _audit(school, ANONYMISED, ids, by, keep_from)
            feed.record_updated(school, ids, anonymous_values(now), now)  # the host app too
    return result


def strip_leavers(
    school: School, *, policy: RetentionSettings | None = None, by: str = "retention"
) -> tuple[int, int]:
    """Delete leavers' photos and contacts as the school's settings say: (photos, contacts).
    The sync calls this as soon as it archives anyone."""
    policy = policy or settings_for(school)
    photos = contacts = 0
    with transaction.atomic():
        if policy.delete_photo_on_leaving:
            held = PupilPhoto.objects.filter(school=school, pupil__on_roll=False)
            ids = list(held.values_list("pupil_id", flat=True))
            photos = held.delete()[0] if ids else 0
            _audit(school, PHOTOS_DELETED, ids, by)
        if policy.delete_contacts_on_leaving:
            with_contacts = Pupil.objects.filter(school=school, on_roll=False).exclude(contacts=[])
            ids = list(with_contacts.values_list("id", flat=True))
            contacts = with_contacts.update(contacts=[]) if ids else 0
            _audit(school, CONTACTS_DELETED, ids, by)
    return photos, contacts


def leavers_archived(school: School, **_: Any) -> None:
    """A sync archived pupils (signals.pupils_archived): their photo and contacts go at once."""
    strip_leavers(school, by="sync")


def anonymous_values(now: dt.datetime) -> dict[str, Any]:
    """What an anonymised pupil's row becomes: no names or ids, dates to year and month."""
    return {
        "forename": "Former",
        "surname": "pupil",
        "middle_names": None,
        "legal_forename": None,
        "legal_surname": None,
        "upi": None,
        "wonde_id": None,
        "mis_id": None,
        "upn": None,
        "former_upn": None,
        "date_of_birth": TruncMonth("date_of_birth"),
        "admission_date": TruncMonth("admission_date"),
        "leaving_date": TruncMonth("leaving_date"),
        "contacts": [],
        "anonymised_at": now,
    }


def forget_history(pupils: QuerySet[Pupil]) -> None:
    """Their photo, history of changes and sync issues name or show them: all go."""
    PupilPhoto.objects.filter(pupil__in=pupils).delete()
    PupilChange.objects.filter(pupil__in=pupils).delete()
    SyncIssue.objects.filter(pupil__in=pupils).delete()


def _audit(
    school: School, action: str, ids: list[int], by: str, before: dt.date | None = None
) -> None:
    if not ids:
        return
    detail: dict[str, Any] = {"count": len(ids), "pupil_ids": ids}
    if before is not None:
        detail["left_before"] = before.isoformat()
    audit.record(school, action, by=by, **detail)


def _shown(pupil: Pupil) -> dict[str, Any]:
    return {
        "id": pupil.pk,
        "name": display_name(pupil.forename, pupil.surname),
        "upn": pupil.upn,
        "leaving_date": pupil.leaving_date.isoformat() if pupil.leaving_date else None,
    }
