"""The change feed: every created, updated, archived and restored pupil, once, in order."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fakewonde import DEMO_SCHOOL_ID
from pupilsync.ctf.service import apply, build_preview
from pupilsync.models import FeedEntry, Pupil
from pupilsync.sync import feed
from pupilsync.sync.diff import Change, Plan
from pupilsync.sync.engine import sync_school
from pupilsync.sync.records import PupilFields
from tests.ctf.builders import ctf, pupil

pytestmark = pytest.mark.django_db
CHANGES = "/api/v1/changes"


def follow(api, since: str = "0", limit: int = 500) -> tuple[list[dict], str]:
    """Every change after `since`, page by page, as the host app reads them."""
    seen: list[dict] = []
    while True:
        page = api.get(CHANGES, {"since": since, "limit": limit}).json()
        seen += page["changes"]
        since = page["next"]
        if not page["more"]:
            return seen, since


def test_a_first_sync_puts_every_new_pupil_in_the_feed(synced, api):
    changes, _ = follow(api)
    created = Pupil.objects.filter(school=synced).values_list("pk", flat=True)
    assert sorted(c["pupil_id"] for c in changes) == sorted(created)
    assert {c["kind"] for c in changes} == {"created"}


def test_the_cursors_count_up_from_one_without_a_gap(synced, api):
    changes, last = follow(api)
    assert [int(c["cursor"]) for c in changes] == list(range(1, len(changes) + 1))
    assert last == changes[-1]["cursor"]


def test_small_pages_give_each_change_once(synced, api):
    whole, _ = follow(api)
    paged, _ = follow(api, limit=7)
    assert paged == whole


def test_a_sync_with_no_change_adds_nothing(synced, client, api):
    _, cursor = follow(api)
    sync_school(synced, client=client)
    assert follow(api, cursor) == ([], cursor)


def test_a_day_of_mis_changes_is_in_the_feed(world, synced, client, api):
    _, cursor = follow(api)
    day = world.advance_day(DEMO_SCHOOL_ID, seed=1)
    sync_school(synced, client=client)
    changes, _ = follow(api, cursor)
    kinds = {(c["kind"], _wonde_id(c["pupil_id"])) for c in changes}
    assert {("archived", w) for w in day.left} <= kinds
    assert {("created", w) for w in day.joined} <= kinds


def test_an_update_names_the_fields_that_changed(synced, client, api):
    _, cursor = follow(api)
    held = Pupil.objects.filter(school=synced).first()
    Pupil.objects.filter(pk=held.pk).update(surname="Changed-Locally")
    sync_school(synced, client=client, full=True)  # the MIS puts the surname back
    changes, _ = follow(api, cursor)
    assert [(c["pupil_id"], c["kind"], c["fields"]) for c in changes] == [
        (held.pk, "updated", ["surname"])
    ]


def test_a_change_the_api_does_not_show_is_not_in_the_feed(synced, client, api):
    _, cursor = follow(api)
    held = Pupil.objects.filter(school=synced).exclude(contacts=[]).first()
    Pupil.objects.filter(pk=held.pk).update(contacts=[])
    sync_school(synced, client=client, full=True)  # contacts come back; the API shows none
    assert follow(api, cursor)[0] == []


def test_a_restored_pupil_is_in_the_feed(synced, client, api):
    held = Pupil.objects.filter(school=synced).first()
    Pupil.objects.filter(pk=held.pk).update(on_roll=False)
    _, cursor = follow(api)
    sync_school(synced, client=client, full=True)
    changes, _ = follow(api, cursor)
    assert [(c["pupil_id"], c["kind"]) for c in changes] == [(held.pk, "restored")]


def test_a_ctf_import_is_in_the_feed(school, client, api_for):
    synced_at = dt.datetime(2025, 6, 30, 1, 0, tzinfo=dt.UTC)
    sync_school(school, client=client, now=synced_at)
    api = api_for(school)
    _, cursor = follow(api)
    held = Pupil.objects.filter(school=school, upn__isnull=False).first()
    data = ctf(
        pupil(
            "<BasicDetails><Ethnicity>ZZZZ</Ethnicity></BasicDetails>",
            upn=str(held.upn), surname=held.surname, forename=held.forename,
            dob=str(held.date_of_birth),
        ),
        made="2025-07-01T10:00:00",
    )  # fmt: skip
    later = dt.datetime(2025, 7, 2, 1, 0, tzinfo=dt.UTC)
    apply(build_preview(school, data, today=later.date()), now=later)
    changes, _ = follow(api, cursor)
    assert [(c["pupil_id"], c["kind"], c["fields"]) for c in changes] == [
        (held.pk, "updated", ["ethnicity"])
    ]


def test_the_feed_is_written_in_a_fixed_number_of_statements(synced, django_assert_num_queries):
    ids = list(Pupil.objects.filter(school=synced).values_list("pk", flat=True))
    plan = Plan(
        changes=[Change(pk, PupilFields(surname="A"), PupilFields(surname="B")) for pk in ids]
    )
    with django_assert_num_queries(4):  # the counter: insert if new, increment, read; entries
        assert feed.record(plan, [], synced, timezone.now()) == len(ids)
    assert FeedEntry.objects.filter(school=synced).count() == feed.head(synced) == 2 * len(ids)


def test_the_head_is_the_newest_cursor(synced, api):
    _, last = follow(api)
    assert api.get(f"{CHANGES}/head").json() == {"cursor": last}


def test_another_schools_key_sees_none_of_its_changes(synced, riverside_api):
    assert riverside_api.get(CHANGES).json() == {"changes": [], "next": "0", "more": False}


def test_a_cursor_that_is_not_a_number_is_refused(api):
    assert api.get(CHANGES, {"since": "abc"}).status_code == 422


def _wonde_id(pupil_id: int) -> str | None:
    return Pupil.objects.get(pk=pupil_id).wonde_id
