"""One academic year for every source: the school's term dates place a day, else 1 September."""

import dataclasses
import datetime as dt

import pytest

from pupilsync.models import School, TermDates
from pupilsync.termdates import academic_year_for, academic_year_on, label

from .terms import english_year

Y2026 = english_year(2026)  # Summer 2 ends 22 July 2027
Y2027 = english_year(2027)
# A school whose 2026/27 begins on 27 August 2026, before 2025/26's 31 August.
EARLY_AUTUMN = dataclasses.replace(Y2026, autumn1=dt.date(2026, 8, 27))
BOTH_YEARS = [english_year(2025), EARLY_AUTUMN]


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_the_academic_year_comes_from_the_term_dates():
    assert academic_year_on(day("2027-07-30"), [Y2026, Y2027]) == 2026
    assert academic_year_on(day("2027-09-01"), [Y2026, Y2027]) == 2027


def test_without_term_dates_31_august_is_in_the_year_that_is_ending():
    assert academic_year_on(day("2027-08-31"), []) == 2026


def test_without_term_dates_the_year_turns_on_1_september():
    assert academic_year_on(day("2027-09-01"), []) == 2027


def test_without_term_dates_a_late_august_day_stays_in_the_old_year():
    assert academic_year_on(day("2026-08-27"), []) == 2025


def test_the_day_before_an_early_autumn_1_is_in_the_old_year():
    assert academic_year_on(day("2026-08-26"), BOTH_YEARS) == 2025


def test_the_first_day_of_an_early_autumn_1_is_in_the_new_year():
    assert academic_year_on(day("2026-08-27"), BOTH_YEARS) == 2026


def test_31_august_after_an_early_autumn_1_is_in_the_new_year():
    assert academic_year_on(day("2026-08-31"), BOTH_YEARS) == 2026


def test_1_september_after_an_early_autumn_1_is_still_the_new_year():
    assert academic_year_on(day("2026-09-01"), BOTH_YEARS) == 2026


def test_the_order_the_years_come_in_does_not_matter():
    assert academic_year_on(day("2026-08-28"), list(reversed(BOTH_YEARS))) == 2026


def test_with_term_dates_that_start_on_1_september_the_year_turns_then():
    assert academic_year_on(day("2026-08-31"), [english_year(2025), Y2026]) == 2025
    assert academic_year_on(day("2026-09-01"), [english_year(2025), Y2026]) == 2026


def test_a_year_is_labelled_by_the_calendar_years_it_spans():
    assert (label(2026), label(2099)) == ("2026/27", "2099/00")


@pytest.fixture
def early_start(db) -> School:
    school = School.objects.create(name="Early Start Academy", wonde_id="A-EARLY")
    TermDates.objects.bulk_create(
        TermDates(school=school, **dataclasses.asdict(terms)) for terms in BOTH_YEARS
    )
    return school


@pytest.fixture
def no_dates(db) -> School:
    return School.objects.create(name="Undated Primary", wonde_id="A-UNDATED")


def test_a_schools_year_turns_on_its_first_day_of_autumn_1(early_start):
    assert academic_year_for(early_start, day("2026-08-26")) == 2025
    assert academic_year_for(early_start, day("2026-08-27")) == 2026


def test_a_schools_year_does_not_turn_back_on_1_september(early_start):
    assert academic_year_for(early_start, day("2026-08-31")) == 2026
    assert academic_year_for(early_start, day("2026-09-01")) == 2026


def test_a_school_without_term_dates_turns_its_year_on_1_september(no_dates):
    assert academic_year_for(no_dates, day("2026-08-27")) == 2025
    assert academic_year_for(no_dates, day("2026-08-31")) == 2025
    assert academic_year_for(no_dates, day("2026-09-01")) == 2026
