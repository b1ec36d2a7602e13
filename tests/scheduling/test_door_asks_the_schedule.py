"""The door asks the schedule rules first: every sync, scheduled or manual, obeys them."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from huey.contrib.djhuey import HUEY

from pupilsync.admission import start_sync, sync_now
from pupilsync.models import PupilYear, SyncIssue, SyncRun, SyncSlot

from .terms import only_these_years

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def moment(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=2, tzinfo=LONDON)


def test_a_manual_sync_in_the_summer_pause_is_blocked_and_writes_nothing(client, school):
    only_these_years(school, 2026)
    result = sync_now(school, client=client, now=moment("2027-07-23"))
    assert result.status == "blocked" and not result.ok and "1 September 2027" in result.error
    assert not SyncRun.objects.exists() and client.request_count == 0


def test_a_sync_without_this_years_term_dates_warns_in_the_autumn(client, school):
    only_these_years(school, 2026)
    result = sync_now(school, client=client, now=moment("2027-09-01"))
    assert result.status == "completed"
    warning = SyncIssue.objects.get(code="term_dates")
    assert warning.severity == "warning" and "31 December 2027" in warning.message


def test_a_sync_without_this_years_term_dates_stops_from_1_january(client, school):
    only_these_years(school, 2026)
    result = sync_now(school, client=client, now=moment("2028-01-01"))
    assert result.status == "blocked" and "term dates for 2027/28" in result.error


def test_the_first_sync_after_1_september_starts_the_new_year(client, school):
    only_these_years(school, 2026, 2027)
    sync_now(school, client=client, now=moment("2027-07-01"))
    last_year = list(PupilYear.objects.filter(academic_year=2026).values())
    sync_now(school, client=client, now=moment("2027-09-01"))
    assert PupilYear.objects.filter(academic_year=2027).exists()
    assert list(PupilYear.objects.filter(academic_year=2026).values()) == last_year


def test_start_sync_through_huey_runs_the_sync_and_frees_the_school(wonde, school):
    HUEY.immediate = True
    try:
        queued = start_sync(school)
    finally:
        HUEY.immediate = False
    assert queued.queued and SyncRun.objects.get(school=school).status == "completed"
    assert SyncSlot.objects.get(school=school).queued_at is None
