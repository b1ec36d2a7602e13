"""Pydantic models of the Wonde records the sync reads, checked at the edge of the API.

Unknown keys are ignored and every field but an id may be missing or null, so that a new or
withheld field never breaks a sync. Dates accept Wonde's DateTimeObject and plain strings.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr

from wonde import adapter
from wonde.dates import parse_date, parse_datetime
from wonde.reading import Unreadable

Date = Annotated[dt.date | None, BeforeValidator(parse_date)]
DateTime = Annotated[dt.datetime | None, BeforeValidator(parse_datetime)]
Flag = Annotated[bool | None, BeforeValidator(adapter.to_flag)]


Text = Annotated[str | None, BeforeValidator(adapter.to_text)]
Id = Annotated[str, BeforeValidator(adapter.to_text)]
Number = Annotated[int | None, BeforeValidator(adapter.to_int)]


class Part(BaseModel):
    """A part of a record (an include, a contact's details): it keeps no state of its own, as
    pydantic initialises private attributes per instance, a third of the cost of a pupil."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class Record(Part):
    """A record of a list, as `wonde.reading.read` returns it."""

    # What `wonde.reading.read` had to drop from this record: never set from the wire.
    _unreadable: tuple[Unreadable, ...] = PrivateAttr(default=())

    @property
    def unreadable(self) -> tuple[Unreadable, ...]:
        return self._unreadable

    def broken(self, field: str) -> bool:
        """Whether a value at or under `field` (a dotted path) was unreadable and dropped."""
        # Read from pydantic's slot: its __getattr__ for a private name costs more than the
        # check, and the mapping asks this about every field of every pupil.
        dropped = self.__pydantic_private__["_unreadable"]  # type: ignore[index]
        return bool(dropped) and any(u.within(field) for u in dropped)


class EducationDetails(Part):
    upn: Text = None
    former_upn: Text = None
    current_nc_year: Text = None
    admission_date: Date = None
    leaving_date: Date = None


class ExtendedDetails(Part):
    sen_status: Text = None
    free_school_meals: Flag = None
    free_school_meals_6: Flag = None
    premium_pupil_indicator: Flag = None
    english_as_additional_language: Flag = None
    first_language: Text = None
    ethnicity: Text = None
    in_lea_care: Flag = None


class Group(Part):
    id: Text = None
    name: Text = None
    code: Text = None
    type: Text = None


class SchoolClass(Part):
    id: Text = None
    mis_id: Text = None
    name: Text = None
    code: Text = None


class SenNeed(Part):
    type: Text = None
    description: Text = None
    rank: Number = None
    start_date: Date = None
    end_date: Date = None


class Relationship(Part):
    relationship: Text = None
    parental_responsibility: Flag = None
    priority: Number = None


class ContactDetails(Part):
    # An address is text, never a number.
    emails: Annotated[dict[str, str | None] | None, BeforeValidator(adapter.known_emails)] = None

    @property
    def email(self) -> str | None:
        return adapter.pick_email(self.emails)


class Contact(Part):
    id: Id
    upi: Text = None
    title: Text = None
    forename: Text = None
    surname: Text = None
    relationship: Annotated[Relationship | None, BeforeValidator(adapter.to_relationship)] = None
    contact_details: Annotated[ContactDetails | None, BeforeValidator(adapter.unwrap_one)] = None


class AttendanceSummary(Record):
    id: Text = None
    student: Text = None
    possible_marks: Number = None
    present_marks: Number = None
    approved_educational_activity_marks: Number = None
    authorised_absence_marks: Number = None
    unauthorised_absence_marks: Number = None
    unexplained_absence_marks: Number = None
    late_marks: Number = None
    start_date: Date = None
    end_date: Date = None
    updated_at: DateTime = None


class Photo(Record):
    id: Text = None
    student: Text = None
    hash: Text = None
    content: str | None = Field(default=None, repr=False)
    updated_at: DateTime = None


def _one(model: type[Part]) -> Any:
    return Annotated[model | None, BeforeValidator(adapter.unwrap_one)]


def _many(model: type[Part]) -> Any:
    return Annotated[tuple[model, ...], BeforeValidator(adapter.unwrap_many)]  # type: ignore[valid-type]


class Student(Record):
    id: Id
    upi: Text = None
    mis_id: Text = None
    forename: Text = None
    middle_names: Text = None
    surname: Text = None
    legal_forename: Text = None
    legal_surname: Text = None
    gender: Text = None
    date_of_birth: Date = None
    restored_at: DateTime = None
    updated_at: DateTime = None
    education_details: _one(EducationDetails) = None  # type: ignore[valid-type]
    extended_details: _one(ExtendedDetails) = None  # type: ignore[valid-type]
    year: _one(Group) = None  # type: ignore[valid-type]
    registration: _one(Group) = None  # type: ignore[valid-type]
    classes: _many(SchoolClass) = ()  # type: ignore[valid-type]
    sen_needs: _many(SenNeed) = ()  # type: ignore[valid-type]
    contacts: _many(Contact) = ()  # type: ignore[valid-type]
    attendance_summary: _one(AttendanceSummary) = None  # type: ignore[valid-type]
    photo: _one(Photo) = None  # type: ignore[valid-type]


class Deletion(Record):
    id: Id
    type: Text = None
    mis_id: Text = None
    deleted_at: DateTime = None
    restored_at: DateTime = None


class Permission(Record):
    identity: Id
    name: Text = None
    description: Text = None
    group: Text = None
    optional: Flag = None
    approved: Flag = None


class Region(Part):
    code: Text = None
    domain: Text = None  # the API host for this school: asking another returns no data
    school_url: Text = None

    @property
    def host(self) -> str | None:
        """The domain, or the host of `school_url` when only that was sent."""
        if self.domain and self.domain.strip():
            return self.domain.strip().lower()
        if self.school_url:
            host = urlsplit(self.school_url.strip()).netloc
            return host.lower() or None
        return None


class School(Record):
    id: Id
    name: Text = None
    urn: Text = None
    la_code: Text = None
    establishment_number: Text = None
    phase_of_education: Text = None
    mis: Text = None
    timezone: Text = None
    region: Annotated[Region | None, BeforeValidator(adapter.unwrap_one)] = None


class SchoolMeta(Record):
    online: Flag = None
    approved: Flag = None
    audited: Flag = None


class Invalid(BaseModel):
    """A record that failed validation: the sync turns it into an issue and carries on.

    It keeps every identity it carried, so a held pupil it names still counts as seen.
    """

    model_config = ConfigDict(frozen=True)

    id: str | None
    upi: str | None = None
    mis_id: str | None = None
    upn: str | None = None
    error: str
