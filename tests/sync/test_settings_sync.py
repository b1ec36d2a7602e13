"""Settings, permissions, weekly photos and history through a whole sync against the fake."""

import datetime as dt

import httpx
import pytest

from fakewonde import DEMO_SCHOOL_ID, DEMO_TOKEN
from pupilsync import school_settings
from pupilsync.export import export_pupils
from pupilsync.models import Pupil, PupilChange, PupilPhoto, PupilYear, SyncIssue
from pupilsync.sync.engine import sync_school
from pupilsync.sync.store import UNTRACKED
from wonde import RetryPolicy, WondeClient

pytestmark = pytest.mark.django_db
WEEK = dt.timedelta(days=7)


class Counting(httpx.BaseTransport):
    """The fake's transport, remembering the URL of every request."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.urls: list[httpx.URL] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.urls.append(request.url)
        return self.inner.handle_request(request)

    def reads(self, ending: str) -> int:
        """How often a list was read from its first page (a long list takes several pages)."""
        return sum(1 for url in self.urls if url.path.endswith(ending) and _first_page(url))


def _first_page(url: httpx.URL) -> bool:
    return url.params.get("page", "1") == "1" and url.params.get("cursor", "true") == "true"


@pytest.fixture
def counting(world):
    return Counting(world.transport())


@pytest.fixture
def watched(counting):
    return WondeClient(DEMO_TOKEN, transport=counting, retry=RetryPolicy(sleep=lambda s: None))


def unexplained_absences(world, *, sessions: int) -> None:
    """The first pupil on the fake's roll has missed `sessions` sessions without a reason."""
    summary = next(iter(world.school(DEMO_SCHOOL_ID).attendance.values()))
    summary.possible += sessions
    summary.unexplained += sessions


def contacts_held(school):
    return sum(
        len(c) for c in Pupil.objects.filter(school=school).values_list("contacts", flat=True)
    )


def test_a_denied_permission_leaves_what_we_hold_untouched(world, client, school):
    sync_school(school, client=client)
    before = list(PupilPhoto.objects.order_by("pk").values_list("pk", "wonde_hash"))
    world.set_permission(DEMO_SCHOOL_ID, "photos.read", False)
    world.set_permission(DEMO_SCHOOL_ID, "students.sen.read", False)
    sen = list(PupilYear.objects.order_by("pk").values_list("sen_provision", "sen_needs"))
    result = sync_school(school, client=client, full=True)
    assert result.status == "completed"
    assert list(PupilPhoto.objects.order_by("pk").values_list("pk", "wonde_hash")) == before
    assert list(PupilYear.objects.order_by("pk").values_list("sen_provision", "sen_needs")) == sen


def test_a_denied_permission_is_one_clear_issue(world, client, school):
    world.set_permission(DEMO_SCHOOL_ID, "photos.read", False)
    sync_school(school, client=client)
    issues = SyncIssue.objects.filter(school=school, code="permission_denied")
    assert [i.message[:60] for i in issues] == [
        "Pupil photos are on, but the school has not granted 'Photos "
    ]


def test_a_denied_students_permission_fails_the_run_and_changes_nothing(world, client, school):
    sync_school(school, client=client)
    world.set_permission(DEMO_SCHOOL_ID, "students.read", False)
    before = list(Pupil.objects.order_by("pk").values())
    result = sync_school(school, client=client, full=True)
    assert result.status == "failed" and "Students read" in result.error
    assert list(Pupil.objects.order_by("pk").values()) == before


def test_a_feature_that_is_off_does_not_need_its_permission(world, client, school):
    world.set_permission(DEMO_SCHOOL_ID, "photos.read", False)
    school_settings.update(school, values={"sync_photos": "off"})
    sync_school(school, client=client)
    assert not SyncIssue.objects.filter(school=school, code="permission_denied").exists()


def test_photos_are_read_weekly_not_nightly(frozen_clock, counting, watched, school):
    now = frozen_clock
    sync_school(school, client=watched, now=now)
    sync_school(school, client=watched, now=now + dt.timedelta(days=1))
    assert counting.reads("/photos") == 1
    sync_school(school, client=watched, now=now + WEEK)
    assert counting.reads("/photos") == 2


