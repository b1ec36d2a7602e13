"""Update Pupils > Wonde: the request form, then the pending, revoked and declined states."""

import pytest
from django.urls import reverse

from pupilsync.models import AccessRequest, AuditEvent, School

pytestmark = pytest.mark.django_db

CONTACT = {
    "first_name": "Grace",
    "last_name": "Hopper",
    "email": "g.hopper@oakfield.example",
    "phone": "01234 567890",
    "notes": "Office hours only",
}


@pytest.fixture
def not_connected(synced, world, client, monkeypatch):
    world.schools[synced.wonde_id].state = "not_requested"
    School.objects.filter(pk=synced.pk).update(connection=School.Connection.NOT_CONNECTED)
    monkeypatch.setattr("pupilsync.connection.wonde_client", lambda: client)
    return synced


def test_choose_wonde_leads_a_school_not_connected_to_the_request(as_admin, not_connected):
    page = as_admin.get(reverse("update-pupils")).content.decode()
    assert reverse("wonde-connection") in page


def test_choose_wonde_leads_a_connected_school_to_mis_sync(as_admin, synced):
    page = as_admin.get(reverse("update-pupils")).content.decode()
    assert reverse("wonde-connection") not in page


def test_the_form_asks_for_the_contact_in_school(as_admin, not_connected):
    page = as_admin.get(reverse("wonde-connection")).content.decode()
    for field in ("first_name", "last_name", "email", "phone", "notes"):
        assert f'name="{field}"' in page


def test_a_request_asks_wonde_and_explains_the_pending_state(as_admin, not_connected):
    response = as_admin.post(reverse("wonde-connection"), CONTACT, follow=True)
    page = response.content.decode()
    not_connected.refresh_from_db()
    assert not_connected.connection == School.Connection.REQUESTED
    assert AccessRequest.objects.get(school=not_connected).email == CONTACT["email"]
    assert "approval in your Wonde Portal" in page
    assert "the Wonde team will be in touch" in page


def test_a_request_is_audited(as_admin, not_connected, admin):
    as_admin.post(reverse("wonde-connection"), CONTACT)
    event = AuditEvent.objects.get(school=not_connected, action="connection_requested")
    assert event.user == admin.user


def test_a_request_without_an_email_shows_the_error_and_asks_nothing(as_admin, not_connected):
    response = as_admin.post(reverse("wonde-connection"), CONTACT | {"email": "not-an-email"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert not AccessRequest.objects.exists()


def test_a_revoked_school_is_told_what_to_do_and_may_ask_again(as_admin, not_connected):
    School.objects.filter(pk=not_connected.pk).update(connection=School.Connection.REVOKED)
    page = as_admin.get(reverse("wonde-connection")).content.decode()
    assert "approve pupilsync in your Wonde portal" in page
    assert 'name="first_name"' in page


def test_a_declined_request_is_explained(as_admin, not_connected):
    School.objects.filter(pk=not_connected.pk).update(connection=School.Connection.DECLINED)
    page = as_admin.get(reverse("wonde-connection")).content.decode()
    assert "declined" in page
    assert 'name="first_name"' in page


def test_an_approved_school_cannot_request_again(as_admin, synced):
    as_admin.post(reverse("wonde-connection"), CONTACT)
    assert not AccessRequest.objects.exists()


def test_staff_cannot_request_a_connection(as_staff, not_connected):
    assert as_staff.post(reverse("wonde-connection"), CONTACT).status_code == 403
    assert not AccessRequest.objects.exists()


def test_the_request_form_needs_its_csrf_token(admin, not_connected):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin.user)
    assert browser.post(reverse("wonde-connection"), CONTACT).status_code == 403
