"""`pupilsync user add SCHOOL EMAIL --role admin|staff [--password P]`."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from pupilsync.models import Staff


def sign_in_as(**credentials: str):
    """The user these credentials sign in, as the sign-in page asks (axes needs a request)."""
    return authenticate(RequestFactory().post("/sign-in/"), **credentials)


pytestmark = pytest.mark.django_db


def user_add(*args: str) -> str:
    out = StringIO()
    call_command("user", "add", *args, stdout=out)
    return out.getvalue()


def test_it_adds_an_admin_with_the_given_password(school):
    output = user_add(
        school.wonde_id, "Head@School.example", "--role", "admin", "--password", "s3cret-pass"
    )
    staff = Staff.objects.get(user__email="head@school.example")
    assert staff.school == school and staff.is_admin
    assert "Password" not in output
    assert (
        authenticate(
            RequestFactory().post("/sign-in/"),
            username="head@school.example",
            password="s3cret-pass",
        )
        == staff.user
    )


def test_it_prints_a_generated_password_when_none_is_given(school):
    output = user_add(str(school.pk), "teacher@school.example", "--role", "staff")
    password = output.split("Password: ", 1)[1].strip()
    assert (
        authenticate(
            RequestFactory().post("/sign-in/"), username="teacher@school.example", password=password
        )
        is not None
    )
    assert not Staff.objects.get(user__email="teacher@school.example").is_admin


def test_it_refuses_an_email_already_in_use(school):
    user_add(school.wonde_id, "a@school.example", "--role", "staff")
    with pytest.raises(CommandError, match="already exists"):
        user_add(school.wonde_id, "A@school.example", "--role", "admin")


def test_it_refuses_something_that_is_not_an_email(school):
    with pytest.raises(CommandError, match="not an email"):
        user_add(school.wonde_id, "nobody", "--role", "staff")


def test_it_refuses_an_unknown_school(db):
    with pytest.raises(CommandError, match="no school"):
        user_add("A999", "a@school.example", "--role", "staff")


@pytest.mark.parametrize("weak", ["short1", "password123", "1234567890", "head@school.example"])
def test_it_refuses_a_password_the_rules_call_weak(school, weak):
    with pytest.raises(CommandError, match="too weak"):
        user_add(school.wonde_id, "head@school.example", "--role", "admin", "--password", weak)
    assert not Staff.objects.exists()
