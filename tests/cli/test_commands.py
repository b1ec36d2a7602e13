"""The `pupilsync` command line, against the fake Wonde served on a local port."""

import json

import pytest
from django.core.management import CommandError

from fakewonde import DEMO_SCHOOL_ID
from pupilsync.models import School
from tests.cli.shell import run

pytestmark = pytest.mark.django_db

EXPORT_KEYS = {
    "upi",
    "wonde_id",
    "mis_id",
    "upn",
    "former_upn",
    "forename",
    "surname",
    "legal_forename",
    "legal_surname",
    "date_of_birth",
    "gender",
    "year_group",
    "registration_group",
    "classes",
    "admission_date",
    "leaving_date",
    "on_roll",
    "ethnicity",
    "eal",
    "fsm",
    "fsm_ever6",
    "pupil_premium",
    "in_care",
    "sen",
    "attendance",
    "contacts",
    "photo",
}


def test_school_add_prints_the_new_id():
    new_id = run("school", "add", "--name", "Oakfield", "--wonde-id", DEMO_SCHOOL_ID).strip()
    assert School.objects.get(pk=int(new_id)).wonde_id == DEMO_SCHOOL_ID


def test_school_add_refuses_a_wonde_id_twice():
    run("school", "add", "--name", "Oakfield", "--wonde-id", DEMO_SCHOOL_ID)
    with pytest.raises(CommandError, match="already exists"):
        run("school", "add", "--name", "Again", "--wonde-id", DEMO_SCHOOL_ID)


def test_school_list_json_lists_schools(school):
    rows = json.loads(run("school", "list", "--json"))
    assert rows[0]["wonde_id"] == DEMO_SCHOOL_ID


def test_sync_json_prints_the_run_summary(served, school):
    summary = json.loads(run("sync", DEMO_SCHOOL_ID, "--json"))
    assert summary["status"] == "completed" and summary["created"] > 0


def test_sync_accepts_our_id_as_well_as_the_wonde_id(served, school):
    assert "completed" in run("sync", str(school.pk))


def test_sync_dry_run_prints_the_plan_and_writes_nothing(served, school):
    out = run("sync", DEMO_SCHOOL_ID, "--dry-run")
    assert "+ new" in out and not school.pupils.exists()


def test_sync_exits_1_when_the_sync_fails(served, world, school):
    world.faults.inject("404", path="/students")
    with pytest.raises(SystemExit) as stop:
        run("sync", DEMO_SCHOOL_ID)
    assert stop.value.code == 1


def test_sync_of_an_unknown_school_is_a_clear_error():
    with pytest.raises(CommandError, match="no school"):
        run("sync", "A000")


def test_export_has_every_documented_key(served, school):
    run("sync", DEMO_SCHOOL_ID)
    pupils = json.loads(run("export", DEMO_SCHOOL_ID))
    assert pupils and set(pupils[0]) == EXPORT_KEYS
    assert any(p["photo"] for p in pupils) and any(p["contacts"] for p in pupils)


def test_export_leaves_out_leavers_unless_asked(served, world, school):
    run("sync", DEMO_SCHOOL_ID)
    world.advance_day(DEMO_SCHOOL_ID, seed=1)
    run("sync", DEMO_SCHOOL_ID)
    on_roll = json.loads(run("export", DEMO_SCHOOL_ID))
    everyone = json.loads(run("export", DEMO_SCHOOL_ID, "--include-archived"))
    assert all(p["on_roll"] for p in on_roll)
    assert any(not p["on_roll"] and p["leaving_date"] for p in everyone)


def test_runs_and_issues_list_the_latest_run(served, school):
    run("sync", DEMO_SCHOOL_ID)
    runs = json.loads(run("runs", DEMO_SCHOOL_ID, "--json"))
    assert runs[0]["status"] == "completed"
    issues = json.loads(run("issues", DEMO_SCHOOL_ID, "--json"))
    assert all(i["run"] == runs[0]["id"] for i in issues)
