"""Leavers' photos and contacts go when they leave; their record is anonymised once the
school's retention period has run out, and not a day before."""

from __future__ import annotations

import datetime as dt

import pytest

from pupilsync.models import (
    Assessment,
    AuditEvent,
    Pupil,
    PupilChange,
    PupilPhoto,
    PupilYear,
    School,
    SyncIssue,
    SyncRun,
)
from pupilsync.privacy import retention
from pupilsync.privacy.retention import RetentionError, apply_retention, update_settings
from tests.privacy.builders import at, pupil

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(db: None) -> School:
    return School.objects.create(name="Oakfield Primary", wonde_id="A1")


def anonymised(p: Pupil) -> bool:
    p.refresh_from_db()
    return p.anonymised_at is not None


@pytest.mark.parametrize(
    ("left", "last_kept", "first_gone"),
    [
        (dt.date(2025, 7, 20), dt.date(2026, 8, 31), dt.date(2026, 9, 1)),
        (dt.date(2025, 8, 31), dt.date(2026, 8, 31), dt.date(2026, 9, 1)),
        (dt.date(2025, 9, 1), dt.date(2027, 8, 31), dt.date(2027, 9, 1)),
        (dt.date(2025, 12, 31), dt.date(2027, 8, 31), dt.date(2027, 9, 1)),
    ],
)
def test_a_leaver_is_kept_to_the_end_of_the_academic_year_after_leaving_and_no_longer(
    school, left, last_kept, first_gone
):
    leaver = pupil(school, 1, left=left)
    apply_retention(school, now=at(last_kept.year, last_kept.month, last_kept.day, 23))
    assert not anonymised(leaver)
    apply_retention(school, now=at(first_gone.year, first_gone.month, first_gone.day, 0))
    assert anonymised(leaver)


def test_the_schools_extra_years_push_the_date_back_by_whole_years(school):
    update_settings(
        school, extra_years=2, delete_photo_on_leaving=True, delete_contacts_on_leaving=True
    )
    leaver = pupil(school, 1, left=dt.date(2025, 7, 20))
    apply_retention(school, now=at(2028, 8, 31))
    assert not anonymised(leaver)
    apply_retention(school, now=at(2028, 9, 1))
    assert anonymised(leaver)


def test_more_than_six_extra_years_is_refused_and_nothing_is_saved(school):
    with pytest.raises(RetentionError):
        update_settings(
            school, extra_years=7, delete_photo_on_leaving=True, delete_contacts_on_leaving=True
        )
    assert retention.settings_for(school).extra_years == 0


def test_a_leaver_without_a_leaving_date_counts_from_when_the_sync_archived_them(school):
    leaver = pupil(school, 1, on_roll=False, synced_at=at(2025, 7, 20))
    apply_retention(school, now=at(2026, 8, 31))
    assert not anonymised(leaver)
    apply_retention(school, now=at(2026, 9, 1))
    assert anonymised(leaver)


def test_a_pupil_on_roll_is_never_anonymised_or_stripped(school):
    current = pupil(school, 1, on_roll=True, left=dt.date(2019, 7, 20))
    apply_retention(school, now=at(2030, 9, 1))
    current.refresh_from_db()
    assert current.anonymised_at is None and current.contacts
    assert PupilPhoto.objects.filter(pupil=current).exists()


def test_a_leavers_photo_and_contacts_go_at_once_and_the_record_stays(school):
    leaver = pupil(school, 1, left=dt.date(2026, 7, 20))
    result = apply_retention(school, now=at(2026, 7, 21))
    leaver.refresh_from_db()
    assert (result.photos, result.contacts, result.anonymised) == (1, 1, 0)
    assert leaver.contacts == [] and not PupilPhoto.objects.filter(pupil=leaver).exists()
    assert leaver.surname == "Surname1" and leaver.upn == "A000000000001"


