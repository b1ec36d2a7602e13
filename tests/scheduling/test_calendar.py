"""The schedule rules are pure: (school state, term dates, day) -> may the sync run, and why."""

import dataclasses
import datetime as dt

import pytest

from pupilsync.scheduling.calendar import SchoolState, decide

from .terms import english_year

APPROVED = SchoolState("approved")
Y2026 = english_year(2026)  # Summer 2 ends 22 July 2027
Y2027 = english_year(2027)


def at(day: str, *terms, state=APPROVED):
    return decide(state, list(terms), dt.date.fromisoformat(day))


def test_it_runs_on_the_last_day_of_summer_2():
    assert at("2027-07-22", Y2026).allowed


def test_it_pauses_from_the_day_after_summer_2_ends():
    decision = at("2027-07-23", Y2026)
    assert not decision.allowed and decision.code == "summer_pause"


def test_the_pause_says_when_it_resumes():
    decision = at("2027-08-31", Y2026, Y2027)
    assert (
        decision.resumes_on == dt.date(2027, 9, 1)
        and "resumes on 1 September 2027" in decision.reason
    )


def test_it_pauses_until_31_august_even_with_next_years_dates():
    assert at("2027-08-31", Y2026, Y2027).code == "summer_pause"


def test_it_resumes_on_1_september_in_the_new_year():
    decision = at("2027-09-01", Y2026, Y2027)
    assert decision.allowed and decision.academic_year == 2027 and not decision.warnings


def test_on_1_september_without_the_new_dates_it_runs_and_warns():
    decision = at("2027-09-01", Y2026)
    assert decision.allowed and "31 December 2027" in decision.warnings[0]


def test_on_31_december_without_the_new_dates_it_still_runs_and_warns():
    decision = at("2027-12-31", Y2026)
    assert decision.allowed and decision.warnings


def test_from_1_january_without_the_new_dates_it_stops():
    decision = at("2028-01-01", Y2026)
    assert not decision.allowed and decision.code == "term_dates_missing"
    assert "2027/28" in decision.reason and "2027/28 dates under" in decision.what_to_do
    assert "Term Dates" in decision.what_to_do and "pupilsync" not in decision.what_to_do


def test_on_1_january_with_the_dates_it_runs():
    assert at("2028-01-01", Y2026, Y2027).allowed


def test_a_school_with_no_term_dates_is_told_to_add_them():
    autumn, spring = at("2026-10-01"), at("2027-02-01")
    assert autumn.allowed and "no term dates" in autumn.warnings[0]
    assert not spring.allowed and spring.code == "no_term_dates" and spring.what_to_do


@pytest.mark.parametrize("state", ["not_connected", "requested", "revoked", "declined"])
def test_only_an_approved_school_syncs(state):
    decision = at("2026-10-01", Y2026, state=SchoolState(state))
    assert not decision.allowed and decision.code == state and decision.what_to_do


def test_a_queued_school_is_not_queued_again():
    decision = at("2026-10-01", Y2026, state=SchoolState("approved", queued=True))
    assert not decision.allowed and decision.code == "queued"


def test_a_running_school_says_so():
    decision = at("2026-10-01", Y2026, state=SchoolState("approved", queued=True, running=True))
    assert decision.code == "running"


def test_the_summer_pause_ends_on_an_autumn_1_begun_in_late_august():
    early = dataclasses.replace(Y2027, autumn1=dt.date(2027, 8, 27))
    assert at("2027-08-26", Y2026, early).code == "summer_pause"
    assert at("2027-08-27", Y2026, early).allowed
