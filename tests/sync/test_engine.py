"""The sync engine against the in-process fake Wonde."""

import datetime as dt

import httpx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fakewonde import DEMO_SCHOOL_ID, DEMO_TOKEN, demo_world
from pupilsync.models import Assessment, Pupil, PupilPhoto, PupilYear, SyncIssue, SyncRun
from pupilsync.models.run import AlreadyRunning
from pupilsync.sync.engine import sync_school
from wonde import WondeClient

pytestmark = pytest.mark.django_db


def on_roll(school):
    return Pupil.objects.filter(school=school, on_roll=True)


def snapshot(school):
    pupils = list(Pupil.objects.filter(school=school).order_by("pk").values())
    years = list(PupilYear.objects.filter(school=school).order_by("pk").values())
    return pupils, years


def test_a_first_sync_creates_every_pupil_on_roll(world, client, school):
    result = sync_school(school, client=client)
    roll = len(world.schools[DEMO_SCHOOL_ID].students)
    assert result.status == "completed" and result.full
    assert on_roll(school).count() == roll
    assert PupilYear.objects.filter(school=school).count() == roll


def test_it_records_the_run_with_its_counts(world, client, school):
    sync_school(school, client=client)
    run = SyncRun.objects.get(school=school)
    assert run.status == "completed"
    assert run.created == on_roll(school).count()
    assert run.http_requests == client.request_count > 0
    assert run.finished_at is not None


def test_a_second_sync_with_no_mis_change_writes_nothing(client, school):
    sync_school(school, client=client)
    before = snapshot(school)
    result = sync_school(school, client=client)
    assert result.plan.is_empty and not result.full
    assert snapshot(school) == before


def test_a_delta_that_brings_nothing_does_not_read_the_schools_pupils(client, school):
    sync_school(school, client=client)
    with CaptureQueriesContext(connection) as captured:
        result = sync_school(school, client=client)
    assert result.status == "completed"
    assert not [q for q in captured if 'FROM "pupilsync_pupilyear"' in q["sql"]]


def test_a_delta_that_brings_a_change_still_reads_them(world, client, school):
    sync_school(school, client=client)
    world.advance_day(DEMO_SCHOOL_ID, seed=3)
    with CaptureQueriesContext(connection) as captured:
        result = sync_school(school, client=client)
    assert result.plan.updated > 0
    assert [q for q in captured if 'FROM "pupilsync_pupilyear"' in q["sql"]]


def test_a_school_day_rewrites_only_the_year_columns_that_moved(world, client, school):
    sync_school(school, client=client)
    world.advance_day(DEMO_SCHOOL_ID, seed=3)
    with CaptureQueriesContext(connection) as captured:
        sync_school(school, client=client)
    writes = [q["sql"] for q in captured if 'UPDATE "pupilsync_pupilyear"' in q["sql"]]
    assert writes and any('"att_present"' in sql for sql in writes)
    assert not any('"classes"' in sql for sql in writes)


def test_a_full_resync_with_no_mis_change_writes_nothing(client, school):
    sync_school(school, client=client)
    before = snapshot(school)
    result = sync_school(school, client=client, full=True)
    assert result.plan.is_empty and result.plan.unchanged == on_roll(school).count()
    assert snapshot(school) == before


def test_it_archives_a_pupil_who_left_with_a_leaving_date(world, client, school):
    sync_school(school, client=client)
    changes = world.advance_day(DEMO_SCHOOL_ID, seed=1)
    sync_school(school, client=client)
    for wonde_id in changes.left:
        pupil = Pupil.objects.get(school=school, wonde_id=wonde_id)
        assert not pupil.on_roll and pupil.leaving_date is not None


def test_it_adds_pupils_who_joined(world, client, school):
    sync_school(school, client=client)
    changes = world.advance_day(DEMO_SCHOOL_ID, seed=1)
    sync_school(school, client=client)
    assert on_roll(school).filter(wonde_id__in=changes.joined).count() == len(changes.joined)


