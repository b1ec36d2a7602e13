"""Invented CTFs of any size, for the benchmark, tests and demos. No real person is in them."""

from __future__ import annotations

import datetime as dt
import random
from xml.sax.saxutils import escape

from pupilsync import census

FORENAMES = ("Ada", "Bilal", "Cerys", "Dev", "Ebony", "Finn", "Gwen", "Hamza", "Iris", "Jun")
SURNAMES = ("Ashdown", "Brightwater", "Caldecott", "Dunmore", "Elsworth", "Fenwick", "Galloway")
ETHNICITIES = ("WBRI", "WOTH", "ABAN", "BAFR", "MWBC", "CHNE", "AIND")
LANGUAGES = ("ENG", "ENG", "ENG", "POL", "URD", "SOM")
SEN = ("N", "N", "N", "K", "K", "E")
NEEDS = ("SPLD", "MLD", "SEMH", "SLCN", "ASD")


def make_ctf(
    pupils: int, *, seed: int = 1, academic_year: int = 2025, qualifier: str = "full"
) -> bytes:
    """A CTF 25 file of `pupils` pupils with every block a full MIS export has (~5 KB each)."""
    rng = random.Random(seed)
    parts = [_header(academic_year, qualifier), "<CTFpupilData>"]
    parts += [_pupil(rng, n, academic_year) for n in range(pupils)]
    parts.append("</CTFpupilData></CTfile>\n")
    return "".join(parts).encode("utf-8")


