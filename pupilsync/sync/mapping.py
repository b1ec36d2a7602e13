"""Wonde records to our records. Pure: no database, no network.

What a field means in Wonde's wire format is settled in `wonde.adapter`; this module only says
where each value goes in our model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from pupilsync import census
from pupilsync.sync.fetch import ALL_FEATURES, Fetched
from pupilsync.sync.options import DEFAULT_OPTIONS, SyncOptions
from pupilsync.sync.records import (
    Departure,
    Identity,
    Incoming,
    PhotoRecord,
    Problem,
    PupilFields,
    PupilRecord,
    YearFields,
    display_name,
)
from wonde.models import AttendanceSummary, Contact, Deletion, Invalid, Photo, Student
from wonde.reading import Unreadable

LONDON = ZoneInfo("Europe/London")


def incoming_from(fetched: Fetched, rules: SyncOptions = DEFAULT_OPTIONS) -> Incoming:
    """Everything a fetch brought, in our terms; unreadable records become problems.

    A pupil record we cannot use still names who it is: a held pupil it names is *seen* (kept
    on roll, values kept), never taken for a leaver.
    """
    incoming = Incoming(complete=fetched.full and fetched.roll_proven)
    if fetched.full and not fetched.roll_proven:
        incoming.problems.append(roll_not_proven(fetched.roll_doubt))
    for feature in fetched.withheld:
        incoming.problems.append(withheld(feature))
    for student in fetched.students:
        if isinstance(student, Invalid):
            incoming.problems.append(map_invalid(student))
            incoming.sightings.append(_invalid_identity(student))
            continue
        record, problems = map_student(student, rules, fetched.features)
        incoming.problems.extend(problems)
        if record is not None:
            incoming.pupils.append(record)
        else:
            incoming.sightings.append(_Draft.of(student).identity)
    for summary in fetched.attendance:
        if isinstance(summary, Invalid):
            incoming.problems.append(map_invalid(summary, "an attendance summary"))
        elif (attendance := map_attendance(summary)) is not None:
            incoming.pupils.append(attendance)
    for leaver in fetched.leavers:
        if not isinstance(leaver, Invalid):
            incoming.departures.append(map_leaver(leaver))
    for deletion in fetched.deletions:
        if not isinstance(deletion, Invalid) and (departure := map_deletion(deletion)):
            incoming.departures.append(departure)
    for photo in fetched.photos:
        if not isinstance(photo, Invalid) and (picture := map_photo(photo)):
            incoming.photos.append(picture)
    return incoming


def roll_not_proven(why: str) -> Problem:
    message = (
        f"The roll read from Wonde could not be shown complete ({why}), so no pupil was archived "
        "this time; updates were applied. The next full sync checks again."
    )
    return Problem("roll_not_proven", message, "warning")


def withheld(feature: str) -> Problem:
    message = (
        f"Wonde refused the {feature} data (403) although the school's permission list did not "
        "say it was denied; what we hold was kept. Check the school's permissions in Wonde."
    )
    return Problem("permission_denied", message, "warning")


def map_student(
    student: Student, rules: SyncOptions = DEFAULT_OPTIONS, features: frozenset[str] = ALL_FEATURES
) -> tuple[PupilRecord | None, list[Problem]]:
    """A pupil on roll, or None with the reason when the record cannot be used.

    Only what `features` says was read is set: a feature not read leaves our values alone, and
    so does a value we could not read (it becomes an issue instead).
    """
    draft = _Draft.of(student)
    for dropped in student.unreadable:
        draft.unreadable(dropped)
    if not (student.upi or student.mis_id):
        draft.problem("missing_identity", "has neither a UPI nor an MIS id", "error")
        return None, draft.problems
    if not (_clean(student.forename) and _clean(student.surname)):
        draft.problem(
            "missing_name",
            "has no forename or surname, so nothing in the record was applied; a pupil we hold "
            "stays on roll as they are",
            "error",
        )
        return None, draft.problems
    draft.fields.update(
        upi=student.upi,
        wonde_id=student.id,
        mis_id=student.mis_id,
        forename=(student.forename or "").strip(),
        middle_names=_clean(student.middle_names),
        surname=(student.surname or "").strip(),
        legal_forename=_clean(student.legal_forename),
        legal_surname=_clean(student.legal_surname),
        gender=census.normalise_gender(student.gender),
    )
    if student.date_of_birth is not None:
        draft.fields["date_of_birth"] = student.date_of_birth
    else:  # a pupil always has one: an empty or unreadable date never clears ours
        draft.problem("missing_date_of_birth", "has no date of birth; the one we hold was kept")
    if not rules.sync_contacts:
        draft.fields["contacts"] = []  # we keep no contacts once a school stops syncing them
    elif "contacts" in features and not student.broken("contacts"):
        draft.fields["contacts"] = [map_contact(c) for c in _by_priority(student.contacts)]
    _education(student, draft)
    if "extended" in features:
        _extended(student, draft)
    if "sen" in features:
        _sen(student, draft, rules)
    _groups(student, draft.year, features)
    for name in _BROKEN_FIELDS:  # a value we could not read keeps the one we hold
        if student.broken(name):
            draft.fields.pop(_BROKEN_FIELDS[name], None)
            draft.year.pop(_BROKEN_FIELDS[name], None)
    return draft.record(), draft.problems


# Wonde paths whose unreadable value leaves the named field of ours as we hold it.
_BROKEN_FIELDS = {
    "upi": "upi",
    "mis_id": "mis_id",
    "middle_names": "middle_names",
    "legal_forename": "legal_forename",
    "legal_surname": "legal_surname",
    "gender": "gender",
    "education_details.upn": "upn",
    "education_details.former_upn": "former_upn",
    "education_details.admission_date": "admission_date",
    "education_details.leaving_date": "leaving_date",
    "education_details.current_nc_year": "year_group",
    "extended_details.ethnicity": "ethnicity",
    "extended_details.first_language": "first_language",
    "extended_details.english_as_additional_language": "eal",
    "extended_details.free_school_meals": "fsm",
    "extended_details.free_school_meals_6": "fsm_ever6",
    "extended_details.in_lea_care": "in_care",
    "extended_details.premium_pupil_indicator": "pupil_premium",
    "registration": "registration_group",
    "classes": "classes",
}


def _invalid_identity(record: Invalid) -> Identity:
    upn = _upper(record.upn)
    return Identity(upi=record.upi, mis_id=record.mis_id, wonde_id=record.id, upn=upn)


@dataclass
class _Draft:
    """A pupil record being built, with the problems found on the way: a value not set in
    `fields` or `year` was not sent."""

    identity: Identity
    name: str
    fields: dict[str, Any] = field(default_factory=dict)
    year: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def of(cls, student: Student) -> _Draft:
        education = student.education_details
        identity = Identity(
            upi=student.upi,
            mis_id=student.mis_id,
            wonde_id=student.id,
            upn=_upper(education.upn) if education else None,
        )
        return cls(identity, display_name(_clean(student.forename), _clean(student.surname)))

    def record(self) -> PupilRecord:
        fields, year = PupilFields.of(self.fields), YearFields.of(self.year)
        return PupilRecord(self.identity, fields, year, on_roll=True)

    def problem(self, code: str, message: str, severity: str = "warning") -> None:
        self.problems.append(Problem(code, message, severity, self.identity, self.name))

    def unreadable(self, dropped: Unreadable) -> None:
        self.problem(
            "unreadable_value",
            f"has a value we could not read in {dropped.field}: {dropped.value!r} "
            f"(expected {dropped.expected}); what we hold for it was kept",
        )


def map_contact(contact: Contact) -> dict[str, Any]:
    relationship = contact.relationship
    details = contact.contact_details
    return {
        "name": " ".join(p for p in (contact.title, contact.forename, contact.surname) if p),
        "relationship": relationship.relationship if relationship else None,
        "email": details.email if details else None,
        "priority": relationship.priority if relationship else None,
        "parental_responsibility": relationship.parental_responsibility if relationship else None,
    }


def map_attendance(summary: AttendanceSummary) -> PupilRecord | None:
    if not summary.student:
        return None
    year = YearFields(
        att_possible=summary.possible_marks,
        att_present=summary.present_marks,
        att_authorised=summary.authorised_absence_marks,
        att_unauthorised=summary.unauthorised_absence_marks,
        att_unexplained=summary.unexplained_absence_marks,
    )
    return PupilRecord(identity=Identity(wonde_id=summary.student), year=year)


def map_leaver(student: Student) -> Departure:
    education = student.education_details
    return Departure(
        identity=Identity(upi=student.upi, mis_id=student.mis_id, wonde_id=student.id),
        leaving_date=education.leaving_date if education else None,
    )


def map_deletion(deletion: Deletion) -> Departure | None:
    """A deletion of a pupil that has not been restored since."""
    if deletion.restored_at is not None or (deletion.type or "student") != "student":
        return None
    deleted = deletion.deleted_at
    return Departure(
        identity=Identity(mis_id=deletion.mis_id, wonde_id=deletion.id),
        leaving_date=deleted.astimezone(LONDON).date() if deleted else None,
    )


def map_photo(photo: Photo) -> PhotoRecord | None:
    if not (photo.student and photo.hash and photo.content):
        return None
    return PhotoRecord(wonde_id=photo.student, hash=photo.hash, content=photo.content)


def map_invalid(record: Invalid, what: str = "the pupil record") -> Problem:
    identity = Identity(upi=record.upi, wonde_id=record.id)
    return Problem(
        "malformed_record", f"{what} could not be read: {record.error}", "error", identity
    )


def _education(student: Student, draft: _Draft) -> None:
    education = student.education_details
    if education is None:
        if student.year is not None:
            draft.year["year_group"] = student.year.code or student.year.name
        return
    upn = _upper(education.upn)
    draft.fields.update(
        upn=upn,
        former_upn=_upper(education.former_upn),
        admission_date=education.admission_date,
        leaving_date=education.leaving_date,
    )
    draft.year["year_group"] = _clean(education.current_nc_year) or (
        student.year.code if student.year else None
    )
    if upn is None:
        draft.problem("missing_upn", "has no UPN")
    elif not census.is_valid_upn(upn):
        draft.problem("invalid_upn", f"has a UPN ({upn}) whose format or check letter is wrong")


def _extended(student: Student, draft: _Draft) -> None:
    extended = student.extended_details
    if extended is None:
        return
    draft.fields.update(
        ethnicity=_clean(extended.ethnicity),
        first_language=_clean(extended.first_language),
        eal=extended.english_as_additional_language,
        fsm=extended.free_school_meals,
        fsm_ever6=extended.free_school_meals_6,
        in_care=extended.in_lea_care,
    )
    draft.year["pupil_premium"] = extended.premium_pupil_indicator


def _sen(student: Student, draft: _Draft, rules: SyncOptions) -> None:
    extended = student.extended_details
    if student.broken("extended_details") and (
        extended is None or student.broken("extended_details.sen_status")
    ):
        return  # an unreadable status is not "no SEN"
    status = _clean(extended.sen_status) if extended else None
    if status is None:
        if not rules.null_means_no_sen:
            return  # a missing SEN value never overwrites the SEN we hold
        provision: str | None = "N"
    else:
        provision = rules.sen_provision(status)
    if provision is None:
        draft.problem(
            "unknown_sen_code",
            f"has the SEN code '{status}', which is not a standard code, so their SEN was left "
            "as it was.",
        )
        return
    if rules.sync_sen_provision:
        draft.year["sen_provision"] = provision
    if rules.sync_sen_types and (provision == "N" or not student.broken("sen_needs")):
        draft.year["sen_needs"] = [] if provision == "N" else _needs(student)


def _needs(student: Student) -> list[dict[str, Any]]:
    needs = [
        {"type": n.type.strip().upper(), "rank": n.rank}
        for n in student.sen_needs
        if n.type and n.type.strip()
    ]
    return sorted(needs, key=lambda n: (n["rank"] is None, n["rank"] or 0, n["type"]))


def _groups(student: Student, year: dict[str, Any], features: frozenset[str]) -> None:
    registration = student.registration
    # null is a withheld scope as often as a pupil with no form
    if "groups" in features and registration is not None:
        year["registration_group"] = registration.name or registration.code
    if "classes" in features:
        year["classes"] = sorted({c.name for c in student.classes if c.name})


def _by_priority(contacts: tuple[Contact, ...]) -> list[Contact]:
    def key(contact: Contact) -> tuple[int, str]:
        priority = contact.relationship.priority if contact.relationship else None
        return (priority if priority is not None else 99, contact.id)

    return sorted(contacts, key=key)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _upper(value: str | None) -> str | None:
    value = _clean(value)
    return value.upper() if value else None