def test_it_restores_a_re_enrolled_pupil_onto_the_same_record(world, client, school):
    sync_school(school, client=client)
    first = world.advance_day(DEMO_SCHOOL_ID, seed=1)
    sync_school(school, client=client)
    left = Pupil.objects.get(school=school, wonde_id=first.left[0])
    for day in range(2, 12):
        changes = world.advance_day(DEMO_SCHOOL_ID, seed=day)
        sync_school(school, client=client)
        if changes.reenrolled:
            break
    students = world.schools[DEMO_SCHOOL_ID].students
    upis = [students[wonde_id].upi for wonde_id in changes.reenrolled]
    returned = Pupil.objects.filter(school=school, upi__in=upis)
    assert returned.exists() and all(p.on_roll and p.leaving_date is None for p in returned)
    assert Pupil.objects.filter(school=school, upi=left.upi).count() == 1


def test_a_delta_sync_matches_what_a_full_sync_gives(world, client, school):
    sync_school(school, client=client)
    world.advance_day(DEMO_SCHOOL_ID, seed=3)
    sync_school(school, client=client)
    after_delta = snapshot(school)
    result = sync_school(school, client=client, full=True)
    assert result.plan.is_empty, result.plan.changes[:3]
    assert snapshot(school) == after_delta


def test_assessments_survive_every_sync(world, client, school):
    sync_school(school, client=client)
    pupil = on_roll(school).first()
    Assessment.objects.create(school=school, pupil=pupil, subject="Maths", name="KS2", result="110")
    world.advance_day(DEMO_SCHOOL_ID, seed=1)
    sync_school(school, client=client)
    sync_school(school, client=client, full=True)
    assert Assessment.objects.get(pupil=pupil).result == "110"


def test_a_local_edit_is_overwritten_by_the_mis(client, school):
    sync_school(school, client=client)
    pupil = on_roll(school).first()
    true_surname = pupil.surname
    Pupil.objects.filter(pk=pupil.pk).update(surname="Edited")
    sync_school(school, client=client, full=True)
    pupil.refresh_from_db()
    assert pupil.surname == true_surname


def test_a_failed_fetch_changes_nothing_and_fails_the_run(world, client, school):
    sync_school(school, client=client)
    world.advance_day(DEMO_SCHOOL_ID, seed=1)
    before = snapshot(school)
    world.faults.inject("500", path="/attendance-summaries", times=50)
    result = sync_school(school, client=client, full=True)
    assert result.status == "failed"
    assert snapshot(school) == before
    issue = SyncIssue.objects.get(run=result.run)
    assert issue.code == "fetch_failed" and "nothing was changed" in issue.message


@pytest.mark.parametrize("path", ["/attendance-summaries", "/students-leaver", "/deletions"])
def test_a_list_read_beside_the_roll_that_fails_changes_nothing(world, client, school, path):
    # These lists are read in threads of their own while the roll is read: a failure in any
    # of them still fails the whole run before anything is written.
    sync_school(school, client=client)
    world.advance_day(DEMO_SCHOOL_ID, seed=1)
    before = snapshot(school)
    world.faults.inject("500", path=path, times=50)
    result = sync_school(school, client=client, full=True)
    assert result.status == "failed"
    assert snapshot(school) == before


def test_a_first_sync_whose_photos_fail_creates_no_pupil(world, client, school):
    world.faults.inject("500", path="/photos", times=50)
    result = sync_school(school, client=client)
    assert result.status == "failed"
    assert not Pupil.objects.filter(school=school).exists()


def test_a_revoked_token_fails_the_run_with_a_clear_reason(world, client, school):
    world.faults.inject("401", path="/students")
    result = sync_school(school, client=client)
    assert result.status == "failed" and "token" in result.error
    assert not Pupil.objects.filter(school=school).exists()


def test_it_rides_out_rate_limits_and_server_errors(world, client, school):
    world.faults.inject("429", path="/students", times=2, retry_after=1)
    world.faults.inject("503", path="/photos", times=1)
    result = sync_school(school, client=client)
    assert result.status == "completed"
    assert on_roll(school).count() == len(world.schools[DEMO_SCHOOL_ID].students)


