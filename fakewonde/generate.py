"""Seeded, realistic fake schools: `generate_school(seed=1)` is the same school every time."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from fakewonde import attendance, photos, timetable
from fakewonde.dates import academic_year_start, normalise_clock
from fakewonde.ids import IdMint
from fakewonde.names import SCHOOL_NAMES, STREET_KINDS, STREETS, TOWNS
from fakewonde.people import People
from fakewonde.records import AttendanceSummary, Photo, Student
from fakewonde.school import FakeSchool
from fakewonde.timetable import Form, Layout

DEFAULT_FORMS = {"PRIMARY": 2, "SECONDARY": 8}
FORM_SIZE = 30
UNIFORMS = ((20, 40, 110), (110, 20, 40), (20, 80, 40), (60, 60, 60), (90, 30, 100))


@dataclass
class GeneratorState:
    """What `advance_day` needs to add pupils the way the generator did."""

    seed: int
    layout: Layout
    people: People
    uniform: tuple[int, int, int]


def generate_school(
    *,
    seed: int,
    phase: str = "secondary",
    forms: int | None = None,
    school_id: str | None = None,
    name: str | None = None,
    clock: dt.datetime | None = None,
    photos: bool = True,
) -> FakeSchool:
    now = normalise_clock(clock)
    rng = random.Random(seed)
    school = _empty_school(rng, seed, phase.upper(), school_id, name, now)
    forms = forms or DEFAULT_FORMS[school.phase]
    academic_year = academic_year_start(now.date())
    term_start = dt.datetime.combine(
        attendance.first_school_day(academic_year) - dt.timedelta(days=4), dt.time(6), dt.UTC
    )
    layout = timetable.build(
        school,
        rng,
        forms=forms,
        academic_year=academic_year,
        made_at=min(term_start, now - dt.timedelta(days=1)),
    )
    people = People(
        la_code=school.la_code,
        establishment=school.establishment_number,
        town=school.address_town,
        postcode_area=school.postcode.split()[0],
    )
    state = GeneratorState(seed, layout, people, rng.choice(UNIFORMS))
    school.generator_state = state
    for form in layout.forms:
        for _ in range(FORM_SIZE - (1 if rng.random() < 0.25 else 0)):
            _enrol_new(school, state, rng, form, now, photo=photos)
    _custom_sen_code(school, rng)
    _in_year_leavers(school, state, rng, now)
    _settle_updated_at(school)
    return school


def add_pupil(school: FakeSchool, rng: random.Random, form: Form, at: dt.datetime) -> Student:
    """A pupil joining `form` today (used by advance_day): no photo yet, no attendance so far."""
    state = _state(school)
    student = state.people.pupil(
        school,
        rng,
        nc_year=form.nc_year,
        academic_year=state.layout.academic_year,
        admitted=at.date(),
        at=at,
    )
    timetable.place(student, form, state.layout, rng)
    school.enrol(student)
    school.attendance[student.id] = new_summary(school, rng, student, at)
    return student


def new_summary(
    school: FakeSchool, rng: random.Random, student: Student, at: dt.datetime
) -> AttendanceSummary:
    rate, unexplained_prone = attendance.habits(rng)
    return AttendanceSummary(
        id=school.ids.wonde_id(),
        student_id=student.id,
        created_at=at,
        updated_at=at,
        start_date=at.date(),
        end_date=at.date() - dt.timedelta(days=1),
        attendance_rate=rate,
        unexplained_prone=unexplained_prone,
    )


def _state(school: FakeSchool) -> GeneratorState:
    if not isinstance(school.generator_state, GeneratorState):
        raise ValueError(f"school {school.id} was not made by generate_school")
    return school.generator_state


def _empty_school(
    rng: random.Random,
    seed: int,
    phase: str,
    school_id: str | None,
    name: str | None,
    now: dt.datetime,
) -> FakeSchool:
    mint = IdMint(random.Random(f"ids:{seed}"))
    place = rng.choice(SCHOOL_NAMES)
    town = rng.choice(TOWNS)
    establishment = rng.randint(2000, 3999) if phase == "PRIMARY" else rng.randint(4000, 4999)
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    postcode = f"{town[:2].upper()}{rng.randint(1, 20)} {rng.randint(1, 9)}"
    postcode += rng.choice(letters) + rng.choice(letters)
    school = FakeSchool(
        id=school_id or mint.wonde_id(),
        name=name or f"{place} {'Primary School' if phase == 'PRIMARY' else 'Academy'}",
        urn=rng.randint(100_000, 149_999),
        la_code=str(rng.randint(201, 938)),
        establishment_number=str(establishment),
        phase=phase,
        address_line_1=f"{rng.randint(1, 99)} {rng.choice(STREETS)} {rng.choice(STREET_KINDS)}",
        address_town=town,
        postcode=postcode,
        connected_at=now - dt.timedelta(days=rng.randint(400, 700), seconds=rng.randint(0, 9999)),
        mint=mint,
    )
    mint.reserve(school.id)
    return school


def _enrol_new(
    school: FakeSchool,
    state: GeneratorState,
    rng: random.Random,
    form: Form,
    now: dt.datetime,
    *,
    photo: bool,
) -> Student:
    academic_year = state.layout.academic_year
    intake = academic_year - (
        timetable.year_number(form.nc_year)
        - timetable.year_number(timetable.years_of(school.phase)[0])
    )
    admitted = attendance.first_school_day(intake)
    if rng.random() < 0.06:  # joined in-year, some time after the intake
        span = max(0, (now.date() - admitted).days - 1)
        admitted += dt.timedelta(days=rng.randint(0, span))
    created = _created(rng, school, admitted, now)
    student = state.people.pupil(
        school,
        rng,
        nc_year=form.nc_year,
        academic_year=academic_year,
        admitted=admitted,
        at=created,
    )
    student.updated_at = _later(rng, created, now)
    timetable.place(student, form, state.layout, rng)
    for link in student.contacts:
        contact = school.contacts[link.contact_id]
        contact.updated_at = max(contact.updated_at, _later(rng, contact.created_at, now))
    school.enrol(student)
    school.attendance[student.id] = _summary_so_far(school, rng, student, now)
    if photo and rng.random() < 0.97:
        school.photos[student.id] = _photo(school, rng, state.uniform, student, now)
    return student


def _created(
    rng: random.Random, school: FakeSchool, admitted: dt.date, now: dt.datetime
) -> dt.datetime:
    """When Wonde first saw the record: at connection, or the night after admission."""
    seen = dt.datetime.combine(admitted, dt.time(2), dt.UTC)
    created = max(school.connected_at, seen) + dt.timedelta(seconds=rng.randint(0, 7200))
    return min(created, now - dt.timedelta(hours=1, seconds=rng.randint(0, 3600)))


def _later(rng: random.Random, start: dt.datetime, now: dt.datetime) -> dt.datetime:
    """Some moment between `start` and now, more often recent than not."""
    span = max(0, int((now - start).total_seconds()) - 60)
    return start + dt.timedelta(seconds=int(span * rng.random() ** 0.5))


def _summary_so_far(
    school: FakeSchool, rng: random.Random, student: Student, now: dt.datetime
) -> AttendanceSummary:
    today = now.date()
    assert student.admission_date is not None
    start = max(attendance.first_school_day(academic_year_start(today)), student.admission_date)
    summary = new_summary(school, rng, student, student.created_at)
    summary.start_date = start
    summary.end_date = today - dt.timedelta(days=1)
    sessions = 2 * attendance.school_days(start, summary.end_date)
    attendance.year_so_far(summary, rng, sessions)
    summary.updated_at = now - dt.timedelta(hours=rng.randint(2, 20), seconds=rng.randint(0, 3599))
    summary.updated_at = max(summary.updated_at, summary.created_at)
    return summary


def _photo(
    school: FakeSchool,
    rng: random.Random,
    uniform: tuple[int, int, int],
    student: Student,
    now: dt.datetime,
) -> Photo:
    jpeg = photos.make_jpeg(rng, uniform)
    digest, content = photos.encode(jpeg)
    taken = _later(rng, student.created_at, now)
    return Photo(
        id=school.ids.wonde_id(),
        student_id=student.id,
        jpeg=jpeg,
        hash=digest,
        content=content,
        created_at=taken,
        updated_at=taken,
    )


def _settle_updated_at(school: FakeSchool) -> None:
    """Keep the contract: a pupil is at least as fresh as anything its includes serve
    (attendance and photos aside)."""
    for student in school.students.values():
        served = [school.contacts[link.contact_id].updated_at for link in student.contacts]
        served += [school.classes[i].updated_at for i in student.class_ids]
        served += [school.groups[i].updated_at for i in student.group_ids]
        student.updated_at = max([student.updated_at, *served])


def _custom_sen_code(school: FakeSchool, rng: random.Random) -> None:
    """Larger schools have one pupil on the school's own SEN code ("MP": My Plan)."""
    if len(school.students) < 600:
        return
    support = [s for s in school.students.values() if s.sen_status == "K"]
    if support:
        rng.choice(support).sen_status = "MP"


def _in_year_leavers(
    school: FakeSchool, state: GeneratorState, rng: random.Random, now: dt.datetime
) -> None:
    """About 1% of the roll has already left this academic year."""
    first_day = attendance.first_school_day(state.layout.academic_year)
    yesterday = now.date() - dt.timedelta(days=1)
    for _ in range(max(1, round(len(school.students) * 0.01))):
        student = _enrol_new(school, state, rng, rng.choice(state.layout.forms), now, photo=False)
        assert student.admission_date is not None
        earliest = min(max(first_day, student.admission_date), yesterday)
        left = earliest + dt.timedelta(days=rng.randint(0, (yesterday - earliest).days))
        at = dt.datetime.combine(left, dt.time(18), dt.UTC)
        at += dt.timedelta(seconds=rng.randint(0, 3600))
        at = min(max(at, student.created_at), now - dt.timedelta(minutes=5))
        school.withdraw(student.id, at=at, leaving_date=left)
