"""A settings change that alters how unchanged MIS records read makes the next sync a full one,
and an issue about a pupil stays listed until a sync has re-read that pupil."""

from __future__ import annotations

import datetime as dt

import pytest

from fakewonde import DEMO_SCHOOL_ID
from pupilsync import school_settings
from pupilsync.models import PupilYear, SyncIssue, SyncSettings
from pupilsync.sync.engine import sync_school
from pupilsync.sync.options import options_for

pytestmark = pytest.mark.django_db

MONDAY = dt.datetime(2026, 11, 2, 2, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


@pytest.fixture
def on_my_plan(world) -> str:
    """One pupil on the school's own SEN code MP; returns their Wonde id."""
    student = next(iter(world.school(DEMO_SCHOOL_ID).students.values()))
    student.sen_status = "MP"
    return student.id


def provision_of(wonde_id: str) -> str | None:
    return PupilYear.objects.get(pupil__wonde_id=wonde_id).sen_provision


def test_mapping_a_custom_sen_code_makes_the_next_sync_full_and_applies_it(
    client, school, on_my_plan
):
    sync_school(school, client=client, now=MONDAY)
    school_settings.update(school, add_codes={"MP": "E"})
    assert SyncSettings.reread_pending(school) is not None
    result = sync_school(school, client=client, now=MONDAY + DAY)
    assert result.full and provision_of(on_my_plan) == "E"
    assert not SyncIssue.objects.filter(run=result.run, code="unknown_sen_code").exists()


def test_after_the_full_sync_applied_the_change_the_next_one_is_a_delta_again(
    client, school, on_my_plan
):
    sync_school(school, client=client, now=MONDAY)
    school_settings.update(school, add_codes={"MP": "E"})
    sync_school(school, client=client, now=MONDAY + DAY)
    assert SyncSettings.reread_pending(school) is None
    assert not sync_school(school, client=client, now=MONDAY + 2 * DAY).full


def test_a_change_to_the_breaker_thresholds_needs_no_full_sync(client, school):
    sync_school(school, client=client, now=MONDAY)
    school_settings.update(school, values={"hold_archive_percent": "20"})
    assert SyncSettings.reread_pending(school) is None
    assert not sync_school(school, client=client, now=MONDAY + DAY).full


@pytest.mark.parametrize("key", ["sync_sen_types", "null_means_no_sen", "sync_contacts"])
def test_each_switch_that_changes_how_records_read_makes_the_next_sync_full(client, school, key):
    sync_school(school, client=client, now=MONDAY)
    current = options_for(school)
    school_settings.update(school, values={key: "off" if getattr(current, key) else "on"})
    assert sync_school(school, client=client, now=MONDAY + DAY).full


def test_a_full_sync_that_read_the_settings_before_a_change_does_not_count_as_applying_it(
    client, school
):
    sync_school(school, client=client, now=MONDAY)
    school_settings.update(school, add_codes={"MP": "K"})
    version = SyncSettings.reread_version_of(school)
    school_settings.update(school, add_codes={"QX": "K"})  # saved while that sync ran
    SyncSettings.reread_done(school, version)
    assert SyncSettings.reread_pending(school) is not None


def test_saving_the_same_value_again_changes_nothing_and_asks_for_no_full_sync(school):
    school_settings.update(school, add_codes={"MP": "K"})
    SyncSettings.reread_done(school, SyncSettings.reread_version_of(school))
    school_settings.update(school, add_codes={"MP": "K"}, values={"sync_contacts": "on"})
    assert SyncSettings.reread_pending(school) is None


def test_a_delta_sync_keeps_the_issue_of_a_pupil_it_did_not_re_read(client, school, on_my_plan):
    sync_school(school, client=client, now=MONDAY)
    delta = sync_school(school, client=client, now=MONDAY + DAY)
    assert not delta.full
    kept = SyncIssue.objects.get(run=delta.run, code="unknown_sen_code")
    assert kept.carried and kept.pupil.wonde_id == on_my_plan


def test_an_issue_is_not_carried_past_a_sync_that_re_read_the_pupil(client, school, on_my_plan):
    sync_school(school, client=client, now=MONDAY)
    school_settings.update(school, add_codes={"MP": "K"})
    full = sync_school(school, client=client, now=MONDAY + DAY)
    delta = sync_school(school, client=client, now=MONDAY + 2 * DAY)
    assert full.full and not delta.full
    assert not SyncIssue.objects.filter(code="unknown_sen_code", run=delta.run).exists()
