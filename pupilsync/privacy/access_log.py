"""Who opened a pupil's page, photo or subject-access export: one row a person, pupil, kind
and day (a photo shown fifty times in a morning is one row), kept ACCESS_LOG_DAYS."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone

from pupilsync.models import Pupil, PupilAccess, School

Kind = PupilAccess.Kind


def record(
    user: Any, pupil_id: int, school: School, kind: str, *, now: dt.datetime | None = None
) -> None:
    """One INSERT that a repeat the same day leaves as it was. `user`: the signed-in user,
    or a label such as "cli:login"."""
    now = now or timezone.now()
    by = (user if isinstance(user, str) else getattr(user, "email", "") or str(user))[:200]
    user = None if isinstance(user, str) or not getattr(user, "pk", None) else user
    PupilAccess.objects.bulk_create(
        [
            PupilAccess(
                school=school,
                pupil_id=pupil_id,
                user=user,
                by=by,
                kind=kind,
                day=timezone.localdate(now),
                first_at=now,
            )
        ],
        ignore_conflicts=True,
    )


def purge(*, now: dt.datetime | None = None) -> int:
    """Forget accesses older than the period, for every school."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.ACCESS_LOG_DAYS)
    return PupilAccess.objects.filter(first_at__lt=cutoff).delete()[0]


def of_pupil(pupil: Pupil) -> list[dict[str, Any]]:
    return [_row(a) for a in PupilAccess.objects.filter(pupil=pupil)]


def recent(school: School, limit: int = 100) -> list[dict[str, Any]]:
    rows = PupilAccess.objects.filter(school=school).select_related("pupil")[:limit]
    return [_row(a) | {"pupil": str(a.pupil), "pupil_id": a.pupil_id} for a in rows]


def _row(access: PupilAccess) -> dict[str, Any]:
    return {
        "at": access.first_at.isoformat(),
        "by": access.by,
        "what": access.get_kind_display(),
    }
