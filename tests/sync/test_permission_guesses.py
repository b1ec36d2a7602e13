"""A wrong guess at Wonde's permission identities cannot lock a school out."""

import datetime as dt

import pytest

from fakewonde import DEMO_SCHOOL_ID
from pupilsync.models import Pupil, SyncIssue, SyncRun
from pupilsync.sync import permissions
from pupilsync.sync.engine import sync_school
from pupilsync.sync.options import SyncOptions
from tests.rewrite import Rewrite, client_over, edit_body
from wonde.models import Permission

NOW = dt.datetime(2026, 11, 3, 2, tzinfo=dt.UTC)


def listed(**approved):
    return [Permission(identity=k.replace("__", "."), approved=v) for k, v in approved.items()]


def every(approved=True, **overrides):
    perms = {name: approved for name in permissions.NAMES} | overrides
    return [Permission(identity=k, approved=v) for k, v in perms.items()]


def test_the_table_is_read_from_its_data_file():
    assert permissions.BY_KEY["pupils"].required
    assert "students.sen.read" in permissions.BY_KEY["sen"].permissions
    assert permissions.NAMES["photos.read"] == "Photos read"


def test_an_identity_missing_from_the_list_is_unknown_and_its_feature_is_read():
    access = permissions.resolve([p for p in every() if p.identity != "photos.read"], SyncOptions())
    assert access.blocked == "" and "photos" in access.features
    assert "photos" in access.unknown


def test_an_empty_permission_list_still_reads_every_feature():
    access = permissions.resolve([], SyncOptions())
    assert access.blocked == "" and access.features >= {"pupils", "sen", "contacts"}
    (problem,) = access.problems
    assert problem.code == "permission_unknown" and problem.severity == "info"


def test_only_an_identity_listed_as_not_approved_blocks_its_feature():
    access = permissions.resolve(every(**{"photos.read": False}), SyncOptions())
    assert "photos" not in access.features
    assert [p.code for p in access.problems] == ["permission_denied"]


def test_a_denied_students_permission_still_blocks_the_sync():
    access = permissions.resolve(every(**{"students.read": False}), SyncOptions())
    assert "Students read" in access.blocked


def test_the_identities_wonde_sent_are_kept_as_sent():
    access = permissions.resolve(
        [Permission(identity="students:read", approved=True)], SyncOptions()
    )
    assert access.sent == ("students:read",)


def test_the_report_says_granted_denied_or_unknown():
    rows = permissions.report(listed(students__read=True, photos__read=False))
    state = {row["identity"]: row["state"] for row in rows}
    assert state["students.read"] == "granted" and state["photos.read"] == "denied"
    assert state["classes.read"] == "unknown"


def rename(body):
    for item in body["data"]:
        item["identity"] = "wonde:" + item["identity"].replace(".", "-")


def renamed(world):
    """The fake, its permission identities spelt as Wonde might really spell them."""
    return client_over(Rewrite(world.transport(), "/permissions", edit_body(rename)))


@pytest.mark.django_db
def test_a_school_whose_list_lacks_our_identities_still_syncs(world, school):
    result = sync_school(school, client=renamed(world), now=NOW)
    assert result.status == "completed"
    assert Pupil.objects.filter(school=school).count() == len(
        world.schools[DEMO_SCHOOL_ID].students
    )
    issue = SyncIssue.objects.get(run=result.run, code="permission_unknown")
    assert "wonde:students-read" in issue.message


@pytest.mark.django_db
def test_the_run_records_the_identities_wonde_sent(world, school):
    sync_school(school, client=renamed(world), now=NOW)
    run = SyncRun.objects.get(school=school)
    assert "wonde:photos-read" in run.permission_identities


@pytest.mark.django_db
def test_an_unknown_feature_wonde_refuses_is_dropped_not_a_failure(world, school):
    world.set_permission(DEMO_SCHOOL_ID, "photos.read", False)  # served 403, listed renamed
    result = sync_school(school, client=renamed(world), now=NOW)
    assert result.status == "completed"
    issue = SyncIssue.objects.get(run=result.run, code="permission_denied")
    assert "photos" in issue.message
