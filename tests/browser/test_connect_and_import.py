"""A new school in a real browser: request the Wonde connection, add term dates, sync once
the fake Wonde approves, then import a CTF file."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from fakewonde import DEMO_SCHOOL_ID
from pupilsync.accounts import add_member
from pupilsync.connection import poll_connections
from pupilsync.ctf.synthetic import make_ctf
from pupilsync.models import CtfImport, School, SyncRun, TermDates
from pupilsync.termdates import academic_year_on, label
from tests.browser.steps import PASSWORD, sign_in_to_pupils

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def elm(db: None, fake_wonde) -> School:
    """A school not yet connected: Wonde has not been asked either."""
    fake_wonde.schools[DEMO_SCHOOL_ID].state = "not_requested"
    school = School.objects.create(
        name="Elm Primary", wonde_id=DEMO_SCHOOL_ID, connection=School.Connection.NOT_CONNECTED
    )
    add_member(school, "head@elm.example", "admin", PASSWORD)
    return school


def test_an_admin_connects_a_new_school_adds_term_dates_syncs_and_imports_a_ctf(
    live_server, elm, fake_wonde, immediate_tasks, open_page, screenshot
):
    page = open_page()
    sign_in_to_pupils(page, live_server, "head@elm.example")

    # Update Pupils > Choose Wonde: the contact in school.
    page.goto(live_server.url + reverse("update-pupils"))
    page.get_by_role("link", name="Choose Wonde").click()
    page.get_by_role("heading", name="Connect to Wonde").wait_for()
    page.get_by_label("First name").fill("Grace")
    page.get_by_label("Last name").fill("Hopper")
    page.get_by_label("Email").fill("g.hopper@elm.example")
    page.get_by_label("Phone").fill("01234 567890")
    screenshot(page, "wonde-connection")
    page.get_by_role("button", name="Request connection").click()
    page.get_by_text("the Wonde team will be in touch").wait_for()
    assert fake_wonde.schools[DEMO_SCHOOL_ID].state == "pending"
    screenshot(page, "wonde-connection-pending")

    # Term Dates: this academic year's half-terms.
    year = academic_year_on(timezone.localdate(), [])
    page.get_by_role("link", name="Term Dates").click()
    page.get_by_label("Academic year").select_option(str(year))
    dates = {
        "Autumn 1 starts": dt.date(year, 9, 3),
        "Autumn 2 starts": dt.date(year, 11, 2),
        "Spring 1 starts": dt.date(year + 1, 1, 6),
        "Spring 2 starts": dt.date(year + 1, 2, 23),
        "Summer 1 starts": dt.date(year + 1, 4, 14),
        "Summer 2 starts": dt.date(year + 1, 6, 8),
        "Summer 2 ends": dt.date(year + 1, 7, 21),
    }
    for name, day in dates.items():
        page.get_by_label(name).fill(day.isoformat())
    page.get_by_role("button", name="Save term dates").click()
    page.get_by_text(f"The term dates for {label(year)} are saved.").wait_for()
    assert TermDates.objects.filter(school=elm, academic_year=year).exists()
    screenshot(page, "term-dates")

    # The school approves in its Wonde portal; the scheduler's poll finds it (first sync runs).
    fake_wonde.approve(DEMO_SCHOOL_ID)
    poll_connections()
    page.goto(live_server.url + reverse("mis-sync"))
    page.get_by_text("Next scheduled sync").wait_for()
    page.get_by_role("button", name="Start Sync").click()
    page.get_by_role("cell", name="Start Sync").wait_for()  # the run history's new row
    assert SyncRun.objects.filter(school=elm, trigger="manual", status="completed").exists()
    screenshot(page, "mis-sync-next")

    # Update Pupils > CTF: upload, preview, confirm.
    page.goto(live_server.url + reverse("update-pupils"))
    page.get_by_role("link", name="Choose CTF").click()
    page.get_by_label("CTF file").set_input_files(
        {"name": "year6.xml", "mimeType": "text/xml", "buffer": make_ctf(3, academic_year=year)}
    )
    page.get_by_role("button", name="Preview import").click()
    page.get_by_role("heading", name="New pupils (3)").wait_for()
    screenshot(page, "ctf-preview")
    page.get_by_role("button", name="Confirm import").click()
    page.get_by_role("heading", name="Imported year6.xml").wait_for()
    assert CtfImport.objects.filter(school=elm, created=3).exists()
    screenshot(page, "ctf-imported")
