"""Admin actions are kept in an audit log with who and when."""

import json

import pytest
from django.contrib.auth.models import User

from fakewonde import DEMO_SCHOOL_ID
from pupilsync import school_settings
from pupilsync.models import AuditEvent
from pupilsync.school_settings import SettingsError
from tests.cli.shell import run

pytestmark = pytest.mark.django_db


def test_a_settings_change_is_kept_with_the_user_who_made_it(school):
    user = User.objects.create_user("head", "head@school.example", "x")
    school_settings.update(school, values={"sync_photos": "off"}, user=user)
    event = AuditEvent.objects.get(school=school)
    assert (event.action, event.by, event.user) == ("settings_changed", "head@school.example", user)
    assert event.detail["settings"] == {"sync_photos": False}


def test_a_refused_settings_change_leaves_no_audit_event(school):
    with pytest.raises(SettingsError):
        school_settings.update(school, values={"nonsense": "on"})
    assert not AuditEvent.objects.exists()


def test_a_sync_started_from_the_command_line_is_kept(served, school):
    run("sync", DEMO_SCHOOL_ID)
    event = AuditEvent.objects.get(school=school)
    assert event.action == "sync_started" and event.by.startswith("cli")


def test_the_audit_command_lists_events_newest_first(school):
    school_settings.update(school, values={"sync_photos": "off"}, by="support")
    school_settings.update(school, add_codes={"MP": "K"}, by="support")
    rows = json.loads(run("audit", DEMO_SCHOOL_ID, "--json"))
    assert [r["detail"]["sen_codes_added"] for r in rows] == [{"MP": "K"}, {}]
