"""A school that leaves: its data is kept for the set period, its admins are told the date, and
then all its pupil data is deleted; coming back before then keeps everything syncing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from pupilsync.accounts import add_member
from pupilsync.connection import set_connection
from pupilsync.models import Assessment, AuditEvent, Pupil, PupilYear, School, SchoolDeletion
from pupilsync.privacy import departure, nightly
from pupilsync.sync.engine import sync_school
from tests.cli.shell import run
from tests.privacy.builders import at, pupil

pytestmark = pytest.mark.django_db
State = School.Connection


@pytest.fixture
def oak(db: None, settings) -> School:
    settings.RETENTION_AFTER_REVOKE_DAYS = 90
    school = School.objects.create(name="Oak Primary", wonde_id="A1", connection=State.APPROVED)
    add_member(school, "head@oak.example", "admin", "pw-123456789")
    pupil(school, 1)
    return school


def revoke(school: School, when: dt.datetime) -> None:
    set_connection(school, State.REVOKED, source="poll", reason="school left", now=when)


def test_a_revoke_sets_the_deletion_date_and_emails_the_admins(oak):
    revoke(oak, at(2026, 12, 1))
    deletion = SchoolDeletion.objects.get(school=oak)
    assert deletion.delete_on == dt.date(2027, 3, 1)
    assert mail.outbox[0].to == ["head@oak.example"]
    assert "1 March 2027" in mail.outbox[0].body


def test_the_data_is_kept_until_the_day_before_the_date_and_deleted_on_it(oak):
    revoke(oak, at(2026, 12, 1))
    nightly.run(now=at(2027, 2, 28, 23))
    assert Pupil.objects.filter(school=oak).count() == 1
    nightly.run(now=at(2027, 3, 1, 0))
    assert not Pupil.objects.filter(school=oak).exists()
    assert not Assessment.objects.filter(school=oak).exists()
    assert not PupilYear.objects.filter(school=oak).exists()
    assert School.objects.filter(pk=oak.pk).exists()
    assert AuditEvent.objects.filter(school=oak, action=departure.DELETED).exists()


def test_coming_back_before_the_date_cancels_the_deletion(oak, enqueued):
    # (The sync the approval asks for is refused here: Oak has no term dates. See the next test.)
    revoke(oak, at(2026, 12, 1))
    set_connection(oak, State.APPROVED, source="poll", now=at(2027, 1, 10))
    nightly.run(now=at(2027, 3, 2))
    assert Pupil.objects.filter(school=oak).count() == 1
    assert not SchoolDeletion.objects.filter(school=oak).exists()


def test_a_school_that_comes_back_syncs_onto_the_same_pupils(school, client, enqueued):
    first = sync_school(school, client=client)
    held = Pupil.objects.filter(school=school).count()
    revoke(school, at(2026, 12, 1))
    set_connection(school, State.APPROVED, source="poll", now=at(2026, 12, 20))
    again = sync_school(school, client=client, full=True)
    assert first.status == again.status == "completed"
    assert len(again.plan.creates) == 0
    assert Pupil.objects.filter(school=school).count() == held


def test_the_command_deletes_everything_at_once_on_a_written_request(oak):
    out = run("retention", "A1", "--delete-school-data", "--request", "letter 2026-12-01", "--yes")
    assert "'pupils': 1" in out
    assert not Pupil.objects.filter(school=oak).exists()
    event = AuditEvent.objects.get(school=oak, action=departure.DELETED)
    assert event.detail["request"] == "letter 2026-12-01"


def test_the_command_deletes_nothing_without_the_request(oak):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        run("retention", "A1", "--delete-school-data", "--yes")
    assert Pupil.objects.filter(school=oak).exists()
