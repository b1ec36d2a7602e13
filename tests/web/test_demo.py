"""`pupilsync demo` makes the sign-in `python3 dev.py run` prints: the demo school's admin."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from fakewonde import DEMO_SCHOOL_ID
from pupilsync.models import Staff

pytestmark = pytest.mark.django_db


def test_demo_creates_an_admin_of_the_demo_school(client, monkeypatch):
    monkeypatch.setattr("pupilsync.sync.engine.wonde_client", lambda: client)
    call_command("demo", stdout=StringIO())
    user = authenticate(username="admin", password="pupilsync-demo")
    assert user is not None
    member = Staff.objects.get(user=user)
    assert member.is_admin and member.school.wonde_id == DEMO_SCHOOL_ID


def test_demo_run_twice_keeps_one_membership(client, monkeypatch):
    monkeypatch.setattr("pupilsync.sync.engine.wonde_client", lambda: client)
    call_command("demo", stdout=StringIO())
    call_command("demo", stdout=StringIO())
    assert Staff.objects.filter(user__username="admin").count() == 1