def pupil_upn(n: int, year: int) -> str:
    """The nth pupil's UPN: a thousand serials for each year of allocation."""
    return census.make_upn("873", "9001", (year - n // 1000) % 100, n % 1000)


def _header(year: int, qualifier: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<CTfile><Header>'
        "<DocumentName>Common Transfer File</DocumentName><CTFversion>25.0</CTFversion>"
        f"<DateTime>{year + 1}-07-10T12:00:00</DateTime>"
        f"<DocumentQualifier>{qualifier}</DocumentQualifier><SupplierID>SYNTHETIC</SupplierID>"
        "<SourceSchool><LEA>873</LEA><Estab>9001</Estab><URN>100000</URN>"
        f"<SchoolName>Invented Academy</SchoolName><AcademicYear>{year}</AcademicYear>"
        "</SourceSchool><DestSchool><LEA>873</LEA><Estab>9002</Estab><URN>XXXXXX</URN>"
        "</DestSchool></Header>\n"
    )


def _pupil(rng: random.Random, n: int, year: int) -> str:
    forename, surname = rng.choice(FORENAMES), rng.choice(SURNAMES)
    born = dt.date(year - 11, 9, 1) + dt.timedelta(days=rng.randrange(365 * 5))
    sen = rng.choice(SEN)
    return (
        f"<Pupil><UPN>{pupil_upn(n, year)}</UPN>"
        + f"<Surname>{escape(surname.upper())}</Surname><Forename>{forename.upper()}</Forename>"
        f"<DOB>{born}</DOB><Sex>{rng.choice('MF')}</Sex>"
        f"<BasicDetails><PreferredSurname>{surname}</PreferredSurname>"
        f"<PreferredForename>{forename}</PreferredForename>"
        f"<NCyearActual>{rng.randint(7, 11)}</NCyearActual>"
        f"<Ethnicity>{rng.choice(ETHNICITIES)}</Ethnicity><Languages><Type>"
        f"<LanguageType>F</LanguageType><Language>{rng.choice(LANGUAGES)}</Language>"
        "</Type></Languages></BasicDetails>"
        + _fsm(rng, year)
        + f"<SENhistory><SEN><StartDate>{year - 2}-09-05</StartDate>"
        f"<SENprovision>{sen}</SENprovision></SEN>"
        + (
            ""
            if sen == "N"
            else f"<SENneeds><SENneed><SENtypeRank>1</SENtypeRank>"
            f"<SENtype>{rng.choice(NEEDS)}</SENtype></SENneed></SENneeds>"
        )
        + "</SENhistory>"
        + _address(rng)
        + _contacts(rng, surname)
        + _attendance(rng, year)
        + _results(rng, year)
        + _history(year)
        + "</Pupil>\n"
    )


def _fsm(rng: random.Random, year: int) -> str:
    if rng.random() < 0.7:
        return "<FSMhistory></FSMhistory>"
    end = "" if rng.random() < 0.5 else f"<FSMendDate>{year - 1}-03-31</FSMendDate>"
    return (
        f"<FSMhistory><FSMinstance><FSMstartDate>{year - 3}-09-01</FSMstartDate>{end}"
        "<UKcountry>ENG</UKcountry></FSMinstance></FSMhistory>"
    )


def _contacts(rng: random.Random, surname: str) -> str:
    contacts = []
    for order, relation in enumerate(("PAM", "PAF")[: rng.randint(1, 2)], start=1):
        forename = rng.choice(FORENAMES)
        contacts.append(
            f"<Contact><Order>{order}</Order><Surname>{surname}</Surname>"
            f"<Forename>{forename}</Forename><Relationship>{relation}</Relationship>"
            "<Responsibility>true</Responsibility>"
            "<Address><AddressAsPupil>true</AddressAsPupil></Address>"
            "<Phones><Phone><TelephoneType>M</TelephoneType><PhoneNo>07700 900123</PhoneNo>"
            f"</Phone></Phones><Email>{forename.lower()}.{surname.lower()}@example.com</Email>"
            "</Contact>"
        )
    return "<Contacts>" + "".join(contacts) + "</Contacts>"


def _address(rng: random.Random) -> str:
    """Read past by the importer, but part of a real file's size."""
    return (
        f"<Address><BS7666Address><PAON>      {rng.randint(1, 200)}</PAON>"
        "<Street>Invented Road</Street><Locality>Nowhere End</Locality><Town>Testford</Town>"
        "<AdministrativeArea>Exampleshire</AdministrativeArea><PostTown>Testford</PostTown>"
        "</BS7666Address><PostCode>ZZ1 1ZZ</PostCode><Country>United Kingdom</Country></Address>"
        "<Phones><Phone><TelephoneType>H</TelephoneType><PhoneNo>01632 960123</PhoneNo></Phone>"
        "</Phones>"
    )


def _attendance(rng: random.Random, year: int) -> str:
    rows = []
    for past in range(4):  # this year and the three before it, as SIMS sends them
        possible = rng.randint(300, 380)
        authorised, unauthorised = rng.randint(0, 20), rng.randint(0, 8)
        rows.append(
            f"<YearData><Year>{year - past}</Year><LEA>873</LEA><Estab>9001</Estab>"
            "<URN>100000</URN><SchoolName>Invented Academy</SchoolName>"
            f"<SessionsPossible>{possible}</SessionsPossible>"
            f"<SessionsAuthorised>{authorised}</SessionsAuthorised>"
            f"<SessionsAttended>{possible - authorised - unauthorised}</SessionsAttended>"
            f"<SessionsUnauthorised>{unauthorised}</SessionsUnauthorised></YearData>"
        )
    return "<Attendance>" + "".join(rows) + "</Attendance>"


def _history(year: int) -> str:
    return (
        "<SchoolHistory><School><LEA>873</LEA><Estab>9003</Estab><URN>XXXXXX</URN>"
        f"<SchoolName>Invented Primary</SchoolName><EntryDate>{year - 7}-09-04</EntryDate>"
        f"<LeavingDate>{year - 1}-07-20</LeavingDate><LeavingReason>ST</LeavingReason></School>"
        "<School><LEA>873</LEA><Estab>9001</Estab><URN>100000</URN>"
        f"<SchoolName>Invented Academy</SchoolName><EntryDate>{year - 1}-09-03</EntryDate>"
        "<LeavingDate></LeavingDate></School></SchoolHistory>"
        "<SuppInfo><SuppID>SYNTHETIC</SuppID><Religion>NON</Religion></SuppInfo>"
    )


def _results(rng: random.Random, year: int) -> str:
    results = "".join(
        f"<StageAssessment><Locale>ENG</Locale><Year>{year - 3}</Year><Subject>{subject}"
        f"</Subject><Method>TT</Method><Component>{component}</Component>"
        f"<ResultStatus>R</ResultStatus><ResultQualifier>SS</ResultQualifier>"
        f"<Result>{rng.randint(80, 120)}</Result></StageAssessment>"
        for subject, component in (("ENG", "REA"), ("MAT", "MAT"), ("ENG", "GPS"))
    )
    return f"<StageAssessments><KeyStage><Stage>KS2</Stage>{results}</KeyStage></StageAssessments>"
