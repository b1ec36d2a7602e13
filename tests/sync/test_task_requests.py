"""A request to sync carries when it was made; a sync begun since then has already answered it."""

import datetime as dt

import pytest
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from pupilsync.models import SyncRun
from pupilsync.tasks import sync_school_task

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


def test_a_request_answered_by_a_sync_begun_since_runs_no_second_sync(immediate, school):
    asked = timezone.now() - dt.timedelta(minutes=1)
    _finished_run(school, started_at=asked + dt.timedelta(seconds=1))
    summary = sync_school_task(school.pk, "manual", requested_at=asked).get()
    assert summary["status"] == "already_synced"
    assert SyncRun.objects.filter(school=school).count() == 1


def test_a_request_made_after_the_last_sync_began_runs_a_sync(immediate, fake_wonde, school):
    _finished_run(school, started_at=timezone.now() - dt.timedelta(hours=1))
    summary = sync_school_task(school.pk, "manual", requested_at=timezone.now()).get()
    assert summary["status"] == "completed"
