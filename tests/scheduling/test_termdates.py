"""Term dates: validated in order and inside their academic year, with clear errors."""

import dataclasses
import datetime as dt

import pytest

from pupilsync.models import TermDates
from pupilsync.termdates import (
    FIELDS,
    Finding,
    TermDatesError,
    TermDatesWarning,
    Terms,
    errors_in,
    problems,
    set_term_dates,
    terms_for,
    warnings_for,
)

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


def test_it_refuses_a_summer_2_shorter_than_a_week():
    monday, friday = dt.date(2027, 7, 19), dt.date(2027, 7, 23)
    found = errors_in(dataclasses.replace(english_year(2026), summer2=monday, summer_end=friday))
    assert found == [
        Finding(
            "summer2",
            "Summer 2 lasts 5 days (19 Jul 2027 to 23 Jul 2027): a half-term is at least a week",
        )
    ]


def test_it_accepts_a_half_term_of_exactly_a_week():
    terms = english_year(2026)
    week_later = terms.spring1 + dt.timedelta(weeks=1)
    assert errors_in(dataclasses.replace(terms, spring2=week_later)) == []


def test_it_names_the_half_term_a_day_short_of_a_week():
    terms = english_year(2026)
    six_days = dataclasses.replace(terms, spring2=terms.spring1 + dt.timedelta(days=6))
    assert [f.field for f in errors_in(six_days)] == ["spring1"]


def test_it_refuses_every_half_term_squeezed_into_the_first_week_of_september():
    # The 2027/28: each date a day after the last, all inside 1-7 September.
    days = [dt.date(2027, 9, d) for d in range(1, 8)]
    found = errors_in(Terms(2027, *days))
    assert {f.field for f in found} >= {"autumn1", "summer2", "summer_end"}
    assert any("must be in July or August" in f.text for f in found)


def test_it_refuses_a_summer_2_ending_in_june():
    found = errors_in(english_year(2026, summer_end=dt.date(2027, 6, 30)))
    assert found == [
        Finding("summer_end", "The end of Summer 2 (30 Jun 2027) must be in July or August")
    ]


def test_it_accepts_a_summer_2_ending_in_august():
    assert errors_in(english_year(2026, summer_end=dt.date(2027, 8, 31))) == []


def test_a_date_outside_the_year_is_not_also_called_the_wrong_month():
    found = errors_in(english_year(2026, summer_end=dt.date(2027, 9, 2)))
    assert [f.field for f in found] == ["summer_end"]
    assert "outside 2026/27" in found[0].text


def test_each_error_names_the_date_it_is_about():
    found = errors_in(dataclasses.replace(english_year(2026), spring2=dt.date(2027, 1, 1)))
    assert [f.field for f in found] == ["spring2"]


def test_a_typical_summer_has_no_warning():
    assert warnings_for(english_year(2026)) == []


def test_it_warns_of_a_summer_pause_longer_than_seven_weeks():
    found = warnings_for(english_year(2026, summer_end=dt.date(2027, 7, 2)))
    assert found == [
        Finding(
            "summer_end",
            "Summer 2 ends on 02 Jul 2027, so the sync would pause for 8 weeks, from "
            "03 Jul 2027 until 01 Sep 2027: longer than a summer holiday",
        )
    ]


def test_a_pause_of_exactly_seven_weeks_has_no_warning():
    # 13 July: paused 14 July to 31 August, 49 days.
    assert warnings_for(english_year(2026, summer_end=dt.date(2027, 7, 13))) == []


def test_a_long_summer_pause_is_not_saved_without_saying_so(school):
    early = given(english_year(2030), summer_end=dt.date(2031, 7, 1))
    with pytest.raises(TermDatesWarning, match="longer than a summer holiday"):
        set_term_dates(school, 2030, early)
    assert not TermDates.objects.filter(school=school, academic_year=2030).exists()


def test_a_long_summer_pause_is_saved_when_the_admin_says_the_dates_are_right(school):
    early = given(english_year(2030), summer_end=dt.date(2031, 7, 1))
    set_term_dates(school, 2030, early, despite_warnings=True)
    held = TermDates.objects.get(school=school, academic_year=2030)
    assert held.summer_end == dt.date(2031, 7, 1)


def test_saying_the_dates_are_right_does_not_save_an_error(school):
    june = given(english_year(2030), summer_end=dt.date(2031, 6, 30))
    with pytest.raises(TermDatesError, match="July or August"):
        set_term_dates(school, 2030, june, despite_warnings=True)


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
