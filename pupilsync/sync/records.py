"""Our records: what a source (Wonde or a CTF) says about pupils, in our own terms.

A record carries only the values its source provided. A value that is absent was not sent (a
withheld scope, a partial file) and leaves what we hold alone; a value that is None was sent as
empty and clears ours.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# Synced columns of Pupil, and of PupilYear for the academic year a sync writes.
PUPIL_FIELDS = (
    "upi",
    "wonde_id",
    "mis_id",
    "upn",
    "former_upn",
    "forename",
    "middle_names",
    "surname",
    "legal_forename",
    "legal_surname",
    "date_of_birth",
    "gender",
    "admission_date",
    "leaving_date",
    "ethnicity",
    "first_language",
    "eal",
    "fsm",
    "fsm_ever6",
    "in_care",
    "contacts",
)
YEAR_FIELDS = (
    "year_group",
    "registration_group",
    "classes",
    "pupil_premium",
    "sen_provision",
    "sen_needs",
    "att_possible",
    "att_present",
    "att_authorised",
    "att_unauthorised",
    "att_unexplained",
)


@dataclass(frozen=True)
class Identity:
    """How a source names a pupil. Matching tries `upi`, then `mis_id`, then the Wonde id."""

    upi: str | None = None
    mis_id: str | None = None
    wonde_id: str | None = None
    upn: str | None = None  # not a match key for Wonde records, but how a school knows a pupil
    # The pupil we hold, when a step before the plan has matched them already (a CTF import
    # matches on UPN): the plan then takes that pupil and looks no further.
    held_id: int | None = None

    def label(self) -> str:
        """How to name the pupil to a person: the UPN if there is one."""
        return self.upn or self.upi or self.mis_id or self.wonde_id or "unknown pupil"


@dataclass(frozen=True)
class PupilRecord:
    identity: Identity
    fields: dict[str, Any] = field(default_factory=dict)
    year: dict[str, Any] = field(default_factory=dict)
    on_roll: bool | None = None  # True: on the roll now; None: the source does not say

    @property
    def name(self) -> str:
        forename, surname = self.fields.get("forename"), self.fields.get("surname")
        return " ".join(p for p in (forename, surname) if p) or self.identity.label()


@dataclass(frozen=True)
class Departure:
    """A pupil the source says has left (a Wonde deletion or leaver)."""

    identity: Identity
    leaving_date: dt.date | None = None


@dataclass(frozen=True)
class PhotoRecord:
    wonde_id: str  # the pupil's Wonde id
    hash: str
    content: str  # base64, as Wonde sends it


@dataclass(frozen=True)
class Problem:
    """Something wrong with one record or with the run; it becomes a sync issue."""

    code: str
    message: str
    severity: str = "warning"  # error | warning | info
    identity: Identity | None = None
    pupil_name: str = ""


@dataclass
class Incoming:
    """Everything one fetch brought, mapped to our records."""

    pupils: list[PupilRecord] = field(default_factory=list)
    departures: list[Departure] = field(default_factory=list)
    photos: list[PhotoRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Pupils on the roll whose record could not be used: a held pupil named here stays as is.
    sightings: list[Identity] = field(default_factory=list)
    # A full roll shown complete: a pupil we hold on roll who is not in it has left.
    complete: bool = False
