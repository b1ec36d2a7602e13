"""A full sync archives only a roll shown complete: Wonde's count, every page, none twice."""

import datetime as dt

import httpx
import pytest

from fakewonde import DEMO_SCHOOL_ID
from pupilsync.models import Pupil, SyncIssue
from pupilsync.sync.engine import sync_school
from pupilsync.sync.fetch import roll_doubt
from tests.rewrite import Rewrite, client_over
from wonde.models import Invalid, Student

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 3, 2, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(hours=1)


def withdraw_one(world):
    """A pupil gone from the roll with no deletion or leaver entry to say so."""
    school = world.schools[DEMO_SCHOOL_ID]
    return school.students.pop(next(iter(school.students))).id


def counted(count):
    def answer(request, response):
        return httpx.Response(200, json={"data": {"students": {"data": {"count": count}}}})

    return answer


def test_a_pupil_missing_from_a_roll_that_matches_the_count_is_archived(world, client, school):
    sync_school(school, client=client, now=NOW)
    leaver = withdraw_one(world)
    result = sync_school(school, client=client, full=True, now=LATER)
    assert result.plan.archived == 1 and not Pupil.objects.get(wonde_id=leaver).on_roll


def test_a_roll_short_of_the_count_archives_no_one_but_applies_updates(world, client, school):
    sync_school(school, client=client, now=NOW)
    leaver = withdraw_one(world)
    roll = len(world.schools[DEMO_SCHOOL_ID].students)
    short = client_over(Rewrite(world.transport(), "/counts", counted(roll + 1)))
    result = sync_school(school, client=short, full=True, now=LATER)
    assert result.status == "completed" and result.plan.archived == 0
    assert Pupil.objects.get(wonde_id=leaver).on_roll
    issue = SyncIssue.objects.get(run=result.run, code="roll_not_proven")
    assert f"{roll} pupils were read but Wonde counts {roll + 1}" in issue.message


def test_a_count_that_cannot_be_read_archives_no_one(world, client, school):
    sync_school(school, client=client, now=NOW)
    leaver = withdraw_one(world)
    refused = client_over(
        Rewrite(world.transport(), "/counts", lambda r, _: httpx.Response(403, json={}))
    )
    result = sync_school(school, client=refused, full=True, now=LATER)
    assert result.status == "completed" and result.plan.archived == 0
    assert Pupil.objects.get(wonde_id=leaver).on_roll
    assert SyncIssue.objects.filter(run=result.run, code="roll_not_proven").exists()


def test_a_roll_with_a_pupil_read_twice_archives_no_one(world, client, school):
    sync_school(school, client=client, now=NOW)
    withdraw_one(world)
    roll = len(world.schools[DEMO_SCHOOL_ID].students)

    def shifted(request, response):
        body = response.json()
        if "cursor" in request.url.params and request.url.params["cursor"] != "true":
            body["data"] = [body["data"][0], *body["data"]][: len(body["data"])]
        return httpx.Response(200, json=body)

    twice = client_over(Rewrite(world.transport(), "/students", shifted))
    counts = sync_school(school, client=twice, full=True, now=LATER)
    assert counts.plan.archived == 0 and roll > 200  # the roll spans two pages
    issue = SyncIssue.objects.get(run=counts.run, code="roll_not_proven")
    assert "came twice" in issue.message


def test_a_delta_sync_never_asks_for_the_count(world, school):
    paths = []

    def note(request, response):
        paths.append(request.url.path)
        return response

    watched = client_over(Rewrite(world.transport(), "", note))
    sync_school(school, client=watched, now=NOW)
    paths.clear()
    sync_school(school, client=watched, now=LATER)
    assert not any(p.endswith("/counts") for p in paths)


def test_the_roll_is_proven_when_every_pupil_read_matches_the_count():
    students = [Student(id="A1"), Invalid(id="A2", error="x")]
    assert roll_doubt(students, 2) == ""


@pytest.mark.parametrize(
    ("ids", "count", "doubt"),
    [
        (["A1"], None, "no student count"),
        (["A1", "A1"], 2, "came twice"),
        (["A1"], 2, "1 pupils were read but Wonde counts 2"),
    ],
)
def test_the_roll_is_doubted_when_it_cannot_be_shown_complete(ids, count, doubt):
    assert doubt in roll_doubt([Student(id=i) for i in ids], count)
