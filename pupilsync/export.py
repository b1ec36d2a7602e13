"""A school's pupils as plain JSON-ready dicts: the `pupilsync export` format (docs/export.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pupilsync.models import Pupil, PupilPhoto, PupilYear, School
from pupilsync.scheduling.gate import local_day
from pupilsync.sync import attendance
from pupilsync.sync.options import options_for
from pupilsync.sync.records import YEAR_FIELDS
from pupilsync.termdates import academic_year_for

IDENTITY = ("upi", "wonde_id", "mis_id", "upn", "former_upn")
NAMES = ("forename", "surname", "legal_forename", "legal_surname")


def export_pupils(
    school: School, *, include_archived: bool = False, today: dt.date | None = None
) -> list[dict[str, Any]]:
    pupils = Pupil.objects.filter(school=school)
    if not include_archived:
        pupils = pupils.filter(on_roll=True)
    today = today or local_day(timezone.now())
    years = _latest_years(school, academic_year_for(school, today))
    hashes = dict(PupilPhoto.objects.filter(school=school).values_list("pupil_id", "wonde_hash"))
    add_unexplained = options_for(school).add_unexplained_to_unauthorised
    return [
        _pupil(p, years.get(p.pk, {}), hashes.get(p.pk), add_unexplained)
        for p in pupils.order_by("surname")
    ]


def _latest_years(school: School, current: int) -> dict[int, dict[str, Any]]:
    """Each pupil's row for the current year, or their latest earlier one if they left."""
    rows = (
        PupilYear.objects.filter(school=school, academic_year__lte=current)
        .order_by("academic_year")
        .values("pupil_id", "on_roll", *YEAR_FIELDS)
    )
    return {row["pupil_id"]: row for row in rows}


def _pupil(
    pupil: Pupil, year: dict[str, Any], photo_hash: str | None, add_unexplained: bool
) -> dict[str, Any]:
    return {
        **{name: getattr(pupil, name) for name in (*IDENTITY, *NAMES)},
        "date_of_birth": _iso(pupil.date_of_birth),
        "gender": pupil.gender,
        "year_group": year.get("year_group"),
        "registration_group": year.get("registration_group"),
        "classes": year.get("classes", []),
        "admission_date": _iso(pupil.admission_date),
        "leaving_date": _iso(pupil.leaving_date),
        "on_roll": pupil.on_roll,
        "ethnicity": pupil.ethnicity,
        "eal": pupil.eal,
        "fsm": pupil.fsm,
        "fsm_ever6": pupil.fsm_ever6,
        "pupil_premium": year.get("pupil_premium"),
        "in_care": pupil.in_care,
        "sen": {"provision": year.get("sen_provision"), "needs": year.get("sen_needs", [])},
        "attendance": attendance.summary(year, add_unexplained=add_unexplained),
        "contacts": pupil.contacts,
        "photo": {"hash": photo_hash} if photo_hash else None,
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None
