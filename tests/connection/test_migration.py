"""A school that changes MIS: every Wonde id changes, and a full sync rematches everyone."""

import pytest

from fakewonde import DEMO_SCHOOL_ID
from pupilsync.admission import run_queued, start_sync
from pupilsync.models import Pupil, SyncSlot
from pupilsync.sync.engine import sync_school
from pupilsync.webhooks import handle_event

pytestmark = pytest.mark.django_db


def held_by_upi(school):
    return dict(Pupil.objects.filter(school=school).values_list("upi", "pk"))


def test_a_full_sync_after_a_migration_duplicates_nobody(world, client, school):
    sync_school(school, client=client)
    before = held_by_upi(school)
    old_ids = set(Pupil.objects.filter(school=school).values_list("wonde_id", flat=True))
    renamed = world.migrate(DEMO_SCHOOL_ID, to="Arbor")
    result = sync_school(school, client=client, full=True)
    assert not result.plan.creates and held_by_upi(school) == before
    new_ids = set(Pupil.objects.filter(school=school).values_list("wonde_id", flat=True))
    assert new_ids == {renamed[old] for old in old_ids}


def test_pupils_whose_upi_also_changed_are_matched_by_upn(world, client, school):
    sync_school(school, client=client)
    count = Pupil.objects.filter(school=school).count()
    changed = [s.upi for s in list(world.school(DEMO_SCHOOL_ID).students.values())[:5]]
    world.migrate(DEMO_SCHOOL_ID, new_upis=changed)
    result = sync_school(school, client=client, full=True)
    assert not result.plan.creates and Pupil.objects.filter(school=school).count() == count
    assert not Pupil.objects.filter(school=school, upi__in=changed).exists()


def test_the_migration_webhook_leads_to_that_full_sync(world, wonde, school, enqueued):
    sync_school(school, client=wonde)
    before = held_by_upi(school)
    world.migrate(DEMO_SCHOOL_ID)
    handle_event(
        {
            "payload_type": "schoolMigration",
            "school_id": DEMO_SCHOOL_ID,
            "completed_at": "2026-11-29 10:00:00",
        }
    )
    [queued] = enqueued
    summary = run_queued(school.pk, queued["trigger"], full=queued["full"])
    assert summary["full"] and summary["created"] == 0 and held_by_upi(school) == before
    assert SyncSlot.objects.get(school=school).queued_at is None


def test_a_migration_upgrades_a_queued_delta_sync_to_full(world, wonde, school, enqueued):
    sync_school(school, client=wonde)
    start_sync(school)  # a delta sync waiting in the queue
    world.migrate(DEMO_SCHOOL_ID)
    handle_event(
        {
            "payload_type": "schoolMigration",
            "school_id": DEMO_SCHOOL_ID,
            "completed_at": "2026-11-29 10:00:00",
        }
    )
    summary = run_queued(school.pk, "manual", full=False)
    assert summary["full"] and summary["created"] == 0
