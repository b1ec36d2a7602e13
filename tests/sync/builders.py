"""Small builders for Wonde-shaped records and our own, so tests say only what matters."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from pupilsync.sync.diff import HeldPupil
from pupilsync.sync.records import (
    EMPTY_PUPIL,
    EMPTY_YEAR,
    Identity,
    PupilFields,
    PupilRecord,
    YearFields,
)
from wonde.models import Student


def wonde_student(**overrides: Any) -> Student:
    raw: dict[str, Any] = {
        "id": "A100",
        "upi": "u-100",
        "mis_id": "100",
        "forename": "Amelia",
        "surname": "Hughes",
        "legal_forename": "Amelia",
        "legal_surname": "Hughes",
        "gender": "FEMALE",
        "date_of_birth": {"date": "2014-10-02 00:00:00.000000", "timezone": "Europe/London"},
        "education_details": {
            "data": {"upn": "K881999018001", "current_nc_year": "7", "admission_date": "2025-09-03"}
        },
        "extended_details": {
            "data": {
                "sen_status": "N",
                "free_school_meals": False,
                "free_school_meals_6": False,
                "premium_pupil_indicator": False,
                "english_as_additional_language": False,
                "ethnicity": "WBRI",
                "in_lea_care": False,
            }
        },
        "registration": {"data": {"name": "7A", "code": "7A"}},
        "classes": {"data": [{"name": "7A/Ma1"}, {"name": "7A/En1"}]},
        "sen_needs": {"data": []},
        "contacts": {"data": []},
    }
    raw.update(overrides)
    return Student.model_validate(raw)


def record(
    upi: str = "u-1",
    *,
    mis_id: str | None = None,
    wonde_id: str | None = None,
    year: dict[str, Any] | None = None,
    **fields: Any,
) -> PupilRecord:
    base = {
        "upi": upi,
        "mis_id": mis_id,
        "wonde_id": wonde_id or f"W{upi}",
        "forename": "Ada",
        "surname": "Lovelace",
    }
    return PupilRecord(
        identity=Identity(upi=upi, mis_id=mis_id, wonde_id=wonde_id or f"W{upi}"),
        fields=PupilFields(**(base | fields)),
        year=YearFields(**(year or {})),
        on_roll=True,
    )


def held(
    pupil_id: int,
    upi: str = "u-1",
    *,
    on_roll: bool = True,
    mis_id: str | None = None,
    year: dict[str, Any] | None = None,
    **fields: Any,
) -> HeldPupil:
    values = {
        "upi": upi,
        "mis_id": mis_id,
        "wonde_id": f"W{upi}",
        "forename": "Ada",
        "surname": "Lovelace",
    }
    return HeldPupil(
        pupil_id,
        on_roll,
        fields=replace(EMPTY_PUPIL, **(values | fields)),
        year=replace(EMPTY_YEAR, **year) if year is not None else None,
    )


TODAY = dt.date(2026, 11, 28)