def test_two_syncs_of_one_school_never_run_at_once(client, school):
    SyncRun.objects.start(school, trigger="cli", full=True, academic_year=2026)
    with pytest.raises(AlreadyRunning):
        sync_school(school, client=client)


def test_a_dry_run_writes_nothing(client, school):
    result = sync_school(school, client=client, dry_run=True)
    assert len(result.plan.creates) > 0
    assert not Pupil.objects.exists() and not SyncRun.objects.exists()


def test_it_stores_photos_and_skips_an_unchanged_one(world, client, school):
    first = sync_school(school, client=client)
    again = sync_school(school, client=client, full=True)
    assert first.photos == len(world.schools[DEMO_SCHOOL_ID].photos) > 0
    assert PupilPhoto.objects.filter(school=school).count() == first.photos
    assert again.photos == 0


def test_a_photo_that_is_not_an_image_is_an_issue_and_the_others_are_stored(world, client, school):
    photos = world.schools[DEMO_SCHOOL_ID].photos
    next(iter(photos.values())).content = "PGh0bWw+bm90IGEgcGhvdG88L2h0bWw+"  # <html>not a photo
    result = sync_school(school, client=client)
    assert result.photos == PupilPhoto.objects.filter(school=school).count() == len(photos) - 1
    issue = SyncIssue.objects.get(code="bad_photo")
    assert "not a readable image" in issue.message


def test_it_writes_into_the_current_academic_year(client, school):
    now = dt.datetime(2026, 11, 28, 12, tzinfo=dt.UTC)
    sync_school(school, client=client, now=now)
    assert set(PupilYear.objects.values_list("academic_year", flat=True)) == {2026}


def tampered(world, edit):
    """The fake's transport, with the first /students page passed through `edit`."""
    inner = world.transport()
    pages = []

    def handle(request: httpx.Request) -> httpx.Response:
        response = inner.handle_request(request)
        response.read()
        if not request.url.path.endswith("/students") or pages:
            return response
        pages.append(request.url)
        body = response.json()
        edit(body["data"])
        return httpx.Response(response.status_code, json=body, headers={"X-Tampered": "1"})

    return httpx.MockTransport(handle)


def test_a_record_without_an_id_becomes_an_issue_and_the_rest_still_syncs(world, school):
    def break_first(records):
        del records[0]["id"]

    client = WondeClient(DEMO_TOKEN, transport=tampered(world, break_first))
    result = sync_school(school, client=client)
    roll = len(world.schools[DEMO_SCHOOL_ID].students)
    assert result.status == "completed"
    assert on_roll(school).count() == roll - 1
    issue = SyncIssue.objects.get(run=result.run, code="malformed_record")
    assert issue.severity == "error" and "id" in issue.message


def test_an_unreadable_date_becomes_an_issue_and_the_pupil_still_syncs(world, school):
    def break_first(records):
        records[0]["date_of_birth"] = {"date": "not a date", "timezone": "UTC"}

    client = WondeClient(DEMO_TOKEN, transport=tampered(world, break_first))
    result = sync_school(school, client=client)
    assert on_roll(school).count() == len(world.schools[DEMO_SCHOOL_ID].students)
    issue = SyncIssue.objects.get(run=result.run, code="unreadable_value")
    assert "date_of_birth" in issue.message and "not a date" in issue.message


def test_a_pupil_without_a_upn_is_synced_with_a_warning(world, school):
    def drop_upn(records):
        records[0]["education_details"]["data"]["upn"] = None

    client = WondeClient(DEMO_TOKEN, transport=tampered(world, drop_upn))
    result = sync_school(school, client=client)
    assert on_roll(school).count() == len(world.schools[DEMO_SCHOOL_ID].students)
    issue = SyncIssue.objects.get(run=result.run, code="missing_upn")
    assert issue.pupil is not None and issue.pupil.upn is None


