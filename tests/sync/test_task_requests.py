"""A queued task runs only while the school's slot is its to take: a sync that has answered
it since, or another delivery of the same task, makes it stand down."""

import datetime as dt

import pytest
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from pupilsync import admission
from pupilsync.models import SyncRun, SyncSlot

pytestmark = pytest.mark.django_db


@pytest.fixture
def immediate():
    HUEY.immediate = True
    yield
    HUEY.immediate = False


@pytest.fixture
def fake_wonde(client, monkeypatch):
    monkeypatch.setattr("pupilsync.sync.engine.wonde_client", lambda: client)


def _finished_run(school, started_at):
    return SyncRun.objects.create(
        school=school,
        trigger="schedule",
        status=SyncRun.Status.COMPLETED,
        started_at=started_at,
        finished_at=started_at + dt.timedelta(seconds=5),
    )


def test_a_task_answered_by_a_sync_begun_since_runs_no_second_sync(immediate, school):
    _finished_run(school, started_at=timezone.now() - dt.timedelta(seconds=30))
    summary = admission.sync_task(school.pk, "manual").get()  # its slot was freed by that sync
    assert summary["status"] == "already_synced"
    assert SyncRun.objects.filter(school=school).count() == 1


def test_a_second_delivery_of_one_task_runs_no_second_sync(fake_wonde, school, enqueued):
    admission.start_sync(school)
    first = admission.run_queued(school.pk, "manual")
    again = admission.run_queued(school.pk, "manual")
    assert (first["status"], again["status"]) == ("completed", "already_synced")
    assert SyncRun.objects.filter(school=school).count() == 1


def test_a_task_for_an_earlier_attempt_stands_down(fake_wonde, school, enqueued):
    admission.start_sync(school)
    SyncSlot.objects.filter(school=school).update(attempt=2)  # a retry has replaced it
    assert admission.run_queued(school.pk, "manual", attempt=1)["status"] == "already_synced"


def test_a_request_made_after_the_last_sync_runs_a_sync(immediate, fake_wonde, school):
    _finished_run(school, started_at=timezone.now() - dt.timedelta(hours=1))
    admitted = admission.start_sync(school)
    assert admitted.task is not None and admitted.task.get()["status"] == "completed"
