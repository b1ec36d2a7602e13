"""A fake school: its Wonde connection and the MIS data Wonde extracts from it."""

from __future__ import annotations

import datetime as dt
import pickle
import random
from dataclasses import dataclass, field
from typing import Any

from fakewonde.ids import IdMint
from fakewonde.permissions import all_granted
from fakewonde.records import (
    AttendanceSummary,
    Contact,
    Deletion,
    Group,
    Photo,
    SchoolClass,
    Student,
    Subject,
)

STATES = ("approved", "pending", "declined", "revoked", "not_requested")


@dataclass(eq=False)
class FakeSchool:
    id: str
    name: str
    urn: int
    la_code: str
    establishment_number: str
    phase: str  # PRIMARY or SECONDARY
    mis: str = "SIMS"
    state: str = "approved"
    permissions: dict[str, bool] = field(default_factory=all_granted)
    address_line_1: str = "1 School Lane"
    address_town: str = "Ambridge"
    postcode: str = "AM1 1AA"
    connected_at: dt.datetime = field(
        default_factory=lambda: dt.datetime(2025, 1, 6, 9, 30, tzinfo=dt.UTC)
    )
    # On roll, by Wonde id; leavers keep the id they had on roll.
    students: dict[str, Student] = field(default_factory=dict)
    leavers: dict[str, Student] = field(default_factory=dict)
    deletions: dict[str, Deletion] = field(default_factory=dict)
    classes: dict[str, SchoolClass] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    subjects: dict[str, Subject] = field(default_factory=dict)
    contacts: dict[str, Contact] = field(default_factory=dict)
    attendance: dict[str, AttendanceSummary] = field(default_factory=dict)  # by student id
    photos: dict[str, Photo] = field(default_factory=dict)  # by student id
    mint: IdMint | None = field(default=None, repr=False)
    # What the generator needs to add pupils later (forms, UPN serials, families); opaque here.
    generator_state: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.phase = self.phase.upper()
        if self.mint is None:
            self.mint = IdMint(random.Random(f"ids:{self.id}"))

    @property
    def ids(self) -> IdMint:
        assert self.mint is not None
        return self.mint

    def clone(self) -> FakeSchool:
        """A deep copy (pickled and back: far quicker than generating the school again)."""
        copy: FakeSchool = pickle.loads(pickle.dumps(self, pickle.HIGHEST_PROTOCOL))
        return copy

    def is_approved(self) -> bool:
        return self.state == "approved"

    def granted(self, identity: str) -> bool:
        return self.permissions.get(identity, False)

    # Reading -----------------------------------------------------------------------------------

    def student(self, student_id: str) -> Student | None:
        return self.students.get(student_id)

    def students_of_contact(self, contact: Contact) -> list[Student]:
        found = (self.students.get(i) or self.leavers.get(i) for i in contact.student_ids)
        return [s for s in found if s is not None]

    # Changing ----------------------------------------------------------------------------------

    def enrol(self, student: Student) -> Student:
        """Put a pupil on roll and into its groups, classes and contacts' lists."""
        self.ids.reserve(student.id)
        self.students[student.id] = student
        for group_id in student.group_ids:
            self.groups[group_id].student_ids.append(student.id)
        for class_id in student.class_ids:
            self.classes[class_id].student_ids.append(student.id)
        for link in student.contacts:
            self.contacts[link.contact_id].student_ids.append(student.id)
        return student

    def withdraw(self, student_id: str, *, at: dt.datetime, leaving_date: dt.date) -> Student:
        """Take a pupil off roll: a leaver with a leaving date and a deletion entry."""
        student = self.students.pop(student_id)
        for group_id in student.group_ids:
            _discard(self.groups[group_id].student_ids, student_id)
        for class_id in student.class_ids:
            _discard(self.classes[class_id].student_ids, student_id)
        for link in student.contacts:
            _discard(self.contacts[link.contact_id].student_ids, student_id)
        self.attendance.pop(student_id, None)
        self.photos.pop(student_id, None)
        student.leaving_date = leaving_date
        student.touch(at)
        self.leavers[student_id] = student
        self.deletions[student_id] = Deletion(
            type="student", id=student_id, mis_id=student.mis_id, deleted_at=at
        )
        return student

    def touch_student(self, student_id: str, at: dt.datetime) -> None:
        student = self.students.get(student_id) or self.leavers[student_id]
        student.touch(at)

    def touch_contact(self, contact_id: str, at: dt.datetime) -> None:
        """A contact changed: so did every pupil that serves it through `include=contacts`."""
        contact = self.contacts[contact_id]
        contact.touch(at)
        for student in self.students_of_contact(contact):
            student.touch(at)


def _discard(items: list[str], item: str) -> None:
    if item in items:
        items.remove(item)
