"""Plain warnings on a CTF preview, for what the counts do not show: a file years old or dated
in the future, a file addressed to another school, year groups that do not fit the pupil's age
or the school's phase, and new pupils the MIS may not hold (the next full sync archives them).

Presentation only: the import itself is `pupilsync.ctf.service`'s, and nothing here stops it.
"""

from __future__ import annotations

import datetime as dt

from pupilsync.ctf.service import Preview
from pupilsync.models import PupilYear, School

OLD_AFTER_DAYS = 183  # half a year: a leaver's file, not this term's
SECONDARY = {str(n) for n in range(7, 15)}
PRIMARY = {"N1", "N2", "R", *(str(n) for n in range(1, 7))}


def warnings(preview: Preview, data: bytes) -> list[str]:
    out = [*_age(preview), *_destination(preview)]
    out += _year_groups(preview)
    out += _not_in_the_mis(preview)
    return out


def _created(preview: Preview) -> dt.date | None:
    text = (preview.ctf.header.created or "")[:10]
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _age(preview: Preview) -> list[str]:
    made = _created(preview)
    if made is None:
        return []
    if made > preview.today:
        return [
            f"This file is dated {_day(made)}, in the future: check the computer's clock in "
            "the MIS that made it, and that it is the file you meant."
        ]
    days = (preview.today - made).days
    if days > OLD_AFTER_DAYS:
        years = days // 365
        age = (
            f"{years} years" if years > 1 else ("a year" if years == 1 else f"{days // 30} months")
        )
        return [
            f"This file was made on {_day(made)}, {age} ago: what it says may be out of date, "
            "and importing it can put old values back."
        ]
    return []


def _destination(preview: Preview) -> list[str]:
    school, header = preview.school, preview.ctf.header
    if not (school.la_code and school.establishment_number):
        return []
    if not (header.dest_la and header.dest_estab):
        return []
    theirs = f"{header.dest_la}/{header.dest_estab}"
    ours = f"{school.la_code}/{school.establishment_number}"
    if theirs == ours:
        return []
    return [
        f"This file is addressed to another school ({theirs}); {school.name} is {ours}. "
        "Check it is the right file before importing."
    ]


def expected_year(dob: dt.date, academic_year: int) -> int:
    """The national curriculum year of a child born on `dob`, in the year starting September."""
    # The calendar's year, not the school's term dates: the DfE places a child in a year group
    # by whether they were born before or after 1 September.
    cohort = dob.year if dob.month >= 9 else dob.year - 1
    return academic_year - cohort - 5


def _year_groups(preview: Preview) -> list[str]:
    rows: list[tuple[str, object, object]] = [
        (n.fields.name, n.fields.date_of_birth, n.year.year_group)
        for n in preview.result.plan.creates
    ]
    # a change holds the pupil's whole row as it will be: their date of birth is in it
    rows += [
        (c.name, c.new.date_of_birth, c.year["year_group"][1])
        for c in preview.result.plan.changes
        if "year_group" in c.year
    ]
    out = [line for row in rows if (line := _implausible(*row, preview.academic_year))]
    phase = _phase(preview.school, preview.academic_year)
    if phase is None:
        return out
    wrong = [name for name, _, year in rows if year and str(year) not in phase[1]]
    if wrong:
        out.append(
            f"{len(wrong)} pupil(s) in this file are in year groups a {phase[0]} school does "
            f"not teach (for example {wrong[0]}): check the file is for this school."
        )
    return out


def _implausible(name: str, dob: object, year: object, academic_year: int) -> str:
    if not isinstance(dob, dt.date) or not str(year or "").isdigit():
        return ""
    expected = expected_year(dob, academic_year)
    if abs(int(str(year)) - expected) <= 1:
        return ""
    return (
        f"{name} is in Year {year} but was born on {_day(dob)}, which would put them in "
        f"Year {expected}: check their year group and date of birth."
    )


def _phase(school: School, academic_year: int) -> tuple[str, set[str]] | None:
    """The school's phase, from the year groups of the pupils it holds on roll."""
    held = set(
        PupilYear.objects.filter(school=school, academic_year=academic_year, on_roll=True)
        .values_list("year_group", flat=True)
        .distinct()
    )
    if not held:
        return None
    if held <= SECONDARY:
        return "secondary", SECONDARY
    if held <= PRIMARY:
        return "primary", PRIMARY
    return None


def _not_in_the_mis(preview: Preview) -> list[str]:
    new = len(preview.result.plan.creates)
    if not new or preview.school.connection != School.Connection.APPROVED:
        return []
    if preview.school.runs.last_sync() is None:
        return []
    return [
        f"{new} pupil(s) in this file are new to pupilsync, which syncs from your MIS. If your "
        "MIS does not hold them, the next full sync will archive them, with their results."
    ]


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"
