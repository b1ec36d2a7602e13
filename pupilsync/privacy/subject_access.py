"""Everything held about one pupil, for a subject access request: every field, each year's
context, contacts, assessments, the photo, the history of every change with its source, their
sync issues, the audit events and the accesses that touched them, and why each field is held."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from django.db.models import Model
from django.utils import timezone

from pupilsync.history import history_of
from pupilsync.models import (
    Assessment,
    AuditEvent,
    Erasure,
    Pupil,
    PupilPhoto,
    PupilYear,
    SyncIssue,
)
from pupilsync.privacy import access_log, retention
from pupilsync.privacy.fields import FEATURE_LABELS, FIELDS
from pupilsync.termdates import label

ABOUT_MODELS = ("Pupil", "PupilYear", "PupilPhoto", "Assessment", "PupilChange")
BULK_ACTIONS = (retention.PHOTOS_DELETED, retention.CONTACTS_DELETED, retention.ANONYMISED)
EXPORTED = "subject_access_export"
LEFT_OUT = {"id", "school", "pupil", "image"}


def export(pupil: Pupil, *, now: dt.datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    return {
        "generated_at": now.isoformat(),
        "school": {"name": pupil.school.name, "urn": pupil.school.urn},
        "pupil": {"id": pupil.pk, **_values(pupil, skip={"contacts"})},
        "years": [
            {"label": label(y.academic_year), **_values(y)}
            for y in PupilYear.objects.filter(pupil=pupil).order_by("-academic_year")
        ],
        "contacts": pupil.contacts,
        "assessments": [_values(a) for a in Assessment.objects.filter(pupil=pupil).order_by("id")],
        "photo": _photo(pupil),
        "history": history_of(pupil),
        "sync_issues": [
            {"run": i.run_id, "code": i.code, "severity": i.severity, "message": i.message}
            for i in SyncIssue.objects.filter(pupil=pupil)
        ],
        "audit_events": audit_events(pupil),
        "accesses": access_log.of_pupil(pupil),
        "erasures": [
            {"erased_at": e.erased_at.isoformat(), "request": e.request, "by": e.by}
            for e in Erasure.objects.filter(pupil=pupil)
        ],
        "why_held": [
            {
                "field": f.name,
                "what": f.what,
                "needed_for": FEATURE_LABELS[f.feature],
                "from_wonde": f.wonde,
                "from_ctf": f.ctf,
                "kept": f.retention,
            }
            for f in FIELDS
            if f.model in ABOUT_MODELS
        ],
    }


def audit_events(pupil: Pupil) -> list[dict[str, Any]]:
    """Audit events naming this pupil: one pupil's (`pupil` in the detail), or a bulk step's
    (`pupil_ids`), which JSON lookups cannot search on every database, so they are read here."""
    events = AuditEvent.objects.filter(school_id=pupil.school_id)
    own = list(events.filter(detail__pupil=pupil.pk))
    bulk = [
        e
        for e in events.filter(action__in=BULK_ACTIONS)
        if pupil.pk in (e.detail or {}).get("pupil_ids", [])
    ]
    return [
        {
            "at": e.at.isoformat(),
            "by": e.by,
            "action": e.action,
            "detail": {k: v for k, v in e.detail.items() if k != "pupil_ids"},
        }
        for e in sorted(own + bulk, key=lambda e: (e.at, e.pk), reverse=True)
    ]


def _photo(pupil: Pupil) -> dict[str, Any] | None:
    photo = PupilPhoto.objects.filter(pupil=pupil).first()
    if photo is None:
        return None
    return {
        "width": photo.width,
        "height": photo.height,
        "updated_at": photo.updated_at.isoformat(),
        "jpeg_base64": base64.b64encode(bytes(photo.image)).decode(),
    }


def _values(row: Model, skip: set[str] | frozenset[str] = frozenset()) -> dict[str, Any]:
    out = {}
    for field in row._meta.concrete_fields:
        if field.name in LEFT_OUT or field.name in skip:
            continue
        value = getattr(row, field.attname)
        out[field.name] = value.isoformat() if isinstance(value, dt.date) else value
    return out
