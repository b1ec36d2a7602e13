"""Account > Admin > Host App > API Access: keys and webhooks, made, shown once, revoked."""

from __future__ import annotations

import pytest
from django.test import Client

from pupilsync.api import addresses, keys, outbound
from pupilsync.models import ApiKey, AuditEvent, School, Webhook, WebhookDelivery

pytestmark = pytest.mark.django_db
PAGE = "/account/admin/host-app/api/"


@pytest.fixture(autouse=True)
def public_host(monkeypatch) -> None:
    """host.example resolves to a public address (no test asks the real DNS)."""
    monkeypatch.setattr(addresses, "resolve", lambda host, port: ["93.184.215.14"])


def make_key(as_admin: Client, name: str = "Host app") -> str:
    answer = as_admin.post(f"{PAGE}keys/", {"name": name})
    assert answer.status_code == 200
    return answer.context["new_key"].secret


def test_the_page_is_in_the_admin_menu(as_admin):
    assert f'href="{PAGE}"' in as_admin.get("/account/admin/").content.decode()


def test_a_new_key_is_shown_on_the_answer_to_making_it(as_admin):
    answer = as_admin.post(f"{PAGE}keys/", {"name": "Host app"})
    secret = answer.context["new_key"].secret
    assert secret in answer.content.decode() and keys.authenticate(secret) is not None


def test_a_new_key_is_never_shown_again(as_admin):
    secret = make_key(as_admin)
    assert secret not in as_admin.get(PAGE).content.decode()


def test_the_list_shows_a_keys_prefix_and_who_made_it(as_admin, admin):
    make_key(as_admin, "Timetable app")
    page = as_admin.get(PAGE).content.decode()
    key = ApiKey.objects.get()
    assert f"psk_{key.prefix}_" in page and admin.user.email in page and "Timetable app" in page


def test_making_a_key_is_audited_as_the_admin(as_admin, admin):
    make_key(as_admin)
    event = AuditEvent.objects.get(action=keys.KEY_CREATED)
    assert event.user == admin.user


def test_revoking_a_key_stops_it_working(as_admin):
    secret = make_key(as_admin)
    answer = as_admin.post(f"{PAGE}keys/{ApiKey.objects.get().pk}/revoke/")
    assert answer.status_code == 302 and keys.authenticate(secret) is None
    assert AuditEvent.objects.filter(action=keys.KEY_REVOKED).count() == 1


def test_another_schools_key_cannot_be_revoked(as_admin, elsewhere):
    theirs = keys.create(School.objects.get(pk=elsewhere["school"]), "x", by="t").key
    assert as_admin.post(f"{PAGE}keys/{theirs.pk}/revoke/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_a_key_needs_a_name(as_admin):
    assert as_admin.post(f"{PAGE}keys/", {"name": ""}).status_code == 400
    assert not ApiKey.objects.exists()


def test_staff_cannot_open_the_page(as_staff):
    assert as_staff.get(PAGE).status_code == 403


def test_a_webhook_shows_its_signing_secret_once(as_admin):
    answer = as_admin.post(f"{PAGE}webhooks/", {"url": "https://host.example/hook"})
    webhook = Webhook.objects.get()
    assert webhook.secret in answer.content.decode()
    assert webhook.secret not in as_admin.get(PAGE).content.decode()


def test_a_webhook_must_use_https(as_admin):
    answer = as_admin.post(f"{PAGE}webhooks/", {"url": "http://host.example/hook"})
    assert answer.status_code == 400 and not Webhook.objects.exists()


def test_removing_a_webhook_is_audited(as_admin):
    as_admin.post(f"{PAGE}webhooks/", {"url": "https://host.example/hook"})
    as_admin.post(f"{PAGE}webhooks/{Webhook.objects.get().pk}/remove/")
    assert not Webhook.objects.get().active
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"webhook_added", "webhook_removed"} <= actions


def test_the_delivery_log_is_shown(as_admin, synced):
    webhook = outbound.create(synced, "https://host.example/hook", by="t")
    WebhookDelivery.objects.create(
        webhook=webhook, school=synced, first_seq=1, last_seq=9, attempt=2, status_code=503,
        error="answered 503", at=webhook.created_at,
    )  # fmt: skip
    assert "Failed: answered 503" in as_admin.get(PAGE).content.decode()


def test_a_webhook_to_a_private_address_is_refused(as_admin, monkeypatch):
    monkeypatch.setattr(addresses, "resolve", lambda host, port: ["10.0.0.5"])
    answer = as_admin.post(f"{PAGE}webhooks/", {"url": "https://intranet.example/hook"})
    assert answer.status_code == 400 and not Webhook.objects.exists()
