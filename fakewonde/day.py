"""One school day passes in the MIS: pupils join, leave and come back; SEN, a contact's email
and everyone's attendance change. Every change is stamped with the new clock time."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, replace

from fakewonde import attendance
from fakewonde.generate import GeneratorState, add_pupil, new_summary
from fakewonde.people import email_address, set_sen
from fakewonde.records import Student
from fakewonde.school import FakeSchool


@dataclass
class DayChanges:
    school_id: str
    date: str  # the new clock date, ISO
    joined: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    reenrolled: list[str] = field(default_factory=list)  # new Wonde ids
    reenrolled_from: list[str] = field(default_factory=list)  # the ids they had before leaving
    sen_changed: list[str] = field(default_factory=list)
    contacts_changed: list[str] = field(default_factory=list)
    attendance_updated: int = 0


def advance(school: FakeSchool, at: dt.datetime, rng: random.Random) -> DayChanges:
    """Apply one day's MIS changes to `school`; `at` is the new clock time."""
    changes = DayChanges(school.id, at.date().isoformat())
    changes.attendance_updated = _attendance(school, rng, at)
    changes.left = _leave(school, rng, at)
    _reenrol(school, rng, at, changes)
    changes.joined = _join(school, rng, at)
    changes.sen_changed = _sen(school, rng, at)
    changes.contacts_changed = _email(school, rng, at)
    return changes


def _attendance(school: FakeSchool, rng: random.Random, at: dt.datetime) -> int:
    finished = at.date() - dt.timedelta(days=1)  # the school day that has just ended
    for summary in school.attendance.values():
        attendance.one_more_day(summary, rng, finished, at)
    return len(school.attendance)


def _leave(school: FakeSchool, rng: random.Random, at: dt.datetime) -> list[str]:
    on_roll = sorted(school.students)
    leaving = rng.sample(on_roll, min(len(on_roll), rng.randint(1, 3)))
    for student_id in leaving:
        school.withdraw(student_id, at=at, leaving_date=at.date())
    return leaving


def _reenrol(school: FakeSchool, rng: random.Random, at: dt.datetime, changes: DayChanges) -> None:
    """An earlier leaver comes back: a new Wonde id, the same UPI and MIS id."""
    earlier = sorted(
        i
        for i, s in school.leavers.items()
        if s.leaving_date is not None and s.leaving_date < at.date()
    )
    if not earlier:
        return
    old_id = rng.choice(earlier)
    old = school.leavers.pop(old_id)
    returning: Student = replace(
        old,
        id=school.ids.wonde_id(),
        created_at=at,
        updated_at=at,
        restored_at=at,
        leaving_date=None,
        admission_date=at.date(),
        cache={},
        contacts=[replace(link) for link in old.contacts],
        class_ids=list(old.class_ids),
        sen_needs=list(old.sen_needs),
    )
    school.enrol(returning)
    school.attendance[returning.id] = new_summary(school, rng, returning, at)
    school.deletions[old_id].restored_at = at
    changes.reenrolled.append(returning.id)
    changes.reenrolled_from.append(old_id)


def _join(school: FakeSchool, rng: random.Random, at: dt.datetime) -> list[str]:
    state = school.generator_state
    if not isinstance(state, GeneratorState):
        return []  # a hand-built school has no generator to make pupils with
    joined = []
    for _ in range(rng.randint(1, 3)):
        sizes = {
            f.code: len(school.groups[f.registration_id].student_ids) for f in state.layout.forms
        }
        smallest = min(sizes.values())
        form = rng.choice([f for f in state.layout.forms if sizes[f.code] == smallest])
        joined.append(add_pupil(school, rng, form, at).id)
    return joined


def _sen(school: FakeSchool, rng: random.Random, at: dt.datetime) -> list[str]:
    on_roll = sorted(school.students)
    chosen = rng.sample(on_roll, min(len(on_roll), rng.randint(1, 3)))
    for student_id in chosen:
        student = school.students[student_id]
        set_sen(student, rng, school, _next_provision(student, rng), at.date())
        student.touch(at)
    return chosen


def _next_provision(student: Student, rng: random.Random) -> str:
    current = student.sen_status or "N"
    if current == "N":
        return "K"
    if current == "E" or current.startswith("Education"):
        return rng.choice(("K", "E"))
    roll = rng.random()  # on SEN support (or the school's own code for it)
    return "N" if roll < 0.4 else "E" if roll < 0.7 else "K"


def _email(school: FakeSchool, rng: random.Random, at: dt.datetime) -> list[str]:
    candidates = sorted(c.id for c in school.contacts.values() if c.student_ids)
    if not candidates:
        return []
    contact = school.contacts[rng.choice(candidates)]
    slot = next((key for key, value in contact.emails.items() if value), "email")
    old = contact.emails.get(slot)
    new = email_address(rng, contact.forename, contact.surname)
    while new == old:
        new = email_address(rng, contact.forename, contact.surname)
    contact.emails = {**contact.emails, slot: new}
    school.touch_contact(contact.id, at)
    return [contact.id]
