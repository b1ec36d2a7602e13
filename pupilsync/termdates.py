"""Term dates: the start of each half-term and the last day of Summer 2, per academic year.

`Terms` is a plain value so the schedule rules can be pure. `errors_in` says what cannot be
right (dates outside the year or out of order, a half-term under a week, Summer 2 not ending
in July or August) and `warnings_for` what may be a slip: a summer pause longer than a summer
holiday. The sync pauses from Summer 2's end until 1 September, so a wrong end of term stops
it for months. The functions at the bottom read and write a school's rows.

`academic_year_on` is the one rule for which academic year a day is in, for every source
(Wonde, CTF), the export and the pages: a school's term dates place the day, so a day from
Autumn 1's start, even in late August, is in the new year.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from pupilsync.models import School, TermDates

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


@dataclass(frozen=True)
class Finding:
    """One thing wrong (or odd) about a set of term dates, and the date it is about."""

    field: str | None  # one of FIELDS, or None for the year as a whole
    text: str


class TermDatesError(ValueError):
    """Dates that cannot be right: nothing is saved."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        self.problems = [f.text for f in findings]
        super().__init__("; ".join(self.problems))


class TermDatesWarning(TermDatesError):
    """Dates that may be right but would pause the sync for longer than a summer holiday:
    saved only when the person says they are right."""


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


def label(year: int) -> str:
    """Academic years are labelled by the calendar year they start in: 2026 is 2026/27."""
    return f"{year}/{(year + 1) % 100:02d}"


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """An academic year runs from 1 September to 31 August."""
    return dt.date(year, 9, 1), dt.date(year + 1, 8, 31)


def academic_year_on(day: dt.date, terms: Sequence[Terms]) -> int:
    """The academic year the term dates place the day in. A year's Autumn 1 may begin in late
    August, before its predecessor's 31 August: from then the day is in the new year. A day no
    term dates cover falls in the year running 1 September to 31 August."""
    begun = [t.academic_year for t in terms if _covers(t, day)]
    return max(begun, default=day.year if day.month >= 9 else day.year - 1)


def _covers(terms: Terms, day: dt.date) -> bool:
    first, last = year_bounds(terms.academic_year)
    return min(first, terms.autumn1) <= day <= last


def academic_year_for(school: School, day: dt.date) -> int:
    """The school's academic year on `day`: the one both sources write into."""
    return academic_year_on(day, terms_for(school))


def default_autumn1(year: int) -> dt.date:
    return dt.date(year, 9, 1)


# The sync pauses from the day after Summer 2 ends until 1 September: an English summer holiday
# is about six weeks, so more than seven is more likely a mistyped date than a real one.
LONGEST_SUMMER = dt.timedelta(weeks=7)
SHORTEST_HALF_TERM = dt.timedelta(weeks=1)
SUMMER_END_MONTHS = (7, 8)


def problems(terms: Terms) -> list[str]:
    """What is wrong with a set of term dates, in words a school admin can act on."""
    return [f.text for f in errors_in(terms)]


def errors_in(terms: Terms) -> list[Finding]:
    """Dates that cannot be right, each with the date it is about."""
    outside = _outside_the_year(terms)
    disordered = _out_of_order(terms)
    # A half-term's length means nothing until they are in order; a month, inside the year.
    short = [] if disordered else _too_short(terms)
    month = [] if any(f.field == "summer_end" for f in outside) else _summer_end_month(terms)
    found = outside + disordered + short + month
    return [Finding(f.field, f.text[0].upper() + f.text[1:]) for f in found]


def warnings_for(terms: Terms) -> list[Finding]:
    """Dates that may be right but would pause the sync for longer than a summer holiday."""
    first_day_paused = terms.summer_end + dt.timedelta(days=1)
    resumes = dt.date(terms.academic_year + 1, 9, 1)
    paused = resumes - first_day_paused
    if paused <= LONGEST_SUMMER:
        return []
    return [
        Finding(
            "summer_end",
            f"Summer 2 ends on {terms.summer_end:%d %b %Y}, so the sync would pause for "
            f"{paused.days // 7} weeks, from {first_day_paused:%d %b %Y} until "
            f"{resumes:%d %b %Y}: longer than a summer holiday",
        )
    ]


