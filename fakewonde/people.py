"""Pupils and their families: names, identifiers, SEN, FSM, EAL and contacts."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass, field, replace

from fakewonde.names import (
    EAL_STATUSES,
    EMAIL_DOMAINS,
    ETHNICITIES,
    GRANDPARENT_BOYS,
    GRANDPARENT_GIRLS,
    HERITAGES,
    LANDLINE_PREFIX,
    MIDDLE_NAMES,
    MOBILE_PREFIX,
    NICKNAMES,
    PARENT_BOYS,
    PARENT_GIRLS,
    PLAN_NEEDS,
    SEN_TEXT,
    STREET_KINDS,
    STREETS,
    SUPPORT_NEEDS,
    Ethnicity,
)
from fakewonde.records import Contact, ContactLink, SenNeed, Student
from fakewonde.school import FakeSchool
from fakewonde.timetable import year_number
from pupilsync import census

FEMALE_RELATIONS = {"Mother", "Step-Mother", "Grandmother", "Aunt"}
MALE_RELATIONS = {"Father", "Step-Father", "Grandfather", "Uncle"}
FAMILY_SHAPES: tuple[tuple[float, tuple[str, ...]], ...] = (
    (0.15, ("Mother",)),
    (0.04, ("Father",)),
    (0.02, ("Grandmother",)),
    (0.02, ("Carer",)),
    (0.50, ("Mother", "Father")),
    (0.07, ("Father", "Mother")),
    (0.04, ("Mother", "Step-Father")),
    (0.03, ("Mother", "Grandmother")),
    (0.06, ("Mother", "Father", "Grandmother")),
    (0.03, ("Mother", "Father", "Grandfather")),
    (0.02, ("Mother", "Step-Father", "Father")),
    (0.02, ("Mother", "Father", "Aunt")),
)
IN_CARE_SHAPE = ("Foster Carer", "Mother")
SIBLING_SHARE = 0.15


@dataclass
class Family:
    surname: str
    ethnicity: Ethnicity
    links: list[ContactLink]
    children: int = 0


@dataclass
class People:
    """Makes pupils for one school; kept on the school so later days can add more."""

    la_code: str
    establishment: str
    town: str
    postcode_area: str
    families: list[Family] = field(default_factory=list)
    upn_serials: dict[int, int] = field(default_factory=dict)
    next_admission: int = 1000

    def pupil(
        self,
        school: FakeSchool,
        rng: random.Random,
        *,
        nc_year: str,
        academic_year: int,
        admitted: dt.date,
        at: dt.datetime,
    ) -> Student:
        """A new pupil with contacts (added to the school) but not yet on roll."""
        in_care = rng.random() < 0.005
        family = self._family(school, rng, at, in_care=in_care)
        gender = "FEMALE" if rng.random() < 0.49 else "MALE"
        heritage = HERITAGES[rng.choice(family.ethnicity.heritages)]
        forename = rng.choice(heritage.girls if gender == "FEMALE" else heritage.boys)
        legal_forename = NICKNAMES.get(forename, forename) if rng.random() < 0.25 else forename
        surname = family.surname
        legal_surname = surname
        if rng.random() < 0.01:  # known at school by a new family name
            surname = rng.choice(HERITAGES["british"].surnames)
        ids = school.ids
        student = Student(
            id=ids.wonde_id(),
            upi=ids.upi(),
            mis_id=ids.mis_id(),
            forename=forename,
            surname=surname,
            legal_forename=legal_forename,
            legal_surname=legal_surname,
            middle_names=rng.choice(MIDDLE_NAMES) if rng.random() < 0.4 else None,
            gender=gender,
            date_of_birth=_birthday(rng, nc_year, academic_year),
            admission_date=admitted,
            created_at=at,
            updated_at=at,
            nc_year=nc_year,
            ethnicity=family.ethnicity.code,
            in_lea_care=in_care,
            ever_in_care=in_care or rng.random() < 0.01,
            contacts=[replace(link) for link in family.links],
        )
        self._identifiers(student, rng, nc_year, academic_year)
        self._language(student, rng, family.ethnicity)
        self._money(student, rng)
        give_sen(student, rng, school, at.date())
        family.children += 1
        return student

    # Identifiers ---------------------------------------------------------------------------

    def _identifiers(
        self, student: Student, rng: random.Random, nc_year: str, academic_year: int
    ) -> None:
        allocated = academic_year - year_number(nc_year)  # the year they started school
        student.upn = self.next_upn(allocated)
        if rng.random() < 0.02:
            student.former_upn = self.temporary_upn(rng, allocated)
        self.next_admission += 1
        student.admission_number = f"{self.next_admission:06d}"
        if year_number(nc_year) >= 10 and rng.random() < 0.9:
            student.learner_number = str(rng.randint(1_000_000_000, 9_999_999_999))

    def next_upn(self, allocated: int) -> str:
        serial = self.upn_serials.get(allocated % 100, 0) + 1
        self.upn_serials[allocated % 100] = serial
        return census.make_upn(self.la_code, self.establishment, allocated, serial)

    def temporary_upn(self, rng: random.Random, allocated: int) -> str:
        """A temporary UPN: the body ends in a letter instead of a digit."""
        body = (
            f"{int(self.la_code):03d}{int(self.establishment):04d}{allocated % 100:02d}"
            f"{rng.randint(0, 99):02d}{rng.choice(census.UPN_LETTERS)}"
        )
        return census.upn_check_letter(body) + body

    # Extended details ----------------------------------------------------------------------

    def _language(self, student: Student, rng: random.Random, ethnicity: Ethnicity) -> None:
        if ethnicity.languages and rng.random() < ethnicity.eal_share:
            student.english_as_additional_language = True
            student.first_language = rng.choice(ethnicity.languages)
            student.eal_status = rng.choice(EAL_STATUSES)

    def _money(self, student: Student, rng: random.Random) -> None:
        student.free_school_meals = rng.random() < 0.21
        student.free_school_meals_6 = student.free_school_meals or rng.random() < 0.06
        student.service_child = rng.random() < 0.01
        student.premium_pupil_indicator = (
            student.free_school_meals_6 or student.ever_in_care or student.service_child
        )

    # Families and contacts -----------------------------------------------------------------

    def _family(
        self, school: FakeSchool, rng: random.Random, at: dt.datetime, *, in_care: bool
    ) -> Family:
        if not in_care and self.families and rng.random() < SIBLING_SHARE:
            family = rng.choice(self.families[-300:])
            if family.children < 3:
                return family
        ethnicity = rng.choices(ETHNICITIES, weights=[e.weight for e in ETHNICITIES])[0]
        surname = rng.choice(HERITAGES[ethnicity.heritages[0]].surnames)
        shape = IN_CARE_SHAPE if in_care else _family_shape(rng)
        address = self._address(rng)
        family = Family(surname, ethnicity, [])
        for priority, relation in enumerate(shape, start=1):
            contact = self._contact(school, rng, at, relation, family, address)
            family.links.append(_link(rng, contact.id, relation, priority))
        self.families.append(family)
        return family

    def _contact(
        self,
        school: FakeSchool,
        rng: random.Random,
        at: dt.datetime,
        relation: str,
        family: Family,
        address: dict[str, str | None],
    ) -> Contact:
        gender = _gender_of(relation, rng)
        older = relation in ("Grandmother", "Grandfather")
        british = family.ethnicity.heritages[0] == "british"
        heritage = HERITAGES[rng.choice(family.ethnicity.heritages)]
        if british and older:
            pool = GRANDPARENT_GIRLS if gender == "FEMALE" else GRANDPARENT_BOYS
        elif british:
            pool = PARENT_GIRLS if gender == "FEMALE" else PARENT_BOYS
        else:
            pool = heritage.girls if gender == "FEMALE" else heritage.boys
        keeps_name = {"Father": 0.9, "Mother": 0.7, "Grandfather": 0.5, "Grandmother": 0.5}
        surname = family.surname
        if rng.random() >= keeps_name.get(relation, 0.0):
            surname = rng.choice(heritage.surnames)
        forename = rng.choice(pool)
        ids = school.ids
        contact = Contact(
            id=ids.wonde_id(),
            upi=ids.upi(),
            mis_id=ids.mis_id(),
            title=_title(rng, gender),
            forename=forename,
            surname=surname,
            gender=gender,
            created_at=at,
            updated_at=at,
            emails=_emails(rng, forename, surname),
            phones=_phones(rng),
            address=dict(address),
        )
        school.contacts[contact.id] = contact
        return contact

    def _address(self, rng: random.Random) -> dict[str, str | None]:
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        postcode = f"{self.postcode_area} {rng.randint(1, 9)}{rng.choice(letters)}"
        return {
            "house_number": str(rng.randint(1, 180)),
            "street": f"{rng.choice(STREETS)} {rng.choice(STREET_KINDS)}",
            "town": self.town,
            "country": "England",
            "postcode": postcode + rng.choice(letters),
        }


def give_sen(student: Student, rng: random.Random, school: FakeSchool, today: dt.date) -> None:
    """About 13% SEN support (K) and 3% EHC plans (E); the rest no SEN (N)."""
    roll = rng.random()
    provision = "E" if roll < 0.03 else "K" if roll < 0.16 else "N"
    set_sen(student, rng, school, provision, today)


def set_sen(
    student: Student, rng: random.Random, school: FakeSchool, provision: str, today: dt.date
) -> None:
    """Set a pupil's provision with one or two ranked needs (NSA only alone, only with K)."""
    student.sen_needs = []
    student.sen_status = provision
    if provision == "N":
        return
    if rng.random() < 0.03:
        student.sen_status = SEN_TEXT[provision]  # the MIS sends its words, not the code
    table = SUPPORT_NEEDS if provision == "K" else PLAN_NEEDS
    codes, weights = zip(*table, strict=True)
    first = rng.choices(codes, weights=weights)[0]
    needs = [first]
    if first != "NSA" and rng.random() < 0.3:
        second = rng.choices(codes, weights=weights)[0]
        if second not in (first, "NSA"):
            needs.append(second)
    start = _need_start(rng, student, today)
    for rank, code in enumerate(needs, start=1):
        student.sen_needs.append(
            SenNeed(id=school.ids.wonde_id(), type=code, rank=rank, start_date=start)
        )


