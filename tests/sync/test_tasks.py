"""The queue's sync task calls the engine through the door; immediate mode runs it in-process."""

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


def test_the_sync_task_runs_a_sync_and_returns_its_summary(immediate, client, school, monkeypatch):
    monkeypatch.setattr("pupilsync.sync.engine.wonde_client", lambda: client)
    admitted = admission.start_sync(school, trigger="manual")
    assert admitted.task is not None and admitted.task.get()["status"] == "completed"
    assert SyncRun.objects.get(school=school).trigger == "manual"


def test_the_sync_task_says_so_when_a_sync_is_already_running(immediate, school):
    SyncRun.objects.create(school=school, trigger="cli", started_at=timezone.now())
    SyncSlot.objects.claim(school, trigger="manual", full=False, now=timezone.now())
    summary = admission.sync_task(school.pk, "manual").get()
    assert summary["status"] == "already_running"


def test_a_queued_sync_of_a_school_since_deleted_ends_quietly(immediate, school):
    gone = school.pk
    school.delete()
    assert admission.sync_task(gone, "schedule").get() == {"school": gone, "status": "no_school"}


def test_the_suites_tasks_never_reach_the_demos_queue():
    from django.conf import settings

    assert not str(HUEY.storage.filename).startswith(str(settings.BASE_DIR))
