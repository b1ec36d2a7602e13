"""Every step of a school's connection: add, request, approve, revoke, decline."""

import pytest

from fakewonde import DEMO_SCHOOL_ID
from pupilsync.admission import run_queued, start_sync
from pupilsync.connection import (
    ConnectionProblem,
    Contact,
    WondeIdProblem,
    add_school,
    poll_connections,
    request_access,
)
from pupilsync.models import AccessRequest, ConnectionEvent, Pupil, SyncSlot
from pupilsync.scheduling.gate import schedule_for

from .conftest import NEW_ID

pytestmark = pytest.mark.django_db
HEAD = Contact("Ann", "Oak", "ann.oak@elm.example", "01234 567890", "Mornings are best")


def test_a_school_wonde_already_approved_starts_approved(wonde):
    school, note = add_school("Oakfield", DEMO_SCHOOL_ID)
    assert school.connection == "approved" and not note


def test_any_other_school_starts_not_connected(added):
    assert added.connection == "not_connected"


def test_a_school_is_added_even_when_wonde_cannot_be_asked(db):
    school, note = add_school("Oakfield", DEMO_SCHOOL_ID)  # conftest: Wonde is unreachable
    assert school.connection == "not_connected" and "polling will find out" in note


def test_a_request_sends_the_contact_to_wonde_and_waits(added, newcomer):
    request_access(added, HEAD)
    assert added.connection == "requested" and newcomer.state == "pending"
    sent = AccessRequest.objects.get(school=added)
    assert (sent.first_name, sent.email, sent.phone) == (
        "Ann",
        "ann.oak@elm.example",
        "01234 567890",
    )


def test_a_request_needs_a_name_and_an_email_address(added):
    with pytest.raises(ConnectionProblem, match=r"first name.*not an email address"):
        request_access(added, Contact("", "Oak", "not-an-email"))
    assert added.connection == "not_connected" and not AccessRequest.objects.exists()


def test_an_approved_school_has_nothing_to_request(wonde, school):
    with pytest.raises(ConnectionProblem, match="already approved"):
        request_access(school, HEAD)


def test_polling_finds_the_approval_and_queues_the_first_sync(added, world, enqueued):
    request_access(added, HEAD)
    world.approve(NEW_ID)
    [event] = poll_connections()
    added.refresh_from_db()
    assert (event.old, event.new, event.source) == ("requested", "approved", "poll")
    assert added.connection == "approved"
    assert [(c["school"], c["full"]) for c in enqueued] == [(added.pk, True)]


def test_the_first_sync_runs_once_approved(added, world, enqueued):
    request_access(added, HEAD)
    world.approve(NEW_ID)
    poll_connections()
    summary = run_queued(added.pk, enqueued[0]["trigger"], full=True)
    assert summary["status"] == "completed" and Pupil.objects.filter(school=added).exists()


def test_polling_finds_a_decline(added, world):
    request_access(added, HEAD)
    world.decline(NEW_ID)
    poll_connections()
    added.refresh_from_db()
    assert added.connection == "declined"


def test_a_declined_school_can_ask_again(added, world):
    request_access(added, HEAD)
    world.decline(NEW_ID)
    poll_connections()
    request_access(added, HEAD)
    assert added.connection == "requested"


def test_a_revoked_school_stops_syncing_and_keeps_its_data(added, world, enqueued):
    request_access(added, HEAD)
    world.approve(NEW_ID)
    poll_connections()
    run_queued(added.pk, "schedule", full=True)
    pupils = Pupil.objects.filter(school=added).count()
    world.revoke(NEW_ID)
    poll_connections()
    added.refresh_from_db()
    assert added.connection == "revoked"
    assert Pupil.objects.filter(school=added).count() == pupils > 0
    refused = start_sync(added)
    assert not refused.queued and refused.decision.code == "revoked"


def test_revoking_frees_a_queued_sync(added, world, enqueued):
    request_access(added, HEAD)
    world.approve(NEW_ID)
    poll_connections()  # queues the first sync
    world.revoke(NEW_ID)
    poll_connections()
    added.refresh_from_db()
    assert SyncSlot.objects.get(school=added).queued_at is None
    assert schedule_for(added).code == "revoked"


def test_polling_with_nothing_changed_records_nothing(added):
    before = ConnectionEvent.objects.count()
    assert poll_connections() == [] and ConnectionEvent.objects.count() == before


def test_every_change_is_recorded_with_its_source(added, world):
    request_access(added, HEAD)
    world.approve(NEW_ID)
    poll_connections()
    steps = [(e.old, e.new, e.source) for e in reversed(added.connection_events.all())]
    assert steps == [
        ("not_connected", "not_connected", "add"),
        ("not_connected", "requested", "request"),
        ("requested", "approved", "poll"),
    ]


def test_a_revoked_school_can_ask_again(added, world):
    request_access(added, HEAD)
    world.approve(NEW_ID)
    poll_connections()
    world.revoke(NEW_ID)
    poll_connections()
    added.refresh_from_db()
    request_access(added, HEAD)
    assert added.connection == "requested" and world.school(NEW_ID).state == "pending"


def test_a_request_for_an_id_wonde_does_not_know_is_a_wonde_id_problem(wonde):
    school, _ = add_school("Elm Primary", "A2999999999")
    with pytest.raises(WondeIdProblem, match="Wonde does not know the school id A2999999999"):
        request_access(school, HEAD)
    assert school.connection == "not_connected" and not AccessRequest.objects.exists()


def test_a_request_may_correct_the_wonde_id(wonde, newcomer):
    school, _ = add_school("Elm Primary", "A2999999999")
    request_access(school, HEAD, wonde_id=NEW_ID)
    school.refresh_from_db()
    assert (school.wonde_id, school.connection) == (NEW_ID, "requested")
    assert newcomer.state == "pending"
