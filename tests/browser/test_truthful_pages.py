"""What a data manager reads matches what the sync did (issue 17), walked in a real browser:
a settings fix reaches every pupil, Start Sync always answers, counts read as words, a CTF
import is shown as an import, and a CTF preview speaks the guide's words and warns."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from fakewonde import DEMO_SCHOOL_ID
from pupilsync.models import PupilYear, SyncRun, SyncSlot
from tests.browser import test_journeys as journeys
from tests.browser.steps import sign_in_to_pupils
from tests.ctf.builders import ctf, pupil

pytestmark = pytest.mark.django_db(transaction=True)
oakfield = journeys.oakfield  # the same school, admin and staff as the other journeys


def test_a_custom_sen_code_fix_reaches_the_pupil_at_the_next_sync_which_reads_everyone(
    live_server, oakfield, fake_wonde, immediate_tasks, open_page, screenshot
):
    from pupilsync.sync.engine import sync_school

    student = next(iter(fake_wonde.school(DEMO_SCHOOL_ID).students.values()))
    student.sen_status = "MP"
    sync_school(oakfield)
    page = open_page()
    sign_in_to_pupils(page, live_server, "head@oakfield.example")
    page.goto(live_server.url + reverse("mis-sync"))
    assert page.get_by_text(re.compile(r"Full sync: [\d,]+ pupils checked")).is_visible()
    issue = page.locator("#issue-results").get_by_text("has the SEN code 'MP'")
    assert issue.is_visible() and "pupilsync" not in issue.inner_text()

    page.locator(".link-row").get_by_role("link", name="Sync Settings").click()
    page.get_by_label("Custom SEN code", exact=True).fill("MP")
    page.get_by_label("Official SEND provision").select_option("E")
    page.get_by_role("button", name="Add code").click()
    page.get_by_text(
        "The next sync re-reads every pupil, so your change reaches everyone."
    ).first.wait_for()
    screenshot(page, "sync-settings-reread")

    page.goto(live_server.url + reverse("mis-sync"))
    assert page.locator("#issue-results").get_by_text("Waiting for the next sync").is_visible()
    assert page.locator("#reread-note").is_visible()
    screenshot(page, "mis-sync-waiting")
    page.get_by_role("button", name="Start Sync").click()
    page.get_by_text(
        re.compile(r"Full sync: [\d,]+ pupils checked, none changed|1 updated")
    ).wait_for()
    assert page.locator("#issue-results").get_by_text("has the SEN code 'MP'").count() == 0
    assert page.locator("#reread-note").count() == 0
    held = PupilYear.objects.get(pupil__wonde_id=student.id)
    assert held.sen_provision == "E"
    screenshot(page, "mis-sync-words")


def test_start_sync_with_a_retry_waiting_says_when_and_offers_to_run_it_now(
    live_server, oakfield, open_page, monkeypatch, screenshot
):
    queued: list[tuple] = []
    monkeypatch.setattr("pupilsync.admission.enqueue", lambda *a, **kw: queued.append(a))
    failed_at = timezone.now()
    SyncRun.objects.create(
        school=oakfield,
        trigger="schedule",
        status="failed",
        started_at=failed_at - dt.timedelta(minutes=1),
        finished_at=failed_at,
        error="Reading from Wonde failed after retries, so nothing was changed.",
    )
    due = failed_at + dt.timedelta(minutes=10)
    SyncSlot.objects.create(school=oakfield, queued_at=failed_at, due_at=due, attempt=2)
    clock = f"{timezone.localtime(due):%H:%M}"

    page = open_page()
    sign_in_to_pupils(page, live_server, "head@oakfield.example")
    page.goto(live_server.url + reverse("mis-sync"))
    assert page.locator("#next-retry").get_by_text("Retry of the failed sync").is_visible()
    page.get_by_role("button", name="Start Sync").click()
    page.get_by_text(f"its retry is already queued for {clock}").wait_for()
    assert page.get_by_text(f"Retry queued for {clock}").is_visible()
    assert not queued
    screenshot(page, "mis-sync-retry")
    page.get_by_role("button", name="Run it now").click()
    page.get_by_text("is queued now").wait_for()
    assert queued and queued[0][1] == "retry"
    page.goto(live_server.url + reverse("audit-log"))
    assert page.locator("table").get_by_text("Sync started").count() == 1  # only Run it now


def test_a_ctf_import_shows_as_an_import_not_as_the_last_sync(live_server, oakfield, open_page):
    now = timezone.now()
    SyncRun.objects.create(
        school=oakfield,
        trigger="schedule",
        status="completed",
        full=True,
        unchanged=1188,
        started_at=now - dt.timedelta(hours=3),
        finished_at=now - dt.timedelta(hours=3),
    )
    SyncRun.objects.create(
        school=oakfield,
        trigger="ctf",
        status="completed",
        created=2,
        started_at=now - dt.timedelta(minutes=5),
        finished_at=now - dt.timedelta(minutes=5),
    )
    page = open_page()
    sign_in_to_pupils(page, live_server, "head@oakfield.example")
    page.goto(live_server.url + reverse("mis-sync"))
    assert page.get_by_text("Full sync: 1,188 pupils checked, none changed.").is_visible()
    assert page.get_by_text(re.compile("Since then: a CTF import on")).is_visible()
    assert page.get_by_role("cell", name="CTF import").is_visible()
    assert page.get_by_role("cell", name="Nightly").is_visible()
    assert page.get_by_text(re.compile("Data as of .*CTF import")).first.is_visible()


def test_a_ctf_preview_warns_about_an_old_file_and_a_year_group_that_does_not_fit(
    live_server, oakfield, open_page, screenshot, tmp_path
):
    year6 = "<BasicDetails><NCyearActual>6</NCyearActual><Ethnicity>WBRI</Ethnicity></BasicDetails>"
    path = tmp_path / "leavers-2025.xml"
    path.write_bytes(ctf(pupil(year6, dob="2009-03-01")))
    page = open_page()
    sign_in_to_pupils(page, live_server, "head@oakfield.example")
    page.goto(live_server.url + reverse("ctf-upload"))
    page.get_by_label("CTF file (.xml)").set_input_files(str(path))
    page.get_by_role("button", name=re.compile("Preview|Upload")).click()
    page.get_by_role("heading", name=re.compile("Preview")).wait_for()
    assert page.get_by_text("This file was made on 1 July 2025").is_visible()
    assert page.get_by_text(re.compile("is in Year 6 but was born on 1 March 2009")).is_visible()
    screenshot(page, "ctf-preview-warnings")
