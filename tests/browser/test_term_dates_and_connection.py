"""Term dates that would stop the sync are refused, a failed connection request says whose the
failure was (issue 17, items 6 and 7), and a forgotten password is reset (item 8), walked in a
real browser as a data manager."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from fakewonde import DEMO_SCHOOL_ID
from pupilsync import connection
from pupilsync.accounts import add_member
from pupilsync.models import AuditEvent, School, TermDates
from pupilsync.termdates import academic_year_on, label
from tests.browser import test_journeys as journeys
from tests.browser.steps import PASSWORD, sign_in_to_pupils
from wonde import WondeClient
from wonde.retry import RetryPolicy

pytestmark = pytest.mark.django_db(transaction=True)
oakfield = journeys.oakfield  # the same school, admin and staff as the other journeys
UNKNOWN_ID = "A9999999999"
LABELS = (
    "Autumn 1 starts",
    "Autumn 2 starts",
    "Spring 1 starts",
    "Spring 2 starts",
    "Summer 1 starts",
    "Summer 2 starts",
    "Summer 2 ends",
)


def fill_dates(page, days: list[dt.date]) -> None:
    for name, day in zip(LABELS, days, strict=True):
        page.get_by_label(name, exact=True).fill(day.isoformat())


def plausible(year: int, summer_end: dt.date) -> list[dt.date]:
    return [
        dt.date(year, 9, 3),
        dt.date(year, 11, 2),
        dt.date(year + 1, 1, 6),
        dt.date(year + 1, 2, 23),
        dt.date(year + 1, 4, 14),
        dt.date(year + 1, 6, 8),
        summer_end,
    ]


def test_term_dates_that_would_stop_the_sync_are_refused_next_to_each_date(
    live_server, oakfield, open_page, screenshot
):
    year = academic_year_on(timezone.localdate(), []) + 1
    held = TermDates.objects.get(school=oakfield, academic_year=year)
    page = open_page()
    sign_in_to_pupils(page, live_server, "head@oakfield.example")
    page.get_by_text("Account", exact=True).click()
    page.get_by_role("link", name="Term Dates").click()
    page.get_by_role("heading", name="Term Dates", exact=True).wait_for()

    # The year: every half-term inside 1-7 September.
    page.get_by_label("Academic year").select_option(str(year))
    fill_dates(page, [dt.date(year, 9, d) for d in range(1, 8)])
    page.get_by_role("button", name="Save term dates").click()
    page.get_by_text("Nothing was saved: the dates marked below need changing.").wait_for()
    assert "must be in July or August" in page.locator("#id_summer_end-error").inner_text()
    assert "a half-term is at least a week" in page.locator("#id_autumn1-error").inner_text()
    assert page.locator(".field-error").count() >= 6
    screenshot(page, "term-dates-errors")
    assert TermDates.objects.get(pk=held.pk).summer_end == held.summer_end

    # A real-looking year whose Summer 2 ends on 2 July: a warning, saved once ticked.
    early = dt.date(year + 1, 7, 2)
    fill_dates(page, plausible(year, early))
    page.get_by_role("button", name="Save term dates").click()
    warning = page.locator("#id_summer_end-warning")
    warning.wait_for()
    assert "the sync would pause for 8 weeks" in warning.inner_text()
    assert page.locator(".field-error").count() == 0
    screenshot(page, "term-dates-warning")
    assert TermDates.objects.get(pk=held.pk).summer_end == held.summer_end
    page.get_by_label("These dates are right: save them anyway").check()
    page.get_by_role("button", name="Save term dates").click()
    page.get_by_text(f"The term dates for {label(year)} are saved.").wait_for()
    assert TermDates.objects.get(pk=held.pk).summer_end == early

    # The audit log keeps the dates saved and what the changed ones were.
    page.goto(live_server.url + reverse("audit-log"))
    row = page.get_by_role("row").filter(has_text="Term dates changed").first
    assert f"Summer 2 ends = {early:%d %b %Y}" in row.inner_text()
    assert f"Summer 2 ends = {held.summer_end:%d %b %Y}" in row.inner_text()


@pytest.fixture
def elm(db: None, fake_wonde) -> School:
    """A school added with a Wonde id Wonde does not know (one digit wrong, say)."""
    fake_wonde.schools[DEMO_SCHOOL_ID].state = "not_requested"
    school = School.objects.create(
        name="Elm Primary", wonde_id=UNKNOWN_ID, connection=School.Connection.NOT_CONNECTED
    )
    add_member(school, "head@elm.example", "admin", PASSWORD)
    return school


def unreachable() -> WondeClient:
    # Nothing listens on port 9; no sleeping between the retries.
    policy = RetryPolicy(sleep=lambda _: None)
    return WondeClient("token", base_url="http://127.0.0.1:9/v1.0/", retry=policy)


def test_a_failed_connection_request_says_whose_the_failure_was_and_the_id_is_corrected(
    live_server, elm, fake_wonde, open_page, monkeypatch, screenshot
):
    page = open_page()
    sign_in_to_pupils(page, live_server, "head@elm.example")
    page.goto(live_server.url + reverse("wonde-connection"))
    assert page.get_by_text(f"Wonde school id: {UNKNOWN_ID}").is_visible()
    page.get_by_label("First name").fill("Grace")
    page.get_by_label("Last name").fill("Hopper")
    page.get_by_label("Email").fill("g.hopper@elm.example")

    # Wonde answers 404: the id is wrong, said next to the id, not blamed on the network.
    page.get_by_role("button", name="Request connection").click()
    error = page.locator("#id_wonde_id-error")
    error.wait_for()
    assert f"Wonde does not know the school id {UNKNOWN_ID}" in error.inner_text()
    assert page.get_by_text("Could not reach Wonde").count() == 0
    screenshot(page, "wonde-connection-unknown-id")

    # The network fails: said as such, and the corrected id is not kept yet.
    reachable = connection.wonde_client
    monkeypatch.setattr("pupilsync.connection.wonde_client", unreachable)
    page.get_by_label("Wonde school id").fill(DEMO_SCHOOL_ID)
    page.get_by_role("button", name="Request connection").click()
    page.get_by_text("Could not reach Wonde, so nothing was requested.").wait_for()
    assert page.locator("#id_wonde_id-error").count() == 0
    screenshot(page, "wonde-connection-unreachable")
    assert School.objects.get(pk=elm.pk).wonde_id == UNKNOWN_ID

    # Wonde reachable again: the corrected id is asked for, kept and audited.
    monkeypatch.setattr("pupilsync.connection.wonde_client", reachable)
    page.get_by_role("button", name="Request connection").click()
    page.get_by_text("the Wonde team will be in touch").wait_for()
    assert page.get_by_text(f"Wonde school id: {DEMO_SCHOOL_ID}").is_visible()
    assert fake_wonde.schools[DEMO_SCHOOL_ID].state == "pending"
    event = AuditEvent.objects.get(school=elm, action="connection_requested")
    assert event.detail == {"wonde_id": DEMO_SCHOOL_ID, "wonde_id_was": UNKNOWN_ID}


def test_a_forgotten_password_is_reset_from_the_sign_in_page(
    live_server, oakfield, open_page, screenshot
):
    page = open_page()
    page.goto(live_server.url + reverse("login"))
    page.get_by_role("link", name="Forgotten your password?").click()
    page.get_by_label("Email").fill("head@oakfield.example")
    screenshot(page, "password-reset")
    page.get_by_role("button", name="Email me a link").click()
    page.get_by_text("If that address belongs to a pupilsync account").wait_for()
    [message] = mail.outbox
    link = re.search(r"https?://\S+/sign-in/reset/\S+", message.body).group(0)

    page.goto(link)
    page.get_by_label("New password", exact=True).fill("a-fresh-passphrase-77")
    page.get_by_label("New password confirmation").fill("a-fresh-passphrase-77")
    page.get_by_role("button", name="Save my new password").click()
    page.get_by_text("Your new password is saved.").wait_for()
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Email or username").fill("head@oakfield.example")
    page.get_by_label("Password").fill("a-fresh-passphrase-77")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Pupils").wait_for()
