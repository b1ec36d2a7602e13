"""Brute force: a few wrong passwords lock the name (and the address) out, the right password
is then refused too until an admin unlocks it, and unknown names get the very same answers."""

import re
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from pupilsync.accounts import add_member
from pupilsync.models import AuditEvent, School, Staff

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"
LIMIT = settings.AXES_FAILURE_LIMIT
CSRF_TOKEN = re.compile(rb"[A-Za-z0-9]{64}")


@pytest.fixture
def head(db: None) -> Staff:
    school = School.objects.create(name="Oakfield Primary", wonde_id="A000000001")
    return add_member(school, "head@oakfield.example", "admin", PASSWORD)


def sign_in(username: str, password: str, address: str = "203.0.113.7"):
    form = {"username": username, "password": password}
    return Client(REMOTE_ADDR=address).post(reverse("login"), form)


def fail(username: str, times: int = LIMIT, address: str = "203.0.113.7") -> list[int]:
    return [sign_in(username, "wrong-guess", address).status_code for _ in range(times)]


def test_the_limit_is_a_few_failures():
    assert 3 <= LIMIT <= 10


def test_wrong_passwords_up_to_the_limit_lock_the_user_out(head):
    answers = fail("head@oakfield.example")
    assert answers[:-1] == [200] * (LIMIT - 1) and answers[-1] == 429


def test_the_right_password_is_refused_while_locked_out(head):
    fail("head@oakfield.example")
    response = sign_in("head@oakfield.example", PASSWORD, address="198.51.100.2")
    assert response.status_code == 429 and "_auth_user_id" not in response.client.session
    assert "Too many failed sign-ins" in response.content.decode()


def test_the_user_name_is_locked_whatever_its_case(head):
    fail("HEAD@oakfield.example")
    assert sign_in("head@oakfield.example", PASSWORD, address="198.51.100.2").status_code == 429


def test_the_address_is_locked_out_for_every_name(head):
    for n in range(LIMIT):
        sign_in(f"guess{n}@oakfield.example", "wrong-guess")
    assert sign_in("head@oakfield.example", PASSWORD).status_code == 429
    assert sign_in("head@oakfield.example", PASSWORD, address="198.51.100.2").status_code == 302


def test_an_unlock_from_the_command_line_lets_the_right_password_in(head):
    fail("head@oakfield.example")
    out = StringIO()
    call_command("user", "unlock", "head@oakfield.example", "--address", "203.0.113.7", stdout=out)
    assert "Unlocked head@oakfield.example" in out.getvalue()
    assert sign_in("head@oakfield.example", PASSWORD).status_code == 302


def test_a_forged_forwarded_address_does_not_escape_the_lockout(head):
    fail("nobody@example.org")
    response = Client(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="192.0.2.99").post(
        reverse("login"), {"username": "head@oakfield.example", "password": PASSWORD}
    )
    assert response.status_code == 429


def test_an_unknown_name_gets_the_same_answers_as_a_known_one(head):
    known = [sign_in("head@oakfield.example", "wrong-guess", "198.51.100.1") for _ in range(LIMIT)]
    unknown = [
        sign_in("ghost@oakfield.example", "wrong-guess", "198.51.100.9") for _ in range(LIMIT)
    ]
    for a, b in zip(known, unknown, strict=True):
        assert a.status_code == b.status_code
        assert page(a, "head@") == page(b, "ghost@")


def page(response, name: bytes | str) -> bytes:
    """The page with the name typed and the (per-browser) CSRF token blanked out."""
    typed = name.encode() if isinstance(name, str) else name
    return CSRF_TOKEN.sub(b"TOKEN", response.content.replace(typed, b"NAME@"))


def test_failures_and_the_lockout_are_in_the_schools_audit_log(head):
    fail("head@oakfield.example")
    actions = list(AuditEvent.objects.filter(school=head.school).values_list("action", flat=True))
    assert actions.count("sign_in_failed") == LIMIT and actions.count("sign_in_locked") == 1
    event = AuditEvent.objects.filter(action="sign_in_locked").get()
    assert event.by == "sign-in from 203.0.113.7" and PASSWORD not in str(event.detail)


def test_an_unlock_is_in_the_audit_log(head):
    fail("head@oakfield.example")
    call_command("user", "unlock", "head@oakfield.example", stdout=StringIO())
    assert AuditEvent.objects.filter(school=head.school, action="sign_in_unlocked").exists()


def test_attempts_during_a_lockout_do_not_fill_the_audit_log(head):
    fail("head@oakfield.example", times=LIMIT + 10)
    assert AuditEvent.objects.filter(action="sign_in_failed").count() == LIMIT


def test_the_django_admin_lists_the_attempts_to_unlock(head):
    superuser = Client()
    superuser.force_login(get_user_model().objects.create_superuser("root", "r@x.example", "x"))
    fail("head@oakfield.example")
    response = superuser.get("/admin/axes/accessattempt/")
    assert response.status_code == 200 and "head@oakfield.example" in response.content.decode()
