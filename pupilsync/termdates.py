"""Term dates: the start of each half-term and the last day of Summer 2, per academic year.

`Terms` is a plain value so the schedule rules can be pure; the functions at the bottom read
and write a school's rows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from pupilsync.models import School, TermDates
from pupilsync.sync.academic import label

# In the order they fall; each must come after the one before.
FIELDS = ("autumn1", "autumn2", "spring1", "spring2", "summer1", "summer2", "summer_end")
NAMES = {
    "autumn1": "Autumn 1",
    "autumn2": "Autumn 2",
    "spring1": "Spring 1",
    "spring2": "Spring 2",
    "summer1": "Summer 1",
    "summer2": "Summer 2",
    "summer_end": "the end of Summer 2",
}


class TermDatesError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Terms:
    academic_year: int
    autumn1: dt.date
    autumn2: dt.date
    spring1: dt.date
    spring2: dt.date
    summer1: dt.date
    summer2: dt.date
    summer_end: dt.date  # the last day of Summer 2

    def dates(self) -> list[tuple[str, dt.date]]:
        return [(name, getattr(self, name)) for name in FIELDS]

    def as_json(self) -> dict[str, Any]:
        return {"academic_year": self.academic_year, "label": label(self.academic_year)} | {
            name: day.isoformat() for name, day in self.dates()
        }


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """An academic year runs from 1 September to 31 August."""
    return dt.date(year, 9, 1), dt.date(year + 1, 8, 31)


def default_autumn1(year: int) -> dt.date:
    return dt.date(year, 9, 1)


def problems(terms: Terms) -> list[str]:
    """What is wrong with a set of term dates, in words a school admin can act on."""
    first, last = year_bounds(terms.academic_year)
    found = [
        f"{NAMES[name]} ({day:%d %b %Y}) is outside {label(terms.academic_year)}, "
        f"which runs from {first:%d %b %Y} to {last:%d %b %Y}"
        for name, day in terms.dates()
        if not first <= day <= last
    ]
    dates = terms.dates()
    for (before, a), (after, b) in itertools.pairwise(dates):
        # Summer 2 may be a single day, so it may end on the day it starts.
        in_order = a <= b if after == "summer_end" else a < b
        if not in_order:
            found.append(
                f"{NAMES[after]} ({b:%d %b %Y}) must come after {NAMES[before]} ({a:%d %b %Y})"
            )
    return [text[0].upper() + text[1:] for text in found]


def terms_of(row: TermDates) -> Terms:
    return Terms(row.academic_year, *(getattr(row, name) for name in FIELDS))


def terms_for(school: School) -> list[Terms]:
    return [terms_of(row) for row in TermDates.objects.filter(school=school)]


def set_term_dates(school: School, year: int, dates: dict[str, dt.date | None]) -> Terms:
    """Add or change one year's term dates. Dates not given keep what is held (or, for a new
    year, Autumn 1 defaults to 1 September). Raises TermDatesError and saves nothing if wrong."""
    with transaction.atomic():
        row = (
            TermDates.objects.select_for_update().filter(school=school, academic_year=year).first()
        )
        held = {name: getattr(row, name) for name in FIELDS} if row else {}
        merged = {"autumn1": default_autumn1(year)} | held
        merged |= {name: day for name, day in dates.items() if day is not None}
        missing = [NAMES[name] for name in FIELDS if merged.get(name) is None]
        if missing:
            raise TermDatesError([f"give the start of {', '.join(missing)}"])
        terms = Terms(year, *(merged[name] for name in FIELDS))
        found = problems(terms)
        if found:
            raise TermDatesError(found)
        values = dataclasses.asdict(terms)
        values.pop("academic_year")
        TermDates.objects.update_or_create(school=school, academic_year=year, defaults=values)
    return terms


def typical_year(year: int) -> Terms:
    """A typical English school year (for the demo and as a starting point)."""
    return Terms(
        year,
        autumn1=default_autumn1(year),
        autumn2=dt.date(year, 11, 2),
        spring1=dt.date(year + 1, 1, 5),
        spring2=dt.date(year + 1, 2, 22),
        summer1=dt.date(year + 1, 4, 12),
        summer2=dt.date(year + 1, 6, 7),
        summer_end=dt.date(year + 1, 7, 22),
    )


def give_typical_term_dates(school: School, today: dt.date) -> None:
    """The demo school's term dates: this academic year and the next, if it has none."""
    if TermDates.objects.filter(school=school).exists():
        return
    year = today.year if today.month >= 9 else today.year - 1
    for terms in (typical_year(year), typical_year(year + 1)):
        set_term_dates(school, terms.academic_year, dict(terms.dates()))
