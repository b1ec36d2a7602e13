"""Term dates: validated in order and inside their academic year, with clear errors."""

import dataclasses
import datetime as dt

import pytest

from pupilsync.models import TermDates
from pupilsync.termdates import FIELDS, TermDatesError, problems, set_term_dates, terms_for

from .terms import english_year

pytestmark = pytest.mark.django_db


def given(terms, **changes):
    return {name: getattr(dataclasses.replace(terms, **changes), name) for name in FIELDS}


def test_a_plain_year_has_no_problems():
    assert problems(english_year(2026)) == []


def test_it_refuses_dates_out_of_order():
    found = problems(dataclasses.replace(english_year(2026), spring2=dt.date(2027, 1, 1)))
    assert "Spring 2 (01 Jan 2027) must come after Spring 1 (05 Jan 2027)" in found


def test_it_refuses_a_date_outside_the_academic_year():
    found = problems(dataclasses.replace(english_year(2026), summer_end=dt.date(2027, 9, 2)))
    assert any("outside 2026/27" in p and "31 Aug 2027" in p for p in found)


def test_summer_2_may_end_the_day_it_starts():
    terms = english_year(2026)
    assert problems(dataclasses.replace(terms, summer_end=terms.summer2)) == []


def test_autumn_1_defaults_to_1_september(school):
    dates = given(english_year(2030)) | {"autumn1": None}
    assert set_term_dates(school, 2030, dates).autumn1 == dt.date(2030, 9, 1)


def test_a_new_year_needs_every_date(school):
    with pytest.raises(TermDatesError, match="Summer 2"):
        set_term_dates(school, 2030, given(english_year(2030)) | {"summer2": None})


def test_a_wrong_set_saves_nothing(school):
    before = TermDates.objects.get(school=school, academic_year=2026).summer_end
    bad = given(english_year(2026), summer1=dt.date(2026, 8, 1))
    with pytest.raises(TermDatesError):
        set_term_dates(school, 2026, bad)
    assert TermDates.objects.get(school=school, academic_year=2026).summer_end == before


def test_changing_one_date_keeps_the_others(school):
    set_term_dates(school, 2026, given(english_year(2026)))
    set_term_dates(school, 2026, {"summer_end": dt.date(2027, 7, 20)})
    held = next(t for t in terms_for(school) if t.academic_year == 2026)
    assert held.summer_end == dt.date(2027, 7, 20) and held.spring1 == dt.date(2027, 1, 5)
