"""The sync queue: one sync of a school queued or running at a time, retries, emails."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from fakewonde import DEMO_SCHOOL_ID
from pupilsync.admission import queue_due, run_queued, start_sync
from pupilsync.models import School, Staff, SyncRun, SyncSlot

from .terms import only_these_years

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
END_OF_WINDOW = dt.datetime(2026, 11, 30, 4, 59, 59, tzinfo=LONDON)  # every school is due


@pytest.fixture
def admin(school):
    user = User.objects.create_user("head", email="head@oakfield.example")
    return Staff.objects.create(user=user, school=school, role=Staff.Role.ADMIN)


def test_start_sync_queues_one_sync(school, enqueued):
    queued = start_sync(school)
    assert queued.queued and [c["school"] for c in enqueued] == [school.pk]


def test_asking_again_while_one_is_queued_says_so_and_queues_nothing(school, enqueued):
    start_sync(school)
    again = start_sync(school)
    assert not again.queued and "already queued" in again.message and len(enqueued) == 1


def test_asking_while_a_sync_runs_says_so(school, enqueued):
    SyncRun.objects.create(school=school, trigger="cli", started_at=timezone.now())
    queued = start_sync(school)
    assert not queued.queued and queued.decision.code == "running" and not enqueued


def test_the_marker_held_by_another_process_refuses_a_claim(school):
    now = timezone.now()
    SyncSlot.objects.create(school=school, queued_at=now, due_at=now)  # as another process would
    assert not SyncSlot.objects.claim(school, trigger="manual", full=False, now=timezone.now())


def test_a_marker_left_by_a_dead_consumer_expires(school):
    now = timezone.now()
    SyncSlot.objects.create(school=school, queued_at=now - dt.timedelta(hours=7))
    assert SyncSlot.objects.claim(school, trigger="manual", full=False, now=now)


def test_a_finished_sync_frees_the_school_for_the_next(wonde, school, enqueued):
    start_sync(school)
    summary = run_queued(school.pk, "manual")
    assert summary["status"] == "completed"
    assert start_sync(school).queued


def test_a_failed_sync_is_retried_later_with_backoff(world, wonde, school, enqueued, settings):
    settings.SYNC_RETRY_MINUTES = [10, 30]
    start_sync(school)
    world.faults.inject("404", path="/students", times=2)
    run_queued(school.pk, "schedule", attempt=1)
    run_queued(school.pk, "schedule", attempt=2)
    retries = [(c["attempt"], c["delay"]) for c in enqueued[1:]]
    assert retries == [(2, 600), (3, 1800)]
    assert SyncSlot.objects.get(school=school).queued_at is not None  # still held between tries


def test_when_the_retries_run_out_admins_get_an_email(
    world, wonde, school, admin, enqueued, settings, mailoutbox
):
    settings.SYNC_RETRY_MINUTES = [10]
    start_sync(school)
    SyncSlot.objects.filter(school=school).update(attempt=2)  # the first try failed
    world.faults.inject("404", path="/students")
    run_queued(school.pk, "schedule", attempt=2)
    [email] = mailoutbox
    assert email.to == ["head@oakfield.example"] and "failed" in email.subject
    assert "Reason: Wonde does not know this school" in email.body and "What to do" in email.body
    assert SyncSlot.objects.get(school=school).queued_at is None


def test_a_retry_that_works_sends_no_email(world, wonde, school, admin, enqueued, mailoutbox):
    start_sync(school)
    world.faults.inject("404", path="/students")
    run_queued(school.pk, "schedule", attempt=1)
    run_queued(school.pk, "schedule", attempt=2)
    assert not mailoutbox and SyncRun.objects.filter(status="completed").count() == 1


def test_the_nightly_round_queues_each_due_school_once_a_night(school, enqueued):
    queue_due(END_OF_WINDOW)
    queue_due(END_OF_WINDOW)
    assert [c["trigger"] for c in enqueued] == ["schedule"]


def test_the_next_night_queues_it_again(school, enqueued):
    queue_due(END_OF_WINDOW)
    SyncSlot.objects.update(queued_at=None)  # the first night's sync finished
    queue_due(END_OF_WINDOW + dt.timedelta(days=1))
    assert len(enqueued) == 2


def test_nothing_is_queued_outside_the_window(school, enqueued):
    assert queue_due(dt.datetime(2026, 11, 30, 12, tzinfo=LONDON)) == [] and not enqueued


def test_only_approved_schools_are_queued(school, enqueued):
    School.objects.create(name="Asked", wonde_id="A2", connection="requested")
    queue_due(END_OF_WINDOW)
    assert [c["school"] for c in enqueued] == [school.pk]


def test_a_nightly_sync_blocked_by_missing_term_dates_emails_admins(
    school, admin, enqueued, mailoutbox
):
    only_these_years(school, 2025)
    queued = queue_due(dt.datetime(2027, 1, 4, 4, 59, tzinfo=LONDON))
    assert not queued[0].queued and not enqueued
    [email] = mailoutbox
    assert "term dates for 2026/27 are missing" in email.body and "Term Dates" in email.body


def test_the_summer_pause_sends_no_email(school, admin, enqueued, mailoutbox):
    only_these_years(school, 2026)
    queued = queue_due(dt.datetime(2027, 8, 2, 4, 59, tzinfo=LONDON))
    assert queued[0].decision.code == "summer_pause" and not mailoutbox


def test_a_manual_sync_in_the_summer_pause_is_refused(school, enqueued):
    only_these_years(school, 2026)
    queued = start_sync(school, now=dt.datetime(2027, 8, 2, 10, tzinfo=LONDON))
    assert not queued.queued and "resumes on 1 September 2027" in queued.message


def test_the_demo_school_is_the_one_queued(school, enqueued):
    start_sync(school)
    assert School.objects.get(pk=enqueued[0]["school"]).wonde_id == DEMO_SCHOOL_ID


def test_of_two_claims_at_once_only_the_first_wins(school):
    now = timezone.now()
    first = SyncSlot.objects.claim(school, trigger="manual", full=False, now=now)
    second = SyncSlot.objects.claim(school, trigger="schedule", full=False, now=now)
    assert (first, second) == (True, False)
    assert SyncSlot.objects.get(school=school).trigger == "manual"


def test_if_the_task_queue_is_down_the_school_is_not_left_marked(school, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr("pupilsync.admission.enqueue", down)
    with pytest.raises(ConnectionError):
        start_sync(school)
    assert SyncSlot.objects.get(school=school).queued_at is None


def test_a_slot_whose_worker_died_mid_sync_is_free_again(school):
    now = timezone.now()
    assert SyncSlot.objects.claim(school, trigger="manual", full=False, now=now)
    assert SyncSlot.objects.take(school.pk, 1)
    SyncRun.objects.create(  # the worker's run, which expire_dead marked failed
        school=school, trigger="manual", status="failed", started_at=now, finished_at=now
    )
    assert SyncSlot.objects.claim(school, trigger="manual", full=False, now=now)


def test_a_slot_taken_by_a_running_sync_is_not_free(school):
    now = timezone.now()
    SyncSlot.objects.claim(school, trigger="manual", full=False, now=now)
    SyncSlot.objects.take(school.pk, 1)
    SyncRun.objects.start(school, trigger="manual", full=False, academic_year=2026, now=now)
    assert not SyncSlot.objects.claim(school, trigger="schedule", full=False, now=now)


def test_start_sync_after_a_worker_died_mid_sync_queues_a_new_one(school, enqueued):
    start_sync(school)
    SyncSlot.objects.take(school.pk, 1)
    SyncRun.objects.create(  # its run, which expire_dead has marked failed
        school=school, trigger="manual", status="failed", started_at=timezone.now()
    )
    assert start_sync(school).queued and len(enqueued) == 2
