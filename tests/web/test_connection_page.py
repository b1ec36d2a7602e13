"""Update Pupils > Wonde: the request form, then the pending, revoked and declined states."""

import pytest
from django.urls import reverse

from fakewonde import DEMO_SCHOOL_ID
from pupilsync.models import AccessRequest, AuditEvent, ConnectionEvent, School
from wonde import errors

pytestmark = pytest.mark.django_db

UNKNOWN_ID = "A9999999999"
CONTACT = {
    "wonde_id": DEMO_SCHOOL_ID,
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


@pytest.fixture
def mistyped(not_connected):
    """The school was added with a Wonde id Wonde does not know."""
    School.objects.filter(pk=not_connected.pk).update(wonde_id=UNKNOWN_ID)
    return not_connected


def failing(monkeypatch, client, error: errors.WondeError) -> None:
    def request_access(*args: object, **kwargs: object) -> dict[str, object]:
        raise error

    monkeypatch.setattr(client, "request_access", request_access)


def test_an_id_wonde_does_not_know_is_said_next_to_the_id(as_admin, mistyped):
    response = as_admin.post(reverse("wonde-connection"), CONTACT | {"wonde_id": UNKNOWN_ID})
    [error] = response.context["form"].errors["wonde_id"]
    assert error.startswith(f"Wonde does not know the school id {UNKNOWN_ID}")
    assert "correct it here" in error
    assert "Could not reach Wonde" not in response.content.decode()


def test_an_id_wonde_does_not_know_requests_nothing(as_admin, mistyped):
    as_admin.post(reverse("wonde-connection"), CONTACT | {"wonde_id": UNKNOWN_ID})
    mistyped.refresh_from_db()
    assert mistyped.connection == School.Connection.NOT_CONNECTED
    assert not AccessRequest.objects.exists()


def test_a_network_failure_says_wonde_could_not_be_reached(
    as_admin, not_connected, client, monkeypatch
):
    failing(monkeypatch, client, errors.NetworkError("connection to Wonde failed (ConnectError)"))
    response = as_admin.post(reverse("wonde-connection"), CONTACT)
    form = response.context["form"]
    assert form.non_field_errors() == [
        "Could not reach Wonde, so nothing was requested. Try again in a few minutes."
    ]
    assert "wonde_id" not in form.errors
    assert not AccessRequest.objects.exists()


def test_a_wonde_outage_says_wonde_answered_and_to_try_again(
    as_admin, not_connected, client, monkeypatch
):
    failing(monkeypatch, client, errors.ServerError("Wonde answered 503", status=503))
    response = as_admin.post(reverse("wonde-connection"), CONTACT)
    [error] = response.context["form"].non_field_errors()
    assert "Wonde could not take the request just now (it answered 503)" in error


def test_the_page_shows_the_wonde_id_in_use(as_admin, mistyped):
    page = as_admin.get(reverse("wonde-connection")).content.decode()
    assert f"Wonde school id: <strong>{UNKNOWN_ID}</strong>" in page
    assert f'name="wonde_id" value="{UNKNOWN_ID}"' in page


def test_correcting_the_id_requests_the_connection_by_the_right_one(as_admin, mistyped, world):
    as_admin.post(reverse("wonde-connection"), CONTACT)
    mistyped.refresh_from_db()
    assert mistyped.wonde_id == DEMO_SCHOOL_ID
    assert mistyped.connection == School.Connection.REQUESTED
    assert world.schools[DEMO_SCHOOL_ID].state == "pending"


def test_correcting_the_id_is_audited_with_the_old_one(as_admin, mistyped):
    as_admin.post(reverse("wonde-connection"), CONTACT)
    event = AuditEvent.objects.get(school=mistyped, action="connection_requested")
    assert event.detail == {"wonde_id": DEMO_SCHOOL_ID, "wonde_id_was": UNKNOWN_ID}


def test_a_correction_wonde_does_not_know_either_keeps_the_id(as_admin, not_connected):
    as_admin.post(reverse("wonde-connection"), CONTACT | {"wonde_id": UNKNOWN_ID})
    not_connected.refresh_from_db()
    assert not_connected.wonde_id == DEMO_SCHOOL_ID


def test_a_correction_that_is_not_an_id_is_said_next_to_the_id(as_admin, mistyped):
    response = as_admin.post(reverse("wonde-connection"), CONTACT | {"wonde_id": "A193 0499"})
    [error] = response.context["form"].errors["wonde_id"]
    assert "is not a Wonde school id" in error
    assert not AccessRequest.objects.exists()


def test_a_correction_to_another_schools_id_is_refused(as_admin, mistyped, elsewhere):
    response = as_admin.post(reverse("wonde-connection"), CONTACT | {"wonde_id": "B000000001"})
    [error] = response.context["form"].errors["wonde_id"]
    assert "Another school already uses the Wonde school id B000000001" in error
    mistyped.refresh_from_db()
    assert mistyped.wonde_id == UNKNOWN_ID


def test_a_school_once_approved_cannot_change_its_id(as_admin, not_connected):
    ConnectionEvent.objects.create(
        school=not_connected,
        old="requested",
        new="approved",
        source="poll",
        at=not_connected.created_at,
    )
    School.objects.filter(pk=not_connected.pk).update(connection=School.Connection.REVOKED)
    page = as_admin.get(reverse("wonde-connection")).content.decode()
    assert 'name="wonde_id"' not in page
    as_admin.post(reverse("wonde-connection"), CONTACT | {"wonde_id": UNKNOWN_ID})
    not_connected.refresh_from_db()
    assert not_connected.wonde_id == DEMO_SCHOOL_ID