def _need_start(rng: random.Random, student: Student, today: dt.date) -> dt.date:
    earliest = today - dt.timedelta(days=3 * 365)
    if student.date_of_birth:
        earliest = max(earliest, student.date_of_birth + dt.timedelta(days=3 * 365))
    span = max(0, (today - earliest).days)
    return earliest + dt.timedelta(days=rng.randint(0, span))


def _birthday(rng: random.Random, nc_year: str, academic_year: int) -> dt.date:
    """Born in the school year that puts the pupil in `nc_year` (1 September to 31 August)."""
    born_from = dt.date(academic_year - year_number(nc_year) - 5, 9, 1)
    born_to = dt.date(academic_year - year_number(nc_year) - 4, 8, 31)
    return born_from + dt.timedelta(days=rng.randint(0, (born_to - born_from).days))


def _family_shape(rng: random.Random) -> tuple[str, ...]:
    weights, shapes = zip(*FAMILY_SHAPES, strict=True)
    return rng.choices(shapes, weights=weights)[0]


def _gender_of(relation: str, rng: random.Random) -> str:
    if relation in FEMALE_RELATIONS:
        return "FEMALE"
    if relation in MALE_RELATIONS:
        return "MALE"
    return "FEMALE" if rng.random() < 0.7 else "MALE"


