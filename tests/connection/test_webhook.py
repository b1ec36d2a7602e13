"""Wonde's webhook: authenticated by a header (never the URL), and each event followed only
once Wonde itself confirms it."""

import hashlib
import hmac
import json
import logging

import pytest
from django.test import Client

from fakewonde import DEMO_SCHOOL_ID
from pupilsync.admission import start_sync
from pupilsync.models import ConnectionEvent, School, SyncSlot

from .conftest import NEW_ID

pytestmark = pytest.mark.django_db
SECRET = "s3cret-for-tests"
URL = "/webhooks/wonde/"


@pytest.fixture(autouse=True)
def secret(settings):
    settings.WONDE_WEBHOOK_SECRET = SECRET


def deliver(payload, secret=SECRET, url=URL, **headers):
    if secret is not None:
        headers["HTTP_X_WONDE_SECRET"] = secret
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return Client().post(url, body, content_type="application/json", **headers)


def event(kind, school_id=DEMO_SCHOOL_ID, **more):
    return {"payload_type": kind, "school_id": school_id, "school_name": "Oakfield", **more}


def signed(body: str, key: str = SECRET) -> str:
    return "sha256=" + hmac.new(key.encode(), body.encode(), hashlib.sha256).hexdigest()


# Authentication ------------------------------------------------------------------------------


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


def test_the_right_secret_in_the_url_is_refused(school, world, wonde):
    world.revoke(DEMO_SCHOOL_ID)
    response = deliver(event("accessRevoked"), secret=None, url=f"{URL}?secret={SECRET}")
    assert response.status_code == 403 and "X-Wonde-Secret" in response.json()["error"]
    school.refresh_from_db()
    assert school.connection == "approved"


def test_a_body_signed_with_the_secret_is_accepted(school, world, wonde):
    world.revoke(DEMO_SCHOOL_ID)
    body = json.dumps(event("accessRevoked"))
    response = deliver(body, secret=None, HTTP_X_WONDE_SIGNATURE=signed(body))
    assert response.status_code == 200
    school.refresh_from_db()
    assert school.connection == "revoked"


def test_a_signature_of_another_body_is_refused(school):
    body = json.dumps(event("accessRevoked"))
    forged = signed(json.dumps(event("schoolApproved")))
    assert deliver(body, secret=None, HTTP_X_WONDE_SIGNATURE=forged).status_code == 403


def test_a_signature_made_with_another_key_is_refused(school):
    body = json.dumps(event("accessRevoked"))
    response = deliver(body, secret=None, HTTP_X_WONDE_SIGNATURE=signed(body, "guess"))
    assert response.status_code == 403


def test_only_post_is_accepted():
    assert Client().get(URL, HTTP_X_WONDE_SECRET=SECRET).status_code == 405


def test_a_body_that_is_not_json_is_a_bad_request(db):
    assert deliver("{not json").status_code == 400


# Check-back with Wonde -----------------------------------------------------------------------


def test_approval_of_a_school_we_hold_queues_its_first_sync(db, wonde, newcomer, enqueued):
    School.objects.create(name="Elm", wonde_id=NEW_ID, connection="requested")
    newcomer.state = "approved"
    response = deliver(event("schoolApproved", NEW_ID, school_token="never-stored"))
    assert response.json()["result"] == "approved; first sync queued"
    assert [(c["trigger"], c["full"]) for c in enqueued] == [("connected", True)]


def test_an_approval_wonde_does_not_confirm_is_ignored(db, wonde, newcomer, enqueued):
    School.objects.create(name="Elm", wonde_id=NEW_ID, connection="requested")
    newcomer.state = "pending"
    response = deliver(event("schoolApproved", NEW_ID))
    assert "Wonde says the school is requested" in response.json()["result"]
    assert School.objects.get(wonde_id=NEW_ID).connection == "requested" and not enqueued


def test_an_approval_of_a_school_we_never_requested_is_ignored_and_logged(
    db, wonde, newcomer, enqueued, caplog
):
    newcomer.state = "approved"  # approved in Wonde, but nobody here asked for it
    with caplog.at_level(logging.WARNING, logger="pupilsync.webhooks"):
        response = deliver(event("schoolApproved", NEW_ID, school_name="Elm"))
    assert response.status_code == 200 and "ignored" in response.json()["result"]
    assert not School.objects.filter(wonde_id=NEW_ID).exists() and not enqueued
    assert "never added" in caplog.text and NEW_ID in caplog.text


def test_a_revoke_wonde_confirms_keeps_the_reason(school, world, wonde):
    world.revoke(DEMO_SCHOOL_ID)
    deliver(event("accessRevoked", revoke_reason="Changing supplier"))
    school.refresh_from_db()
    assert school.connection == "revoked"
    assert ConnectionEvent.objects.get(school=school, new="revoked").reason == "Changing supplier"


def test_a_revoke_while_wonde_still_lists_the_school_as_approved_is_ignored(school, wonde):
    response = deliver(event("accessRevoked", revoke_reason="forged"))
    assert "Wonde says the school is approved" in response.json()["result"]
    school.refresh_from_db()
    assert school.connection == "approved"


def test_a_decline_wonde_confirms_is_followed(db, wonde, newcomer):
    School.objects.create(name="Elm", wonde_id=NEW_ID, connection="requested")
    newcomer.state = "declined"
    deliver(event("accessDeclined", NEW_ID, decline_reason="Not now"))
    assert School.objects.get(wonde_id=NEW_ID).connection == "declined"


def test_an_event_wonde_cannot_be_asked_about_is_refused_for_a_retry(school, world, wonde):
    world.faults.inject("500", path="/schools", times=50)
    response = deliver(event("accessRevoked"))
    assert response.status_code == 503
    school.refresh_from_db()
    assert school.connection == "approved"


def test_a_completed_migration_queues_a_full_sync(school, wonde, enqueued):
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


def test_a_migration_of_a_school_wonde_no_longer_approves_is_ignored(
    school, world, wonde, enqueued
):
    world.revoke(DEMO_SCHOOL_ID)
    response = deliver(event("schoolMigration", completed_at="2026-11-29 10:00:00"))
    assert "ignored" in response.json()["result"] and not enqueued


def test_a_migration_not_yet_completed_queues_nothing(school, wonde, enqueued):
    response = deliver(event("schoolMigration", scheduled_at="2026-12-01 09:00:00"))
    assert "not completed" in response.json()["result"] and not enqueued


def test_a_migration_while_a_sync_is_queued_makes_it_full(school, wonde, enqueued):
    start_sync(school)
    deliver(event("schoolMigration", completed_at="2026-11-29 10:00:00"))
    assert len(enqueued) == 1 and SyncSlot.objects.get(school=school).full


def test_an_event_about_an_unknown_school_is_acknowledged(db):
    response = deliver(event("accessRevoked", "A999"))
    assert response.status_code == 200 and "ignored" in response.json()["result"]


def test_an_event_pupilsync_does_not_follow_is_acknowledged(db):
    response = deliver({"payload_type": "writeback", "writeback_id": "w1"})
    assert response.status_code == 200 and "ignored" in response.json()["result"]


def test_a_second_approval_changes_nothing_and_queues_nothing(school, wonde, enqueued):
    response = deliver(event("schoolApproved"))
    assert response.json()["result"] == "already approved" and not enqueued
