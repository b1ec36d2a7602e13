"""The circuit breaker holds a sync that would change too much of the roll at once."""

import pytest
from django.core.management import CommandError

from fakewonde import DEMO_SCHOOL_ID
from pupilsync import admission, school_settings
from pupilsync.models import AuditEvent, Pupil, SyncIssue, SyncRun
from pupilsync.sync import breaker
from pupilsync.sync.diff import Change, Plan
from pupilsync.sync.engine import sync_school
from pupilsync.sync.options import SyncOptions
from pupilsync.sync.records import YearFields
from tests.cli.shell import run

RULES = SyncOptions()


def plan_of(changes):
    return Plan(changes=changes)


def archives(count):
    return [Change(i, archived=True, name=f"Pupil {i}") for i in range(count)]


def year_moves(count, old="5"):
    before, after = YearFields(year_group=old), YearFields(year_group="6")
    return [Change(i, old_year=before, new_year=after, name=f"Pupil {i}") for i in range(count)]


def test_it_holds_a_plan_that_archives_more_than_the_share():
    hold = breaker.check(plan_of(archives(11)), roll=100, rules=RULES)
    assert hold is not None and "archive 11 of 100 pupils (11%)" in hold.message


def test_it_lets_a_plan_at_the_share_through():
    assert breaker.check(plan_of(archives(10)), roll=100, rules=RULES) is None


def test_a_handful_of_leavers_from_a_tiny_school_is_never_held():
    assert breaker.check(plan_of(archives(4)), roll=10, rules=RULES) is None


def test_it_holds_a_plan_that_moves_many_pupils_year_group():
    hold = breaker.check(plan_of(year_moves(30)), roll=100, rules=RULES)
    assert hold is not None and "year group of 30 of 100" in hold.message
    assert hold.summary["year_changed"]["pupils"][0] == {"pupil": "Pupil 0", "from": "5", "to": "6"}


def test_a_first_value_for_a_new_year_is_not_a_move():
    assert breaker.check(plan_of(year_moves(30, old=None)), roll=100, rules=RULES) is None


def test_the_thresholds_are_the_schools_own():
    assert breaker.check(plan_of(archives(11)), 100, SyncOptions(hold_archive_percent=20)) is None


def test_a_threshold_of_zero_turns_the_breaker_off():
    assert breaker.check(plan_of(archives(90)), 100, SyncOptions(hold_archive_percent=0)) is None


@pytest.fixture
def half_gone(world, client, school):
    """A synced school whose MIS then lost a third of its pupils (a bad extract)."""
    sync_school(school, client=client)
    students = world.schools[DEMO_SCHOOL_ID].students
    for wonde_id in list(students)[: len(students) // 3]:
        del students[wonde_id]
    return school


@pytest.mark.django_db
def test_a_sync_that_would_archive_a_third_of_the_roll_is_held_and_changes_nothing(
    client, half_gone
):
    before = list(Pupil.objects.order_by("pk").values())
    result = sync_school(half_gone, client=client, full=True)
    assert result.status == "held" and not result.ok
    assert list(Pupil.objects.order_by("pk").values()) == before
    assert SyncIssue.objects.get(run=result.run, code="sync_held").severity == "error"


@pytest.mark.django_db
def test_an_approved_held_sync_is_applied(client, half_gone):
    sync_school(half_gone, client=client, full=True)
    result = sync_school(half_gone, client=client, full=True, approve=True)
    assert result.status == "completed" and result.plan.archived > 0
    assert not SyncRun.objects.filter(school=half_gone, status="held").exists()


@pytest.mark.django_db
def test_a_discarded_held_sync_is_no_longer_waiting(client, half_gone):
    sync_school(half_gone, client=client, full=True)
    half_gone.runs.discard_held()
    assert half_gone.runs.latest_held() is None


@pytest.mark.django_db
def test_a_school_can_raise_its_threshold_to_let_such_a_sync_through(client, half_gone):
    school_settings.update(half_gone, values={"hold_archive_percent": "50"})
    assert sync_school(half_gone, client=client, full=True).status == "completed"


@pytest.mark.django_db
def test_the_held_command_shows_what_the_sync_would_do(client, half_gone):
    sync_school(half_gone, client=client, full=True)
    out = run("held", DEMO_SCHOOL_ID)
    assert "This sync was held" in out and "archived:" in out


@pytest.mark.django_db
def test_the_held_command_says_when_nothing_is_held(school):
    with pytest.raises(CommandError, match="no held sync"):
        run("held", DEMO_SCHOOL_ID)


@pytest.mark.django_db
def test_approving_and_discarding_are_kept_in_the_audit_log(client, half_gone):
    sync_school(half_gone, client=client, full=True)
    admission.discard_held(half_gone, by="head@school.example")
    assert AuditEvent.objects.get(school=half_gone).action == "sync_discarded"
