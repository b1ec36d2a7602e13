"""What the API shows of a pupil: their synced fields and their latest academic year.

The fields are pupilsync.sync.feed.SHOWN: a change to one of them is an `updated` entry in the
change feed. Contacts, attendance and Wonde's own ids are not shown.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Schema

from pupilsync.models import PupilYear


class SenNeed(Schema):
    type: str
    rank: int | None = None


class YearContext(Schema):
    academic_year: int  # its start: 2026 is 2026/27
    year_group: str | None
    registration_group: str | None
    classes: list[str]
    pupil_premium: bool | None
    sen_provision: str | None  # N, K or E
    sen_needs: list[SenNeed]


class PupilOut(Schema):
    id: int
    upn: str | None
    former_upn: str | None
    mis_id: str | None
    forename: str
    middle_names: str | None
    surname: str
    legal_forename: str | None
    legal_surname: str | None
    date_of_birth: dt.date | None
    gender: str | None
    admission_date: dt.date | None
    leaving_date: dt.date | None
    on_roll: bool
    ethnicity: str | None
    first_language: str | None
    eal: bool | None
    fsm: bool | None
    fsm_ever6: bool | None
    in_care: bool | None
    year: YearContext


class ChangeOut(Schema):
    cursor: str
    pupil_id: int
    upn: str | None
    kind: Literal["created", "updated", "archived", "restored"]
    fields: list[str]  # for updated (and restored): the fields above that changed
    at: dt.datetime


class ChangesOut(Schema):
    changes: list[ChangeOut]
    next: str  # the cursor to ask with next time (`since` itself when nothing is new)
    more: bool  # another page is waiting now


class CursorOut(Schema):
    cursor: str


PUPIL_NAMES = tuple(name for name in PupilOut.model_fields if name not in {"id", "year"})
YEAR_NAMES = tuple(name for name in YearContext.model_fields)


def pupil_dict(row: PupilYear) -> dict[str, Any]:
    """A pupil's year row (with its pupil selected) as PupilOut reads it."""
    pupil = row.pupil
    out: dict[str, Any] = {"id": pupil.pk}
    out.update((name, getattr(pupil, name)) for name in PUPIL_NAMES)
    out["year"] = {name: getattr(row, name) for name in YEAR_NAMES}
    out["year"]["classes"] = [c for c in row.classes or [] if isinstance(c, str)]
    out["year"]["sen_needs"] = [n for n in row.sen_needs or [] if isinstance(n, dict)]
    return out
