"""Wonde's webhook: refused without the shared secret; each event moves the school on."""

import json

import pytest
from django.test import Client

from fakewonde import DEMO_SCHOOL_ID
from pupilsync.models import ConnectionEvent, School, SyncSlot
from pupilsync.scheduling.queue import start_sync

from .conftest import NEW_ID

pytestmark = pytest.mark.django_db
SECRET = "s3cret-for-tests"
URL = "/webhooks/wonde/"


@pytest.fixture(autouse=True)
def secret(settings):
    settings.WONDE_WEBHOOK_SECRET = SECRET


def deliver(payload, secret=SECRET, **headers):
    query = f"?secret={secret}" if secret is not None else ""
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return Client().post(URL + query, body, content_type="application/json", **headers)


def event(kind, school_id=DEMO_SCHOOL_ID, **more):
    return {"payload_type": kind, "school_id": school_id, "school_name": "Oakfield", **more}


def test_a_wrong_secret_is_refused(school):
    response = deliver(event("accessRevoked"), secret="guess")
    assert response.status_code == 403
    school.refresh_from_db()
    assert school.connection == "approved"


def test_a_missing_secret_is_refused(school):
    assert deliver(event("accessRevoked"), secret=None).status_code == 403


def test_with_no_secret_configured_every_delivery_is_refused(school, settings):
    settings.WONDE_WEBHOOK_SECRET = ""
    assert deliver(event("accessRevoked"), secret="").status_code == 403


def test_the_secret_may_come_in_a_header(school):
    response = deliver(event("accessRevoked"), secret=None, HTTP_X_WEBHOOK_SECRET=SECRET)
    assert response.status_code == 200


def test_only_post_is_accepted():
    assert Client().get(URL + f"?secret={SECRET}").status_code == 405


def test_a_body_that_is_not_json_is_a_bad_request(db):
    assert deliver("{not json").status_code == 400


def test_approval_of_a_school_we_hold_queues_its_first_sync(db, enqueued):
    School.objects.create(name="Elm", wonde_id=NEW_ID, connection="requested")
    response = deliver(event("schoolApproved", NEW_ID, school_token="never-stored"))
    assert response.json()["result"] == "approved; first sync queued"
    assert [(c["trigger"], c["full"]) for c in enqueued] == [("connected", True)]


def test_approval_of_a_new_school_adds_it(db, enqueued):
    deliver(event("schoolApproved", NEW_ID, school_urn="100200", school_la_code="123"))
    school = School.objects.get(wonde_id=NEW_ID)
    assert (school.connection, school.urn, school.la_code) == ("approved", "100200", "123")


def test_a_revoke_keeps_the_reason(school):
    deliver(event("accessRevoked", revoke_reason="Changing supplier"))
    school.refresh_from_db()
    assert school.connection == "revoked"
    assert ConnectionEvent.objects.get(school=school, new="revoked").reason == "Changing supplier"


def test_a_decline_is_followed(db):
    School.objects.create(name="Elm", wonde_id=NEW_ID, connection="requested")
    deliver(event("accessDeclined", NEW_ID, decline_reason="Not now"))
    assert School.objects.get(wonde_id=NEW_ID).connection == "declined"


def test_a_completed_migration_queues_a_full_sync(school, enqueued):
    deliver(
        event(
            "schoolMigration",
            migrate_from="SIMS",
            migrate_to="Arbor",
            completed_at="2026-11-29 10:00:00",
        )
    )
    assert [(c["trigger"], c["full"]) for c in enqueued] == [("webhook", True)]
    assert "SIMS to Arbor" in ConnectionEvent.objects.get(school=school).reason


def test_a_migration_not_yet_completed_queues_nothing(school, enqueued):
    response = deliver(event("schoolMigration", scheduled_at="2026-12-01 09:00:00"))
    assert "not completed" in response.json()["result"] and not enqueued


def test_a_migration_while_a_sync_is_queued_makes_it_full(school, enqueued):
    start_sync(school)
    deliver(event("schoolMigration", completed_at="2026-11-29 10:00:00"))
    assert len(enqueued) == 1 and SyncSlot.objects.get(school=school).full


def test_an_event_about_an_unknown_school_is_acknowledged(db):
    response = deliver(event("accessRevoked", "A999"))
    assert response.status_code == 200 and "ignored" in response.json()["result"]


def test_an_event_pupilsync_does_not_follow_is_acknowledged(db):
    response = deliver({"payload_type": "writeback", "writeback_id": "w1"})
    assert response.status_code == 200 and "ignored" in response.json()["result"]


def test_a_second_approval_changes_nothing_and_queues_nothing(school, enqueued):
    response = deliver(event("schoolApproved"))
    assert response.json()["result"] == "already approved" and not enqueued
