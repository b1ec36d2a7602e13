"""`pupilsync demo` makes the sign-in `python3 dev.py run` prints: the demo school's admin."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.test import RequestFactory

from fakewonde import DEMO_SCHOOL_ID
from pupilsync.models import Staff


def sign_in_as(**credentials: str):
    """The user these credentials sign in, as the sign-in page asks (axes needs a request)."""
    return authenticate(RequestFactory().post("/sign-in/"), **credentials)


pytestmark = pytest.mark.django_db


def test_demo_creates_an_admin_of_the_demo_school(client, monkeypatch):
    monkeypatch.setattr("pupilsync.sync.engine.wonde_client", lambda: client)
    call_command("demo", stdout=StringIO())
    user = authenticate(
        RequestFactory().post("/sign-in/"), username="admin", password="pupilsync-demo"
    )
    assert user is not None
    member = Staff.objects.get(user=user)
    assert member.is_admin and member.school.wonde_id == DEMO_SCHOOL_ID


def test_demo_run_twice_keeps_one_membership(client, monkeypatch):
    monkeypatch.setattr("pupilsync.sync.engine.wonde_client", lambda: client)
    call_command("demo", stdout=StringIO())
    call_command("demo", stdout=StringIO())
    assert Staff.objects.filter(user__username="admin").count() == 1


def test_the_demo_password_passes_the_password_rules():
    validate_password("pupilsync-demo", User(username="admin", email="admin@example.org"))
