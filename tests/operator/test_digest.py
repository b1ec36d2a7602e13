from __future__ import annotations

import pytest
from django.core import mail

from pupilsync.accounts import add_member
from pupilsync.operator import digest
from pupilsync.operator.digest import send_digest
from tests.operator.factories import NOW, operator, run, school

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def locmem(settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.OPERATOR_EMAILS = []
    settings.OPERATOR_BOARD_URL = "https://sync.example/operator/"


def test_the_digest_goes_to_operators_and_never_to_school_accounts():
    operator("ops@pupilsync.example")
    oak = school("Oak", "A1")
    head = add_member(oak, "head@oak.example", "admin", "pw-123456789")
    head.user.is_staff = True
    head.user.save()
    assert send_digest(NOW) == 1
    assert mail.outbox[0].to == ["ops@pupilsync.example"]


def test_operator_emails_set_in_the_settings_win(settings):
    settings.OPERATOR_EMAILS = ["oncall@pupilsync.example"]
    operator("ops@pupilsync.example")
    send_digest(NOW)
    assert mail.outbox[0].to == ["oncall@pupilsync.example"]


def test_no_operator_means_no_email():
    assert send_digest(NOW) == 0
    assert mail.outbox == []


def test_the_digest_carries_last_nights_totals_and_the_schools_needing_action():
    operator()
    run(school("Ash Academy", "A1"), "completed", seconds=12, created=2, updated=1, http_requests=9)
    run(school("Holly Primary", "A2"), "held", seconds=30)
    message = (send_digest(NOW), mail.outbox[0])[1]
    assert message.subject == "[pupilsync] Wed 2 Dec: 1 synced, 0 failed, 1 held"
    assert "pupils changed   3" in message.body
    assert "Wonde requests   9" in message.body
    assert "duration p95     30.0 s" in message.body
    assert "Held by the breaker (1)" in message.body
    assert "  - Holly Primary (A2)" in message.body
    assert "Ash Academy (A1)" not in message.body


def test_a_long_list_is_cut_short_with_a_link_to_the_board(monkeypatch):
    monkeypatch.setattr(digest, "LISTED", 2)
    operator()
    for n in range(3):
        school(f"School {n}", f"A{n}", term_dates=False)
    body = (send_digest(NOW), mail.outbox[0].body)[1]
    assert "Term dates missing or due (3)" in body
    assert "... and 1 more: https://sync.example/operator/?need=term_dates" in body


def test_a_quiet_night_says_so():
    operator()
    send_digest(NOW)
    assert "No school needs action." in mail.outbox[0].body
