"""What a school admin and a member of staff do, in a real browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from fakewonde import DEMO_SCHOOL_ID
from pupilsync.accounts import add_member
from pupilsync.models import School
from pupilsync.termdates import give_typical_term_dates
from tests.browser.steps import PASSWORD, ready, sign_in_to_pupils, until

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN_PAGES = [
    "account-admin",
    "manage-pupils",
    "update-pupils",
    "mis-sync",
    "sync-settings",
    "sync-permissions",
    "audit-log",
]


@pytest.fixture
def oakfield(db: None) -> School:
    school = School.objects.create(name="Oakfield Primary", wonde_id=DEMO_SCHOOL_ID)
    # Term dates, so Start Sync is allowed whatever day the tests run (the schedule rules).
    give_typical_term_dates(school, timezone.localdate())
    add_member(school, "head@oakfield.example", "admin", PASSWORD)
    add_member(school, "teacher@oakfield.example", "staff", PASSWORD)
    return school


def test_an_admin_syncs_the_school_and_reads_pupils_and_issues(
    live_server, oakfield, fake_wonde, immediate_tasks, open_page, screenshot
):
    page = open_page()
    sign_in_to_pupils(page, live_server, "head@oakfield.example")
    assert page.get_by_text("0 pupils").is_visible()

    # Account > Admin > Manage Pupils > Update Pupils: choose Wonde.
    page.get_by_text("Account", exact=True).click()
    page.get_by_role("link", name="Update Pupils").click()
    page.get_by_role("heading", name="Update Pupils").wait_for()
    screenshot(page, "update-pupils")
    page.get_by_role("link", name="Choose Wonde").click()
    page.get_by_role("heading", name="MIS Sync").wait_for()
    page.get_by_role("button", name="Start Sync").click()
    # The progress fragment reloads the page when the run has finished.
    page.get_by_role("cell", name="Completed").wait_for()
    ready(page)
    counts = page.locator(".run-words").inner_text()
    assert re.search(r"Full sync: [\d,]+ pupils checked, [\d,]{2,} new", counts), counts
    assert page.get_by_text(re.compile("Data as of today's sync|last night's sync")).is_visible()

    # The issues list: the two pupils who came without a UPN, filtered by severity.
    issues = page.locator("#issue-results")
    assert issues.get_by_text("has no UPN").count() == 2
    page.get_by_label("Severity").select_option("error")
    issues.get_by_text("No issues match these filters").wait_for()
    page.get_by_label("Severity").select_option("warning")
    issues.get_by_text("has no UPN").first.wait_for()
    screenshot(page, "mis-sync")

    # Pupils, with photos served through the signed-in view.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Pupils").click()
    page.locator("img.thumb").first.wait_for()
    # The thumbnails load after the page: wait until one has (a timeout if none ever does).
    until(
        page,
        "[...document.querySelectorAll('img.thumb')].some(i => i.complete && i.naturalWidth > 0)",
    )
    screenshot(page, "pupils")
    ready(page)
    total = page.locator(".result-count").inner_text()
    page.get_by_label("Year", exact=True).select_option(index=1)
    until(page, "total => document.querySelector('.result-count').innerText !== total", total)

    page.locator(".pupils-table tbody a").first.click()
    page.get_by_text("managed by the MIS sync", exact=False).first.wait_for()
    assert page.get_by_role("heading", name="Attendance").is_visible()
    assert page.get_by_role("heading", name="Contacts").is_visible()
    screenshot(page, "pupil")


def test_staff_see_pupils_but_no_admin_page(live_server, oakfield, open_page):
    page = open_page()
    sign_in_to_pupils(page, live_server, "teacher@oakfield.example")
    page.get_by_text("Account", exact=True).click()
    assert page.get_by_role("link", name="MIS Sync").count() == 0
    assert page.get_by_role("link", name="Admin").count() == 0
    for name in ADMIN_PAGES:
        response = page.goto(live_server.url + reverse(name))
        assert response.status == 403, name
        assert page.get_by_role("heading", name="You can't open this page").is_visible()


def test_the_pages_work_on_a_phone(
    live_server, oakfield, fake_wonde, immediate_tasks, open_page, screenshot
):
    from pupilsync.sync.engine import sync_school

    sync_school(oakfield)
    page = open_page(viewport={"width": 390, "height": 844})
    sign_in_to_pupils(page, live_server, "head@oakfield.example")
    page.locator("img.thumb").first.wait_for()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the pupils list fits a phone without sideways scrolling"
    screenshot(page, "pupils-phone")
    page.goto(live_server.url + reverse("mis-sync"))
    page.get_by_role("button", name="Start Sync").wait_for()
    screenshot(page, "mis-sync-phone")


def test_the_sign_in_page(live_server, db, open_page, screenshot):
    page = open_page()
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Email or username").fill("nobody@example.org")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("alert").wait_for()
    screenshot(page, "sign-in")


def test_the_mis_sync_page_follows_a_running_sync_until_it_finishes(
    live_server, oakfield, open_page, monkeypatch
):
    from pupilsync.models import SyncRun

    def worker_starts_it(school_id: int, trigger: str, **_: object) -> None:
        SyncRun.objects.create(school_id=school_id, trigger=trigger, started_at=timezone.now())

    monkeypatch.setattr("pupilsync.admission.enqueue", worker_starts_it)
    page = open_page()
    sign_in_to_pupils(page, live_server, "head@oakfield.example")
    page.goto(live_server.url + reverse("mis-sync"))
    page.get_by_role("button", name="Start Sync").click()
    page.get_by_text("Sync running", exact=True).wait_for()

    SyncRun.objects.filter(school=oakfield).update(
        status="completed", finished_at=timezone.now(), created=3
    )
    page.get_by_role("cell", name="Completed").wait_for()
    assert page.get_by_role("button", name="Start Sync").is_visible()


def test_an_admin_tunes_the_sync_reads_permissions_and_discards_a_held_sync(
    live_server, oakfield, fake_wonde, open_page, screenshot
):
    from pupilsync.models import SenCode, SyncSettings
    from pupilsync.sync.engine import sync_school

    sync_school(oakfield)
    fake_wonde.school(DEMO_SCHOOL_ID).permissions["photos.read"] = False
    page = open_page()
    sign_in_to_pupils(page, live_server, "head@oakfield.example")

    # MIS Sync > Sync Settings: untick photos, add a custom SEN code.
    page.goto(live_server.url + reverse("mis-sync"))
    page.locator(".link-row").get_by_role("link", name="Sync Settings").click()
    page.get_by_role("heading", name="Sync Settings").wait_for()
    assert page.get_by_text("under guidance from support").is_visible()
    page.get_by_label("Sync pupil thumbnail photos").uncheck()
    page.get_by_role("button", name="Save settings").click()
    page.get_by_text("Sync settings saved.").wait_for()
    assert not page.get_by_label("Sync pupil thumbnail photos").is_checked()
    assert SyncSettings.objects.get(school=oakfield).sync_photos is False
    page.get_by_label("Custom SEN code", exact=True).fill("MP")
    page.get_by_label("Official SEND provision").select_option("K")
    page.get_by_role("button", name="Add code").click()
    page.get_by_text("Custom SEN code MP added.").wait_for()
    assert page.get_by_role("cell", name="K · SEN support").is_visible()
    assert SenCode.objects.get(school=oakfield).code == "MP"
    screenshot(page, "sync-settings")

    # Permissions: the denied one says so, in words and in red.
    page.goto(live_server.url + reverse("mis-sync"))
    page.locator(".link-row").get_by_role("link", name="Permissions").click()
    denied = page.locator("tr", has_text="Photos read")
    denied.get_by_text("Denied").wait_for()
    colour = denied.locator(".perm-status").evaluate("e => getComputedStyle(e).color")
    assert colour == "rgb(164, 38, 44)", colour
    granted = page.locator("tr", has_text="Students SEN read")
    assert granted.get_by_text("Granted").is_visible()
    assert page.get_by_role("link", name=re.compile("Open the Wonde portal")).is_visible()
    screenshot(page, "permissions")

    # Half the school vanishes from the MIS: the next sync is held; the admin discards it.
    students = fake_wonde.school(DEMO_SCHOOL_ID).students
    for wonde_id in list(students)[: len(students) // 2]:
        del students[wonde_id]
    assert sync_school(oakfield, full=True).status == "held"
    page.goto(live_server.url + reverse("mis-sync"))
    panel = page.locator(".held-panel")
    panel.get_by_role("heading", name="A sync is waiting for your approval").wait_for()
    panel.get_by_text(re.compile(r"Would archive \d+ pupils")).click()
    screenshot(page, "held-sync")
    panel.get_by_role("button", name="Discard").click()
    page.get_by_text("The held sync was discarded").wait_for()
    assert page.locator(".held-panel").count() == 0

    # The audit log keeps all three actions with who did them.
    page.get_by_role("link", name="Audit log").first.click()
    log = page.locator("table")
    for action in ("Sync settings changed", "Held sync discarded"):
        assert log.get_by_text(action).first.is_visible()
    assert log.get_by_text("head@oakfield.example").count() >= 3
    screenshot(page, "audit-log")


def test_an_admin_is_told_a_ctf_is_for_a_past_year_before_importing_it(
    live_server, oakfield, open_page, screenshot
):
    page = open_page()
    sign_in_to_pupils(page, live_server, "head@oakfield.example")
    page.goto(live_server.url + reverse("ctf-upload"))
    old = Path(__file__).parent.parent / "ctf" / "files" / "sims_old_year_v19.xml"
    page.get_by_label("CTF file").set_input_files(str(old))
    page.get_by_role("button", name="Preview import").click()
    warning = page.get_by_role("alert").filter(has_text="This file is for 2019/20")
    warning.wait_for()
    assert "not the current year" in warning.inner_text()
    screenshot(page, "ctf-preview-past-year")
