"""How each record looks on the wire: JSON-ready dicts, built once and cached on the record.

Cached dicts are shared between responses, so nothing here or downstream may mutate them: a
variant (say, SEN withheld) is always a shallow copy. `encoded` caches a record's JSON text as
well, because encoding is most of the cost of serving a big school.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any, TypeVar

from fakewonde.dates import person_date, stamp, stamp_or_none
from fakewonde.names import SEN_NEEDS
from fakewonde.records import (
    AttendanceSummary,
    Contact,
    ContactLink,
    Deletion,
    Group,
    Photo,
    Record,
    SchoolClass,
    SenNeed,
    Student,
    Subject,
)

JSON = dict[str, Any]
R = TypeVar("R", bound=Record)


_ENCODER = json.JSONEncoder(separators=(",", ":"))  # one encoder: json.dumps builds one a call


def dumps(value: Any) -> str:
    return _ENCODER.encode(value)


def encoded(cache: dict[str, Any], key: str, make: Callable[[], Any]) -> str:
    """The JSON text of `make()`, kept in a record's cache under `key`."""
    text: str | None = cache.get(key)
    if text is None:
        text = cache[key] = dumps(make())
    return text


def _cached(build: Callable[[R], JSON]) -> Callable[[R], JSON]:
    """Build a record's JSON once; `Record.touch` clears the cache when the record changes."""

    @functools.wraps(build)
    def get(record: R) -> JSON:
        cached: JSON | None = record.cache.get("base")
        if cached is None:
            cached = record.cache["base"] = build(record)
        return cached

    return get


def _stamps(record: Record) -> JSON:
    return {
        "restored_at": stamp_or_none(record.restored_at),
        "created_at": stamp(record.created_at),
        "updated_at": stamp(record.updated_at),
    }


@_cached
def student(record: Student) -> JSON:
    return {
        "id": record.id,
        "upi": record.upi,
        "mis_id": record.mis_id,
        "initials": record.initials,
        "title": record.title,
        "surname": record.surname,
        "forename": record.forename,
        "middle_names": record.middle_names,
        "legal_surname": record.legal_surname,
        "legal_forename": record.legal_forename,
        "gender": record.gender,
        "gender_identity": None,
        "date_of_birth": person_date(record.date_of_birth),
        **_stamps(record),
    }


def education_details(record: Student) -> JSON:
    return {
        "admission_number": record.admission_number,
        "upn": record.upn,
        "local_upn": None,
        "former_upn": record.former_upn,
        "learner_number": record.learner_number,
        "current_nc_year": record.nc_year,
        "part_time": False,
        "part_time_rate": 1,
        "admission_date": person_date(record.admission_date),
        "leaving_date": person_date(record.leaving_date),
    }


def extended_details(record: Student) -> JSON:
    return {
        "sen_status": record.sen_status,
        "free_school_meals": record.free_school_meals,
        "free_school_meals_6": record.free_school_meals_6,
        "premium_pupil_indicator": record.premium_pupil_indicator,
        "english_as_additional_language": record.english_as_additional_language,
        "english_as_additional_language_status": record.eal_status,
        "first_language": record.first_language,
        "ethnicity": record.ethnicity,
        "in_lea_care": record.in_lea_care,
        "ever_in_care": record.ever_in_care,
        "service_children_indicator": record.service_child,
    }


def sen_need(need: SenNeed) -> JSON:
    return {
        "id": need.id,
        "type": need.type,
        "description": SEN_NEEDS.get(need.type, need.type),
        "rank": need.rank,
        "start_date": person_date(need.start_date),
        "end_date": person_date(need.end_date),
    }


@_cached
def school_class(record: SchoolClass) -> JSON:
    return {
        "id": record.id,
        "mis_id": record.mis_id,
        "name": record.name,
        "code": record.code,
        "description": record.description,
        "subject": record.subject_id,
        "alternative": False,
        "priority": None,
        "academic_year": record.academic_year,
        "year_group": record.year_group,
        "type": None,
        **_stamps(record),
    }


@_cached
def subject(record: Subject) -> JSON:
    return {
        "id": record.id,
        "mis_id": record.mis_id,
        "code": record.code,
        "name": record.name,
        "active": True,
        **_stamps(record),
    }


@_cached
def group(record: Group) -> JSON:
    return {
        "id": record.id,
        "mis_id": record.mis_id,
        "name": record.name,
        "code": record.code,
        "type": record.type,
        "description": record.description,
        "division": None,
        **_stamps(record),
    }


@_cached
def contact(record: Contact) -> JSON:
    return {
        "id": record.id,
        "upi": record.upi,
        "mis_id": record.mis_id,
        "initials": record.initials,
        "title": record.title,
        "surname": record.surname,
        "forename": record.forename,
        "middle_names": record.middle_names,
        "legal_surname": record.surname,
        "legal_forename": record.forename,
        "gender": record.gender,
        "date_of_birth": None,
        **_stamps(record),
    }


_ADDRESS_KEYS = (
    "house_number", "house_name", "apartment", "street", "district", "town", "county", "country",
    "postcode",
)  # fmt: skip


def contact_details(record: Contact) -> JSON:
    cached: JSON | None = record.cache.get("details")
    if cached is None:
        blank = dict.fromkeys(_ADDRESS_KEYS)
        home = {**blank, **record.address}
        cached = record.cache["details"] = {
            "phones": {
                key: record.phones.get(key)
                for key in ("phone", "primary", "home", "work", "mobile")
            },
            "emails": {key: record.emails.get(key) for key in ("email", "primary", "home", "work")},
            "addresses": {"home": home, "work": dict(blank), "postal": dict(blank)},
            "salutation": f"{record.title} {record.surname}" if record.title else None,
        }
    return cached


def relationship(link: ContactLink) -> JSON:
    return {
        "relationship": link.relationship,
        "parental_responsibility": link.parental_responsibility,
        "priority": link.priority,
        "lives_with_pupil": link.lives_with_pupil,
        "bill_payer": link.bill_payer,
        "email_bills": link.email_bills,
        "correspondence": link.correspondence,
        "in_touch_communication": link.in_touch_communication,
        "court_order": link.court_order,
    }


def attendance(record: AttendanceSummary, *, with_student: bool) -> JSON:
    key = "endpoint" if with_student else "include"
    cached: JSON | None = record.cache.get(key)
    if cached is None:
        body: JSON = {"id": record.id}
        if with_student:
            body["student"] = record.student_id
        body.update(
            possible_marks=record.possible,
            present_marks=record.present,
            approved_educational_activity_marks=record.approved_educational_activity,
            authorised_absence_marks=record.authorised,
            unauthorised_absence_marks=record.unauthorised,
            unexplained_absence_marks=record.unexplained,
            late_marks=record.late,
            start_date=person_date(record.start_date),
            end_date=person_date(record.end_date),
            updated_at=stamp(record.updated_at),
        )
        cached = record.cache[key] = body
    return cached


@_cached
def photo(record: Photo) -> JSON:
    return {
        "id": record.id,
        "student": record.student_id,
        "hash": record.hash,
        "content": record.content,
        "updated_at": stamp(record.updated_at),
    }


def deletion(record: Deletion) -> JSON:
    return {
        "type": record.type,
        "id": record.id,
        "mis_id": record.mis_id,
        "deleted_at": stamp(record.deleted_at),
        "restored_at": stamp_or_none(record.restored_at),
    }
