"""`pupilsync settings`, `permissions` and `history`."""

import datetime as dt
import json

import pytest
from django.core.management import CommandError

from fakewonde import DEMO_SCHOOL_ID
from pupilsync.models import Pupil
from pupilsync.sync.options import options_for
from tests.cli.shell import run

pytestmark = pytest.mark.django_db


def test_settings_lists_every_setting_with_the_guides_defaults(school):
    rows = json.loads(run("settings", DEMO_SCHOOL_ID, "--json"))["settings"]
    assert {row["key"]: row["value"] for row in rows} == {
        "add_unexplained_to_unauthorised": True,
        "sync_sen_types": True,
        "sync_sen_provision": True,
        "null_means_no_sen": False,
        "sync_contacts": True,
        "sync_photos": True,
        "hold_archive_percent": 10,
        "hold_change_percent": 10,
    }


def test_settings_set_changes_a_setting(school):
    run("settings", DEMO_SCHOOL_ID, "--set", "sync_photos=off")
    assert options_for(school).sync_photos is False


def test_settings_adds_and_removes_a_custom_sen_code(school):
    run("settings", DEMO_SCHOOL_ID, "--sen-code", "mp=k")
    assert dict(options_for(school).sen_codes) == {"MP": "K"}
    run("settings", DEMO_SCHOOL_ID, "--remove-sen-code", "MP")
    assert dict(options_for(school).sen_codes) == {}


def test_a_bad_key_changes_nothing_even_beside_a_good_one(school):
    with pytest.raises(CommandError, match=r"unknown setting 'photos'.*nothing was changed"):
        run("settings", DEMO_SCHOOL_ID, "--set", "sync_contacts=off", "--set", "photos=off")
    assert options_for(school).sync_contacts is True


def test_a_threshold_is_a_percentage(school):
    run("settings", DEMO_SCHOOL_ID, "--set", "hold_archive_percent=25%")
    assert options_for(school).hold_archive_percent == 25
    with pytest.raises(CommandError, match="whole percentage from 0 to 100"):
        run("settings", DEMO_SCHOOL_ID, "--set", "hold_archive_percent=250")


def test_a_bad_value_is_a_clear_error(school):
    with pytest.raises(CommandError, match="sync_photos must be on or off, not 'maybe'"):
        run("settings", DEMO_SCHOOL_ID, "--set", "sync_photos=maybe")


def test_a_standard_code_cannot_be_remapped(school):
    with pytest.raises(CommandError, match="K is a standard SEN code"):
        run("settings", DEMO_SCHOOL_ID, "--sen-code", "K=E")


def test_a_custom_code_must_map_to_an_official_provision(school):
    with pytest.raises(CommandError, match=r"must map to N .* K .* or E"):
        run("settings", DEMO_SCHOOL_ID, "--sen-code", "MP=Z")
    assert dict(options_for(school).sen_codes) == {}


def test_permissions_says_which_are_granted_and_what_uses_them(served, world, school):
    world.set_permission(DEMO_SCHOOL_ID, "photos.read", False)
    rows = {
        row["identity"]: row for row in json.loads(run("permissions", DEMO_SCHOOL_ID, "--json"))
    }
    assert rows["photos.read"]["granted"] is False
    assert rows["photos.read"]["features"] == ["Pupil photos"]
    assert rows["students.read"]["granted"] is True


def test_permissions_text_marks_a_denied_one(served, world, school):
    world.set_permission(DEMO_SCHOOL_ID, "contacts.read", False)
    assert "DENIED   Contacts read" in run("permissions", DEMO_SCHOOL_ID)


def test_history_prints_a_pupils_changes_with_their_source(served, world, school):
    run("sync", DEMO_SCHOOL_ID)
    pupil = Pupil.objects.filter(school=school).first()
    fake = world.schools[DEMO_SCHOOL_ID].students[pupil.wonde_id]
    fake.forename = "Rowan"
    fake.touch(world.clock + dt.timedelta(minutes=1))
    run("sync", DEMO_SCHOOL_ID)
    rows = json.loads(run("history", DEMO_SCHOOL_ID, pupil.upn, "--json"))
    assert (rows[0]["field"], rows[0]["new"], rows[0]["source"]) == (
        "forename",
        "Rowan",
        "Wonde sync",
    )
    assert rows[-1]["field"] == "pupil" and rows[-1]["new"] == "added"


def test_history_of_an_unknown_upn_is_a_clear_error(school):
    with pytest.raises(CommandError, match="no pupil with UPN"):
        run("history", DEMO_SCHOOL_ID, "A123456789012")