def test_an_unchanged_photo_is_not_downloaded_again(frozen_clock, watched, school):
    now = frozen_clock
    first = sync_school(school, client=watched, now=now)
    again = sync_school(school, client=watched, now=now + WEEK)
    assert first.photos == PupilPhoto.objects.count() > 0
    assert again.photos_checked and again.photos == 0


def test_a_retaken_photo_is_downloaded_at_the_weekly_refresh(frozen_clock, world, watched, school):
    now = frozen_clock
    sync_school(school, client=watched, now=now)
    pupil = Pupil.objects.filter(school=school).first()
    photo = world.retake_photo(DEMO_SCHOOL_ID, pupil.wonde_id)
    result = sync_school(school, client=watched, now=now + WEEK)
    assert result.photos == 1
    assert PupilPhoto.objects.get(pupil=pupil).wonde_hash == photo.hash


def test_turning_photos_off_removes_the_synced_photos_and_reads_none(counting, watched, school):
    sync_school(school, client=watched)
    school_settings.update(school, values={"sync_photos": "off"})
    sync_school(school, client=watched, full=True)
    assert PupilPhoto.objects.filter(school=school).count() == 0
    assert counting.reads("/photos") == 1


def test_turning_photos_back_on_reads_them_all_at_once(watched, school):
    sync_school(school, client=watched)
    held = PupilPhoto.objects.count()
    school_settings.update(school, values={"sync_photos": "off"})
    sync_school(school, client=watched)
    school_settings.update(school, values={"sync_photos": "on"})
    sync_school(school, client=watched)
    assert PupilPhoto.objects.count() == held


def test_turning_contacts_off_removes_them_at_the_next_run_which_reads_everyone(client, school):
    sync_school(school, client=client)
    assert contacts_held(school) > 0
    school_settings.update(school, values={"sync_contacts": "off"})
    result = sync_school(school, client=client)
    assert result.full and contacts_held(school) == 0


def test_the_export_applies_the_unexplained_absence_setting(world, client, school):
    unexplained_absences(world, sessions=3)  # term may not have started: no absences yet
    sync_school(school, client=client)
    year = PupilYear.objects.filter(school=school, att_unexplained__gt=0).first()
    upn = year.pupil.upn
    on = next(p for p in export_pupils(school) if p["upn"] == upn)["attendance"]
    school_settings.update(school, values={"add_unexplained_to_unauthorised": "off"})
    off = next(p for p in export_pupils(school) if p["upn"] == upn)["attendance"]
    assert on["unauthorised"] - off["unauthorised"] == year.att_unexplained


def test_every_change_the_sync_makes_is_kept_as_history(world, client, school):
    sync_school(school, client=client)
    world.advance_day(DEMO_SCHOOL_ID, seed=3)
    result = sync_school(school, client=client)
    plan = result.plan
    changed = sum(len(set(c.fields) | (set(c.year) - UNTRACKED)) for c in plan.changes)
    rows = PupilChange.objects.filter(run=result.run)
    pupil_level = rows.filter(field="on_roll", academic_year=None)
    assert rows.exclude(field="pupil").exclude(pk__in=pupil_level).count() == changed - sum(
        1 for c in plan.changes if (c.archived or c.restored) and "on_roll" in c.year
    )
    assert pupil_level.count() == plan.archived + plan.restored > 0
    assert rows.filter(field="pupil").count() == len(plan.creates)


def test_history_says_what_a_value_was_and_became(world, client, school):
    sync_school(school, client=client)
    pupil = Pupil.objects.filter(school=school).first()
    fake = world.schools[DEMO_SCHOOL_ID].students[pupil.wonde_id]
    fake.ethnicity = "WIRI"
    fake.touch(world.clock + dt.timedelta(minutes=1))
    result = sync_school(school, client=client)
    row = PupilChange.objects.get(pupil=pupil, field="ethnicity")
    assert (row.new, row.source, row.run_id) == ("WIRI", "wonde", result.run.pk)
    assert row.old == pupil.ethnicity
