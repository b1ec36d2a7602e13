"""Pupils for the data protection tests, written straight to the database."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pupilsync.models import Assessment, Pupil, PupilChange, PupilPhoto, PupilYear, School

CONTACT = {"name": "Ada Parent", "relationship": "Mother", "email": "ada@example.com"}


def at(year: int, month: int, day: int, hour: int = 12) -> dt.datetime:
    """A moment in the school's time zone: midday unless told."""
    return timezone.make_aware(dt.datetime(year, month, day, hour))


def pupil(
    school: School,
    n: int,
    *,
    left: dt.date | None = None,
    on_roll: bool | None = None,
    photo: bool = True,
    **fields: Any,
) -> Pupil:
    """Pupil n, with a year row, a photo, a contact, an assessment and a change in history."""
    row = Pupil.objects.create(
        school=school,
        upi=f"upi-{n}",
        wonde_id=f"W{n}",
        mis_id=f"M{n}",
        upn=f"A{n:012d}",
        forename=f"Forename{n}",
        surname=f"Surname{n}",
        legal_forename=f"Legal{n}",
        date_of_birth=dt.date(2012, 5, 17),
        admission_date=dt.date(2019, 9, 4),
        leaving_date=left,
        on_roll=on_roll if on_roll is not None else left is None,
        ethnicity="WBRI",
        contacts=[CONTACT],
        **{"synced_at": at(2020, 1, 1), **fields},
    )
    PupilYear.objects.create(pupil=row, school=school, academic_year=2024, year_group="9")
    Assessment.objects.create(school=school, pupil=row, subject="Maths", name="KS2", result="EXS")
    PupilChange.objects.create(
        school=school, pupil=row, field="surname", old="Old", new=row.surname, source="wonde",
        changed_at=at(2024, 10, 1),
    )  # fmt: skip
    if photo:
        PupilPhoto.objects.create(
            pupil=row, school=school, wonde_hash="h", image=b"jpeg", width=1, height=1,
            updated_at=at(2024, 10, 1),
        )  # fmt: skip
    return row
