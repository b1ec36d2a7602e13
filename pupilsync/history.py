"""A pupil's history of synced changes: why each value is what it is."""

from __future__ import annotations

from typing import Any

from pupilsync.models import Pupil, PupilChange, School


def pupil_by_upn(school: School, upn: str) -> Pupil | None:
    return Pupil.objects.filter(school=school, upn=upn.strip().upper()).first()


def history_of(pupil: Pupil) -> list[dict[str, Any]]:
    """Newest first: field, old and new value, where the change came from, and when."""
    changes = PupilChange.objects.filter(pupil=pupil).order_by("-changed_at", "-id")
    return [
        {
            "at": change.changed_at.isoformat(),
            "field": change.field,
            "academic_year": change.academic_year,
            "old": change.old,
            "new": change.new,
            "source": change.get_source_display(),
            "run": change.run_id,
            "file": change.source_name or None,
        }
        for change in changes
    ]
