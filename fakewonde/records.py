"""The MIS records a fake school holds.

Records are plain mutable dataclasses. Each keeps a `cache` of the JSON-ready dicts built from it
(see `render`), which `touch` clears, so a page of 200 pupils is assembled from ready-made parts
instead of being rebuilt on every request.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(eq=False, kw_only=True)
class Record:
    id: str
    mis_id: str = ""
    created_at: dt.datetime
    updated_at: dt.datetime
    restored_at: dt.datetime | None = None
    cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def touch(self, at: dt.datetime) -> None:
        """Record a change at `at`: stamps updated_at and drops the cached JSON."""
        self.updated_at = at
        self.cache.clear()


@dataclass(eq=False, kw_only=True)
class SenNeed:
    id: str
    type: str
    rank: int
    start_date: dt.date
    end_date: dt.date | None = None


@dataclass(eq=False, kw_only=True)
class ContactLink:
    """How one contact stands to one pupil (the contract's `relationship` object)."""

    contact_id: str
    relationship: str
    parental_responsibility: bool
    priority: int
    lives_with_pupil: bool = True
    bill_payer: bool = False
    email_bills: bool = False
    correspondence: bool = True
    in_touch_communication: bool = True
    court_order: bool = False


@dataclass(eq=False, kw_only=True)
class Student(Record):
    upi: str
    forename: str
    surname: str
    legal_forename: str
    legal_surname: str
    middle_names: str | None = None
    title: str | None = None
    gender: str | None = None
    date_of_birth: dt.date | None = None
    # education details
    upn: str | None = None
    former_upn: str | None = None
    admission_number: str | None = None
    learner_number: str | None = None
    nc_year: str | None = None
    admission_date: dt.date | None = None
    leaving_date: dt.date | None = None
    # extended details
    sen_status: str | None = "N"
    sen_needs: list[SenNeed] = field(default_factory=list)
    free_school_meals: bool = False
    free_school_meals_6: bool = False
    premium_pupil_indicator: bool = False
    english_as_additional_language: bool = False
    eal_status: str = "Not applicable"
    first_language: str = "ENG"
    ethnicity: str | None = None
    in_lea_care: bool = False
    ever_in_care: bool = False
    service_child: bool = False
    # memberships
    year_id: str | None = None
    registration_id: str | None = None
    house_id: str | None = None
    class_ids: list[str] = field(default_factory=list)
    contacts: list[ContactLink] = field(default_factory=list)

    @property
    def initials(self) -> str:
        return "".join(name.strip("'")[:1] for name in (self.forename, self.surname)).upper()

    @property
    def group_ids(self) -> list[str]:
        ids = (self.registration_id, self.year_id, self.house_id)
        return [group_id for group_id in ids if group_id]


@dataclass(eq=False, kw_only=True)
class Contact(Record):
    upi: str
    title: str | None
    forename: str
    surname: str
    middle_names: str | None = None
    gender: str | None = None
    emails: dict[str, str | None] = field(default_factory=dict)
    phones: dict[str, str | None] = field(default_factory=dict)
    address: dict[str, str | None] = field(default_factory=dict)
    student_ids: list[str] = field(default_factory=list)

    @property
    def initials(self) -> str:
        return "".join(name.strip("'")[:1] for name in (self.forename, self.surname)).upper()


@dataclass(eq=False, kw_only=True)
class Subject(Record):
    code: str
    name: str


@dataclass(eq=False, kw_only=True)
class SchoolClass(Record):
    name: str
    code: str
    description: str
    subject_id: str | None
    academic_year: str
    year_group: str
    student_ids: list[str] = field(default_factory=list)


@dataclass(eq=False, kw_only=True)
class Group(Record):
    name: str
    code: str
    type: str  # REGISTRATION, YEAR or HOUSE
    description: str
    student_ids: list[str] = field(default_factory=list)


@dataclass(eq=False, kw_only=True)
class AttendanceSummary(Record):
    student_id: str
    possible: int = 0
    present: int = 0  # counts approved educational activity too
    approved_educational_activity: int = 0
    authorised: int = 0
    unauthorised: int = 0
    unexplained: int = 0  # code N, not counted in `unauthorised`
    late: int = 0
    start_date: dt.date
    end_date: dt.date
    # The pupil's habits, so that each new day looks like the ones before it.
    attendance_rate: float = 0.95
    unexplained_prone: bool = False

    def is_consistent(self) -> bool:
        absences = self.authorised + self.unauthorised + self.unexplained
        return (
            self.possible == self.present + absences
            and 0 <= self.approved_educational_activity <= self.present
            and 0 <= self.late <= self.present
        )


@dataclass(eq=False, kw_only=True)
class Photo(Record):
    student_id: str
    jpeg: bytes = field(repr=False)
    hash: str
    content: str = field(repr=False)  # base64 of `jpeg`


@dataclass(eq=False, kw_only=True)
class Deletion:
    type: str
    id: str
    mis_id: str
    deleted_at: dt.datetime
    restored_at: dt.datetime | None = None

    def changed_at(self) -> dt.datetime:
        return self.restored_at or self.deleted_at