def _title(rng: random.Random, gender: str) -> str:
    if rng.random() < 0.03:
        return "Dr"
    if gender == "MALE":
        return "Mr"
    return rng.choices(("Mrs", "Ms", "Miss"), weights=(55, 27, 18))[0]


def _link(rng: random.Random, contact_id: str, relation: str, priority: int) -> ContactLink:
    responsible = {
        "Mother": 1.0,
        "Father": 1.0,
        "Carer": 1.0,
        "Step-Mother": 0.3,
        "Step-Father": 0.3,
        "Grandmother": 0.1,
        "Grandfather": 0.1,
    }
    lives_with = {
        "Mother": 0.95,
        "Father": 0.8,
        "Step-Father": 0.95,
        "Foster Carer": 1.0,
        "Carer": 1.0,
        "Grandmother": 0.15,
        "Grandfather": 0.15,
        "Aunt": 0.05,
    }
    has_pr = rng.random() < responsible.get(relation, 0.0)
    bill_payer = priority == 1 and rng.random() < 0.7
    return ContactLink(
        contact_id=contact_id,
        relationship=relation,
        parental_responsibility=has_pr,
        priority=priority,
        lives_with_pupil=rng.random() < lives_with.get(relation, 0.0),
        bill_payer=bill_payer,
        email_bills=bill_payer and rng.random() < 0.6,
        correspondence=has_pr,
        in_touch_communication=priority <= 2,
        court_order=priority > 1 and rng.random() < 0.01,
    )


def _emails(rng: random.Random, forename: str, surname: str) -> dict[str, str | None]:
    if rng.random() < 0.08:
        return {}
    slot = rng.choices(("email", "primary", "home", "work"), weights=(70, 15, 10, 5))[0]
    return {slot: email_address(rng, forename, surname)}


def email_address(rng: random.Random, forename: str, surname: str) -> str:
    def plain(name: str) -> str:
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        return "".join(c for c in ascii_name.lower() if c.isalnum())

    suffix = str(rng.randint(1, 99)) if rng.random() < 0.4 else ""
    local = f"{plain(forename)}.{plain(surname)}{suffix}"
    return f"{local}@{rng.choice(EMAIL_DOMAINS)}"


def _phones(rng: random.Random) -> dict[str, str | None]:
    mobile = f"{MOBILE_PREFIX}{rng.randint(0, 999):03d}" if rng.random() < 0.95 else None
    home = f"{LANDLINE_PREFIX}{rng.randint(0, 999):03d}" if rng.random() < 0.4 else None
    main = mobile or home
    return {"phone": main, "primary": main, "home": home, "work": None, "mobile": mobile}