def _outside_the_year(terms: Terms) -> list[Finding]:
    first, last = year_bounds(terms.academic_year)
    return [
        Finding(
            name,
            f"{NAMES[name]} ({day:%d %b %Y}) is outside {label(terms.academic_year)}, "
            f"which runs from {first:%d %b %Y} to {last:%d %b %Y}",
        )
        for name, day in terms.dates()
        if not first <= day <= last
    ]


def _out_of_order(terms: Terms) -> list[Finding]:
    found = []
    for (before, a), (after, b) in itertools.pairwise(terms.dates()):
        # Each half-term's start must come after the one before; Summer 2's end may be its
        # start day here (too short is said by _too_short, in words about length).
        in_order = a <= b if after == "summer_end" else a < b
        if not in_order:
            found.append(
                Finding(
                    after,
                    f"{NAMES[after]} ({b:%d %b %Y}) must come after {NAMES[before]} ({a:%d %b %Y})",
                )
            )
    return found


def _too_short(terms: Terms) -> list[Finding]:
    """Each half-term runs from its start to the day before the next one starts (Summer 2 to
    its last day) and is at least a week long."""
    found = []
    for name, start, end in half_terms(terms):
        length = end - start + dt.timedelta(days=1)
        if length < SHORTEST_HALF_TERM:
            days = "1 day" if length.days == 1 else f"{length.days} days"
            found.append(
                Finding(
                    name,
                    f"{NAMES[name]} lasts {days} ({start:%d %b %Y} to {end:%d %b %Y}): "
                    f"a half-term is at least a week",
                )
            )
    return found


def _summer_end_month(terms: Terms) -> list[Finding]:
    if terms.summer_end.month in SUMMER_END_MONTHS:
        return []
    return [
        Finding(
            "summer_end",
            f"the end of Summer 2 ({terms.summer_end:%d %b %Y}) must be in July or August",
        )
    ]


def half_terms(terms: Terms) -> list[tuple[str, dt.date, dt.date]]:
    """Each half-term's field, first day and last day."""
    starts = [(name, day) for name, day in terms.dates() if name != "summer_end"]
    ends = [day - dt.timedelta(days=1) for _, day in starts[1:]] + [terms.summer_end]
    return [(name, start, end) for (name, start), end in zip(starts, ends, strict=True)]


def terms_of(row: TermDates) -> Terms:
    return Terms(row.academic_year, *(getattr(row, name) for name in FIELDS))


def terms_for(school: School) -> list[Terms]:
    return [terms_of(row) for row in TermDates.objects.filter(school=school)]


def set_term_dates(
    school: School,
    year: int,
    dates: dict[str, dt.date | None],
    *,
    despite_warnings: bool = False,
) -> Terms:
    """Add or change one year's term dates. Dates not given keep what is held (or, for a new
    year, Autumn 1 defaults to 1 September). Raises TermDatesError and saves nothing if wrong,
    TermDatesWarning if odd (a long summer pause) unless `despite_warnings`."""
    with transaction.atomic():
        row = (
            TermDates.objects.select_for_update().filter(school=school, academic_year=year).first()
        )
        held = {name: getattr(row, name) for name in FIELDS} if row else {}
        merged = {"autumn1": default_autumn1(year)} | held
        merged |= {name: day for name, day in dates.items() if day is not None}
        missing = [NAMES[name] for name in FIELDS if merged.get(name) is None]
        if missing:
            raise TermDatesError([Finding(None, f"give the start of {', '.join(missing)}")])
        terms = Terms(year, *(merged[name] for name in FIELDS))
        found = errors_in(terms)
        if found:
            raise TermDatesError(found)
        odd = warnings_for(terms)
        if odd and not despite_warnings:
            raise TermDatesWarning(odd)
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
    year = academic_year_on(today, [])  # it has no term dates yet: the calendar's year
    for terms in (typical_year(year), typical_year(year + 1)):
        set_term_dates(school, terms.academic_year, dict(terms.dates()))
