"""The Wonde token never reaches logs, run records, issues or exports."""

import json
import logging

import pytest

from fakewonde import DEMO_SCHOOL_ID, DEMO_TOKEN
from pupilsync.models import SyncIssue, SyncRun
from tests.cli.shell import run

pytestmark = pytest.mark.django_db


def stored_text() -> str:
    runs = list(SyncRun.objects.values_list("error", "cursors"))
    issues = list(SyncIssue.objects.values_list("message", "pupil_ref"))
    return json.dumps([runs, issues], default=str)


def test_a_sync_logged_at_debug_never_shows_the_token(served, school, caplog):
    caplog.set_level(logging.DEBUG)
    run("sync", DEMO_SCHOOL_ID)
    assert caplog.records and DEMO_TOKEN not in caplog.text


def test_a_refused_token_is_reported_without_the_token(served, world, school, caplog):
    caplog.set_level(logging.DEBUG)
    world.faults.inject("401", times=50)
    with pytest.raises(SystemExit):
        run("sync", DEMO_SCHOOL_ID)
    assert "token" in stored_text().lower()
    assert DEMO_TOKEN not in caplog.text + stored_text()


def test_the_export_and_run_list_never_carry_the_token(served, school):
    run("sync", DEMO_SCHOOL_ID)
    out = run("export", DEMO_SCHOOL_ID) + run("runs", DEMO_SCHOOL_ID, "--json")
    assert DEMO_TOKEN not in out
