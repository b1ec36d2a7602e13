"""Term dates for tests: a plain English year, Summer 2 ending on 22 July."""

import datetime as dt

from pupilsync.models import School, TermDates
from pupilsync.termdates import FIELDS, Terms, set_term_dates


def english_year(year: int, summer_end: dt.date | None = None) -> Terms:
    return Terms(
        academic_year=year,
        autumn1=dt.date(year, 9, 1),
        autumn2=dt.date(year, 11, 2),
        spring1=dt.date(year + 1, 1, 5),
        spring2=dt.date(year + 1, 2, 22),
        summer1=dt.date(year + 1, 4, 12),
        summer2=dt.date(year + 1, 6, 7),
        summer_end=summer_end or dt.date(year + 1, 7, 22),
    )


def only_these_years(school: School, *years: int) -> None:
    """Replace the school's term dates with plain English years."""
    TermDates.objects.filter(school=school).delete()
    for year in years:
        terms = english_year(year)
        set_term_dates(school, year, {name: getattr(terms, name) for name in FIELDS})