def test_with_the_settings_off_a_leaver_keeps_photo_and_contacts_until_anonymised(school):
    update_settings(
        school, extra_years=0, delete_photo_on_leaving=False, delete_contacts_on_leaving=False
    )
    leaver = pupil(school, 1, left=dt.date(2026, 7, 20))
    apply_retention(school, now=at(2026, 7, 21))
    leaver.refresh_from_db()
    assert leaver.contacts and PupilPhoto.objects.filter(pupil=leaver).exists()


def test_anonymising_removes_names_and_ids_and_cuts_dates_to_the_month(school):
    leaver = pupil(school, 1, left=dt.date(2024, 7, 20), middle_names="Jo")
    apply_retention(school, now=at(2026, 9, 1))
    leaver.refresh_from_db()
    assert (leaver.forename, leaver.surname, leaver.middle_names) == ("Former", "pupil", None)
    assert (leaver.legal_forename, leaver.upi, leaver.wonde_id, leaver.mis_id) == (None,) * 4
    assert (leaver.upn, leaver.former_upn, leaver.contacts) == (None, None, [])
    assert leaver.date_of_birth == dt.date(2012, 5, 1)
    assert leaver.leaving_date == dt.date(2024, 7, 1)
    assert leaver.admission_date == dt.date(2019, 9, 1)


def test_anonymising_keeps_assessments_and_year_rows_but_not_history_or_issues(school):
    leaver = pupil(school, 1, left=dt.date(2024, 7, 20))
    run = SyncRun.objects.create(school=school, trigger="cli", started_at=at(2024, 7, 21))
    SyncIssue.objects.create(
        run=run, school=school, pupil=leaver, code="x", severity="info", message="Surname1"
    )
    apply_retention(school, now=at(2026, 9, 1))
    assert Assessment.objects.filter(pupil=leaver).count() == 1
    assert PupilYear.objects.filter(pupil=leaver, year_group="9").count() == 1
    assert not PupilChange.objects.filter(pupil=leaver).exists()
    assert not SyncIssue.objects.filter(pupil=leaver).exists()


def test_a_dry_run_says_what_would_go_and_changes_nothing(school):
    leaver = pupil(school, 1, left=dt.date(2024, 7, 20))
    pupil(school, 2)
    result = apply_retention(school, now=at(2026, 9, 1), dry_run=True)
    assert (result.photos, result.contacts, result.anonymised) == (1, 1, 1)
    assert result.pupils[0]["upn"] == "A000000000001"
    assert not anonymised(leaver)
    assert PupilPhoto.objects.filter(pupil=leaver).exists()
    assert not AuditEvent.objects.exists()


def test_each_step_is_in_the_audit_log_with_the_pupils_it_touched(school):
    leaver = pupil(school, 1, left=dt.date(2024, 7, 20))
    apply_retention(school, now=at(2026, 9, 1))
    events = {e.action: e.detail for e in AuditEvent.objects.filter(school=school)}
    assert events[retention.ANONYMISED]["pupil_ids"] == [leaver.pk]
    assert events[retention.PHOTOS_DELETED]["count"] == 1
    assert events[retention.CONTACTS_DELETED]["count"] == 1


def test_a_second_pass_finds_nothing_more_to_do(school):
    pupil(school, 1, left=dt.date(2024, 7, 20))
    apply_retention(school, now=at(2026, 9, 1))
    again = apply_retention(school, now=at(2026, 9, 2))
    assert (again.photos, again.contacts, again.anonymised) == (0, 0, 0)
    assert AuditEvent.objects.count() == 3


def statements_for(school: School, leavers: int, start: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(start, start + leavers):
        pupil(school, n, left=dt.date(2024, 7, 20))
    with CaptureQueriesContext(connection) as queries:
        apply_retention(school, now=at(2026, 9, 1))
    return len(queries)


def test_retention_costs_the_same_statements_for_three_leavers_as_for_thirty(school):
    other = School.objects.create(name="Elm", wonde_id="A2")
    assert statements_for(school, 3, 1) == statements_for(other, 30, 100)
