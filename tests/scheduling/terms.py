"""Term dates for tests: a typical English year, Summer 2 ending on 22 July."""

import dataclasses
import datetime as dt

from pupilsync.models import School, TermDates
from pupilsync.termdates import Terms, set_term_dates, typical_year


def english_year(year: int, summer_end: dt.date | None = None) -> Terms:
    terms = typical_year(year)
    return dataclasses.replace(terms, summer_end=summer_end) if summer_end else terms


def only_these_years(school: School, *years: int) -> None:
    """Replace the school's term dates with typical English years."""
    TermDates.objects.filter(school=school).delete()
    for year in years:
        set_term_dates(school, year, dict(english_year(year).dates()))
