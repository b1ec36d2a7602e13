"""An admin makes an API key in a real browser, the host app reads pupils with it, and the
admin revokes it; a webhook is added and its delivery log shown."""

from __future__ import annotations

import httpx
import pytest
from django.urls import reverse
from django.utils import timezone

from fakewonde import DEMO_SCHOOL_ID
from pupilsync.accounts import add_member
from pupilsync.api import addresses
from pupilsync.models import Pupil, School, Webhook, WebhookDelivery
from pupilsync.sync.engine import sync_school
from pupilsync.termdates import give_typical_term_dates
from tests.browser.steps import PASSWORD, sign_in_to_pupils

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def oakfield(db: None, fake_wonde, monkeypatch) -> School:
    monkeypatch.setattr(addresses, "resolve", lambda host, port: ["93.184.215.14"])
    school = School.objects.create(name="Oakfield Primary", wonde_id=DEMO_SCHOOL_ID)
    give_typical_term_dates(school, timezone.localdate())
    add_member(school, "head@oakfield.example", "admin", PASSWORD)
    assert sync_school(school).status == "completed"
    return school


def signed_in(live_server, open_page):
    page = open_page()
    sign_in_to_pupils(page, live_server, "head@oakfield.example")
    return page


def test_an_admin_makes_a_key_the_host_app_uses_then_revokes_it(
    live_server, oakfield, open_page, screenshot
):
    page = signed_in(live_server, open_page)
    page.goto(live_server.url + reverse("account-admin"))
    page.get_by_role("navigation", name="Admin").get_by_role("link", name="API Access").click()
    page.get_by_label("Name").fill("Host app")
    page.get_by_role("button", name="Make a key").click()
    page.get_by_role("heading", name="Your new key").wait_for()
    key = page.locator("#new-key code.secret").inner_text().strip()

    pupils = httpx.get(
        f"{live_server.url}/api/v1/pupils", headers={"Authorization": f"Bearer {key}"}
    )
    assert pupils.status_code == 200
    assert pupils.json()["count"] == Pupil.objects.filter(school=oakfield, on_roll=True).count()

    page.goto(live_server.url + reverse("api-access"))
    assert page.get_by_text(key).count() == 0  # shown once only
    page.get_by_role("button", name="Revoke Host app").click()
    page.get_by_text("revoked: it no longer works").wait_for()
    again = httpx.get(
        f"{live_server.url}/api/v1/pupils", headers={"Authorization": f"Bearer {key}"}
    )
    assert again.status_code == 401


def test_an_admin_adds_a_webhook_and_reads_its_delivery_log(
    live_server, oakfield, open_page, screenshot
):
    page = signed_in(live_server, open_page)
    page.goto(live_server.url + reverse("api-access"))
    page.get_by_label("Name").fill("Host app")
    page.get_by_role("button", name="Make a key").click()
    page.get_by_role("heading", name="Your new key").wait_for()
    page.get_by_label("Address").fill("https://host.example/pupilsync")
    page.get_by_role("button", name="Add webhook").click()
    page.get_by_role("heading", name="Your webhook's signing secret").wait_for()
    webhook = Webhook.objects.get(school=oakfield)
    now = timezone.now()
    WebhookDelivery.objects.create(
        webhook=webhook, school=oakfield, first_seq=207, last_seq=212, attempt=1,
        status_code=200, delivered=True, at=now,
    )  # fmt: skip
    WebhookDelivery.objects.create(
        webhook=webhook, school=oakfield, first_seq=213, last_seq=213, attempt=1,
        status_code=503, error="answered 503", at=now, retry_at=now + timezone.timedelta(minutes=1),
    )  # fmt: skip
    page.goto(live_server.url + reverse("api-access"))
    page.get_by_role("heading", name="Delivery log").wait_for()
    assert page.get_by_text("Failed: answered 503").is_visible()
    screenshot(page, "api-access")
