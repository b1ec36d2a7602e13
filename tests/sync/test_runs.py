"""No run stays "running" after its worker died."""

import datetime as dt
import subprocess
import sys

import pytest
from django.utils import timezone

from pupilsync.models import SyncRun
from pupilsync.models import run as runs
from pupilsync.models.run import AlreadyRunning

pytestmark = pytest.mark.django_db


def running(school, worker, minutes_ago=1):
    return SyncRun.objects.create(
        school=school,
        trigger="cli",
        started_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
        worker=worker,
    )


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_run_whose_worker_died_on_this_host_is_marked_failed(school):
    run = running(school, f"{runs.HOST}:{dead_pid()}")
    assert SyncRun.objects.expire_dead() == 1
    run.refresh_from_db()
    assert run.status == "failed" and "stopped mid-sync" in run.error


def test_a_run_of_a_live_worker_keeps_running(school):
    run = running(school, runs.WORKER)
    SyncRun.objects.expire_dead()
    run.refresh_from_db()
    assert run.status == "running"


def test_a_run_on_another_machine_is_trusted_until_the_time_limit(school):
    young = running(school, "elsewhere:1", minutes_ago=5)
    SyncRun.objects.expire_dead()
    young.refresh_from_db()
    assert young.status == "running"


def test_a_run_silent_past_the_time_limit_is_marked_failed(school):
    old = running(school, "elsewhere:1", minutes_ago=180)
    SyncRun.objects.expire_dead()
    old.refresh_from_db()
    assert old.status == "failed"


def test_a_new_sync_can_start_once_the_dead_workers_run_is_cleared(school):
    running(school, f"{runs.HOST}:{dead_pid()}")
    run = SyncRun.objects.start(school, trigger="cli", full=True, academic_year=2026)
    assert run.status == "running"


def test_a_live_workers_run_still_holds_the_lock(school):
    running(school, runs.WORKER)
    with pytest.raises(AlreadyRunning):
        SyncRun.objects.start(school, trigger="cli", full=True, academic_year=2026)
