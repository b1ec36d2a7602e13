"""A sync the circuit breaker held, on the MIS Sync page: what it would do; approve or discard."""

import pytest
from django.urls import reverse
from huey.contrib.djhuey import HUEY

from fakewonde import DEMO_SCHOOL_ID
from pupilsync import audit
from pupilsync.models import AuditEvent, SyncRun
from pupilsync.sync.engine import sync_school

pytestmark = pytest.mark.django_db


@pytest.fixture
def immediate():
    HUEY.immediate = True
    yield
    HUEY.immediate = False


@pytest.fixture
def held(synced, world, client) -> SyncRun:
    """Half the school vanishes from the MIS overnight: the next sync is held."""
    students = world.school(DEMO_SCHOOL_ID).students
    for key in list(students)[: len(students) // 2]:
        del students[key]
    result = sync_school(synced, client=client, full=True)
    assert result.status == SyncRun.Status.HELD
    return SyncRun.objects.get(pk=result.run.pk)


def test_a_held_sync_is_shown_with_its_reason_and_what_it_would_do(as_admin, held):
    page = as_admin.get(reverse("mis-sync")).content.decode()
    assert "A sync is waiting for your approval" in page
    assert held.error in page
    archived = held.held["archived"]
    assert f"Would archive {archived['count']} pupils" in page
    assert archived["pupils"][0]["pupil"] in page


def test_no_panel_when_nothing_is_held(as_admin, synced):
    assert "waiting for your approval" not in as_admin.get(reverse("mis-sync")).content.decode()


def test_discarding_changes_nothing_and_is_audited(as_admin, held, synced):
    on_roll = synced.pupils.filter(on_roll=True).count()
    response = as_admin.post(reverse("mis-sync-discard"), follow=True)
    assert "The held sync was discarded" in response.content.decode()
    assert SyncRun.objects.get(pk=held.pk).status == SyncRun.Status.DISCARDED
    assert synced.pupils.filter(on_roll=True).count() == on_roll
    event = AuditEvent.objects.get(school=synced, action=audit.SYNC_DISCARDED)
    assert event.by == "head@oakfield.example"
    assert "waiting for your approval" not in response.content.decode()


def test_approving_queues_the_sync_that_applies_it_and_is_audited(
    as_admin, held, synced, served, immediate
):
    archived = held.held["archived"]["count"]
    on_roll = synced.pupils.filter(on_roll=True).count()
    as_admin.post(reverse("mis-sync-approve"))
    assert SyncRun.objects.get(pk=held.pk).status == SyncRun.Status.APPROVED
    assert synced.pupils.filter(on_roll=True).count() == on_roll - archived
    event = AuditEvent.objects.get(school=synced, action=audit.SYNC_APPROVED)
    assert (event.by, event.detail["run"]) == ("head@oakfield.example", held.pk)


def test_approving_when_nothing_is_held_queues_nothing(as_admin, synced, monkeypatch):
    queued = []
    monkeypatch.setattr("pupilsync.admission.enqueue", lambda *a, **k: queued.append(a))
    response = as_admin.post(reverse("mis-sync-approve"), follow=True)
    assert "There is no held sync to approve." in response.content.decode()
    assert queued == []


def test_the_audit_log_lists_who_did_what(as_admin, synced):
    audit.record(synced, audit.SETTINGS_CHANGED, by="head@oakfield.example", settings={"x": False})
    page = as_admin.get(reverse("audit-log")).content.decode()
    assert "Sync settings changed" in page
    assert "head@oakfield.example" in page
    assert "settings: x = off" in page


def test_the_audit_log_names_a_setting_as_the_guide_does(as_admin, synced):
    audit.record(synced, audit.SETTINGS_CHANGED, by="cli", settings={"sync_photos": False})
    page = as_admin.get(reverse("audit-log")).content.decode()
    assert "settings: Sync pupil thumbnail photos = off" in page
