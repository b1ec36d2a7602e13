"""Where a school's sync stands, as the pages tell it: running, queued with its place, a retry
waiting for its time (which can be run now), or idle."""

import datetime as dt

import pytest

from pupilsync.admission import run_queued, run_retry_now, start_sync
from pupilsync.models import School, SyncRun, SyncSlot
from pupilsync.scheduling.status import sync_state

pytestmark = pytest.mark.django_db
NOON = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)


def test_a_school_with_nothing_queued_is_idle(school):
    assert sync_state(school, NOON).state == "idle"


def test_a_queued_sync_shows_its_place_behind_schools_queued_earlier(school, enqueued):
    other = School.objects.create(name="Riverside", wonde_id="B1")
    start_sync(other, now=NOON - dt.timedelta(minutes=2))
    start_sync(school, now=NOON - dt.timedelta(minutes=1))
    state = sync_state(school, NOON)
    assert state.state == "queued" and state.position == 2
    assert sync_state(other, NOON).position == 1


def test_a_queued_sync_says_what_queued_it(school, enqueued):
    start_sync(school, trigger=SyncRun.Trigger.MANUAL, now=NOON - dt.timedelta(minutes=1))
    assert sync_state(school, NOON).trigger == "manual"


def test_a_sync_started_by_someone_else_shows_as_running(school):
    SyncRun.objects.create(school=school, trigger="schedule", started_at=NOON)
    assert sync_state(school, NOON + dt.timedelta(seconds=5)).state == "running"


def test_a_failed_sync_shows_its_retry_with_the_time_it_runs(
    world, wonde, school, enqueued, settings
):
    settings.SYNC_RETRY_MINUTES = [10, 30]
    start_sync(school)
    world.faults.inject("404", path="/students")
    run_queued(school.pk, "manual", attempt=1)
    slot = SyncSlot.objects.get(school=school)
    state = sync_state(school, slot.queued_at + dt.timedelta(minutes=1))
    assert state.state == "retry" and (state.attempt, state.retries) == (1, 2)
    assert state.due_at == slot.queued_at + dt.timedelta(minutes=10)
    assert enqueued[-1]["trigger"] == "retry" and enqueued[-1]["delay"] == 600


def test_a_retry_can_be_run_now_and_then_is_queued_at_once(
    world, wonde, school, enqueued, settings
):
    settings.SYNC_RETRY_MINUTES = [10]
    start_sync(school)
    world.faults.inject("404", path="/students")
    run_queued(school.pk, "manual", attempt=1)
    failed_at = SyncSlot.objects.get(school=school).queued_at
    outcome = run_retry_now(school, now=failed_at + dt.timedelta(minutes=1))
    assert outcome.queued and (enqueued[-1]["trigger"], enqueued[-1]["delay"]) == ("retry", 0)
    assert sync_state(school, failed_at + dt.timedelta(minutes=1)).state == "queued"


def test_run_it_now_with_no_retry_waiting_says_so(school, enqueued):
    outcome = run_retry_now(school, now=NOON)
    assert not outcome.queued and "No retry is waiting" in outcome.message and not enqueued