def test_two_pupils_sharing_a_upn_are_both_synced_with_a_warning(world, school):
    def share_upn(records):
        records[1]["education_details"]["data"]["upn"] = records[0]["education_details"]["data"][
            "upn"
        ]

    client = WondeClient(DEMO_TOKEN, transport=tampered(world, share_upn))
    result = sync_school(school, client=client)
    assert on_roll(school).count() == len(world.schools[DEMO_SCHOOL_ID].students)
    assert SyncIssue.objects.filter(run=result.run, code="duplicate_upn").count() == 1


def pupil_writes(queries):
    tables = ('"pupilsync_pupil"', '"pupilsync_pupilyear"', '"pupilsync_pupilphoto"')
    return [
        q["sql"]
        for q in queries
        if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))
        and any(t in q["sql"] for t in tables)
    ]


def test_a_resync_with_no_mis_change_sends_no_write_to_pupil_tables(client, school):
    sync_school(school, client=client)
    with CaptureQueriesContext(connection) as delta:
        sync_school(school, client=client)
    with CaptureQueriesContext(connection) as full:
        sync_school(school, client=client, full=True)
    assert pupil_writes(delta.captured_queries) == []
    assert pupil_writes(full.captured_queries) == []


def test_sql_statements_do_not_grow_with_the_number_of_pupils(school):
    counts = []
    for forms in (1, 3):
        world = demo_world(seed=5, phase="primary", forms=forms)
        client = WondeClient(DEMO_TOKEN, transport=world.transport())
        Pupil.objects.all().delete()
        SyncRun.objects.all().delete()
        sync_school(school, client=client)
        with CaptureQueriesContext(connection) as resync:
            sync_school(school, client=client, full=True)
        # Issues cost one statement per batch whatever the school's size; leave them out.
        queries = [q for q in resync.captured_queries if "pupilsync_syncissue" not in q["sql"]]
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_week_of_delta_syncs_ends_where_a_full_sync_would(world, client, school):
    sync_school(school, client=client)
    for day in range(1, 8):
        world.advance_day(DEMO_SCHOOL_ID, seed=day)
        assert sync_school(school, client=client).status == "completed"
    result = sync_school(school, client=client, full=True)
    assert result.plan.is_empty, result.plan.changes[:3]
    assert on_roll(school).count() == len(world.schools[DEMO_SCHOOL_ID].students)


def test_a_re_enrolled_pupils_photo_is_stored_under_their_new_wonde_id(
    world, client, school, settings
):
    settings.PHOTO_REFRESH_DAYS = 0  # read photos on every run, not weekly
    sync_school(school, client=client)
    fake = world.schools[DEMO_SCHOOL_ID]
    world.advance_day(DEMO_SCHOOL_ID, seed=1)
    sync_school(school, client=client)
    for day in range(2, 12):
        changes = world.advance_day(DEMO_SCHOOL_ID, seed=day)
        if changes.reenrolled:
            break
    new_id = changes.reenrolled[0]
    world.retake_photo(DEMO_SCHOOL_ID, new_id)
    sync_school(school, client=client)
    pupil = Pupil.objects.get(school=school, wonde_id=new_id)
    assert pupil.photo.wonde_hash == fake.photos[new_id].hash


@pytest.mark.parametrize(
    "kind", ["429", "500", "502", "503", "timeout", "drop", "malformed_json", "truncated_page"]
)
def test_a_passing_fault_is_retried_and_the_sync_completes(world, client, school, kind):
    world.faults.inject(kind, path="/students", times=1, retry_after=1)
    result = sync_school(school, client=client)
    assert result.status == "completed"
    assert on_roll(school).count() == len(world.schools[DEMO_SCHOOL_ID].students)


@pytest.mark.parametrize("kind", ["401", "403", "404", "next_loop"])
def test_a_lasting_fault_fails_the_run_and_changes_nothing(world, client, school, kind):
    sync_school(school, client=client)
    world.advance_day(DEMO_SCHOOL_ID, seed=2)
    before = snapshot(school)
    world.faults.inject(kind, path="/students", times=10)
    result = sync_school(school, client=client, full=True)
    assert result.status == "failed" and result.error
    assert snapshot(school) == before
