from __future__ import annotations

import datetime as dt

import pytest

from pupilsync.models import AccessRequest, ConnectionEvent, School, SyncRun
from pupilsync.operator import fleet
from pupilsync.operator.fleet import Filters
from tests.operator.factories import NIGHT, NOW, run, school

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def needs(of: School, now: dt.datetime = NOW) -> list[str]:
    return [need.key for need in fleet.needs_of(fleet.fleet(now).get(pk=of.pk))]


def listed(now: dt.datetime = NOW, **filters: str) -> list[str]:
    return [s.name for s in fleet.page_of(now, list(fleet.board(now, Filters(**filters))))]


def test_a_school_whose_last_two_syncs_failed_needs_action():
    oak = school("Oak", "A1")
    run(oak, "failed", at=NIGHT - DAY)
    run(oak, "failed", at=NIGHT)
    assert needs(oak) == ["failed_twice"]


def test_one_failure_after_a_success_is_not_yet_worth_an_operators_time():
    oak = school("Oak", "A1")
    run(oak, "completed", at=NIGHT - DAY)
    run(oak, "failed", at=NIGHT)
    assert needs(oak) == []


def test_a_ctf_import_is_not_a_sync_and_does_not_hide_two_failures():
    oak = school("Oak", "A1")
    run(oak, "failed", at=NIGHT - DAY)
    run(oak, "failed", at=NIGHT)
    run(oak, "completed", at=NIGHT + dt.timedelta(hours=2), trigger=SyncRun.Trigger.CTF)
    assert needs(oak) == ["failed_twice"]


def test_a_sync_held_by_the_breaker_needs_action():
    oak = school("Oak", "A1")
    run(oak, "held")
    assert needs(oak) == ["held"]


def test_an_approved_school_without_this_years_term_dates_needs_action():
    oak = school("Oak", "A1", term_dates=False)
    assert needs(oak) == ["term_dates"]


def test_a_school_not_yet_connected_is_not_asked_for_term_dates():
    oak = school("Oak", "A1", term_dates=False, connection=School.Connection.NOT_CONNECTED)
    assert needs(oak) == []


def test_last_years_term_dates_do_not_cover_this_year():
    oak = school("Oak", "A1")
    # The factory gave 2026/27; in September 2027 they are last year's.
    assert needs(oak, now=dt.datetime(2027, 9, 15, 7, tzinfo=dt.UTC)) == ["term_dates"]


def test_an_access_request_unanswered_for_over_seven_days_needs_action():
    oak = school("Oak", "A1", connection=School.Connection.REQUESTED)
    AccessRequest.objects.create(
        school=oak, first_name="A", last_name="B", email="a@b.example", requested_at=NOW - 8 * DAY
    )
    assert needs(oak) == ["approval_pending"]


def test_a_request_made_six_days_ago_is_still_given_time():
    oak = school("Oak", "A1", connection=School.Connection.REQUESTED)
    ConnectionEvent.objects.create(
        school=oak, old="not_connected", new="requested", source="request", at=NOW - 6 * DAY
    )
    assert needs(oak) == []


def test_a_permission_denied_in_the_latest_run_needs_action():
    oak = school("Oak", "A1")
    run(oak, "completed", at=NIGHT - DAY, issues=("permission_denied",))
    run(oak, "completed", at=NIGHT, issues=("permission_denied", "unknown_sen_code"))
    assert needs(oak) == ["permissions"]


def test_a_permission_granted_since_an_old_run_is_forgotten():
    oak = school("Oak", "A1")
    run(oak, "completed", at=NIGHT - DAY, issues=("permission_denied",))
    run(oak, "completed", at=NIGHT)
    assert needs(oak) == []


def test_the_board_filters_by_need_outcome_connection_and_search():
    held = school("Holly Primary", "A1", urn="100001")
    run(held, "held")
    ok = school("Ash Academy", "A2")
    run(ok, "completed")
    school("Birch School", "A3", connection=School.Connection.REVOKED)
    assert listed(need="any") == ["Holly Primary"]
    assert listed(need="held") == ["Holly Primary"]
    assert listed(outcome="completed") == ["Ash Academy"]
    assert listed(outcome="never") == ["Birch School"]
    assert listed(connection="revoked") == ["Birch School"]
    assert listed(search="holly") == ["Holly Primary"]
    assert listed(search="100001") == ["Holly Primary"]
    assert listed(search="a2") == ["Ash Academy"]
    assert listed() == ["Ash Academy", "Birch School", "Holly Primary"]
