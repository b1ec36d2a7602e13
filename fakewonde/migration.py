"""A school changing MIS: Wonde extracts it afresh, so every pupil gets a new Wonde id and a new
MIS id. The UPN, a national number, survives; the UPI usually does too, but `new_upis` lets a
test take it away from some pupils to show matching falls back to the UPN."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from fakewonde.records import Contact, Group, SchoolClass
from fakewonde.school import FakeSchool


def migrate_mis(
    school: FakeSchool, at: dt.datetime, *, to: str, new_upis: Collection[str] = ()
) -> dict[str, str]:
    """Re-key the school's pupils as the new MIS would; returns old Wonde id -> new."""
    renamed = {old: school.ids.wonde_id() for old in [*school.students, *school.leavers]}
    for people in (school.students, school.leavers):
        for student in list(people.values()):
            if student.upi in new_upis:
                student.upi = school.ids.upi()
            student.id = renamed[student.id]
            student.mis_id = school.ids.mis_id()
            student.touch(at)
        rekeyed = {s.id: s for s in people.values()}
        people.clear()
        people.update(rekeyed)
    holders: list[Group | SchoolClass | Contact] = [
        *school.groups.values(),
        *school.classes.values(),
        *school.contacts.values(),
    ]
    for holder in holders:
        holder.student_ids = [renamed.get(i, i) for i in holder.student_ids]
        holder.touch(at)
    for summary in school.attendance.values():
        summary.student_id = renamed.get(summary.student_id, summary.student_id)
        summary.touch(at)
    for photo in school.photos.values():
        photo.student_id = renamed.get(photo.student_id, photo.student_id)
        photo.touch(at)
    school.attendance = {s.student_id: s for s in school.attendance.values()}
    school.photos = {p.student_id: p for p in school.photos.values()}
    school.deletions.clear()  # the new MIS has no history of deleting anyone
    school.mis = to
    return renamed
