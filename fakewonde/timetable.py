"""A school's shape: year groups, forms, houses, subjects and teaching classes.

Secondary: every form in key stage 3 has its own class per subject ("7A/Ma1"); key stage 4 keeps
form classes for the core subjects and shares option classes across the year ("10/Hi2").
Primary: one class per form, mirroring the registration group ("1B").
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field

from fakewonde.names import (
    HOUSES,
    KS3_SUBJECTS,
    KS4_CORE,
    KS4_OPTIONS,
    PRIMARY_FORMS,
    SECONDARY_LETTERS,
    SUBJECTS,
)
from fakewonde.records import Group, SchoolClass, Student, Subject
from fakewonde.school import FakeSchool

PRIMARY_YEARS = ("R", "1", "2", "3", "4", "5", "6")
SECONDARY_YEARS = ("7", "8", "9", "10", "11")
OPTIONS_PER_PUPIL = 3
OPTION_CLASS_SIZE = 27


@dataclass
class Form:
    nc_year: str
    code: str
    registration_id: str
    year_id: str
    class_ids: list[str] = field(default_factory=list)


@dataclass
class Layout:
    academic_year: int
    forms: list[Form]
    house_ids: list[str]
    options: dict[str, dict[str, list[str]]]  # nc year -> subject code -> class ids

    def forms_of(self, nc_year: str) -> list[Form]:
        return [form for form in self.forms if form.nc_year == nc_year]


def years_of(phase: str) -> tuple[str, ...]:
    return PRIMARY_YEARS if phase.upper() == "PRIMARY" else SECONDARY_YEARS


def year_number(nc_year: str) -> int:
    return 0 if nc_year == "R" else int(nc_year)


def build(
    school: FakeSchool, rng: random.Random, *, forms: int, academic_year: int, made_at: dt.datetime
) -> Layout:
    """Create the school's groups, subjects and classes; return where pupils can be placed."""
    maker = _Maker(school, rng, made_at, f"{academic_year}/{academic_year + 1}")
    primary = school.phase == "PRIMARY"
    houses = (
        []
        if primary
        else [maker.group(name, code, "HOUSE", f"{name} House") for code, name in HOUSES]
    )
    subjects = {} if primary else {code: maker.subject(code, name) for code, name in SUBJECTS}
    layout = Layout(academic_year, [], [g.id for g in houses], {})
    for nc_year in years_of(school.phase):
        name = "Reception" if nc_year == "R" else f"Year {nc_year}"
        year = maker.group(name, nc_year, "YEAR", name)
        for index in range(forms):
            layout.forms.append(_form(maker, nc_year, index, year.id, subjects, primary))
        if nc_year in ("10", "11"):
            layout.options[nc_year] = _option_classes(maker, nc_year, forms, subjects)
    return layout


def place(student: Student, form: Form, layout: Layout, rng: random.Random) -> None:
    """Give a pupil its year, form, house and classes (key stage 4 pupils pick options)."""
    student.nc_year = form.nc_year
    student.year_id = form.year_id
    student.registration_id = form.registration_id
    student.house_id = rng.choice(layout.house_ids) if layout.house_ids else None
    student.class_ids = list(form.class_ids)
    options = layout.options.get(form.nc_year)
    if options:
        for subject_code in rng.sample(sorted(options), OPTIONS_PER_PUPIL):
            student.class_ids.append(rng.choice(options[subject_code]))


class _Maker:
    def __init__(
        self, school: FakeSchool, rng: random.Random, made_at: dt.datetime, academic_year: str
    ) -> None:
        self.school = school
        self.rng = rng
        self.made_at = made_at
        self.academic_year = academic_year

    def _made(self) -> dt.datetime:
        return self.made_at + dt.timedelta(seconds=self.rng.randint(0, 3600))

    def group(self, name: str, code: str, kind: str, description: str) -> Group:
        ids, made = self.school.ids, self._made()
        group = Group(
            id=ids.wonde_id(),
            mis_id=ids.mis_id(),
            name=name,
            code=code,
            type=kind,
            description=description,
            created_at=made,
            updated_at=made,
        )
        self.school.groups[group.id] = group
        return group

    def subject(self, code: str, name: str) -> Subject:
        ids, made = self.school.ids, self._made()
        subject = Subject(
            id=ids.wonde_id(),
            mis_id=ids.mis_id(),
            code=code,
            name=name,
            created_at=made,
            updated_at=made,
        )
        self.school.subjects[subject.id] = subject
        return subject

    def school_class(
        self, name: str, description: str, subject: Subject | None, year_group: str
    ) -> SchoolClass:
        ids, made = self.school.ids, self._made()
        school_class = SchoolClass(
            id=ids.wonde_id(),
            mis_id=ids.mis_id(),
            name=name,
            code=name,
            description=description,
            subject_id=subject.id if subject else None,
            academic_year=self.academic_year,
            year_group=year_group,
            created_at=made,
            updated_at=made,
        )
        self.school.classes[school_class.id] = school_class
        return school_class


def _form(
    maker: _Maker,
    nc_year: str,
    index: int,
    year_id: str,
    subjects: dict[str, Subject],
    primary: bool,
) -> Form:
    if primary:
        letter, tree = PRIMARY_FORMS[index % len(PRIMARY_FORMS)]
        code = f"{nc_year}{letter}" + ("" if index < len(PRIMARY_FORMS) else str(index))
        label = "Reception" if nc_year == "R" else f"Year {nc_year}"
        registration = maker.group(code, code, "REGISTRATION", f"{label} {tree}")
        only = maker.school_class(code, f"{label} {tree}", None, nc_year)
        return Form(nc_year, code, registration.id, year_id, [only.id])
    code = f"{nc_year}{SECONDARY_LETTERS[index % len(SECONDARY_LETTERS)]}"
    registration = maker.group(code, code, "REGISTRATION", f"Form {code}")
    form = Form(nc_year, code, registration.id, year_id)
    taught = KS3_SUBJECTS if nc_year in ("7", "8", "9") else KS4_CORE
    for subject_code in taught:
        subject = subjects[subject_code]
        form.class_ids.append(
            maker.school_class(f"{code}/{subject_code}1", subject.name, subject, nc_year).id
        )
    return form


def _option_classes(
    maker: _Maker, nc_year: str, forms: int, subjects: dict[str, Subject]
) -> dict[str, list[str]]:
    takers = forms * 30 * OPTIONS_PER_PUPIL / len(KS4_OPTIONS)
    per_subject = max(1, math.ceil(takers / OPTION_CLASS_SIZE))
    options: dict[str, list[str]] = {}
    for subject_code in KS4_OPTIONS:
        subject = subjects[subject_code]
        options[subject_code] = [
            maker.school_class(f"{nc_year}/{subject_code}{k}", subject.name, subject, nc_year).id
            for k in range(1, per_subject + 1)
        ]
    return options
